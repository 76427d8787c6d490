import { openStore, dropPostgresDatabase, type Store } from '../../shared/store';
import type { StoreConfig } from '../../shared/config';
import { prepareStore } from '../../shared/subgraph/run';
import type { SubgraphDeps, SubgraphModule } from '../../shared/subgraph/types';
import { loadConfig } from '../../shared/config';
import { ContextSigner } from '../../shared/auth/context';

/** The dataset every test sees: small, fixed, and the same for PGlite and PostgreSQL runs. */
export const TEST_DATASET = { seed: 2014, subjects: 60 } as const;

export const TEST_LIMITS = { subjectsBatchMax: 100, pageSizeDefault: 20, pageSizeMax: 100 } as const;

/** The published development context keys, which the tests' gateways sign subgraph fetches with too. */
const contextKeys = loadConfig({}).auth.context;
export const TEST_CONTEXT = { publicKeyPem: contextKeys.publicKeyPem as string, ttlSeconds: contextKeys.ttlSeconds } as const;
/** Signs contexts and grants as the tests' gateways do. */
export const TEST_SIGNER = new ContextSigner(contextKeys.privateKeyPem as string, contextKeys.ttlSeconds);

export function testDeps(store: Store): SubgraphDeps {
  return { store, limits: TEST_LIMITS, context: TEST_CONTEXT, logger: false };
}

/**
 * A test store for a subgraph: in-memory PGlite by default; with CG_DATABASE_URL set, a fresh
 * database of its own on that PostgreSQL server (per subgraph and jest worker, so files never share).
 */
export function testStoreConfig(name: string): StoreConfig {
  const server = process.env.CG_DATABASE_URL;
  if (!server) return { kind: 'pglite', dataDir: null };
  const url = new URL(server);
  const database = `cgtest_${name}_${process.env.JEST_WORKER_ID ?? '0'}`;
  url.pathname = `/${database}`;
  return { kind: 'postgres', url: url.toString(), database };
}

export async function openTestStore(module: SubgraphModule, options: { seeded?: boolean } = {}): Promise<Store> {
  const config = testStoreConfig(module.name);
  if (config.kind === 'postgres') await dropPostgresDatabase(config.url, config.database);
  const store = await openStore(module.name, config);
  await prepareStore(
    module,
    store,
    config,
    { ...TEST_DATASET, autoSeed: options.seeded ?? true },
    () => undefined,
  );
  return store;
}

/** Counts the SQL statements a store runs while `action` runs. */
export async function countStatements<T>(store: Store, action: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const listener = (query: { sql: string }) => statements.push(query.sql);
  store.db.on('query', listener);
  try {
    const result = await action();
    return { result, statements };
  } finally {
    store.db.off('query', listener);
  }
}
