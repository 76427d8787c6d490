import type { Config } from '../../shared/config';
import type { GatewayObserver } from '../observe';
import { subgraphPool } from './pool';
import { LoadShedder } from './shedding';
import { Resilience, type ResilienceOptions } from './subgraphFetch';
import type { SubgraphSend } from './send';

export { Resilience, withFetchScope } from './subgraphFetch';
export type { SubgraphSend } from './send';
export { LoadShedder, registerHealthRoutes, SHEDDER_FASTIFY_OPTIONS } from './shedding';
export { supergraphFile } from './supergraphWatch';

/** What the gateway is given to stay up when its subgraphs or its callers misbehave. */
export interface GatewayResilience {
  /** How subgraph calls are sent: the caller's `subgraphFetch`, or the gateway's undici keep-alive pool. */
  readonly send: SubgraphSend;
  /** Per-subgraph timeouts within the request deadline, breakers and retries, for the data sources. */
  readonly resilience: Resilience;
  /** The public listener's bound on in-flight requests (and its shutdown answer). */
  readonly shedder: LoadShedder;
  /** The request deadline the context function gives each request. */
  readonly requestDeadlineMs: number;
  close(): Promise<void>;
}

export function gatewayResilience(
  config: Config,
  options: { readonly subgraphFetch?: SubgraphSend; readonly observer?: GatewayObserver; readonly log?: ResilienceOptions['log'] },
): GatewayResilience {
  const { gateway } = config;
  const settings = gateway.resilience;
  const pool = options.subgraphFetch ? null : subgraphPool({ connections: settings.subgraphConnections });
  const resilience = new Resilience({
    settings: { timeoutMs: gateway.subgraphTimeoutMs, timeoutsMs: settings.subgraphTimeoutsMs, breaker: settings.breaker, retry: settings.retry },
    ...(options.observer ? { observer: options.observer } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const shedder = new LoadShedder({
    maxInFlight: settings.maxInFlight,
    retryAfterSeconds: settings.retryAfterSeconds,
    path: gateway.path,
    ...(options.observer ? { observer: options.observer } : {}),
  });
  return {
    send: options.subgraphFetch ?? (pool as NonNullable<typeof pool>).send,
    resilience,
    shedder,
    requestDeadlineMs: settings.requestDeadlineMs,
    async close() {
      resilience.close();
      await pool?.close();
    },
  };
}
