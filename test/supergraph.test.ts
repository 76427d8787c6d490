import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { ApolloServer } from '@apollo/server';
import fastifyApollo from '@as-integrations/fastify';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { composeSupergraph } from '../gateway/compose';
import { loadConfig } from '../shared/config';
import { SUPERGRAPH_FILE, startGateway, post, urlOf } from './support/graph';

describe('the supergraph', () => {
  it('committed in supergraph.graphql is what the subgraphs compose to today', () => {
    const { supergraphSdl } = composeSupergraph(loadConfig({}).subgraphs);
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8').trimEnd()).toBe(supergraphSdl.trimEnd());
  });

  it('composes without hints, so no subgraph silently disagrees with another', () => {
    expect(composeSupergraph(loadConfig({}).subgraphs).hints).toEqual([]);
  });

  it('can be any valid supergraph: the gateway serves a foreign one from its file, denying what it does not classify', async () => {
    const typeDefs = parse(`
      extend schema
        @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
        @link(url: "https://credit-graph.org/classification/v1.0", import: ["@classify"])
        @composeDirective(name: "@classify")
      directive @classify(category: String!, level: String!, publicWhen: String) on OBJECT | INTERFACE | FIELD_DEFINITION
      type Query { parts: [Part!]! @classify(category: "structure", level: "PUBLIC") suppliers: [Supplier!]! }
      type Part @key(fields: "sku") @classify(category: "structure", level: "PUBLIC") { sku: ID! stock: Int! }
      type Supplier @key(fields: "id") { id: ID! }
    `);
    const schema = buildSubgraphSchema({
      typeDefs,
      resolvers: { Query: { parts: () => [{ sku: 'A-1', stock: 7 }], suppliers: () => [{ id: 'S-1' }] } },
    });
    const apollo = new ApolloServer({ schema });
    await apollo.start();
    const app = Fastify();
    await app.register(fastifyApollo(apollo));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const composed = composeServices([{ name: 'inventory', url: urlOf(app), typeDefs }]);
    expect(composed.errors).toBeUndefined();
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cg-supergraph-')), 'foreign.graphql');
    writeFileSync(file, composed.supergraphSdl!);
    const gateway = await startGateway({ CG_SUPERGRAPH: file });
    try {
      expect(await post(gateway.url, '{ parts { sku stock } }')).toEqual({ status: 200, body: { data: { parts: [{ sku: 'A-1', stock: 7 }] } } });
      expect((await post(gateway.url, '{ suppliers { id } }')).body).toEqual({
        data: null,
        errors: [
          {
            message: 'Unauthorized field or type',
            path: ['suppliers'],
            extensions: {
              code: 'UNAUTHORIZED_FIELD_OR_TYPE',
              category: 'unclassified',
              level: 'SPECIAL',
              reason: 'the field is not classified, and what is not classified is served to no one',
            },
          },
        ],
      });
    } finally {
      await gateway.app.close();
      await app.close();
      await apollo.stop();
    }
  });

  it('refuses to start from a supergraph file that is not there, naming the variable', async () => {
    await expect(startGateway({ CG_SUPERGRAPH: '/nonexistent/supergraph.graphql' })).rejects.toThrow(
      /cannot read the supergraph file \/nonexistent\/supergraph.graphql \(CG_SUPERGRAPH\)/,
    );
  });
});
