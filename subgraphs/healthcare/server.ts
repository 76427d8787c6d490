import type { FastifyInstance } from 'fastify';
import { buildApolloSubgraph } from '../../shared/subgraph/apollo';
import { subgraphTypeDefs } from '../../shared/subgraph/sdl';
import type { SubgraphDeps, SubgraphModule } from '../../shared/subgraph/types';
import { healthcareResolvers } from './resolvers';
import { createHealthcareContext } from './loaders';
import { migrations } from './migrations';
import { healthcareDataset } from './fixtures';

export function buildHealthcareServer(deps: SubgraphDeps): Promise<FastifyInstance> {
  return buildApolloSubgraph(deps, {
    name: 'healthcare',
    typeDefs: subgraphTypeDefs(__dirname),
    resolvers: healthcareResolvers,
    context: () => createHealthcareContext(deps.store.db, deps.limits),
  });
}

export const healthcareSubgraph: SubgraphModule = {
  name: 'healthcare',
  migrations,
  dataset: healthcareDataset,
  buildServer: buildHealthcareServer,
};
