import type { FastifyInstance } from 'fastify';
import { buildApolloSubgraph } from '../../shared/subgraph/apollo';
import { contextVerifierFor, refuseUnauthenticated } from '../../shared/subgraph/http';
import { subgraphTypeDefs } from '../../shared/subgraph/sdl';
import { readDisclosures } from '../../shared/subgraph/disclosures';
import { checkSubjectCode } from '../../shared/identifiers';
import type { SubgraphDeps, SubgraphModule } from '../../shared/subgraph/types';
import { accessResolvers } from './resolvers';
import { createAccessContext } from './loaders';
import { migrations } from './migrations';
import { accessDataset } from './fixtures';
import { insertInquiries, subjectGrants, type NewInquiry } from './store';
import { INQUIRY_RECORD_USE, SUBJECT_GRANTS_ROUTE, INQUIRY_RECORDS_ROUTE } from '../../shared/auth/context';
import { AuthenticationError } from '../../shared/auth/tokens';

/** At most this many subjects per grants lookup: the gateway asks per request, a batch is 100 subjects. */
export const GRANTS_LOOKUP_MAX = 1_000;
/** At most this many inquiry records per call. */
export const INQUIRY_BATCH_MAX = 500;

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
    typeDefs: subgraphTypeDefs(__dirname),
    resolvers: accessResolvers,
    context: () => createAccessContext(deps.store.db, deps.limits),
  });

  // Each record's context is signed for that record's disclosures (see INQUIRY_RECORD_USE).
  const recordContexts = contextVerifierFor('access', deps);

  app.post(SUBJECT_GRANTS_ROUTE, async (request, reply) => {
    const forwarded = request.forwarded;
    const subjects = (request.body as { subjects?: unknown } | null)?.subjects;
    if (!Array.isArray(subjects) || subjects.length > GRANTS_LOOKUP_MAX || !subjects.every((s) => typeof s === 'string')) {
      return reply.code(400).send(badRequest(`\`subjects\` must be a list of at most ${GRANTS_LOOKUP_MAX} subject codes`));
    }
    const codes = [...new Set(subjects as string[])].filter((code) => checkSubjectCode(code).ok);
    const organization = forwarded?.principal.organization;
    const purpose = forwarded?.purpose;
    if (!organization || !purpose || codes.length === 0) return { subjects: {} };
    return { subjects: await subjectGrants(deps.store.db, organization, purpose, codes) };
  });

  // One call may carry the records of several requests (the gateway's group commit). Each record
  // names who asked by that request's own signed context, never by anything else in the body.
  app.post(INQUIRY_RECORDS_ROUTE, async (request, reply) => {
    const records = (request.body as { records?: unknown } | null)?.records;
    if (!Array.isArray(records) || records.length === 0 || records.length > INQUIRY_BATCH_MAX) {
      return reply.code(400).send(badRequest(`\`records\` must be a list of 1 to ${INQUIRY_BATCH_MAX} inquiry records`));
    }
    const inquiries: NewInquiry[] = [];
    for (const [i, record] of records.entries()) {
      const { context, disclosures: raw } = (record ?? {}) as { context?: unknown; disclosures?: unknown };
      const disclosures = readDisclosures(raw);
      if (!Array.isArray(raw) || disclosures.length === 0 || disclosures.length !== raw.length) {
        return reply.code(400).send(badRequest(`records[${i}].disclosures must be a non-empty list of disclosures`));
      }
      let forwarded;
      try {
        const verified = await recordContexts.verify(typeof context === 'string' ? context : undefined, INQUIRY_RECORD_USE);
        recordContexts.checkBody(verified, raw);
        forwarded = verified.context;
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        return refuseUnauthenticated(reply, `records[${i}]: ${error.message}`);
      }
      const { principal } = forwarded;
      inquiries.push({
        requestId: forwarded.requestId,
        principalKind: principal.kind,
        organization: principal.organization,
        staff: principal.staff,
        purpose: forwarded.purpose,
        disclosures,
      });
    }
    return reply.code(201).send({ ids: await insertInquiries(deps.store.db, inquiries) });
  });

  return app;
}

export const accessSubgraph: SubgraphModule = {
  name: 'access',
  migrations,
  dataset: accessDataset,
  buildServer: buildAccessServer,
};
