import type { FastifyInstance } from 'fastify';
import { buildMercuriusSubgraph } from '../../shared/subgraph/mercurius';
import { subgraphTypeDefs } from '../../shared/subgraph/sdl';
import type { SubgraphDeps, SubgraphModule } from '../../shared/subgraph/types';
import { ecommerceResolvers } from './resolvers';
import { createEcommerceContext } from './loaders';
import { migrations } from './migrations';
import { ecommerceDataset } from './fixtures';

/**
 * The e-commerce subgraph runs on Fastify + Mercurius (not Apollo Server), to keep the graph honest
 * about composing subgraphs from different servers. Its SDL, store and loaders follow the same shape
 * as every other sector.
 */
export function buildEcommerceServer(deps: SubgraphDeps): Promise<FastifyInstance> {
  return buildMercuriusSubgraph(deps, {
    name: 'ecommerce',
    typeDefs: subgraphTypeDefs(__dirname),
    resolvers: ecommerceResolvers as never,
    context: () => createEcommerceContext(deps.store.db, deps.limits),
  });
}

export const ecommerceSubgraph: SubgraphModule = {
  name: 'ecommerce',
  migrations,
  dataset: ecommerceDataset,
  buildServer: buildEcommerceServer,
};
