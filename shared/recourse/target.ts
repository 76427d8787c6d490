import type { Knex } from 'knex';
import { graphqlError } from '../errors';
import { checkSubjectCode } from '../identifiers';
import { inForceCondition, openRowId, recordKey, sealRowId, type RecordList, type RecordRow, type RecordSettings } from '../records';
import { encodeCursor, pageRequest, toConnection, type Connection, type PageArgs, type PageLimits } from '../pagination';
import type { SubgraphContext } from '../subgraph/request';
import type { Parsed } from '../ingest/fields';
import type { CategoryOf } from '../ingest/resolvers';
import type { Principal } from '../policy/principal';
import { categoryCovers } from '../policy/categories';

/**
 * The record a subject's recourse act is about, found from its id and checked against the caller:
 * only the subject itself acts on its records, and a caller who is not gets the same answer whether
 * the record exists or not (no oracle of other subjects' records). Shared by statements and repair.
 */

/** What recourse resolvers need of a request, beside its decisions: the store, the settings, and per-request loaders' home. */
export interface RecourseContext extends SubgraphContext {
  /** Fresh per request (the record loaders): per-request DataLoaders of recourse hang on it. */
  readonly records: object;
  readonly lifeCycle: { readonly db: Knex; readonly settings: RecordSettings; readonly limits: PageLimits };
}

/** One record's current version, with the list it belongs to. */
export interface TargetRecord {
  readonly list: RecordList;
  readonly row: RecordRow & { readonly record_id: string | number; readonly version: number; readonly state: string };
}

const NOT_YOURS = 'Only the subject itself acts on its records: the caller is not the subject of this record (or no such record exists)';

/** The caller's own subject code, checked against the `subject` it names: only a subject acting as itself passes. */
export function actingSubject(context: RecourseContext, named: unknown): string {
  const { principal } = context.request;
  const check = typeof named === 'string' ? checkSubjectCode(named) : null;
  if (!check?.ok) throw graphqlError('BAD_USER_INPUT', '`subject` is not a valid subject code', { argumentName: 'subject' });
  if (principal.kind !== 'SUBJECT' || principal.subject !== check.code) throw graphqlError('FORBIDDEN', NOT_YOURS);
  return check.code;
}

/**
 * The list and row id a record id (`<RecordType>:<sealed row id>`) names in this store, or
 * BAD_USER_INPUT naming the argument and whose records it should have named.
 */
export async function openRecordId(
  db: Knex,
  lists: Readonly<Record<string, RecordList>> | readonly RecordList[],
  recordId: unknown,
  refusal: { readonly argumentName: string; readonly of: string } = { argumentName: 'record', of: 'this sector' },
): Promise<{ list: RecordList; recordRowId: number }> {
  const colon = typeof recordId === 'string' ? recordId.indexOf(':') : -1;
  const [type, token] = colon > 0 ? [(recordId as string).slice(0, colon), (recordId as string).slice(colon + 1)] : ['', ''];
  const candidates: readonly RecordList[] = Array.isArray(lists) ? (lists as readonly RecordList[]) : Object.values(lists as Readonly<Record<string, RecordList>>);
  const list = candidates.find((l) => l.recordType === type);
  const recordRowId = list && token ? openRowId(await recordKey(db), token) : null;
  if (!list || recordRowId === null) throw graphqlError('BAD_USER_INPUT', `\`${refusal.argumentName}\` is not the id of a record of ${refusal.of}`, { argumentName: refusal.argumentName });
  return { list, recordRowId };
}

/**
 * The current version of the subject's record, read under `trx` (locked for update when asked):
 * FORBIDDEN, the same for a record of another subject and for none; CONFLICT when the subject's own
 * record is not in force (withdrawn, or past its retention).
 */
export async function subjectRecord(
  trx: Knex,
  lists: Readonly<Record<string, RecordList>>,
  recordId: unknown,
  subject: string,
  settings: RecordSettings,
  options: { readonly forUpdate?: boolean } = {},
): Promise<TargetRecord> {
  const { list, recordRowId } = await openRecordId(trx, lists, recordId);
  const query = trx(list.table)
    .select<Array<TargetRecord['row'] & { in_force: boolean }>>('*', trx.raw(`(${inForceCondition(list, settings)}) as in_force`))
    .where({ record_id: recordRowId, current: true, subject_code: subject });
  const rows = await (options.forUpdate ? query.forUpdate() : query);
  const row = rows[0];
  if (!row) throw graphqlError('FORBIDDEN', NOT_YOURS);
  if (!row.in_force) throw graphqlError('CONFLICT', 'The record is not in force (withdrawn, or past its retention): it takes no statement or repair', { rule: 'IN_FORCE' });
  return { list, row };
}

/**
 * One page of recourse rows (statements, applications) newest first by (`at`, id): `where` selects
 * whose, `toNode` makes each row a GraphQL object.
 */
export async function recoursePage<Row extends { readonly id: string }, Node>(
  db: Knex,
  table: string,
  at: string,
  where: (query: Knex.QueryBuilder) => Knex.QueryBuilder,
  args: PageArgs,
  limits: PageLimits,
  toNode: (row: Row, key: Buffer) => Node,
): Promise<Connection<Node>> {
  const request = pageRequest(args, limits, RECOURSE_CURSOR);
  const query = where(db(table).select('*'));
  if (request.after) query.whereRaw(`(??, id) < (?::timestamptz, ?::uuid)`, [at, request.after[0]!, request.after[1]!]);
  const rows = (await query.orderBy([{ column: at, order: 'desc' }, { column: 'id', order: 'desc' }]).limit(request.first + 1)) as Row[];
  const key = await recordKey(db);
  const page = toConnection(rows, request.first, (row) => encodeCursor([new Date(row[at as keyof Row] as Date).toISOString(), row.id]), async () => {
    const counted = await where(db(table)).count<{ n: string }[]>({ n: '*' });
    return Number(counted[0]?.n ?? 0);
  });
  return {
    edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toNode(edge.node, key) })),
    nodes: page.nodes.map((row) => toNode(row, key)),
    pageInfo: page.pageInfo,
    // Counted only when a client selects it, as every connection.
    get totalCount() {
      return page.totalCount;
    },
  };
}

/** What every recourse row names of its record: its type and table, id, document and source authority, and its subject. */
export interface RecourseRow {
  readonly id: string;
  readonly subject_code: string;
  readonly record_type: string;
  readonly record_id: string | number;
  readonly document_number: string | null;
  readonly authority_name: string;
  readonly authority_code: string;
}

/**
 * The part of a recourse row (an objection, a repair application) GraphQL serves alike. Only the
 * subject's own (its lists, its acts) names its subject (`subjectCode`), so that there its fields are
 * decided for that subject; the source authority's queue and answers, and the regulators' lists, name
 * none: there the source authority's and the statutory rules decide.
 */
export function recourseNode(row: RecourseRow, key: Buffer, withSubject: boolean) {
  return {
    ...(withSubject ? { subjectCode: row.subject_code } : {}),
    id: row.id,
    recordType: row.record_type,
    recordId: `${row.record_type}:${sealRowId(key, Number(row.record_id))}`,
    documentNumber: row.document_number,
    sourceAuthority: { name: row.authority_name, code: row.authority_code },
  };
}

/**
 * The tables of `lists` whose records the calling source authority submits: an AUTHORITY answers
 * objections and decides repairs only of record types its `submits` claim covers, as it submits,
 * corrects and withdraws only those, and its queues list only those.
 */
export function submittedTables(principal: Principal, lists: readonly RecordList[], categoryOf: CategoryOf): string[] {
  if (principal.kind !== 'AUTHORITY') return [];
  return lists.filter((list) => (principal.submits ?? []).some((c) => categoryCovers(c, categoryOf(list.recordType)))).map((list) => list.table);
}

/** A checked free text (`shared/ingest/fields.ts`), or BAD_USER_INPUT naming the argument. */
export function checkedText(kind: { parse(value: unknown, source: 'json'): Parsed }, value: unknown, argumentName: string): string {
  const parsed = kind.parse(value, 'json');
  if (!parsed.ok) throw graphqlError('BAD_USER_INPUT', `\`${argumentName}\` ${parsed.reason}`, { argumentName });
  return String(parsed.value);
}

/** The page of a subject's or an authority's recourse rows: newest first by (at, id), `id` a uuid. */
export const RECOURSE_CURSOR = [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/] as const;

/** A uuid, as the recourse rows' ids are. */
export const UUID = RECOURSE_CURSOR[1];

/** A uuid argument (an application's id), or BAD_USER_INPUT. */
export function uuidArgument(value: unknown, argumentName: string): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw graphqlError('BAD_USER_INPUT', `\`${argumentName}\` is not an id this graph issued`, { argumentName });
  return value;
}
