import type { FastifyInstance } from 'fastify';
import { buildApolloSubgraph } from '../../shared/subgraph/apollo';
import { subgraphTypeDefs } from '../../shared/subgraph/sdl';
import { listPlacements } from '../../shared/subgraph/sector';
import { REGISTRY_LISTS } from './store';
import type { SubgraphDeps, SubgraphModule } from '../../shared/subgraph/types';
import { registryResolvers } from './resolvers';
import { createRegistryContext } from './context';
import { migrations } from './migrations';
import { registryDataset } from './dataset';

/** The registry's SDL: its listings' public-rows rules are declared with the lists (`store.ts`). */
const typeDefs = subgraphTypeDefs(__dirname, listPlacements('Subject', REGISTRY_LISTS));

export function buildRegistryServer(deps: SubgraphDeps): Promise<FastifyInstance> {
  return buildApolloSubgraph(deps, {
    name: 'registry',
    typeDefs,
    resolvers: registryResolvers,
    context: () => createRegistryContext(deps.store.db, deps.limits),
  });
}

export const registrySubgraph: SubgraphModule = {
  name: 'registry',
  typeDefs,
  migrations,
  dataset: registryDataset,
  buildServer: buildRegistryServer,
};
