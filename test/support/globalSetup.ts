import { SUBGRAPH_MODULES } from '../../subgraphs';
import { ensureTestSnapshot } from './stores';
import { WARM_STORES } from './storePool';

/**
 * Before any worker starts: every embedded test store, seeded and empty, is built once (or found
 * built). The seeded ones, which the gateway tests open all seven at a time, are named to the workers
 * (an environment variable, which the workers inherit) so that each opens them ahead (storePool.ts).
 */
export default async function globalSetup(): Promise<void> {
  const warm: Record<string, string> = {};
  for (const module of Object.values(SUBGRAPH_MODULES)) {
    for (const seeded of [true, false]) {
      const file = await ensureTestSnapshot(module, seeded);
      if (file && seeded) warm[module.name] = file;
    }
  }
  process.env[WARM_STORES] = JSON.stringify(warm);
}
