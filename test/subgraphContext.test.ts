import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { generateKeyPairSync } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../shared/store';
import { financeSector as financeSubgraph } from '../subgraphs/finance/sector';
import { ecommerceSector as ecommerceSubgraph } from '../subgraphs/ecommerce/sector';
import { subjectAt } from '../shared/generator/subjects';
import { CONTEXT_HEADER, ContextSigner, GRAPHQL_ROUTE } from '../shared/auth/context';
import { PUBLIC_PRINCIPAL } from '../shared/policy/principal';
import { openTestStore, testDeps, TEST_DATASET, TEST_SIGNER } from './support/stores';
import { inject, entities, gatewayHeaders, REGULATOR_PRINCIPAL } from './support/graphql';
import { forgeContext } from './support/contexts';
import { withSpecialApplications } from './support/graphql';
import { buildApolloSubgraph } from '../shared/subgraph/apollo';
import { buildMercuriusSubgraph } from '../shared/subgraph/mercurius';

/** Subgraphs answer only the gateway, and enforce the same classification themselves. */

const group = subjectAt(TEST_DATASET.seed, 0);
const servers: Array<{ name: string; app: FastifyInstance; store: Store }> = [];

beforeAll(async () => {
  for (const module of [financeSubgraph, ecommerceSubgraph]) {
    const store = await openTestStore(module);
    servers.push({ name: module.name, store, app: await module.buildServer(testDeps(store)) });
  }
});

afterAll(async () => {
  for (const s of servers) {
    await s.app.close();
    await s.store.close();
  }
});

const finance = () => servers[0]!.app;
const op = entities([group.code], 'finance { courtJudgments { totalCount } }');
const body = { query: op.query, variables: op.variables };
const regulator = { principal: REGULATOR_PRINCIPAL, purpose: 'SUPERVISION' };

const refused = (message: string) => ({ status: 401, body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }, disclosures: [] });

describe('a subgraph called directly', () => {
  it.each(['finance', 'ecommerce'])('%s refuses _entities without the gateway context, and answers nothing', async (name) => {
    const app = servers.find((s) => s.name === name)!.app;
    const selection = name === 'finance' ? 'finance { courtJudgments { totalCount } }' : 'ecommerce { shops { totalCount } }';
    const request = entities([group.code], selection);
    expect(await inject(app, request.query, request.variables, {})).toEqual(
      refused('subgraphs answer only the gateway: the signed request context is missing'),
    );
  });

  it('refuses a context signed with another key', async () => {
    const attacker = new ContextSigner(String(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' })), 10);
    const forged = await attacker.sign(regulator, { audience: 'finance', route: GRAPHQL_ROUTE, body });
    expect(await inject(finance(), op.query, op.variables, { [CONTEXT_HEADER]: forged })).toEqual(refused('the signed request context is not valid'));
  });

  it('refuses a context whose claims were altered after signing', async () => {
    const genuine = await TEST_SIGNER.sign({ principal: PUBLIC_PRINCIPAL, purpose: null }, { audience: 'finance', route: GRAPHQL_ROUTE, body });
    const [header, payload, signature] = genuine.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const altered = Buffer.from(JSON.stringify({ ...claims, kind: 'REGULATOR', org: '11100000000013127D', grants: ['*:RESTRICTED'], statutory: true })).toString('base64url');
    expect(await inject(finance(), op.query, op.variables, { [CONTEXT_HEADER]: `${header}.${altered}.${signature}` })).toEqual(
      refused('the signed request context is not valid'),
    );
  });

  it('refuses an expired context, so a captured one cannot be replayed later', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await forgeContext({ aud: 'finance', body, iat: now - 20, exp: now - 10 });
    expect(await inject(finance(), op.query, op.variables, { [CONTEXT_HEADER]: expired })).toEqual(refused('the signed request context has expired'));
  });

  it("enforces the classification itself: a public caller's context gets no restricted field, even if a gateway asked", async () => {
    const request = entities([group.code], 'finance { courtJudgments { totalCount } summary { accountCount } }');
    const response = await inject(finance(), request.query, request.variables, await gatewayHeaders(PUBLIC_PRINCIPAL, null));
    expect(response.body).toEqual({
      data: { _entities: [{ code: group.code, finance: { courtJudgments: { totalCount: 2 }, summary: null } }] },
      errors: [
        {
          message: 'Unauthorized field or type',
          locations: [{ line: 1, column: 118 }],
          path: ['_entities', 0, 'finance', 'summary'],
          extensions: {
            code: 'UNAUTHORIZED_FIELD_OR_TYPE',
            category: 'finance.credit',
            level: 'RESTRICTED',
            reason: 'requires RESTRICTED access to finance.credit; the caller holds no grant for it',
          },
        },
      ],
    });
  });
});

describe("a subgraph's subjects: the facts of a fetch are those of the subjects it names", () => {
  // A schema whose resolver serves the record of a subject the fetch does not name (`of` is no subject
  // argument): what a faulty resolver, or a join through another subject, would do.
  const typeDefs = parse(`
    extend schema
      @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@composeDirective"])
      @link(url: "https://credit-graph.org/classification/v1.0", import: ["@classify"])
      @composeDirective(name: "@classify")
    type Query {
      heldAsset(subject: ID!, of: ID!): HeldAsset @classify(category: "structure", level: "PUBLIC")
    }
    type HeldAsset @classify(category: "finance.assets", level: "SPECIAL") {
      value: String
    }
    ${readFileSync(path.resolve(__dirname, '../shared/schema/classification.graphql'), 'utf8')}
  `);
  const resolvers = {
    Query: { heldAsset: (_root: unknown, args: { of: string }) => ({ subjectCode: args.of, value: `assets of ${args.of}` }) },
  };
  const other = subjectAt(TEST_DATASET.seed, 1).code;
  const query = 'query($s: ID!, $of: ID!) { heldAsset(subject: $s, of: $of) { value } }';
  const apps: Record<string, FastifyInstance> = {};

  beforeAll(async () => {
    const options = { name: 'finance', typeDefs, resolvers, context: () => ({}) };
    const deps = testDeps(servers[0]!.store);
    apps.apollo = await buildApolloSubgraph<object>(deps, options);
    apps.mercurius = await buildMercuriusSubgraph<object>(deps, options);
  });

  afterAll(async () => {
    for (const app of Object.values(apps)) await app.close();
  });

  it.each(['apollo', 'mercurius'])('%s: serves a named subject on the grant the token carries for it', async (runtime) => {
    const response = await inject(apps[runtime]!, query, { s: other, of: other }, await withSpecialApplications([group.code, other]));
    expect(response).toEqual({
      status: 200,
      body: { data: { heldAsset: { value: `assets of ${other}` } } },
      disclosures: [
        { subject: other, field: 'HeldAsset.value', category: 'finance.assets', level: 'SPECIAL', basis: 'special-application', ref: `application-${other}` },
      ],
    });
  });

  it.each(['apollo', 'mercurius'])('%s: does not use a grant the token carries for a subject the fetch does not name', async (runtime) => {
    // The token carries an approved application for `other` too; the fetch names only the group.
    const response = await inject(apps[runtime]!, query, { s: group.code, of: other }, await withSpecialApplications([group.code, other]));
    expect(response).toEqual({
      status: 200,
      body: {
        data: { heldAsset: { value: null } },
        errors: [
          {
            message: 'Unauthorized field or type',
            locations: [{ line: 1, column: 62 }],
            path: ['heldAsset', 'value'],
            extensions: {
              code: 'UNAUTHORIZED_FIELD_OR_TYPE',
              category: 'finance.assets',
              level: 'SPECIAL',
              reason: 'requires an approved special application for this subject and finance.assets, in force',
            },
          },
        ],
      },
      disclosures: [],
    });
  });
});
