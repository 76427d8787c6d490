import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { scalarResolvers } from '../../shared/scalars';
import { sectorProfileResolvers } from '../../shared/subgraph/sector';
import { CONSTRUCTION_LISTS } from './store';
import type { ConstructionContext } from './loaders';

export const constructionResolvers: GraphQLResolverMap<ConstructionContext> = {
  ...scalarResolvers,
  ...sectorProfileResolvers('construction', 'ConstructionProfile', CONSTRUCTION_LISTS),
};
