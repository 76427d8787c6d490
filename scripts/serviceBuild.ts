import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, version as esbuildVersion } from 'esbuild';
import { filesUnder } from './webBuild';

/**
 * The services compiled to JavaScript: what the gateway and the subgraphs run, in production and under
 * `npm start`. TypeScript run through tsx pays, in every process, for the loader hooks and the
 * compilation at start-up and for every `require` made while serving; the compiled tree is plain
 * CommonJS that Node loads itself (one file per source file, beside its assets, with source maps so that
 * stack traces name the TypeScript lines).
 *
 *   npm run build                  compile into dist/ (the image's build; docker-compose.yml runs it)
 *   npm run build -- --out DIR     compile into DIR
 *
 * `npm start` and `npm run bench` run from a build of the sources as they are, kept under
 * `node_modules/.cache/credit-graph-services/<hash of the sources>` (`currentServiceBuild`): an edited
 * source file is a new build, never a stale one, and two starts at once share one build.
 */

const ROOT = path.resolve(__dirname, '..');
/** The folders compiled: everything a service process imports (`identity/`, the development sign-in provider, stays on tsx). */
export const SERVICE_SOURCE_DIRS: readonly string[] = ['shared', 'gateway', 'subgraphs'];
/** And the stock gateway and floor subgraphs `npm run bench` compares ours with: compiled alike, so the comparison is of the code alone. */
const SERVICE_SOURCE_FILES: readonly string[] = ['bench/stockGateway.ts', 'bench/floorSubgraph.ts'];
/** What the services read beside their code (SDL next to each subgraph, the shared SDL). */
const ASSET = /\.graphql$/;
const COMPILED = /\.ts$/;
/** Tests and their folders are not part of a service. */
const NOT_SERVICE = /(\.test\.ts$|\.d\.ts$|(^|\/)test\/)/;
const cacheOf = (root: string) => path.join(root, 'node_modules', '.cache', 'credit-graph-services');
/** Marks a build complete: written last, so a folder without it is a build that died half-way. */
const COMPLETE = 'build.json';
/**
 * Older builds are removed once there are more than `KEEP_OLD` of them and they are more than a day
 * old: a stack started before an edit restarts its crashed children from the build it started on.
 */
const KEEP_OLD = 3;
const DAY_MS = 86_400_000;

interface Sources {
  readonly code: readonly string[];
  readonly assets: readonly string[];
}

function serviceSources(root: string): Sources {
  const files = [...SERVICE_SOURCE_DIRS.flatMap((dir) => filesUnder(path.join(root, dir), new Set())), ...SERVICE_SOURCE_FILES.map((file) => path.join(root, file)).filter((file) => existsSync(file))]
    .map((file) => path.relative(root, file).split(path.sep).join('/'))
    .filter((file) => !NOT_SERVICE.test(file))
    .sort();
  return { code: files.filter((f) => COMPILED.test(f)), assets: files.filter((f) => ASSET.test(f)) };
}

/** The SHA-256 of a build's inputs: each source's path and content, the compiler's version, the lock file and tsconfig. */
export function serviceSourcesHash(root = ROOT): string {
  const { code, assets } = serviceSources(root);
  const hash = createHash('sha256').update(`esbuild ${esbuildVersion}\0`);
  for (const file of [...code, ...assets, 'package-lock.json', 'tsconfig.json']) {
    hash.update(file).update('\0');
    if (existsSync(path.join(root, file))) hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * Compiles the services of `root` into `outDir`, emptied first: a folder that does not exist, is empty
 * or holds an earlier build (its `build.json`), never any other (`--out .` must not empty the project).
 * Throws with esbuild's message when a file does not compile.
 */
export async function buildServices(outDir: string, root = ROOT): Promise<{ files: number; ms: number; sources: string }> {
  const started = Date.now();
  const { code, assets } = serviceSources(root);
  if (existsSync(outDir) && readdirSync(outDir).length > 0 && !existsSync(path.join(outDir, COMPLETE))) {
    throw new Error(`${outDir} is not empty and holds no earlier build (${COMPLETE}): choose another folder`);
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: [...code],
    outbase: root,
    outdir: outDir,
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'silent',
  });
  for (const asset of assets) cpSync(path.join(root, asset), path.join(outDir, asset));
  // The hash of the sources as they are once compiled: a caller compares it with the one it built for.
  const sources = serviceSourcesHash(root);
  writeFileSync(path.join(outDir, COMPLETE), `${JSON.stringify({ sources, builtAt: new Date().toISOString(), files: code.length }, null, 2)}\n`);
  return { files: code.length, ms: Date.now() - started, sources };
}

/** Removes the builds besides `current` past the newest `KEEP_OLD` and a day old, and any build that died half-way an hour ago. */
function pruneBuilds(cache: string, current: string): void {
  const builds = readdirSync(cache, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && path.join(cache, entry.name) !== current)
    .map((entry) => ({ dir: path.join(cache, entry.name), mtime: statSync(path.join(cache, entry.name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  const hour = 3_600_000;
  for (const [index, { dir, mtime }] of builds.entries()) {
    const unfinished = !existsSync(path.join(dir, COMPLETE));
    const age = Date.now() - mtime;
    if ((unfinished && age > hour) || (!unfinished && index >= KEEP_OLD && age > DAY_MS)) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The folder of the services compiled from the sources as they are now: built (in about a second) when
 * no build of these sources exists yet. A build is written into a folder of its own and renamed into
 * place once complete, so a process never runs a half-written build, and two processes that build at
 * once end with the same one.
 */
export async function currentServiceBuild(log: (line: string) => void = () => {}, root = ROOT, attempts = 3): Promise<string> {
  const cache = cacheOf(root);
  const sources = serviceSourcesHash(root);
  const target = path.join(cache, sources.slice(0, 16));
  if (existsSync(path.join(target, COMPLETE))) return target;
  const temporary = path.join(cache, `.building-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const built = await buildServices(temporary, root);
    const { files, ms } = built;
    // A source saved while it compiled: this build is of neither version, and is not kept under either name.
    if (built.sources !== sources) {
      if (attempts <= 1) throw new Error('the sources kept changing while they were compiled');
      return await currentServiceBuild(log, root, attempts - 1);
    }
    try {
      // A folder of this name that is not a complete build (left by hand) is replaced.
      if (existsSync(target) && !existsSync(path.join(target, COMPLETE))) rmSync(target, { recursive: true, force: true });
      renameSync(temporary, target);
      log(`compiled the services (${files} files) in ${(ms / 1000).toFixed(1)} s`);
    } catch (error) {
      // Another process renamed its build of the same sources into place first: that one is used.
      if (!existsSync(path.join(target, COMPLETE))) throw error;
    }
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
  pruneBuilds(cache, target);
  return target;
}

if (require.main === module) {
  const at = process.argv.indexOf('--out');
  const out = path.resolve(at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : path.join(ROOT, 'dist'));
  buildServices(out).then(
    ({ files, ms }) => process.stdout.write(`compiled ${files} files into ${path.relative(process.cwd(), out) || '.'} in ${(ms / 1000).toFixed(1)} s\n`),
    (error: unknown) => {
      process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
