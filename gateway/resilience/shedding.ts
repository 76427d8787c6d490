import type { FastifyInstance, FastifyReply } from 'fastify';
import type { BreakerState, GatewayObserver } from '../observe';

/**
 * Load shedding and graceful refusal for the gateway's public listener. At most `maxInFlight` GraphQL
 * requests are served at once; one more is refused at once, in the `onRequest` hook — before its body
 * is read, its token verified or its operation parsed — with HTTP 503, `Retry-After` and
 * `SERVER_OVERLOADED` in the GraphQL error shape. Once the listener is closing (a signal, a deploy),
 * a request that still arrives on a kept-alive connection gets 503 `SHUTTING_DOWN` in the same shape
 * (Fastify's own closing answer is not GraphQL-shaped, so it is turned off: `return503OnClosing: false`),
 * and every response sent while draining closes its connection, so that kept-alive clients do not hold
 * the closing listener open until their keep-alive timeout.
 *
 * Only the GraphQL route counts and is refused: health routes always answer.
 */
export interface LoadShedderOptions {
  readonly maxInFlight: number;
  readonly retryAfterSeconds: number;
  /** The GraphQL route (`CG_GATEWAY_PATH`). */
  readonly path: string;
  readonly observer?: GatewayObserver;
  /** How long readiness stays false after a request was shed. */
  readonly shedMemoryMs?: number;
}

/** Fastify options the public listener needs for the shedder's shutdown answer. */
export const SHEDDER_FASTIFY_OPTIONS = { return503OnClosing: false } as const;

export class LoadShedder {
  private current = 0;
  private lastShedAt = Number.NEGATIVE_INFINITY;
  private closingNow = false;

  constructor(private readonly options: LoadShedderOptions) {}

  /** GraphQL requests being served now. */
  get inFlight(): number {
    return this.current;
  }

  /** At capacity, or refused a request within the last second. */
  get shedding(): boolean {
    return this.current >= this.options.maxInFlight || performance.now() - this.lastShedAt < (this.options.shedMemoryMs ?? 1_000);
  }

  get closing(): boolean {
    return this.closingNow;
  }

  private refuse(reply: FastifyReply, code: 'SERVER_OVERLOADED' | 'SHUTTING_DOWN', message: string) {
    return reply
      .code(503)
      .header('retry-after', String(this.options.retryAfterSeconds))
      .header('cache-control', 'no-store')
      .send({ errors: [{ message, extensions: { code } }] });
  }

  register(app: FastifyInstance): void {
    app.addHook('preClose', async () => {
      this.closingNow = true;
    });
    // A response that finishes while the listener drains closes its connection: a kept-alive client
    // would otherwise hold the listener open (Node closes only the connections idle when it closes).
    app.addHook('onSend', async (request, reply) => {
      if (this.closingNow && request.raw.httpVersionMajor < 2) reply.header('connection', 'close');
    });
    app.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.url !== this.options.path) return;
      if (this.closingNow) {
        return this.refuse(reply, 'SHUTTING_DOWN', 'The gateway is shutting down; retry the request');
      }
      if (this.current >= this.options.maxInFlight) {
        this.lastShedAt = performance.now();
        try {
          this.options.observer?.shed?.();
        } catch {
          // observing never changes what the caller gets
        }
        return this.refuse(reply, 'SERVER_OVERLOADED', 'The gateway is serving as many requests as it can; retry later');
      }
      this.current += 1;
      let released = false;
      // 'close' fires once the answer is sent or the connection dropped, whichever comes first.
      reply.raw.once('close', () => {
        if (released) return;
        released = true;
        this.current -= 1;
      });
    });
  }
}

export interface HealthState {
  /** Whether a supergraph is loaded. */
  supergraphLoaded(): boolean;
  readonly shedder: LoadShedder;
  /** The breaker state of each subgraph fetched so far (reported on the ops listener, when not all closed). */
  breakers?(): Record<string, BreakerState>;
}

/**
 * `GET /health/live`: the process answers (200 while it can answer at all). `GET /health/ready`: it
 * should get traffic: a supergraph is loaded, it is not shedding load and not shutting down (else
 * 503). Both listeners serve both; the public one says only the status, the ops listener also why,
 * how many requests are in flight, and the breakers that are not closed. An open breaker does not make
 * the gateway unready: it still answers every other sector, and another instance would find the same
 * subgraph down.
 */
function notClosed(state: HealthState): { breakers?: Record<string, BreakerState> } {
  const open = Object.entries(state.breakers?.() ?? {}).filter(([, breaker]) => breaker !== 'closed');
  return open.length > 0 ? { breakers: Object.fromEntries(open) } : {};
}

export function registerHealthRoutes(app: FastifyInstance, state: HealthState, detailed: boolean): void {
  app.get('/health/live', async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'live' }));
  app.get('/health/ready', async (_request, reply) => {
    const loaded = state.supergraphLoaded();
    const { shedder } = state;
    const ready = loaded && !shedder.shedding && !shedder.closing;
    const reason = !loaded ? 'supergraph not loaded' : shedder.closing ? 'shutting down' : shedder.shedding ? 'shedding load' : null;
    // Not ready is a 503 the gateway itself answers: in the GraphQL error shape, with a code.
    const errors = reason ? { errors: [{ message: `Not ready: ${reason}`, extensions: { code: 'NOT_READY' } }] } : {};
    const body = detailed
      ? { status: ready ? 'ready' : 'not_ready', ...(reason ? { reason } : {}), inFlight: shedder.inFlight, ...notClosed(state), ...errors }
      : { status: ready ? 'ready' : 'not_ready', ...errors };
    return reply.code(ready ? 200 : 503).header('cache-control', 'no-store').send(body);
  });
}
