import type { FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import { mercuriusFederationPlugin } from '@mercuriusjs/federation';
import { parse, type GraphQLFormattedError } from 'graphql';
import { enforceClassification } from '../../shared/subgraph/enforce';
import { warmRecordKey } from '../../shared/records';
import { Disclosures, DISCLOSURES_EXTENSION } from '../../shared/subgraph/disclosures';
import { maskFormattedError } from '../../shared/masking';
import { subgraphSdl } from '../../shared/subgraph/sdl';
import { subgraphHttp, errorLoggerOf } from '../../shared/subgraph/http';
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
export async function buildEcommerceServer(deps: SubgraphDeps): Promise<FastifyInstance> {
  await warmRecordKey(deps.store.db);
  const app = subgraphHttp('ecommerce', deps);
  const errorLogger = errorLoggerOf(app);
  // Mercurius's response schema declares error paths as strings, so ["_entities", 0] would leave as
  // ["_entities", "0"], and the gateway maps entity errors back to their place only by numeric index.
  // Plain JSON keeps list indexes numbers.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/graphql')) {
      reply.type('application/json; charset=utf-8').serializer((payload: unknown) => JSON.stringify(payload));
    }
  });
  const sdl = subgraphSdl(__dirname);
  await app.register(mercuriusFederationPlugin, {
    schema: sdl,
    resolvers: ecommerceResolvers as never,
    context: (request) => ({ ...createEcommerceContext(deps.store.db, deps.limits), forwarded: request.forwarded, disclosures: new Disclosures() }),
    path: '/graphql',
    graphiql: false,
    errorFormatter: (execution, context) => {
      const formatted = mercurius.defaultErrorFormatter(execution, context);
      // Mercurius reports parse and validation failures with status 400 and no code of their own.
      const fallbackCode = formatted.statusCode === 400 ? 'GRAPHQL_VALIDATION_FAILED' : undefined;
      const errors = (formatted.response.errors ?? []).map((error: GraphQLFormattedError) =>
        maskFormattedError(
          error.extensions?.code || !fallbackCode ? error : { ...error, extensions: { ...error.extensions, code: fallbackCode } },
          error,
          errorLogger,
        ),
      );
      return { ...formatted, response: { ...formatted.response, errors } };
    },
  });
  // What was disclosed above PUBLIC goes back to the gateway, for the request's inquiry record.
  app.graphql.addHook('onResolution', async (execution, context) => {
    const disclosures = (context as unknown as { disclosures?: Disclosures }).disclosures?.list() ?? [];
    if (disclosures.length > 0) execution.extensions = { ...execution.extensions, [DISCLOSURES_EXTENSION]: disclosures };
  });
  // Mercurius assigns resolvers while it builds the schema; enforcement wraps them afterwards, in place.
  enforceClassification(app.graphql.schema, parse(sdl));
  return app;
}

export const ecommerceSubgraph: SubgraphModule = {
  name: 'ecommerce',
  migrations,
  dataset: ecommerceDataset,
  buildServer: buildEcommerceServer,
};
