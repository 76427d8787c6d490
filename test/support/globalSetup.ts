import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { SUBGRAPH_MODULES } from '../../subgraphs';
import { SUBGRAPH_NAMES } from '../../subgraphs/names';
import { ensureTestSnapshots } from './stores';
import { WARM_STORES } from './storePool';

const run = promisify(execFile);

/**
 * Before any worker starts: every embedded test store, seeded and empty, is built once (or found
 * built). The seeded ones, which the gateway tests open all seven at a time, are named to the workers
 * (an environment variable, which the workers inherit) so that each opens them ahead (storePool.ts).
 * Building is CPU-bound and PGlite is single-threaded: a child process builds every other subgraph's
 * snapshots while this one builds the rest, on two cores.
 */
export default async function globalSetup(): Promise<void> {
  const mine = SUBGRAPH_NAMES.filter((_, i) => i % 2 === 0);
  const theirs = SUBGRAPH_NAMES.filter((_, i) => i % 2 === 1);
  const child = run(process.execPath, ['--import', 'tsx', path.join(__dirname, 'buildSnapshots.ts'), ...theirs], {
    env: { ...process.env, NODE_OPTIONS: '' },
    maxBuffer: 1024 * 1024,
  });
  const warm: Record<string, string> = {};
  for (const name of mine) {
    const module = SUBGRAPH_MODULES[name];
    const seeded = await ensureTestSnapshots(module);
    if (seeded) warm[name] = seeded;
  }
  const { stdout } = await child;
  Object.assign(warm, JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, string>);
  process.env[WARM_STORES] = JSON.stringify(warm);
}
