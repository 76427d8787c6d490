import type { Knex } from 'knex';
import { graphqlError } from '../errors';
import { text } from '../ingest/fields';
import { onDay, recordKey, sqlDay, type RecordList } from '../records';
import { todayOf } from '../clock';
import type { PageArgs } from '../pagination';
import type { CategoryOf } from '../ingest/resolvers';
import { pascal } from '../ingest/schema';
import { profileFieldName, subjectOfProfile, type RecoursePlacement } from './index';
import { actingSubject, checkedText, recourseNode, recoursePage, submittedTables, subjectRecord, uuidArgument, type RecourseContext, type TargetRecord } from './target';

/**
 * Credit repair (信用修复): a subject that has put things right (penalty performed, harm removed)
 * applies for the early end of a negative record's publicity, and the record's source authority
 * approves or rejects it with reasons (SAMR penalty publicity Art. 14; NDRC repair rules). Approved,
 * the record is marked REPAIRED on its current version and leaves the public view at once
 * (`rowCondition`), staying SHARED and above. When an application is admissible is declared per record
 * type with its list (`RecordList.repair`): the minimum publicity term, what is never repaired, and
 * whether the list is a listing.
 */

/** A record a rule never lets be repaired: SQL over the table's columns, and why, in words. */
export interface RepairRefusal {
  readonly sql: string;
  readonly reason: string;
}

/** When the subject of a negative, published record may apply for the early end of its publicity. */
export interface RepairRule {
  /** SQL over the table's columns: the earliest day an application is admissible (the minimum publicity term). */
  readonly admissibleFrom: string;
  /** The minimum term in words, with its basis (errors and the README's table). */
  readonly term: string;
  /** Records never repaired (licence revocation, business suspension, ...). */
  readonly refusals?: readonly RepairRefusal[];
  /**
   * The list is a listing (名单): no repair while another listing of the subject is in force in the same
   * store. Listings of other sectors are not checked (each sector's store knows only its own).
   */
  readonly listing?: boolean;
}

/**
 * A minimum publicity term of `months` from a day column (`decision_date`, `listed_on`), and its basis.
 * The terms the sectors declare (NDRC repair rules: general dishonesty 3 months, serious longer; SAMR
 * penalty publicity Art. 14: a light penalty's publicity is 3 months anyway):
 */
export function minimumTerm(months: number, from: string, basis: string): Pick<RepairRule, 'admissibleFrom' | 'term'> {
  return { admissibleFrom: `${from} + interval '${months} months'`, term: `${months} months from ${from === 'decision_date' ? 'the decision' : `\`${from}\``} (${basis})` };
}

/** A general penalty: 3 months from the decision (NDRC repair rules; SAMR penalty publicity Art. 14). */
export const GENERAL_PENALTY_TERM = minimumTerm(3, 'decision_date', 'general penalty: NDRC repair rules, SAMR penalty publicity Art. 14');

/** Licence revocation, closure and business suspension are never repaired (SAMR penalty publicity Art. 14): read from a penalty's text. */
export function revocationOrSuspension(column: string): RepairRefusal {
  return { sql: `${column} ~ '吊销|撤销.*许可|责令关闭|责令停产停业|停业整顿'`, reason: 'a licence revocation, closure or business suspension is never repaired (SAMR penalty publicity Art. 14)' };
}

export const applyForRepairMutationOf = (sectorName: string) => `applyFor${pascal(sectorName)}Repair`;
export const decideRepairMutationOf = (sectorName: string) => `decide${pascal(sectorName)}Repair`;
export const repairQueueOf = (sectorName: string) => `${sectorName}RepairQueue`;

/** The lists a subject may apply to repair: those that declare a rule. */
function repairable(lists: Readonly<Record<string, RecordList>>): RecordList[] {
  return Object.values(lists).filter((l) => l.repair && l.ingest);
}

interface RepairRow {
  readonly id: string;
  readonly subject_code: string;
  readonly record_type: string;
  readonly record_table: string;
  readonly record_id: string;
  readonly authority_name: string;
  readonly authority_code: string;
  readonly document_number: string | null;
  readonly measures: string;
  readonly commitment: string;
  readonly applied_at: Date;
  readonly status: string;
  readonly decision: string | null;
  readonly decided_at: Date | null;
}

/** An application as GraphQL serves it (see `recourseNode` for whose subject it names). */
function applicationNode(row: RepairRow, key: Buffer, withSubject: boolean) {
  return {
    ...recourseNode(row, key, withSubject),
    measures: row.measures,
    commitment: row.commitment,
    appliedAt: row.applied_at,
    status: row.status,
    decision: row.decision,
    decidedAt: row.decided_at,
  };
}

const MEASURES = text({ max: 2000, multiline: true });
const COMMITMENT = text({ max: 2000, multiline: true });
const REASONS = text({ max: 500 });

function conflict(rule: string, message: string, extensions: Record<string, unknown> = {}): never {
  throw graphqlError('CONFLICT', message, { rule, ...extensions });
}

/** The list's public-rows rule on the day (its `current_date` is the clock's). */
function publicNow(list: RecordList, today: string): string {
  return list.publicWhen ? onDay(list.publicWhen.sql, today) : 'false';
}

/**
 * Every rule of admissibility, in the order a subject would fix them: what the record is (negative,
 * still published, not already repaired or pending), what it never allows, the minimum term, and no
 * other listing in force. Each refusal is CONFLICT naming its rule (`extensions.rule`).
 */
async function checkAdmissible(trx: Knex, target: TargetRecord, lists: Readonly<Record<string, RecordList>>, today: string): Promise<void> {
  const { list, row } = target;
  const rule = list.repair!;
  const day = sqlDay(today);
  const facts = await trx.raw<{ rows: Array<Record<string, unknown>> }>(
    `select (${list.ingest!.negative}) as negative, (${publicNow(list, today)}) as published,
            (${rule.admissibleFrom})::date::text as admissible_from,
            ${(rule.refusals ?? []).map((r, i) => `coalesce((${r.sql}), false) as refusal_${i}`).concat('true as checked').join(', ')}
       from ?? where id = ?`,
    [list.table, row.id],
  );
  const f = facts.rows[0]!;
  if (row.repair_status === 'REPAIRED') conflict('ALREADY_REPAIRED', 'The record is already repaired: its publicity has ended');
  if (row.repair_status === 'APPLIED') conflict('PENDING_APPLICATION', 'An application for this record awaits its source authority’s decision');
  if (!f.negative) conflict('NEGATIVE', 'Only negative information is repaired: this record is not');
  if (!f.published) conflict('PUBLISHED', 'The record is not published (its publicity ended, or it never was): there is no publicity to end early');
  (rule.refusals ?? []).forEach((refusal, i) => {
    if (f[`refusal_${i}`]) conflict('NEVER_REPAIRED', `This record is never repaired: ${refusal.reason}`);
  });
  const from = f.admissible_from as string | null;
  if (from !== null && from > today) conflict('MINIMUM_TERM', `Not before ${from}: the minimum publicity term is ${rule.term}`, { admissibleFrom: from });
  if (rule.listing) {
    const listings = repairable(lists).filter((l) => l.repair!.listing);
    const others = await trx.raw<{ rows: Array<{ record_type: string }> }>(
      listings
        .map(
          (l) =>
            `select '${l.recordType}' as record_type from ${l.table}
              where subject_code = ? and current and state = 'IN_FORCE' and repair_status <> 'REPAIRED'
                and (publicity_ends_on is null or publicity_ends_on >= ${day}) and not (? = '${l.table}' and record_id = ?)`,
        )
        .join(' union all ')
        .concat(' limit 1'),
      listings.flatMap(() => [row.subject_code, list.table, row.record_id]),
    );
    const other = others.rows[0];
    if (other) conflict('OTHER_LISTING', `Another listing of the subject (a ${other.record_type}) is in force in this sector: no repair while it is (listings of other sectors are not checked here)`);
  }
}

/** The SDL of credit repair: the profile's applications, the subject's and the authority's mutations, the authority's queue. */
export function repairSdl(sectorName: string, profileType: string, lists: Readonly<Record<string, RecordList>>, placement: RecoursePlacement): string {
  if (repairable(lists).length === 0) return '';
  return `extend type ${profileType} {
  "The subject's applications for credit repair of this sector's records, newest first, with their decisions."
  ${profileFieldName(placement, 'repairApplications')}(first: Int, after: String): RepairApplicationConnection @classify(category: "recourse.repair", level: "RESTRICTED")
}

extend type Mutation {
  """
  The subject, acting as itself, applies for the early end of the publicity of one of its negative
  ${sectorName} records (credit repair): admissible after the record type's minimum publicity term, never
  for what its rule refuses, and for a listing not while another listing of the subject is in force here.
  """
  ${applyForRepairMutationOf(sectorName)}(input: RepairApplicationInput!): RepairApplication @classify(category: "recourse.repair", level: "RESTRICTED")
  "The record's source authority approves (the record stops being public at once) or rejects an application, with reasons."
  ${decideRepairMutationOf(sectorName)}(input: RepairDecisionInput!): RepairApplication @classify(category: "submission", level: "RESTRICTED")
}

extend type Query {
  "The applications for repair of the calling source authority's own ${sectorName} records, newest first."
  ${repairQueueOf(sectorName)}(status: RepairApplicationStatus, first: Int, after: String): RepairApplicationConnection @classify(category: "submission", level: "RESTRICTED")
}`;
}

/** The calling source authority: only it decides, and sees, applications about its own records (`authority_code`). */
function deciding(context: RecourseContext): string {
  const { principal } = context.request;
  if (principal.kind !== 'AUTHORITY' || !principal.organization) throw graphqlError('FORBIDDEN', 'Only the record’s source authority decides on its repair');
  return principal.organization;
}

/** The resolvers of `repairSdl`. */
export function repairResolvers(
  sectorName: string,
  profileType: string,
  lists: Readonly<Record<string, RecordList>>,
  categoryOf: CategoryOf,
  placement: RecoursePlacement,
): Record<string, Record<string, unknown>> {
  const ruled = repairable(lists);
  if (ruled.length === 0) return {};
  const repairableLists = Object.fromEntries(ruled.map((l) => [l.recordType, l]));
  const tables = ruled.map((l) => l.table);
  const subjectOf = subjectOfProfile(placement);

  const apply = async (_: unknown, args: { input: { subject: unknown; record: unknown; measures: unknown; commitment: unknown } }, context: RecourseContext) => {
    const subject = actingSubject(context, args.input.subject);
    const { db, settings } = context.lifeCycle;
    const measures = checkedText(MEASURES, args.input.measures, 'measures');
    const commitment = checkedText(COMMITMENT, args.input.commitment, 'commitment');
    // A record of another type of this sector (not negative published information) has no rule: said as such.
    const [type] = typeof args.input.record === 'string' ? args.input.record.split(':') : [];
    if (!repairableLists[type ?? ''] && Object.values(lists).some((l) => l.recordType === type)) {
      throw graphqlError('BAD_USER_INPUT', `A ${type} is not repaired: credit repair ends the publicity of negative published records`, { argumentName: 'record', rule: 'REPAIRABLE_TYPE' });
    }
    return db.transaction(async (trx) => {
      const target = await subjectRecord(trx, repairableLists, args.input.record, subject, settings, { forUpdate: true });
      await checkAdmissible(trx, target, lists, todayOf(settings.clock));
      const now = settings.clock.now().toISOString();
      const [row] = await trx('record_repairs')
        .insert({
          id: trx.raw('gen_random_uuid()'),
          subject_code: subject,
          record_type: target.list.recordType,
          record_table: target.list.table,
          record_id: target.row.record_id,
          record_version: target.row.version,
          authority_name: target.row.authority_name,
          authority_code: target.row.authority_code,
          document_number: target.row.document_number,
          measures,
          commitment,
          applied_at: now,
          applied_by: context.request.principal.staff,
          status: 'APPLIED',
        })
        .returning<RepairRow[]>('*');
      await trx(target.list.table).where({ id: target.row.id }).update({ repair_status: 'APPLIED' });
      return applicationNode(row!, await recordKey(trx), true);
    });
  };

  const decide = async (_: unknown, args: { input: { application: unknown; approve: unknown; reasons: unknown } }, context: RecourseContext) => {
    const authority = deciding(context);
    const id = uuidArgument(args.input.application, 'application');
    const reasons = checkedText(REASONS, args.input.reasons, 'reasons');
    const { db, settings } = context.lifeCycle;
    return db.transaction(async (trx) => {
      // Only applications about record types the authority submits: another's, or none, answer alike (no oracle of who applied where).
      const application = await trx('record_repairs').select<RepairRow[]>('*').where({ id }).whereIn('record_table', submittedTables(context.request.principal, ruled, categoryOf)).forUpdate().first();
      if (!application || application.authority_code !== authority) {
        throw graphqlError('FORBIDDEN', 'Only the record’s source authority, submitting its record type, decides on its repair (or no such application exists)');
      }
      if (application.status !== 'APPLIED') conflict('ALREADY_DECIDED', `The application was already decided: ${application.status}`);
      const now = settings.clock.now().toISOString();
      const status = args.input.approve === true ? 'APPROVED' : 'REJECTED';
      const [row] = await trx('record_repairs')
        .where({ id })
        .update({ status, decision: reasons, decided_at: now, decided_by: context.request.principal.staff })
        .returning<RepairRow[]>('*');
      // The mark is the record's present status: on its current version, whichever version was applied for.
      await trx(application.record_table).where({ record_id: application.record_id, current: true }).update({ repair_status: status === 'APPROVED' ? 'REPAIRED' : 'REJECTED' });
      return applicationNode(row!, await recordKey(trx), false);
    });
  };

  return {
    [profileType]: {
      [profileFieldName(placement, 'repairApplications')]: (profile: unknown, args: PageArgs, context: RecourseContext) =>
        recoursePage(context.lifeCycle.db, 'record_repairs', 'applied_at', (q) => q.where({ subject_code: subjectOf(profile) }).whereIn('record_table', tables), args, context.lifeCycle.limits, (row, key) => applicationNode(row as RepairRow, key, true)),
    },
    Mutation: {
      [applyForRepairMutationOf(sectorName)]: apply,
      [decideRepairMutationOf(sectorName)]: decide,
    },
    Query: {
      [repairQueueOf(sectorName)]: (_: unknown, args: PageArgs & { status?: string | null }, context: RecourseContext) => {
        const authority = deciding(context);
        return recoursePage(
          context.lifeCycle.db,
          'record_repairs',
          'applied_at',
          (q) => {
            q.where({ authority_code: authority }).whereIn('record_table', submittedTables(context.request.principal, ruled, categoryOf));
            return args.status ? q.where({ status: args.status }) : q;
          },
          args,
          context.lifeCycle.limits,
          (row, key) => applicationNode(row as RepairRow, key, false),
        );
      },
    },
  };
}

/** The README's table of the repair rule of every record type that has one, by sector. */
export function repairRulesMarkdown(sectors: ReadonlyArray<{ readonly name: string; readonly lists: Readonly<Record<string, RecordList>> }>): string {
  const rows = sectors.flatMap((sector) =>
    repairable(sector.lists).map((l) => {
      const rule = l.repair!;
      const refusals = (rule.refusals ?? []).map((r) => r.reason).join('; ') || '—';
      return `| ${sector.name} | \`${l.recordType}\` | ${rule.term} | ${refusals} | ${rule.listing ? 'yes' : 'no'} |`;
    }),
  );
  return ['| sector | record type | admissible after (minimum publicity term) | never repaired | listing |', '|---|---|---|---|---|', ...rows].join('\n');
}
