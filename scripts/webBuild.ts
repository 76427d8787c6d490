import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { WEB_DIST } from '../shared/projectRoot';

/**
 * The web front ends' build (`web/dist`, served by the gateway): `npm run build:web` builds them;
 * `npm start` and `npm test` build them only when they are missing or stale. Stale means the hash of
 * what goes into them (the sources under `web/` but `web/dist`, the operations under `operations/`,
 * the lock file) differs from the one the last build wrote into `web/dist/build-stamp.json`.
 *
 *   tsx scripts/webBuild.ts             build
 *   tsx scripts/webBuild.ts --if-stale  build only when missing or stale
 */

const ROOT = path.resolve(__dirname, '..');
const STAMP = path.join(WEB_DIST, 'build-stamp.json');

export function filesUnder(dir: string, skip: ReadonlySet<string>): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (skip.has(full) || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) out.push(...filesUnder(full, skip));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** The SHA-256 of every input of the web's build: each file's path (from the repository) and content, in order. */
export function webSourcesHash(): string {
  const files = [
    ...filesUnder(path.join(ROOT, 'web'), new Set([WEB_DIST])),
    ...filesUnder(path.join(ROOT, 'operations'), new Set()),
    path.join(ROOT, 'package-lock.json'),
  ]
    .filter((file) => existsSync(file))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(ROOT, file).split(path.sep).join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Why `web/dist` must be built, or null when it is current. */
export function webBuildStaleness(): string | null {
  if (!existsSync(path.join(WEB_DIST, 'index.html')) || !existsSync(path.join(WEB_DIST, 'explorer', 'index.html'))) return 'web/dist is missing';
  let stamp: { sources?: unknown };
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8')) as { sources?: unknown };
  } catch {
    return 'web/dist has no build stamp';
  }
  return stamp.sources === webSourcesHash() ? null : 'the web sources changed since web/dist was built';
}

/** Builds `web/dist` with Vite (web/vite.config.ts) and stamps it with the hash of its inputs. Throws when the build fails. */
export function buildWeb(): void {
  const sources = webSourcesHash();
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(ROOT, 'web', 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (result.status !== 0) throw new Error(`the web build failed (vite exited with ${result.status ?? result.signal})`);
  writeFileSync(STAMP, `${JSON.stringify({ sources, builtAt: new Date().toISOString() }, null, 2)}\n`);
}

const LOCK = path.join(ROOT, 'web', '.build.lock');
/** A build lock older than this is left over from a build that died. */
const STALE_LOCK_MS = 120_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds `web/dist` when it is missing or stale; says so on stderr. Returns whether it built. Two
 * processes that find it stale at once (two test files) build it once: one holds `web/.build.lock`
 * while the other waits, then finds it current.
 */
export function ensureWebBuilt(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): boolean {
  if (!webBuildStaleness()) return false;
  for (;;) {
    let fd: number;
    try {
      fd = openSync(LOCK, 'wx');
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { force: true });
      } catch {
        // released meanwhile
      }
      sleep(200);
      if (!webBuildStaleness()) return false;
      continue;
    }
    try {
      const why = webBuildStaleness();
      if (!why) return false;
      log(`building the web front ends (${why}): npm run build:web`);
      const started = Date.now();
      buildWeb();
      log(`web front ends built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return true;
    } finally {
      closeSync(fd);
      rmSync(LOCK, { force: true });
    }
  }
}

if (require.main === module) {
  try {
    if (process.argv.includes('--if-stale')) ensureWebBuilt();
    else buildWeb();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
