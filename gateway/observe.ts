import type { PrincipalKind } from '../shared/policy/principal';

/**
 * What the gateway's parts report as they work, for metrics and logs to observe. A part that has
 * something to tell (a data source, a breaker, the load shedder, the rate limiter, the safelist, the
 * inquiry writer) is given one `GatewayObserver` and calls the hook for its event; the metrics and
 * the request log are observers, combined into one by `combineObservers`. No part knows who listens.
 */

/** How one fetch from the gateway to a subgraph ended. */
export type FetchOutcome =
  /** The subgraph answered (2xx), whatever GraphQL errors its body holds. */
  | 'ok'
  /** The subgraph answered with an HTTP error status. */
  | 'http_error'
  /** The per-fetch timeout or the request's deadline passed first. */
  | 'timeout'
  /** The connection failed (refused, reset, DNS): retried for queries within the retry budget. */
  | 'connection_error'
  /** The subgraph's circuit breaker is open: not sent at all. */
  | 'circuit_open';

export interface FetchEvent {
  readonly subgraph: string;
  /** `query` or `mutation` for an operation's fetch; `schema` for `_service` loads and health probes. */
  readonly operation: 'query' | 'mutation' | 'subscription' | 'schema';
  readonly outcome: FetchOutcome;
  readonly durationMs: number;
  /** The HTTP status when the subgraph answered. */
  readonly status?: number;
  /** How many times the fetch was sent (1 without retries; 0 when the breaker was open). */
  readonly attempts: number;
  /** The gateway request the fetch belongs to, when there is one. */
  readonly requestId?: string;
}

export type BreakerState = 'closed' | 'open' | 'half_open';

export type RateLimitKind = 'requests' | 'inquiries';

export type SafelistOutcome = 'listed' | 'unlisted_logged' | 'refused';

export interface InquiryWriteEvent {
  readonly durationMs: number;
  /** Disclosures the record carries (its batch size). */
  readonly disclosures: number;
  readonly ok: boolean;
}

export interface GatewayObserver {
  fetch?(event: FetchEvent): void;
  breaker?(subgraph: string, state: BreakerState): void;
  /** A request refused because the process already serves as many as it may. */
  shed?(): void;
  rateLimited?(principal: PrincipalKind, limit: RateLimitKind): void;
  safelist?(outcome: SafelistOutcome): void;
  /** A field removed or refused by authorization. */
  denied?(category: string, level: string): void;
  inquiryWrite?(event: InquiryWriteEvent): void;
  /** The supergraph file changed: the new graph was loaded, or refused and the old one kept. */
  supergraphReload?(outcome: 'loaded' | 'rejected'): void;
  /** A lookup in one of the gateway's caches: authorization decisions, query plans, literal normalization. */
  cache?(cache: CacheName, outcome: 'hit' | 'miss'): void;
}

export type CacheName = 'authorization' | 'query_plan' | 'normalization';

const HOOKS = ['fetch', 'breaker', 'shed', 'rateLimited', 'safelist', 'denied', 'inquiryWrite', 'supergraphReload', 'cache'] as const;

/**
 * One observer that tells each of `observers` in turn. An observer that throws is not allowed to
 * break the request that reported: observing must never change what the caller gets.
 */
export function combineObservers(...observers: ReadonlyArray<GatewayObserver | undefined>): GatewayObserver {
  type Listener = (...args: unknown[]) => void;
  const present = observers.filter((o): o is GatewayObserver => o !== undefined);
  const combined: Partial<Record<(typeof HOOKS)[number], Listener>> = {};
  for (const hook of HOOKS) {
    const listeners: Listener[] = [];
    for (const observer of present) {
      if (observer[hook] !== undefined) listeners.push((...args) => (observer[hook] as (this: GatewayObserver, ...a: unknown[]) => void).call(observer, ...args));
    }
    if (listeners.length === 0) continue;
    combined[hook] = (...args: unknown[]) => {
      for (const listener of listeners) {
        try {
          listener(...args);
        } catch {
          // an observer's failure is its own; the request goes on
        }
      }
    };
  }
  return combined;
}
