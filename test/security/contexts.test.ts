import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { SUBGRAPH_NAMES } from '../../subgraphs/names';
import { SUBGRAPH_MODULES } from '../../subgraphs';
import type { Store } from '../../shared/store';
import { CONTEXT_HEADER, ContextSigner, GRANTS_EXTENSION, GRAPHQL_ROUTE, SUBJECT_GRANTS_ROUTE, type Caller } from '../../shared/auth/context';
import { principalFromClaims } from '../../shared/auth/tokens';
import { PUBLIC_PRINCIPAL } from '../../shared/policy/principal';
import { openTestStore, testDeps, TEST_SIGNER } from '../support/stores';
import { REGULATOR_PRINCIPAL } from '../support/graphql';
import { forgeContext } from '../support/contexts';
import { rawRequest } from '../support/rawHttp';

/**
 * A context is not a bearer token: it is signed by the gateway's private key for one subgraph (`aud`),
 * one route, one body (`bdh`), for seconds, and for a caller whose stated purpose is one it holds.
 * Every subgraph refuses anything else with 401 UNAUTHENTICATED and no data, before any GraphQL runs.
 */

const refused = (message: string) => ({ status: 401, body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] } });
const TYPENAME = { query: '{ __typename }' };
const ANSWER = { status: 200, body: { data: { __typename: 'Query' } } };
const regulator: Caller = { principal: REGULATOR_PRINCIPAL, purpose: 'SUPERVISION' };
const attacker = new ContextSigner(String(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' })), 10);
const now = () => Math.floor(Date.now() / 1000);

describe.each(SUBGRAPH_NAMES)('the %s subgraph', (name) => {
  let store: Store;
  let app: FastifyInstance;
  const other = name === 'finance' ? 'taxation' : 'finance';

  beforeAll(async () => {
    store = await openTestStore(SUBGRAPH_MODULES[name]);
    app = await SUBGRAPH_MODULES[name].buildServer(testDeps(store));
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  /** Posts `sent` (an object, sent as JSON, or raw text) with `header` as the context. */
  async function post(header: string | undefined, sent: unknown, options: { method?: 'POST' | 'GET'; url?: string } = {}) {
    const response = await app.inject({
      method: options.method ?? 'POST',
      url: options.url ?? '/graphql',
      headers: { 'content-type': 'application/json', ...(header === undefined ? {} : { [CONTEXT_HEADER]: header }) },
      ...(options.method === 'GET' ? {} : { payload: typeof sent === 'string' ? sent : JSON.stringify(sent) }),
    });
    return { status: response.statusCode, body: response.json() };
  }
  const sign = (body: unknown, caller: Caller = regulator, audience = name, route = GRAPHQL_ROUTE) => TEST_SIGNER.sign(caller, { audience, route, body });

  it('answers a context signed for this subgraph, this route and exactly this body', async () => {
    expect(await post(await sign(TYPENAME), TYPENAME)).toEqual(ANSWER);
  });

  it('answers the same body with other key order and spacing: the hash is over canonical JSON', async () => {
    const body = { variables: { s: true, b: [1, null, { y: 'z', x: 2.5 }] }, query: 'query($s: Boolean!) { __typename @include(if: $s) }' };
    const text = '{ "query" : "query($s: Boolean!) { __typename @include(if: $s) }",\n "variables": { "b": [1, null, {"x": 2.50, "y": "z"}], "s": true } }';
    expect(await post(await sign(body), text)).toEqual(ANSWER);
  });

  it('refuses a context made for another subgraph', async () => {
    expect(await post(await sign(TYPENAME, regulator, other), TYPENAME)).toEqual(refused('the signed request context is for another subgraph'));
  });

  it('refuses a context naming several subgraphs, this one among them', async () => {
    expect(await post(await forgeContext({ aud: name, body: TYPENAME, claims: { aud: [other, name] } }), TYPENAME)).toEqual(
      refused('the signed request context is for another subgraph'),
    );
  });

  it('refuses a context made for another route of a subgraph', async () => {
    expect(await post(await sign(TYPENAME, regulator, name, SUBJECT_GRANTS_ROUTE), TYPENAME)).toEqual(refused('the signed request context is for another route'));
  });

  it('refuses a captured context with another query', async () => {
    expect(await post(await sign(TYPENAME), { query: '{ _service { sdl } }' })).toEqual(
      refused('the request body is not the one the signed request context was made for'),
    );
  });

  it('refuses a captured context with other variables', async () => {
    const body = { query: 'query($a: Int) { __typename }', variables: { a: 1 } };
    expect(await post(await sign(body), { ...body, variables: { a: 2 } })).toEqual(refused('the request body is not the one the signed request context was made for'));
  });

  it('refuses a captured context with an operation name added', async () => {
    expect(await post(await sign(TYPENAME), { ...TYPENAME, operationName: 'X' })).toEqual(
      refused('the request body is not the one the signed request context was made for'),
    );
  });

  it('refuses a captured context with extensions added', async () => {
    expect(await post(await sign(TYPENAME), { ...TYPENAME, extensions: { [GRANTS_EXTENSION]: 'x' } })).toEqual(
      refused('the request body is not the one the signed request context was made for'),
    );
  });

  it('refuses a GET request even with a context signed for its query: a context binds a JSON body', async () => {
    expect(await post(await sign(TYPENAME), undefined, { method: 'GET', url: '/graphql?query=%7B__typename%7D' })).toEqual(
      refused('the signed request context binds a JSON body, and this request has none'),
    );
  });

  it('refuses a context signed with a key other than the gateway’s', async () => {
    expect(await post(await attacker.sign(regulator, { audience: name, route: GRAPHQL_ROUTE, body: TYPENAME }), TYPENAME)).toEqual(
      refused('the signed request context is not valid'),
    );
  });

  it('refuses a symmetric (HS256) context such as the shared-secret contexts of before', async () => {
    const hs = await new SignJWT({ kind: 'PUBLIC', purpose: null, rid: 'r', route: GRAPHQL_ROUTE, bdh: 'x' })
      .setProtectedHeader({ alg: 'HS256', typ: 'cg-context+jwt' })
      .setIssuer('credit-graph-gateway')
      .setAudience(name)
      .setIssuedAt()
      .setExpirationTime('10s')
      .sign(new TextEncoder().encode('credit-graph-development-only-internal-secret-not-for-production'));
    expect(await post(hs, TYPENAME)).toEqual(refused('the signed request context is not valid'));
  });

  it('refuses an unsigned (alg none) context', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'cg-context+jwt' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ iss: 'credit-graph-gateway', aud: name, iat: now(), exp: now() + 10, kind: 'PUBLIC', rid: 'r', route: GRAPHQL_ROUTE, bdh: 'x' })).toString('base64url');
    expect(await post(`${header}.${payload}.`, TYPENAME)).toEqual(refused('the signed request context is not valid'));
  });

  it('refuses a grants token presented as a context', async () => {
    const grants = await TEST_SIGNER.signGrants(name, 'r', {}, false);
    expect(await post(grants, TYPENAME)).toEqual(refused('the signed request context is not valid'));
  });

  it('refuses an expired context', async () => {
    expect(await post(await forgeContext({ aud: name, body: TYPENAME, iat: now() - 30, exp: now() - 15 }), TYPENAME)).toEqual(
      refused('the signed request context has expired'),
    );
  });

  it('refuses a context signed to live longer than CG_CONTEXT_TTL_SECONDS', async () => {
    expect(await post(await forgeContext({ aud: name, body: TYPENAME, exp: now() + 3600 }), TYPENAME)).toEqual(
      refused('the signed request context is signed to live longer than 10 seconds'),
    );
  });

  it('refuses a context issued in the future', async () => {
    expect(await post(await forgeContext({ aud: name, body: TYPENAME, iat: now() + 60, exp: now() + 65 }), TYPENAME)).toEqual(
      refused('the signed request context is issued in the future'),
    );
  });

  it.each(['iss', 'iat', 'exp', 'rid', 'route', 'bdh'])('refuses a context without its %s claim', async (claim) => {
    expect(await post(await forgeContext({ aud: name, body: TYPENAME, omit: [claim] }), TYPENAME)).toEqual(refused('the signed request context is not valid'));
  });

  it('refuses a context issued by anyone but the gateway', async () => {
    expect(await post(await forgeContext({ aud: name, body: TYPENAME, claims: { iss: 'credit-graph-gateway-2' } }), TYPENAME)).toEqual(refused('the signed request context is not valid'));
  });

  it("refuses a stated purpose that is not among the principal's purposes", async () => {
    expect(await post(await sign(TYPENAME, { principal: REGULATOR_PRINCIPAL, purpose: 'LOAN_APPROVAL' }), TYPENAME)).toEqual(
      refused("the signed request context states a purpose that is not among the principal's purposes"),
    );
  });

  it('refuses a public context that states a purpose', async () => {
    expect(await post(await sign(TYPENAME, { principal: PUBLIC_PRINCIPAL, purpose: 'SUPERVISION' }), TYPENAME)).toEqual(
      refused("the signed request context states a purpose that is not among the principal's purposes"),
    );
  });

  it('refuses a context whose principal claims a token could not carry', async () => {
    const forged = await forgeContext({ aud: name, body: TYPENAME, claims: { kind: 'CREDIT_SERVICE', statutory: true, purpose: 'SUPERVISION' } });
    expect(await post(forged, TYPENAME)).toEqual(refused('a CREDIT_SERVICE principal holds no statutory power; only REGULATOR and GOVERNMENT may'));
  });

  it('refuses grants signed for another subgraph', async () => {
    const body = { ...TYPENAME, extensions: { [GRANTS_EXTENSION]: await TEST_SIGNER.signGrants(other, 'request-1', {}, false) } };
    expect(await post(await sign(body, { ...regulator, requestId: 'request-1' }), body)).toEqual(refused('the signed subject grants are for another subgraph'));
  });

  it('refuses grants lifted from another request', async () => {
    const body = { ...TYPENAME, extensions: { [GRANTS_EXTENSION]: await TEST_SIGNER.signGrants(name, 'request-1', {}, false) } };
    expect(await post(await sign(body, { ...regulator, requestId: 'request-2' }), body)).toEqual(refused('the signed subject grants belong to another request'));
  });

  it('refuses a context presented as grants', async () => {
    const body = { ...TYPENAME, extensions: { [GRANTS_EXTENSION]: await sign(TYPENAME, { ...regulator, requestId: 'request-1' }) } };
    expect(await post(await sign(body, { ...regulator, requestId: 'request-1' }), body)).toEqual(refused('the signed subject grants are not valid'));
  });

  it('answers through the absolute form on a socket too: the route Fastify matched decides, and the context is for it', async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as AddressInfo).port;
    const response = await rawRequest(port, 'POST', `http://127.0.0.1:${port}/graphql`, {
      headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: await sign(TYPENAME) },
      body: JSON.stringify(TYPENAME),
    });
    expect({ status: response.status, body: response.body }).toEqual(ANSWER);
  });
});

describe("the access subgraph's gateway-only routes", () => {
  let store: Store;
  let app: FastifyInstance;
  const bank: Caller = {
    principal: principalFromClaims({ kind: 'CREDIT_SERVICE', org: '91310000132209224R', grants: ['finance:RESTRICTED'], purposes: ['LOAN_APPROVAL'] }),
    purpose: 'LOAN_APPROVAL',
  };
  const disclosure = { subject: '9111010500088WXJ4C', field: 'FinanceProfile.summary', category: 'finance.credit', level: 'RESTRICTED', basis: 'statutory' };

  beforeAll(async () => {
    store = await openTestStore(SUBGRAPH_MODULES.access, { seeded: false });
    app = await SUBGRAPH_MODULES.access.buildServer(testDeps(store));
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  async function post(route: string, header: string, body: unknown) {
    const response = await app.inject({ method: 'POST', url: route, headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: header }, payload: JSON.stringify(body) });
    return { status: response.statusCode, body: response.json() };
  }
  const sign = (route: string, body: unknown, caller: Caller = bank) => TEST_SIGNER.sign(caller, { audience: 'access', route, body });

  it('answers a grants lookup whose context is made for that route and that body', async () => {
    const body = { subjects: ['9111010500088WXJ4C'] };
    expect(await post('/internal/subject-grants', await sign('/internal/subject-grants', body), body)).toEqual({ status: 200, body: { subjects: {} } });
  });

  it('refuses a grants lookup for other subjects than its context was made for', async () => {
    const header = await sign('/internal/subject-grants', { subjects: ['9111010500088WXJ4C'] });
    expect(await post('/internal/subject-grants', header, { subjects: ['91110105E0P68UJ85P'] })).toEqual(
      refused('the request body is not the one the signed request context was made for'),
    );
  });

  it('refuses a GraphQL context on the grants route', async () => {
    const body = { subjects: ['9111010500088WXJ4C'] };
    expect(await post('/internal/subject-grants', await sign(GRAPHQL_ROUTE, body), body)).toEqual(refused('the signed request context is for another route'));
  });

  it('refuses an inquiry record whose own context was made for other disclosures', async () => {
    const record = { context: await sign('inquiry-record', [{ ...disclosure, field: 'FinanceProfile.assets' }]), disclosures: [disclosure] };
    const body = { records: [record] };
    expect(await post('/internal/inquiry-records', await sign('/internal/inquiry-records', body, { principal: PUBLIC_PRINCIPAL, purpose: null }), body)).toEqual(
      { status: 200, body: { results: [{ error: { code: 'UNAUTHENTICATED', message: 'the request body is not the one the signed request context was made for' } }] } },
    );
  });

  it("refuses an inquiry record that names who asked by a fetch's context", async () => {
    const record = { context: await sign(GRAPHQL_ROUTE, [disclosure]), disclosures: [disclosure] };
    const body = { records: [record] };
    expect(await post('/internal/inquiry-records', await sign('/internal/inquiry-records', body, { principal: PUBLIC_PRINCIPAL, purpose: null }), body)).toEqual(
      { status: 200, body: { results: [{ error: { code: 'UNAUTHENTICATED', message: 'the signed request context is for another route' } }] } },
    );
  });

  it('writes an inquiry record whose contexts are made for it', async () => {
    const record = { context: await sign('inquiry-record', [disclosure], { ...bank, requestId: randomUUID() }), disclosures: [disclosure] };
    const body = { records: [record] };
    expect(await post('/internal/inquiry-records', await sign('/internal/inquiry-records', body, { principal: PUBLIC_PRINCIPAL, purpose: null }), body)).toEqual({
      status: 200,
      body: { results: [{ id: expect.stringMatching(/^\d+$/) }] },
    });
  });
});
