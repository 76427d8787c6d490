import { SUBGRAPH_MODULES } from '../../subgraphs';
import { ensureTestSnapshot } from './stores';

/** Before any worker starts: every embedded test store, seeded and empty, is built once (or found built). */
export default async function globalSetup(): Promise<void> {
  for (const module of Object.values(SUBGRAPH_MODULES)) {
    for (const seeded of [true, false]) await ensureTestSnapshot(module, seeded);
  }
}
