import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { badUserInput } from '../../shared/errors';
import { requireSubjectCode } from '../../shared/identifiers';
import { encodeCursor, pageRequest, toConnection, type PageArgs } from '../../shared/pagination';
import { scalarResolvers } from '../../shared/scalars';
import { visibilityFor } from '../../shared/subgraph/visibility';
import type { GraphQLResolveInfo } from 'graphql';
import { REGISTRY_LISTS, searchOrganizations, countOrganizations, type SubjectRow } from './store';
import type { RegistryContext } from './loaders';

/** No organization's name is longer; a longer search cannot match and only costs the store. */
const SEARCH_QUERY_MAX = 100;
const SEARCH_CURSOR = [/^.{1,200}$/s, /^[0-9A-Z]{18}$/] as const;

export const registryResolvers: GraphQLResolverMap<RegistryContext> = {
  ...scalarResolvers,
  Query: {
    subject: (_root, args: { code: string }, context) => context.subjects.load(requireSubjectCode(args.code, 'code')),
    subjects: (_root, args: { codes: string[] }, context) => {
      const max = context.limits.subjectsBatchMax;
      if (args.codes.length > max) {
        throw badUserInput(`At most ${max} codes per request, got ${args.codes.length}`, { argumentName: 'codes' });
      }
      const codes = args.codes.map((code, i) => requireSubjectCode(code, `codes[${i}]`));
      return context.subjects.loadMany(codes);
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
      for (const row of rows) context.subjects.prime(row.code, row);
      return toConnection(rows, page.first, (row) => encodeCursor([row.name, row.code]), () =>
        countOrganizations(context.db, query),
      );
    },
  },
  Subject: {
    __resolveReference: (reference: { code: string }, context: RegistryContext) => context.subjects.load(reference.code),
    codeType: (s: SubjectRow) => s.code_type,
    establishedOn: (s: SubjectRow) => s.established_on,
    registeredCapital: (s: SubjectRow) => s.registered_capital,
    region: (s: SubjectRow) => ({ code: s.division_code, name: s.region_name }),
    registrationAuthority: (s: SubjectRow) => s.registration_authority,
    legalRepresentative: (s: SubjectRow) => (s.legal_rep_name ? { name: s.legal_rep_name } : null),
    abnormalOperationListings: (s: SubjectRow, args: PageArgs, context: RegistryContext, info: GraphQLResolveInfo) =>
      context.records.page(REGISTRY_LISTS.abnormalOperationListings, s.code, args, visibilityFor(info, context.forwarded, s.code)),
    seriousIllegalListings: (s: SubjectRow, args: PageArgs, context: RegistryContext, info: GraphQLResolveInfo) =>
      context.records.page(REGISTRY_LISTS.seriousIllegalListings, s.code, args, visibilityFor(info, context.forwarded, s.code)),
  },
};
