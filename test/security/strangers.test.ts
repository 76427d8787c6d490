import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { subjectAt } from '../../shared/generator/subjects';
import { registrySubgraph } from '../../subgraphs/registry/server';
import { accessSubgraph } from '../../subgraphs/access/server';
import type { Store } from '../../shared/store';
import { SUBGRAPH_NAMES } from '../../subgraphs/names';
import { loadConfig } from '../../shared/config';
import { encodeCursor } from '../../shared/pagination';
import { startGateway, urlOf, urlOverrides, post, callerHeaders, REGULATOR, testFetch } from '../support/graph';
import { openTestStore, testDeps, TEST_DATASET } from '../support/stores';
import { signedFor, inject } from '../support/graphql';

/**
 * What the graph tells a stranger: health without layout, no schema hints, no more than a short
 * prefix of its own input in any error, and never a store failure for input that is merely bad.
 * Only the registry subgraph runs; the others' URLs lead nowhere.
 */

const group = subjectAt(TEST_DATASET.seed, 0);
let store: Store;
let registry: FastifyInstance;
let gateway: { app: FastifyInstance; url: string; opsUrl: string };
let closed: { app: FastifyInstance; url: string; opsUrl: string };
/** An access subgraph that refuses every fetch as its own scalars would refuse a bad value (HTTP 400). */
let refusing: http.Server;
const REFUSAL = 'Variable "$s" got an invalid value; DateTime cannot represent an invalid date-time-string 2024-02-30T00:00:00Z.';

beforeAll(async () => {
  refusing = http.createServer((_request, response) => {
    response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: REFUSAL, extensions: { code: 'BAD_USER_INPUT' } }] }));
  });
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  store = await openTestStore(registrySubgraph);
  registry = await registrySubgraph.buildServer(testDeps(store));
  await registry.listen({ host: '127.0.0.1', port: 0 });
  const nowhere = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 'http://127.0.0.1:9/graphql']));
  const access = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/graphql`;
  const urls = urlOverrides({ ...nowhere, registry: urlOf(registry), access });
  gateway = await startGateway(urls);
  closed = await startGateway({ ...urls, CG_INTROSPECTION: 'false' });
});

afterAll(async () => {
  await gateway.app.close();
  await closed.app.close();
  await registry.close();
  await store.close();
  await new Promise((resolve) => refusing.close(resolve));
});

const get = async (url: string) => {
  const response = await testFetch(url);
  return { status: response.status, body: await response.json() };
};

const badInput = (message: string) => ({ status: 400, body: { errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] } });
const NUL_REFUSED = badInput('Strings may not contain the NUL character (U+0000)');

describe('health', () => {
  it('answers /health on the gateway with its status only', async () => {
    expect(await get(`${gateway.url}/health`)).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('answers /health on a subgraph with its status only', async () => {
    expect(await get(`${urlOf(registry, '/health')}`)).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('does not serve /health/subgraphs on the public port', async () => {
    expect(await get(`${gateway.url}/health/subgraphs`)).toEqual({
      status: 404,
      body: { errors: [{ message: 'No route GET /health/subgraphs', extensions: { code: 'NOT_FOUND' } }] },
    });
  });

  it('serves /health/subgraphs on the ops listener, with the state of each subgraph', async () => {
    const states = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, name === 'registry' ? 'up' : 'down']));
    expect(await get(`${gateway.opsUrl}/health/subgraphs`)).toEqual({ status: 503, body: { status: 'degraded', subgraphs: states } });
  });

  it('binds the ops listener to 127.0.0.1 unless told otherwise', () => {
    expect(loadConfig({}).gateway.ops).toEqual({ host: '127.0.0.1', port: 4090 });
  });
});

describe('introspection', () => {
  const production = {
    NODE_ENV: 'production',
    CG_TOKEN_SECRET: 'x'.repeat(32),
    CG_CONTEXT_PRIVATE_KEY: String(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' })),
  };

  it('is off in production unless CG_INTROSPECTION says otherwise', () => {
    expect(loadConfig(production, {}, 'gateway').gateway.introspection).toBe(false);
    expect(loadConfig({ ...production, CG_INTROSPECTION: 'true' }, {}, 'gateway').gateway.introspection).toBe(true);
  });

  it('is on outside production', () => {
    expect(loadConfig({}).gateway.introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).gateway.introspection).toBe(true);
  });

  it('is refused when off', async () => {
    const response = await post(closed.url, '{ __schema { types { name } } }');
    expect(response).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: 'GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type. To enable introspection, pass introspection: true to ApolloServer in production',
            locations: [{ line: 1, column: 3 }],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED', validationErrorCode: 'INTROSPECTION_DISABLED' },
          },
        ],
      },
    });
  });
});

describe('no suggestions', () => {
  it('names no field when a field is misspelt', async () => {
    expect(await post(gateway.url, `{ subjec(code: "${group.code}") { name } }`)).toEqual({
      status: 400,
      body: { errors: [{ message: 'Cannot query field "subjec" on type "Query".', locations: [{ line: 1, column: 3 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] },
    });
  });

  it('names no argument when an argument is misspelt', async () => {
    expect(await post(gateway.url, `{ subject(cod: "${group.code}") { name } }`)).toEqual({
      status: 400,
      body: {
        errors: [
          { message: 'Unknown argument "cod" on field "Query.subject".', locations: [{ line: 1, column: 11 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
          { message: 'Field "subject" argument "code" of type "ID!" is required, but it was not provided.', locations: [{ line: 1, column: 3 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
        ],
      },
    });
  });

  it('names no type when a type is misspelt', async () => {
    expect(await post(gateway.url, `query($c: Subjct) { subject(code: "${group.code}") { name } }`)).toEqual({
      status: 400,
      body: {
        errors: [
          { message: 'Unknown type "Subjct".', locations: [{ line: 1, column: 11 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
          { message: 'Variable "$c" is never used.', locations: [{ line: 1, column: 7 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
        ],
      },
    });
  });
});

describe('errors repeat at most a short prefix of the input', () => {
  const long = 'Q'.repeat(2_000);

  it('in an invalid subject code', async () => {
    expect(await post(gateway.url, `query($code: ID!) { subject(code: $code) { name } }`, { code: long })).toEqual({
      status: 200,
      body: {
        data: { subject: null },
        errors: [
          {
            message: `Invalid subject code "${'Q'.repeat(24)}…": a subject code (Unified Social Credit Code or resident identity number) has 18 characters, got 2000`,
            path: ['subject'],
            extensions: { code: 'BAD_USER_INPUT', argumentName: 'code', serviceName: 'registry' },
          },
        ],
      },
    });
  });

  it('in a variable of the wrong type', async () => {
    expect(await post(gateway.url, `query($n: Int) { searchOrganizations(query: "北京", first: $n) { totalCount } }`, { n: long })).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: `Variable "$n" got an invalid value; Int cannot represent non-integer value: "${'Q'.repeat(24)}…"`,
            locations: [{ line: 1, column: 7 }],
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
    });
  });

  it('in an unknown field name', async () => {
    const response = await post(gateway.url, `{ ${'x'.repeat(300)} }`);
    expect(response).toEqual({
      status: 400,
      body: { errors: [{ message: `Cannot query field "${'x'.repeat(24)}…" on type "Query".`, locations: [{ line: 1, column: 3 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] },
    });
  });

  it('in the path of an unknown route', async () => {
    expect(await get(`${gateway.url}/${'a'.repeat(500)}`)).toEqual({
      status: 404,
      body: { errors: [{ message: `No route GET /${'a'.repeat(23)}…`, extensions: { code: 'NOT_FOUND' } }] },
    });
  });

  it('in an unsupported content type', async () => {
    const response = await testFetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': `application/${'z'.repeat(300)}` }, body: '{}' });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 415,
      body: { errors: [{ message: 'Unsupported media type', extensions: { code: 'BAD_REQUEST' } }] },
    });
  });

  it('in a purpose of inquiry', async () => {
    const headers = { ...(await callerHeaders(REGULATOR)), 'x-inquiry-purpose': `P${'U'.repeat(400)}` };
    const response = await post(gateway.url, `{ subject(code: "${group.code}") { seriousIllegalListings { totalCount } } }`, {}, headers);
    expect(response).toEqual({
      status: 403,
      body: {
        errors: [
          {
            message: `"P${'U'.repeat(23)}…" is not a purpose of inquiry; known: LOAN_APPROVAL, POST_LOAN_MANAGEMENT, GUARANTEE_REVIEW, CREDIT_CARD_APPROVAL, ADMINISTRATIVE_APPROVAL, SUPERVISION, JUDICIAL, CREDIT_RATING, SELF_QUERY`,
            extensions: { code: 'PURPOSE_NOT_ALLOWED' },
          },
        ],
      },
    });
  });
});

describe('NUL characters (PostgreSQL text refuses them) are bad input, not a failure', () => {
  it('in a variable', async () => {
    expect(await post(gateway.url, `query($q: String!) { searchOrganizations(query: $q) { totalCount } }`, { q: '北京\u0000' })).toEqual(NUL_REFUSED);
  });

  it('in a string escape of the document', async () => {
    expect(await post(gateway.url, '{ searchOrganizations(query: "北京\\u0000") { totalCount } }')).toEqual(NUL_REFUSED);
  });

  it('in a braced string escape of the document', async () => {
    expect(await post(gateway.url, '{ searchOrganizations(query: "北京\\u{0}") { totalCount } }')).toEqual(NUL_REFUSED);
  });

  it('in a mutation input', async () => {
    const input = { subject: group.code, purpose: 'SUPERVISION', categories: ['finance.assets'], reason: 'case\u0000 2026-17 under Art. 14', validUntil: '2027-01-01T00:00:00Z' };
    const response = await post(gateway.url, `mutation($input: SpecialApplicationInput!) { applyForSpecialAccess(input: $input) { id } }`, { input }, await callerHeaders(REGULATOR, 'SUPERVISION'));
    expect(response).toEqual(NUL_REFUSED);
  });

  it('in a cursor', async () => {
    expect(await post(gateway.url, `query($after: String) { searchOrganizations(query: "北京", after: $after) { totalCount } }`, { after: 'abc\u0000' })).toEqual(NUL_REFUSED);
  });

  it('sent to a subgraph directly, with a valid context', async () => {
    const payload = { query: 'query($q: String!) { searchOrganizations(query: $q) { totalCount } }', variables: { q: '\u0000' } };
    const response = await registry.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', ...(await signedFor('registry', payload)) },
      payload,
    });
    expect({ status: response.statusCode, body: response.json() }).toEqual(NUL_REFUSED);
  });
});

describe('a cursor that is not one is BAD_USER_INPUT', () => {
  const NOT_A_CURSOR = '`after` is not a cursor issued by this list; pass the endCursor of a previous page';
  const listings = `query($code: ID!, $after: String) { subject(code: $code) { name abnormalOperationListings(after: $after) { totalCount } } }`;
  const refusedCursor = {
    status: 200,
    body: {
      data: { subject: { name: group.name, abnormalOperationListings: null } },
      errors: [{ message: NOT_A_CURSOR, path: ['subject', 'abnormalOperationListings'], extensions: { code: 'BAD_USER_INPUT', argumentName: 'after', serviceName: 'registry' } }],
    },
  };
  const search = `query($after: String) { searchOrganizations(query: "北京", after: $after) { totalCount } }`;
  const refusedSearch = {
    status: 200,
    body: { data: null, errors: [{ message: NOT_A_CURSOR, path: ['searchOrganizations'], extensions: { code: 'BAD_USER_INPUT', argumentName: 'after', serviceName: 'registry' } }] },
  };

  it('when its date does not exist', async () => {
    expect(await post(gateway.url, listings, { code: group.code, after: encodeCursor(['2024-02-30', 1]) })).toEqual(refusedCursor);
  });

  it('when its date is not even a month', async () => {
    expect(await post(gateway.url, listings, { code: group.code, after: encodeCursor(['2024-13-45', 1]) })).toEqual(refusedCursor);
  });

  it('when its id is out of range', async () => {
    expect(await post(gateway.url, listings, { code: group.code, after: encodeCursor(['2024-01-01', 1e300]) })).toEqual(refusedCursor);
  });

  it('when it is not base64url', async () => {
    expect(await post(gateway.url, search, { after: '%%% not base64 %%%' })).toEqual(refusedSearch);
  });

  it('when it has the wrong shape', async () => {
    expect(await post(gateway.url, search, { after: encodeCursor([{ name: 'x' }] as never) })).toEqual(refusedSearch);
  });

  it('when it is huge', async () => {
    expect(await post(gateway.url, search, { after: encodeCursor(['x'.repeat(50_000), group.code]) })).toEqual(refusedSearch);
  });
});

describe('a request the graph cannot run is the caller\'s fault, not a failure', () => {
  it('names an operation the document does not have', async () => {
    const response = await testFetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', operationName: 'o'.repeat(300) }),
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 400,
      body: { errors: [{ message: `The document has no operation named "${'o'.repeat(24)}…"`, extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] },
    });
  });

  it('has several operations and names none', async () => {
    expect(await post(gateway.url, 'query A { __typename } query B { __typename }')).toEqual({
      status: 400,
      body: { errors: [{ message: 'The document has several operations: name the one to run in `operationName`', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] },
    });
  });

  it('sends a persisted-query hash that does not match its query', async () => {
    const response = await testFetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 400,
      body: { errors: [{ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } }] },
    });
  });

  it('sends a value a subgraph\'s own scalar refuses: relayed as BAD_USER_INPUT, not as the subgraph being down', async () => {
    const response = await post(gateway.url, '{ inquiryRecords(filter: { since: "2024-02-30T00:00:00Z" }) { totalCount } }', {}, await callerHeaders(REGULATOR, 'SUPERVISION'));
    expect(response).toEqual({
      status: 200,
      body: {
        data: null,
        errors: [
          {
            message: 'Variable "$s" got an invalid value; DateTime cannot represent an invalid date-time-string 2024-02-30T00:00:00Z.',
            extensions: { code: 'BAD_USER_INPUT', serviceName: 'access' },
          },
        ],
      },
    });
  });
});

describe('free text a caller writes into a record is bounded', () => {
  let accessStore: Store;
  let access: FastifyInstance;

  beforeAll(async () => {
    accessStore = await openTestStore(accessSubgraph);
    access = await accessSubgraph.buildServer(testDeps(accessStore));
  });

  afterAll(async () => {
    await access.close();
    await accessStore.close();
  });

  it('refuses a reason over 2000 characters', async () => {
    const input = { subject: group.code, purpose: 'SUPERVISION', categories: ['finance.assets'], reason: 'r'.repeat(2_001), validUntil: new Date(Date.now() + 86_400_000).toISOString() };
    const response = await inject(access, 'mutation($input: SpecialApplicationInput!) { applyForSpecialAccess(input: $input) { id } }', { input });
    expect(response.body).toEqual({
      data: null,
      errors: [{ message: '`input.reason` must have at most 2000 characters', path: ['applyForSpecialAccess'], locations: [{ line: 1, column: 46 }], extensions: { code: 'BAD_USER_INPUT', argumentName: 'input.reason' } }],
    });
  });

  it('refuses a decision note over 2000 characters', async () => {
    const response = await inject(access, 'mutation($note: String!) { rejectSpecialApplication(id: "00000000-0000-4000-8000-000000000000", note: $note) { id } }', { note: 'n'.repeat(2_001) });
    expect(response.body).toEqual({
      data: null,
      errors: [{ message: '`note` must have at most 2000 characters', path: ['rejectSpecialApplication'], locations: [{ line: 1, column: 28 }], extensions: { code: 'BAD_USER_INPUT', argumentName: 'note' } }],
    });
  });
});
