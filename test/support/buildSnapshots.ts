import { SUBGRAPH_MODULES } from '../../subgraphs';
import { isSubgraphName } from '../../subgraphs/names';
import { ensureTestSnapshots } from './stores';

/**
 * `node --import tsx test/support/buildSnapshots.ts <subgraph> ...`: builds the seeded and empty test
 * store snapshots of the named subgraphs, and prints `{ "<subgraph>": "<seeded snapshot file>" }`.
 * jest's global setup runs one of these beside its own share, so the snapshots build on both cores.
 */
async function main(): Promise<void> {
  const built: Record<string, string> = {};
  for (const name of process.argv.slice(2)) {
    if (!isSubgraphName(name)) throw new Error(`no subgraph ${name}`);
    const module = SUBGRAPH_MODULES[name];
    const seeded = await ensureTestSnapshots(module);
    if (seeded) built[name] = seeded;
  }
  process.stdout.write(`${JSON.stringify(built)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
