import { parseArgs } from 'node:util';
import { configOrExit } from '../shared/process';
import { SUBGRAPH_NAMES, isSubgraphName, type SubgraphName } from '../subgraphs/names';
import { SUBGRAPH_MODULES } from '../subgraphs';
import { openStore, migrate, rollbackAll } from '../shared/store';

/** `npm run migrate -- [finance ...] [--rollback]`: migrates (or rolls back) the named stores, or all. */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { rollback: { type: 'boolean' } }, allowPositionals: true });
  const names = positionals.length > 0 ? positionals : [...SUBGRAPH_NAMES];
  for (const name of names) {
    if (!isSubgraphName(name)) {
      process.stderr.write(`unknown subgraph "${name}" (known: ${SUBGRAPH_NAMES.join(', ')})\n`);
      process.exit(2);
    }
  }
  const config = configOrExit('migrate');
  for (const name of names as SubgraphName[]) {
    let store;
    try {
      store = await openStore(name, config.subgraphs[name].store);
    } catch (error) {
      process.stderr.write(`${name}: ${(error as Error).message}\n`);
      process.exitCode = 1;
      continue;
    }
    try {
      if (values.rollback) {
        await rollbackAll(store, SUBGRAPH_MODULES[name].migrations);
        process.stdout.write(`${name}: rolled back\n`);
      } else {
        const applied = await migrate(store, SUBGRAPH_MODULES[name].migrations);
        process.stdout.write(`${name}: ${applied.length > 0 ? `applied ${applied.join(', ')}` : 'up to date'}\n`);
      }
    } catch (error) {
      process.stderr.write(`${name}: migration failed: ${(error as Error).message}\n`);
      process.exitCode = 1;
    } finally {
      await store.close();
    }
  }
  process.exit(process.exitCode ?? 0);
}

void main();
