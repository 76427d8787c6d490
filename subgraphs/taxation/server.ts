import type { FastifyInstance } from 'fastify';
import { buildApolloSubgraph } from '../../shared/subgraph/apollo';
import { subgraphTypeDefs } from '../../shared/subgraph/sdl';
import type { SubgraphDeps, SubgraphModule } from '../../shared/subgraph/types';
import { taxationResolvers } from './resolvers';
import { createTaxationContext } from './loaders';
import { migrations } from './migrations';
import { taxationDataset } from './fixtures';

export function buildTaxationServer(deps: SubgraphDeps): Promise<FastifyInstance> {
  return buildApolloSubgraph(deps, {
    name: 'taxation',
    typeDefs: subgraphTypeDefs(__dirname),
    resolvers: taxationResolvers,
    context: () => createTaxationContext(deps.store.db, deps.limits),
  });
}

export const taxationSubgraph: SubgraphModule = {
  name: 'taxation',
  migrations,
  dataset: taxationDataset,
  buildServer: buildTaxationServer,
};
