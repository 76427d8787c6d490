import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FetchEvent, BreakerState } from '../observe';
import { RetryBudget } from './retryBudget';
import { Resilience, withFetchScope, type ResilienceSettings } from './subgraphFetch';
import { subgraphPool } from './pool';

/**
 * The guard of subgraph fetches over real sockets: a server that counts what reaches it, a port
 * nobody listens on (connection refused), a server that resets connections.
 */

const SETTINGS: ResilienceSettings = {
  timeoutMs: 1_000,
  breaker: { enabled: false, errorThresholdPercent: 50, volumeThreshold: 3, windowMs: 10_000, resetMs: 500 },
  retry: { max: 2, baseDelayMs: 1, maxDelayMs: 5, budgetPercent: 100, minPerSecond: 100 },
};

interface Counted {
  url: string;
  calls: () => number;
  close: () => Promise<void>;
}

async function server(handler: (request: http.IncomingMessage, response: http.ServerResponse, call: number) => void): Promise<Counted> {
  let calls = 0;
  const s = http.createServer((request, response) => {
    calls += 1;
    handler(request, response, calls);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    calls: () => calls,
    close: () =>
      new Promise<void>((resolve) => {
        s.closeAllConnections();
        s.close(() => resolve());
      }),
  };
}

async function refusedUrl(): Promise<string> {
  const s = await server(() => undefined);
  await s.close();
  return s.url;
}

/** Counts every send that goes out (the transport seam the data source is given). */
function counting(send: typeof fetch = fetch): { send: typeof fetch; sent: () => number } {
  let sent = 0;
  return {
    send: ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      sent += 1;
      return send(input, init);
    }),
    sent: () => sent,
  };
}

const json = (response: http.ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

const POST = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' };
const query = (deadline = Number.POSITIVE_INFINITY) => ({ operation: 'query' as const, deadline, requestId: 'r-1' });

function observed() {
  const fetches: FetchEvent[] = [];
  const breakers: Array<[string, BreakerState]> = [];
  return { fetches, breakers, observer: { fetch: (e: FetchEvent) => fetches.push(e), breaker: (s: string, state: BreakerState) => breakers.push([s, state]) } };
}

describe('the request deadline', () => {
  it('sends nothing once the deadline has passed', async () => {
    const { send, sent } = counting();
    const seen = observed();
    const guarded = new Resilience({ settings: SETTINGS, observer: seen.observer }).fetchFor('finance', send);
    await expect(withFetchScope(query(Date.now() - 1), () => guarded('http://127.0.0.1:9/graphql', POST))).rejects.toMatchObject({
      reason: "the request's deadline passed before it could be asked",
    });
    expect(sent()).toBe(0);
    expect(seen.fetches).toEqual([expect.objectContaining({ subgraph: 'finance', operation: 'query', outcome: 'timeout', attempts: 0, requestId: 'r-1' })]);
  });

  it('gives a fetch only the time left before the deadline, not its whole timeout', async () => {
    const silent = await server(() => undefined);
    try {
      const guarded = new Resilience({ settings: { ...SETTINGS, timeoutMs: 5_000 } }).fetchFor('taxation', fetch);
      const started = Date.now();
      await expect(withFetchScope(query(Date.now() + 150), () => guarded(silent.url, POST))).rejects.toMatchObject({
        reason: "no answer before the request's deadline",
      });
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await silent.close();
    }
  });

  it("uses a subgraph's own timeout over the default", async () => {
    const silent = await server(() => undefined);
    try {
      const resilience = new Resilience({ settings: { ...SETTINGS, timeoutMs: 5_000, timeoutsMs: { taxation: 100 } } });
      expect(resilience.timeoutFor('taxation')).toBe(100);
      expect(resilience.timeoutFor('finance')).toBe(5_000);
      await expect(withFetchScope(query(), () => resilience.fetchFor('taxation', fetch)(silent.url, POST))).rejects.toMatchObject({ reason: 'no answer within 100 ms' });
    } finally {
      await silent.close();
    }
  });
});

describe('the circuit breaker', () => {
  const breaking: ResilienceSettings = { ...SETTINGS, breaker: { ...SETTINGS.breaker, enabled: true }, retry: { ...SETTINGS.retry, max: 0 } };

  it('opens after failures, then fails fast without calling the subgraph, and closes after a probe succeeds', async () => {
    let healthy = false;
    const subgraph = await server((_request, response) => (healthy ? json(response, 200, { data: { __typename: 'Query' } }) : json(response, 503, { errors: [] })));
    try {
      const seen = observed();
      const guarded = new Resilience({ settings: breaking, observer: seen.observer }).fetchFor('healthcare', fetch);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await withFetchScope(query(), () => guarded(subgraph.url, POST))).status);
      // Each failure still hands back the subgraph's own answer (the data source reports its status).
      expect(statuses).toEqual([503, 503, 503]);
      expect(subgraph.calls()).toBe(3);
      expect(seen.breakers).toEqual([['healthcare', 'open']]);

      const started = performance.now();
      await expect(withFetchScope(query(), () => guarded(subgraph.url, POST))).rejects.toMatchObject({
        outcome: 'circuit_open',
        reason: 'it failed repeatedly and is not called for a while',
      });
      expect(performance.now() - started).toBeLessThan(250); // no network round trip, no timeout: at once, with room for a busy machine
      expect(subgraph.calls()).toBe(3);
      expect(seen.fetches.at(-1)).toMatchObject({ outcome: 'circuit_open', attempts: 0 });

      healthy = true;
      await new Promise((resolve) => setTimeout(resolve, 550));
      const probe = await withFetchScope(query(), () => guarded(subgraph.url, POST));
      expect(probe.status).toBe(200);
      expect(await probe.json()).toEqual({ data: { __typename: 'Query' } });
      expect(seen.breakers).toEqual([
        ['healthcare', 'open'],
        ['healthcare', 'half_open'],
        ['healthcare', 'closed'],
      ]);
      expect(subgraph.calls()).toBe(4);
    } finally {
      await subgraph.close();
    }
  });

  it('never counts a 4xx or a GraphQL error in a 200 as a failure', async () => {
    const subgraph = await server((_request, response, call) =>
      call % 2 === 0 ? json(response, 400, { errors: [{ message: 'bad', extensions: { code: 'BAD_USER_INPUT' } }] }) : json(response, 200, { errors: [{ message: 'oops' }] }),
    );
    try {
      const seen = observed();
      const guarded = new Resilience({ settings: breaking, observer: seen.observer }).fetchFor('finance', fetch);
      for (let i = 0; i < 8; i += 1) await withFetchScope(query(), () => guarded(subgraph.url, POST));
      expect(subgraph.calls()).toBe(8);
      expect(seen.breakers).toEqual([]);
      expect(seen.fetches.map((e) => e.outcome)).toEqual(['ok', 'http_error', 'ok', 'http_error', 'ok', 'http_error', 'ok', 'http_error']);
    } finally {
      await subgraph.close();
    }
  });

  it('opens on connection refusals and timeouts', async () => {
    const seen = observed();
    const resilience = new Resilience({ settings: { ...breaking, timeoutMs: 50 }, observer: seen.observer });
    const refused = resilience.fetchFor('registry', fetch);
    const dead = await refusedUrl();
    for (let i = 0; i < 3; i += 1) await expect(withFetchScope(query(), () => refused(dead, POST))).rejects.toBeDefined();
    const silent = await server(() => undefined);
    try {
      const slow = resilience.fetchFor('taxation', fetch);
      for (let i = 0; i < 3; i += 1) await expect(withFetchScope(query(), () => slow(silent.url, POST))).rejects.toMatchObject({ reason: 'no answer within 50 ms' });
      expect(seen.breakers).toEqual([
        ['registry', 'open'],
        ['taxation', 'open'],
      ]);
      expect(resilience.breakerStates()).toEqual({ registry: 'open', taxation: 'open' });
    } finally {
      await silent.close();
      resilience.close();
    }
  });
});

describe('retries', () => {
  it('retries a query refused before any answer, and succeeds when the subgraph comes back', async () => {
    const flaky = await server((request, response, call) => (call === 1 ? request.socket.destroy() : json(response, 200, { data: { ok: true } })));
    try {
      const seen = observed();
      const guarded = new Resilience({ settings: SETTINGS, observer: seen.observer }).fetchFor('finance', fetch);
      const response = await withFetchScope(query(), () => guarded(flaky.url, POST));
      expect(await response.json()).toEqual({ data: { ok: true } });
      expect(flaky.calls()).toBe(2);
      expect(seen.fetches).toEqual([expect.objectContaining({ outcome: 'ok', attempts: 2, status: 200 })]);
    } finally {
      await flaky.close();
    }
  });

  it('retries a query on connection refused up to the limit', async () => {
    const { send, sent } = counting();
    const seen = observed();
    const guarded = new Resilience({ settings: SETTINGS, observer: seen.observer }).fetchFor('finance', send);
    await expect(withFetchScope(query(), async () => guarded(await refusedUrl(), POST))).rejects.toThrow('fetch failed');
    expect(sent()).toBe(3);
    expect(seen.fetches).toEqual([expect.objectContaining({ outcome: 'connection_error', attempts: 3 })]);
  });

  it('never retries a mutation, the schema loading, a timeout or an HTTP error', async () => {
    const dead = await refusedUrl();
    const { send, sent } = counting();
    const guarded = new Resilience({ settings: SETTINGS }).fetchFor('access', send);
    await expect(withFetchScope({ operation: 'mutation', deadline: Number.POSITIVE_INFINITY }, () => guarded(dead, POST))).rejects.toThrow('fetch failed');
    expect(sent()).toBe(1);
    await expect(guarded(dead, POST)).rejects.toThrow('fetch failed'); // no scope: the gateway's own fetch
    expect(sent()).toBe(2);
    const failing = await server((_request, response) => json(response, 502, {}));
    const silent = await server(() => undefined);
    try {
      expect((await withFetchScope(query(), () => guarded(failing.url, POST))).status).toBe(502);
      expect(failing.calls()).toBe(1);
      // Counted as sent, not as received: on a busy machine 50 ms can pass before the server sees the request.
      const attempts = counting(fetch);
      const quick = new Resilience({ settings: { ...SETTINGS, timeoutMs: 50 } }).fetchFor('access', attempts.send);
      await expect(withFetchScope(query(), () => quick(silent.url, POST))).rejects.toMatchObject({ reason: 'no answer within 50 ms' });
      expect(attempts.sent()).toBe(1);
    } finally {
      await failing.close();
      await silent.close();
    }
  });

  it('stays within the retry budget when a subgraph is down for good', async () => {
    const dead = await refusedUrl();
    const { send, sent } = counting();
    const guarded = new Resilience({ settings: { ...SETTINGS, retry: { ...SETTINGS.retry, budgetPercent: 10, minPerSecond: 0 } } }).fetchFor('finance', send);
    for (let i = 0; i < 50; i += 1) await expect(withFetchScope(query(), () => guarded(dead, POST))).rejects.toThrow('fetch failed');
    // 50 fetches; retries may add 10% of them: 5, where an unbudgeted retry policy would have sent 100 more.
    expect(sent()).toBe(55);
  });

  it('budget: the minimum per second holds for a quiet subgraph, the share on top of it', () => {
    let now = 1_000_000;
    const budget = new RetryBudget({ percent: 20, minPerSecond: 1, windowSeconds: 10 }, () => now);
    const granted = () => Array.from({ length: 20 }, () => budget.tryRetry()).filter(Boolean).length;
    expect(granted()).toBe(10); // 1 per second over the 10 s window
    for (let i = 0; i < 50; i += 1) budget.noteRequest();
    expect(granted()).toBe(10); // 20% of 50 requests
    now += 11_000;
    expect(granted()).toBe(10); // the window moved on: the minimum again
  });
});

describe('the keep-alive pool', () => {
  it('reuses connections to a subgraph and opens no more than its limit', async () => {
    const sockets = new Set<unknown>();
    let concurrent = 0;
    let most = 0;
    const subgraph = await server((request, response) => {
      sockets.add(request.socket);
      concurrent += 1;
      most = Math.max(most, concurrent);
      setTimeout(() => {
        concurrent -= 1;
        json(response, 200, { data: {} });
      }, 10);
    });
    const pool = subgraphPool({ connections: 2 });
    try {
      await Promise.all(Array.from({ length: 20 }, async () => (await pool.send(subgraph.url, POST)).json()));
      expect(sockets.size).toBe(2);
      expect(most).toBe(2);
    } finally {
      await pool.close();
      await subgraph.close();
    }
  });
});
