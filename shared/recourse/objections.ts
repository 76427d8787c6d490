import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { todayOf, type Clock } from '../clock';
import { badUserInput, graphqlError } from '../errors';
import { checkSubjectCode } from '../identifiers';
import { text } from '../ingest/fields';
import { submittingAuthority, type CategoryOf, type LifeCycleContext } from '../ingest/resolvers';
import { pascal } from '../ingest/schema';
import { retentionListsOf, scheduleRetention, type RetentionLog, type RetentionSchedule } from '../ingest/retention';
import { addDays, lockRecordType, withdrawIn } from '../ingest/write';
import type { PageArgs, PageLimits } from '../pagination';
import { inForceCondition, recordKey, type RecordList, type RecordSettings } from '../records';
import { profileFieldName, subjectOfProfile, type RecoursePlacement } from './index';
import { checkedText, openRecordId, recourseNode, recoursePage, submittedTables, UUID } from './target';
import { isUniqueViolation } from '../store';

/**
 * Objections (CIR Art. 25): a subject objects to one of its records in force, and the record's source
 * authority answers within `objectionAnswerDays` (20). Generated per sector from its record lists, like
 * the life cycle: `file<S>Objection` (the subject), `answer<S>Objection` and `<s>ObjectionQueue` (the
 * source authority), `<s>OverdueObjections` (regulators), and `objections` on the sector's profile.
 *
 * Filing marks the record's current version UNDER_OBJECTION with its due day, at once and for every
 * caller who sees it; one objection is open per record (the partial unique index holds it whatever
 * races). The answer closes it: CORRECTED (only after a correction, a later version), UPHELD, or
 * UNVERIFIABLE, which withdraws the record in the answer's own transaction (FCRA §1681i(a)(5)(A): what
 * cannot be verified is deleted). Past its due day an open objection is overdue: the read path withholds
 * the record from every caller but the subject and statutory inquiry (`notWithheld`), and the escalation
 * job reports it once.
 */

const REASON = text({ max: 500, multiline: false });
const EVIDENCE = text({ max: 2000, multiline: true });
const ANSWER = text({ max: 500 });


type Outcome = 'CORRECTED' | 'UPHELD' | 'UNVERIFIABLE';

interface ObjectionRow {
  readonly id: string;
  readonly subject_code: string;
  readonly record_type: string;
  readonly record_table: string;
  readonly record_id: string | number;
  readonly record_version: number;
  readonly authority_name: string;
  readonly authority_code: string;
  readonly document_number: string | null;
  readonly reason: string;
  readonly evidence: string | null;
  readonly filed_at: Date;
  readonly due_on: string | Date;
  readonly status: 'OPEN' | Outcome;
  readonly answer: string | null;
  readonly answered_at: Date | null;
  readonly escalated_at: Date | null;
}

/** The names of a sector's objection fields: `fileTaxationObjection`, `answerTaxationObjection`, `taxationObjectionQueue`, `taxationOverdueObjections`. */
export function objectionFieldsOf(sectorName: string) {
  return {
    file: `file${pascal(sectorName)}Objection`,
    answer: `answer${pascal(sectorName)}Objection`,
    queue: `${sectorName}ObjectionQueue`,
    overdue: `${sectorName}OverdueObjections`,
  };
}

function dayOf(value: string | Date): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** An objection as GraphQL serves it (see `recourseNode` for whose subject it names). */
function toObjection(row: ObjectionRow, key: Buffer, today: string, withSubject: boolean) {
  return {
    ...recourseNode(row, key, withSubject),
    reason: row.reason,
    evidence: row.evidence,
    filedAt: row.filed_at,
    dueOn: dayOf(row.due_on),
    status: row.status,
    overdue: row.status === 'OPEN' && dayOf(row.due_on) < today,
    escalatedAt: row.escalated_at,
    answer: row.answer,
    answeredAt: row.answered_at,
    recordVersion: row.record_version,
  };
}

/** One page of objections, newest first, of those `where` selects (see `recourseNode` for `withSubject`). */
function objectionPage(db: Knex, limits: PageLimits, clock: Clock, where: (query: Knex.QueryBuilder) => Knex.QueryBuilder, args: PageArgs, withSubject: boolean) {
  const today = todayOf(clock);
  return recoursePage(db, 'record_objections', 'filed_at', where, args, limits, (row: ObjectionRow, key) => toObjection(row, key, today, withSubject));
}

const NOT_YOURS = 'Only the subject of a record objects to it, as itself: no record of yours in force has this id';

/** The SDL of a sector's objections (see the module's comment). */
export function objectionSdl(sectorName: string, profileType: string, lists: Readonly<Record<string, RecordList>>, placement: RecoursePlacement): string {
  if (!Object.values(lists).some((l) => l.ingest)) return '';
  const names = objectionFieldsOf(sectorName);
  return `extend type ${profileType} {
  "The subject's objections to ${sectorName} records and their answers, newest first (CIR Art. 25)."
  ${profileFieldName(placement, 'objections')}(first: Int, after: String): ObjectionConnection @classify(category: "recourse.objection", level: "RESTRICTED")
}

extend type Mutation {
  """
  The subject objects to one of its ${sectorName} records in force: the record is marked UNDER_OBJECTION
  at once, and its source authority must answer within the answer period. One open objection per record.
  """
  ${names.file}(input: FileObjectionInput!): Objection @classify(category: "recourse.objection", level: "RESTRICTED")
  """
  The record's source authority answers an open objection: CORRECTED (after submitting a correction),
  UPHELD, or UNVERIFIABLE (the record is withdrawn with the answer).
  """
  ${names.answer}(input: AnswerObjectionInput!): Objection @classify(category: "submission", level: "RESTRICTED")
}

extend type Query {
  "Objections to the calling source authority's own ${sectorName} records, newest first (all, or those in one state)."
  ${names.queue}(status: ObjectionState, first: Int, after: String): ObjectionConnection @classify(category: "submission", level: "RESTRICTED")
  "Objections to ${sectorName} records left unanswered past their due day, newest first (regulators oversee the deadline)."
  ${names.overdue}(first: Int, after: String): ObjectionConnection @classify(category: "recourse.oversight", level: "RESTRICTED")
}`;
}

/** The resolvers of `objectionSdl`. */
export function objectionResolvers(
  sectorName: string,
  profileType: string,
  lists: Readonly<Record<string, RecordList>>,
  categoryOf: CategoryOf,
  placement: RecoursePlacement,
): Record<string, Record<string, unknown>> {
  const submittable = Object.values(lists).filter((l) => l.ingest);
  if (submittable.length === 0) return {};
  const names = objectionFieldsOf(sectorName);
  const subjectOf = subjectOfProfile(placement);

  const file = async (_: unknown, args: { input: { subject: string; record: string; reason: string; evidence?: string | null } }, context: LifeCycleContext) => {
    const { principal } = context.request;
    const { db, settings } = context.lifeCycle;
    const claimed = checkSubjectCode(String(args.input.subject));
    if (principal.kind !== 'SUBJECT' || !principal.subject || !claimed.ok || claimed.code !== principal.subject) throw graphqlError('FORBIDDEN', NOT_YOURS);
    const reason = checkedText(REASON, args.input.reason, 'input.reason');
    const evidence = args.input.evidence === null || args.input.evidence === undefined ? null : checkedText(EVIDENCE, args.input.evidence, 'input.evidence');
    const { list, recordRowId: rowId } = await openRecordId(db, submittable, args.input.record, { argumentName: 'input.record', of: sectorName });
    const today = todayOf(settings.clock);
    try {
      const row = await db.transaction(async (trx) => {
        await lockRecordType(trx, list.table);
        const record = await trx(list.table)
          .whereRaw(`record_id = ? and ${inForceCondition(list, settings)}`, [rowId])
          .first<{ id: string; subject_code: string; version: number; authority_name: string; authority_code: string; document_number: string | null } | undefined>();
        if (!record || record.subject_code !== principal.subject) throw graphqlError('FORBIDDEN', NOT_YOURS);
        const open = await trx('record_objections').where({ record_table: list.table, record_id: rowId, status: 'OPEN' }).first<{ due_on: string | Date } | undefined>('due_on');
        if (open) throw graphqlError('CONFLICT', `This record already has an open objection, to be answered by ${dayOf(open.due_on)}: one open objection per record`);
        const dueOn = addDays(today, settings.objectionAnswerDays);
        const [inserted] = await trx('record_objections')
          .insert({
            id: randomUUID(),
            subject_code: record.subject_code,
            record_type: list.recordType,
            record_table: list.table,
            record_id: rowId,
            record_version: record.version,
            authority_name: record.authority_name,
            authority_code: record.authority_code,
            document_number: record.document_number,
            reason,
            evidence,
            filed_at: settings.clock.now().toISOString(),
            filed_by: principal.staff,
            due_on: dueOn,
          })
          .returning<ObjectionRow[]>('*');
        await trx(list.table).where({ id: record.id }).update({ objection_status: 'UNDER_OBJECTION', objection_due_on: dueOn });
        return inserted!;
      });
      return toObjection(row, await recordKey(db), today, true);
    } catch (error) {
      // Two filings at once: the partial unique index lets one through.
      if (isUniqueViolation(error)) throw graphqlError('CONFLICT', 'This record already has an open objection: one open objection per record');
      throw error;
    }
  };

  const answer = async (_: unknown, args: { input: { objection: string; outcome: Outcome; reasons: string } }, context: LifeCycleContext) => {
    const { principal } = context.request;
    const { db, settings } = context.lifeCycle;
    if (principal.kind !== 'AUTHORITY' || !principal.organization) throw graphqlError('FORBIDDEN', "Only the record's source authority answers an objection to it");
    if (typeof args.input.objection !== 'string' || !UUID.test(args.input.objection)) {
      throw badUserInput('`input.objection` is not the id of an objection', { argumentName: 'input.objection' });
    }
    const reasons = checkedText(ANSWER, args.input.reasons, 'input.reasons');
    const row = await db.transaction(async (trx) => {
      const filed = await trx('record_objections').where({ id: args.input.objection }).first<ObjectionRow | undefined>();
      const list = filed ? submittable.find((l) => l.table === filed.record_table) : undefined;
      // None, another authority's, or a record type this authority does not submit: one answer, no oracle of which.
      if (!filed || !list || filed.authority_code !== principal.organization || !submittedTables(principal, [list], categoryOf).includes(list.table)) {
        throw graphqlError('FORBIDDEN', "Only the record's source authority, submitting its record type, answers an objection to it (or no such objection exists)");
      }
      await lockRecordType(trx, list.table);
      const objection = await trx('record_objections').where({ id: filed.id }).forUpdate().first<ObjectionRow>();
      if (objection.status !== 'OPEN') throw graphqlError('CONFLICT', `This objection was already answered (${objection.status}); an answer is final`);
      const current = await trx(list.table).where({ record_id: objection.record_id, current: true }).first<{ id: string; version: number; state: string }>();
      let marked = current.id;
      if (args.input.outcome === 'CORRECTED' && !(current.state === 'IN_FORCE' && current.version > objection.record_version)) {
        throw graphqlError(
          'CONFLICT',
          `No correction since the objection (to version ${objection.record_version}): submit the corrected record with a correctionReason first, then answer CORRECTED`,
        );
      }
      if (args.input.outcome === 'UNVERIFIABLE') {
        const authority = submittingAuthority(principal, list, categoryOf);
        const target = { recordType: list.recordType, table: list.table, ingest: list.ingest! };
        const report = await withdrawIn(trx, target, authority, [{ line: 1, documentNumber: objection.document_number ?? '', recordId: Number(objection.record_id), reason: `objection unverifiable: ${reasons}` }], settings);
        marked = String(report.results![0]!.rowId);
      }
      await trx(list.table).where({ id: marked }).update({ objection_status: args.input.outcome, objection_due_on: null });
      const [answered] = await trx('record_objections')
        .where({ id: objection.id })
        .update({ status: args.input.outcome, answer: reasons, answered_at: settings.clock.now().toISOString(), answered_by: principal.staff })
        .returning<ObjectionRow[]>('*');
      return answered!;
    });
    return toObjection(row, await recordKey(db), todayOf(settings.clock), false);
  };

  const queue = (_: unknown, args: PageArgs & { status?: string | null }, context: LifeCycleContext) => {
    const { principal } = context.request;
    const { db, settings, limits } = context.lifeCycle;
    if (principal.kind !== 'AUTHORITY' || !principal.organization) throw graphqlError('FORBIDDEN', 'Only a source authority has a queue of objections');
    const organization = principal.organization;
    const tables = submittedTables(principal, submittable, categoryOf);
    return objectionPage(db, limits, settings.clock, (q) => q.where({ authority_code: organization }).whereIn('record_table', tables).where(args.status ? { status: args.status } : {}), args, false);
  };

  const overdue = (_: unknown, args: PageArgs, context: LifeCycleContext) => {
    const { db, settings, limits } = context.lifeCycle;
    const today = todayOf(settings.clock);
    return objectionPage(db, limits, settings.clock, (q) => q.where({ status: 'OPEN' }).where('due_on', '<', today), args, false);
  };

  return {
    [profileType]: {
      [profileFieldName(placement, 'objections')]: (profile: unknown, args: PageArgs, context: LifeCycleContext) => {
        const { db, settings, limits } = context.lifeCycle;
        const subject = subjectOf(profile);
        return objectionPage(db, limits, settings.clock, (q) => q.where({ subject_code: subject }), args, true);
      },
    },
    Mutation: { [names.file]: file, [names.answer]: answer },
    Query: { [names.queue]: queue, [names.overdue]: overdue },
  };
}

/** The advisory lock (two int4 keys, `CG`, `OB`) an escalation run holds for its transaction. */
export const ESCALATION_LOCK: readonly [number, number] = [0x4347, 0x4f42];

/**
 * Escalates the objections of one store left unanswered past their due day: each is stamped
 * `escalated_at` once, and logged (the objection, the record type, the source authority and the due
 * day: never the subject). A replica finding another's run under way skips; the stamp makes a second
 * run find nothing more. Returns how many it escalated.
 */
export async function escalateOverdueObjections(db: Knex, clock: Clock, log: RetentionLog): Promise<number> {
  const today = todayOf(clock);
  return db.transaction(async (trx) => {
    const [high, low] = ESCALATION_LOCK;
    const taken = await trx.raw<{ rows: { taken: boolean }[] }>(`select pg_try_advisory_xact_lock(${high}, ${low}) as taken`);
    if (taken.rows[0]?.taken !== true) {
      log.info(`objection escalation on ${today} skipped: another run holds the escalation lock`);
      return 0;
    }
    const escalated = await trx('record_objections')
      .where({ status: 'OPEN' })
      .whereNull('escalated_at')
      .where('due_on', '<', today)
      .update({ escalated_at: clock.now().toISOString() })
      .returning<Array<Pick<ObjectionRow, 'id' | 'record_type' | 'authority_code' | 'due_on'>>>(['id', 'record_type', 'authority_code', 'due_on']);
    for (const o of escalated) {
      log.warn(`objection ${o.id} to a ${o.record_type} of authority ${o.authority_code} is unanswered past its due day ${dayOf(o.due_on)}: escalated`);
    }
    return escalated.length;
  });
}

/**
 * The escalation job of a subgraph process, on its schedule (a cron expression in China's time; null:
 * never), one run at a time in the process; `onEscalated` counts what each run escalated (the metric).
 * Null when the schedule is off or the subgraph has no record lists that take submissions.
 */
export function startObjectionEscalation(
  module: object,
  db: Knex,
  schedule: string | null,
  settings: Pick<RecordSettings, 'clock'>,
  log: RetentionLog,
  onEscalated: (count: number) => void = () => undefined,
): RetentionSchedule | null {
  if (retentionListsOf(module).length === 0) return null;
  const job = async () => onEscalated(await escalateOverdueObjections(db, settings.clock, log));
  const scheduled = scheduleRetention(schedule, job, (error) => log.warn(`objection escalation failed: ${error instanceof Error ? error.message : String(error)}`));
  if (scheduled) log.info(`objection escalation scheduled (${schedule}, China time): next run ${scheduled.nextRun()?.toISOString() ?? 'never'}`);
  return scheduled;
}
