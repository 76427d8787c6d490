import { copyFile, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import lightMyRequest from 'light-my-request';
import { loadConfig } from '../shared/config';
import { subjectAt } from '../shared/generator/subjects';
import { buildGateway } from '../gateway/server';
import type { BreakerState, FetchEvent, GatewayObserver } from '../gateway/observe';
import { serveInProcess } from './support/inProcess';
import { startSubgraphs, urlOverrides, post as anonymousPost, callerHeaders, REGULATOR, SUPERGRAPH_FILE, type RunningGraph, testFetch } from './support/graph';
import { TEST_DATASET } from './support/stores';

/**
 * The gateway's resilience end to end, in-process: the seven subgraphs on their test stores, and a
 * failing sector played by a real HTTP server in front of its in-process subgraph (hanging, resetting
 * connections, answering 500, or passing the fetch through).
 */

let graph: RunningGraph;
const group = subjectAt(TEST_DATASET.seed, 0);
let regulator: Record<string, string>;
const post = (url: string, query: string, variables: Record<string, unknown> = {}) => anonymousPost(url, query, variables, regulator);

beforeAll(async () => {
  regulator = await callerHeaders(REGULATOR, 'SUPERVISION');
  graph = await startSubgraphs();
});

afterAll(async () => {
  await graph.close();
});

interface Started {
  app: FastifyInstance;
  url: string;
  opsUrl: string;
}

async function startGateway(overrides: Record<string, string>, observer?: GatewayObserver): Promise<Started> {
  const config = loadConfig({}, { CG_SUPERGRAPH: SUPERGRAPH_FILE, CG_GATEWAY_PORT: '4000', CG_SUPERGRAPH_WATCH: 'false', ...overrides });
  const { app, ops } = await buildGateway({ config, logger: false, subgraphFetch: testFetch, ...(observer ? { observer } : {}) });
  return { app, url: serveInProcess(app, 'gateway'), opsUrl: serveInProcess(ops, 'gateway-ops') };
}

type Behaviour = 'pass' | 'hang' | 'reset' | 'fail';

/** A real server in front of an in-process subgraph, behaving as told; counts the fetches that reach it. */
async function sector(target: string, behaviour: (body: string) => Behaviour) {
  let calls = 0;
  const server = http.createServer((request, response) => {
    calls += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const mode = behaviour(body);
      if (mode === 'hang') return;
      if (mode === 'reset') return request.socket.destroy();
      if (mode === 'fail') {
        response.writeHead(500, { 'content-type': 'text/plain' });
        return response.end('boom');
      }
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
      void testFetch(target, { method: 'POST', headers, body }).then(async (answer) => {
        response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        response.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    calls: () => calls,
    /** Drops every connection: hung fetches fail at once. */
    drop: () => server.closeAllConnections(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const TAXATION_AND_ECOMMERCE = `query($code: ID!) { subject(code: $code) { name taxation { latestGrade } ecommerce { shops { totalCount } } } }`;
const HEALTHCARE = `query($code: ID!) { subject(code: $code) { name healthcare { insuranceFundViolations { totalCount } } } }`;

function recorder() {
  const fetches: FetchEvent[] = [];
  const breakers: Array<[string, BreakerState]> = [];
  const reloads: string[] = [];
  let shed = 0;
  const waiters: Array<() => void> = [];
  const observer: GatewayObserver = {
    fetch: (e) => fetches.push(e),
    breaker: (s, state) => breakers.push([s, state]),
    shed: () => (shed += 1),
    supergraphReload: (outcome) => {
      reloads.push(outcome);
      waiters.splice(0).forEach((wake) => wake());
    },
  };
  return {
    observer,
    fetches,
    breakers,
    reloads,
    shed: () => shed,
    /** Resolves at the next supergraph reload outcome (or fails after 5 s). */
    nextReload: () =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no supergraph reload within 5 s')), 5_000);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}

describe('a request deadline over per-subgraph timeouts', () => {
  it('answers with the other sectors and an error for the one that hangs, within the deadline rather than the timeout', async () => {
    const hung = await sector(graph.subgraphUrls.taxation, () => 'hang');
    const seen = recorder();
    const gateway = await startGateway(
      { ...urlOverrides({ ...graph.subgraphUrls, taxation: hung.url }), CG_SUBGRAPH_TIMEOUT_MS: '10000', CG_REQUEST_DEADLINE_MS: '1500' },
      seen.observer,
    );
    try {
      // A first request without taxation warms the gateway's plan cache and the registry's and the
      // ecommerce subgraph's first queries, so that what the deadline measures below is the hung fetch,
      // not a cold start on a loaded machine.
      const warm = await post(gateway.url, `query($code: ID!) { subject(code: $code) { name ecommerce { shops { totalCount } } } }`, { code: group.code });
      expect(warm.body.errors).toBeUndefined();
      seen.fetches.length = 0;
      const started = performance.now();
      const response = await post(gateway.url, TAXATION_AND_ECOMMERCE, { code: group.code });
      const elapsed = performance.now() - started;
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        data: { subject: { name: group.name, taxation: null, ecommerce: { shops: { totalCount: expect.any(Number) } } } },
        errors: [
          {
            message: "The taxation subgraph is unavailable (no answer before the request's deadline); its fields are null",
            path: ['subject'],
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'taxation' },
          },
        ],
      });
      // The 10 s timeout would have held it 10 s; the deadline lets it go after 1.5 s (the deadline is
      // generous so that the registry's and ecommerce's fetches fit in even on a loaded machine).
      expect(elapsed).toBeGreaterThanOrEqual(1_400);
      expect(elapsed).toBeLessThan(6_000);
      expect(seen.fetches.find((e) => e.subgraph === 'taxation')).toMatchObject({ operation: 'query', outcome: 'timeout', attempts: 1 });
      expect(seen.fetches.find((e) => e.subgraph === 'ecommerce')).toMatchObject({ operation: 'query', outcome: 'ok', status: 200 });
    } finally {
      await gateway.app.close();
      await hung.close();
    }
  });

  it('gives a sector its own timeout when one is set', async () => {
    const hung = await sector(graph.subgraphUrls.taxation, () => 'hang');
    const gateway = await startGateway({ ...urlOverrides({ ...graph.subgraphUrls, taxation: hung.url }), CG_SUBGRAPH_TIMEOUTS: 'taxation=150' });
    try {
      const started = performance.now();
      const response = await post(gateway.url, TAXATION_AND_ECOMMERCE, { code: group.code });
      expect(performance.now() - started).toBeLessThan(1_500);
      expect(response.body.errors).toEqual([
        {
          message: 'The taxation subgraph is unavailable (no answer within 150 ms); its fields are null',
          path: ['subject'],
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'taxation' },
        },
      ]);
    } finally {
      await gateway.app.close();
      await hung.close();
    }
  });
});

describe('configuration', () => {
  it('reads per-subgraph timeouts and refuses an unknown subgraph or a bad percentage, naming the variable', () => {
    expect(loadConfig({}, { CG_SUBGRAPH_TIMEOUTS: 'finance=2000, taxation=800' }).gateway.resilience.subgraphTimeoutsMs).toEqual({ finance: 2000, taxation: 800 });
    expect(() => loadConfig({}, { CG_SUBGRAPH_TIMEOUTS: 'bank=10' })).toThrow('CG_SUBGRAPH_TIMEOUTS is invalid: expected name=milliseconds pairs for known subgraphs');
    expect(() => loadConfig({}, { CG_BREAKER_ERROR_PERCENT: '150' })).toThrow('CG_BREAKER_ERROR_PERCENT is invalid: expected a percentage from 0 to 100');
    expect(() => loadConfig({}, { CG_RETRY_MAX: '-1' })).toThrow('CG_RETRY_MAX is invalid');
    expect(loadConfig({}, { CG_RETRY_MAX: '0' }).gateway.resilience.retry.max).toBe(0);
  });
});

describe('a circuit breaker per subgraph', () => {
  it('opens after failures, fails fast without calling the sector, and closes once it answers again', async () => {
    let mode: Behaviour = 'fail';
    const healthcare = await sector(graph.subgraphUrls.healthcare, () => mode);
    const seen = recorder();
    const gateway = await startGateway(
      { ...urlOverrides({ ...graph.subgraphUrls, healthcare: healthcare.url }), CG_BREAKER_VOLUME: '3', CG_BREAKER_RESET_MS: '1500' },
      seen.observer,
    );
    const unavailable = (reason: string) => ({
      data: { subject: { name: group.name, healthcare: null } },
      errors: [{ message: `The healthcare subgraph is unavailable (${reason}); its fields are null`, path: ['subject'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'healthcare' } }],
    });
    try {
      for (let i = 0; i < 3; i += 1) expect((await post(gateway.url, HEALTHCARE, { code: group.code })).body).toEqual(unavailable('HTTP 500'));
      expect(healthcare.calls()).toBe(3);
      expect(seen.breakers).toEqual([['healthcare', 'open']]);
      // Still ready (every other sector answers); the ops listener says which breaker is open.
      const ready = await testFetch(`${gateway.opsUrl}/health/ready`);
      expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', inFlight: 0, breakers: { healthcare: 'open' } }]);

      const started = performance.now();
      expect((await post(gateway.url, HEALTHCARE, { code: group.code })).body).toEqual(unavailable('it failed repeatedly and is not called for a while'));
      const failFast = performance.now() - started;
      expect(healthcare.calls()).toBe(3);
      expect(seen.fetches.filter((e) => e.subgraph === 'healthcare').at(-1)).toMatchObject({ outcome: 'circuit_open', attempts: 0 });
      expect(failFast).toBeLessThan(1_000);

      mode = 'pass';
      await new Promise((resolve) => setTimeout(resolve, 1_600));
      const back = await post(gateway.url, HEALTHCARE, { code: group.code });
      expect(back.body).toEqual({ data: { subject: { name: group.name, healthcare: { insuranceFundViolations: { totalCount: 1 } } } } });
      expect(healthcare.calls()).toBe(4);
      expect(seen.breakers).toEqual([
        ['healthcare', 'open'],
        ['healthcare', 'half_open'],
        ['healthcare', 'closed'],
      ]);
    } finally {
      await gateway.app.close();
      await healthcare.close();
    }
  });
});

describe('retries', () => {
  it("retries a query's fetch whose connection was reset before any answer, and answers in full", async () => {
    let resets = 1;
    const taxation = await sector(graph.subgraphUrls.taxation, () => (resets-- > 0 ? 'reset' : 'pass'));
    const seen = recorder();
    const gateway = await startGateway(urlOverrides({ ...graph.subgraphUrls, taxation: taxation.url }), seen.observer);
    try {
      const response = await post(gateway.url, `query($code: ID!) { subject(code: $code) { name taxation { latestGrade } } }`, { code: group.code });
      expect(response.body).toEqual({ data: { subject: { name: group.name, taxation: { latestGrade: 'D' } } } });
      expect(taxation.calls()).toBe(2);
      expect(seen.fetches.find((e) => e.subgraph === 'taxation')).toMatchObject({ outcome: 'ok', attempts: 2 });
    } finally {
      await gateway.app.close();
      await taxation.close();
    }
  });

  it('never retries a mutation', async () => {
    const access = await sector(graph.subgraphUrls.access, (body) => (body.includes('mutation') ? 'reset' : 'pass'));
    const seen = recorder();
    const gateway = await startGateway(urlOverrides({ ...graph.subgraphUrls, access: access.url }), seen.observer);
    try {
      const firm = subjectAt(TEST_DATASET.seed, 3);
      const itself = await callerHeaders({ kind: 'SUBJECT', org: firm.code, subject: firm.code, grants: [], purposes: ['SELF_QUERY'] }, 'SELF_QUERY');
      const response = await anonymousPost(
        gateway.url,
        `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`,
        { input: { subject: firm.code, organization: REGULATOR.org, purpose: 'SUPERVISION', categories: ['finance.credit'], validUntil: new Date(Date.now() + 86_400_000).toISOString() } },
        itself,
      );
      expect(response.body).toEqual({
        data: null,
        errors: [
          {
            message: 'The access subgraph is unavailable (connection reset); its fields are null',
            path: [],
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'access' },
          },
        ],
      });
      expect(access.calls()).toBe(1);
      expect(seen.fetches.filter((e) => e.subgraph === 'access')).toEqual([expect.objectContaining({ operation: 'mutation', outcome: 'connection_error', attempts: 1 })]);
    } finally {
      await gateway.app.close();
      await access.close();
    }
  });
});

describe('load shedding and health', () => {
  it('refuses requests past the in-flight bound with 503, Retry-After and SERVER_OVERLOADED, and readiness follows', async () => {
    const hung = await sector(graph.subgraphUrls.taxation, () => 'hang');
    const seen = recorder();
    const gateway = await startGateway(
      { ...urlOverrides({ ...graph.subgraphUrls, taxation: hung.url }), CG_MAX_IN_FLIGHT: '2', CG_SHED_RETRY_AFTER_SECONDS: '3', CG_RETRY_MAX: '0' },
      seen.observer,
    );
    const get = async (url: string) => {
      const response = await testFetch(url);
      return { status: response.status, body: await response.json() };
    };
    try {
      expect(await get(`${gateway.url}/health/ready`)).toEqual({ status: 200, body: { status: 'ready' } });
      expect(await get(`${gateway.opsUrl}/health/ready`)).toEqual({ status: 200, body: { status: 'ready', inFlight: 0 } });
      const held = [0, 1].map(() => post(gateway.url, TAXATION_AND_ECOMMERCE, { code: group.code }));
      for (let i = 0; i < 100 && hung.calls() < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(hung.calls()).toBe(2);

      const refused = await testFetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('3');
      expect(await refused.json()).toEqual({
        errors: [{ message: 'The gateway is serving as many requests as it can; retry later', extensions: { code: 'SERVER_OVERLOADED' } }],
      });
      expect(seen.shed()).toBe(1);
      const notReady = [{ message: 'Not ready: shedding load', extensions: { code: 'NOT_READY' } }];
      expect(await get(`${gateway.url}/health/ready`)).toEqual({ status: 503, body: { status: 'not_ready', errors: notReady } });
      expect(await get(`${gateway.opsUrl}/health/ready`)).toEqual({ status: 503, body: { status: 'not_ready', reason: 'shedding load', inFlight: 2, errors: notReady } });
      expect(await get(`${gateway.url}/health/live`)).toEqual({ status: 200, body: { status: 'live' } });
      expect(await get(`${gateway.url}/health`)).toEqual({ status: 200, body: { status: 'ok' } });

      hung.drop();
      const answers = await Promise.all(held);
      for (const answer of answers) expect(answer.body.errors).toEqual([expect.objectContaining({ extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'taxation' } })]);
      let ready = await get(`${gateway.opsUrl}/health/ready`);
      for (let i = 0; i < 30 && ready.status !== 200; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        ready = await get(`${gateway.opsUrl}/health/ready`);
      }
      expect(ready).toEqual({ status: 200, body: { status: 'ready', inFlight: 0 } });
      expect((await post(gateway.url, `{ __typename }`)).body).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await gateway.app.close();
      await hung.close();
    }
  });

  it('answers a request that arrives while it shuts down with 503 SHUTTING_DOWN, and lets the one in flight finish', async () => {
    const hung = await sector(graph.subgraphUrls.taxation, () => 'hang');
    const config = loadConfig({}, { CG_SUPERGRAPH: SUPERGRAPH_FILE, CG_SUPERGRAPH_WATCH: 'false', CG_RETRY_MAX: '0', ...urlOverrides({ ...graph.subgraphUrls, taxation: hung.url }) });
    const { app } = await buildGateway({ config, logger: false, subgraphFetch: testFetch });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = app.server.address() as AddressInfo;
      // A real connection, which closing waits for.
      const inFlight = fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...regulator },
        body: JSON.stringify({ query: TAXATION_AND_ECOMMERCE, variables: { code: group.code } }),
      });
      for (let i = 0; i < 100 && hung.calls() < 1; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      const closing = app.close();
      await new Promise((resolve) => setImmediate(resolve));
      // A request that still arrives on an open connection while the listener drains, dispatched as the
      // HTTP server dispatches one (Fastify's inject refuses to run once closing).
      const late = await lightMyRequest((request, response) => app.server.emit('request', request, response), {
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(late.statusCode).toBe(503);
      expect(late.headers['retry-after']).toBe('1');
      expect(late.json()).toEqual({ errors: [{ message: 'The gateway is shutting down; retry the request', extensions: { code: 'SHUTTING_DOWN' } }] });
      hung.drop();
      const finished = await inFlight;
      expect(finished.status).toBe(200);
      expect(((await finished.json()) as { data: unknown }).data).toEqual({
        subject: { name: group.name, taxation: null, ecommerce: { shops: { totalCount: expect.any(Number) } } },
      });
      await closing;
    } finally {
      await hung.close();
    }
  });
});

describe('supergraph hot reload', () => {
  it('loads a changed supergraph file, and the authorization and the cost estimate follow it; a broken file keeps the loaded graph', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'cg-supergraph-'));
    const file = path.join(folder, 'supergraph.graphql');
    await copyFile(SUPERGRAPH_FILE, file);
    const seen = recorder();
    const gateway = await startGateway({ ...urlOverrides(graph.subgraphUrls), CG_SUPERGRAPH: file, CG_SUPERGRAPH_WATCH: 'true' }, seen.observer);
    const NAME = `query($code: ID!) { subject(code: $code) { code name } }`;
    const asPublic = () => anonymousPost(gateway.url, NAME, { code: group.code });
    const qualifications = () => anonymousPost(gateway.url, `query($code: ID!) { subject(code: $code) { construction { qualifications { nodes { __typename } } } } }`, { code: group.code });
    try {
      expect((await asPublic()).body).toEqual({ data: { subject: { code: group.code, name: group.name } } });

      // The subject's name becomes RESTRICTED: written next to the file and moved over it, as a deploy does.
      const original = await readFile(file, 'utf8');
      const line = 'name: String! @join__field(graph: REGISTRY) @classify(category: "registry.identity", level: "PUBLIC")';
      expect(original.split(line)).toHaveLength(2);
      const listSize = 'QualificationCertificateConnection @listSize(assumedSize: 20,';
      expect(original.split(listSize)).toHaveLength(2);
      expect((await qualifications()).body.errors).toBeUndefined();
      // ... and an unsliced list of qualifications is assumed 20000 long instead of 20.
      const restricted = original.replace(line, line.replace('"PUBLIC"', '"RESTRICTED"')).replace(listSize, listSize.replace('20,', '20000,'));
      let reloaded = seen.nextReload();
      await writeFile(`${file}.tmp`, restricted);
      await rename(`${file}.tmp`, file);
      await reloaded;
      expect(seen.reloads).toEqual(['loaded']);
      // `name` is non-null: its removal nulls the subject, as GraphQL's null propagation does.
      expect((await asPublic()).body).toEqual({
        data: { subject: null },
        errors: [
          {
            message: 'Unauthorized field or type',
            path: ['subject', 'name'],
            extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'registry.identity', level: 'RESTRICTED', reason: expect.any(String) },
          },
        ],
      });

      const expensive = await qualifications();
      expect(expensive.status).toBe(400);
      expect(expensive.body).toEqual({
        errors: [{ message: expect.stringContaining('is over the budget of 5000'), extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: expect.any(Number), limit: 5000 } }],
      });

      // A file that does not parse, written in place: refused, and the graph loaded last keeps serving.
      reloaded = seen.nextReload();
      await writeFile(file, 'schema @link(url: "https://specs.apollo.dev/link/v1.0") { query: Query ');
      await reloaded;
      expect(seen.reloads).toEqual(['loaded', 'rejected']);
      expect((await asPublic()).body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', level: 'RESTRICTED' }) })]);

      // A file that parses but is no supergraph: refused too.
      reloaded = seen.nextReload();
      await writeFile(file, 'type Query { hello: String }');
      await reloaded;
      expect(seen.reloads).toEqual(['loaded', 'rejected', 'rejected']);

      // Back to the original: loaded, and the name is public again.
      reloaded = seen.nextReload();
      await writeFile(file, original);
      await reloaded;
      expect(seen.reloads).toEqual(['loaded', 'rejected', 'rejected', 'loaded']);
      expect((await asPublic()).body).toEqual({ data: { subject: { code: group.code, name: group.name } } });
      expect((await qualifications()).body.errors).toBeUndefined();
    } finally {
      await gateway.app.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
