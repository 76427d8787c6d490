import type { FastifyInstance } from 'fastify';
import { buildApolloSubgraph } from '../../shared/subgraph/apollo';
import { subgraphTypeDefs } from '../../shared/subgraph/sdl';
import type { SubgraphDeps, SubgraphModule } from '../../shared/subgraph/types';
import { constructionResolvers } from './resolvers';
import { createConstructionContext } from './loaders';
import { migrations } from './migrations';
import { constructionDataset } from './fixtures';

export function buildConstructionServer(deps: SubgraphDeps): Promise<FastifyInstance> {
  return buildApolloSubgraph(deps, {
    name: 'construction',
    typeDefs: subgraphTypeDefs(__dirname),
    resolvers: constructionResolvers,
    context: () => createConstructionContext(deps.store.db, deps.limits),
  });
}

export const constructionSubgraph: SubgraphModule = {
  name: 'construction',
  migrations,
  dataset: constructionDataset,
  buildServer: buildConstructionServer,
};
