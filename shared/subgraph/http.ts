import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import type { SubgraphDeps } from './types';
import { graphqlShapedHttpErrors } from '../http';
import { CONTEXT_HEADER, GRANTS_EXTENSION, verifyContext, verifyGrants, type ForwardedContext } from '../auth/context';
import { AuthenticationError } from '../auth/tokens';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller the gateway verified, from its signed request context. */
    forwarded?: ForwardedContext;
  }
}

/** The answer to a request the gateway did not sign (validly): 401 and no data. */
export function refuseUnauthenticated(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(401).send({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
}

/** A Fastify instance with the routes every subgraph has: `/health` answers once the store answers. */
export function subgraphHttp(_name: string, deps: SubgraphDeps): FastifyInstance {
  const app = Fastify(
    deps.logger === false
      ? { logger: false }
      : { loggerInstance: deps.logger, logController: new LogController({ disableRequestLogging: true }) },
  );
  graphqlShapedHttpErrors(app);
  app.decorateRequest('forwarded', undefined);
  // Only the gateway may ask: a request without its signed, unexpired context gets no data at all.
  // That holds for the gateway-only routes under /internal/ too.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/graphql') && !request.url.startsWith('/internal/')) return;
    try {
      request.forwarded = await verifyContext(deps.internalSecret, request.headers[CONTEXT_HEADER]);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      return refuseUnauthenticated(reply, error.message);
    }
  });
  // The grants of the subjects a fetch is about come in its body, signed and bound to its context.
  app.addHook('preHandler', async (request, reply) => {
    if (!request.forwarded || !request.url.startsWith('/graphql')) return;
    const token = (request.body as { extensions?: Record<string, unknown> } | undefined)?.extensions?.[GRANTS_EXTENSION];
    if (token === undefined) return;
    try {
      request.forwarded = { ...request.forwarded, ...(await verifyGrants(deps.internalSecret, token, request.forwarded.requestId)) };
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      return refuseUnauthenticated(reply, error.message);
    }
  });
  app.get('/health', async (_request, reply) => {
    try {
      await deps.store.db.raw('select 1');
      // The status only: nothing about the layout (which subgraph, which store) to whoever asks.
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
  return app;
}

/** A logger that satisfies the masking code when the server was built without one. */
export function errorLoggerOf(app: FastifyInstance) {
  return { error: (details: Record<string, unknown>, message: string) => app.log.error(details, message) };
}
