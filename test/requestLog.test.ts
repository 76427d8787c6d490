import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../shared/config';
import { buildGateway } from '../gateway/server';
import { requestLogObserver } from '../gateway/requestLog';
import { subjectAt } from '../shared/generator/subjects';
import { startSubgraphs, urlOverrides, callerHeaders, testFetch, SUPERGRAPH_FILE, REGULATOR, TAX_BUREAU, type RunningGraph } from './support/graph';
import { TEST_DATASET, testDeps } from './support/stores';
import { inject, REGULATOR_PRINCIPAL } from './support/graphql';
import { SUBGRAPH_MODULES } from '../subgraphs';
import { requestIdMixin } from '../shared/requestScope';

/**
 * The gateway's request ids and request log, read from its real JSON log lines: the in-process
 * gateway over in-process subgraphs, asked with `inject` so the peer address can be chosen.
 */

const group = subjectAt(TEST_DATASET.seed, 0);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const QUERY = 'query Ledger($code: ID!) { subject(code: $code) { name taxation { registrations { totalCount } } finance { creditAccounts { totalCount } } } }';

let graph: RunningGraph;
const lines: string[] = [];

function logger() {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(line);
      done();
    },
  });
  return pino({ level: 'debug' }, sink);
}

async function gatewayWith(overrides: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig({}, { CG_SUPERGRAPH: SUPERGRAPH_FILE, ...urlOverrides(graph.subgraphUrls), ...overrides });
  const { app } = await buildGateway({ config, logger: logger(), subgraphFetch: testFetch });
  return app;
}

/** The request line of one request id. */
function requestLine(requestId: string): Record<string, unknown> {
  const found = lines.filter((l) => l.includes(requestId) && l.includes('"msg":"request"'));
  expect(found).toHaveLength(1);
  return JSON.parse(found[0]!) as Record<string, unknown>;
}

/** onResponse runs once the answer is out: the line follows within a turn or two. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

let gateway: FastifyInstance;

beforeAll(async () => {
  graph = await startSubgraphs();
  gateway = await gatewayWith();
});

afterAll(async () => {
  await gateway.close();
  await graph.close();
});

const ask = async (app: FastifyInstance, headers: Record<string, string>, payload: unknown = { query: QUERY, variables: { code: group.code }, operationName: 'Ledger' }, remoteAddress?: string) =>
  app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(payload), ...(remoteAddress ? { remoteAddress } : {}) });

describe('the request line', () => {
  it('logs one line per request with the caller, purpose, status, denials and codes, and nothing personal', async () => {
    const headers = await callerHeaders(TAX_BUREAU, 'SUPERVISION');
    const response = await ask(gateway, headers);
    expect(response.statusCode).toBe(200);
    const id = response.headers['x-request-id'] as string;
    expect(id).toMatch(UUID);
    const body = response.json<{ errors: Array<{ extensions: { code: string } }> }>();
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE']);
    await settled();
    const line = requestLine(id);
    expect(line).toEqual({
      level: 30,
      time: expect.any(Number),
      pid: process.pid,
      hostname: expect.any(String),
      requestId: id,
      method: 'POST',
      route: '/graphql',
      operationName: 'Ledger',
      operationType: 'query',
      callerKind: 'GOVERNMENT',
      organization: TAX_BUREAU.org,
      purpose: 'SUPERVISION',
      status: 200,
      durationMs: expect.any(Number),
      denials: 1,
      errorCodes: ['UNAUTHORIZED_FIELD_OR_TYPE'],
      msg: 'request',
    });
    expect(line.durationMs as number).toBeGreaterThan(0);
    // Everything the gateway logged for this request: no token, subject code, staff id or query text.
    const token = headers.authorization!.slice('Bearer '.length);
    const all = lines.join('\n');
    for (const secret of [token, token.split('.')[2]!, group.code, String(TAX_BUREAU.staff), 'registrations { totalCount }']) expect(all).not.toContain(secret);
  });

  it('writes the denied field with its data level as dataLevel: one level key per line', async () => {
    const response = await ask(gateway, await callerHeaders(TAX_BUREAU, 'SUPERVISION'));
    const id = response.headers['x-request-id'] as string;
    await settled();
    const denied = lines.filter((l) => l.includes('"msg":"denied field"') && l.includes(id));
    expect(denied).toHaveLength(1);
    expect(denied[0]!.match(/"level":/g)).toHaveLength(1);
    expect(JSON.parse(denied[0]!)).toMatchObject({ level: 30, dataLevel: 'RESTRICTED', category: 'finance.credit', requestId: id, organization: TAX_BUREAU.org });
    for (const line of lines) expect(line.match(/"level":/g)).toHaveLength(1);
  });

  it('answers and logs a refused token with 401, its code and a request id', async () => {
    const response = await ask(gateway, { authorization: 'Bearer not.a.token' });
    expect(response.statusCode).toBe(401);
    const id = response.headers['x-request-id'] as string;
    expect(id).toMatch(UUID);
    await settled();
    expect(requestLine(id)).toMatchObject({ status: 401, callerKind: null, organization: null, operationName: 'Ledger', operationType: null, errorCodes: ['UNAUTHENTICATED'], denials: 0 });
    expect(lines.join('\n')).not.toContain('not.a.token');
  });

  it('gives a body over the limit (413) and an unknown route (404) a request id and a line', async () => {
    const small = await gatewayWith({ CG_MAX_REQUEST_BYTES: '200' });
    try {
      const tooLarge = await ask(small, {}, { query: `{ __typename }${' '.repeat(400)}` });
      expect(tooLarge.statusCode).toBe(413);
      const id = tooLarge.headers['x-request-id'] as string;
      expect(id).toMatch(UUID);
      const missing = await small.inject({ method: 'GET', url: '/nowhere' });
      expect(missing.statusCode).toBe(404);
      await settled();
      expect(requestLine(id)).toMatchObject({ status: 413, errorCodes: ['BAD_REQUEST'], callerKind: null });
      expect(requestLine(missing.headers['x-request-id'] as string)).toMatchObject({ status: 404, route: null, errorCodes: ['NOT_FOUND'] });
    } finally {
      await small.close();
    }
  });

  it('writes a debug line per subgraph fetch, from the fetch event', () => {
    const before = lines.length;
    requestLogObserver(logger()).fetch!({ subgraph: 'finance', operation: 'query', outcome: 'timeout', durationMs: 5001.234, attempts: 2, requestId: 'r-1' });
    const line = JSON.parse(lines[before]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 20, msg: 'subgraph fetch', requestId: 'r-1', subgraph: 'finance', operation: 'query', outcome: 'timeout', status: null, durationMs: 5001.23, attempts: 2 });
  });
});

describe('request ids', () => {
  const PROXIED = '3f2b8c1e-7a4d-4e5f-9b6a-1c2d3e4f5a6b';

  it('stores the request id returned in x-request-id in the inquiry record', async () => {
    const response = await ask(gateway, await callerHeaders(REGULATOR, 'SUPERVISION'));
    expect(response.statusCode).toBe(200);
    const id = response.headers['x-request-id'] as string;
    const record = await graph.stores.access.db('inquiry_records').where({ request_id: id }).first();
    expect(record).toMatchObject({ request_id: id, organization: REGULATOR.org, purpose: 'SUPERVISION' });
  });

  it('ignores an incoming x-request-id when no proxy is trusted (the default)', async () => {
    const response = await ask(gateway, { 'x-request-id': PROXIED });
    const id = response.headers['x-request-id'] as string;
    expect(id).toMatch(UUID);
    expect(id).not.toBe(PROXIED);
  });

  describe('behind a trusted proxy', () => {
    let proxied: FastifyInstance;
    beforeAll(async () => {
      proxied = await gatewayWith({ CG_TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1' });
      proxied.get('/__ip', async (request) => ({ ip: request.ip }));
    });
    afterAll(async () => {
      await proxied.close();
    });

    it("honours the proxy's id end to end: response header, log line, inquiry record", async () => {
      const response = await ask(proxied, { ...(await callerHeaders(REGULATOR, 'SUPERVISION')), 'x-request-id': PROXIED.toUpperCase() }, undefined, '10.1.2.3');
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-request-id']).toBe(PROXIED);
      await settled();
      expect(requestLine(PROXIED)).toMatchObject({ status: 200, callerKind: 'REGULATOR' });
      const record = await graph.stores.access.db('inquiry_records').where({ request_id: PROXIED }).first();
      expect(record).toMatchObject({ request_id: PROXIED, organization: REGULATOR.org });
    });

    it('makes its own id for a malformed incoming one, or one from an untrusted peer', async () => {
      for (const [value, peer] of [['not a uuid', '10.1.2.3'], ['x'.repeat(300), '10.1.2.3'], ['3f2b8c1e7a4d4e5f9b6a1c2d3e4f5a6b', '127.0.0.1'], [PROXIED, '192.168.1.9']] as const) {
        const response = await ask(proxied, { 'x-request-id': value }, { query: '{ __typename }' }, peer);
        const id = response.headers['x-request-id'] as string;
        expect(id).toMatch(UUID);
        expect(id).not.toBe(PROXIED);
      }
    });

    it('takes the client address from X-Forwarded-For only from a trusted proxy', async () => {
      const via = (peer: string) => proxied.inject({ method: 'GET', url: '/__ip', headers: { 'x-forwarded-for': '203.0.113.7' }, remoteAddress: peer });
      expect((await via('10.1.2.3')).json()).toEqual({ ip: '203.0.113.7' });
      expect((await via('198.51.100.4')).json()).toEqual({ ip: '198.51.100.4' });
    });
  });

  it('refuses a CG_TRUSTED_PROXIES entry that is no address or range', () => {
    expect(() => loadConfig({}, { CG_TRUSTED_PROXIES: '10.0.0.0/8, proxy.internal' })).toThrow(
      'Invalid configuration: CG_TRUSTED_PROXIES is invalid: "proxy.internal" is not an IP address, a CIDR range or one of loopback, linklocal, uniquelocal',
    );
    expect(() => loadConfig({}, { CG_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/"10\.0\.0\.0\/33" is not/);
    expect(loadConfig({}, { CG_TRUSTED_PROXIES: 'loopback, ::1, fd00::/8' }).trustedProxies).toEqual(['127.0.0.1/8', '::1/128', '::1', 'fd00::/8']);
    expect(loadConfig({}).trustedProxies).toEqual([]);
  });
});

describe('subgraph log lines', () => {
  it.each(['finance', 'ecommerce'] as const)('carry the request id the gateway signed (%s: Apollo and Mercurius)', async (name) => {
    const sinkLines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        sinkLines.push(...chunk.toString('utf8').split('\n').filter((l) => l.trim() !== ''));
        done();
      },
    });
    const app = await SUBGRAPH_MODULES[name].buildServer({ ...testDeps(graph.stores[name]), logger: pino({ mixin: requestIdMixin }, sink) });
    // A line the subgraph writes while it answers: it is written within the request, as a resolver's would be.
    app.addHook('onSend', async (_request, _reply, payload) => {
      app.log.info('answering');
      return payload;
    });
    try {
      const requestId = randomUUID();
      const response = await inject(app, '{ _service { sdl } }', {}, { caller: { principal: REGULATOR_PRINCIPAL, purpose: 'SUPERVISION', requestId } });
      expect(response.status).toBe(200);
      app.log.info('idle');
      expect(sinkLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg !== undefined && ['answering', 'idle'].includes(l.msg as string))).toEqual([
        expect.objectContaining({ msg: 'answering', requestId }),
        expect.not.objectContaining({ requestId: expect.anything() }),
      ]);
    } finally {
      await app.close();
    }
  });
});
