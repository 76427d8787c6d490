import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, readFileSync } from 'node:fs';
import { openStore, type Store } from '../../shared/store';

/**
 * Embedded test stores kept open for the life of a jest worker, by snapshot file. Jest gives every
 * test file its own module registry and its own global object, so nothing a test file opens survives
 * it; this module is loaded once per worker by the test environment (environment.ts), outside every
 * file's registry, and the environment hands it to each file. A file borrows a store and gives it back
 * when it closes it, as the snapshot left it: a store whose writes cannot be undone in place is closed
 * instead, so the next file starts from the snapshot (test/support/stores.ts, borrowStore).
 */
export interface StorePool {
  borrow(name: string, snapshotFile: string): Promise<Store>;
  giveBack(snapshotFile: string, store: Store): void;
  /**
   * Opens one idle store for each of `snapshots` (name → snapshot file) that has none. The environment
   * calls it before each test file, outside every hook: a file's `beforeAll` then borrows stores that
   * are open already, and no hook's timeout has to cover opening seven stores on a busy machine.
   */
  warm(snapshots: Readonly<Record<string, string>>): Promise<void>;
}

/** The environment variable through which jest's global setup names the stores to open ahead. */
export const WARM_STORES = 'CG_TEST_WARM_STORES';

/** Where the environment puts the pool on each test file's global object. */
export const STORE_POOL = '__creditGraphStorePool';

const idle = new Map<string, Store[]>();

/**
 * Runs a function in the context this module was loaded in, outside every test. A pooled store lives as
 * long as the worker, and so do the timers it starts (PGlite's, its connection pool's reaper, started
 * by its first statement); started inside a test file's hook, they would keep that file's context, and
 * with it everything the file built, for the rest of the run (environment.ts says why).
 */
const outsideTests = AsyncLocalStorage.snapshot();

async function openPooled(name: string, snapshotFile: string): Promise<Store> {
  const store = await openStore(name, { kind: 'pglite', dataDir: null }, { loadDataDir: new Blob([readFileSync(snapshotFile)]) });
  await store.db.raw('select 1');
  return store;
}

export const storePool: StorePool = {
  async borrow(name, snapshotFile) {
    const store = idle.get(snapshotFile)?.pop();
    if (store) return store;
    return outsideTests(() => openPooled(name, snapshotFile));
  },
  giveBack(snapshotFile, store) {
    const stores = idle.get(snapshotFile) ?? [];
    stores.push(store);
    idle.set(snapshotFile, stores);
  },
  async warm(snapshots) {
    for (const [name, file] of Object.entries(snapshots)) {
      if ((idle.get(file)?.length ?? 0) === 0 && existsSync(file)) this.giveBack(file, await this.borrow(name, file));
    }
  },
};
