import { referenceResolver, type ResolverMap } from '../../shared/subgraph/types';
import { badUserInput } from '../../shared/errors';
import { isNaturalPersonCode, requireSubjectCode } from '../../shared/identifiers';
import { encodeCursor, pageRequest, toConnection, type PageArgs } from '../../shared/pagination';
import { scalarResolvers } from '../../shared/scalars';
import { recordListResolver } from '../../shared/subgraph/visibility';
import type { Requirement } from '../../shared/policy/decide';
import { REGISTRY_LISTS, searchOrganizations, countOrganizations, type SubjectRow } from './store';
import type { RegistryContext } from './context';
import { lifeCycleResolvers, type CategoryOf } from '../../shared/ingest/resolvers';
import { mergeResolvers } from '../../shared/subgraph/merge';
import { recourseResolvers } from '../../shared/recourse';
import { summaryResolvers } from '../../shared/report/summary';
import { prefetchRecordFields, type PrefetchedFields } from '../../shared/subgraph/prefetch';
import { fieldDisclosure } from '../../shared/subgraph/disclosures';
import type { GraphQLResolveInfo } from 'graphql';

/** No organization's name is longer; a longer search cannot match and only costs the store. */
const SEARCH_QUERY_MAX = 100;
const SEARCH_CURSOR = [/^.{1,200}$/s, /^[0-9A-Z]{18}$/] as const;
/**
 * A search's `totalCount` counts matches up to this many (schema.graphql says so): counting all
 * 600,000 names that contain 有限公司 would cost what the page itself never does.
 */
export const SEARCH_COUNT_CAP = 10_000;

/** What seeing a subject at all requires: its identity (for a natural person, SHARED by the subject-type ceiling). */
const IDENTITY: Requirement = { category: 'registry.identity', level: 'PUBLIC', publicWhen: null };

/** The field a natural person's identity is disclosed as, whatever the answer selects of the subject. */
const IDENTITY_FIELD = 'Subject.code';

/**
 * A natural person the caller may not see answers exactly as an unknown code does: null, with no
 * error and nothing else about it (no oracle of who is in the registry). One the caller may see is
 * disclosed by being answered at all (an object rather than null, even for `__typename` alone): that
 * the person is registered is their identity, noted for the inquiry record here, where it is decided.
 */
function visible(row: SubjectRow | null | Error, context: RegistryContext): SubjectRow | null | Error {
  if (!row || row instanceof Error || !isNaturalPersonCode(row.code)) return row;
  const decision = context.request.decide(IDENTITY, row.code);
  if (!decision.allowed) return null;
  context.request.disclosures.add(fieldDisclosure(IDENTITY_FIELD, row.code, IDENTITY, decision));
  return row;
}

/** The listings and their summary, read with the subject's row (`shared/subgraph/prefetch.ts`). */
const PREFETCHED: PrefetchedFields = { type: 'Subject', lists: REGISTRY_LISTS, summaryField: 'listingSummary' };

export const registryResolvers: ResolverMap<RegistryContext> = {
  ...scalarResolvers,
  Query: {
    subject: async (_root, args: { code: string }, context, info) => {
      const code = requireSubjectCode(args.code, 'code');
      prefetchRecordFields(info, [code], context, PREFETCHED);
      return visible(await context.subject(code), context);
    },
    subjects: async (_root, args: { codes: string[] }, context, info) => {
      const max = context.limits.subjectsBatchMax;
      if (args.codes.length > max) {
        throw badUserInput(`At most ${max} codes per request, got ${args.codes.length}`, { argumentName: 'codes' });
      }
      const codes = args.codes.map((code, i) => requireSubjectCode(code, `codes[${i}]`));
      prefetchRecordFields(info, codes, context, PREFETCHED);
      return (await Promise.all(codes.map((code) => context.subject(code)))).map((row) => visible(row, context));
    },
    searchOrganizations: async (_root, args: { query: string } & PageArgs, context) => {
      const query = args.query.trim();
      if ([...query].length < 2) {
        throw badUserInput('`query` must have at least two characters', { argumentName: 'query' });
      }
      if ([...query].length > SEARCH_QUERY_MAX) {
        throw badUserInput(`\`query\` must have at most ${SEARCH_QUERY_MAX} characters`, { argumentName: 'query' });
      }
      const page = pageRequest(args, context.limits, SEARCH_CURSOR);
      const after = page.after ? ([page.after[0], page.after[1]] as [string, string]) : null;
      const rows = await searchOrganizations(context.db, query, page.first + 1, after);
      return toConnection(rows, page.first, (row) => encodeCursor([row.name, row.code]), () =>
        countOrganizations(context.db, query, SEARCH_COUNT_CAP),
      );
    },
  },
  Subject: {
    __resolveReference: referenceResolver(async (reference: { code: string }, context: RegistryContext, info: GraphQLResolveInfo) => {
      prefetchRecordFields(info, [reference.code], context, PREFETCHED);
      return visible(await context.subject(reference.code), context);
    }),
    codeType: (s: SubjectRow) => s.code_type,
    establishedOn: (s: SubjectRow) => s.established_on,
    registeredCapital: (s: SubjectRow) => s.registered_capital,
    region: (s: SubjectRow) => ({ code: s.division_code, name: s.region_name }),
    registrationAuthority: (s: SubjectRow) => s.registration_authority,
    legalRepresentative: (s: SubjectRow) => (s.legal_rep_name ? { name: s.legal_rep_name } : null),
    abnormalOperationListings: recordListResolver(REGISTRY_LISTS.abnormalOperationListings, (s: SubjectRow) => s.code),
    seriousIllegalListings: recordListResolver(REGISTRY_LISTS.seriousIllegalListings, (s: SubjectRow) => s.code),
  },
};

/** The registry's notices: those of its listings, on the subject itself (`Subject.listingNotices`). */
export const REGISTRY_NOTICES = { field: 'listingNotices', subjectOf: (subject: SubjectRow) => subject.code } as const;

/** The recourse against listings hangs on `Subject` too: `Subject.listingObjections`, ... */
export const REGISTRY_RECOURSE = { fieldPrefix: 'listing', subjectOf: (subject: SubjectRow) => subject.code } as const;

/** The listings' summary on a credit report hangs on `Subject` too: `Subject.listingSummary`. */
export const REGISTRY_SUMMARY = { field: 'listingSummary', subjectOf: (subject: SubjectRow) => subject.code } as const;

/**
 * The registry's resolvers, with its listings' life cycle generated from `REGISTRY_LISTS` like a
 * sector's and merged in type by type: `history` on each listing, `submit…` and
 * `withdrawRegistryRecords`, and `Subject.listingNotices`.
 */
export function registryResolversWith(categoryOf: CategoryOf): ResolverMap<RegistryContext> {
  return mergeResolvers(
    registryResolvers,
    lifeCycleResolvers('registry', 'Subject', REGISTRY_LISTS, categoryOf, REGISTRY_NOTICES),
    recourseResolvers('registry', 'Subject', REGISTRY_LISTS, categoryOf, REGISTRY_RECOURSE),
    summaryResolvers('Subject', REGISTRY_LISTS, REGISTRY_SUMMARY),
  ) as ResolverMap<RegistryContext>;
}
