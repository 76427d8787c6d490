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
