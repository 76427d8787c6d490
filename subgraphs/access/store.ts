import type { Knex } from 'knex';
import type { SubjectGrants } from '../../shared/auth/context';
import type { Consent as ConsentFact, SpecialApplication as ApplicationFact } from '../../shared/policy/decide';
import type { Disclosure } from '../../shared/subgraph/disclosures';
import { encodeCursor, toConnection, type Connection, type PageRequest } from '../../shared/pagination';

/**
 * The access store: consents, special applications and inquiry records. Every read that lists is
 * paged by keyset, newest first; every change is one statement that checks the state it changes, so
 * two approvers racing on one application cannot both win.
 */

export interface ConsentRow {
  readonly id: string;
  readonly subject_code: string;
  readonly organization: string;
  readonly purpose: string;
  readonly categories: string[];
  readonly valid_from: Date;
  readonly valid_until: Date;
  readonly granted_at: Date;
  readonly revoked_at: Date | null;
}

export type ApplicationStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'REVOKED';

export interface ApplicationRow {
  readonly id: string;
  readonly subject_code: string;
  readonly organization: string;
  readonly applicant_staff: string | null;
  readonly purpose: string;
  readonly categories: string[];
  readonly reason: string;
  readonly requested_until: Date;
  readonly status: ApplicationStatus;
  readonly applied_at: Date;
  readonly decided_at: Date | null;
  readonly decided_by: string | null;
  readonly decided_by_staff: string | null;
  readonly decision_note: string | null;
  readonly valid_until: Date | null;
  readonly revoked_at: Date | null;
}

export interface InquiryRow {
  readonly id: string;
  readonly request_id: string;
  readonly occurred_at: Date;
  readonly principal_kind: string;
  readonly organization: string | null;
  readonly organization_name: string | null;
  readonly staff: string | null;
  readonly purpose: string | null;
  readonly subject_codes: string[];
  readonly categories: string[];
  readonly fields: string[];
  readonly disclosures: Disclosure[];
}

const asDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const asDateOrNull = (value: Date | string | null): Date | null => (value === null ? null : asDate(value));

/** The facts the policy decides with, from a consent row. */
export function consentFact(row: ConsentRow): ConsentFact {
  return {
    id: row.id,
    subject: row.subject_code,
    organization: row.organization,
    purpose: row.purpose,
    categories: row.categories,
    validFrom: asDate(row.valid_from),
    validUntil: asDate(row.valid_until),
    revokedAt: asDateOrNull(row.revoked_at),
  };
}

export function applicationFact(row: ApplicationRow): ApplicationFact {
  return {
    id: row.id,
    subject: row.subject_code,
    organization: row.organization,
    purpose: row.purpose,
    categories: row.categories,
    validUntil: asDate(row.valid_until ?? row.requested_until),
    approvedAt: row.status === 'APPROVED' || row.status === 'REVOKED' ? asDateOrNull(row.decided_at) : null,
    revokedAt: asDateOrNull(row.revoked_at),
  };
}

/**
 * For the gateway, per request: the consents and approved applications in force for one
 * organization and purpose, for each subject asked about. Two statements, whatever the number of subjects.
 */
export async function subjectGrants(
  db: Knex,
  organization: string,
  purpose: string,
  codes: readonly string[],
): Promise<Record<string, SubjectGrants>> {
  const [consents, applications] = await Promise.all([
    db<ConsentRow>('consents')
      .whereIn('subject_code', [...codes])
      .andWhere({ organization, purpose })
      .whereNull('revoked_at')
      .andWhere('valid_until', '>', db.fn.now())
      .andWhere('valid_from', '<=', db.fn.now()),
    db<ApplicationRow>('special_applications')
      .whereIn('subject_code', [...codes])
      .andWhere({ organization, purpose, status: 'APPROVED' })
      .whereNull('revoked_at')
      .andWhere('valid_until', '>', db.fn.now()),
  ]);
  const out: Record<string, { consents: ConsentFact[]; applications: ApplicationFact[] }> = {};
  const entry = (code: string) => (out[code] ??= { consents: [], applications: [] });
  for (const row of consents) entry(row.subject_code).consents.push(consentFact(row));
  for (const row of applications) entry(row.subject_code).applications.push(applicationFact(row));
  return out;
}

export interface NewConsent {
  readonly subject: string;
  readonly organization: string;
  readonly purpose: string;
  readonly categories: readonly string[];
  readonly validFrom: Date;
  readonly validUntil: Date;
}

export async function insertConsent(db: Knex, consent: NewConsent): Promise<ConsentRow> {
  const [row] = await db<ConsentRow>('consents')
    .insert({
      subject_code: consent.subject,
      organization: consent.organization,
      purpose: consent.purpose,
      categories: [...consent.categories],
      valid_from: consent.validFrom,
      valid_until: consent.validUntil,
    })
    .returning('*');
  return row as ConsentRow;
}

export async function findConsent(db: Knex, id: string): Promise<ConsentRow | undefined> {
  return db<ConsentRow>('consents').where({ id }).first();
}

/** Revokes a consent in force; returns the row as it now stands, or undefined when it was already revoked. */
export async function revokeConsent(db: Knex, id: string): Promise<ConsentRow | undefined> {
  const [row] = await db<ConsentRow>('consents').where({ id }).whereNull('revoked_at').update({ revoked_at: db.fn.now() }).returning('*');
  return row;
}

export interface NewApplication {
  readonly subject: string;
  readonly organization: string;
  readonly staff: string | null;
  readonly purpose: string;
  readonly categories: readonly string[];
  readonly reason: string;
  readonly requestedUntil: Date;
}

export async function insertApplication(db: Knex, application: NewApplication): Promise<ApplicationRow> {
  const [row] = await db<ApplicationRow>('special_applications')
    .insert({
      subject_code: application.subject,
      organization: application.organization,
      applicant_staff: application.staff,
      purpose: application.purpose,
      categories: [...application.categories],
      reason: application.reason,
      requested_until: application.requestedUntil,
    })
    .returning('*');
  return row as ApplicationRow;
}

export async function findApplication(db: Knex, id: string): Promise<ApplicationRow | undefined> {
  return db<ApplicationRow>('special_applications').where({ id }).first();
}

export interface ApplicationDecision {
  readonly from: ApplicationStatus;
  readonly to: ApplicationStatus;
  readonly by: string | null;
  readonly staff: string | null;
  readonly note: string | null;
  readonly validUntil?: Date;
}

/** Moves an application from one status to the next, only if it still is in `from`. */
export async function decideApplication(db: Knex, id: string, decision: ApplicationDecision): Promise<ApplicationRow | undefined> {
  const changes: Record<string, unknown> =
    decision.to === 'REVOKED'
      ? { status: 'REVOKED', revoked_at: db.fn.now(), decision_note: decision.note }
      : {
          status: decision.to,
          decided_at: db.fn.now(),
          decided_by: decision.by,
          decided_by_staff: decision.staff,
          decision_note: decision.note,
          valid_until: decision.validUntil ?? null,
        };
  const [row] = await db<ApplicationRow>('special_applications').where({ id, status: decision.from }).update(changes).returning('*');
  return row;
}

// --- paged lists ---------------------------------------------------------------------------------

/** Cursors of rows in lists ordered by (time desc, id desc): an ISO instant and the row's id. */
const INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
export const UUID_CURSOR = [INSTANT, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/] as const;
export const SERIAL_CURSOR = [INSTANT, /^\d{1,18}$/] as const;

const cursorOf = <Row extends { id: string }>(row: Row, timeOf: (row: Row) => Date) => encodeCursor([timeOf(row).toISOString(), String(row.id)]);

async function pageByTime<Row extends { id: string }>(
  query: Knex.QueryBuilder,
  timeColumn: string,
  page: PageRequest,
  timeOf: (row: Row) => Date,
  count: () => Promise<number>,
  idType: 'uuid' | 'bigint' = 'uuid',
): Promise<Connection<Row>> {
  let q = query.clone().orderBy([{ column: timeColumn, order: 'desc' }, { column: 'id', order: 'desc' }]).limit(page.first + 1);
  if (page.after) {
    const [time, id] = page.after as [string, string];
    q = q.andWhereRaw(`(??, id) < (?::timestamptz, ?::${idType})`, [timeColumn, time, id]);
  }
  const rows = (await q) as Row[];
  return toConnection(rows, page.first, (row) => cursorOf(row, timeOf), count);
}

const countOf = (query: Knex.QueryBuilder) => async () => {
  const [row] = await query.clone().clearSelect().clearOrder().count<{ n: string }[]>({ n: '*' });
  return Number(row?.n ?? 0);
};

/**
 * One subject's list in the access store (its consents, special applications or inquiry records),
 * paged newest first by (time, id) like the lists of the whole store.
 */
export interface SubjectList<Row extends { id: string }> {
  readonly table: string;
  readonly timeColumn: string;
  readonly idType: 'uuid' | 'bigint';
  /** The SQL condition of the rows of `t` that belong to the subject `k.code`. */
  readonly ofSubject: string;
  readonly timeOf: (row: Row) => Date;
  /** The cursor patterns of the list (`after` is decoded against them before it reaches the store). */
  readonly cursor: readonly RegExp[];
}

export const SUBJECT_CONSENTS: SubjectList<ConsentRow> = {
  table: 'consents',
  timeColumn: 'granted_at',
  idType: 'uuid',
  ofSubject: 't.subject_code = k.code',
  timeOf: (r) => asDate(r.granted_at),
  cursor: UUID_CURSOR,
};

export const SUBJECT_APPLICATIONS: SubjectList<ApplicationRow> = {
  table: 'special_applications',
  timeColumn: 'applied_at',
  idType: 'uuid',
  ofSubject: 't.subject_code = k.code',
  timeOf: (r) => asDate(r.applied_at),
  cursor: UUID_CURSOR,
};

export const SUBJECT_INQUIRIES: SubjectList<InquiryRow> = {
  table: 'inquiry_records',
  timeColumn: 'occurred_at',
  idType: 'bigint',
  // `@>` is served by the GIN index on subject_codes.
  ofSubject: 't.subject_codes @> array[k.code]::text[]',
  timeOf: (r) => asDate(r.occurred_at),
  cursor: SERIAL_CURSOR,
};

/** One page of one subject's list: what a DataLoader of the list batches. */
export interface SubjectPageKey {
  readonly subject: string;
  readonly page: PageRequest;
}

/**
 * The pages of several subjects' lists in one statement: the requested (subject, cursor, limit)
 * triples are unnested and each drives a LATERAL keyset scan, as the sector record lists do. Each
 * page holds up to `first + 1` rows (the extra one only tells that a next page exists).
 */
export async function subjectPages<Row extends { id: string }>(db: Knex, list: SubjectList<Row>, keys: readonly SubjectPageKey[]): Promise<Row[][]> {
  const result = await db.raw<{ rows: Array<Row & { k_ord: number | string }> }>(
    `select r.*, k.k_ord
       from unnest(?::text[], ?::timestamptz[], ?::${list.idType}[], ?::int[])
            with ordinality as k(code, after_time, after_id, lim, k_ord)
       cross join lateral (
         select t.* from ?? t
          where ${list.ofSubject}
            and (k.after_id is null or (t.??, t.id) < (k.after_time, k.after_id))
          order by t.?? desc, t.id desc
          limit k.lim
       ) r`,
    [
      // Arrays bind as PostgreSQL arrays (knex's typings only admit scalars here).
      keys.map((k) => k.subject),
      keys.map((k) => k.page.after?.[0] ?? null) as unknown as Knex.Value,
      keys.map((k) => k.page.after?.[1] ?? null) as unknown as Knex.Value,
      keys.map((k) => k.page.first + 1),
      list.table,
      list.timeColumn,
      list.timeColumn,
    ],
  );
  const pages = keys.map((): Row[] => []);
  for (const { k_ord: ordinal, ...row } of result.rows) pages[Number(ordinal) - 1]?.push(row as unknown as Row);
  return pages;
}

/** The length of several subjects' lists, in one statement. */
export async function subjectCounts<Row extends { id: string }>(db: Knex, list: SubjectList<Row>, subjects: readonly string[]): Promise<number[]> {
  const result = await db.raw<{ rows: Array<{ k_ord: number | string; n: number | string }> }>(
    `select k.k_ord, (select count(*) from ?? t where ${list.ofSubject}) as n
       from unnest(?::text[]) with ordinality as k(code, k_ord)`,
    [list.table, [...subjects]],
  );
  const counts = subjects.map(() => 0);
  for (const row of result.rows) counts[Number(row.k_ord) - 1] = Number(row.n);
  return counts;
}

/** Builds one subject's connection from the rows its page loaded. */
export function subjectConnection<Row extends { id: string }>(list: SubjectList<Row>, rows: readonly Row[], page: PageRequest, count: () => Promise<number>): Connection<Row> {
  return toConnection(rows, page.first, (row) => cursorOf(row, list.timeOf), count);
}

export interface ApplicationFilter {
  readonly organization?: string;
  readonly status?: ApplicationStatus | null;
}

export function pageApplications(db: Knex, filter: ApplicationFilter, page: PageRequest): Promise<Connection<ApplicationRow>> {
  const query = db('special_applications');
  if (filter.organization) query.where('organization', filter.organization);
  if (filter.status) query.where('status', filter.status);
  return pageByTime<ApplicationRow>(query, 'applied_at', page, (r) => asDate(r.applied_at), countOf(query));
}

export interface InquiryFilter {
  readonly subject?: string | null;
  readonly organization?: string | null;
  readonly since?: Date | null;
  readonly until?: Date | null;
}

export function pageInquiries(db: Knex, filter: InquiryFilter, page: PageRequest): Promise<Connection<InquiryRow>> {
  const query = db('inquiry_records');
  // `@>` is served by the GIN index on subject_codes.
  if (filter.subject) query.whereRaw('subject_codes @> array[?]::text[]', [filter.subject]);
  if (filter.organization) query.where('organization', filter.organization);
  if (filter.since) query.where('occurred_at', '>=', filter.since);
  if (filter.until) query.where('occurred_at', '<', filter.until);
  return pageByTime<InquiryRow>(query, 'occurred_at', page, (r) => asDate(r.occurred_at), countOf(query), 'bigint');
}

export interface NewInquiry {
  readonly requestId: string;
  readonly principalKind: string;
  readonly organization: string | null;
  /** The organization's name as its token named it (the `name` claim), for credit reports. */
  readonly organizationName: string | null;
  readonly staff: string | null;
  readonly purpose: string | null;
  readonly disclosures: readonly Disclosure[];
}

/** What became of one record of a group commit: its id, or why it alone was not written. */
export type InquiryOutcome =
  | { readonly id: string }
  | { readonly error: { readonly code: 'CONFLICT' | 'INTERNAL_SERVER_ERROR'; readonly message: string } };

interface NewInquiryRow {
  request_id: string;
  principal_kind: string;
  organization: string | null;
  organization_name: string | null;
  staff: string | null;
  purpose: string | null;
  subject_codes: string[];
  categories: string[];
  fields: string[];
  disclosures: string;
}

function rowOf(inquiry: NewInquiry): NewInquiryRow {
  return {
    request_id: inquiry.requestId,
    principal_kind: inquiry.principalKind,
    organization: inquiry.organization,
    organization_name: inquiry.organizationName,
    staff: inquiry.staff,
    purpose: inquiry.purpose,
    subject_codes: [...new Set(inquiry.disclosures.map((d) => d.subject).filter((s): s is string => s !== null))].sort(),
    categories: [...new Set(inquiry.disclosures.map((d) => d.category))].sort(),
    fields: [...new Set(inquiry.disclosures.map((d) => d.field))].sort(),
    disclosures: JSON.stringify(inquiry.disclosures),
  };
}

/** JSON with object keys in one order: what jsonb gives back compares equal to what was sent. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What a record says, to tell a retry of the same record from another record under its request id. */
function contentsOf(row: { principal_kind: string; organization: string | null; organization_name: string | null; staff: string | null; purpose: string | null; disclosures: unknown }): string {
  const disclosures: unknown = typeof row.disclosures === 'string' ? JSON.parse(row.disclosures) : row.disclosures;
  return canonical([row.principal_kind, row.organization, row.organization_name, row.staff, row.purpose, disclosures]);
}

/**
 * Writes the inquiry records of several requests (group commit), normally in one statement: durable
 * when this returns. Each record has its own outcome, so one record can never cost the others theirs:
 * if the statement fails, each record is written on its own and only the failing one fails. A retry
 * of a request's record adds nothing and answers the id already written; another record under the
 * same request id is a CONFLICT, never reported as written. Outcomes come in the order of `inquiries`.
 */
export async function writeInquiries(db: Knex, inquiries: readonly NewInquiry[]): Promise<InquiryOutcome[]> {
  if (inquiries.length === 0) return [];
  const rows = inquiries.map(rowOf);
  const failed = new Map<number, string>();
  try {
    await db('inquiry_records').insert(rows).onConflict('request_id').ignore();
  } catch {
    for (const [i, row] of rows.entries()) {
      try {
        await db('inquiry_records').insert(row).onConflict('request_id').ignore();
      } catch (error) {
        failed.set(i, (error as { code?: string }).code ?? 'unknown');
      }
    }
  }
  const written = await db('inquiry_records')
    .whereIn('request_id', [...new Set(rows.map((r) => r.request_id))])
    .select<Array<{ id: string; request_id: string; principal_kind: string; organization: string | null; organization_name: string | null; staff: string | null; purpose: string | null; disclosures: unknown }>>(
      'id',
      'request_id',
      'principal_kind',
      'organization',
      'organization_name',
      'staff',
      'purpose',
      'disclosures',
    );
  const byRequest = new Map(written.map((r) => [r.request_id, r]));
  return rows.map((row, i): InquiryOutcome => {
    const stored = byRequest.get(row.request_id);
    if (!stored) {
      return { error: { code: 'INTERNAL_SERVER_ERROR', message: `the store refused the record (${failed.get(i) ?? 'not written'})` } };
    }
    if (contentsOf(stored) !== contentsOf(row)) {
      return { error: { code: 'CONFLICT', message: 'another inquiry record was already written under this request id' } };
    }
    return { id: String(stored.id) };
  });
}
