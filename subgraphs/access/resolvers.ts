import type { ResolverMap } from '../../shared/subgraph/types';
import { scalarResolvers } from '../../shared/scalars';
import { mergeResolvers } from '../../shared/subgraph/merge';
import { reportResolvers } from './reports';
import { badUserInput, echo, graphqlError, requireBoundedText } from '../../shared/errors';
import { requireSubjectCode } from '../../shared/identifiers';
import { pageRequest, type Connection, type PageArgs } from '../../shared/pagination';
import { CATEGORIES } from '../../shared/policy/categories';
import { applicationInForce, consentInForce, reachesNeverToCreditService } from '../../shared/policy/decide';
import type { Principal } from '../../shared/policy/principal';
import type { AccessContext } from './context';
import { isSubmittableCategory } from '../../shared/auth/tokens';
import {
  applicationFact,
  consentFact,
  decideApplication,
  findApplication,
  findConsent,
  insertApplication,
  insertConsent,
  pageApplications,
  pageInquiries,
  revokeConsent,
  SERIAL_CURSOR,
  UUID_CURSOR,
  type ApplicationRow,
  type ApplicationStatus,
  type ConsentRow,
  type InquiryRow,
} from './store';

/** How long a special application may run: special data is served for a case, not for good. */
export const SPECIAL_APPLICATION_MAX_DAYS = 90;
const DAY_MS = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function validId(id: string, argumentName: string): string {
  if (!UUID.test(id)) throw badUserInput(`"${id}" is not an id this graph issued`, { argumentName });
  return id;
}

/**
 * The one access category a subject may authorize: who queried it (a credit report's inquiry section,
 * PBoC reports show it to the bank the subject authorized). Consents and applications stay its own.
 */
const REPORT_INQUIRIES_CATEGORY = 'access.inquiry';

/** Categories a consent or application may name: the catalogue's categories or their prefixes, never the other access records. */
function validCategories(categories: readonly string[], argumentName: string): string[] {
  if (categories.length === 0) throw badUserInput('Name at least one category', { argumentName });
  const unique = [...new Set(categories)];
  for (const category of unique) {
    const known = CATEGORIES.some((c) => c.category === category || c.category.startsWith(`${category}.`));
    if (!known || !(isSubmittableCategory(category) || category === REPORT_INQUIRIES_CATEGORY)) {
      throw badUserInput(`"${echo(category)}" is not a category of credit information in the catalogue`, { argumentName });
    }
  }
  return unique;
}

function forbidden(message: string): never {
  throw graphqlError('FORBIDDEN', message);
}

function organizationOf(principal: Principal): string {
  if (!principal.organization || principal.kind === 'PUBLIC' || principal.kind === 'SUBJECT') {
    forbidden('Only an organization (a department, credit service body or regulator) may do this');
  }
  return principal.organization;
}

const isFuture = (d: Date, now: Date) => d.getTime() > now.getTime();

// --- views: every object carries the subject whose record it is, for enforcement per subject ------

function consentView(row: ConsentRow) {
  return {
    subjectCode: row.subject_code,
    id: row.id,
    subject: row.subject_code,
    organization: row.organization,
    purpose: row.purpose,
    categories: row.categories,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    grantedAt: row.granted_at,
    revokedAt: row.revoked_at,
    inForce: consentInForce(consentFact(row), new Date()),
  };
}

function applicationView(row: ApplicationRow) {
  return {
    subjectCode: row.subject_code,
    id: row.id,
    subject: row.subject_code,
    organization: row.organization,
    applicant: row.applicant_staff,
    purpose: row.purpose,
    categories: row.categories,
    reason: row.reason,
    requestedUntil: row.requested_until,
    status: row.status,
    appliedAt: row.applied_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    decisionNote: row.decision_note,
    validUntil: row.valid_until,
    revokedAt: row.revoked_at,
    inForce: applicationInForce(applicationFact(row), new Date()),
  };
}

/**
 * An inquiry record as one reader may see it: seen through a subject, only that subject's part (a
 * batch query of a hundred subjects tells each of them about itself alone).
 */
function inquiryView(row: InquiryRow, subject: string | null) {
  const disclosures = (subject ? row.disclosures.filter((d) => d.subject === subject) : row.disclosures).map((d) => ({
    subjectCode: subject,
    subject: d.subject,
    field: d.field,
    category: d.category,
    level: d.level,
    basis: d.basis,
    reference: d.ref ?? null,
  }));
  return {
    subjectCode: subject,
    id: String(row.id),
    requestId: row.request_id,
    occurredAt: row.occurred_at,
    principalKind: row.principal_kind,
    organization: row.organization,
    organizationName: row.organization_name,
    staff: row.staff,
    purpose: row.purpose,
    subjects: subject ? [subject] : row.subject_codes,
    categories: subject ? [...new Set(disclosures.map((d) => d.category))].sort() : row.categories,
    fields: subject ? [...new Set(disclosures.map((d) => d.field))].sort() : row.fields,
    disclosures,
  };
}

function mapConnection<Row, View>(connection: Connection<Row>, view: (row: Row) => View) {
  return {
    edges: connection.edges.map((e) => ({ cursor: e.cursor, node: view(e.node) })),
    nodes: connection.nodes.map(view),
    pageInfo: connection.pageInfo,
    get totalCount() {
      return connection.totalCount;
    },
  };
}

async function changeApplication(context: AccessContext, id: string, from: ApplicationStatus, to: ApplicationStatus, note: string | null, validUntil?: Date) {
  const principal = context.request.principal;
  const row = await decideApplication(context.db, id, {
    from,
    to,
    by: principal.organization,
    staff: principal.staff,
    note,
    ...(validUntil ? { validUntil } : {}),
  });
  if (row) return applicationView(row);
  const existing = await findApplication(context.db, id);
  if (!existing) throw graphqlError('NOT_FOUND', `No special application ${id}`);
  throw graphqlError('CONFLICT', `Special application ${id} is ${existing.status}; only a ${from} application can become ${to}`);
}

interface GrantConsentArgs {
  readonly input: { subject: string; organization: string; purpose: string; categories: string[]; validFrom?: Date | null; validUntil: Date };
}

interface ApplyArgs {
  readonly input: { subject: string; purpose: string; categories: string[]; reason: string; validUntil: Date };
}

const ownResolvers: ResolverMap<AccessContext> = {
  Date: scalarResolvers.Date,
  DateTime: scalarResolvers.DateTime,
  Query: {
    inquiryRecords: (_root, args: PageArgs & { filter?: { subject?: string | null; organization?: string | null; since?: Date | null; until?: Date | null } | null }, context) => {
      const filter = args.filter ?? {};
      const subject = filter.subject ? requireSubjectCode(filter.subject, 'filter.subject') : null;
      const organization = filter.organization ? requireSubjectCode(filter.organization, 'filter.organization', 'USCC') : null;
      const page = pageRequest(args, context.limits, SERIAL_CURSOR);
      return pageInquiries(context.db, { subject, organization, since: filter.since ?? null, until: filter.until ?? null }, page).then((c) =>
        mapConnection(c, (row: InquiryRow) => inquiryView(row, subject)),
      );
    },
    specialApplications: (_root, args: PageArgs & { status?: ApplicationStatus | null }, context) =>
      pageApplications(context.db, { status: args.status ?? null }, pageRequest(args, context.limits, UUID_CURSOR)).then((c) => mapConnection(c, applicationView)),
    ownSpecialApplications: (_root, args: PageArgs & { status?: ApplicationStatus | null }, context) => {
      const organization = organizationOf(context.request.principal);
      return pageApplications(context.db, { organization, status: args.status ?? null }, pageRequest(args, context.limits, UUID_CURSOR)).then((c) =>
        mapConnection(c, applicationView),
      );
    },
  },
  Mutation: {
    grantConsent: async (_root, { input }: GrantConsentArgs, context) => {
      const principal = context.request.principal;
      const subject = requireSubjectCode(input.subject, 'input.subject');
      if (principal.kind !== 'SUBJECT' || principal.subject !== subject) {
        forbidden('Only the subject itself may authorize queries of its records');
      }
      const organization = requireSubjectCode(input.organization, 'input.organization', 'USCC');
      if (organization === subject) throw badUserInput('A subject needs no authorization to query itself', { argumentName: 'input.organization' });
      if (input.purpose === 'SELF_QUERY') throw badUserInput('SELF_QUERY is not a purpose an organization can be authorized for', { argumentName: 'input.purpose' });
      const categories = validCategories(input.categories, 'input.categories');
      const now = new Date();
      const validFrom = input.validFrom ?? now;
      if (!isFuture(input.validUntil, validFrom) || !isFuture(input.validUntil, now)) {
        throw badUserInput('`validUntil` must be later than now and than `validFrom`', { argumentName: 'input.validUntil' });
      }
      return consentView(await insertConsent(context.db, { subject, organization, purpose: input.purpose, categories, validFrom, validUntil: input.validUntil }));
    },
    revokeConsent: async (_root, args: { subject: string; id: string }, context) => {
      const principal = context.request.principal;
      const subject = requireSubjectCode(args.subject, 'subject');
      const id = validId(args.id, 'id');
      if (principal.kind !== 'SUBJECT' || principal.subject !== subject) {
        forbidden('Only the subject itself may withdraw its authorizations');
      }
      const existing = await findConsent(context.db, id);
      if (!existing || existing.subject_code !== subject) throw graphqlError('NOT_FOUND', `Subject ${subject} has no consent ${id}`);
      const revoked = await revokeConsent(context.db, id);
      if (!revoked) throw graphqlError('CONFLICT', `Consent ${id} was already revoked`);
      return consentView(revoked);
    },
    applyForSpecialAccess: async (_root, { input }: ApplyArgs, context) => {
      const principal = context.request.principal;
      const organization = organizationOf(principal);
      const subject = requireSubjectCode(input.subject, 'input.subject');
      if (!principal.purposes.includes(input.purpose) || input.purpose === 'SELF_QUERY') {
        throw graphqlError('PURPOSE_NOT_ALLOWED', `Purpose ${input.purpose} is not among the caller's purposes (${principal.purposes.join(', ') || 'none'})`);
      }
      const categories = validCategories(input.categories, 'input.categories');
      const never = categories.filter(reachesNeverToCreditService);
      if (principal.kind === 'CREDIT_SERVICE' && never.length > 0) {
        forbidden(`${never.join(', ')} is never disclosed to credit service bodies, whatever the application`);
      }
      const reason = requireBoundedText(input.reason, 'input.reason').trim();
      if (reason.length < 10) throw badUserInput('State the case and its legal basis in `reason` (at least 10 characters)', { argumentName: 'input.reason' });
      const now = new Date();
      if (!isFuture(input.validUntil, now) || input.validUntil.getTime() > now.getTime() + SPECIAL_APPLICATION_MAX_DAYS * DAY_MS) {
        throw badUserInput(`\`validUntil\` must be in the next ${SPECIAL_APPLICATION_MAX_DAYS} days`, { argumentName: 'input.validUntil' });
      }
      const row = await insertApplication(context.db, {
        subject,
        organization,
        staff: principal.staff,
        purpose: input.purpose,
        categories,
        reason,
        requestedUntil: input.validUntil,
      });
      return applicationView(row);
    },
    approveSpecialApplication: async (_root, args: { id: string; validUntil?: Date | null; note?: string | null }, context) => {
      const id = validId(args.id, 'id');
      const principal = context.request.principal;
      const approver = organizationOf(principal);
      const application = await findApplication(context.db, id);
      if (!application) throw graphqlError('NOT_FOUND', `No special application ${id}`);
      if (application.organization === approver) forbidden('An organization may not approve its own special application');
      const requested = new Date(application.requested_until);
      const validUntil = args.validUntil ?? requested;
      if (!isFuture(validUntil, new Date()) || validUntil.getTime() > requested.getTime()) {
        throw badUserInput('`validUntil` must be in the future and no later than the end the applicant asked for', { argumentName: 'validUntil' });
      }
      return changeApplication(context, id, 'PENDING', 'APPROVED', requireBoundedText(args.note, 'note') ?? null, validUntil);
    },
    rejectSpecialApplication: (_root, args: { id: string; note: string }, context) => {
      organizationOf(context.request.principal);
      return changeApplication(context, validId(args.id, 'id'), 'PENDING', 'REJECTED', requireBoundedText(args.note, 'note'));
    },
    revokeSpecialApplication: (_root, args: { id: string; note: string }, context) => {
      organizationOf(context.request.principal);
      return changeApplication(context, validId(args.id, 'id'), 'APPROVED', 'REVOKED', requireBoundedText(args.note, 'note'));
    },
  },
  Subject: {
    __resolveReference: (reference: { code: string }) => ({ code: reference.code }),
    consents: (subject: { code: string }, args: PageArgs, context) => context.consents.page(subject.code, args).then((c) => mapConnection(c, consentView)),
    specialApplications: (subject: { code: string }, args: PageArgs, context) =>
      context.specialApplications.page(subject.code, args).then((c) => mapConnection(c, applicationView)),
    inquiryRecords: (subject: { code: string }, args: PageArgs, context) =>
      context.inquiryRecords.page(subject.code, args).then((c) => mapConnection(c, (row: InquiryRow) => inquiryView(row, subject.code))),
  },
};

/** The access subgraph's resolvers: consents, applications and inquiry records, and the credit report (`reports.ts`). */
export const accessResolvers = mergeResolvers(ownResolvers, reportResolvers) as ResolverMap<AccessContext>;
