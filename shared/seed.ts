import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { LIFECYCLE_COLUMNS_V2 } from './migrations/v2';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { tableColumns, type Store } from './store';
import type { StoreConfig } from './config';
import { subjectAt, type DatasetOptions, type SubjectProfile } from './generator/subjects';
import type { Cell, TableRows } from './generator/envelope';

/**
 * Loads a subgraph's share of the generated dataset. The whole load is one transaction: a failure
 * leaves the store as it was, never half-written. PostgreSQL servers are fed with COPY; PGlite with
 * multi-row inserts.
 */

export interface DatasetPlan {
  /** Tables in the order they are filled (and truncated in reverse). */
  readonly tables: readonly string[];
  rowsFor(subject: SubjectProfile, seed: number): TableRows;
}

export interface LoadOptions extends DatasetOptions {
  readonly chunkSize?: number;
  readonly onProgress?: (progress: { readonly subjects: number; readonly rows: number }) => void;
}

export interface LoadResult {
  readonly subjects: number;
  readonly rows: Readonly<Record<string, number>>;
}

const DATASET_TABLE = 'dataset_info';

export async function ensureDatasetTable(store: Store): Promise<void> {
  if (!(await store.db.schema.hasTable(DATASET_TABLE))) {
    await store.db.schema.createTable(DATASET_TABLE, (t) => {
      t.integer('seed').notNullable();
      t.integer('subjects').notNullable();
      t.timestamp('loaded_at', { useTz: true }).notNullable().defaultTo(store.db.fn.now());
    });
  }
}

export async function datasetInfo(store: Store): Promise<{ seed: number; subjects: number } | null> {
  await ensureDatasetTable(store);
  const row = await store.db(DATASET_TABLE).first<{ seed: number | string; subjects: number | string } | undefined>('seed', 'subjects');
  return row ? { seed: Number(row.seed), subjects: Number(row.subjects) } : null;
}

/** The columns a generated row fills: the life cycle's keep their defaults (a generated record is version 1 of itself, in force). */
async function generatedColumns(store: Store, table: string): Promise<string[]> {
  const columns = await tableColumns(store.db, table);
  if (columns.length === 0) throw new Error(`table ${table} does not exist; run the migrations first`);
  return columns.filter((c) => !LIFECYCLE_COLUMNS_V2.includes(c));
}

function copyCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function* chunksOf(options: LoadOptions): Generator<SubjectProfile[]> {
  const size = options.chunkSize ?? 2_000;
  for (let start = 0; start < options.subjects; start += size) {
    const chunk: SubjectProfile[] = [];
    for (let i = start; i < Math.min(start + size, options.subjects); i += 1) chunk.push(subjectAt(options.seed, i));
    yield chunk;
  }
}

function collect(plan: DatasetPlan, chunk: readonly SubjectProfile[], seed: number): Map<string, Record<string, Cell>[]> {
  const byTable = new Map<string, Record<string, Cell>[]>(plan.tables.map((t) => [t, []]));
  for (const subject of chunk) {
    for (const [table, rows] of Object.entries(plan.rowsFor(subject, seed))) {
      const target = byTable.get(table);
      if (!target) throw new Error(`dataset plan produced rows for undeclared table ${table}`);
      target.push(...rows);
    }
  }
  return byTable;
}

export async function loadDataset(
  store: Store,
  storeConfig: StoreConfig,
  plan: DatasetPlan,
  options: LoadOptions,
): Promise<LoadResult> {
  await ensureDatasetTable(store);
  const columns = new Map<string, string[]>();
  for (const table of plan.tables) columns.set(table, await generatedColumns(store, table));
  const counts: Record<string, number> = Object.fromEntries(plan.tables.map((t) => [t, 0]));
  let subjectsDone = 0;
  let rowsDone = 0;
  const truncate = `truncate ${[...plan.tables, DATASET_TABLE].map((t) => pg.escapeIdentifier(t)).join(', ')} restart identity`;
  const finish = { seed: options.seed, subjects: options.subjects };

  const progress = (chunk: number, rows: number) => {
    subjectsDone += chunk;
    rowsDone += rows;
    options.onProgress?.({ subjects: subjectsDone, rows: rowsDone });
  };

  if (storeConfig.kind === 'postgres') {
    const client = new pg.Client({ connectionString: storeConfig.url });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(truncate);
      for (const chunk of chunksOf(options)) {
        let chunkRows = 0;
        for (const [table, rows] of collect(plan, chunk, options.seed)) {
          if (rows.length === 0) continue;
          const cols = columns.get(table) as string[];
          const sql = `copy ${pg.escapeIdentifier(table)} (${cols.map((c) => pg.escapeIdentifier(c)).join(', ')}) from stdin`;
          const text = rows.map((row) => `${cols.map((c) => copyCell(row[c])).join('\t')}\n`).join('');
          await pipeline(Readable.from([text]), client.query(copyFrom(sql)));
          counts[table] = (counts[table] ?? 0) + rows.length;
          chunkRows += rows.length;
        }
        progress(chunk.length, chunkRows);
      }
      await client.query(`insert into ${DATASET_TABLE} (seed, subjects) values ($1, $2)`, [finish.seed, finish.subjects]);
      await client.query('commit');
      // Fresh statistics, or the planner guesses from an empty table and scans millions of rows.
      await client.query(`analyze ${plan.tables.map((t) => pg.escapeIdentifier(t)).join(', ')}`);
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      await client.end();
    }
  } else {
    await store.db.transaction(async (trx) => {
      await trx.raw(truncate);
      for (const chunk of chunksOf(options)) {
        let chunkRows = 0;
        for (const [table, rows] of collect(plan, chunk, options.seed)) {
          if (rows.length === 0) continue;
          const cols = columns.get(table) as string[];
          const complete = rows.map((row) => Object.fromEntries(cols.map((c) => [c, row[c] ?? null])));
          for (let i = 0; i < complete.length; i += 500) await trx(table).insert(complete.slice(i, i + 500));
          counts[table] = (counts[table] ?? 0) + rows.length;
          chunkRows += rows.length;
        }
        progress(chunk.length, chunkRows);
      }
      await trx(DATASET_TABLE).insert(finish);
    });
    await store.db.raw(`analyze ${plan.tables.map((t) => pg.escapeIdentifier(t)).join(', ')}`);
  }
  return { subjects: options.subjects, rows: counts };
}
