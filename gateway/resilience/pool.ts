import { STATUS_CODES } from 'node:http';
import { Agent } from 'undici';
import { SubgraphAnswer, type SubgraphSend } from './send';

/**
 * The gateway's keep-alive connections to its subgraphs: one undici Agent per gateway, one pool of
 * at most `connections` connections per subgraph origin, reused across requests (Apollo's
 * performance notes: keep-alive pools to subgraphs). Fetches past the limit wait for a free
 * connection. This is the default way subgraph calls are sent; tests give their own `subgraphFetch`.
 *
 * A call goes through the dispatcher's `request` and its body is read as one string: no WHATWG
 * Request, Response or stream is made for it (with `fetch`, those were a fifth of the gateway's CPU).
 * Redirects are not followed: a subgraph never redirects, and its answer is taken as it is.
 */
export interface SubgraphPool {
  readonly send: SubgraphSend;
  close(): Promise<void>;
}

export interface SubgraphPoolOptions {
  /** Connections per subgraph origin. */
  readonly connections: number;
  /** How long an idle connection is kept (a subgraph's Fastify keeps its side 72 s). */
  readonly keepAliveMs?: number;
}

/** A dispatcher's response headers as a Headers list (a repeated header is one value per line). */
function headersOf(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const one of value) headers.append(name, one);
    else headers.append(name, value);
  }
  return headers;
}

export function subgraphPool(options: SubgraphPoolOptions): SubgraphPool {
  const agent = new Agent({
    connections: options.connections,
    keepAliveTimeout: options.keepAliveMs ?? 30_000,
    keepAliveMaxTimeout: 60_000,
    // Connecting is part of the fetch's own timeout; this only bounds a connect nobody else limits.
    connect: { timeout: 10_000 },
  });
  // The few subgraph URLs, parsed once each.
  const targets = new Map<string, { origin: string; path: string }>();
  const target = (url: string) => {
    let found = targets.get(url);
    if (!found) {
      const parsed = new URL(url);
      found = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      if (targets.size < 1_000) targets.set(url, found);
    }
    return found;
  };
  const send: SubgraphSend = async (url, init) => {
    const { origin, path } = target(url);
    const { statusCode, headers, body } = await agent.request({
      origin,
      path,
      method: init.method,
      headers: init.headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
      ...(init.signal ? { signal: init.signal } : {}),
    });
    return new SubgraphAnswer(statusCode, STATUS_CODES[statusCode] ?? '', headersOf(headers), url, await body.text());
  };
  return { send, close: () => agent.close() };
}
