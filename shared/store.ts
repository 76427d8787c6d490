import { mkdir } from 'node:fs/promises';
import { knex, type Knex } from 'knex';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import ClientPgLite from 'knex-pglite';
import type { StoreConfig } from './config';
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
  /** An embedded store's whole data directory as a gzipped tarball (null for a server store). */
  snapshot(): Promise<Blob | null>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** An embedded store starts from this snapshot (`Store.snapshot`) instead of an empty directory. */
  readonly loadDataDir?: Blob;
}

export class StoreError extends Error {
  override readonly name = 'StoreError';
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
  switch (config.kind) {
    case 'pglite': {
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
      break;
    }
    case 'postgres': {
      await ensurePostgresDatabase(config.url, config.database);
      db = knex({
        client: 'pg',
        connection: { connectionString: config.url, types: pgTypes } as unknown as Knex.PgConnectionConfig,
        pool: { min: 0, max: 10 },
      });
      break;
    }
    default: {
      const unreachable: never = config;
      throw new StoreError(`unknown store kind ${JSON.stringify(unreachable)}`);
    }
  }
  traceQueries(db, name);
  return {
    name,
    kind: config.kind,
    db,
    snapshot,
    close: () => db.destroy(),
  };
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
