import { AsyncLocalStorage } from 'node:async_hooks';
import CircuitBreaker from 'opossum';
import type { BreakerState, FetchEvent, FetchOutcome, GatewayObserver } from '../observe';
import type { ResilienceConfig } from '../../shared/config';
import { RetryBudget } from './retryBudget';
import { SubgraphAnswer, type SubgraphSend, type SubgraphSendInit } from './send';
import type { FetcherRequestInit } from '@apollo/utils.fetcher';

/**
 * How one gateway reaches its subgraphs when they are slow or down (Apollo Router's traffic shaping):
 *
 * - every fetch gets min(its subgraph's timeout, the time left before its request's deadline), and no
 *   fetch is sent once the deadline has passed;
 * - a circuit breaker per subgraph (opossum) counts connection errors, timeouts and HTTP 5xx — never a
 *   4xx, never a GraphQL error in a 200 — and while open fails every fetch at once without calling
 *   the subgraph; after `resetMs` one probe fetch (half open) closes it again or reopens it;
 * - a query's fetch refused or reset before any answer is retried with jittered exponential backoff,
 *   within the time left and a retry budget per subgraph; a mutation is never retried, nor is the
 *   gateway's own schema loading or a health probe.
 *
 * `Resilience.fetchFor(name, send)` turns any fetch (Node's, the undici pool's, a test's in-process
 * route, a tracing wrapper) into the guarded fetch of that subgraph; what it needs to know about the
 * fetch's request (its operation kind and deadline) comes through `withFetchScope`, which the data
 * source sets around each fetch. Every fetch is reported to the observer, once, with how it ended.
 */

export interface ResilienceSettings {
  /** A subgraph's fetch timeout when it has no override. */
  readonly timeoutMs: number;
  readonly timeoutsMs?: Readonly<Record<string, number>>;
  readonly breaker: ResilienceConfig['breaker'];
  readonly retry: ResilienceConfig['retry'];
}

export interface ResilienceOptions {
  readonly settings: ResilienceSettings;
  readonly observer?: GatewayObserver;
  readonly log?: { warn(details: Record<string, unknown>, message: string): void; info(details: Record<string, unknown>, message: string): void };
}

/** What a fetch's request tells the guard: set by the data source around each fetch. */
export interface FetchScope {
  readonly operation: FetchEvent['operation'];
  /** Epoch milliseconds after which nothing more is sent for the request; Infinity for none. */
  readonly deadline: number;
  readonly requestId?: string;
}

const scopes = new AsyncLocalStorage<FetchScope>();
const NO_SCOPE: FetchScope = { operation: 'schema', deadline: Number.POSITIVE_INFINITY };

export function withFetchScope<T>(scope: FetchScope, run: () => Promise<T>): Promise<T> {
  return scopes.run(scope, run);
}

/** A fetch that failed in a way the guard decided; `reason` says why in words a caller may read. */
export class SubgraphFetchError extends Error {
  constructor(
    readonly outcome: FetchOutcome,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(reason, options);
    this.name = 'SubgraphFetchError';
  }
}

export class FetchTimeout extends SubgraphFetchError {
  constructor(
    readonly ms: number,
    /** The request's deadline, not the subgraph's own timeout, cut this fetch short. */
    readonly byDeadline: boolean,
    options?: ErrorOptions,
  ) {
    super('timeout', byDeadline ? "no answer before the request's deadline" : `no answer within ${ms} ms`, options);
  }
}

export class DeadlineExceeded extends SubgraphFetchError {
  constructor() {
    super('timeout', "the request's deadline passed before it could be asked");
  }
}

export class CircuitOpen extends SubgraphFetchError {
  constructor() {
    super('circuit_open', 'it failed repeatedly and is not called for a while');
  }
}

/** A 5xx answer: a failure for the breaker, still handed back to the data source as the answer it is. */
class ServerFailure extends Error {
  constructor(readonly response: SubgraphAnswer) {
    super(`HTTP ${response.status}`);
  }
}

const CONNECTION_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** Refused or reset before any answer: the only failure a query's fetch is retried on. */
export function isConnectionError(error: unknown): boolean {
  let e = error as { code?: unknown; cause?: unknown; errors?: unknown[] } | undefined;
  for (let depth = 0; e && depth < 4; depth += 1) {
    if (typeof e.code === 'string' && CONNECTION_CODES.has(e.code)) return true;
    if (Array.isArray(e.errors) && e.errors.some((inner) => isConnectionError(inner))) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** What counts against a subgraph: not a fetch its request's deadline cut short, nor one its caller aborted. */
function countsAgainst(error: unknown): boolean {
  if (error instanceof FetchTimeout) return !error.byDeadline;
  const name = (error as { name?: unknown } | undefined)?.name;
  return name !== 'AbortError';
}

function outcomeOf(error: unknown): FetchOutcome {
  if (error instanceof SubgraphFetchError) return error.outcome;
  if (isConnectionError(error)) return 'connection_error';
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  return 'connection_error';
}

/**
 * One send with its own time limit, the answer read in full within it: a subgraph that sends headers
 * and then stalls is as slow as one that never answers.
 */
async function sendOnce(send: SubgraphSend, url: string, init: SubgraphSendInit, budgetMs: number, byDeadline: boolean): Promise<SubgraphAnswer> {
  // A controller and a timer rather than AbortSignal.timeout(), which builds its DOMException up front.
  const timer = new AbortController();
  const clock = setTimeout(() => timer.abort(), budgetMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timer.signal]) : timer.signal;
  try {
    const answer = await SubgraphAnswer.of(url, await send(url, { ...init, signal }));
    if (answer.status >= 500) throw new ServerFailure(answer);
    return answer;
  } catch (error) {
    if (timer.signal.aborted && !(error instanceof ServerFailure)) throw new FetchTimeout(budgetMs, byDeadline, { cause: error });
    throw error;
  } finally {
    clearTimeout(clock);
  }
}

/** A fetch's init as @apollo/gateway's data source gives it, as the gateway sends it. */
function sendInitOf(init: FetcherRequestInit): SubgraphSendInit {
  const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : init.body.toString('utf8');
  return {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers: init.headers ?? {},
    ...(body !== undefined ? { body } : {}),
    ...(init.signal ? { signal: init.signal as AbortSignal } : {}),
  };
}

/** A subgraph's guarded fetch: what @apollo/gateway's data source calls (its `Fetcher`). */
export type GuardedFetch = (url: string, init?: FetcherRequestInit) => Promise<SubgraphAnswer>;

type Attempt = () => Promise<SubgraphAnswer>;

/** One subgraph's breaker and retry budget. */
class SubgraphGuard {
  readonly breaker: CircuitBreaker<[Attempt], SubgraphAnswer> | null;
  readonly budget: RetryBudget;

  constructor(
    readonly name: string,
    settings: ResilienceSettings,
    observer: GatewayObserver,
    log: ResilienceOptions['log'],
  ) {
    const { breaker, retry } = settings;
    this.budget = new RetryBudget({ percent: retry.budgetPercent, minPerSecond: retry.minPerSecond, windowSeconds: 10 });
    if (!breaker.enabled) {
      this.breaker = null;
      return;
    }
    this.breaker = new CircuitBreaker<[Attempt], SubgraphAnswer>((attempt) => attempt(), {
      name,
      // Timeouts are the guard's (per fetch, within the deadline), not opossum's.
      timeout: false,
      errorThresholdPercentage: breaker.errorThresholdPercent,
      volumeThreshold: breaker.volumeThreshold,
      resetTimeout: breaker.resetMs,
      rollingCountTimeout: breaker.windowMs,
      rollingCountBuckets: 10,
      enableSnapshots: false,
      errorFilter: (error: unknown) => !countsAgainst(error),
    });
    const report = (state: BreakerState) => () => {
      observer.breaker?.(name, state);
      if (state === 'open') log?.warn({ subgraph: name, resetMs: breaker.resetMs }, 'circuit breaker opened: the subgraph fails fast until a probe succeeds');
      else log?.info({ subgraph: name }, state === 'closed' ? 'circuit breaker closed: the subgraph answers again' : 'circuit breaker half open: the next fetch probes the subgraph');
    };
    this.breaker.on('open', report('open'));
    this.breaker.on('halfOpen', report('half_open'));
    this.breaker.on('close', report('closed'));
  }

  get state(): BreakerState {
    if (!this.breaker || this.breaker.closed) return 'closed';
    return this.breaker.halfOpen ? 'half_open' : 'open';
  }

  async fire(attempt: Attempt): Promise<SubgraphAnswer> {
    if (!this.breaker) return attempt();
    try {
      return await this.breaker.fire(attempt);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'EOPENBREAKER') throw new CircuitOpen();
      throw error;
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Resilience {
  private readonly guards = new Map<string, SubgraphGuard>();
  private readonly observer: GatewayObserver;

  constructor(private readonly options: ResilienceOptions) {
    this.observer = options.observer ?? {};
  }

  /** Only a timeout per fetch: no breaker, no retry (a data source built on its own). */
  static timeoutOnly(timeoutMs: number, observer?: GatewayObserver): Resilience {
    return new Resilience({
      settings: {
        timeoutMs,
        breaker: { enabled: false, errorThresholdPercent: 50, volumeThreshold: 10, windowMs: 10_000, resetMs: 5_000 },
        retry: { max: 0, baseDelayMs: 25, maxDelayMs: 500, budgetPercent: 0, minPerSecond: 0 },
      },
      ...(observer ? { observer } : {}),
    });
  }

  timeoutFor(subgraph: string): number {
    return this.options.settings.timeoutsMs?.[subgraph] ?? this.options.settings.timeoutMs;
  }

  /** The breaker state of every subgraph fetched so far. */
  breakerStates(): Record<string, BreakerState> {
    return Object.fromEntries([...this.guards].map(([name, guard]) => [name, guard.state]));
  }

  private guard(subgraph: string): SubgraphGuard {
    let guard = this.guards.get(subgraph);
    if (!guard) {
      guard = new SubgraphGuard(subgraph, this.options.settings, this.observer, this.options.log);
      this.guards.set(subgraph, guard);
    }
    return guard;
  }

  /** The guarded fetch of one subgraph over `send`. */
  fetchFor(subgraph: string, send: SubgraphSend): GuardedFetch {
    const guard = this.guard(subgraph);
    const timeoutMs = this.timeoutFor(subgraph);
    const { retry } = this.options.settings;
    const observer = this.observer;
    return async (url, given = {}) => {
      const init = sendInitOf(given);
      const scope = scopes.getStore() ?? NO_SCOPE;
      const started = performance.now();
      let attempts = 0;
      let status: number | undefined;
      let outcome: FetchOutcome = 'ok';
      guard.budget.noteRequest();
      try {
        for (let retries = 0; ; retries += 1) {
          const left = scope.deadline - Date.now();
          if (left <= 0) throw new DeadlineExceeded();
          const budgetMs = Math.min(timeoutMs, Math.ceil(left));
          try {
            const response = await guard.fire(() => {
              attempts += 1;
              return sendOnce(send, url, init, budgetMs, budgetMs < timeoutMs);
            });
            status = response.status;
            outcome = response.ok ? 'ok' : 'http_error';
            return response;
          } catch (error) {
            if (error instanceof ServerFailure) {
              status = error.response.status;
              outcome = 'http_error';
              return error.response;
            }
            const retryable = scope.operation === 'query' && retries < retry.max && isConnectionError(error);
            if (!retryable) throw error;
            const delay = Math.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** retries);
            if (Date.now() + delay >= scope.deadline || !guard.budget.tryRetry()) throw error;
            await sleep(delay);
          }
        }
      } catch (error) {
        outcome = outcomeOf(error);
        throw error;
      } finally {
        const event: FetchEvent = {
          subgraph,
          operation: scope.operation,
          outcome,
          durationMs: performance.now() - started,
          attempts,
          ...(status !== undefined ? { status } : {}),
          ...(scope.requestId !== undefined ? { requestId: scope.requestId } : {}),
        };
        try {
          observer.fetch?.(event);
        } catch {
          // observing never changes what the caller gets
        }
      }
    };
  }

  /** Stops the breakers' timers. */
  close(): void {
    for (const guard of this.guards.values()) guard.breaker?.shutdown();
  }
}
