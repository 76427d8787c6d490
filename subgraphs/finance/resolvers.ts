import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { scalarResolvers } from '../../shared/scalars';
import { sectorProfileResolvers } from '../../shared/subgraph/sector';
import { FINANCE_LISTS } from './store';
import type { FinanceContext } from './loaders';

export const financeResolvers: GraphQLResolverMap<FinanceContext> = {
  ...scalarResolvers,
  ...sectorProfileResolvers('finance', 'FinanceProfile', FINANCE_LISTS, {
    summary: (profile, _args, context) => context.summaries.load(profile.subjectCode),
  }),
};
