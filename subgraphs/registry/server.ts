import type { FastifyInstance } from 'fastify';
import { buildApolloSubgraph } from '../../shared/subgraph/apollo';
import { subgraphTypeDefs } from '../../shared/subgraph/sdl';
import type { SubgraphDeps, SubgraphModule } from '../../shared/subgraph/types';
import { registryResolvers } from './resolvers';
import { createRegistryContext } from './loaders';
import { migrations } from './migrations';
import { registryDataset } from './fixtures';

export function buildRegistryServer(deps: SubgraphDeps): Promise<FastifyInstance> {
  return buildApolloSubgraph(deps, {
    name: 'registry',
    typeDefs: subgraphTypeDefs(__dirname),
    resolvers: registryResolvers,
    context: () => createRegistryContext(deps.store.db, deps.limits),
  });
}

export const registrySubgraph: SubgraphModule = {
  name: 'registry',
  migrations,
  dataset: registryDataset,
  buildServer: buildRegistryServer,
};
