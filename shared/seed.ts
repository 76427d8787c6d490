import pg from 'pg';
import type { Knex } from 'knex';
import { from as copyFrom } from 'pg-copy-streams';
import { LIFECYCLE_COLUMNS_V2 } from './migrations/v2';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { tableColumns, type Store } from './store';
import type { StoreConfig } from './config';
import { subjectAt, type DatasetOptions, type SubjectProfile } from './generator/subjects';
import type { Cell, Row, TableRows } from './generator/envelope';

/**
 * Loads a subgraph's share of the generated dataset. The whole load is one transaction: a failure
 * leaves the store as it was, never half-written. PostgreSQL servers are fed with COPY; PGlite with
 * multi-row inserts.
 */

export interface DatasetPlan {
  /** Tables in the order they are filled (and truncated in reverse). */
  readonly tables: readonly string[];
  rowsFor(subject: SubjectProfile, seed: number): TableRows;
  /**
   * What a bulk load does instead of a row trigger: the triggers are disabled while the rows go in,
   * then the statements rebuild at once what they would have kept up to date row by row.
   */
  readonly bulk?: {
    readonly suspendTriggers: readonly { readonly table: string; readonly trigger: string }[];
    readonly afterLoad: readonly string[];
    /**
     * What `afterLoad` costs, counted in loaded rows per subject (the registry's name grams, about ten
     * narrow rows per organization built in one statement, cost what two loaded rows per subject do
     * at a million subjects): the loader weighs it, with the rows, to start the longest loads first.
     */
    readonly afterLoadRowsPerSubject?: number;
  };
}

/** Where a load stands: rows in, then the work done once they are all in. */
export type LoadPhase = 'rows' | 'indexes' | 'derived' | 'vacuum';

export interface LoadOptions extends DatasetOptions {
  readonly chunkSize?: number;
  readonly onProgress?: (progress: { readonly subjects: number; readonly rows: number; readonly phase: LoadPhase }) => void;
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

/** What COPY's text format escapes in a cell: backslash, tab, newline, carriage return. */
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES = /[\\\t\n\r]/g;
const COPY_ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  // Almost no cell needs escaping: one test instead of four replacements per cell.
  return COPY_SPECIAL.test(text) ? text.replace(COPY_ESCAPES, (c) => COPY_ESCAPED[c] as string) : text;
}

function* chunksOf(options: LoadOptions): Generator<SubjectProfile[]> {
  const size = options.chunkSize ?? 2_000;
  for (let start = 0; start < options.subjects; start += size) {
    const chunk: SubjectProfile[] = [];
    for (let i = start; i < Math.min(start + size, options.subjects); i += 1) chunk.push(subjectAt(options.seed, i));
    yield chunk;
  }
}

/**
 * A chunk's rows by table, each row as `entry` makes it as soon as its subject's rows are generated:
 * the row objects themselves (PGlite's inserts), or COPY lines (`copyLine`), so that the objects die
 * young and only one flat line per row lives until the chunk is sent.
 */
function collect<T>(plan: DatasetPlan, chunk: readonly SubjectProfile[], seed: number, entry: (table: string, row: Row) => T): Map<string, T[]> {
  const byTable = new Map<string, T[]>(plan.tables.map((t) => [t, []]));
  for (const subject of chunk) {
    for (const [table, rows] of Object.entries(plan.rowsFor(subject, seed))) {
      const target = byTable.get(table);
      if (!target) throw new Error(`dataset plan produced rows for undeclared table ${table}`);
      for (const row of rows) target.push(entry(table, row));
    }
  }
  return byTable;
}

/** A statement runner: the load's pg client, or its knex transaction on PGlite. */
type Run = (sql: string, bindings?: readonly unknown[]) => Promise<Array<Record<string, unknown>>>;

interface SecondaryIndex {
  readonly name: string;
  readonly definition: string;
}

/**
 * The plan's tables' indexes that back no constraint: dropped before the rows go in and built again
 * after (one sort each instead of millions of inserts into them), inside the load's transaction.
 */
async function secondaryIndexes(run: Run, tables: readonly string[]): Promise<SecondaryIndex[]> {
  const rows = await run(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
     from pg_index i join pg_class t on t.oid = i.indrelid
     where t.relname = any($1::text[]) and t.relnamespace = 'public'::regnamespace
       and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
     order by 1`,
    [tables],
  );
  return rows.map((r) => ({ name: String(r.name), definition: String(r.definition) }));
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
  // A row as a line of COPY's text format, its cells in the table's column order.
  const copyLine = (table: string, row: Row) => (columns.get(table) as string[]).map((c) => copyCell(row[c])).join('\t');
  let subjectsDone = 0;
  let rowsDone = 0;
  const truncate = `truncate ${[...plan.tables, DATASET_TABLE].map((t) => pg.escapeIdentifier(t)).join(', ')} restart identity`;
  const finish = { seed: options.seed, subjects: options.subjects };
  const switchTriggers = async (run: Run, to: 'enable' | 'disable') => {
    for (const { table, trigger } of plan.bulk?.suspendTriggers ?? []) {
      await run(`alter table ${pg.escapeIdentifier(table)} ${to} trigger ${pg.escapeIdentifier(trigger)}`);
    }
  };

  const progress = (chunk: number, rows: number) => {
    subjectsDone += chunk;
    rowsDone += rows;
    options.onProgress?.({ subjects: subjectsDone, rows: rowsDone, phase: 'rows' });
  };
  const phase = (name: LoadPhase) => options.onProgress?.({ subjects: subjectsDone, rows: rowsDone, phase: name });

  /** Empties the tables, drops their secondary indexes and suspends the plan's row triggers; gives back what puts them back. */
  const prepare = async (run: Run): Promise<() => Promise<void>> => {
    await run(truncate);
    const indexes = await secondaryIndexes(run, plan.tables);
    for (const index of indexes) await run(`drop index ${index.name}`);
    await switchTriggers(run, 'disable');
    phase('rows');
    return async () => {
      phase('indexes');
      for (const index of indexes) await run(index.definition);
      phase('derived');
      for (const statement of plan.bulk?.afterLoad ?? []) await run(statement);
      await switchTriggers(run, 'enable');
    };
  };

  if (storeConfig.kind === 'postgres') {
    const client = new pg.Client({ connectionString: storeConfig.url });
    await client.connect();
    const run: Run = async (sql, bindings) => (await client.query(sql, bindings as unknown[] | undefined)).rows as Array<Record<string, unknown>>;
    try {
      await client.query('begin');
      const restore = await prepare(run);
      for (const chunk of chunksOf(options)) {
        let chunkRows = 0;
        for (const [table, lines] of collect(plan, chunk, options.seed, copyLine)) {
          if (lines.length === 0) continue;
          const cols = columns.get(table) as string[];
          const sql = `copy ${pg.escapeIdentifier(table)} (${cols.map((c) => pg.escapeIdentifier(c)).join(', ')}) from stdin`;
          await pipeline(Readable.from([`${lines.join('\n')}\n`]), client.query(copyFrom(sql)));
          counts[table] = (counts[table] ?? 0) + lines.length;
          chunkRows += lines.length;
        }
        progress(chunk.length, chunkRows);
      }
      await restore();
      await client.query(`insert into ${DATASET_TABLE} (seed, subjects) values ($1, $2)`, [finish.seed, finish.subjects]);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      await client.end();
      throw error;
    }
    try {
      // Fresh statistics (or the planner guesses from empty tables and scans millions of rows), and
      // every page marked all-visible, so that index-only scans need not visit the table.
      phase('vacuum');
      await client.query('vacuum (analyze)');
    } finally {
      await client.end();
    }
  } else {
    await store.db.transaction(async (trx) => {
      // knex's placeholders are `?`, the load's own are PostgreSQL's `$n`; a statement without
      // bindings (an index's definition) goes as it is, whatever `?` or `$` it holds.
      const run: Run = async (sql, bindings) => {
        const result = bindings
          ? await trx.raw<{ rows: Array<Record<string, unknown>> }>(sql.replace(/\$\d+/g, '?'), bindings as Knex.RawBinding[])
          : await trx.raw<{ rows: Array<Record<string, unknown>> }>(sql);
        return result.rows;
      };
      const restore = await prepare(run);
      for (const chunk of chunksOf(options)) {
        let chunkRows = 0;
        for (const [table, rows] of collect(plan, chunk, options.seed, (_table, row) => row)) {
          if (rows.length === 0) continue;
          const cols = columns.get(table) as string[];
          const complete = rows.map((row) => Object.fromEntries(cols.map((c) => [c, row[c] ?? null])));
          for (let i = 0; i < complete.length; i += 500) await trx(table).insert(complete.slice(i, i + 500));
          counts[table] = (counts[table] ?? 0) + rows.length;
          chunkRows += rows.length;
        }
        progress(chunk.length, chunkRows);
      }
      await restore();
      await trx(DATASET_TABLE).insert(finish);
    });
    phase('vacuum');
    await store.db.raw('vacuum (analyze)');
  }
  return { subjects: options.subjects, rows: counts };
}
