import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Knex } from 'knex';
import { isUniqueViolation, tableColumns } from '../store';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Clock } from '../clock';
import { todayOf } from '../clock';
import type { ValueSource } from './fields';
import { columnOf, validateRow, type IngestSpec, type ValidRow } from './spec';
import { expiredCondition, sqlDay } from '../records';

/**
 * Writing records as their source authority: one transaction per submission (a mutation's list or a
 * whole import file), all or nothing.
 *
 * 1. Every row is validated as it streams in; valid rows are staged in a temporary table. Rows are
 *    never held in memory beyond a chunk, so a file of any size takes the same memory.
 * 2. Any invalid row, a document number twice in one submission, or a changed record without a
 *    reason: the transaction is rolled back, nothing is written, and the report names each line.
 * 3. Otherwise one set-based merge against the current versions, under the record type's lock:
 *    a new identity (authority, document number, type) is CREATED as version 1; the same record
 *    again is UNCHANGED and writes nothing; a different one is CORRECTED: a new version, the old one
 *    kept (no record is ever updated in place: the old version only stops being current). The
 *    record's recourse marks (`objection_status`, `objection_due_on`, `repair_status`) are its present
 *    status, not content: each new version carries them forward from the current one.
 * 4. Every version of a negative record written sends its subject a notice, in the same transaction:
 *    a negative record never exists without its notice, and is served to non-statutory callers from
 *    the notice's day plus the waiting period.
 */

export interface SubmittingAuthority {
  /** Its USCC: the records' `authority_code`. */
  readonly code: string;
  readonly name: string;
  /** The member of staff who submitted, for the version's `recorded_by`. */
  readonly staff: string | null;
}

/** The record type written to: its GraphQL type, table and ingestion rules. */
export interface IngestTarget {
  readonly recordType: string;
  readonly table: string;
  readonly ingest: IngestSpec;
}

export interface LifeCycleSettings {
  readonly clock: Clock;
  /** Years a negative record of a type is kept after its act ended (CIR Art. 16): none is written past it. */
  retentionYears(recordType: string): number;
  /** Days after its notice before a negative record is served to non-statutory callers. */
  readonly noticeWaitingDays: number;
}

export type RowOutcome = 'CREATED' | 'CORRECTED' | 'UNCHANGED' | 'WITHDRAWN';

export interface LineProblem {
  /** The row's line: 1-based line of the file (CSV counts its header), or position in a mutation's list. */
  readonly line: number;
  readonly field: string;
  readonly reason: string;
}

export interface RowResult {
  readonly line: number;
  readonly documentNumber: string;
  readonly outcome: RowOutcome;
  /** The record's row id of its current version (the caller seals it). */
  readonly rowId: number;
  readonly recordRowId: number;
}

export interface IngestReport {
  readonly recordType: string;
  readonly received: number;
  readonly created: number;
  readonly corrected: number;
  readonly unchanged: number;
  readonly withdrawn: number;
  readonly notices: number;
  /** False when anything was refused: then nothing at all was written. */
  readonly written: boolean;
  /** The first problems, line by line (at most `maxProblems`). */
  readonly problems: readonly LineProblem[];
  /** Every problem found, listed or not. */
  readonly problemCount: number;
  /** Per row, when asked for (mutations; an import of a million rows reports counts). */
  readonly results: readonly RowResult[] | null;
}

export interface IngestOptions {
  readonly source: ValueSource;
  readonly acceptLegacyCodes?: boolean;
  readonly collectResults?: boolean;
  /** Problems listed in the report; more are counted. Default 1,000. */
  readonly maxProblems?: number;
  /** Called every `progressEvery` rows read (and at the end), for a progress line. */
  readonly onProgress?: (rows: number) => void;
  readonly progressEvery?: number;
}

/** One row as it arrived, with its line for the report. */
export interface IncomingRow {
  readonly line: number;
  readonly values: unknown;
  /** The line is no record at all (an import file's line that is not a JSON object): reported as is. */
  readonly problem?: { readonly field: string; readonly reason: string };
  /** The problem is of the file's header, not of a record: it is reported, and not counted as received. */
  readonly header?: boolean;
}

/** Thrown inside the transaction to roll it back with the report of what was refused. */
class Refused extends Error {
  constructor(readonly report: IngestReport) {
    super('refused');
  }
}

const STAGE = 'cg_ingest_stage';
const CHUNK = 1_000;
/** A record's recourse marks: on its current version, carried to each new one (`shared/migrations/v3.ts`). */
const RECOURSE_MARKS = ['objection_status', 'objection_due_on', 'repair_status'] as const;
const ENVELOPE_STAGED = ['subject_code', 'document_number', 'decision_date', 'act_ended_on', 'publicity_ends_on', 'legacy_code'] as const;

/** One staged row, by column. */
type StagedRow = Readonly<Record<string, unknown>>;

/** A value in COPY's text format: `\\N` for null, backslash escapes for what would end a cell or row. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text =
    typeof value === 'string' ? value : typeof value === 'boolean' ? (value ? 't' : 'f') : typeof value === 'number' || typeof value === 'bigint' ? String(value) : JSON.stringify(value);
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/**
 * How valid rows reach the staging table: on a PostgreSQL server, COPY FROM STDIN on the
 * transaction's own connection (one round trip per chunk, no bind parameters); on PGlite, which has no
 * COPY from a client stream, multi-row INSERTs.
 */
async function stagingWriter(trx: Knex.Transaction, columns: readonly string[]): Promise<(rows: readonly StagedRow[]) => Promise<void>> {
  const connection = await (trx.client as { acquireConnection(): Promise<unknown> }).acquireConnection();
  if (connection instanceof pg.Client) {
    const sql = `copy ${STAGE} (${columns.map(quote).join(', ')}) from stdin`;
    return async (rows) => {
      const text = rows.map((row) => `${columns.map((c) => copyText(row[c])).join('\t')}\n`).join('');
      await pipeline(Readable.from([text]), connection.query(copyFrom(sql)));
    };
  }
  return async (rows) => {
    await trx(STAGE).insert(rows);
  };
}

/** A date `days` after `day` (`YYYY-MM-DD`). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function ownColumns(spec: IngestSpec): string[] {
  return Object.entries(spec.fields).map(([field, kind]) => columnOf(field, kind));
}

function emptyReport(recordType: string): IngestReport {
  return { recordType, received: 0, created: 0, corrected: 0, unchanged: 0, withdrawn: 0, notices: 0, written: false, problems: [], problemCount: 0, results: null };
}

/** Serializes the writes of one record type: identities are checked and written under it (and the recourse's marks set). */
export async function lockRecordType(trx: Knex.Transaction, table: string): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`cg-records:${table}`]);
}

/** What a negative record's notice says and when the record starts to be served. */
function servedFrom(target: IngestTarget, settings: LifeCycleSettings, today: string): string {
  return `case when (${target.ingest.negative}) then '${addDays(today, settings.noticeWaitingDays)}'::date else null end`;
}

/**
 * Submits rows of one record type as `authority`: validates them all, and writes them all or none.
 * The report says what happened to each (or, refused, which lines were wrong and why).
 */
export async function ingest(
  db: Knex,
  target: IngestTarget,
  authority: SubmittingAuthority,
  rows: AsyncIterable<IncomingRow> | Iterable<IncomingRow>,
  options: IngestOptions,
  settings: LifeCycleSettings,
): Promise<IngestReport> {
  const { spec, own } = { spec: target.ingest, own: ownColumns(target.ingest) };
  const today = todayOf(settings.clock);
  const maxProblems = options.maxProblems ?? 1_000;
  const progressEvery = options.progressEvery ?? 10_000;
  const stagedColumns = [...ENVELOPE_STAGED, ...own];
  try {
    return await db.transaction(async (trx) => {
      await lockRecordType(trx, target.table);
      await trx.raw(
        `create temp table ${STAGE} on commit drop as
           select ${stagedColumns.map((c) => `t.${quote(c)}`).join(', ')}, 0::int as line, ''::text as change_reason, ''::text as summary
             from ?? t with no data`,
        [target.table],
      );
      const problems: LineProblem[] = [];
      let problemCount = 0;
      let received = 0;
      let chunk: Array<ValidRow & { line: number }> = [];
      const stage = await stagingWriter(trx, [...stagedColumns, 'line', 'change_reason', 'summary']);
      const flush = async () => {
        if (chunk.length === 0) return;
        const batch = chunk;
        chunk = [];
        await stage(
          batch.map((r) => ({
            subject_code: r.subjectCode,
            document_number: r.documentNumber,
            decision_date: r.decisionDate,
            act_ended_on: r.actEndedOn,
            publicity_ends_on: r.publicityEndsOn,
            legacy_code: r.legacyCode,
            ...r.columns,
            line: r.line,
            change_reason: r.correctionReason,
            summary: r.summary,
          })),
        );
      };
      for await (const incoming of rows) {
        if (!incoming.header) received += 1;
        const checked = incoming.problem
          ? { ok: false as const, problems: [incoming.problem] }
          : validateRow(spec, incoming.values, { source: options.source, acceptLegacyCodes: options.acceptLegacyCodes, today });
        if (!checked.ok) {
          for (const p of checked.problems) {
            problemCount += 1;
            if (problems.length < maxProblems) problems.push({ line: incoming.line, field: p.field, reason: p.reason });
          }
          chunk = [];
        } else if (problemCount === 0) {
          chunk.push({ ...checked.row, line: incoming.line });
          if (chunk.length >= CHUNK) await flush();
        }
        if (received % progressEvery === 0) options.onProgress?.(received);
      }
      options.onProgress?.(received);
      const refuse = (): never => {
        throw new Refused({ ...emptyReport(target.recordType), received, problems, problemCount });
      };
      if (problemCount > 0) refuse();
      await flush();

      // One identity per submission: a document number twice is ambiguous, whichever came last.
      const twice = await trx.raw<{ rows: Array<{ document_number: string; lines: number[] }> }>(
        `select document_number, array_agg(line order by line) as lines from ${STAGE} group by document_number having count(*) > 1 order by min(line) limit ?`,
        [maxProblems],
      );
      for (const d of twice.rows) {
        for (const line of d.lines.slice(1)) {
          problemCount += 1;
          if (problems.length < maxProblems) problems.push({ line, field: 'documentNumber', reason: `repeats the document number of line ${d.lines[0]} in this submission` });
        }
      }
      if (problemCount > 0) refuse();

      if (spec.publicityTerm) {
        await trx.raw(`update ${STAGE} set publicity_ends_on = (${spec.publicityTerm})::date where publicity_ends_on is null`);
      }
      // Each staged row against the current version of its identity, if any.
      const compared = [...ENVELOPE_STAGED.filter((c) => c !== 'document_number'), ...own];
      await trx.raw(
        `create temp table cg_ingest_match on commit drop as
           select s.*, c.id as cur_id, c.record_id as cur_record_id, c.version as cur_version,
                  c.state as cur_state, c.subject_code as cur_subject,
                  ${RECOURSE_MARKS.map((mark) => `c.${mark} as cur_${mark}`).join(', ')},
                  (c.id is not null and c.state = 'IN_FORCE' and ${compared.map((col) => `s.${quote(col)} is not distinct from c.${quote(col)}`).join(' and ')}) as same
             from ${STAGE} s
             left join ?? c on c.current and c.authority_code = ? and c.document_number = s.document_number`,
        [target.table, authority.code],
      );
      // What a correction may not do: revive a withdrawn record, move a record to another subject, go unexplained.
      const refusedChanges = await trx.raw<{ rows: Array<{ line: number; field: string; reason: string }> }>(
        `select line, field, reason from (
           select line, 'documentNumber' as field,
                  'this record was withdrawn: a withdrawn record stays withdrawn (submit a new record under a new document number)' as reason
             from cg_ingest_match where cur_state = 'WITHDRAWN'
           union all
           select line, 'subject', 'a correction keeps the record''s subject: withdraw this record and submit a new one for the other subject'
             from cg_ingest_match where cur_state = 'IN_FORCE' and subject_code <> cur_subject
           union all
           select line, 'correctionReason', 'this record differs from the one on file under its document number: give correctionReason to correct it'
             from cg_ingest_match where cur_state = 'IN_FORCE' and subject_code = cur_subject and not same and (change_reason is null or change_reason = '')
           union all
           select line, 'decisionDate', ?
             from cg_ingest_match where ${expiredCondition(target, settings, sqlDay(today))}
         ) p order by line limit ?`,
        [
          `a negative record is kept ${settings.retentionYears(target.recordType)} years after its act ended (CIR Art. 16), and this one's have passed: it may be served to no one, so it is not written (nor its notice sent)`,
          maxProblems,
        ],
      );
      for (const problem of refusedChanges.rows) {
        problemCount += 1;
        if (problems.length < maxProblems) problems.push(problem);
      }
      if (problemCount > 0) refuse();

      // A record type may allow one record in force per key (a tax grade per subject and year), whoever submits it.
      for (const columnsOfKey of spec.uniqueInForce ? [spec.uniqueInForce] : []) {
        const key = (alias: string) => columnsOfKey.map((c) => `${alias}.${quote(c)}`).join(', ');
        const clashes = await trx.raw<{ rows: Array<{ line: number; other: string | null }> }>(
          `select m.line, null as other from cg_ingest_match m
             join cg_ingest_match n on (${key('m')}) = (${key('n')}) and n.line < m.line
           union all
           select m.line, t.document_number as other from cg_ingest_match m
             join ?? t on t.current and t.state = 'IN_FORCE' and (${key('t')}) = (${key('m')})
                      and (t.authority_code, t.document_number) is distinct from (?, m.document_number)
           order by 1 limit ?`,
          [target.table, authority.code, maxProblems],
        );
        for (const clash of clashes.rows) {
          problemCount += 1;
          const reason = clash.other === null
            ? `repeats ${columnsOfKey.join(', ')} of an earlier line of this submission: one record in force per ${columnsOfKey.join(', ')}`
            : `a record in force already has this ${columnsOfKey.join(', ')}: one record in force per ${columnsOfKey.join(', ')} (correct or withdraw that one)`;
          if (problems.length < maxProblems) problems.push({ line: clash.line, field: columnsOfKey.join(', '), reason });
        }
        if (problemCount > 0) refuse();
      }

      await trx.raw(`update ?? set current = false where id in (select cur_id from cg_ingest_match where cur_id is not null and not same)`, [target.table]);
      const columns = ['record_id', 'version', 'change', 'change_reason', 'recorded_at', 'recorded_by', 'served_from', 'authority_name', 'authority_code', ...RECOURSE_MARKS, ...stagedColumns];
      const inserted = await trx.raw<{ rows: Array<{ negative: boolean }> }>(
        `with written as (
           insert into ?? (${columns.map(quote).join(', ')})
           select m.cur_record_id, coalesce(m.cur_version, 0) + 1,
                  case when m.cur_id is null then 'SUBMITTED' else 'CORRECTED' end,
                  nullif(m.change_reason, ''), ?::timestamptz, ?, ${servedFrom(target, settings, today)}, ?, ?,
                  coalesce(m.cur_objection_status, 'NONE'), m.cur_objection_due_on, coalesce(m.cur_repair_status, 'NONE'),
                  ${stagedColumns.map((c) => `m.${quote(c)}`).join(', ')}
             from cg_ingest_match m
            where not m.same
            order by m.line
           returning id, record_id, version, change, subject_code, document_number, decision_date, (${spec.negative}) as negative
         ),
         noticed as (
           insert into record_notices (id, subject_code, record_type, record_table, record_id, record_version, change, authority_name, authority_code, document_number, decision_date, summary, issued_at)
           select gen_random_uuid(), w.subject_code, ?, ?, w.record_id, w.version, w.change, ?, ?, w.document_number, w.decision_date, m.summary, ?
             from written w join cg_ingest_match m on m.document_number = w.document_number
            where w.negative
           returning 1
         )
         select (select count(*) from noticed)::int as notices`,
        [target.table, settings.clock.now().toISOString(), authority.staff, authority.name, authority.code, target.recordType, target.table, authority.name, authority.code, settings.clock.now().toISOString()],
      );
      const notices = Number((inserted.rows[0] as unknown as { notices: number }).notices);
      const counts = await trx.raw<{ rows: Array<{ created: number; corrected: number; unchanged: number }> }>(
        `select count(*) filter (where cur_id is null)::int as created,
                count(*) filter (where cur_id is not null and not same)::int as corrected,
                count(*) filter (where same)::int as unchanged
           from cg_ingest_match`,
      );
      const { created, corrected, unchanged } = counts.rows[0] as { created: number; corrected: number; unchanged: number };
      let results: RowResult[] | null = null;
      if (options.collectResults) {
        const rowsOut = await trx.raw<{ rows: Array<{ line: number; document_number: string; same: boolean; cur_id: string | null; id: string; record_id: string }> }>(
          `select m.line, m.document_number, m.same, m.cur_id, t.id, t.record_id
             from cg_ingest_match m join ?? t on t.current and t.authority_code = ? and t.document_number = m.document_number
            order by m.line`,
          [target.table, authority.code],
        );
        results = rowsOut.rows.map((r) => ({
          line: r.line,
          documentNumber: r.document_number,
          outcome: r.same ? 'UNCHANGED' : r.cur_id === null ? 'CREATED' : 'CORRECTED',
          rowId: Number(r.id),
          recordRowId: Number(r.record_id),
        }));
      }
      return { recordType: target.recordType, received, created, corrected, unchanged, withdrawn: 0, notices, written: created + corrected > 0, problems: [], problemCount: 0, results };
    });
  } catch (error) {
    if (error instanceof Refused) return error.report;
    // A constraint the checks above did not foresee: the submission is refused as a whole, never a server failure.
    if (isUniqueViolation(error)) {
      return { ...emptyReport(target.recordType), problems: [{ line: 0, field: '(submission)', reason: 'conflicts with a record in force (a uniqueness rule of this record type)' }], problemCount: 1 };
    }
    throw error;
  }
}

export interface Withdrawal {
  readonly line: number;
  readonly documentNumber: string;
  readonly reason: string;
  /**
   * The record itself (its `record_id`), when the withdrawal is the authority's answer about one
   * record rather than a list of document numbers: an objection found unverifiable, whether or not
   * the record carries a document number.
   */
  readonly recordId?: number;
}

/** What a notice names as the document of a record that came without a document number. */
export const NO_DOCUMENT_NUMBER = '（无文书编号）';

/**
 * Withdraws records the authority submitted in error: each becomes a new version in state WITHDRAWN
 * (its content kept, so the history shows what was withdrawn), and stops being served. Withdrawing a
 * withdrawn record changes nothing; a document number with no record of this authority is refused,
 * and then nothing is withdrawn.
 */
export async function withdraw(
  db: Knex,
  target: Omit<IngestTarget, 'ingest'> & { readonly ingest: Pick<IngestSpec, 'negative'> },
  authority: SubmittingAuthority,
  withdrawals: readonly Withdrawal[],
  settings: LifeCycleSettings,
): Promise<IngestReport> {
  const report = emptyReport(target.recordType);
  const problems: LineProblem[] = [];
  const seen = new Map<string, number>();
  for (const w of withdrawals) {
    const first = seen.get(w.documentNumber);
    if (first !== undefined) problems.push({ line: w.line, field: 'documentNumber', reason: `repeats the document number of line ${first} in this submission` });
    else seen.set(w.documentNumber, w.line);
  }
  if (problems.length > 0) return { ...report, received: withdrawals.length, problems, problemCount: problems.length };
  const columns = await tableColumns(db, target.table);
  try {
    return await db.transaction((trx) => withdrawIn(trx, target, authority, withdrawals, settings, columns));
  } catch (error) {
    if (error instanceof Refused) return error.report;
    throw error;
  }
}

/**
 * `withdraw`'s work inside a transaction the caller holds (an objection answered UNVERIFIABLE withdraws
 * its record with the answer): the same versions and notices, under the record type's lock. A refusal
 * throws (the caller's transaction rolls back); `withdraw` turns it into the report.
 */
export async function withdrawIn(
  trx: Knex.Transaction,
  target: Omit<IngestTarget, 'ingest'> & { readonly ingest: Pick<IngestSpec, 'negative'> },
  authority: SubmittingAuthority,
  withdrawals: readonly Withdrawal[],
  settings: LifeCycleSettings,
  columns?: readonly string[],
): Promise<IngestReport> {
  const report = emptyReport(target.recordType);
  const problems: LineProblem[] = [];
  const tableColumnList = columns ?? (await tableColumns(trx, target.table));
  await lockRecordType(trx, target.table);
  const current = await trx(target.table)
    .select<Array<{ id: string; record_id: string; state: string; document_number: string | null }>>('id', 'record_id', 'state', 'document_number')
    .where({ current: true, authority_code: authority.code })
    .where((q) => {
      const numbers = withdrawals.filter((w) => w.recordId === undefined).map((w) => w.documentNumber);
      const records = withdrawals.flatMap((w) => (w.recordId === undefined ? [] : [w.recordId]));
      if (numbers.length > 0) q.orWhereIn('document_number', numbers);
      if (records.length > 0) q.orWhereIn('record_id', records);
    });
  const keyOf = (w: Withdrawal) => (w.recordId === undefined ? `n:${w.documentNumber}` : `r:${w.recordId}`);
  const byNumber = new Map<string, (typeof current)[number]>();
  for (const r of current) {
    if (r.document_number !== null) byNumber.set(`n:${r.document_number}`, r);
    byNumber.set(`r:${r.record_id}`, r);
  }
  for (const w of withdrawals) {
    if (!byNumber.has(keyOf(w))) {
      problems.push({ line: w.line, field: 'documentNumber', reason: `no ${target.recordType} of this authority has this document number` });
    }
  }
  if (problems.length > 0) throw new Refused({ ...report, received: withdrawals.length, problems, problemCount: problems.length });
  const results: RowResult[] = [];
  let withdrawn = 0;
  let unchanged = 0;
  let notices = 0;
  for (const w of withdrawals) {
    const row = byNumber.get(keyOf(w))!;
    if (row.state === 'WITHDRAWN') {
      unchanged += 1;
      results.push({ line: w.line, documentNumber: w.documentNumber, outcome: 'UNCHANGED', rowId: Number(row.id), recordRowId: Number(row.record_id) });
      continue;
    }
    await trx(target.table).update({ current: false }).where({ id: row.id });
    const overrides: Record<string, string> = {
      version: 'version + 1',
      current: 'true',
      state: `'WITHDRAWN'`,
      change: `'WITHDRAWN'`,
      change_reason: '?',
      recorded_at: '?::timestamptz',
      recorded_by: '?',
      served_from: 'served_from',
    };
    const inserted = await trx.raw<{ rows: Array<{ id: string; record_id: string; version: number; subject_code: string; decision_date: string; negative: boolean }> }>(
      `insert into ?? (${tableColumnList.map(quote).join(', ')})
       select ${tableColumnList.map((c) => overrides[c] ?? quote(c)).join(', ')} from ?? where id = ?
       returning id, record_id, version, subject_code, decision_date, (${target.ingest.negative}) as negative`,
      [target.table, w.reason, settings.clock.now().toISOString(), authority.staff, target.table, row.id],
    );
    const version = inserted.rows[0]!;
    if (version.negative) {
      await trx('record_notices').insert({
        id: trx.raw('gen_random_uuid()'),
        subject_code: version.subject_code,
        record_type: target.recordType,
        record_table: target.table,
        record_id: version.record_id,
        record_version: version.version,
        change: 'WITHDRAWN',
        authority_name: authority.name,
        authority_code: authority.code,
        document_number: row.document_number ?? NO_DOCUMENT_NUMBER,
        decision_date: version.decision_date,
        summary: `撤回：${w.reason}`,
        issued_at: settings.clock.now().toISOString(),
      });
      notices += 1;
    }
    // A withdrawn record leaves nothing to object to, repair or comment on: its open objection, pending
    // repair application and current statement close with it (kept, as every step of a recourse is).
    const closed = { at: settings.clock.now().toISOString(), by: authority.staff, why: `记录已撤回：${w.reason}` };
    await trx('record_objections')
      .where({ record_table: target.table, record_id: version.record_id, status: 'OPEN' })
      .update({ status: 'WITHDRAWN', answer: closed.why, answered_at: closed.at, answered_by: closed.by });
    await trx('record_repairs')
      .where({ record_table: target.table, record_id: version.record_id, status: 'APPLIED' })
      .update({ status: 'WITHDRAWN', decision: closed.why, decided_at: closed.at, decided_by: closed.by });
    await trx('record_statements').where({ record_table: target.table, record_id: version.record_id, state: 'CURRENT' }).update({ state: 'WITHDRAWN', ended_at: closed.at });
    withdrawn += 1;
    results.push({ line: w.line, documentNumber: w.documentNumber, outcome: 'WITHDRAWN', rowId: Number(version.id), recordRowId: Number(version.record_id) });
  }
  return { ...report, received: withdrawals.length, withdrawn, unchanged, notices, written: withdrawn > 0, results };
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
