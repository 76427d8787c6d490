import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';

/**
 * The gateway request a subgraph is serving, for its log lines: a subgraph's logger (`pino({ mixin:
 * requestIdMixin })`) adds `requestId` to every line written while a request's handler runs, taken
 * from the context the gateway signed (never from an unsigned header). Lines outside a request
 * carry none.
 */
const scope = new AsyncLocalStorage<{ readonly requestId: string }>();

/** pino's `mixin`: the request id of the request being served, if any. */
export function requestIdMixin(): { requestId?: string } {
  const current = scope.getStore();
  return current ? { requestId: current.requestId } : {};
}

/** Runs each verified request's handler in the scope of its signed request id. */
export function scopeRequestIds(app: FastifyInstance): void {
  app.addHook('preHandler', (request, _reply, done) => {
    const requestId = request.signedContext?.context.requestId;
    if (!requestId) return done();
    scope.run({ requestId }, done);
  });
}
