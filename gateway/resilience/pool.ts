import { Agent, fetch as undiciFetch } from 'undici';

/**
 * The gateway's keep-alive connections to its subgraphs: one undici Agent per gateway, one pool of
 * at most `connections` connections per subgraph origin, reused across requests (Apollo's
 * performance notes: keep-alive pools to subgraphs). Fetches past the limit wait for a free
 * connection. This is the default way subgraph calls are sent; tests give their own `subgraphFetch`.
 */
export interface SubgraphPool {
  readonly send: typeof fetch;
  close(): Promise<void>;
}

export interface SubgraphPoolOptions {
  /** Connections per subgraph origin. */
  readonly connections: number;
  /** How long an idle connection is kept (a subgraph's Fastify keeps its side 72 s). */
  readonly keepAliveMs?: number;
}

export function subgraphPool(options: SubgraphPoolOptions): SubgraphPool {
  const agent = new Agent({
    connections: options.connections,
    keepAliveTimeout: options.keepAliveMs ?? 30_000,
    keepAliveMaxTimeout: 60_000,
    // Connecting is part of the fetch's own timeout; this only bounds a connect nobody else limits.
    connect: { timeout: 10_000 },
  });
  const send = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent })) as unknown as typeof fetch;
  return { send, close: () => agent.close() };
}
