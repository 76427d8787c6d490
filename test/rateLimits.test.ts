import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadConfig } from '../shared/config';
import { PUBLIC_PRINCIPAL, type Principal, type PrincipalKind } from '../shared/policy/principal';
import { principalFromClaims } from '../shared/auth/tokens';
import { subjectAt } from '../shared/generator/subjects';
import { buildGateway } from '../gateway/server';
import { RateLimits } from '../gateway/rateLimits';
import type { RateLimitKind } from '../gateway/observe';
import { startSubgraphs, urlOverrides, callerHeaders, REGULATOR, DEMO_BANK_CALLER, SUPERGRAPH_FILE, testFetch, type RunningGraph } from './support/graph';
import { TEST_DATASET } from './support/stores';

/**
 * Rate limits and quotas per principal (gateway/rateLimits.ts): requests per second per address for
 * the public and per organization otherwise, with the burst allowance; failed authentications per
 * address; the daily inquiry quota, counted before anything is fetched; the RateLimit-* headers;
 * counts shared through the real Redis at 127.0.0.1:6379, and per process while Redis is away.
 */

const REDIS_URL = 'redis://127.0.0.1:6379';
const TYPENAME = JSON.stringify({ query: '{ __typename }' });

async function gatewayWith(overrides: Record<string, string>, subgraphFetch: typeof fetch = testFetch) {
  const limited: Array<[PrincipalKind, RateLimitKind]> = [];
  const config = loadConfig({}, { CG_SUPERGRAPH: SUPERGRAPH_FILE, CG_RATE_LIMIT_RPS: 'off', CG_INQUIRY_QUOTA_DAILY: 'off', CG_AUTH_FAILURES_PER_MINUTE: '0', ...overrides });
  const { app } = await buildGateway({ config, logger: false, subgraphFetch, observer: { rateLimited: (kind, limit) => limited.push([kind, limit]) } });
  return { app, limited };
}

/** A POST to the gateway from `ip` (light-my-request sets the client address Fastify reads as `request.ip`). */
async function from(app: FastifyInstance, ip: string, headers: Record<string, string> = {}, payload: string = TYPENAME) {
  const response = await app.inject({ method: 'POST', url: '/graphql', remoteAddress: ip, headers: { 'content-type': 'application/json', ...headers }, payload });
  const limitHeaders = Object.fromEntries(
    ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after'].filter((h) => response.headers[h] !== undefined).map((h) => [h, String(response.headers[h])]),
  );
  return { status: response.statusCode, headers: limitHeaders, body: response.json<Record<string, unknown>>() };
}

const OK = { data: { __typename: 'Query' } };
const tooMany = (perSecond: number) => ({
  errors: [{ message: `Too many requests: at most ${perSecond} per second for this caller; retry in 1 s`, extensions: { code: 'RATE_LIMITED', limit: 'requests' } }],
});

describe('requests per second', () => {
  let gateway: Awaited<ReturnType<typeof gatewayWith>>;
  beforeAll(async () => {
    gateway = await gatewayWith({ CG_RATE_LIMIT_RPS: 'PUBLIC=3,CREDIT_SERVICE=2', CG_RATE_LIMIT_BURST: 'PUBLIC=0,CREDIT_SERVICE=1' });
  });
  afterAll(() => gateway.app.close());

  it('admits the public up to its rate per address, with RateLimit headers, then answers 429 RATE_LIMITED with Retry-After', async () => {
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await from(gateway.app, '10.0.0.1'));
    expect(answers).toEqual([
      { status: 200, headers: { 'ratelimit-limit': '3', 'ratelimit-remaining': '2', 'ratelimit-reset': '1' }, body: OK },
      { status: 200, headers: { 'ratelimit-limit': '3', 'ratelimit-remaining': '1', 'ratelimit-reset': '1' }, body: OK },
      { status: 200, headers: { 'ratelimit-limit': '3', 'ratelimit-remaining': '0', 'ratelimit-reset': '1' }, body: OK },
      { status: 429, headers: { 'ratelimit-limit': '3', 'ratelimit-remaining': '0', 'ratelimit-reset': '1', 'retry-after': '1' }, body: tooMany(3) },
    ]);
    // Another address is another member of the public.
    expect(await from(gateway.app, '10.0.0.2')).toEqual({ status: 200, headers: { 'ratelimit-limit': '3', 'ratelimit-remaining': '2', 'ratelimit-reset': '1' }, body: OK });
    expect(gateway.limited).toEqual([['PUBLIC', 'requests']]);
  });

  it('counts an organization under its own id, whatever address it calls from, with its burst allowance past the rate', async () => {
    const bank = await callerHeaders(DEMO_BANK_CALLER);
    const statuses = [];
    for (const ip of ['10.1.0.1', '10.1.0.2', '10.1.0.3', '10.1.0.4']) statuses.push((await from(gateway.app, ip, bank)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const otherBank = await callerHeaders({ ...DEMO_BANK_CALLER, org: '91110000717825966F' });
    expect((await from(gateway.app, '10.1.0.4', otherBank)).status).toBe(200);
    // The public at the bank's address is not the bank.
    expect((await from(gateway.app, '10.1.0.4')).status).toBe(200);
  });

  it('does not limit a kind it has no rate for', async () => {
    const regulator = await callerHeaders(REGULATOR);
    const statuses = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await from(gateway.app, '10.2.0.1', regulator)).status);
    expect(statuses).toEqual(Array(8).fill(200));
  });
});

describe('failed authentications', () => {
  it('answers 401 to a bad token, and 429 to further bad tokens from an address past its failures, while a valid token from it is still served', async () => {
    const { app, limited } = await gatewayWith({ CG_AUTH_FAILURES_PER_MINUTE: '3' });
    try {
      const bad = { authorization: 'Bearer not-a-token' };
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await from(app, '10.3.0.1', bad)).status);
      expect(statuses).toEqual([401, 401, 401]);
      const refused = await from(app, '10.3.0.1', bad);
      expect(refused).toEqual({
        status: 429,
        headers: { 'ratelimit-limit': '3', 'ratelimit-remaining': '0', 'ratelimit-reset': expect.stringMatching(/^\d+$/), 'retry-after': expect.stringMatching(/^\d+$/) },
        body: { errors: [{ message: expect.stringMatching(/^Too many failed authentications from this address; retry in \d+ s$/), extensions: { code: 'RATE_LIMITED', limit: 'authentication' } }] },
      });
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      const valid = await callerHeaders(REGULATOR);
      // Others' failures at a shared address (a NAT, a proxy) never lock out a caller whose token is good.
      expect(await from(app, '10.3.0.1', valid)).toEqual({ status: 200, headers: {}, body: OK });
      expect(await from(app, '10.3.0.2', valid)).toEqual({ status: 200, headers: {}, body: OK });
      // The public (no token) at the throttled address is still served.
      expect((await from(app, '10.3.0.1')).status).toBe(200);
      expect(limited).toEqual([['PUBLIC', 'requests']]);
    } finally {
      await app.close();
    }
  });
});

describe('the daily inquiry quota', () => {
  let graph: RunningGraph;
  beforeAll(async () => {
    graph = await startSubgraphs();
  });
  afterAll(() => graph.close());

  it('is counted once an inquiry is authorized and before anything is fetched; public data is no inquiry', async () => {
    const fetched: string[] = [];
    const counting: typeof fetch = (input, init) => {
      fetched.push(new URL(input instanceof Request ? input.url : String(input)).hostname.split('-')[0] as string);
      return testFetch(input, init);
    };
    const { app, limited } = await gatewayWith({ ...urlOverrides(graph.subgraphUrls), CG_INQUIRY_QUOTA_DAILY: 'REGULATOR=2' }, counting);
    try {
      const code = subjectAt(TEST_DATASET.seed, 0).code;
      const regulator = await callerHeaders(REGULATOR, 'SUPERVISION');
      const inquiry = JSON.stringify({ query: 'query($code: ID!) { subject(code: $code) { finance { summary { accountCount } } } }', variables: { code } });
      const publicOnly = JSON.stringify({ query: 'query($code: ID!) { subject(code: $code) { name } }', variables: { code } });
      for (let i = 0; i < 2; i += 1) {
        const served = await from(app, '10.4.0.1', regulator, inquiry);
        expect(served.status).toBe(200);
        expect(served.body).toEqual({ data: { subject: { finance: { summary: { accountCount: expect.any(Number) } } } } });
      }
      const before = fetched.length;
      const refused = await from(app, '10.4.0.1', regulator, inquiry);
      const midnight = new Date();
      midnight.setUTCHours(24, 0, 0, 0);
      const secondsLeft = Math.ceil((midnight.getTime() - Date.now()) / 1000);
      expect(refused).toEqual({
        status: 429,
        headers: { 'ratelimit-limit': '2', 'ratelimit-remaining': '0', 'ratelimit-reset': refused.headers['retry-after'], 'retry-after': expect.stringMatching(/^\d+$/) },
        body: { errors: [{ message: 'The daily inquiry quota of this caller (2) is spent; it resets at 00:00 UTC', extensions: { code: 'RATE_LIMITED', limit: 'inquiries' } }] },
      });
      expect(Math.abs(Number(refused.headers['retry-after']) - secondsLeft)).toBeLessThanOrEqual(2);
      // Nothing was fetched for the refused inquiry: not the data, not the grants, no inquiry record.
      expect(fetched.slice(before)).toEqual([]);
      expect(limited).toEqual([['REGULATOR', 'inquiries']]);
      // Public data asked by the same regulator is no inquiry and is still served.
      expect(await from(app, '10.4.0.1', regulator, publicOnly)).toEqual({ status: 200, headers: {}, body: { data: { subject: { name: subjectAt(TEST_DATASET.seed, 0).name } } } });
      // Another regulator has its own quota.
      const other = await callerHeaders({ ...REGULATOR, org: '11110000000029373Q' }, 'SUPERVISION');
      expect((await from(app, '10.4.0.1', other, inquiry)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('counts in Redis', () => {
  const prefix = `cg-test-${randomUUID().slice(0, 8)}:`;
  const request = (ip: string) => ({ ip, headers: {} }) as FastifyRequest;
  const silent = { info: () => undefined, warn: () => undefined };
  const config = (overrides: Record<string, string>) =>
    loadConfig({}, { CG_RATE_LIMIT_RPS: 'PUBLIC=3', CG_RATE_LIMIT_BURST: 'PUBLIC=0', CG_REDIS_PREFIX: prefix, ...overrides }).rateLimits;
  /** How many of `n` requests of `principal` from `ip`, spread over `limits` in turn, are admitted. */
  const admitted = async (limits: RateLimits[], n: number, principal: Principal = PUBLIC_PRINCIPAL, ip = '10.5.0.1') => {
    let count = 0;
    for (let i = 0; i < n; i += 1) {
      try {
        await (limits[i % limits.length] as RateLimits).admit(principal, request(ip));
        count += 1;
      } catch (error) {
        if (!(error instanceof GraphQLError) || error.extensions.code !== 'RATE_LIMITED') throw error;
      }
    }
    return count;
  };

  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('are shared by every gateway instance on one Redis', async () => {
    const a = RateLimits.create(config({ CG_REDIS_URL: REDIS_URL }), { log: silent });
    const b = RateLimits.create(config({ CG_REDIS_URL: REDIS_URL }), { log: silent });
    try {
      // Let both connect: a limiter whose Redis is not ready yet counts in its process.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await admitted([a, b], 6)).toBe(3);
      const redis = new Redis(REDIS_URL);
      expect((await redis.keys(`${prefix}*`)).length).toBeGreaterThan(0);
      await redis.quit();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('share the daily inquiry quota too, kept in Redis until the next UTC midnight', async () => {
    const quota = config({ CG_REDIS_URL: REDIS_URL, CG_INQUIRY_QUOTA_DAILY: 'CREDIT_SERVICE=2' });
    const a = RateLimits.create(quota, { log: silent });
    const b = RateLimits.create(quota, { log: silent });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const bank = principalFromClaims({ ...DEMO_BANK_CALLER });
      expect(await a.consumeInquiry(bank)).toBeNull();
      expect(await b.consumeInquiry(bank)).toBeNull();
      const refused = await a.consumeInquiry(bank);
      expect(refused?.extensions).toEqual(expect.objectContaining({ code: 'RATE_LIMITED', limit: 'inquiries' }));
      const redis = new Redis(REDIS_URL);
      const [key] = await redis.keys(`${prefix}rl:inquiries:CREDIT_SERVICE:*`);
      expect(key).toBe(`${prefix}rl:inquiries:CREDIT_SERVICE:org:${DEMO_BANK_CALLER.org}:${new Date().toISOString().slice(0, 10)}`);
      const midnight = new Date();
      midnight.setUTCHours(24, 0, 0, 0);
      const ttl = await redis.pttl(key as string);
      expect(Math.abs(ttl - (midnight.getTime() - Date.now()))).toBeLessThan(3_000);
      await redis.quit();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('fall back to the process after one command timeout while Redis is connected but does not answer (stopped)', async () => {
    // A server that passes ioredis's ready check and then answers nothing, as a SIGSTOPped Redis.
    const hung = createServer((socket) =>
      socket.on('data', (chunk: Buffer) => {
        if (/info/i.test(chunk.toString('utf8'))) socket.write('$11\r\nloading:0\r\n\r\n');
      }),
    );
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const warnings: string[] = [];
    const limits = RateLimits.create(config({ CG_REDIS_URL: `redis://127.0.0.1:${(hung.address() as AddressInfo).port}` }), {
      log: { info: () => undefined, warn: (_d, m) => warnings.push(m) },
      redisCommandTimeoutMs: 250,
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = Date.now();
      expect(await admitted([limits], 5, PUBLIC_PRINCIPAL, '10.5.0.3')).toBe(3);
      // One request waited the 250 ms command timeout; the others counted in the process at once.
      expect(Date.now() - started).toBeLessThan(800);
      expect(warnings).toContain('Redis did not answer in time: this gateway process counts rate limits and quotas on its own for now');
    } finally {
      await limits.close();
      hung.close();
    }
  });

  it('fall back to each process counting on its own, with the same limits and a warning, while Redis is unreachable', async () => {
    const warnings: string[] = [];
    const limits = RateLimits.create(config({ CG_REDIS_URL: 'redis://127.0.0.1:1' }), { log: { info: () => undefined, warn: (_d, m) => warnings.push(m) } });
    try {
      expect(await admitted([limits], 5, PUBLIC_PRINCIPAL, '10.5.0.2')).toBe(3);
      expect(warnings).toContain('Redis did not answer in time: this gateway process counts rate limits and quotas on its own for now');
      const bank = principalFromClaims({ ...DEMO_BANK_CALLER });
      expect(await limits.consumeInquiry(bank)).toBeNull();
    } finally {
      await limits.close();
    }
  });
});

describe('configuration', () => {
  it('reads limits per principal kind over the defaults, and refuses a malformed one naming the variable', () => {
    expect(loadConfig({}, { CG_RATE_LIMIT_RPS: 'PUBLIC=5,REGULATOR=off', CG_INQUIRY_QUOTA_DAILY: 'CREDIT_SERVICE=500,SUBJECT=20' }).rateLimits).toEqual({
      requestsPerSecond: { PUBLIC: 5, SUBJECT: 20, CREDIT_SERVICE: 50, GOVERNMENT: 100, AUTHORITY: 20 },
      burst: { PUBLIC: 40, SUBJECT: 40, CREDIT_SERVICE: 100, GOVERNMENT: 200, REGULATOR: 200, AUTHORITY: 40 },
      inquiriesPerDay: { CREDIT_SERVICE: 500, SUBJECT: 20 },
      authFailuresPerMinute: 120,
      redisUrl: null,
      redisPrefix: 'cg:',
    });
    expect(loadConfig({}, { CG_RATE_LIMIT_RPS: 'off' }).rateLimits.requestsPerSecond).toEqual({});
    expect(() => loadConfig({}, { CG_RATE_LIMIT_RPS: 'PUBLIC=20,BANK=5' })).toThrow(
      'Invalid configuration: CG_RATE_LIMIT_RPS is invalid: "BANK" is not a principal kind; known: PUBLIC, SUBJECT, CREDIT_SERVICE, GOVERNMENT, REGULATOR',
    );
    expect(() => loadConfig({}, { CG_INQUIRY_QUOTA_DAILY: 'CREDIT_SERVICE=-1' })).toThrow(
      'Invalid configuration: CG_INQUIRY_QUOTA_DAILY is invalid: expected KIND=number pairs separated by commas (e.g. PUBLIC=20,CREDIT_SERVICE=50), got "CREDIT_SERVICE=-1"',
    );
    expect(() => loadConfig({}, { CG_REDIS_URL: 'http://127.0.0.1:6379' })).toThrow('Invalid configuration: CG_REDIS_URL is invalid: expected redis:// or rediss://, got "http:"');
  });
});
