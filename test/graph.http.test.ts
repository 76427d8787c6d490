import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { subjectAt } from '../shared/generator/subjects';
import { SUBGRAPH_MODULES } from '../subgraphs';
import { startSubgraphs, startGateway, urlOverrides, post as anonymousPost, callerHeaders, REGULATOR, type RunningGraph, testFetch } from './support/graph';
import { countStatements, TEST_DATASET } from './support/stores';

/** The whole graph in-process: seven subgraphs on their own stores, the gateway over the supergraph file (a failing subgraph is a real server, or a port nobody listens on). */

let graph: RunningGraph;
let gateway: { app: FastifyInstance; url: string };
const group = subjectAt(TEST_DATASET.seed, 0);
const rowsOf = (name: keyof typeof SUBGRAPH_MODULES) => SUBGRAPH_MODULES[name].dataset.rowsFor(group, TEST_DATASET.seed);

/** These tests are about the graph, not about permissions: they ask as a regulator, who may see it all. */
let regulator: Record<string, string>;
const post = (url: string, query: string, variables: Record<string, unknown> = {}) => anonymousPost(url, query, variables, regulator);

beforeAll(async () => {
  regulator = await callerHeaders(REGULATOR, 'SUPERVISION');
  graph = await startSubgraphs();
  gateway = await startGateway(urlOverrides(graph.subgraphUrls));
});

afterAll(async () => {
  await gateway.app.close();
  await graph.close();
});

/** A server on a free port that never answers, or answers a fixed status. */
async function rawServer(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function deadUrl(): Promise<string> {
  const server = await rawServer(() => undefined);
  await server.close();
  return server.url;
}

const ALL_SECTORS = `query($code: ID!) {
  subject(code: $code) {
    code name kind
    finance { summary { accountCount } creditAccounts(first: 1) { totalCount } }
    taxation { latestGrade arrearsNotices { totalCount } }
    construction { wageArrearsListings { totalCount } }
    ecommerce { shops { totalCount } }
    healthcare { insuranceFundViolations { totalCount } }
  }
}`;

describe('the graph: one subject across every sector', () => {
  it('returns the registry entry and all five sectors for a subject', async () => {
    const response = await post(gateway.url, ALL_SECTORS, { code: group.code });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: {
        subject: {
          code: group.code,
          name: group.name,
          kind: 'LEGAL_PERSON',
          finance: { summary: { accountCount: rowsOf('finance').credit_accounts!.length }, creditAccounts: { totalCount: rowsOf('finance').credit_accounts!.length } },
          taxation: { latestGrade: 'D', arrearsNotices: { totalCount: rowsOf('taxation').tax_arrears_notices!.length } },
          construction: { wageArrearsListings: { totalCount: 1 } },
          ecommerce: { shops: { totalCount: rowsOf('ecommerce').online_shops!.length } },
          healthcare: { insuranceFundViolations: { totalCount: 1 } },
        },
      },
    });
  });

  it('refuses a malformed code with BAD_USER_INPUT and no other data', async () => {
    const response = await post(gateway.url, ALL_SECTORS, { code: '9111010500088WXI4C' });
    expect(response.body).toEqual({
      data: { subject: null },
      errors: [
        {
          message: `Invalid subject code "9111010500088WXI4C": not a valid Unified Social Credit Code: character 'I' at position 16 is not in the USCC alphabet (0-9 and A-Y without I, O, S, V, Z)`,
          path: ['subject'],
          extensions: { code: 'BAD_USER_INPUT', argumentName: 'code', serviceName: 'registry' },
        },
      ],
    });
  });

  it('answers null for an unknown, well-formed code and asks no sector', async () => {
    const { statements } = await countStatements(graph.stores.finance, async () => {
      const response = await post(gateway.url, '{ subject(code: "11010519491231002X") { name finance { summary { accountCount } } } }');
      expect(response.body).toEqual({ data: { subject: null } });
    });
    expect(statements).toEqual([]);
  });

  it('loads 50 subjects with their sector lists in one statement per store and list', async () => {
    const codes = Array.from({ length: 50 }, (_, i) => subjectAt(TEST_DATASET.seed, i).code);
    const counted = await countStatements(graph.stores.registry, () =>
      countStatements(graph.stores.finance, () =>
        countStatements(graph.stores.taxation, () =>
          post(
            gateway.url,
            `query($codes: [ID!]!) { subjects(codes: $codes) { code name
               finance { creditAccounts(first: 3) { nodes { balance } } }
               taxation { creditRatings(first: 1) { nodes { grade } } } } }`,
            { codes },
          ),
        ),
      ),
    );
    const taxation = counted.result;
    const finance = taxation.result;
    const response = finance.result;
    expect(response.body.errors).toBeUndefined();
    expect((response.body.data as { subjects: unknown[] }).subjects).toHaveLength(50);
    expect(counted.statements).toHaveLength(1);
    expect(finance.statements).toHaveLength(1);
    expect(taxation.statements).toHaveLength(1);
  });
});

describe('the graph: when a subgraph fails', () => {
  it('returns every other sector and names the one that is down', async () => {
    const degraded = await startGateway(urlOverrides({ ...graph.subgraphUrls, finance: await deadUrl() }));
    try {
      const response = await post(degraded.url, `query($code: ID!) { subject(code: $code) { name finance { summary { accountCount } } taxation { latestGrade } } }`, {
        code: group.code,
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        data: { subject: { name: group.name, finance: null, taxation: { latestGrade: 'D' } } },
        errors: [
          {
            message: 'The finance subgraph is unavailable (connection refused); its fields are null',
            path: ['subject'],
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'finance' },
          },
        ],
      });
      const health = await testFetch(`${degraded.opsUrl}/health/subgraphs`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({
        status: 'degraded',
        subgraphs: { access: 'up', construction: 'up', ecommerce: 'up', finance: 'down', healthcare: 'up', registry: 'up', taxation: 'up' },
      });
    } finally {
      await degraded.app.close();
    }
  });

  it('stops waiting for a slow subgraph after the timeout and still answers', async () => {
    const silent = await rawServer(() => undefined);
    const degraded = await startGateway({ ...urlOverrides({ ...graph.subgraphUrls, taxation: silent.url }), CG_SUBGRAPH_TIMEOUT_MS: '300' });
    try {
      const started = Date.now();
      const response = await post(degraded.url, `query($code: ID!) { subject(code: $code) { name taxation { latestGrade } ecommerce { shops { totalCount } } } }`, {
        code: group.code,
      });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(response.body).toEqual({
        data: { subject: { name: group.name, taxation: null, ecommerce: { shops: { totalCount: rowsOf('ecommerce').online_shops!.length } } } },
        errors: [
          {
            message: 'The taxation subgraph is unavailable (no answer within 300 ms); its fields are null',
            path: ['subject'],
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'taxation' },
          },
        ],
      });
    } finally {
      await degraded.app.close();
      await silent.close();
    }
  });

  it('reports a subgraph that answers garbage without leaking what it said', async () => {
    const broken = await rawServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('stack trace: at secret.js:1');
    });
    const degraded = await startGateway(urlOverrides({ ...graph.subgraphUrls, healthcare: broken.url }));
    try {
      const response = await post(degraded.url, `query($code: ID!) { subject(code: $code) { name healthcare { practiceLicences { totalCount } } } }`, {
        code: group.code,
      });
      expect(JSON.stringify(response.body)).not.toContain('secret');
      expect(response.body).toEqual({
        data: { subject: { name: group.name, healthcare: null } },
        errors: [
          {
            message: 'The healthcare subgraph is unavailable (HTTP 500); its fields are null',
            path: ['subject'],
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'healthcare' },
          },
        ],
      });
    } finally {
      await degraded.app.close();
      await broken.close();
    }
  });

  it('starts from the supergraph file while no subgraph is up, and reports each fetch that fails', async () => {
    const dead = await deadUrl();
    const lonely = await startGateway(urlOverrides(Object.fromEntries(Object.keys(graph.subgraphUrls).map((n) => [n, dead]))));
    try {
      const health = await testFetch(`${lonely.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const response = await post(lonely.url, `{ subject(code: "${group.code}") { name } }`);
      expect(response.body).toEqual({
        data: { subject: null },
        errors: [
          {
            message: 'The registry subgraph is unavailable (connection refused); its fields are null',
            path: [],
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'registry' },
          },
        ],
      });
    } finally {
      await lonely.app.close();
    }
  });
});

describe("the gateway's HTTP surface", () => {
  const send = async (init: RequestInit & { path?: string }) => {
    const response = await testFetch(`${gateway.url}${init.path ?? '/graphql'}`, init);
    return { status: response.status, body: (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> } };
  };

  it('answers a body that is not JSON with BAD_REQUEST in the GraphQL error shape', async () => {
    expect(await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' })).toEqual({
      status: 400,
      body: { errors: [{ message: "Body is not valid JSON but content-type is set to 'application/json'", extensions: { code: 'BAD_REQUEST' } }] },
    });
  });

  it('refuses a body over the size limit with 413', async () => {
    const huge = JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(1_100_000) } });
    const response = await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ errors: [{ message: 'Request body is too large', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('answers an unknown route with NOT_FOUND', async () => {
    expect(await send({ method: 'GET', path: '/admin' })).toEqual({
      status: 404,
      body: { errors: [{ message: 'No route GET /admin', extensions: { code: 'NOT_FOUND' } }] },
    });
  });

  it('answers a syntax error with GRAPHQL_PARSE_FAILED and a validation error with GRAPHQL_VALIDATION_FAILED', async () => {
    expect(await post(gateway.url, '{ subject(code: ) { name } }')).toEqual({
      status: 400,
      body: { errors: [{ message: 'Syntax Error: Unexpected ")".', locations: [{ line: 1, column: 17 }], extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] },
    });
    const invalid = await post(gateway.url, '{ subject(code: "x") { secretField } }');
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]);
  });

  it('blocks a simple GET that could be a cross-site request', async () => {
    const response = await send({ method: 'GET', path: `/graphql?query=${encodeURIComponent('{ __typename }')}` });
    expect(response.status).toBe(400);
    expect(response.body.errors[0]?.extensions.code).toBe('BAD_REQUEST');
  });
});

describe('the README examples', () => {
  const readme = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');

  /**
   * The headers an example is sent with: the regulator's, unless its first line names the token it
   * needs (`# as: npm run --silent token -- --kind AUTHORITY --org … --submits tax`): then that caller's.
   */
  async function headersOf(query: string): Promise<Record<string, string>> {
    const named = /^# as: npm run --silent token -- (.+)$/m.exec(query.split('\n')[0] ?? '');
    if (!named) return regulator;
    const { values } = parseArgs({
      args: named[1]!.split(/\s+/),
      options: { kind: { type: 'string' }, org: { type: 'string' }, name: { type: 'string' }, staff: { type: 'string' }, submits: { type: 'string', multiple: true }, purpose: { type: 'string', multiple: true } },
      strict: true,
    });
    const claims = { kind: values.kind as 'AUTHORITY', org: values.org!, grants: [], purposes: values.purpose ?? [], ...(values.name ? { name: values.name } : {}), ...(values.staff ? { staff: values.staff } : {}), ...(values.submits ? { submits: values.submits } : {}) };
    return callerHeaders(claims, values.purpose?.[0]);
  }

  it('every curl example sends valid JSON the graph answers without errors, as the caller it names', async () => {
    const commands = [...readme.matchAll(/```sh\n(curl [\s\S]*?)```/g)].map((m) => m[1]!);
    const regulatorCommands = [...readme.matchAll(/```sh\nREGULATOR=[^\n]*\n(curl [\s\S]*?)```/g)].map((m) => m[1]!);
    expect(commands.length).toBeGreaterThan(0);
    expect(regulatorCommands.length).toBeGreaterThan(0);
    for (const [command, headers] of [
      ...commands.map((c) => [c, {}] as const),
      ...regulatorCommands.map((c) => [c, regulator] as const),
    ]) {
      const body = /-d '(\{"query".*\})'/.exec(command)![1]!;
      const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
      const response = await anonymousPost(gateway.url, query, variables, headers);
      expect(response.body.errors).toBeUndefined();
    }
  });

  it('every GraphQL example runs without errors, with the variables in the JSON block right under it, as the caller its first line names (else the regulator)', async () => {
    const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```(?:\n```json\n([\s\S]*?)```)?/g)].map((m) => ({ query: m[1]!, variables: m[2] }));
    expect(blocks.length).toBeGreaterThan(0);
    for (const { query, variables } of blocks) {
      const response = await anonymousPost(gateway.url, query, variables === undefined ? {} : (JSON.parse(variables) as Record<string, unknown>), await headersOf(query));
      expect(response.body.errors).toBeUndefined();
    }
  });

  it('writes no subject code into the text of an operation: the examples pass codes as variables', () => {
    const operations = [
      ...[...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!),
      ...[...readme.matchAll(/'(\{"query".*?\})'/g)].map((m) => (JSON.parse(m[1]!.replace(/'"\$\w+"'/g, 'x')) as { query: string }).query),
    ];
    expect(operations.length).toBeGreaterThan(10);
    expect(operations.filter((operation) => /"[0-9A-Z]{18}"/.test(operation))).toEqual([]);
  });
});
