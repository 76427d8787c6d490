import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo from '@as-integrations/fastify';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import type { FastifyInstance } from 'fastify';
import { maskFormattedError } from '../masking';
import { subgraphHttp, errorLoggerOf } from './http';
import { enforceClassification } from './enforce';
import { warmRecordKey } from '../records';
import { Disclosures, DISCLOSURES_EXTENSION } from './disclosures';
import type { SubgraphDeps } from './types';

export interface ApolloSubgraphOptions<Context extends BaseContext> {
  readonly name: string;
  readonly typeDefs: DocumentNode;
  readonly resolvers: GraphQLResolverMap<Context>;
  /** Builds the per-request context: fresh DataLoaders for every request. */
  readonly context: () => Context;
}

/** A subgraph on Apollo Server + `@apollo/subgraph`, served by Fastify at `/graphql`. */
export async function buildApolloSubgraph<Context extends BaseContext>(
  deps: SubgraphDeps,
  options: ApolloSubgraphOptions<Context>,
): Promise<FastifyInstance> {
  await warmRecordKey(deps.store.db);
  const app = subgraphHttp(options.name, deps);
  const errorLogger = errorLoggerOf(app);
  const apollo = new ApolloServer<Context>({
    schema: enforceClassification(
      buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> }),
      options.typeDefs,
    ),
    includeStacktraceInErrorResponses: false,
    // The process entry point owns SIGINT/SIGTERM and closes Fastify, which stops Apollo; Apollo's own
    // signal handlers would race it and re-raise the signal into a process that is already closing.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => maskFormattedError(formatted, error, errorLogger),
    plugins: [
      // Apollo's performance guidance: no per-request inline tracing in subgraphs.
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      {
        // What was disclosed above PUBLIC goes back to the gateway, for the request's inquiry record.
        async requestDidStart() {
          return {
            async willSendResponse({ response, contextValue }) {
              const disclosures = (contextValue as { disclosures?: Disclosures }).disclosures?.list() ?? [];
              if (disclosures.length === 0 || response.body.kind !== 'single') return;
              const result = response.body.singleResult;
              result.extensions = { ...result.extensions, [DISCLOSURES_EXTENSION]: disclosures };
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  await app.register(fastifyApollo(apollo), {
    context: async (request) => ({ ...options.context(), forwarded: request.forwarded, disclosures: new Disclosures() }),
  });
  // Fastify drains its own connections on close; Apollo only has to stop after it (Apollo's drain
  // plugin would call fastify.close() from inside this hook and never return).
  app.addHook('onClose', async () => {
    await apollo.stop();
  });
  return app;
}
