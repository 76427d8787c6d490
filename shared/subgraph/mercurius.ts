import type { FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import { mercuriusFederationPlugin } from '@mercuriusjs/federation';
import { print, type GraphQLFormattedError } from 'graphql';
import { enforceClassification } from './enforce';
import { warmRecordKey } from '../records';
import { DISCLOSURES_EXTENSION } from './disclosures';
import { maskFormattedError } from '../masking';
import { subgraphHttp, errorLoggerOf, resolverContext } from './http';
import { fieldRequirements } from './request';
import type { SubgraphDeps } from './types';
import type { SubgraphOptions } from './apollo';

/**
 * A subgraph on Fastify + Mercurius (`@mercuriusjs/federation`), served at `/graphql`, with the same
 * options, verification, enforcement and disclosures as `buildApolloSubgraph`: a sector chooses its
 * runtime and nothing else changes.
 */
export async function buildMercuriusSubgraph<Loaders extends object>(deps: SubgraphDeps, options: SubgraphOptions<Loaders>): Promise<FastifyInstance> {
  await warmRecordKey(deps.store.db);
  const requirements = fieldRequirements(options.typeDefs);
  const app = subgraphHttp(options.name, deps, requirements);
  const errorLogger = errorLoggerOf(app);
  // Mercurius's response schema declares error paths as strings, so ["_entities", 0] would leave as
  // ["_entities", "0"], and the gateway maps entity errors back to their place only by numeric index.
  // Plain JSON keeps list indexes numbers.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/graphql')) {
      reply.type('application/json; charset=utf-8').serializer((payload: unknown) => JSON.stringify(payload));
    }
  });
  await app.register(mercuriusFederationPlugin, {
    schema: print(options.typeDefs),
    resolvers: options.resolvers as never,
    context: (request) => resolverContext(request, options.context),
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
    const disclosures = context.reply.request.subgraphRequest?.disclosures.list() ?? [];
    if (disclosures.length > 0) execution.extensions = { ...execution.extensions, [DISCLOSURES_EXTENSION]: disclosures };
  });
  // Mercurius assigns resolvers while it builds the schema; enforcement wraps them afterwards, in place.
  enforceClassification(app.graphql.schema, requirements);
  return app;
}
