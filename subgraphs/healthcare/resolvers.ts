import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { scalarResolvers } from '../../shared/scalars';
import { sectorProfileResolvers } from '../../shared/subgraph/sector';
import { HEALTHCARE_LISTS } from './store';
import type { HealthcareContext } from './loaders';

export const healthcareResolvers: GraphQLResolverMap<HealthcareContext> = {
  ...scalarResolvers,
  ...sectorProfileResolvers('healthcare', 'HealthcareProfile', HEALTHCARE_LISTS),
};
