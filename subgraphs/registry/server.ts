import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApolloSubgraph } from '../../shared/subgraph/apollo';
import { subgraphTypeDefs } from '../../shared/subgraph/sdl';
import { listPlacements } from '../../shared/subgraph/sector';
import { REGISTRY_LISTS } from './store';
import type { SubgraphDeps, SubgraphModule } from '../../shared/subgraph/types';
import { registryResolvers } from './resolvers';
import { createRegistryContext } from './context';
import { migrationsIn } from '../../shared/migrations/folder';
import { CREATE_RECORD_KEY_V1 } from '../../shared/migrations/v1';
import { recordLifeCycleV2 } from '../../shared/migrations/v2';
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
  migrations: [...migrationsIn(path.join(__dirname, 'migrations')), CREATE_RECORD_KEY_V1, recordLifeCycleV2(Object.values(REGISTRY_LISTS).map((l) => l.table))],
  dataset: registryDataset,
  buildServer: buildRegistryServer,
};
