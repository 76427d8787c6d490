import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApolloSubgraph } from '../../shared/subgraph/apollo';
import { contextVerifierFor, subgraphRequestOf } from '../../shared/subgraph/http';
import type { ContextVerifier } from '../../shared/auth/context';
import { subgraphTypeDefs } from '../../shared/subgraph/sdl';
import { DISCLOSURES_MAX, readDisclosure, type Disclosure } from '../../shared/subgraph/disclosures';
import { checkSubjectCode } from '../../shared/identifiers';
import type { SubgraphDeps, SubgraphModule } from '../../shared/subgraph/types';
import { accessResolvers } from './resolvers';
import { createAccessContext } from './context';
import { migrationsIn } from '../../shared/migrations/folder';
import { accessDataset } from './dataset';
import { writeInquiries, subjectGrants, type InquiryOutcome, type NewInquiry } from './store';
import { INQUIRY_RECORD_USE, SUBJECT_GRANTS_ROUTE, INQUIRY_RECORDS_ROUTE } from '../../shared/auth/context';
import { AuthenticationError } from '../../shared/auth/tokens';
import { tracedFields, withSpan } from '../../shared/telemetry';
import { DEFAULT_RECORD_SETTINGS } from '../../shared/records';

const typeDefs = subgraphTypeDefs(__dirname);

/** At most this many subjects per grants lookup: the gateway asks per request, a batch is 100 subjects. */
export const GRANTS_LOOKUP_MAX = 1_000;
/** At most this many inquiry records per call. */
export const INQUIRY_BATCH_MAX = 500;
/** At most this many bytes per call of inquiry records (the gateway sends at most 4 MiB, a larger record alone). */
export const INQUIRY_CALL_BYTES_MAX = 32 * 1024 * 1024;

/** Why one record of a call was refused before anything was written. */
interface RecordRefusal {
  readonly error: { readonly code: 'BAD_REQUEST' | 'UNAUTHENTICATED'; readonly message: string };
}


/** One record of a call, checked: its request's signed context and well-formed disclosures. */
async function checkedInquiry(recordContexts: ContextVerifier, record: unknown): Promise<NewInquiry | RecordRefusal> {
  const { context, disclosures: raw } = (typeof record === 'object' && record !== null ? record : {}) as { context?: unknown; disclosures?: unknown };
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > DISCLOSURES_MAX) {
    return { error: { code: 'BAD_REQUEST', message: `disclosures must be a list of 1 to ${DISCLOSURES_MAX} disclosures` } };
  }
  const disclosures = raw.map(readDisclosure);
  const bad = disclosures.findIndex((d) => d === null);
  if (bad >= 0) return { error: { code: 'BAD_REQUEST', message: `disclosures[${bad}] is malformed` } };
  let caller;
  try {
    // Each record's context is signed for that record's disclosures (INQUIRY_RECORD_USE).
    const verified = await recordContexts.verify(typeof context === 'string' ? context : undefined, INQUIRY_RECORD_USE);
    recordContexts.checkBody(verified, raw);
    caller = verified.context;
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    return { error: { code: 'UNAUTHENTICATED', message: error.message } };
  }
  const { principal } = caller;
  return {
    requestId: caller.requestId,
    principalKind: principal.kind,
    organization: principal.organization,
    organizationName: principal.organizationName ?? null,
    staff: principal.staff,
    purpose: caller.purpose,
    disclosures: disclosures as Disclosure[],
  };
}

const badRequest = (message: string) => ({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });

/**
 * The access subgraph: consents, special applications and inquiry records, in the graph for subjects,
 * applicants and regulators; and two routes only the gateway calls (its signed context required):
 * - `POST /internal/subject-grants` `{ subjects }`: the consents and approved applications in force
 *   for the caller's organization and purpose, per subject, which the gateway signs and sends with each fetch;
 * - `POST /internal/inquiry-records` `{ records: [{ context, disclosures }] }`: the inquiry records of
 *   one or more requests, each with its request's signed context, committed before the answer (201),
 *   so the gateway releases non-public data only once it is recorded.
 */
export async function buildAccessServer(deps: SubgraphDeps): Promise<FastifyInstance> {
  const app = await buildApolloSubgraph(deps, {
    name: 'access',
    typeDefs,
    resolvers: tracedFields(accessResolvers, 'Mutation'),
    context: () => createAccessContext(deps.store.db, deps.limits, deps.records ?? DEFAULT_RECORD_SETTINGS),
  });

  const recordContexts = contextVerifierFor('access', deps);

  app.post(SUBJECT_GRANTS_ROUTE, async (request, reply) => {
    const { principal, purpose } = subgraphRequestOf(request);
    const subjects = (request.body as { subjects?: unknown } | null)?.subjects;
    if (!Array.isArray(subjects) || subjects.length > GRANTS_LOOKUP_MAX || !subjects.every((s) => typeof s === 'string')) {
      return reply.code(400).send(badRequest(`\`subjects\` must be a list of at most ${GRANTS_LOOKUP_MAX} subject codes`));
    }
    const codes = [
      ...new Set((subjects).map((code) => checkSubjectCode(code)).flatMap((check) => (check.ok ? [check.code] : []))),
    ];
    const { organization } = principal;
    if (!organization || !purpose || codes.length === 0) return { subjects: {} };
    return { subjects: await withSpan('access.subject_grants', { 'grants.subjects': codes.length }, () => subjectGrants(deps.store.db, organization, purpose, codes)) };
  });

  // One call may carry the records of several requests (the gateway's group commit). Each record
  // names who asked by that request's own signed context, never by anything else in the body, and
  // each has its own outcome: a malformed or unwritable record fails alone, never its neighbours.
  // A group commit of large records (a batch of subjects, every field) outgrows Fastify's default 1 MiB.
  // A NUL byte in one record is that record's refusal (its disclosures are checked one by one), not the call's.
  app.post(INQUIRY_RECORDS_ROUTE, { bodyLimit: INQUIRY_CALL_BYTES_MAX, config: { checksEachItem: true } }, async (request, reply) => {
    const records = (request.body as { records?: unknown } | null)?.records;
    if (!Array.isArray(records) || records.length === 0 || records.length > INQUIRY_BATCH_MAX) {
      return reply.code(400).send(badRequest(`\`records\` must be a list of 1 to ${INQUIRY_BATCH_MAX} inquiry records`));
    }
    const outcomes: Array<InquiryOutcome | RecordRefusal | null> = [];
    const valid: Array<{ index: number; inquiry: NewInquiry }> = [];
    for (const [i, record] of records.entries()) {
      const checked = await checkedInquiry(recordContexts, record);
      if ('error' in checked) outcomes.push(checked);
      else {
        outcomes.push(null);
        valid.push({ index: i, inquiry: checked });
      }
    }
    const written = await withSpan('access.inquiry_records.write', { 'inquiry.records': valid.length }, () => writeInquiries(deps.store.db, valid.map((v) => v.inquiry)));
    for (const [j, { index }] of valid.entries()) outcomes[index] = written[j] as InquiryOutcome;
    return reply.code(200).send({ results: outcomes });
  });

  return app;
}

export const accessSubgraph: SubgraphModule = {
  name: 'access',
  typeDefs,
  migrations: migrationsIn(path.join(__dirname, 'migrations')),
  dataset: accessDataset,
  buildServer: buildAccessServer,
};
