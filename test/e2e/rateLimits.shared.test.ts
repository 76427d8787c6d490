import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Redis } from 'ioredis';
import { callerHeaders, DEMO_BANK_CALLER } from '../support/graph';
import { currentServiceBuild } from '../../scripts/serviceBuild';
import { compiledEntry } from '../../shared/supervisor';

/**
 * Two real gateway processes (compiled, as npm start and the image run them: `node
 * <build>/gateway/index.js`; the supergraph from its file, no subgraph needed for `{ __typename }`)
 * count the public's requests in the one real Redis at 127.0.0.1:6379: with 5 requests per second
 * and no burst, requests spread over both gateways are refused from the sixth, wherever it lands.
 * Each run has its own key prefix, removed afterwards.
 */

const ROOT = path.resolve(__dirname, '../..');
const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `cg-e2e-${randomUUID().slice(0, 8)}:`;
const GATEWAYS = [
  { port: 4400, ops: 4490 },
  { port: 4401, ops: 4491 },
] as const;

/**
 * Two gateway processes starting: about 2 s each on a quiet 2-core machine, several times that when
 * the machine is loaded. Only the start may take that long; the test itself takes milliseconds.
 */
const STARTUP_MS = 60_000;

const children: ChildProcess[] = [];
let output = '';

function start(build: string, port: number, ops: number): ChildProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', compiledEntry(build, 'gateway/index.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      APOLLO_TELEMETRY_DISABLED: '1',
      CG_SUPERGRAPH: 'supergraph.graphql',
      CG_GATEWAY_PORT: String(port),
      CG_GATEWAY_OPS_PORT: String(ops),
      CG_REDIS_URL: REDIS_URL,
      CG_REDIS_PREFIX: PREFIX,
      CG_RATE_LIMIT_RPS: 'PUBLIC=5',
      CG_RATE_LIMIT_BURST: 'PUBLIC=0',
      CG_PERSISTED_QUERIES: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  children.push(child);
  return child;
}

async function healthy(port: number, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the gateway on ${port} exited: ${output.slice(-2_000)}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(500) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the gateway on ${port} was not healthy in time: ${output.slice(-2_000)}`);
}

async function ask(port: number, headers: Record<string, string> = {}) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  const limit = Object.fromEntries(['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after'].flatMap((h) => (response.headers.has(h) ? [[h, response.headers.get(h)]] : [])));
  return { status: response.status, headers: limit, body: (await response.json()) };
}

beforeAll(async () => {
  const deadline = Date.now() + STARTUP_MS - 5_000;
  const build = await currentServiceBuild();
  const started = GATEWAYS.map(({ port, ops }) => start(build, port, ops));
  await Promise.all(GATEWAYS.map(({ port }, i) => healthy(port, started[i] as ChildProcess, deadline)));
  // Warm each gateway's GraphQL path as an organization, counted under its own key.
  const bank = await callerHeaders(DEMO_BANK_CALLER);
  for (const { port } of GATEWAYS) expect((await ask(port, bank)).status).toBe(200);
}, STARTUP_MS);

afterAll(async () => {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  expect(await redis.keys(`${PREFIX}*`)).toEqual([]);
  await redis.quit();
});

it('shares the public rate limit across two gateway processes through Redis: the sixth request in a second is refused wherever it lands', async () => {
  const answers = [];
  for (let i = 0; i < 6; i += 1) answers.push({ gateway: i % 2, ...(await ask((GATEWAYS[i % 2] as { port: number }).port)) });
  const ok = (gateway: number, remaining: number) => ({
    gateway,
    status: 200,
    headers: { 'ratelimit-limit': '5', 'ratelimit-remaining': String(remaining), 'ratelimit-reset': '1' },
    body: { data: { __typename: 'Query' } },
  });
  expect(answers).toEqual([
    ok(0, 4),
    ok(1, 3),
    ok(0, 2),
    ok(1, 1),
    ok(0, 0),
    {
      gateway: 1,
      status: 429,
      headers: { 'ratelimit-limit': '5', 'ratelimit-remaining': '0', 'ratelimit-reset': '1', 'retry-after': '1' },
      body: { errors: [{ message: 'Too many requests: at most 5 per second for this caller; retry in 1 s', extensions: { code: 'RATE_LIMITED', limit: 'requests' } }] },
    },
  ]);
  // The count is in Redis, under this run's prefix.
  const redis = new Redis(REDIS_URL);
  expect(await redis.keys(`${PREFIX}rl:rps:PUBLIC:*`)).toEqual([`${PREFIX}rl:rps:PUBLIC:ip:127.0.0.1`]);
  await redis.quit();
});
