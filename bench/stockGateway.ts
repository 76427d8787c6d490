import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { readFileSync } from 'node:fs';
import { CONTEXT_HEADER, ContextSigner, GRAPHQL_ROUTE, PUBLIC_CALLER } from '../shared/auth/context';
import { loadConfig } from '../shared/config';

/**
 * The benchmark's reference: the same supergraph served by stock `@apollo/gateway` in stock
 * `@apollo/server` (its standalone HTTP server), with no authorization, no normalization, no
 * limits, no inquiry records, no resilience, no metrics, no logging. `npm run bench` starts it in a
 * process of its own over the same subgraph processes as the project's gateway:
 * `tsx bench/stockGateway.ts --port 6002`.
 *
 * One addition, the minimum a subgraph needs to answer at all: subgraphs only trust a request
 * context the gateway signed (shared/auth/context.ts), so each fetch carries a context signed with
 * the configured context key for the public caller, for that subgraph and that body, as the
 * project's gateway does for a public request (gateway/dataSource.ts).
 */

class PublicContextDataSource extends RemoteGraphQLDataSource {
  constructor(
    url: string,
    private readonly subgraph: string,
    private readonly signer: ContextSigner,
  ) {
    super({ url });
  }

  override async willSendRequest({ request }: GraphQLDataSourceProcessOptions): Promise<void> {
    // RemoteGraphQLDataSource sends JSON.stringify(request without http): the context binds that body.
    const { http, ...body } = request;
    const context = await this.signer.sign(PUBLIC_CALLER, { audience: this.subgraph, route: GRAPHQL_ROUTE, body });
    http?.headers.set(CONTEXT_HEADER, context);
  }
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--port');
  const port = Number(i > 0 ? process.argv[i + 1] : NaN);
  if (!Number.isInteger(port) || port <= 0) {
    process.stderr.write('usage: tsx bench/stockGateway.ts --port <port>\n');
    process.exit(2);
  }
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const config = loadConfig(process.env);
  const { privateKeyPem, ttlSeconds } = config.auth.context;
  if (!privateKeyPem) throw new Error('no context key to sign with: set CG_CONTEXT_PRIVATE_KEY');
  const signer = new ContextSigner(privateKeyPem, ttlSeconds);
  const subgraphs = config.subgraphs as Record<string, { url: string }>;
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.gateway.supergraph.mode === 'file' ? config.gateway.supergraph.path : 'supergraph.graphql', 'utf8'),
    buildService: ({ name, url }) => new PublicContextDataSource(subgraphs[name]?.url ?? (url as string), name, signer),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port } });
  process.stdout.write(`stock @apollo/gateway ready at ${url}\n`);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
