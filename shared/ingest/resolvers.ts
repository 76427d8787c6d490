import type { Knex } from 'knex';
import { type GraphQLError } from 'graphql';
import { graphqlError } from '../errors';
import { categoryCovers } from '../policy/categories';
import type { Principal } from '../policy/principal';
import { recordKey, sealRowId, type RecordList, type RecordLoaders, type RecordSettings } from '../records';
import { encodeCursor, notACursor, pageRequest, toConnection, type PageArgs, type PageLimits } from '../pagination';
import type { SubgraphContext } from '../subgraph/request';
import { ingest, withdraw, type IngestReport, type IngestTarget, type LineProblem, type SubmittingAuthority } from './write';
import { recordTypeEnumOf, submitMutationOf, withdrawMutationOf, type NoticesPlacement } from './schema';
import { ENVELOPE_INPUT } from './spec';
import { text } from './fields';
import { objectionFieldsOf } from '../recourse/objections';

const WITHDRAWAL_REASON = text({ max: 500 });

/** What a sector's life-cycle resolvers need per request, beside its record loaders. */
export interface LifeCycleContext extends SubgraphContext {
  readonly records: RecordLoaders;
  readonly lifeCycle: { readonly db: Knex; readonly settings: RecordSettings; readonly limits: PageLimits };
}

/** A record type's category, as its `@classify` says: what an authority's `submits` claim must cover. */
export type CategoryOf = (recordType: string) => string;

/**
 * The source authority a principal is, allowed to write `list`'s records: an AUTHORITY whose
 * `submits` claim covers the record type's category. The records it writes carry its own code and
 * name: no input names another authority.
 */
export function submittingAuthority(principal: Principal, list: Pick<RecordList, 'recordType'>, categoryOf: CategoryOf): SubmittingAuthority {
  if (principal.kind !== 'AUTHORITY' || !principal.organization || !principal.authorityName) {
    throw graphqlError('FORBIDDEN', 'Only a source authority (an AUTHORITY token) submits, corrects and withdraws records');
  }
  const category = categoryOf(list.recordType);
  if (!(principal.submits ?? []).some((c) => categoryCovers(c, category))) {
    throw graphqlError('FORBIDDEN', `This authority submits ${(principal.submits ?? []).join(', ')}; a ${list.recordType} is ${category}`, { category });
  }
  return { code: principal.organization, name: principal.authorityName, staff: principal.staff };
}

/** A refused submission as a GraphQL error: nothing written, every bad line named. */
export function invalidRecords(report: Pick<IngestReport, 'problems' | 'problemCount'>): GraphQLError {
  const first = report.problems[0];
  const where = first ? ` (first: line ${first.line}, ${first.field} ${first.reason})` : '';
  return graphqlError('INVALID_RECORDS', `${report.problemCount} problem(s) in the submission, so nothing was written${where}`, {
    problems: report.problems,
    problemCount: report.problemCount,
  });
}

async function reportView(db: Knex, report: IngestReport) {
  const key = await recordKey(db);
  return {
    ...report,
    results: (report.results ?? []).map((r) => ({
      line: r.line,
      documentNumber: r.documentNumber,
      outcome: r.outcome,
      id: `${report.recordType}:${sealRowId(key, r.recordRowId)}`,
    })),
  };
}

function batchBound(records: readonly unknown[], max: number): void {
  if (records.length === 0) throw graphqlError('BAD_USER_INPUT', 'Submit at least one record', { argumentName: 'records' });
  if (records.length > max) {
    throw graphqlError('BAD_USER_INPUT', `A mutation takes at most ${max} records (CG_SUBMIT_BATCH_MAX); send larger batches as an import file`, { argumentName: 'records' });
  }
}

interface NoticeRow {
  readonly id: string;
  readonly subject_code: string;
  readonly record_type: string;
  readonly record_id: string;
  readonly change: string;
  readonly authority_name: string;
  readonly authority_code: string;
  readonly document_number: string;
  readonly decision_date: string;
  readonly summary: string;
  readonly issued_at: Date;
}

const ISSUED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * How the subject objects to a record: the mutation to call (`fileTaxationObjection`, the notice's
 * `recordId` as its record), the authority that answers, the document, the deadline, and what a late
 * answer means.
 */
export function howToObject(row: Pick<NoticeRow, 'authority_name' | 'authority_code' | 'document_number'>, fileMutation: string, answerDays: number): string {
  return (
    `如对该信息有异议，可通过 ${fileMutation}（record 填本通知的 recordId）提出异议，由信息提供单位${row.authority_name}（统一社会信用代码 ${row.authority_code}，文书编号 ${row.document_number}）在 ${answerDays} 日内答复；` +
    '异议期间该信息标注“异议中”，逾期未答复的，答复前该信息不向本人和依法查询者以外的查询者提供。'
  );
}

async function noticePage(db: Knex, limits: PageLimits, subjectCode: string, args: PageArgs, objectTo: (row: NoticeRow) => string) {
  const request = pageRequest(args, limits, [ISSUED, UUID]);
  const query = db('record_notices').select<NoticeRow[]>('*').where({ subject_code: subjectCode });
  if (request.after) {
    const [issued, id] = request.after as [string, string];
    if (!ISSUED.test(issued) || !UUID.test(id)) notACursor();
    query.whereRaw('(issued_at, id) < (?::timestamptz, ?::uuid)', [issued, id]);
  }
  const rows = await query.orderBy([{ column: 'issued_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(request.first + 1);
  const key = await recordKey(db);
  const nodes = rows.map((row) => ({
    subjectCode: row.subject_code,
    id: row.id,
    recordType: row.record_type,
    recordId: `${row.record_type}:${sealRowId(key, Number(row.record_id))}`,
    change: row.change,
    sourceAuthority: { name: row.authority_name, code: row.authority_code },
    documentNumber: row.document_number,
    decisionDate: row.decision_date,
    summary: row.summary,
    issuedAt: row.issued_at,
    howToObject: objectTo(row),
  }));
  return toConnection(nodes, request.first, (n) => encodeCursor([new Date(n.issuedAt).toISOString(), n.id]), async () => {
    const counted = await db('record_notices').where({ subject_code: subjectCode }).count<{ n: string }[]>({ n: '*' });
    return Number(counted[0]?.n ?? 0);
  });
}

/**
 * The resolvers a sector's life cycle adds: `history` on each record type, `notices` on its profile,
 * and, for the lists that take submissions, the `submit…` mutations and the sector's `withdraw…`.
 */
export function lifeCycleResolvers(
  sectorName: string,
  profileType: string,
  lists: Readonly<Record<string, RecordList>>,
  categoryOf: CategoryOf,
  notices: NoticesPlacement & {
    /** The subject a profile belongs to: a sector profile's `subjectCode` unless said otherwise (the registry's `Subject` row: its `code`). */
    readonly subjectOf?: (profile: never) => string;
  } = {},
) {
  const noticesField = notices.field ?? 'notices';
  const fileMutation = objectionFieldsOf(sectorName).file;
  const subjectOf = (notices.subjectOf ?? ((profile: { subjectCode: string }) => profile.subjectCode)) as (profile: unknown) => string;
  const resolvers: Record<string, Record<string, unknown>> = {};
  const mutation: Record<string, unknown> = {};
  for (const list of Object.values(lists)) {
    resolvers[list.recordType] = {
      // A version inside a history has no history of its own: one level, never a product of versions.
      history: (record: { recordRowId: number; inHistory?: boolean }, _args: unknown, context: LifeCycleContext) =>
        record.inHistory ? [] : context.records.history(list, record.recordRowId),
    };
    const spec = list.ingest;
    if (!spec) continue;
    const target: IngestTarget = { recordType: list.recordType, table: list.table, ingest: spec };
    mutation[submitMutationOf(list.recordType)] = async (_: unknown, args: { records: readonly unknown[] }, context: LifeCycleContext) => {
      const authority = submittingAuthority(context.request.principal, list, categoryOf);
      const { db, settings } = context.lifeCycle;
      batchBound(args.records, settings.submitBatchMax);
      const report = await ingest(db, target, authority, args.records.map((values, i) => ({ line: i + 1, values })), { source: 'json', collectResults: true }, settings);
      if (report.problemCount > 0) throw invalidRecords(report);
      return reportView(db, report);
    };
  }
  const submittable = Object.values(lists).filter((l) => l.ingest);
  if (submittable.length > 0) {
    mutation[withdrawMutationOf(sectorName)] = async (
      _: unknown,
      args: { recordType: string; records: ReadonlyArray<{ documentNumber: string; reason: string }> },
      context: LifeCycleContext,
    ) => {
      const list = submittable.find((l) => l.recordType === args.recordType);
      if (!list) throw graphqlError('BAD_USER_INPUT', `${recordTypeEnumOf(sectorName)} has no ${String(args.recordType).slice(0, 40)}`, { argumentName: 'recordType' });
      const authority = submittingAuthority(context.request.principal, list, categoryOf);
      const { db, settings } = context.lifeCycle;
      batchBound(args.records, settings.submitBatchMax);
      const problems: LineProblem[] = [];
      // The same checks as a submission's: the document number as the envelope's, the reason as prose.
      const withdrawals = args.records.map((r, i) => {
        const documentNumber = ENVELOPE_INPUT.documentNumber!.parse(r.documentNumber, 'json');
        const reason = WITHDRAWAL_REASON.parse(r.reason, 'json');
        if (!documentNumber.ok) problems.push({ line: i + 1, field: 'documentNumber', reason: documentNumber.reason });
        if (!reason.ok) problems.push({ line: i + 1, field: 'reason', reason: reason.reason });
        return { line: i + 1, documentNumber: documentNumber.ok ? String(documentNumber.value) : '', reason: reason.ok ? String(reason.value) : '' };
      });
      if (problems.length > 0) throw invalidRecords({ problems, problemCount: problems.length });
      const report = await withdraw(db, { recordType: list.recordType, table: list.table, ingest: list.ingest! }, authority, withdrawals, settings);
      if (report.problemCount > 0) throw invalidRecords(report);
      return reportView(db, report);
    };
  }
  return {
    ...resolvers,
    [profileType]: {
      [noticesField]: (profile: unknown, args: PageArgs, context: LifeCycleContext) =>
        noticePage(context.lifeCycle.db, context.lifeCycle.limits, subjectOf(profile), args, (row) => howToObject(row, fileMutation, context.lifeCycle.settings.objectionAnswerDays)),
    },
    ...(Object.keys(mutation).length > 0 ? { Mutation: mutation } : {}),
  };
}
