import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config, SubgraphName } from '../config';
import { graphqlShapedHttpErrors } from '../http';
import { exposition } from '../metrics';
import { subgraphMetricsOf } from './metrics';

/**
 * A subgraph's ops listener: `GET /metrics` (its Prometheus exposition) on `CG_SUBGRAPH_OPS_HOST` and
 * `CG_<SUBGRAPH>_OPS_PORT`, never on the graph port, which answers the gateway only.
 */
export function subgraphOps(app: FastifyInstance): FastifyInstance {
  const ops = Fastify({ logger: false, bodyLimit: 1_024 });
  graphqlShapedHttpErrors(ops);
  const metrics = subgraphMetricsOf(app);
  ops.get('/metrics', async (_request, reply) => {
    const { contentType, body } = await exposition(metrics.registry);
    return reply.type(contentType).send(body);
  });
  return ops;
}

/**
 * Serves the ops listener of the subgraph server `app` (closed with it). Returns false, having logged
 * why, when it cannot listen: the process should not run without it.
 */
export async function serveSubgraphOps(name: SubgraphName, app: FastifyInstance, config: Config, logger: FastifyBaseLogger): Promise<boolean> {
  const { host, port } = config.subgraphOps[name];
  const ops = subgraphOps(app);
  app.addHook('onClose', async () => {
    await ops.close();
  });
  try {
    await ops.listen({ host, port });
  } catch (error) {
    logger.fatal(`cannot listen for ops (CG_${name.toUpperCase()}_OPS_PORT) on ${host}:${port}: ${(error as Error).message}`);
    return false;
  }
  logger.info(`${name} metrics at http://${host}:${port}/metrics`);
  return true;
}
