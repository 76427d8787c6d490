import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { isAbstractType, type DocumentNode, type GraphQLFieldResolver } from 'graphql';
import http from 'node:http';
import { loadConfig } from '../shared/config';
import { isSubgraphName, SUBGRAPH_MODULES, type SubgraphName } from '../subgraphs';

/**
 * The benchmark's floor (`npm run bench -- --floor ...`): one subgraph's schema on stock Apollo Server
 * (Node's own HTTP server, no framework), answering every operation from data it recorded, with no
 * store, no verification of the request context, no classification and no metrics. Stock
 * `@apollo/gateway` over one of these per subgraph is what the same query plans and the same answers
 * cost before any work is done: the least any gateway and subgraphs built on these libraries can
 * spend on this machine.
 *
 * The first fetch of each operation text goes on to the real subgraph (with the gateway's headers, so
 * its signed context still holds) and its `data` is kept; from then on, every fetch of that text is
 * executed by graphql-js against the kept data: every field resolved, every scalar serialized, as a
 * subgraph does. The kept answer is of the first subjects asked for; `_entities` answers as many
 * entities as it is given representations and a root list as many items as its list argument (the
 * kept ones in turn), so a batch stays a batch of its size.
 *
 *   tsx bench/floorSubgraph.ts --subgraph finance --port 6031    (upstream: the configured finance URL)
 */

type Json = Record<string, unknown>;

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/**
 * Each field from the kept data by its response key (aliases included), as the subgraph wrote it; a
 * root list asked for by one list argument (`subjects(codes:)`) has as many items as the argument (the
 * kept ones in turn), as `_entities` has as many as its representations.
 */
const fromKept: GraphQLFieldResolver<unknown, unknown> = (source, args: Record<string, unknown>, _context, info) => {
  const value: unknown = (source as Json | null)?.[info.path.key as string];
  if (Array.isArray(value) && value.length > 0 && info.parentType === info.schema.getQueryType()) {
    const items = value as unknown[];
    const lists = Object.values(args).filter((arg): arg is unknown[] => Array.isArray(arg));
    if (lists.length === 1) return (lists[0] as unknown[]).map((_item, i): unknown => items[i % items.length]);
  }
  return value;
};

/** A floor subgraph: its HTTP server (not yet listening) and how many fetches went on to the real subgraph. */
export interface FloorSubgraph {
  readonly server: http.Server;
  readonly upstreamCalls: () => number;
  readonly stop: () => Promise<void>;
}

/** The floor subgraph of `name`, passing first fetches on to `upstream` (through `fetcher`: Node's fetch by default). */
export async function floorSubgraph(name: SubgraphName, upstream: string, fetcher: typeof fetch = fetch): Promise<FloorSubgraph> {
  const kept = new Map<string, Json>();
  let upstreamCalls = 0;
  const schema = buildSubgraphSchema({ typeDefs: SUBGRAPH_MODULES[name].typeDefs });
  for (const type of Object.values(schema.getTypeMap())) {
    if (isAbstractType(type)) type.resolveType = (value) => (value as Json).__typename as string;
  }
  const entities = schema.getQueryType()?.getFields()._entities;
  if (entities) {
    entities.resolve = (root, args: { representations: Json[] }) => {
      const answers = ((root as Json | null)?._entities as Json[] | undefined) ?? [];
      return args.representations.map((representation, i) => (answers.length === 0 ? null : { ...answers[i % answers.length], __typename: representation.__typename }));
    };
  }
  const apollo = new ApolloServer({
    schema,
    rootValue: (document: DocumentNode) => kept.get(document.loc?.source.body ?? ''),
    fieldResolver: fromKept,
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  const server = http.createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/health') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const body = JSON.parse(text) as { query?: string };
        const query = body.query ?? '';
        if (!kept.has(query)) {
          upstreamCalls += 1;
          const headers = Object.fromEntries(Object.entries(request.headers).filter(([key]) => !['host', 'connection', 'content-length'].includes(key))) as Record<string, string>;
          const answer = (await (await fetcher(upstream, { method: 'POST', headers, body: text })).json()) as { data?: Json };
          if (answer.data) kept.set(query, answer.data);
        }
        const headers = new HeaderMap();
        for (const [key, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(key, value);
        const result = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: request.method ?? 'POST', headers, search: '', body },
          context: async () => ({}),
        });
        const outHeaders: Record<string, string> = {};
        for (const [key, value] of result.headers) outHeaders[key] = value;
        response.writeHead(result.status ?? 200, outHeaders);
        if (result.body.kind === 'complete') response.end(result.body.string);
        else {
          for await (const chunk of result.body.asyncIterator) response.write(chunk);
          response.end();
        }
      })().catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' }).end(String((error as Error).message ?? error));
      });
    });
  });
  return {
    server,
    upstreamCalls: () => upstreamCalls,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}

async function main(): Promise<void> {
  const name = argument('subgraph');
  const port = Number(argument('port'));
  if (!name || !isSubgraphName(name) || !Number.isInteger(port) || port <= 0) {
    process.stderr.write('usage: tsx bench/floorSubgraph.ts --subgraph <name> --port <port>\n');
    process.exit(2);
  }
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const upstream = loadConfig(process.env).subgraphs[name].url;
  const floor = await floorSubgraph(name, upstream);
  await new Promise<void>((resolve) => floor.server.listen(port, '127.0.0.1', resolve));
  process.stdout.write(`floor subgraph ${name} ready at http://127.0.0.1:${port}/ (upstream ${upstream})\n`);
  const stop = () => void floor.stop().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

// Run as a process by the benchmark; imported by its test.
if (require.main === module) {
  void main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
