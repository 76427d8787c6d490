import { DEFAULT_RECORD_SETTINGS, type RecordSettings } from '../../shared/records';
import { fixedClock } from '../../shared/clock';
import { DATASET_TODAY } from '../../shared/generator/random';
import { openStore, dropPostgresDatabase, type Store } from '../../shared/store';
import type { StoreConfig } from '../../shared/config';
import { prepareStore } from '../../shared/subgraph/run';
import type { SubgraphDeps, SubgraphModule } from '../../shared/subgraph/types';
import { loadConfig } from '../../shared/config';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ContextSigner } from '../../shared/auth/context';
import { STORE_POOL, type StorePool } from './storePool';

/** The dataset every test sees: small, fixed, and the same for PGlite and PostgreSQL runs. */
export const TEST_DATASET = { seed: 2014, subjects: 60 } as const;

export const TEST_LIMITS = { subjectsBatchMax: 100, pageSizeDefault: 20, pageSizeMax: 100 } as const;

/** The published development context keys, which the tests' gateways sign subgraph fetches with too. */
const contextKeys = loadConfig({}).auth.context;
export const TEST_CONTEXT = { publicKeyPem: contextKeys.publicKeyPem as string, ttlSeconds: contextKeys.ttlSeconds } as const;
/** Signs contexts and grants as the tests' gateways do. */
export const TEST_SIGNER = new ContextSigner(contextKeys.privateKeyPem as string, contextKeys.ttlSeconds);

/**
 * The record life cycle of test subgraphs: the clock stands on the demo dataset's own day, so what
 * the seed holds is in force or expired the same way whenever the tests run (retention hides negative
 * records five years after their act ended, and the seed's dates are fixed).
 */
export const TEST_RECORD_SETTINGS: RecordSettings = { ...DEFAULT_RECORD_SETTINGS, clock: fixedClock(`${DATASET_TODAY}T12:00:00+08:00`) };

export function testDeps(store: Store, records: RecordSettings = TEST_RECORD_SETTINGS): SubgraphDeps {
  return { store, limits: TEST_LIMITS, context: TEST_CONTEXT, logger: false, records };
}

/**
 * A test store for a subgraph: in-memory PGlite by default; with CG_DATABASE_URL set, a fresh
 * database of its own on that PostgreSQL server (per subgraph and jest worker, so files never share;
 * named `cgtest_<subgraph>_<worker>`, or with the prefix CG_TEST_DATABASE_PREFIX).
 */
export function testStoreConfig(name: string): StoreConfig {
  const server = process.env.CG_DATABASE_URL;
  if (!server) return { kind: 'pglite', dataDir: null };
  const url = new URL(server);
  // CG_TEST_DATABASE_PREFIX keeps two checkouts testing against one server apart.
  const database = `${process.env.CG_TEST_DATABASE_PREFIX ?? 'cgtest_'}${name}_${process.env.JEST_WORKER_ID ?? '0'}`;
  url.pathname = `/${database}`;
  return { kind: 'postgres', url: url.toString(), database };
}

const ROOT = path.resolve(__dirname, '../..');
/**
 * Where seeded embedded test stores are kept between test files and between runs, keyed by the code
 * that built them: beside the installed packages rather than in the temporary folder, so that a run
 * with a fresh TMPDIR (or another checkout sharing node_modules) does not build all fourteen again
 * (about 40 s on two cores). Overridable with CG_TEST_STORES_DIR.
 */
const SNAPSHOT_DIR = process.env.CG_TEST_STORES_DIR ?? path.join(ROOT, 'node_modules', '.cache', 'credit-graph-test-stores');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test' && entry.name !== 'node_modules') out.push(...sourceFiles(full));
    } else if (/\.(ts|graphql)$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

const keys = new Map<string, string>();
const pgliteVersion = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;

/**
 * What a seeded test store depends on: its subgraph's folder (migrations, fixtures), the shared code
 * (generator, seed, store), the test dataset and the PGlite version. Any change makes a new store.
 */
function snapshotKey(name: string, seeded: boolean): string {
  const id = `${name}-${seeded}`;
  let key = keys.get(id);
  if (!key) {
    const hash = createHash('sha256').update(JSON.stringify([id, TEST_DATASET, pgliteVersion]));
    for (const file of [...sourceFiles(path.join(ROOT, 'shared')), ...sourceFiles(path.join(ROOT, 'subgraphs', name))]) {
      hash.update(path.relative(ROOT, file)).update(readFileSync(file));
    }
    key = `${id}-${hash.digest('hex').slice(0, 16)}`;
    keys.set(id, key);
  }
  return key;
}

/**
 * Builds the snapshot of an embedded test store unless one built by the same code exists: jest's
 * global setup calls it for every store once, before the workers start, so that no test file's
 * setup pays for building one (on a cold machine that is several seconds a store).
 */
export async function ensureTestSnapshot(module: SubgraphModule, seeded: boolean): Promise<string | null> {
  if (testStoreConfig(module.name).kind !== 'pglite') return null;
  const file = path.join(SNAPSHOT_DIR, `${snapshotKey(module.name, seeded)}.tar.gz`);
  if (existsSync(file)) return file;
  const store = await openTestStore(module, { seeded });
  await store.close();
  return file;
}

/** A statement that may change what a store holds (anything but a plain read): its store is not given back as it is. */
const WRITES = /^\s*(?!select\b|with\b)|\b(insert\s+into|update\s+\S+\s+set|delete\s+from|truncate|nextval|setval)\b/i;
/** Statements that bound a transaction, or set something for its length only: they change nothing themselves. */
const TRANSACTION = /^\s*(begin|start\s+transaction|commit|rollback|savepoint|release|set\s+local)\b/i;
/**
 * Writes a reset undoes: statements that only add, change or remove rows, or move a sequence. A reset
 * puts back every table and sequence of the store, so it does not matter which table a statement
 * names, nor what its triggers write. Anything else (a migration's DDL, a session setting) is not undone.
 */
const RESETTABLE = /^\s*(insert\s+into|update|delete\s+from|truncate|with|select)\b/i;

/** Where a store keeps the copies of its tables as the snapshot left them (created in the live store only, never in a snapshot). */
const PRISTINE_SCHEMA = 'cg_test_pristine';

/**
 * A store as the snapshot left it: its tables (each with the columns a copy can be inserted into, and
 * whether it held rows, which were then copied into PRISTINE_SCHEMA), and where each sequence stood.
 */
interface Pristine {
  readonly tables: ReadonlyArray<{ readonly name: string; readonly columns: readonly string[]; readonly filled: boolean }>;
  readonly sequences: ReadonlyArray<{ name: string; value: string; called: boolean }>;
}

/** Read (and copied) once per opened store, while it is as the snapshot left it: a reset leaves it so again. */
const pristineStores = new WeakMap<Store, Promise<Pristine>>();

function pristineOf(store: Store): Promise<Pristine> {
  let pristine = pristineStores.get(store);
  if (!pristine) {
    pristine = readPristine(store);
    // A failed read is not kept: the next borrower of the store reads it again.
    pristine.catch(() => pristineStores.delete(store));
    pristineStores.set(store, pristine);
  }
  return pristine;
}

async function readPristine(store: Store): Promise<Pristine> {
  // Generated columns take no value: a copy is inserted into the others.
  const columns = (
    await store.db.raw(
      `select c.relname as name, array_agg(a.attname::text order by a.attnum) as columns
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
         join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        where n.nspname = 'public' and c.relkind in ('r', 'p')
        group by c.relname order by c.relname`,
    )
  ).rows as Array<{ name: string; columns: string[] }>;
  const filled = new Set<string>();
  if (columns.length > 0) {
    const probe = columns.map(() => `select ?::text as name, exists(select 1 from ??) as filled`).join(' union all ');
    const rows = (await store.db.raw(probe, columns.flatMap(({ name }) => [name, name]))).rows as Array<{ name: string; filled: boolean }>;
    for (const row of rows) if (row.filled) filled.add(row.name);
  }
  await store.db.transaction(async (trx) => {
    await trx.raw('drop schema if exists ?? cascade', [PRISTINE_SCHEMA]);
    await trx.raw('create schema ??', [PRISTINE_SCHEMA]);
    for (const name of filled) await trx.raw('create table ?? as table ??', [`${PRISTINE_SCHEMA}.${name}`, `public.${name}`]);
  });
  const sequences = (await store.db.raw(`select sequencename as name, coalesce(last_value, start_value)::text as value, last_value is not null as called from pg_sequences where schemaname = 'public'`)).rows as Pristine['sequences'];
  return { tables: columns.map(({ name, columns: cols }) => ({ name, columns: cols, filled: filled.has(name) })), sequences };
}

/**
 * Puts a store back as the snapshot left it after a file added, changed or removed rows: every table
 * is emptied and refilled from its copy, and every sequence set back, in one transaction, with
 * triggers off (those that refuse to change the append-only inquiry records, those that keep the name
 * search's grams, the record ids' default). False when that fails: the store is closed instead. A
 * reset takes milliseconds; opening a store from its snapshot, a second or more of CPU.
 */
async function resetStore(store: Store, pristine: Pristine): Promise<boolean> {
  try {
    await store.db.transaction(async (trx) => {
      await trx.raw('set local session_replication_role = replica');
      if (pristine.tables.length > 0) await trx.raw(`truncate ${pristine.tables.map(() => '??').join(', ')}`, pristine.tables.map((t) => `public.${t.name}`));
      for (const { name, columns } of pristine.tables.filter((t) => t.filled)) {
        const list = columns.map(() => '??').join(', ');
        await trx.raw(`insert into ?? (${list}) overriding system value select ${list} from ??`, [`public.${name}`, ...columns, ...columns, `${PRISTINE_SCHEMA}.${name}`]);
      }
      for (const { name, value, called } of pristine.sequences) await trx.raw('select setval(?::regclass, ?::bigint, ?)', [name, value, called]);
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * A store from the worker's pool (test/support/environment.ts), watched: closing it gives it back to
 * the pool as the snapshot left it. A store the file only read goes back as it is; one whose rows or
 * sequences it changed goes back reset (resetStore); any other (a migration, a session setting, a store
 * that failed, a reset that failed) is closed for real and the next file that asks gets a fresh one
 * from the snapshot.
 */
async function borrowStore(pool: StorePool, name: string, file: string): Promise<Store> {
  const store = await pool.borrow(name, file);
  let pristine: Pristine;
  try {
    pristine = await pristineOf(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  let written = false;
  let unknown = false;
  const watch = (query: { sql: string }) => {
    if (!WRITES.test(query.sql) || TRANSACTION.test(query.sql)) return;
    if (RESETTABLE.test(query.sql)) written = true;
    else unknown = true;
  };
  store.db.on('query', watch);
  return {
    ...store,
    async close() {
      store.db.off('query', watch);
      const clean = !unknown && store.health.reason === null && (!written || (await resetStore(store, pristine)));
      if (clean) pool.giveBack(file, store);
      else await store.close();
    },
  };
}

/**
 * A test store, migrated and (by default) seeded with the test dataset. On PostgreSQL a fresh database.
 * Embedded, it starts from the snapshot jest's global setup built (PGlite's own dump and load), without
 * paying for initdb, migrations and the seed in every file; inside jest it is borrowed from the
 * worker's pool (see borrowStore), so a worker opens each store once unless a file changes its schema.
 */
export async function openTestStore(module: SubgraphModule, options: { seeded?: boolean } = {}): Promise<Store> {
  const seeded = options.seeded ?? true;
  const config = testStoreConfig(module.name);
  if (config.kind === 'postgres') {
    await dropPostgresDatabase(config.url, config.database);
  } else {
    const file = path.join(SNAPSHOT_DIR, `${snapshotKey(module.name, seeded)}.tar.gz`);
    const pool = (globalThis as { [STORE_POOL]?: StorePool })[STORE_POOL];
    if (existsSync(file)) return pool ? borrowStore(pool, module.name, file) : openStore(module.name, config, { loadDataDir: new Blob([readFileSync(file)]) });
  }
  const store = await openStore(module.name, config);
  await prepareStore(module, store, config, { ...TEST_DATASET, autoSeed: seeded }, () => undefined);
  if (config.kind === 'pglite') await writeSnapshot(module, seeded, store);
  return store;
}

/** Writes an embedded store's snapshot for the tests that open it seeded (or empty). */
async function writeSnapshot(module: SubgraphModule, seeded: boolean, store: Store): Promise<string | null> {
  const snapshot = await store.snapshot();
  if (!snapshot) return null;
  const file = path.join(SNAPSHOT_DIR, `${snapshotKey(module.name, seeded)}.tar.gz`);
  mkdirSync(SNAPSHOT_DIR, { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await snapshot.arrayBuffer()));
  renameSync(partial, file);
  // Snapshots built by older code are never read again; those of the last day are kept, for other
  // checkouts of the project on this machine (worktrees) that build theirs from other code.
  const prefix = `${module.name}-${seeded}-`;
  for (const old of readdirSync(SNAPSHOT_DIR)) {
    const oldFile = path.join(SNAPSHOT_DIR, old);
    if (!old.startsWith(prefix) || !old.endsWith('.tar.gz') || oldFile === file) continue;
    if (Date.now() - statSync(oldFile).mtimeMs > 86_400_000) rmSync(oldFile, { force: true });
  }
  return file;
}

/**
 * Both snapshots of a subgraph's embedded test store, built from one store: migrated (the empty
 * one), then seeded (the seeded one), paying for PGlite's start and the migrations once. Returns the
 * seeded snapshot's file (null on PostgreSQL, which has none).
 */
export async function ensureTestSnapshots(module: SubgraphModule): Promise<string | null> {
  const config = testStoreConfig(module.name);
  if (config.kind !== 'pglite') return null;
  const file = (seeded: boolean) => path.join(SNAPSHOT_DIR, `${snapshotKey(module.name, seeded)}.tar.gz`);
  if (existsSync(file(true)) && existsSync(file(false))) return file(true);
  const store = await openStore(module.name, config);
  try {
    await prepareStore(module, store, config, { ...TEST_DATASET, autoSeed: false }, () => undefined);
    await writeSnapshot(module, false, store);
    await prepareStore(module, store, config, { ...TEST_DATASET, autoSeed: true }, () => undefined);
    return await writeSnapshot(module, true, store);
  } finally {
    await store.close();
  }
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
