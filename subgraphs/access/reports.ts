import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { CONTEXT_TTL_MAX_SECONDS } from '../../shared/config';
import { badUserInput, graphqlError } from '../../shared/errors';
import { requireSubjectCode } from '../../shared/identifiers';
import { text } from '../../shared/ingest/fields';
import type { RecordSettings } from '../../shared/records';
import type { Principal } from '../../shared/policy/principal';
import { SELF_QUERY } from '../../shared/policy/decide';
import { isUniqueViolation } from '../../shared/store';
import { chinaDateOf, chinaYear } from '../../shared/clock';
import type { SubgraphRequest } from '../../shared/subgraph/request';

/**
 * The credit report (CIR Arts. 17, 26; DOMAIN.md section 5), in the access store beside the inquiry
 * records it lists. A request issues at most one report of a subject (every `creditReport` of it in
 * the request is that report, `issuedOnce`): a row saying who asked, for whom, why, and whether it was the subject's own and past its free ones (free twice a China calendar
 * year; later ones are served and marked charged). The report's header, its inquiry section and the
 * subject's statement on it come from here; every other section is the graph itself, under the
 * caller's own permissions, reached through `subject`.
 */

/** Shown for an institution whose token named none: a report never lists an organization's code. */
export const UNNAMED_INSTITUTION = '未具名机构';
/** Inquiries a report lists at most (the newest): two years of a much-queried company stay readable. */
export const REPORT_INQUIRIES_MAX = 200;
/** How far back a report's inquiry section reaches (PBoC reports: two years). */
export const REPORT_INQUIRY_YEARS = 2;


export interface ReportSettings {
  readonly db: Knex;
  readonly settings: RecordSettings;
}

interface ReportRow {
  readonly id: string;
  readonly subject_code: string;
  readonly requester_kind: string;
  readonly requester_name: string | null;
  readonly purpose: string | null;
  readonly generated_at: Date;
  readonly self: boolean;
  readonly charged: boolean;
}

/** A subject's own reports issued in a China calendar year. */
async function selfReportsIn(db: Knex, subject: string, year: { from: Date; until: Date }): Promise<number> {
  const [row] = await db('credit_reports')
    .where({ subject_code: subject, self: true })
    .where('generated_at', '>=', year.from)
    .where('generated_at', '<', year.until)
    .count<{ n: string }[]>({ n: '*' });
  return Number(row?.n ?? 0);
}

/**
 * Issues one report: its row, written in one transaction with the count of the subject's own reports
 * this year (under a per-subject lock, so two reports at once cannot both be the last free one).
 */
async function issueReport({ db, settings }: ReportSettings, subject: string, principal: Principal, purpose: string | null) {
  const now = settings.clock.now();
  const self = principal.kind === 'SUBJECT' && principal.subject === subject;
  const year = chinaYear(now);
  return db.transaction(async (trx) => {
    let used = 0;
    let charged = false;
    if (self) {
      await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`credit_report:${subject}`]);
      used = (await selfReportsIn(trx, subject, year)) + 1;
      charged = used > settings.freeSelfReportsPerYear;
    }
    const [row] = await trx('credit_reports')
      .insert({
        subject_code: subject,
        requester_kind: principal.kind,
        requester_organization: self ? null : principal.organization,
        requester_name: self ? null : (principal.organizationName ?? null),
        purpose,
        generated_at: now,
        self,
        charged,
      })
      .returning<ReportRow[]>(['id', 'subject_code', 'requester_kind', 'requester_name', 'purpose', 'generated_at', 'self', 'charged']);
    return { row: row as ReportRow, used: self ? used : null, year: year.year };
  });
}

type Issued = Awaited<ReturnType<typeof issueReport>>;

/**
 * The reports issued for each gateway request, by caller and subject: every `creditReport` of one
 * subject in one request (aliases, a code repeated in `subjects(codes:)`, `Query.creditReport` beside
 * `Subject.creditReport`) is the one report, issued once, whether the gateway asks for it in one fetch
 * or in several. The fetches of a request share the request id the gateway signed; an entry lives as
 * long as a context naming that request may still be accepted, and a report that failed to issue is
 * forgotten at once (a retried fetch issues it).
 */
const issuedInRequest = new Map<string, { readonly issued: Promise<Issued>; readonly until: number }>();
const ISSUED_KEPT_MS = CONTEXT_TTL_MAX_SECONDS * 1000;

function issuedOnce(reports: ReportSettings, request: SubgraphRequest, subject: string): Promise<Issued> {
  const now = Date.now();
  // Entries are kept in the order they were made: the expired ones are the first.
  for (const [key, entry] of issuedInRequest) {
    if (entry.until > now) break;
    issuedInRequest.delete(key);
  }
  const { principal, purpose, requestId } = request;
  const key = JSON.stringify([requestId, principal.kind, principal.organization, principal.staff, principal.subject, purpose, subject]);
  const kept = issuedInRequest.get(key);
  if (kept) return kept.issued;
  const issued = issueReport(reports, subject, principal, purpose);
  const entry = { issued, until: now + ISSUED_KEPT_MS };
  issuedInRequest.set(key, entry);
  issued.catch(() => {
    if (issuedInRequest.get(key) === entry) issuedInRequest.delete(key);
  });
  return issued;
}

interface StatementRow {
  readonly subject_code: string;
  readonly text: string;
  readonly made_at: Date;
}

const statementView = (row: StatementRow) => ({ subjectCode: row.subject_code, text: row.text, madeAt: row.made_at });

interface InquiryLine {
  readonly subject: string;
  readonly organization_name: string | null;
  readonly occurred_at: Date;
  readonly purpose: string | null;
}

/** Per-request loaders of the report sections, kept with the request: batching never crosses requests. */
interface ReportLoaders {
  readonly statements: DataLoader<string, StatementRow | null>;
  readonly inquiries: DataLoader<string, InquiryLine[]>;
}

const loadersOfRequest = new WeakMap<SubgraphRequest, ReportLoaders>();

function loadersOf(request: SubgraphRequest, { db, settings }: ReportSettings): ReportLoaders {
  let loaders = loadersOfRequest.get(request);
  if (!loaders) {
    loaders = {
      statements: new DataLoader(async (subjects: readonly string[]) => {
        const rows = await db('report_statements').whereIn('subject_code', [...subjects]).where('state', 'CURRENT').select<StatementRow[]>('subject_code', 'text', 'made_at');
        const bySubject = new Map(rows.map((r) => [r.subject_code, r]));
        return subjects.map((s) => bySubject.get(s) ?? null);
      }),
      // The newest inquiries of each subject, in one statement per batch (a LATERAL scan per subject).
      inquiries: new DataLoader(async (subjects: readonly string[]) => {
        const since = new Date(settings.clock.now());
        since.setUTCFullYear(since.getUTCFullYear() - REPORT_INQUIRY_YEARS);
        const result = await db.raw<{ rows: InquiryLine[] }>(
          `select k.code as subject, r.organization_name, r.occurred_at, r.purpose
             from unnest(?::text[]) as k(code)
             cross join lateral (
               select t.organization_name, t.occurred_at, t.purpose, t.id from inquiry_records t
                where t.subject_codes @> array[k.code]::text[] and t.occurred_at >= ? and t.principal_kind <> 'SUBJECT'
                order by t.occurred_at desc, t.id desc
                limit ?
             ) r
            order by r.occurred_at desc, r.id desc`,
          [[...subjects], since, REPORT_INQUIRIES_MAX],
        );
        const bySubject = new Map<string, InquiryLine[]>(subjects.map((s) => [s, []]));
        for (const row of result.rows) bySubject.get(row.subject)?.push(row);
        return subjects.map((s) => bySubject.get(s) ?? []);
      }),
    };
    loadersOfRequest.set(request, loaders);
  }
  return loaders;
}

interface ReportContext {
  readonly request: SubgraphRequest;
  readonly reports: ReportSettings;
}

type ReportView = NonNullable<Awaited<ReturnType<typeof creditReport>>>;

/**
 * The report of `subject` for the request's caller (issued on its first resolution in the request),
 * and the view its fields resolve from. A
 * natural person's report is personal data (the subject-type ceiling): a caller who may not see it
 * gets null, as for an unknown subject, and no report is issued.
 */
async function creditReport(subject: string, context: ReportContext) {
  const { principal, purpose } = context.request;
  // SELF_QUERY names the caller's own records: no report of another subject is issued under it,
  // whether named by its code or reached through another field (a search), and nothing is recorded.
  if (purpose === SELF_QUERY && !(principal.kind === 'SUBJECT' && principal.subject === subject)) {
    throw graphqlError('PURPOSE_NOT_ALLOWED', `Purpose ${SELF_QUERY} covers only the caller's own records; this report is of another subject`);
  }
  if (!context.request.decideField('CreditReport.id', subject).allowed) return null;
  const { row, used, year } = await issuedOnce(context.reports, context.request, subject);
  return {
    subjectCode: subject,
    id: row.id,
    generatedAt: row.generated_at,
    requestedBy: { subjectCode: subject, kind: row.requester_kind, institution: row.requester_name },
    purpose: row.purpose,
    subject: { code: subject },
    self: row.self,
    charged: row.charged,
    used,
    year,
  };
}

function onlyTheSubject(principal: Principal, subject: string): void {
  if (principal.kind !== 'SUBJECT' || principal.subject !== subject) {
    throw graphqlError('FORBIDDEN', 'Only the subject itself states or withdraws its statement on its report');
  }
}

export const reportResolvers = {
  Query: {
    creditReport: (_root: unknown, args: { code: string }, context: ReportContext) => creditReport(requireSubjectCode(args.code, 'code'), context),
  },
  Subject: {
    creditReport: (subject: { code: string }, _args: unknown, context: ReportContext) => creditReport(subject.code, context),
  },
  CreditReport: {
    statement: async (report: ReportView, _args: unknown, context: ReportContext) => {
      const row = await loadersOf(context.request, context.reports).statements.load(report.subjectCode);
      return row ? statementView(row) : null;
    },
    selfReports: async (report: ReportView, _args: unknown, context: ReportContext) => {
      const { db, settings } = context.reports;
      const used = report.used ?? (await selfReportsIn(db, report.subjectCode, chinaYear(report.generatedAt)));
      const freePerYear = settings.freeSelfReportsPerYear;
      return { subjectCode: report.subjectCode, year: report.year, used, freePerYear, freeRemaining: Math.max(0, freePerYear - used), charged: report.charged };
    },
    inquiries: async (report: ReportView, _args: unknown, context: ReportContext) =>
      (await loadersOf(context.request, context.reports).inquiries.load(report.subjectCode)).map((line) => ({
        subjectCode: report.subjectCode,
        institution: line.organization_name ?? UNNAMED_INSTITUTION,
        date: chinaDateOf(new Date(line.occurred_at)),
        purpose: line.purpose,
      })),
  },
  Mutation: {
    setReportStatement: async (_root: unknown, args: { subject: string; text: string }, context: ReportContext) => {
      const subject = requireSubjectCode(args.subject, 'subject');
      onlyTheSubject(context.request.principal, subject);
      const { db, settings } = context.reports;
      const checked = text({ max: settings.statementMaxChars, multiline: true }).parse(args.text, 'json');
      if (!checked.ok) throw badUserInput(`\`text\` ${checked.reason}`, { argumentName: 'text' });
      const now = settings.clock.now();
      try {
        const row = await db.transaction(async (trx) => {
          await trx('report_statements').where({ subject_code: subject, state: 'CURRENT' }).update({ state: 'REPLACED', ended_at: now });
          const [inserted] = await trx('report_statements').insert({ subject_code: subject, text: checked.value as string, made_at: now, state: 'CURRENT' }).returning<StatementRow[]>(['subject_code', 'text', 'made_at']);
          return inserted;
        });
        if (!row) throw new Error('the store did not return the statement it wrote');
        return statementView(row);
      } catch (error) {
        // Two statements set at once: the one-current index lets one through, the other changes nothing.
        if (isUniqueViolation(error)) throw graphqlError('CONFLICT', 'Another statement on this report was set at the same moment; read it and try again');
        throw error;
      }
    },
    withdrawReportStatement: async (_root: unknown, args: { subject: string }, context: ReportContext) => {
      const subject = requireSubjectCode(args.subject, 'subject');
      onlyTheSubject(context.request.principal, subject);
      const { db, settings } = context.reports;
      const [row] = await db('report_statements')
        .where({ subject_code: subject, state: 'CURRENT' })
        .update({ state: 'WITHDRAWN', ended_at: settings.clock.now() })
        .returning<StatementRow[]>(['subject_code', 'text', 'made_at']);
      if (!row) throw graphqlError('NOT_FOUND', `Subject ${subject} has no statement on its report`);
      return statementView(row);
    },
  },
};
