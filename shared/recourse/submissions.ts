import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Knex } from 'knex';
import { graphqlError } from '../errors';
import { requireSubjectCode } from '../identifiers';
import type { CategoryOf, LifeCycleContext } from '../ingest/resolvers';
import { recordTypeEnumOf } from '../ingest/schema';
import { columnOf, type IngestSpec } from '../ingest/spec';
import { encodeCursor, notACursor, pageRequest, toConnection, type PageArgs } from '../pagination';
import { expiredCondition, HISTORY_MAX, openRowId, recordKey, sealRowId, type RecordList, type RecordSettings } from '../records';
import { included } from '../selection';
import { submittedTables } from './target';

/**
 * A source authority's own records (the authority's desk: "what have we submitted, and what became of
 * it"): `Query.<sector>Submissions`, generated per sector from its record lists like the queues, so one
 * definition serves every sector and the registry.
 *
 * It lists the current version of every record whose `authority_code` is the caller's own, in the
 * tables of the record types its token `submits`, newest change first (by when the current version was
 * recorded), optionally of one subject and one record type. Withdrawn records are listed too, in state
 * WITHDRAWN: an authority needs to see what it withdrew, and nothing else serves them any more. A
 * negative record past its retention is not (CIR Art. 16: served to no one, from the day after). Each is
 * a `SubmittedRecord`: the envelope, a one-line summary of its content (the sentence its subject's
 * notices carry, from the record type's `describe`), its objection and repair marks, and its history.
 *
 * Classified `submission` (like submitting and the queues): only an AUTHORITY with categories to
 * submit reaches it, at the gateway and here again. A page is one statement, its histories included
 * when selected (a LATERAL read of each record's versions); `totalCount`, when selected, one more.
 */

/** `taxationSubmissions`, `registrySubmissions`, ... */
export function submissionsFieldOf(sectorName: string): string {
  return `${sectorName}Submissions`;
}

/** The keyset of a page: the current version's recording instant (microseconds), its record type, its sealed row id. */
const SUBMISSION_CURSOR = [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/, /^[A-Za-z][A-Za-z0-9]{0,59}$/, /^[A-Za-z0-9_-]{22}$/] as const;

const NOT_AN_AUTHORITY = 'Only a source authority (an AUTHORITY token that submits records) reads the records it submitted';

/** The SDL of a sector's submissions (empty when none of its lists takes submissions). */
export function submissionSdl(sectorName: string, lists: Readonly<Record<string, RecordList>>): string {
  if (!Object.values(lists).some((l) => l.ingest)) return '';
  return `extend type Query {
  """
  The calling source authority's own ${sectorName} records (those it submitted, of the record types its
  token \`submits\`): the current version of each, newest change first, withdrawn ones included (state
  WITHDRAWN), each with its history. Of one subject and one record type when given.
  """
  ${submissionsFieldOf(sectorName)}(subject: ID, recordType: ${recordTypeEnumOf(sectorName)}, first: Int, after: String): SubmittedRecordConnection @classify(category: "submission", level: "RESTRICTED")
}`;
}

interface SubmittedRow {
  readonly tag: number;
  readonly id: string;
  readonly record_id: string;
  readonly subject_code: string;
  readonly document_number: string | null;
  readonly version: number;
  readonly state: string;
  readonly change: string;
  readonly change_reason: string | null;
  readonly recorded_at: Date;
  readonly recorded_by: string | null;
  readonly decision_date: string;
  readonly act_ended_on: string | null;
  readonly publicity_ends_on: string | null;
  readonly objection_status: string;
  readonly objection_due_on: string | null;
  readonly repair_status: string;
  readonly legacy_code: boolean;
  readonly k_at: string;
  readonly content: Record<string, unknown>;
  readonly history: ReadonlyArray<VersionJson> | null;
}

interface VersionJson {
  readonly version: number;
  readonly state: string;
  readonly change: string;
  readonly change_reason: string | null;
  readonly recorded_at: string;
  readonly recorded_by: string | null;
  readonly content: Record<string, unknown>;
}

/**
 * SQL of a version's content as its record type's `describe` reads it: the envelope's and the record's
 * own fields by input name, valued as a submission gives them (amounts as text, to keep every digit).
 */
function contentSql(spec: IngestSpec, alias: string): string {
  const pairs: string[] = [
    `'documentNumber', ${alias}.document_number`,
    `'decisionDate', ${alias}.decision_date`,
    `'actEndedOn', ${alias}.act_ended_on`,
    `'publicityEndsOn', ${alias}.publicity_ends_on`,
  ];
  for (const [field, kind] of Object.entries(spec.fields)) {
    const column = `${alias}."${columnOf(field, kind).replace(/"/g, '""')}"`;
    pairs.push(`'${field}', ${kind.sqlType === 'numeric' ? `${column}::text` : column}`);
  }
  // jsonb_build_object takes at most 100 arguments: chunks of 50 pairs, concatenated.
  const chunks: string[] = [];
  for (let i = 0; i < pairs.length; i += 50) chunks.push(`jsonb_build_object(${pairs.slice(i, i + 50).join(', ')})`);
  return chunks.join(' || ');
}

/** Whether the field's selection asks for `name` anywhere below it (fragments too, `@skip`/`@include` applied). */
function selectsBelow(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues'>, name: string): boolean {
  const seen = new Set<string>();
  const selects = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (!included(selection, info.variableValues)) return false;
      if (selection.kind === Kind.FIELD) return selection.name.value === name || selects(selection.selectionSet);
      if (selection.kind === Kind.INLINE_FRAGMENT) return selects(selection.selectionSet);
      if (seen.has(selection.name.value)) return false;
      seen.add(selection.name.value);
      return selects(info.fragments[selection.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => selects(node.selectionSet));
}

/** The resolvers of `submissionSdl`. */
export function submissionResolvers(sectorName: string, lists: Readonly<Record<string, RecordList>>, categoryOf: CategoryOf): Record<string, Record<string, unknown>> {
  const submittable = Object.values(lists).filter((l) => l.ingest);
  if (submittable.length === 0) return {};
  const field = submissionsFieldOf(sectorName);

  /** SQL: the current versions of the caller's (bound) records of one subject (bound, or null for all), not past their retention. */
  const mine = (list: RecordList, settings: RecordSettings) =>
    `t.current and t.authority_code = ? and (?::varchar is null or t.subject_code = ?) and not ${expiredCondition(list, settings)}`;

  /** One branch of the page's statement: a list's own records of the caller, as the statement's columns. */
  const branch = (list: RecordList, tag: number, settings: RecordSettings, withHistory: boolean, after: boolean) => {
    const spec = list.ingest!;
    const history = withHistory
      ? `(select jsonb_agg(jsonb_build_object('version', v.version, 'state', v.state, 'change', v.change, 'change_reason', v.change_reason,
                 'recorded_at', v.recorded_at, 'recorded_by', v.recorded_by, 'content', ${contentSql(spec, 'v')}) order by v.version)
            from (select * from ?? h where h.record_id = t.record_id order by h.version desc limit ${HISTORY_MAX}) v)`
      : 'null::jsonb';
    return `(select ${tag} as tag, t.id, t.record_id, t.subject_code, t.document_number, t.version, t.state, t.change, t.change_reason,
         t.recorded_at, t.recorded_by, t.decision_date, t.act_ended_on, t.publicity_ends_on, t.objection_status, t.objection_due_on,
         t.repair_status, t.legacy_code, to_char(t.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as k_at,
         ${contentSql(spec, 't')} as content, ${history} as history
    from ?? t
   where ${mine(list, settings)}
     ${after ? `and (t.recorded_at, ${tag}, t.id) < (?::timestamptz, ?::int, ?::bigint)` : ''}
   order by t.recorded_at desc, t.id desc
   limit ?)`;
  };

  const describe = (list: RecordList, content: Record<string, unknown>, subject: string) => list.ingest!.describe({ subject, ...content });

  const toVersion = (list: RecordList, subject: string) => (v: VersionJson) => ({
    version: v.version,
    state: v.state,
    change: v.change,
    changeReason: v.change_reason,
    recordedAt: new Date(v.recorded_at),
    recordedBy: v.recorded_by,
    summary: describe(list, v.content, subject),
  });

  const resolve = async (
    _: unknown,
    args: PageArgs & { subject?: string | null; recordType?: string | null },
    context: LifeCycleContext,
    info: GraphQLResolveInfo,
  ) => {
    const { principal } = context.request;
    const { db, limits, settings } = context.lifeCycle;
    if (principal.kind !== 'AUTHORITY' || !principal.organization || (principal.submits ?? []).length === 0) throw graphqlError('FORBIDDEN', NOT_AN_AUTHORITY);
    const organization = principal.organization;
    const subject = args.subject === null || args.subject === undefined ? null : requireSubjectCode(String(args.subject), 'subject');
    const request = pageRequest(args, limits, SUBMISSION_CURSOR);
    const key = await recordKey(db);
    let after: { at: string; tag: number; rowId: number } | null = null;
    if (request.after) {
      const [at, type, sealed] = request.after as [string, string, string];
      const tag = submittable.findIndex((l) => l.recordType === type);
      const rowId = openRowId(key, sealed);
      if (tag < 0 || rowId === null) notACursor();
      after = { at, tag, rowId };
    }
    const tables = new Set(submittedTables(principal, submittable, categoryOf));
    const read = submittable
      .map((list, tag) => ({ list, tag }))
      .filter(({ list }) => tables.has(list.table) && (!args.recordType || list.recordType === args.recordType));
    const withHistory = selectsBelow(info, 'history');
    let rows: SubmittedRow[] = [];
    if (read.length > 0 && request.first > 0) {
      const bindings: unknown[] = [];
      const sql = read
        .map(({ list, tag }) => {
          if (withHistory) bindings.push(list.table);
          bindings.push(list.table, organization, subject, subject);
          if (after) bindings.push(after.at, after.tag, after.rowId);
          bindings.push(request.first + 1);
          return branch(list, tag, settings, withHistory, after !== null);
        })
        .join('\nunion all\n');
      const result = await db.raw<{ rows: SubmittedRow[] }>(`select * from (${sql}) s order by s.recorded_at desc, s.tag desc, s.id desc limit ?`, [
        ...bindings,
        request.first + 1,
      ] as Knex.RawBinding[]);
      rows = result.rows;
    }
    const node = (row: SubmittedRow) => {
      const list = submittable[row.tag]!;
      return {
        id: `${list.recordType}:${sealRowId(key, Number(row.record_id))}`,
        recordType: list.recordType,
        subject: row.subject_code,
        documentNumber: row.document_number,
        version: row.version,
        state: row.state,
        change: row.change,
        changeReason: row.change_reason,
        recordedAt: row.recorded_at,
        recordedBy: row.recorded_by,
        decisionDate: row.decision_date,
        actEndedOn: row.act_ended_on,
        publicityEndsOn: row.publicity_ends_on,
        summary: describe(list, row.content, row.subject_code),
        objectionStatus: row.objection_status,
        objectionDueOn: row.objection_due_on,
        repairStatus: row.repair_status,
        legacyCode: row.legacy_code,
        history: (row.history ?? []).map(toVersion(list, row.subject_code)),
      };
    };
    const page = toConnection(rows, request.first, (row) => encodeCursor([row.k_at, submittable[row.tag]!.recordType, sealRowId(key, Number(row.id))]), async () => {
      if (read.length === 0) return 0;
      const counted = await db.raw<{ rows: Array<{ n: string }> }>(
        `select ${read.map(({ list }) => `(select count(*) from ?? t where ${mine(list, settings)})`).join(' + ')} as n`,
        read.flatMap(({ list }) => [list.table, organization, subject, subject]) as Knex.RawBinding[],
      );
      return Number(counted.rows[0]?.n ?? 0);
    });
    return {
      edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: node(edge.node) })),
      nodes: page.nodes.map(node),
      pageInfo: page.pageInfo,
      // Counted only when a client selects it, as every connection.
      get totalCount() {
        return page.totalCount;
      },
    };
  };

  return { Query: { [field]: resolve } };
}
