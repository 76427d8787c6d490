import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { freePort } from '../shared/ports';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm run check:scaffold`: proves that `npm run new-sector` makes a working sector. In a temporary
 * copy of the repository it scaffolds one, then checks that the graph composes with it (and the
 * committed files are what compose and docs generate), that everything type-checks, that its process
 * starts and answers its health check, and that its own tests pass. Prints each step and its time;
 * exits non-zero at the first failure, keeping the copy for a look.
 */

const ROOT = path.resolve(__dirname, '..');
const SECTOR = process.argv[2] ?? 'transport';
const UPPER = SECTOR.toUpperCase();
/** What the copy leaves out: installed packages (linked instead), history, local stores. */
const SKIP = new Set(['node_modules', '.git', 'data', 'coverage', 'dist']);

const started = Date.now();
const copy = mkdtempSync(path.join(os.tmpdir(), 'credit-graph-scaffold-'));
// The copy runs on PGlite in its own folder, whatever this shell points at.
const env: NodeJS.ProcessEnv = { ...process.env, CG_DATA_DIR: path.join(copy, 'data'), LOG_LEVEL: 'warn', NODE_ENV: 'development' };
for (const variable of Object.keys(env)) if (/^CG_.*DATABASE_URL$/.test(variable)) delete env[variable];

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function fail(step: string, detail: string): never {
  process.stderr.write(`check:scaffold: ${step} failed\n${detail}\nthe copy is kept in ${copy}\n`);
  process.exit(1);
}

/** Runs one step in the copy; `summary` picks the lines of its output worth printing. */
function run(step: string, command: string, args: readonly string[], summary: RegExp = /^$/): void {
  const since = Date.now();
  const result = spawnSync(command, args, { cwd: copy, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) fail(step, output);
  const lines = output.split('\n').filter((line) => summary.test(line) && line !== '');
  process.stdout.write(`ok  ${step} (${seconds(since)})\n${lines.map((line) => `      ${line.trim()}\n`).join('')}`);
}

const tsx = (script: string, ...args: string[]) => [process.execPath, ['--import', 'tsx', script, ...args]] as const;


/** Starts the sector's own entry point on a free port and waits for its health check. */
async function startsAndAnswers(): Promise<void> {
  const since = Date.now();
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', `subgraphs/${SECTOR}/index.ts`], {
    cwd: copy,
    env: { ...env, [`CG_${UPPER}_PORT`]: String(port), [`CG_${UPPER}_OPS_PORT`]: String(await freePort()), CG_DEMO_SUBJECTS: '20' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let healthy = false;
  for (let i = 0; i < 120 && child.exitCode === null && !healthy; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    healthy = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status === 200, () => false);
  }
  child.kill('SIGTERM');
  const code = await exited;
  if (!healthy) fail(`start subgraphs/${SECTOR}/index.ts`, output);
  if (code !== 0) fail(`stop subgraphs/${SECTOR} on SIGTERM (exit ${code})`, output);
  process.stdout.write(`ok  start subgraphs/${SECTOR}/index.ts, GET /health 200, stop on SIGTERM (${seconds(since)})\n`);
}

async function main(): Promise<void> {
  cpSync(ROOT, copy, { recursive: true, filter: (source) => !SKIP.has(path.basename(source)) || path.dirname(source) !== ROOT });
  symlinkSync(realpathSync(path.join(ROOT, 'node_modules')), path.join(copy, 'node_modules'), 'dir');
  process.stdout.write(`copied the repository to ${copy} (${seconds(started)})\n`);

  run(`npm run new-sector -- ${SECTOR}`, ...tsx('scripts/new-sector.ts', SECTOR), /^(created|edited|regenerated) /);
  run('npm run compose -- --check (the graph composes with the sector)', ...tsx('scripts/compose.ts', '--check'));
  run('npm run docs -- --check', ...tsx('scripts/docs.ts', '--check'));
  run('tsc --noEmit -p .', process.execPath, [path.join(copy, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.']);
  await startsAndAnswers();

  // Only the new sector's store is built (the suite's global setup would build every sector's).
  const loaded = (await import(path.join(copy, 'jest.config.js'))) as { default: Record<string, unknown> };
  const { globalSetup: _everyStore, ...jestConfig } = loaded.default;
  run(
    `jest subgraphs/${SECTOR} test/dockerCompose.test.ts`,
    process.execPath,
    [
      '--experimental-vm-modules',
      path.join(copy, 'node_modules/jest/bin/jest.js'),
      '--config',
      JSON.stringify({ ...jestConfig, rootDir: copy }),
      '--maxWorkers=2',
      `subgraphs/${SECTOR}/`,
      'test/dockerCompose.test.ts',
    ],
    /^(PASS|FAIL|Tests:)/,
  );

  rmSync(copy, { recursive: true, force: true });
  process.stdout.write(`check:scaffold: a scaffolded sector composes, type-checks, starts and passes its tests (${seconds(started)})\n`);
}

void main().catch((error: unknown) => fail('check:scaffold', String((error as Error).stack ?? error)));
