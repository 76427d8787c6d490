import { mkdir } from 'node:fs/promises';
import { accessSync, constants as fsConstants, existsSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { knex, type Knex } from 'knex';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import ClientPgLite from 'knex-pglite';
import { DEFAULT_STORE_POOL_MAX, type StoreConfig } from './config';
import { acquireLock, ago, createWhole, LockHeldError, type Lock } from './locks';
import { traceQueries } from './telemetry/knex';

/**
 * A subgraph's own PostgreSQL store: PGlite in-process (the embedded default) or a PostgreSQL
 * server through `pg`. Both speak the same SQL, so the subgraph code above this line is the same.
 */

const DATE_OID = 1082;
const INT8_OID = 20;

/** Dates stay `YYYY-MM-DD` strings (no time-zone shifts); bigint counts become numbers. */
const parseDate = (value: string): string => value;
const parseInt8 = (value: string): number => Number(value);

export interface Migration {
  readonly name: string;
  up(db: Knex): Promise<void>;
  down(db: Knex): Promise<void>;
}

export interface Store {
  readonly name: string;
  readonly kind: StoreConfig['kind'];
  readonly db: Knex;
  /** Whether the store still works: it turns failed, for good, on the store's own error or a failed probe. */
  readonly health: StoreHealth;
  /** An embedded store's whole data directory as a gzipped tarball (null for a server store). */
  snapshot(): Promise<Blob | null>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** An embedded store starts from this snapshot (`Store.snapshot`) instead of an empty directory. */
  readonly loadDataDir?: Blob;
  /**
   * Refuse to create an embedded store that does not exist yet (`CG_STORE_MUST_EXIST`; `npm start`
   * sets it when it restarts a subgraph): a store that vanished is never silently re-created.
   */
  readonly mustExist?: boolean;
  /** Probe the store this often (folder still there and writable, `select 1`); 0 or unset: no probe. */
  readonly probeIntervalMs?: number;
}

/** Exit codes a process gives for a store it cannot open (sysexits): retrying can help, or cannot. */
export const STORE_EXIT = { retry: 75, fatal: 78 } as const;

export class StoreError extends Error {
  override readonly name = 'StoreError';
  /** 75 (EX_TEMPFAIL): held by another process for now, retry; 78 (EX_CONFIG): an operator must act. */
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
  }
}

/** Creates the server-side database when it does not exist yet (PostgreSQL has no CREATE IF NOT EXISTS). */
export async function ensurePostgresDatabase(url: string, database: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  try {
    await client.connect();
  } catch (error) {
    throw new StoreError(`cannot reach PostgreSQL at ${admin.host}: ${(error as Error).message}`);
  }
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) {
      try {
        await client.query(`create database ${pg.escapeIdentifier(database)}`);
      } catch (error) {
        // Another subgraph or test worker created it between our check and our create.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await client.end();
  }
}

export async function dropPostgresDatabase(url: string, database: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${pg.escapeIdentifier(database)} with (force)`);
  } finally {
    await client.end();
  }
}

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID) return parseDate;
    if (oid === INT8_OID) return parseInt8;
    return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
  },
};

export async function openStore(name: string, config: StoreConfig, options: OpenOptions = {}): Promise<Store> {
  let db: Knex;
  let snapshot: Store['snapshot'] = async () => null;
  let folder: EmbeddedFolder | null = null;
  switch (config.kind) {
    case 'pglite': {
      folder = config.dataDir ? claimEmbeddedFolder(name, config.dataDir, options) : null;
      try {
        if (config.dataDir) await mkdir(config.dataDir, { recursive: true });
        // pg_trgm backs the registry's name search; the contrib module ships as ESM only.
        const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
        const pglite = await PGlite.create(config.dataDir ?? undefined, {
          parsers: { [DATE_OID]: parseDate, [INT8_OID]: parseInt8 },
          extensions: { pg_trgm },
          ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
        });
        snapshot = () => pglite.dumpDataDir('gzip');
        db = knex({
          client: ClientPgLite,
          dialect: 'postgres',
          connection: { pglite } as unknown as Knex.StaticConnectionConfig,
        });
        folder?.opened();
      } catch (error) {
        folder?.lock.release();
        if (error instanceof StoreError) throw error;
        throw new StoreError(`cannot open the ${name} store${config.dataDir ? ` in ${config.dataDir}` : ''}: ${(error as Error).message}`);
      }
      break;
    }
    case 'postgres': {
      await ensurePostgresDatabase(config.url, config.database);
      db = knex({
        client: 'pg',
        connection: { connectionString: config.url, types: pgTypes } as unknown as Knex.PgConnectionConfig,
        // A connection prepares the record statements once and PostgreSQL plans them over its first
        // executions (tens of ms): keep an idle connection ten minutes, not the pool's 30 s, so a quiet
        // graph does not pay that again every half minute.
        pool: { min: 0, max: config.poolMax ?? DEFAULT_STORE_POOL_MAX, idleTimeoutMillis: 600_000 },
      });
      break;
    }
    default: {
      const unreachable: never = config;
      throw new StoreError(`unknown store kind ${JSON.stringify(unreachable)}`);
    }
  }
  const health = new StoreHealth(name, db, folder);
  if (options.probeIntervalMs) health.probeEvery(options.probeIntervalMs);
  traceQueries(db, name);
  return {
    name,
    kind: config.kind,
    db,
    health,
    snapshot,
    close: async () => {
      health.stop();
      try {
        await db.destroy();
      } finally {
        folder?.lock.release();
      }
    },
  };
}

/**
 * Beside each embedded store's folder `<data>/<name>` the data folder keeps two files:
 * `<name>.lock`, the live process that has the store open (no second process may open it: two
 * PGlite instances on one folder lose and corrupt data), and `<name>.store`, the record that the
 * store was created here. A store whose record exists but whose folder is gone is refused, never
 * created anew (and seeded with demo data) in its place.
 */
export interface EmbeddedFolder {
  readonly dir: string;
  readonly lock: Lock;
  readonly markerFile: string;
  /** Records the store (its marker, the folder's identity) once PGlite opened it. */
  opened(): void;
  /** Why the folder can no longer be trusted with a write (gone, replaced, read-only), or null. */
  problem(): string | null;
}

/** The marker recording that a store was created in this data folder. */
export const markerFileOf = (dataDir: string) => `${dataDir}.store`;
export const storeLockFileOf = (dataDir: string) => `${dataDir}.lock`;

const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException).code ?? '';

/** Whether this process can create a file in `dir` (a real write: permissions, read-only mounts and root alike). */
function writeProblem(dir: string): string | null {
  const probe = path.join(dir, `.write-probe-${process.pid}`);
  try {
    writeFileSync(probe, '');
    unlinkSync(probe);
    return null;
  } catch (error) {
    return `${dir} is not writable (${errnoOf(error) || (error as Error).message})`;
  }
}

function claimEmbeddedFolder(name: string, dataDir: string, options: OpenOptions): EmbeddedFolder {
  const parent = path.dirname(dataDir);
  const fatal = (message: string) => new StoreError(message, STORE_EXIT.fatal);
  try {
    // The data folder itself (not the store: PGlite creates that).
    mkdirSync(parent, { recursive: true });
  } catch (error) {
    throw fatal(`cannot create the data folder ${parent} (${errnoOf(error)}); check CG_DATA_DIR and its permissions`);
  }
  const unwritable = writeProblem(parent);
  if (unwritable) throw fatal(`the data folder ${unwritable}: the ${name} store cannot be opened safely; make it writable for this user (or mount it read-write) and start again`);
  let lock: Lock;
  try {
    lock = acquireLock(storeLockFileOf(dataDir), { store: name, dataDir });
  } catch (error) {
    if (error instanceof LockHeldError) {
      const { holder } = error;
      throw new StoreError(
        `the ${name} store in ${dataDir} is open in another process (pid ${holder.pid} on ${holder.host}, since ${holder.since}, ${ago(holder.since)}); ` +
          'two processes on one embedded store lose and corrupt data: stop that one first (or use another CG_DATA_DIR)',
        STORE_EXIT.retry,
      );
    }
    throw error;
  }
  const markerFile = markerFileOf(dataDir);
  try {
    const exists = existsSync(path.join(dataDir, 'PG_VERSION'));
    if (!exists && !options.loadDataDir) {
      let marker: { createdAt?: string } | null = null;
      try {
        marker = JSON.parse(readFileSync(markerFile, 'utf8')) as { createdAt?: string };
      } catch (error) {
        if (errnoOf(error) !== 'ENOENT') marker = {};
      }
      if (marker !== null) {
        throw fatal(
          `the ${name} store was created in ${dataDir}${marker.createdAt ? ` on ${marker.createdAt}` : ''} (${markerFile}) and is gone or emptied. ` +
            `Nothing was created in its place. Restore the folder from a backup, or, to start this store afresh deliberately ` +
            `(its data lost; outside production the demo dataset is loaded), delete ${markerFile} and start again`,
        );
      }
      if (options.mustExist) {
        throw fatal(
          `the ${name} store does not exist in ${dataDir} and this start may not create one (CG_STORE_MUST_EXIST, set by npm start when it restarts a subgraph whose store vanished while running); ` +
            'restore the data folder from a backup, or start the stack again to create it deliberately',
        );
      }
    }
    if (exists) {
      const inside = writeProblem(dataDir);
      if (inside) throw fatal(`the ${name} store folder ${inside}; make it writable for this user and start again`);
    }
  } catch (error) {
    lock.release();
    throw error;
  }
  let identity: { dev: number; ino: number } | null = null;
  return {
    dir: dataDir,
    lock,
    markerFile,
    opened() {
      const { dev, ino } = statSync(dataDir);
      identity = { dev, ino };
      const record = `${JSON.stringify({ store: name, createdAt: new Date().toISOString() })}\n`;
      if (!existsSync(markerFile)) createWhole(markerFile, record);
    },
    problem() {
      let stat;
      try {
        stat = statSync(dataDir);
      } catch (error) {
        return `the store folder ${dataDir} is gone (${errnoOf(error)})`;
      }
      if (identity && (stat.dev !== identity.dev || stat.ino !== identity.ino)) return `the store folder ${dataDir} was replaced`;
      try {
        accessSync(dataDir, fsConstants.W_OK);
        statSync(path.join(dataDir, 'PG_VERSION'));
      } catch (error) {
        return `the store folder ${dataDir} is no longer usable (${errnoOf(error)})`;
      }
      return null;
    },
  };
}

/** SQLSTATE classes and codes that say the store failed, not the statement: connection, resources, system, internal, files. */
const STORE_FAULT_SQLSTATE = /^(08|53|58|XX|F0|57P0)/;
const STORE_FAULT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EACCES', 'EROFS', 'ENOSPC', 'EIO', 'ENOENT']);
const STORE_FAULT_MESSAGE = /PGlite is closed|Connection terminated|connection ended|Client has encountered a connection error|unreachable|memory access out of bounds/i;
/**
 * PostgreSQL's own file errors (`could not open file "base/5/2650": Permission denied`): an embedded
 * store's folder made read-only reports them as insufficient privilege (42501), which a trigger that
 * refuses a change (inquiry records are append-only) also raises, so the message decides.
 */
const FILE_FAULT_MESSAGE = /^could not [a-z ]+ (file|directory) /i;

/**
 * Whether an error from the store is the store's failure rather than the caller's (a constraint, bad
 * input, a cancelled statement, a busy pool): the store's health turns failed on the former only.
 */
export function isStoreFault(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (STORE_FAULT_SQLSTATE.test(code) || STORE_FAULT_CODES.has(code))) return true;
  if (error.name === 'RuntimeError') return true; // a WebAssembly trap: the embedded PostgreSQL died
  return STORE_FAULT_MESSAGE.test(error.message) || FILE_FAULT_MESSAGE.test(error.message);
}

/**
 * A store's health. It fails for good on the store's own errors (any query's, through knex) and on a
 * failed probe; a subgraph then answers not-ready, confirms nothing more, and exits to be restarted
 * on a freshly opened store. `confirm()` is what a response that reports a write checks last: the
 * failure so far, and (synchronously) that an embedded store's folder is still the one it opened, as
 * PGlite goes on "committing" into the open files of a folder deleted under it.
 */
export class StoreHealth {
  private failure: string | null = null;
  private readonly listeners: Array<(reason: string) => void> = [];
  private timer: NodeJS.Timeout | null = null;
  private probing = false;

  constructor(
    readonly name: string,
    private readonly db: Knex,
    private readonly folder: EmbeddedFolder | null,
  ) {
    db.on('query-error', (error: unknown) => {
      if (isStoreFault(error)) this.fail(`a query failed in the store: ${(error as Error).message}`);
    });
  }

  /** Why the store failed, or null while it works. */
  get reason(): string | null {
    return this.failure;
  }

  get ok(): boolean {
    return this.failure === null;
  }

  /** Whether a write may be confirmed now; checks the embedded folder synchronously (and fails the store if it is gone). */
  confirm(): boolean {
    if (this.failure !== null) return false;
    const problem = this.folder?.problem() ?? null;
    if (problem) this.fail(problem);
    return this.failure === null;
  }

  fail(reason: string): void {
    if (this.failure !== null) return;
    this.failure = reason;
    this.stop();
    for (const listener of this.listeners) listener(reason);
  }

  onFailure(listener: (reason: string) => void): void {
    if (this.failure !== null) listener(this.failure);
    else this.listeners.push(listener);
  }

  /** One probe: the folder is still there and writable, and the store answers `select 1` within the interval. */
  async probe(timeoutMs = 5_000): Promise<boolean> {
    if (!this.confirm()) return false;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.db.raw('select 1'),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer to select 1 within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (error) {
      if (!(error as Error).message.startsWith('Knex: Timeout acquiring')) this.fail(`the store does not answer: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    return this.ok;
  }

  probeEvery(intervalMs: number): void {
    this.stop();
    this.timer = setInterval(() => {
      if (this.probing) return;
      this.probing = true;
      void this.probe(Math.max(intervalMs * 2, 2_000)).finally(() => (this.probing = false));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

function migratorConfig(store: Store, migrations: readonly Migration[]): Knex.MigratorConfig {
  const migrationSource: Knex.MigrationSource<Migration> = {
    getMigrations: async () => [...migrations],
    getMigrationName: (migration) => migration.name,
    getMigration: async (migration) => ({ up: (db: Knex) => migration.up(db), down: (db: Knex) => migration.down(db) }),
  };
  // A migrations table (and lock table) per subgraph, so stores sharing a server never mix histories.
  return { migrationSource, tableName: `knex_migrations_${store.name}` };
}

/** Applies the subgraph's pending migrations and returns their names. */
export async function migrate(store: Store, migrations: readonly Migration[]): Promise<string[]> {
  const [, applied] = (await store.db.migrate.latest(migratorConfig(store, migrations))) as [number, string[]];
  return applied;
}

/** Undoes every migration of the subgraph (its tables are dropped). */
export async function rollbackAll(store: Store, migrations: readonly Migration[]): Promise<void> {
  await store.db.migrate.rollback(migratorConfig(store, migrations), true);
}

/** Whether a statement failed on a unique index (PostgreSQL's 23505): what a race between two writers of one key ends in. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** A table's columns but its row id, in their order (none when there is no such table). */
export async function tableColumns(db: Knex, table: string): Promise<string[]> {
  const rows = await db('information_schema.columns')
    .select<{ column_name: string }[]>('column_name')
    .where({ table_name: table, table_schema: 'public' })
    .whereNot({ column_name: 'id' })
    .orderBy('ordinal_position');
  return rows.map((r) => r.column_name);
}
