import { parseArgs } from 'node:util';
import { configOrExit } from '../shared/process';
import { SUBGRAPH_NAMES, isSubgraphName, type SubgraphName } from '../shared/subgraphs';
import { SUBGRAPH_MODULES } from '../shared/subgraph/modules';
import { openStore, migrate } from '../shared/store';
import { loadDataset } from '../shared/seed';

/**
 * `npm run load -- --subjects 1000000 [--seed 2014] [--only finance,taxation]`: (re)loads the
 * generated dataset into every configured store. Each store is loaded in one transaction (COPY on a
 * PostgreSQL server), replacing what it held; progress goes to stderr.
 */

const USAGE = 'usage: npm run load -- --subjects N [--seed S] [--only registry,finance,...]';

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
      options: { subjects: { type: 'string' }, seed: { type: 'string' }, only: { type: 'string' } },
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

  const started = Date.now();
  for (const name of only as SubgraphName[]) {
    const module = SUBGRAPH_MODULES[name];
    const storeConfig = config.subgraphs[name].store;
    const where = storeConfig.kind === 'postgres' ? `PostgreSQL database ${storeConfig.database}` : `PGlite ${storeConfig.dataDir}`;
    process.stderr.write(`${name}: loading ${fmt(subjects)} subjects (seed ${seed}) into ${where}\n`);
    const store = await openStore(name, storeConfig);
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
