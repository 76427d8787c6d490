import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { createCipheriv, createDecipheriv } from 'node:crypto';
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

function camel(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
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

/** Reads a store's record key while its server is built, so no request pays for it; a store without record lists has none. */
export async function warmRecordKey(db: Knex): Promise<void> {
  if (await db.schema.hasTable('record_key')) await recordKey(db);
}

const SEALED = /^[A-Za-z0-9_-]{22}$/;

export function sealRowId(key: Buffer, rowId: number): string {
  const block = Buffer.alloc(16);
  block.writeBigUInt64BE(BigInt(rowId), 8);
  const cipher = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]).toString('base64url');
}

/** The row id a sealed token holds, or null for anything this store did not seal. */
export function openRowId(key: Buffer, token: string): number | null {
  if (!SEALED.test(token)) return null;
  const decipher = createDecipheriv('aes-256-ecb', key, null).setAutoPadding(false);
  const block = Buffer.concat([decipher.update(Buffer.from(token, 'base64url')), decipher.final()]);
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
  const sealed = sealRowId(key, Number(row.id));
  // The record's id is its identity across versions (its first version's row, sealed); cursors use the version's row.
  record.id = `${recordType}:${sealRowId(key, Number(row.record_id ?? row.id))}`;
  record.recordRowId = Number(row.record_id ?? row.id);
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
export function expiredCondition(list: Pick<RecordList, 'recordType' | 'ingest'>, lifeCycle: ReadLifeCycle): string {
  const negative = list.ingest?.negative ?? 'false';
  if (negative === 'false') return 'false';
  const end = retentionEnd(lifeCycle.retentionYears(list.recordType), list.ingest?.actEnded);
  return `coalesce((${negative}) and ${end} < ${sqlDay(todayOf(lifeCycle.clock))}, false)`;
}

/**
 * The records of a list that exist for every caller today: the current version, in force (not
 * withdrawn), and, when negative, still within its retention. What fails this is served to no one,
 * statutory callers included, even before the retention job deletes it.
 */
export function inForceCondition(list: Pick<RecordList, 'recordType' | 'ingest'>, lifeCycle: ReadLifeCycle): string {
  return `current and state = 'IN_FORCE' and not ${expiredCondition(list, lifeCycle)}`;
}

/** A day (`YYYY-MM-DD`, checked) as a SQL date literal. */
export function sqlDay(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a day: ${day}`);
  return `'${day}'::date`;
}

/** A `publicWhen` rule's SQL on `day` (`YYYY-MM-DD`): `current_date` in declared rules means the clock's today. */
export function onDay(sql: string, day: string): string {
  return sql.replace(/\bcurrent_date\b/g, sqlDay(day));
}

const CURSOR_PATTERNS = [/^\d{4}-\d{2}-\d{2}$/, SEALED] as const;

interface PageKey {
  readonly subjectCode: string;
  readonly first: number;
  /** The keyset position to continue after: a decision date and a row id (opened from the cursor). */
  readonly after: readonly [string, number] | null;
}

/** Versions a record's `history` shows at most: the latest ones. */
export const HISTORY_MAX = 100;

export interface RecordLoaders {
  page(list: RecordList, subjectCode: string, args: PageArgs, visibility?: Visibility): Promise<Connection<CreditRecord>>;
  /** Every version of one record, oldest first (the record's history). */
  history(list: RecordList, recordRowId: number): Promise<CreditRecord[]>;
}

/**
 * The SQL condition of the records of `list` a caller with `visibility` sees: those in force, and
 * for any caller but the subject and statutory inquiry, served (a negative record's notice issued and
 * its waiting period over) and not withheld (an objection left unanswered past its due day: the
 * subject does not carry the cost of a late authority); for the public, only the public ones of
 * those, a record whose publicity ended early by credit repair excluded.
 */
export function rowCondition(list: Pick<RecordList, 'recordType' | 'publicWhen' | 'ingest'>, visibility: Visibility, lifeCycle: ReadLifeCycle = DEFAULT_READ_LIFE_CYCLE): string {
  const inForce = inForceCondition(list, lifeCycle);
  if (visibility === 'full') return inForce;
  const today = sqlDay(todayOf(lifeCycle.clock));
  const served = `(served_from is null or served_from <= ${today}) and ${notWithheld(today)}`;
  if (visibility === 'all') return `${inForce} and ${served}`;
  // A list without public records shows nothing to a caller without a grant.
  return list.publicWhen ? `${inForce} and ${served} and repair_status <> 'REPAIRED' and (${onDay(list.publicWhen.sql, todayOf(lifeCycle.clock))})` : 'false';
}

/** SQL: the record is not withheld for an objection its source authority left unanswered past its due day. */
export function notWithheld(today: string): string {
  return `not (objection_status = 'UNDER_OBJECTION' and objection_due_on is not null and objection_due_on < ${today})`;
}

/**
 * Per-request loaders over a sector's record lists. A page batch is one statement: the requested
 * (subject, cursor, limit) triples are unnested and each drives a LATERAL keyset scan of the index.
 */
export function createRecordLoaders(db: Knex, limits: PageLimits, lifeCycle: ReadLifeCycle = DEFAULT_READ_LIFE_CYCLE): RecordLoaders {
  const historyLoaders = new Map<string, DataLoader<number, CreditRecord[]>>();
  const pageLoaders = new Map<string, DataLoader<PageKey, CreditRecord[], string>>();
  const countLoaders = new Map<string, DataLoader<string, number>>();

  function pageLoader(list: RecordList, visibility: Visibility): DataLoader<PageKey, CreditRecord[], string> {
    const loaderKey = `${list.table}:${visibility}`;
    let loader = pageLoaders.get(loaderKey);
    if (!loader) {
      loader = new DataLoader<PageKey, CreditRecord[], string>(
        (keys) => withSpan('records.page', { 'records.table': list.table, 'records.visibility': visibility, 'records.batch_size': keys.length }, async () => {
          const key = await recordKey(db);
          const result = await db.raw<{ rows: RecordRow[] }>(
            `select r.*, k.k_ord
               from unnest(?::varchar[], ?::date[], ?::bigint[], ?::int[])
                    with ordinality as k(code, after_date, after_id, lim, k_ord)
               cross join lateral (
                 select t.* from ?? t
                  where t.subject_code = k.code
                    and ${rowCondition(list, visibility, lifeCycle)}
                    and (k.after_id is null or (t.decision_date, t.id) < (k.after_date, k.after_id))
                  order by t.decision_date desc, t.id desc
                  limit k.lim
               ) r`,
            [
              // Arrays bind as PostgreSQL arrays (knex's typings only admit scalars here).
              keys.map((k) => k.subjectCode),
              keys.map((k) => k.after?.[0] ?? null) as unknown as Knex.Value,
              keys.map((k) => k.after?.[1] ?? null) as unknown as Knex.Value,
              keys.map((k) => k.first + 1),
              list.table,
            ],
          );
          const byKey = keys.map((): CreditRecord[] => []);
          for (const row of result.rows) {
            byKey[Number(row.k_ord) - 1]?.push(toCreditRecord(list.recordType, row, key));
          }
          return byKey;
        }),
        { cacheKeyFn: (key) => JSON.stringify([key.subjectCode, key.first, key.after]) },
      );
      pageLoaders.set(loaderKey, loader);
    }
    return loader;
  }

  function countLoader(list: RecordList, visibility: Visibility): DataLoader<string, number> {
    const loaderKey = `${list.table}:${visibility}`;
    let loader = countLoaders.get(loaderKey);
    if (!loader) {
      loader = new DataLoader<string, number>((codes) => withSpan('records.count', { 'records.table': list.table, 'records.visibility': visibility, 'records.batch_size': codes.length }, async () => {
        const rows = await db(list.table)
          .select('subject_code')
          .count<{ subject_code: string; n: number }[]>({ n: '*' })
          .whereIn('subject_code', [...codes])
          .whereRaw(rowCondition(list, visibility, lifeCycle))
          .groupBy('subject_code');
        const counts = new Map(rows.map((r) => [r.subject_code, Number(r.n)]));
        return codes.map((code) => counts.get(code) ?? 0);
      }));
      countLoaders.set(loaderKey, loader);
    }
    return loader;
  }

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
    async page(list, subjectCode, args, visibility = 'all') {
      const request = pageRequest(args, limits, CURSOR_PATTERNS);
      let after: [string, number] | null = null;
      if (request.after) {
        const rowId = openRowId(await recordKey(db), request.after[1] as string);
        if (rowId === null) notACursor();
        after = [request.after[0] as string, rowId];
      }
      const rows = await pageLoader(list, visibility).load({ subjectCode, first: request.first, after });
      return toConnection(
        rows,
        request.first,
        (record) => encodeCursor([record.decisionDate, record.sealedId]),
        () => countLoader(list, visibility).load(subjectCode),
      );
    },
  };
}
