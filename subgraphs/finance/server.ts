import type { FastifyInstance } from 'fastify';
import { buildApolloSubgraph } from '../../shared/subgraph/apollo';
import { subgraphTypeDefs } from '../../shared/subgraph/sdl';
import type { SubgraphDeps, SubgraphModule } from '../../shared/subgraph/types';
import { financeResolvers } from './resolvers';
import { createFinanceContext } from './loaders';
import { migrations } from './migrations';
import { financeDataset } from './fixtures';

export function buildFinanceServer(deps: SubgraphDeps): Promise<FastifyInstance> {
  return buildApolloSubgraph(deps, {
    name: 'finance',
    typeDefs: subgraphTypeDefs(__dirname),
    resolvers: financeResolvers,
    context: () => createFinanceContext(deps.store.db, deps.limits),
  });
}

export const financeSubgraph: SubgraphModule = {
  name: 'finance',
  migrations,
  dataset: financeDataset,
  buildServer: buildFinanceServer,
};
