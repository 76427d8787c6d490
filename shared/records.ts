import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import pg from 'pg';
import { createCipheriv, createDecipheriv, createHash, type Cipher, type Decipher } from 'node:crypto';
import { withSpan } from './telemetry';
import { encodeCursor, notACursor, pageRequest, toConnection, type Connection, type PageArgs, type PageLimits } from './pagination';
import { systemClock, todayOf, type Clock } from './clock';
import type { IngestSpec } from './ingest/spec';
import type { RepairRule } from './recourse/repair';

/**
 * Sector credit records: every record carries the common envelope (source authority, document
 * number, decision date, act-ended date, publicity end date, objection and repair status) and hangs
 * off a subject code. Lists are paged newest first by (decision_date, id), and every page and count
 * of every subject in a request is fetched with one SQL statement per batch.
 */

export interface RecordRow {
  readonly id: number;
  readonly subject_code: string;
  readonly authority_name: string;
  readonly authority_code: string | null;
  readonly document_number: string | null;
  readonly decision_date: string;
  readonly act_ended_on: string | null;
  readonly publicity_ends_on: string | null;
  readonly objection_status: string;
  readonly repair_status: string;
  /** The record's identity across versions: its first version's row id. */
  readonly record_id?: number | string;
  readonly [column: string]: unknown;
}

/** A record as resolvers see it: camelCase fields, with the envelope's authority as one object. */
export interface CreditRecord {
  /** Globally unique: `<RecordType>:<sealed row id>`. */
  readonly id: string;
  /** The row's key in its table, sealed with the store's key: what keyset cursors carry. */
  readonly sealedId: string;
  readonly subjectCode: string;
  readonly sourceAuthority: { readonly name: string; readonly code: string | null };
  readonly documentNumber: string | null;
  readonly decisionDate: string;
  readonly actEndedOn: string | null;
  readonly publicityEndsOn: string | null;
  readonly objectionStatus: string;
  readonly repairStatus: string;
  readonly [field: string]: unknown;
}

/** Column names in camelCase, by column name: the few columns of the record tables, converted once. */
const camelNames = new Map<string, string>();

function camel(column: string): string {
  let name = camelNames.get(column);
  if (name === undefined) {
    name = column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (camelNames.size < 10_000) camelNames.set(column, name);
  }
  return name;
}

/**
 * Row ids never leave a store as they are: they are consecutive per table, so the ids and cursors of
 * the records a caller sees would show where the records it may not see sit (a gap in the A-grade tax
 * ratings is a year whose grade was not A). Record ids and cursors carry the row id sealed with the
 * store's own key (AES-256 of one block, the upper half zero so that a forged token does not open):
 * they reveal neither order nor gaps, and stay the same across restarts and replicas of a store.
 */
const recordKeys = new WeakMap<Knex, Promise<Buffer>>();

/** The store's record key, read once per connection pool. */
export function recordKey(db: Knex): Promise<Buffer> {
  let key = recordKeys.get(db);
  if (!key) {
    key = db('record_key')
      .where({ id: 1 })
      .first<{ key: Uint8Array } | undefined>('key')
      .then((row) => {
        if (!row) throw new Error('the store has no record key: run its migrations');
        return Buffer.from(row.key);
      });
    key.catch(() => recordKeys.delete(db));
    recordKeys.set(db, key);
  }
  return key;
}

/**
 * Reads a store's record key and its tables' columns (what the page statement is built from) while
 * its server is built, so no request pays for them; a store without record lists has neither.
 */
export async function warmRecordKey(db: Knex): Promise<void> {
  if (await db.schema.hasTable('record_key')) await Promise.all([recordKey(db), columnsOf(db, 'record_key')]);
}

const SEALED = /^[A-Za-z0-9_-]{22}$/;

/**
 * One AES-256 block cipher each way per record key, kept: in ECB mode without padding every 16-byte
 * block is encrypted on its own, so `update` of one block is that block's whole answer and the cipher
 * can take the next (making a cipher per row id cost four times the encryption).
 */
const blockCiphers = new WeakMap<Buffer, { readonly seal: Cipher; readonly open: Decipher }>();

function blockCipherOf(key: Buffer) {
  let ciphers = blockCiphers.get(key);
  if (!ciphers) {
    ciphers = { seal: createCipheriv('aes-256-ecb', key, null).setAutoPadding(false), open: createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false) };
    blockCiphers.set(key, ciphers);
  }
  return ciphers;
}

export function sealRowId(key: Buffer, rowId: number): string {
  const block = Buffer.alloc(16);
  block.writeBigUInt64BE(BigInt(rowId), 8);
  return blockCipherOf(key).seal.update(block).toString('base64url');
}

/** The row id a sealed token holds, or null for anything this store did not seal. */
export function openRowId(key: Buffer, token: string): number | null {
  if (!SEALED.test(token)) return null;
  // Exactly one block, always: the kept decipher must never hold a partial one over to the next token.
  const sealed = Buffer.from(token, 'base64url');
  if (sealed.length !== 16) return null;
  const block = blockCipherOf(key).open.update(sealed);
  if (block.length !== 16 || block.readBigUInt64BE(0) !== 0n) return null;
  const id = block.readBigUInt64BE(8);
  return id > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(id);
}

/** Columns that are how a record is kept, not what it says. */
const INTERNAL_COLUMNS: ReadonlySet<string> = new Set(['authority_name', 'authority_code', 'k_ord', 'record_id', 'current', 'served_from']);

export function toCreditRecord(recordType: string, row: RecordRow, key: Buffer): CreditRecord {
  const record: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (INTERNAL_COLUMNS.has(column)) continue;
    record[camel(column)] = value;
  }
  const rowId = Number(row.id);
  const recordRowId = Number(row.record_id ?? row.id);
  const sealed = sealRowId(key, rowId);
  // The record's id is its identity across versions (its first version's row, sealed); cursors use the version's row.
  record.id = `${recordType}:${recordRowId === rowId ? sealed : sealRowId(key, recordRowId)}`;
  record.recordRowId = recordRowId;
  record.sealedId = sealed;
  record.sourceAuthority = { name: row.authority_name, code: row.authority_code };
  return record as CreditRecord;
}

/**
 * Which records of a list are public although the list is not: the prose the catalogue publishes
 * (`@classify(publicWhen:)`) and the SQL condition (over the table's columns) that selects those rows.
 * Declared once, with the record list; the SDL gets the prose from here (`shared/subgraph/sdl.ts`).
 */
export interface PublicRows {
  readonly when: string;
  readonly sql: string;
}

export function publicRows(when: string, sql: string): PublicRows {
  return { when, sql };
}

/** Records public until their publicity ends (the envelope's `publicity_ends_on`). */
export const WHILE_PUBLICITY_LASTS = publicRows('publicityEndsOn is null or has not passed', 'publicity_ends_on is null or publicity_ends_on >= current_date');

/** Records public when every rule holds. */
export function allOf(...rules: readonly PublicRows[]): PublicRows {
  return publicRows(rules.map((r) => r.when).join(' and '), rules.map((r) => `(${r.sql})`).join(' and '));
}

/** One per-subject list of a sector: its GraphQL record type and its table. */
export interface RecordList {
  readonly recordType: string;
  readonly table: string;
  /** For a list classified with `publicWhen`: callers without a grant for the list see only those rows. */
  readonly publicWhen?: PublicRows;
  /** How its source authorities submit records, and which are negative (notices, waiting, retention). */
  readonly ingest?: IngestSpec;
  /** For a negative, published list: when and whether its subject may apply for the early end of a record's publicity (credit repair). */
  readonly repair?: RepairRule;
}

/**
 * Which records of a list a caller sees: `full` (the subject itself, statutory inquiry: every record
 * in force, negative ones still in their notice's waiting period included), `all` (every record in
 * force and served), or `public` (only the public ones of those).
 */
export type Visibility = 'full' | 'all' | 'public';

/** What the read path needs to know of the life cycle: the day, and how long negative records are kept. */
export interface ReadLifeCycle {
  readonly clock: Clock;
  /** Years a negative record of this type is served after its act or event ended (CIR Art. 16: 5). */
  retentionYears(recordType: string): number;
}

export const DEFAULT_RETENTION_YEARS = 5;

/** The life cycle's settings a subgraph runs with (`config.records`, and the clock). */
export interface RecordSettings extends ReadLifeCycle {
  /** Days after its notice before a negative record is served to non-statutory callers (default 0). */
  readonly noticeWaitingDays: number;
  /** Most records one submission mutation takes; files go through the import. */
  readonly submitBatchMax: number;
  /** Days the source authority has to answer an objection (CIR Art. 25: 20); then it is overdue and the record withheld. */
  readonly objectionAnswerDays: number;
  /** Most characters of a subject's own statement (PBoC reports: 200). */
  readonly statementMaxChars: number;
  /** A subject's own credit reports free per China calendar year (CIR Art. 17: 2). */
  readonly freeSelfReportsPerYear: number;
}

export const DEFAULT_RECORD_SETTINGS: RecordSettings = Object.freeze({
  clock: systemClock,
  retentionYears: () => DEFAULT_RETENTION_YEARS,
  noticeWaitingDays: 0,
  submitBatchMax: 100,
  objectionAnswerDays: 20,
  statementMaxChars: 200,
  freeSelfReportsPerYear: 2,
});

export const DEFAULT_READ_LIFE_CYCLE: ReadLifeCycle = Object.freeze({ clock: systemClock, retentionYears: () => DEFAULT_RETENTION_YEARS });

/** When a record's act or event ended, unless its type says otherwise: the date given, or the decision's. */
export const DEFAULT_ACT_ENDED = 'coalesce(act_ended_on, decision_date)';

/**
 * SQL of the last day a negative record is kept (CIR Art. 16: years after the act or event ended),
 * over the table's columns; null while the act goes on (`actEnded` null: a debt unpaid, a listing in force).
 */
export function retentionEnd(years: number, actEnded: string = DEFAULT_ACT_ENDED): string {
  if (!Number.isInteger(years) || years < 1 || years > 100) throw new Error(`retention of ${years} years is not a whole number of years from 1 to 100`);
  return `((${actEnded}) + interval '${years} years')::date`;
}

/**
 * SQL: the record is negative and its retention has ended by `today` (never while its act goes on).
 * The read path hides such records from everyone; the retention job deletes them.
 */
export function expiredCondition(list: Pick<RecordList, 'recordType' | 'ingest'>, lifeCycle: ReadLifeCycle, today: string = sqlDay(todayOf(lifeCycle.clock))): string {
  const negative = list.ingest?.negative ?? 'false';
  if (negative === 'false') return 'false';
  const end = retentionEnd(lifeCycle.retentionYears(list.recordType), list.ingest?.actEnded);
  return `coalesce((${negative}) and ${end} < ${today}, false)`;
}

/**
 * The records of a list that exist for every caller today: the current version, in force (not
 * withdrawn), and, when negative, still within its retention. What fails this is served to no one,
 * statutory callers included, even before the retention job deletes it.
 */
export function inForceCondition(list: Pick<RecordList, 'recordType' | 'ingest'>, lifeCycle: ReadLifeCycle, today: string = sqlDay(todayOf(lifeCycle.clock))): string {
  return `current and state = 'IN_FORCE' and not ${expiredCondition(list, lifeCycle, today)}`;
}

/** A day (`YYYY-MM-DD`, checked) as a SQL date literal. */
export function sqlDay(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
  return `'${day}'::date`;
}

/** A `publicWhen` rule's SQL on `day` (`YYYY-MM-DD`): `current_date` in declared rules means the clock's today. */
export function onDay(sql: string, day: string): string {
  return onToday(sql, sqlDay(day));
}

/** A `publicWhen` rule's SQL with `current_date` replaced by the SQL expression of the clock's today (a literal, or a statement's parameter). */
function onToday(sql: string, today: string): string {
  return sql.replace(/\bcurrent_date\b/g, today);
}

const CURSOR_PATTERNS = [/^\d{4}-\d{2}-\d{2}$/, SEALED] as const;

interface PageKey {
  readonly list: RecordList;
  readonly visibility: Visibility;
  readonly subjectCode: string;
  readonly first: number;
  /** The keyset position to continue after: a decision date and a row id (opened from the cursor). */
  readonly after: readonly [string, number] | null;
  /** Whether the list's `totalCount` is counted in the same statement (selected by the client). */
  readonly count: boolean;
  /** False for a key that asks only for the list's figures (a summary's): no row is read. */
  readonly page: boolean;
  /** True for a key that reads the lookup table's row of `subjectCode` (`RecordLoaderOptions.lookup`), not a list. */
  readonly lookup?: boolean;
}

/** What a list's records add up to, as one caller sees them: a credit report summary's part of one list. */
export interface ListFigures {
  readonly inForce: number;
  readonly negative: number;
  readonly underObjection: number;
  readonly repaired: number;
  /** The latest decision date, `YYYY-MM-DD`. */
  readonly latest: string | null;
  /** The worst value of the list's worst-state column (`RecordLoaderOptions.worstState`), or null. */
  readonly worst: string | null;
  /** The newest record's value of the list's latest-value column (`RecordLoaderOptions.latestValue`), or null. */
  readonly latestValue: string | null;
  /** Whether that newest record is public by the latest value's own rule (false without one). */
  readonly latestValueIsPublic: boolean;
  /** The list's own aggregates (`RecordLoaderOptions.aggregates`) by name, as text; empty for a list without. */
  readonly aggregates: Readonly<Record<string, string | null>>;
}

interface PageResult {
  readonly rows: CreditRecord[];
  /** A lookup key's row, its columns by name (null when there is none). */
  readonly row?: Readonly<Record<string, unknown>> | null;
  /** Null when the key did not ask for the count. */
  readonly figures: ListFigures | null;
}

/** Versions a record's `history` shows at most: the latest ones. */
export const HISTORY_MAX = 100;

export interface PageOptions {
  /**
   * Count the list's records in the same statement as the page: pass whether the client selected
   * `totalCount` (`selectsField(info, 'totalCount')`). A count asked for without it costs a statement of its own.
   */
  readonly count?: boolean;
}

export interface RecordLoaders {
  page(list: RecordList, subjectCode: string, args: PageArgs, visibility?: Visibility, options?: PageOptions): Promise<Connection<CreditRecord>>;
  /**
   * The figures of a list as a caller with `visibility` sees it for a subject: read in the same
   * statement as every page asked for meanwhile, and with the count of the same list's page when the
   * client asked for its `totalCount` too.
   */
  figures(list: RecordList, subjectCode: string, visibility: Visibility): Promise<ListFigures>;
  /** Every version of one record, oldest first (the record's history). */
  history(list: RecordList, recordRowId: number): Promise<CreditRecord[]>;
  /**
   * The lookup table's row of a subject (`RecordLoaderOptions.lookup`: the registry's subject), its
   * columns by name, or null: read in the same statement as every page and figure asked for meanwhile.
   */
  lookup(subjectCode: string): Promise<Readonly<Record<string, unknown>> | null>;
}

/**
 * The SQL condition of the records of `list` a caller with `visibility` sees: those in force, and
 * for any caller but the subject and statutory inquiry, served (a negative record's notice issued and
 * its waiting period over) and not withheld (an objection left unanswered past its due day: the
 * subject does not carry the cost of a late authority); for the public, only the public ones of
 * those, a record whose publicity ended early by credit repair excluded.
 */
export function rowCondition(list: Pick<RecordList, 'recordType' | 'publicWhen' | 'ingest'>, visibility: Visibility, lifeCycle: ReadLifeCycle = DEFAULT_READ_LIFE_CYCLE): string {
  return rowConditionAt(list, visibility, lifeCycle, sqlDay(todayOf(lifeCycle.clock)));
}

/** `rowCondition` on `today`, a SQL expression (a statement's parameter, so that its text does not change with the day). */
export function rowConditionAt(list: Pick<RecordList, 'recordType' | 'publicWhen' | 'ingest'>, visibility: Visibility, lifeCycle: ReadLifeCycle, today: string): string {
  const { inForce, served, isPublic } = visibilityConditions(list, lifeCycle, today);
  if (visibility === 'full') return inForce;
  if (visibility === 'all') return `${inForce} and ${served}`;
  // A list without public records shows nothing to a caller without a grant.
  return list.publicWhen ? `${inForce} and ${served} and ${isPublic}` : 'false';
}

/**
 * The three steps of `rowCondition`, on `today` (a SQL expression): in force (every caller), served
 * (every caller but the subject and statutory inquiry), public (a caller without a grant; `false` for
 * a list without public records).
 */
function visibilityConditions(list: Pick<RecordList, 'recordType' | 'publicWhen' | 'ingest'>, lifeCycle: ReadLifeCycle, today: string) {
  return {
    inForce: inForceCondition(list, lifeCycle, today),
    served: `(served_from is null or served_from <= ${today}) and ${notWithheld(today)}`,
    isPublic: list.publicWhen ? `repair_status <> 'REPAIRED' and (${onToday(list.publicWhen.sql, today)})` : 'false',
  };
}

/**
 * `rowCondition` with the visibility and the day as SQL expressions (a statement's parameters), so
 * that one statement text serves every caller on every day: `visibility` is 0 (full), 1 (all) or 2 (public).
 */
function rowConditionOn(list: RecordList, lifeCycle: ReadLifeCycle, visibility: string, today: string): string {
  const { inForce, served, isPublic } = visibilityConditions(list, lifeCycle, today);
  return `${inForce} and (${visibility} = 0 or (${served} and (${visibility} = 1 or (${isPublic}))))`;
}

/** SQL: the record is not withheld for an objection its source authority left unanswered past its due day. */
export function notWithheld(today: string): string {
  return `not (objection_status = 'UNDER_OBJECTION' and objection_due_on is not null and objection_due_on < ${today})`;
}

/** A store's tables and their columns in order, with each column's type as SQL names it. */
type StoreColumns = ReadonlyMap<string, ReadonlyArray<{ readonly name: string; readonly type: string }>>;

const storeColumns = new WeakMap<Knex, Promise<StoreColumns>>();

/** The columns of every table of the store, read once per connection pool (and once more for a table created since). */
function columnsOf(db: Knex, table: string, reread = true): Promise<ReadonlyArray<{ readonly name: string; readonly type: string }>> {
  let columns = storeColumns.get(db);
  if (!columns) {
    columns = db
      .raw<{ rows: Array<{ table_name: string; column_name: string; column_type: string }> }>(
        `select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, null) as column_type
           from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
          order by c.relname, a.attnum`,
      )
      .then(({ rows }) => {
        const byTable = new Map<string, Array<{ name: string; type: string }>>();
        for (const row of rows) {
          let found = byTable.get(row.table_name);
          if (!found) byTable.set(row.table_name, (found = []));
          found.push({ name: row.column_name, type: row.column_type });
        }
        return byTable;
      });
    columns.catch(() => storeColumns.delete(db));
    storeColumns.set(db, columns);
  }
  const read = columns;
  return read.then((byTable) => {
    const found = byTable.get(table);
    if (found) return found;
    if (!reread) throw new Error(`the store has no table ${table}: run its migrations`);
    if (storeColumns.get(db) === read) storeColumns.delete(db);
    return columnsOf(db, table, false);
  });
}

/**
 * The statement that reads pages (and figures) of any of `lists`, for any subjects and callers: two
 * branches per list, a LATERAL aggregate (the list's figures, `ListFigures`) per counted key and a
 * LATERAL keyset scan per key, of the unnested keys that name its list; a figures row has its slots
 * null, a record's row its figures. The rows of different tables share the statement's columns
 * position by position, per type, so every value comes back parsed by the driver as it would from the
 * table itself (dates, numerics, timestamps alike). The text depends only on the lists, their
 * columns and the life cycle's settings: the day, the visibilities and the keys are parameters, so
 * that PostgreSQL prepares it once per connection (`name`).
 */
interface PageStatement {
  readonly name: string;
  readonly sql: string;
  readonly tags: ReadonlyMap<string, number>;
  /** Per list (by tag): each of its columns and the statement column holding it; its id's position; its worst state's values. */
  readonly layouts: ReadonlyArray<{
    readonly list: RecordList;
    readonly columns: ReadonlyArray<readonly [string, number]>;
    readonly id: number;
    readonly worst: readonly string[] | null;
  }>;
  /** The names of the aggregates, in the order of the statement's `aggregates` array. */
  readonly aggregates: readonly string[];
}

/** The worst state a sector declares: one column of one list, its values from the best to the worst. */
export interface WorstState {
  /** The list's field on the profile (`creditAccounts`). */
  readonly list: string;
  readonly column: string;
  /** The column's values, best first (`NORMAL` ... `LOSS`); the summary shows the worst one seen. */
  readonly order: readonly string[];
}

/** A worst state by the table of its list. */
interface TableWorstState {
  readonly table: string;
  readonly column: string;
  readonly order: readonly string[];
}

/**
 * A value of one list's newest record a profile shows on its own (taxation's `latestGrade`: the grade
 * of the latest rating): a column, the list's order newest first (SQL over its columns), and when that
 * newest record is public (the field's `publicWhen`).
 */
export interface LatestValue {
  /** The list's field on the profile (`creditRatings`). */
  readonly list: string;
  readonly column: string;
  /** SQL over the table's columns, newest first: `year desc`. */
  readonly newestFirst: string;
  readonly publicWhen: PublicRows;
}

/**
 * Figures of one list beyond the common ones (finance's credit summary: the open accounts, their
 * balance): each an SQL aggregate over the table's columns, taken over the rows the caller sees, in the
 * same statement as the pages. Declared by the sector, never built from a request.
 */
export interface ListAggregates {
  /** The list's field on the profile (`creditAccounts`). */
  readonly list: string;
  /** By name, an SQL aggregate over the table's columns: `count(*) filter (where status = 'OPEN')`. Read back as text. */
  readonly values: Readonly<Record<string, string>>;
}

/** What the page statement computes beside each list's counts: by the table of their list. */
interface Extras {
  readonly worst: TableWorstState | null;
  readonly latest: (Omit<LatestValue, 'list'> & { readonly table: string }) | null;
  readonly aggregates: (ListAggregates & { readonly table: string; readonly names: readonly string[] }) | null;
  readonly lookup: LookupTable | null;
  /** All four, as the page statements' cache key has them. */
  readonly key: string;
}

/**
 * A table whose row of a subject the page statement reads beside the lists (the registry's `subjects`):
 * its rows by `key`, a column equal to the subject's code, the `columns` named.
 */
export interface LookupTable {
  readonly table: string;
  readonly key: string;
  readonly columns: readonly string[];
}

const VISIBILITY_CODE: Readonly<Record<Visibility, number>> = { full: 0, all: 1, public: 2 };

/**
 * Statements built, per store, by what their text depends on: the lists they read (their tables, in
 * order) and each list's retention (a setting, read at every batch: tests change it as they go).
 */
const pageStatements = new WeakMap<Knex, Map<string, Promise<PageStatement>>>();

/** A prepared statement's name: `prefix` and the hash of its text (the same text, the same name, on every connection). */
export function statementName(prefix: string, sql: string): string {
  return `${prefix}_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
}

/**
 * Runs `sql` (knex's `?` placeholders) as the named prepared statement `name` on a PostgreSQL server,
 * so that PostgreSQL parses and plans it once per connection; on embedded PGlite as it is. Through
 * knex like every other statement: traced, metered, its failures reaching the store's health.
 */
export function runPrepared<Row>(db: Knex, name: string, sql: string, bindings: readonly unknown[], options: { readonly rowMode?: 'array' } = {}): Promise<{ rows: Row[] }> {
  const query = db.raw<{ rows: Row[] }>(sql, bindings as unknown as Knex.RawBinding[]);
  const queryOptions: Record<string, unknown> = { ...options };
  // A server (knex's own `pg` client, not the embedded PGlite one) prepares it once per connection by its name.
  if ((db.client as { config: Knex.Config }).config.client === 'pg') queryOptions.name = name;
  return query.options(queryOptions);
}

function pageStatement(db: Knex, lifeCycle: ReadLifeCycle, lists: readonly RecordList[], extras: Extras): Promise<PageStatement> {
  let built = pageStatements.get(db);
  if (!built) pageStatements.set(db, (built = new Map<string, Promise<PageStatement>>()));
  const cacheKey = `${lists.map((l) => `${l.table}:${lifeCycle.retentionYears(l.recordType)}`).join(',')}|${extras.key}`;
  let statement = built.get(cacheKey);
  if (!statement) {
    statement = buildPageStatement(db, lifeCycle, lists, extras);
    const cache = built;
    statement.catch(() => cache.delete(cacheKey));
    built.set(cacheKey, statement);
  }
  return statement;
}

/** The statement's columns before the slots: the key's ordinal, then the list's figures (`ListFigures`, `total` first). */
const FIGURE_COLUMNS = ['k_ord', 'total', 'negative', 'under_objection', 'repaired', 'latest', 'worst', 'latest_value', 'latest_public', 'aggregates'] as const;
const FIXED = FIGURE_COLUMNS.length;

async function buildPageStatement(db: Knex, lifeCycle: ReadLifeCycle, lists: readonly RecordList[], { worst, latest, aggregates, lookup }: Extras): Promise<PageStatement> {
  const tables = await Promise.all(lists.map((list) => columnsOf(db, list.table)));
  // The lookup table's columns take slots like a list's, and its branch comes last (tag `lists.length`).
  const lookupColumns = lookup ? await lookupColumnsOf(db, lookup) : null;
  if (lookupColumns) tables.push(lookupColumns);
  // Positions per type: as many as the list with most columns of that type needs.
  const slotsPerType = new Map<string, number>();
  for (const columns of tables) {
    const perType = new Map<string, number>();
    for (const { type } of columns) perType.set(type, (perType.get(type) ?? 0) + 1);
    for (const [type, n] of perType) slotsPerType.set(type, Math.max(slotsPerType.get(type) ?? 0, n));
  }
  const slotTypes: string[] = [];
  for (const type of [...slotsPerType.keys()].sort()) for (let i = 0; i < slotsPerType.get(type)!; i += 1) slotTypes.push(type);
  const firstSlotOf = new Map<string, number>();
  slotTypes.forEach((type, i) => firstSlotOf.has(type) || firstSlotOf.set(type, i));
  const layouts: Array<PageStatement['layouts'][number]> = [];
  // A table's columns in the slots: each in the next free slot of its type, the others null.
  const slotted = (tableColumns: ReadonlyArray<{ readonly name: string; readonly type: string }>) => {
    const used = new Map<string, number>();
    const slots: string[] = slotTypes.map((type, i) => `null::${type} as s${i}`);
    const columns: Array<readonly [string, number]> = [];
    let id = -1;
    for (const column of tableColumns) {
      const slot = firstSlotOf.get(column.type)! + (used.get(column.type) ?? 0);
      used.set(column.type, (used.get(column.type) ?? 0) + 1);
      slots[slot] = `t.${pg.escapeIdentifier(column.name)} as s${slot}`;
      columns.push([column.name, FIXED + slot]);
      if (column.name === 'id') id = FIXED + slot;
    }
    return { slots, columns, id };
  };
  const noFigures = 'null::bigint, null::bigint, null::bigint, null::bigint, null::text, null::int, null::text, null::bool, null::text[]';
  const branches = lists.map((list, tag) => {
    const { slots, columns, id } = slotted(tables[tag]!);
    if (id < 0) throw new Error(`the record table ${list.table} has no id column`);
    const worstHere = worst?.table === list.table ? worst : null;
    layouts.push({ list, columns, id, worst: worstHere?.order ?? null });
    const condition = rowConditionOn(list, lifeCycle, 'k.vis', 'k.today');
    const table = pg.escapeIdentifier(list.table);
    const negative = list.ingest?.negative ?? 'false';
    // The worst state: the highest position, in the declared order (best first), of the column's values.
    const worstSql = worstHere
      ? `max(array_position(array[${worstHere.order.map((value) => pg.escapeLiteral(value)).join(', ')}]::text[], t.${pg.escapeIdentifier(worstHere.column)}::text))`
      : 'null::int';
    // The latest value: the column of the newest record, and whether that record is public by its rule.
    const latestHere = latest?.table === list.table ? latest : null;
    const newest = latestHere ? `order by ${latestHere.newestFirst}, t.id desc` : '';
    const latestSql = latestHere
      ? `(array_agg(t.${pg.escapeIdentifier(latestHere.column)}::text ${newest}))[1] as latest_value,
           (array_agg(coalesce((${onToday(latestHere.publicWhen.sql, 'k.today')}), false) ${newest}))[1] as latest_public`
      : 'null::text as latest_value, null::bool as latest_public';
    // The list's own aggregates, as text, in their declared order.
    const aggregatesHere = aggregates?.table === list.table ? aggregates : null;
    const aggregatesSql = aggregatesHere ? `array[${aggregatesHere.names.map((name) => `(${aggregatesHere.values[name]!})::text`).join(', ')}]::text[]` : 'null::text[]';
    // Two kinds of rows: one row of figures per counted key (its slots null), and the page's records
    // (their figures null), so that a page's rows do not each carry the figures again.
    const noSlots = slotTypes.map((type, i) => `null::${type} as s${i}`).join(', ');
    return `select k.k_ord, c.total, c.negative, c.under_objection, c.repaired, c.latest, c.worst, c.latest_value, c.latest_public, c.aggregates, ${noSlots}
  from k
  cross join lateral (
    select count(*) as total,
           count(*) filter (where coalesce((${negative}), false)) as negative,
           count(*) filter (where objection_status = 'UNDER_OBJECTION') as under_objection,
           count(*) filter (where repair_status = 'REPAIRED') as repaired,
           to_char(max(decision_date), 'YYYY-MM-DD') as latest,
           ${worstSql} as worst,
           ${latestSql},
           ${aggregatesSql} as aggregates
      from ${table} t where t.subject_code = k.code and ${condition}
  ) c
 where k.tag = ${tag} and k.counted
union all
select k.k_ord, ${noFigures}, r.*
  from k
  cross join lateral (
    select ${slots.join(', ')}
      from ${table} t
     where t.subject_code = k.code and ${condition}
       and (k.after_id is null or (t.decision_date, t.id) < (k.after_date, k.after_id))
     order by t.decision_date desc, t.id desc
     limit k.lim
  ) r
 where k.tag = ${tag}`;
  });
  if (lookup && lookupColumns) {
    // The lookup table's row of each lookup key: its figures null, its columns in the slots.
    const { slots, columns } = slotted(lookupColumns);
    layouts.push({ list: { recordType: '', table: lookup.table }, columns, id: -1, worst: null });
    branches.push(`select k.k_ord, ${noFigures}, r.*
  from k
  cross join lateral (
    select ${slots.join(', ')}
      from ${pg.escapeIdentifier(lookup.table)} t
     where t.${pg.escapeIdentifier(lookup.key)} = k.code
     limit 1
  ) r
 where k.tag = ${lists.length}`);
  }
  // Wrapped in a select so that the statement reads as one (its spans and metrics say SELECT).
  const sql = `select q.* from (
with k as materialized (
  select u.*, ?::date as today
    from unnest(?::int[], ?::varchar[], ?::date[], ?::bigint[], ?::int[], ?::int[], ?::bool[])
         with ordinality as u(tag, code, after_date, after_id, lim, vis, counted, k_ord)
)
${branches.join('\nunion all\n')}
) q`;
  const name = statementName('cg_records', sql);
  const tags = new Map(lists.map((list, tag) => [list.table, tag]));
  if (lookup) tags.set(lookup.table, lists.length);
  return { name, sql, tags, layouts, aggregates: aggregates?.names ?? [] };
}

/** The lookup's columns, as `columns` names them, in that order: a column the table lacks throws. */
async function lookupColumnsOf(db: Knex, lookup: LookupTable): Promise<ReadonlyArray<{ readonly name: string; readonly type: string }>> {
  const columns = await columnsOf(db, lookup.table);
  return lookup.columns.map((name) => {
    const found = columns.find((column) => column.name === name);
    if (!found) throw new Error(`the lookup table ${lookup.table} has no column ${name}`);
    return found;
  });
}

/** The figures of one statement row (`FIGURE_COLUMNS`), the worst state's position mapped to its value. */
function figuresOf(row: readonly unknown[], worstOrder: readonly string[] | null, aggregateNames: readonly string[]): ListFigures {
  const worst = row[6] === null || row[6] === undefined ? null : Number(row[6]);
  return {
    inForce: Number(row[1]),
    negative: Number(row[2]),
    underObjection: Number(row[3]),
    repaired: Number(row[4]),
    latest: (row[5] as string | null) ?? null,
    worst: worst === null || !worstOrder ? null : (worstOrder[worst - 1] ?? null),
    latestValue: (row[7] as string | null) ?? null,
    latestValueIsPublic: row[8] === true,
    aggregates: aggregateValues(row[9], aggregateNames),
  };
}

const NO_AGGREGATES: Readonly<Record<string, string | null>> = Object.freeze({});

function aggregateValues(values: unknown, names: readonly string[]): Readonly<Record<string, string | null>> {
  if (!Array.isArray(values)) return NO_AGGREGATES;
  return Object.fromEntries(names.map((name, i) => [name, (values[i] as string | null | undefined) ?? null]));
}

/**
 * Reads the pages and figures of `keys`, whatever their lists and visibilities, in one statement:
 * on PostgreSQL a named prepared statement (parsed and planned once per connection), through knex
 * like every other statement (traced, metered, and its failures reaching the store's health). A
 * list's figures are counted once per (list, visibility, subject), whether a page's `totalCount`, a
 * summary, or both asked for them.
 */
async function loadPages(db: Knex, lifeCycle: ReadLifeCycle, declared: readonly RecordList[], extras: Extras, keys: readonly PageKey[]): Promise<PageResult[]> {
  const byTable = new Map(declared.map((list) => [list.table, list]));
  for (const key of keys) if (!key.lookup && !byTable.has(key.list.table)) byTable.set(key.list.table, key.list);
  const lists = [...byTable.values()].sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  const [sealKey, statement] = await Promise.all([recordKey(db), pageStatement(db, lifeCycle, lists, extras)]);
  // The key whose row carries the figures of each (list, visibility, subject) that some key counts.
  const counter = new Map<string, number>();
  const countedBy = keys.map((key, k) => {
    if (!key.count) return -1;
    const group = `${key.list.table}|${key.visibility}|${key.subjectCode}`;
    const found = counter.get(group);
    if (found !== undefined) return found;
    counter.set(group, k);
    return k;
  });
  const result = await runPrepared<unknown[]>(
    db,
    statement.name,
    statement.sql,
    [
      todayOf(lifeCycle.clock),
      // Arrays bind as PostgreSQL arrays.
      keys.map((k) => statement.tags.get(k.list.table)!),
      keys.map((k) => k.subjectCode),
      keys.map((k) => k.after?.[0] ?? null),
      keys.map((k) => k.after?.[1] ?? null),
      keys.map((k) => (k.page ? k.first + 1 : 0)),
      keys.map((k) => VISIBILITY_CODE[k.visibility]),
      countedBy.map((by, k) => by === k),
    ],
    { rowMode: 'array' },
  );
  const rows = keys.map((): CreditRecord[] => []);
  const figures = keys.map((): ListFigures | null => null);
  const found = keys.map((): Record<string, unknown> | null => null);
  for (const row of result.rows) {
    const k = Number(row[0]) - 1;
    const key = keys[k];
    if (!key) continue;
    const layout = statement.layouts[statement.tags.get(key.list.table)!]!;
    if (row[1] !== null) {
      // A row of figures (a count is never null).
      if (countedBy[k] === k) figures[k] = figuresOf(row, layout.worst, statement.aggregates);
      continue;
    }
    const record: Record<string, unknown> = {};
    for (const [column, position] of layout.columns) record[column] = row[position];
    if (key.lookup) found[k] = record;
    else rows[k]!.push(toCreditRecord(key.list.recordType, record as unknown as RecordRow, sealKey));
  }
  return keys.map((key, k) => ({ rows: rows[k]!, figures: countedBy[k]! < 0 ? null : figures[countedBy[k]!] ?? null, row: key.lookup ? found[k] : undefined }));
}

/**
 * Per-request loaders over a sector's record lists. Every page (and count) of every list, visibility
 * and subject asked for while one request resolves goes to the store as one statement
 * (`loadPages`): a subgraph fetch costs one statement and one pool connection for its records.
 * `lists` are the sector's lists: the statement always covers all of them (a list not asked for
 * costs nothing in it), so that its text, prepared once per connection, is the same for every request.
 */
export function createRecordLoaders(
  db: Knex,
  limits: PageLimits,
  lifeCycle: ReadLifeCycle = DEFAULT_READ_LIFE_CYCLE,
  lists: Readonly<Record<string, RecordList>> = {},
  options: RecordLoaderOptions = {},
): RecordLoaders {
  return recordLoaderFactory(lists, options)(db, limits, lifeCycle);
}

/**
 * `createRecordLoaders` for one set of lists and options, checked and prepared once (a sector's,
 * when its server is defined): the returned function makes each request's loaders.
 */
export function recordLoaderFactory(
  lists: Readonly<Record<string, RecordList>>,
  options: RecordLoaderOptions = {},
): (db: Knex, limits: PageLimits, lifeCycle?: ReadLifeCycle) => RecordLoaders {
  const declared = Object.values(lists);
  const worst = worstStateOf(lists, options.worstState);
  const latest = latestValueOf(lists, options.latestValue);
  const aggregates = listAggregatesOf(lists, options.aggregates);
  const lookup = lookupOf(lists, options.lookup);
  const extras: Extras = { worst, latest, aggregates, lookup, key: JSON.stringify([worst, latest, aggregates, lookup]) };
  return (db, limits, lifeCycle = DEFAULT_READ_LIFE_CYCLE) => loadersOf(db, limits, lifeCycle, declared, extras);
}

function loadersOf(db: Knex, limits: PageLimits, lifeCycle: ReadLifeCycle, declared: readonly RecordList[], extras: Extras): RecordLoaders {
  const historyLoaders = new Map<string, DataLoader<number, CreditRecord[]>>();
  const pages = new DataLoader<PageKey, PageResult, string>(
    (keys) =>
      withSpan('records.page', { 'records.tables': [...new Set(keys.map((k) => k.list.table))].sort().join(','), 'records.batch_size': keys.length }, () =>
        loadPages(db, lifeCycle, declared, extras, keys),
      ),
    { cacheKeyFn: (key) => JSON.stringify([key.list.table, key.visibility, key.subjectCode, key.page ? key.first : -1, key.after, key.count, key.lookup === true]) },
  );
  const figures = async (list: RecordList, subjectCode: string, visibility: Visibility): Promise<ListFigures> =>
    (await pages.load({ list, visibility, subjectCode, first: 0, after: null, count: true, page: false })).figures!;

  function historyLoader(list: RecordList): DataLoader<number, CreditRecord[]> {
    let loader = historyLoaders.get(list.table);
    if (!loader) {
      loader = new DataLoader<number, CreditRecord[]>((ids) =>
        withSpan('records.history', { 'records.table': list.table, 'records.batch_size': ids.length }, async () => {
          const key = await recordKey(db);
          // The latest HISTORY_MAX versions of each record, oldest first.
          const result = await db.raw<{ rows: RecordRow[] }>(
            `select * from (
               select t.*, row_number() over (partition by t.record_id order by t.version desc) as k_ord
                 from ?? t where t.record_id = any(?::bigint[])
             ) v where v.k_ord <= ? order by v.record_id, v.version`,
            [list.table, [...ids], HISTORY_MAX],
          );
          const byId = new Map<number, CreditRecord[]>(ids.map((id) => [id, []]));
          for (const row of result.rows) byId.get(Number(row.record_id))?.push({ ...toCreditRecord(list.recordType, row, key), inHistory: true });
          return ids.map((id) => byId.get(id) ?? []);
        }),
      );
      historyLoaders.set(list.table, loader);
    }
    return loader;
  }

  return {
    history(list, recordRowId) {
      return historyLoader(list).load(recordRowId);
    },
    async page(list, subjectCode, args, visibility = 'all', options = {}) {
      const request = pageRequest(args, limits, CURSOR_PATTERNS);
      let after: [string, number] | null = null;
      if (request.after) {
        const rowId = openRowId(await recordKey(db), request.after[1] as string);
        if (rowId === null) notACursor();
        after = [request.after[0] as string, rowId];
      }
      const key: PageKey = { list, visibility, subjectCode, first: request.first, after, count: options.count ?? false, page: true };
      const { rows, figures: counted } = await pages.load(key);
      return toConnection(
        rows,
        request.first,
        (record) => encodeCursor([record.decisionDate, record.sealedId]),
        // Counted with the page when asked for; otherwise (a caller that did not say) in a statement of its own.
        async () => (counted ?? (await figures(list, subjectCode, visibility))).inForce,
      );
    },
    figures,
    async lookup(subjectCode) {
      if (!extras.lookup) throw new Error('these record loaders have no lookup table');
      const lookup: PageKey = { list: { recordType: '', table: extras.lookup.table }, visibility: 'full', subjectCode, first: 0, after: null, count: false, page: false, lookup: true };
      return (await pages.load(lookup)).row ?? null;
    },
  };
}

export interface RecordLoaderOptions {
  /** The worst state the lists' figures carry (`ListFigures.worst`): a column of one of `lists`. */
  readonly worstState?: WorstState;
  /** The latest value the lists' figures carry (`ListFigures.latestValue`): a column of one of `lists`. */
  readonly latestValue?: LatestValue;
  /** Further figures of one of `lists` (`ListFigures.aggregates`). */
  readonly aggregates?: ListAggregates;
  /** A table whose row of a subject `lookup` reads in the same statement (the registry's subjects). */
  readonly lookup?: LookupTable;
}

function listNamed(lists: Readonly<Record<string, RecordList>>, name: string, option: string): RecordList {
  const list = Object.hasOwn(lists, name) ? lists[name] : undefined;
  if (!list) throw new Error(`${option} names ${name}, which is no record list of these loaders`);
  return list;
}

function worstStateOf(lists: Readonly<Record<string, RecordList>>, worst: WorstState | undefined): TableWorstState | null {
  if (!worst) return null;
  return { table: listNamed(lists, worst.list, 'worstState').table, column: worst.column, order: [...worst.order] };
}

function latestValueOf(lists: Readonly<Record<string, RecordList>>, latest: LatestValue | undefined): Extras['latest'] {
  if (!latest) return null;
  return { table: listNamed(lists, latest.list, 'latestValue').table, column: latest.column, newestFirst: latest.newestFirst, publicWhen: latest.publicWhen };
}

function listAggregatesOf(lists: Readonly<Record<string, RecordList>>, aggregates: ListAggregates | undefined): Extras['aggregates'] {
  if (!aggregates) return null;
  const names = Object.keys(aggregates.values);
  if (names.length === 0) throw new Error(`aggregates of ${aggregates.list} name no figure`);
  return { list: aggregates.list, table: listNamed(lists, aggregates.list, 'aggregates').table, values: { ...aggregates.values }, names };
}

function lookupOf(lists: Readonly<Record<string, RecordList>>, lookup: LookupTable | undefined): LookupTable | null {
  if (!lookup) return null;
  if (Object.values(lists).some((list) => list.table === lookup.table)) throw new Error(`the lookup table ${lookup.table} is a record list's`);
  if (lookup.columns.length === 0) throw new Error(`the lookup of ${lookup.table} names no column`);
  return { table: lookup.table, key: lookup.key, columns: [...lookup.columns] };
}
