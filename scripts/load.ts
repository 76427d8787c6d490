import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { configOrExit } from '../shared/process';
import { SUBGRAPH_NAMES, isSubgraphName, type SubgraphName } from '../subgraphs/names';
import { SUBGRAPH_MODULES } from '../subgraphs';
import { openStore, migrate } from '../shared/store';
import { loadDataset } from '../shared/seed';

/**
 * `npm run load -- --subjects 1000000 [--seed 2014] [--only finance,taxation] [--parallel 2]`:
 * (re)loads the generated dataset into every configured store. Each store is loaded in one
 * transaction (COPY on a PostgreSQL server), replacing what it held; progress goes to stderr.
 * Stores load side by side, each in a process of its own, as many at once as there are cores
 * (generation is CPU-bound); --parallel N says how many.
 */

const USAGE = 'usage: npm run load -- --subjects N [--seed S] [--only registry,finance,...] [--parallel N]';

/** Loads each store in a child process of its own, at most `parallel` at a time. */
async function loadInParallel(names: readonly SubgraphName[], subjects: number, seed: number, parallel: number): Promise<number> {
  const queue = [...names];
  let failures = 0;
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      const code = await new Promise<number>((resolve) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', __filename, '--only', name, '--subjects', String(subjects), '--seed', String(seed)],
          { stdio: ['ignore', 'inherit', 'inherit'] },
        );
        child.on('exit', (exitCode) => resolve(exitCode ?? 1));
      });
      if (code !== 0) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, names.length) }, worker));
  return failures;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function number(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n <= 0) fail(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

const fmt = (n: number) => n.toLocaleString('en-US');

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: { subjects: { type: 'string' }, seed: { type: 'string' }, only: { type: 'string' }, parallel: { type: 'string' } },
      strict: true,
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  const config = configOrExit('load');
  const subjects = number(args.subjects, 'subjects', config.demo.subjects);
  const seed = number(args.seed, 'seed', config.demo.seed);
  const only = args.only ? args.only.split(',').map((s) => s.trim()) : [...SUBGRAPH_NAMES];
  for (const name of only) if (!isSubgraphName(name)) fail(`--only: unknown subgraph "${name}" (known: ${SUBGRAPH_NAMES.join(', ')})`);

  const parallel = number(args.parallel, 'parallel', availableParallelism());
  const started = Date.now();
  if (parallel > 1 && only.length > 1) {
    const failures = await loadInParallel(only as SubgraphName[], subjects, seed, parallel);
    process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s${failures > 0 ? `, ${failures} store(s) failed and were left as they were` : ''}\n`);
    process.exit(failures > 0 ? 1 : 0);
  }
  for (const name of only as SubgraphName[]) {
    const module = SUBGRAPH_MODULES[name];
    const storeConfig = config.subgraphs[name].store;
    const where = storeConfig.kind === 'postgres' ? `PostgreSQL database ${storeConfig.database}` : `PGlite ${storeConfig.dataDir}`;
    process.stderr.write(`${name}: loading ${fmt(subjects)} subjects (seed ${seed}) into ${where}\n`);
    let store;
    try {
      store = await openStore(name, storeConfig);
    } catch (error) {
      process.stderr.write(`${name}: load failed, nothing was changed: ${(error as Error).message}\n`);
      process.exitCode = 1;
      continue;
    }
    const t0 = Date.now();
    let lastReport = 0;
    try {
      await migrate(store, module.migrations);
      const result = await loadDataset(store, storeConfig, module.dataset, {
        seed,
        subjects,
        chunkSize: subjects >= 100_000 ? 5_000 : 2_000,
        onProgress: ({ subjects: done, rows }) => {
          const now = Date.now();
          if (now - lastReport < 2_000 && done < subjects) return;
          lastReport = now;
          const rate = Math.round(rows / Math.max(0.001, (now - t0) / 1000));
          process.stderr.write(`  ${name}: ${fmt(done)} / ${fmt(subjects)} subjects, ${fmt(rows)} rows, ${fmt(rate)} rows/s\n`);
        },
      });
      const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
      process.stderr.write(
        `${name}: committed ${fmt(total)} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s (${Object.entries(result.rows)
          .map(([t, n]) => `${t} ${fmt(n)}`)
          .join(', ')})\n`,
      );
    } catch (error) {
      process.stderr.write(`${name}: load failed, nothing was changed: ${(error as Error).message}\n`);
      process.exitCode = 1;
    } finally {
      await store.close();
    }
  }
  process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  process.exit(process.exitCode ?? 0);
}

void main();
