import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo from '@as-integrations/fastify';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { ResolverMap } from './types';
import type { DocumentNode } from 'graphql';
import type { FastifyInstance } from 'fastify';
import { maskFormattedError } from '../masking';
import { subgraphHttp, errorLoggerOf, resolverContext } from './http';
import { enforceClassification } from './enforce';
import { warmRecordKey } from '../records';
import { DISCLOSURES_EXTENSION } from './disclosures';
import { fieldRequirements, type ResolverContext } from './request';
import type { SubgraphDeps } from './types';

/** What a subgraph is to either runtime (Apollo here, Mercurius in mercurius.ts): a sector chooses its runtime and nothing else changes. */
export interface SubgraphOptions<Loaders extends object> {
  readonly name: string;
  readonly typeDefs: DocumentNode;
  readonly resolvers: ResolverMap<ResolverContext<Loaders>>;
  /** Builds the per-request loaders: fresh DataLoaders for every request. The runtime adds the request. */
  readonly context: () => Loaders;
}

/** A subgraph on Apollo Server + `@apollo/subgraph`, served by Fastify at `/graphql`. */
export async function buildApolloSubgraph<Loaders extends object>(deps: SubgraphDeps, options: SubgraphOptions<Loaders>): Promise<FastifyInstance> {
  await warmRecordKey(deps.store.db);
  const requirements = fieldRequirements(options.typeDefs);
  const app = subgraphHttp(options.name, deps, requirements);
  const errorLogger = errorLoggerOf(app);
  const apollo = new ApolloServer<ResolverContext<Loaders>>({
    schema: enforceClassification(
      buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as ResolverMap<unknown> }),
      requirements,
    ),
    includeStacktraceInErrorResponses: false,
    // The process entry point owns SIGINT/SIGTERM and closes Fastify, which stops Apollo; Apollo's own
    // signal handlers would race it and re-raise the signal into a process that is already closing.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => maskFormattedError(formatted, error, errorLogger),
    plugins: [
      // Apollo's performance guidance: no per-request inline tracing in subgraphs.
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints: a subgraph's answers depend on the caller and are never cached, and the cache
      // control plugin would otherwise be called for every field of every record it returns.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      {
        // What was disclosed above PUBLIC goes back to the gateway, for the request's inquiry record.
        async requestDidStart() {
          return {
            async willSendResponse({ response, contextValue }) {
              const disclosures = contextValue.request.disclosures.list();
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
  await app.register(fastifyApollo(apollo), { context: async (request) => resolverContext(request, options.context) });
  // Fastify drains its own connections on close; Apollo only has to stop after it (Apollo's drain
  // plugin would call fastify.close() from inside this hook and never return).
  app.addHook('onClose', async () => {
    await apollo.stop();
  });
  return app;
}
