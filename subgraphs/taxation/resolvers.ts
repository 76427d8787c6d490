import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { scalarResolvers } from '../../shared/scalars';
import { sectorProfileResolvers } from '../../shared/subgraph/sector';
import { visibilityFor } from '../../shared/subgraph/visibility';
import { TAXATION_LISTS } from './store';
import type { TaxationContext } from './loaders';

export const taxationResolvers: GraphQLResolverMap<TaxationContext> = {
  ...scalarResolvers,
  ...sectorProfileResolvers('taxation', 'TaxationProfile', TAXATION_LISTS, {
    latestGrade: (profile, _args, context, info) => context.latestGrades[visibilityFor(info, context.request, profile.subjectCode)].load(profile.subjectCode),
  }),
};
