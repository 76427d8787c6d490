import type { FastifyInstance } from 'fastify';

/**
 * Servers the tests run without a socket: each gets an origin of its own (`http://<name>-<n>.in-process`)
 * that no DNS resolves, and `testFetch` sends a request for that origin to the server's `inject`
 * (light-my-request: the whole Fastify request path, routing, hooks, body limits, without the network).
 */
const servers = new Map<string, FastifyInstance>();
let served = 0;

export function serveInProcess(app: FastifyInstance, name: string): string {
  served += 1;
  const origin = `http://${name}-${served}.in-process`;
  servers.set(origin, app);
  return origin;
}

/** What fetch rejects with when its signal aborts: the signal's reason (a TimeoutError for AbortSignal.timeout). */
function whenAborted(signal: AbortSignal | null | undefined): Promise<never> | null {
  if (!signal) return null;
  signal.throwIfAborted();
  // The reason is the DOMException fetch would reject with (TimeoutError, AbortError), made in Node's realm, not this file's.
  return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));
}

/** Statuses whose WHATWG Response may not have a body. */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * `fetch` for tests: a URL on an in-process server's origin goes to its `inject` and comes back as a
 * WHATWG `Response`; any other URL (a raw server a test runs, a port nobody listens on) goes over
 * the network with Node's fetch, so connection refusals and timeouts stay real. The signal is
 * honoured as fetch honours it (inject itself cannot be cancelled: its answer is dropped).
 */
export const testFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const app = servers.get(url.origin);
  if (!app) return fetch(request);
  const signal = init?.signal ?? (input instanceof Request ? input.signal : null);
  const aborted = whenAborted(signal);
  const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
  const injected = app.inject({
    method: request.method as 'GET',
    url: `${url.pathname}${url.search}`,
    headers: { ...Object.fromEntries(request.headers), host: url.host },
    ...(body ? { payload: body } : {}),
  });
  const answer = aborted ? await Promise.race([injected, aborted]) : await injected;
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, String(one));
  }
  const hasBody = !NULL_BODY_STATUSES.has(answer.statusCode) && request.method !== 'HEAD';
  return new Response(hasBody ? answer.rawPayload : null, { status: answer.statusCode, statusText: answer.statusMessage, headers });
};
