import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { SubgraphDeps } from './types';
import { graphqlShapedHttpErrors } from '../http';
import { CONTEXT_HEADER, ContextVerifier, GRAPHQL_ROUTE, type VerifiedContext, type VerifiedGrants } from '../auth/context';
import { AuthenticationError } from '../auth/tokens';
import { DEVELOPMENT_ONLY_CONTEXT_PUBLIC_KEY } from '../auth/developmentKeys';
import { readFetchBody, SubgraphRequest, type FieldRequirements, type ResolverContext } from './request';
import { instrumentSubgraph } from './metrics';
import { traceServerRequests } from '../telemetry/fastify';
import { scopeRequestIds } from '../requestScope';

declare module 'fastify' {
  interface FastifyRequest {
    /** The gateway's context header, verified before the body is read; the body is checked against it next. */
    signedContext: VerifiedContext | null;
    /** The request as the gateway signed it, context, body and grants verified: null only on open routes. */
    subgraphRequest: SubgraphRequest | null;
  }
  interface FastifyInstance {
    /** The subgraph this server is: the audience its request contexts must name. */
    subgraphName?: string;
  }
}

/**
 * The only requests a subgraph answers without the gateway's signed context, by the route Fastify
 * matched and the method: its health checks. Everything else, known route or not, needs a context.
 */
export const HEALTH_ROUTES = ['/health', '/health/ready', '/health/live'] as const;
export const OPEN_ROUTES: ReadonlySet<string> = new Set(HEALTH_ROUTES.flatMap((route) => [`GET ${route}`, `HEAD ${route}`]));

/** What a subgraph answers, instead of anything it was about to confirm, once its store failed. */
export const STORE_UNAVAILABLE = {
  errors: [{ message: 'the subgraph store is unavailable; nothing was confirmed', extensions: { code: 'STORE_UNAVAILABLE' } }],
};

const MISSING = 'subgraphs answer only the gateway: the signed request context is missing';

/** The answer to a request the gateway did not sign (validly): 401 and no data. */
export function refuseUnauthenticated(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(401).send({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
}

/** The route Fastify matched (undefined when none did), never the raw URL. */
const openRoute = (request: FastifyRequest) => {
  const route = request.routeOptions.url;
  return route !== undefined && OPEN_ROUTES.has(`${request.method} ${route}`);
};

/**
 * A Fastify instance with what every subgraph shares: `/health` answers once the store answers, and
 * every other request is refused by default unless it carries the gateway's signed context made for
 * this subgraph, the route Fastify matched and the body Fastify parsed. A request that passes becomes
 * one `SubgraphRequest` (`request.subgraphRequest`), decided against `requirements`, this subgraph's
 * classification.
 */
export function subgraphHttp(name: string, deps: SubgraphDeps, requirements: FieldRequirements): FastifyInstance {
  const app = Fastify({
    ...(deps.logger === false
      ? { logger: false }
      : { loggerInstance: deps.logger, logController: new LogController({ disableRequestLogging: true }) }),
    // A target Fastify cannot even route (`/%zz`) matches no route, so it is refused like any other.
    frameworkErrors: (_error, request, reply) => {
      void refuseUnauthenticated(reply, request.headers[CONTEXT_HEADER] === undefined ? MISSING : 'the signed request context is for another route');
    },
  });
  graphqlShapedHttpErrors(app);
  instrumentSubgraph(name, app, deps.store, deps.records?.clock);
  // A server span per request, continuing the gateway's trace; log lines carry the signed request id.
  traceServerRequests(app);
  scopeRequestIds(app);
  app.decorateRequest('signedContext', null);
  app.decorateRequest('subgraphRequest', null);
  app.decorate('subgraphName', name);
  if (deps.context.publicKeyPem.trim() === DEVELOPMENT_ONLY_CONTEXT_PUBLIC_KEY.trim()) {
    app.log.warn(
      `${name}: DEVELOPMENT KEY IN USE: request contexts are verified with the published development key, which anyone can sign with; set CG_CONTEXT_PUBLIC_KEY (refused in production)`,
    );
  }
  const verifier = new ContextVerifier(deps.context.publicKeyPem, name, deps.context.ttlSeconds);

  // Refuse by default, before the body is even read: only the gateway may ask, for this route.
  app.addHook('onRequest', async (request, reply) => {
    if (openRoute(request)) return;
    try {
      request.signedContext = await verifier.verify(request.headers[CONTEXT_HEADER], request.routeOptions.url ?? '');
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      return refuseUnauthenticated(reply, error.message);
    }
  });

  // Once the body is parsed, and before any handler (GraphQL included) runs: it must be the body the
  // context was signed for. A GraphQL fetch's subject grants are bound to the same request, and count
  // only for the subjects the fetch concerns.
  app.addHook('preValidation', async (request, reply) => {
    if (openRoute(request)) return;
    const signed = request.signedContext;
    if (!signed) return refuseUnauthenticated(reply, MISSING);
    try {
      verifier.checkBody(signed, request.body);
      let subjects: readonly string[] = [];
      let grants: VerifiedGrants | null = null;
      if (request.routeOptions.url === GRAPHQL_ROUTE) {
        const fetch = readFetchBody(request.body);
        if (fetch.grantsToken !== undefined) grants = await verifier.verifyGrants(fetch.grantsToken, signed.context.requestId);
        subjects = fetch.subjects;
      }
      request.subgraphRequest = new SubgraphRequest(signed.context, subjects, grants, requirements);
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      return refuseUnauthenticated(reply, error.message);
    }
  });

  subgraphHealth(app, deps);
  return app;
}

/**
 * The health routes, and the rule that nothing is confirmed from a failed store:
 * - `GET /health/live`: 200 while the process serves (it exits once its store failed);
 * - `GET /health/ready` (and `/health`, which the supervisor and compose check): 200 when the store
 *   works and answers `select 1`, 503 at once after any store failure;
 * - every other answer is checked last, synchronously, against the store's health (an embedded
 *   store's folder still the one it opened): a failed store turns it into a 503 `STORE_UNAVAILABLE`,
 *   so no write is ever reported done that the store did not keep.
 * The bodies are the status only: nothing about the layout (which subgraph, which store).
 */
function subgraphHealth(app: FastifyInstance, deps: SubgraphDeps): void {
  const { health } = deps.store;
  const ready = async (_request: FastifyRequest, reply: FastifyReply) => {
    if (!health.confirm()) return reply.code(503).send({ status: 'unavailable' });
    try {
      await deps.store.db.raw('select 1');
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
    return health.confirm() ? { status: 'ok' } : reply.code(503).send({ status: 'unavailable' });
  };
  app.get('/health', ready);
  app.get('/health/ready', ready);
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.addHook('onSend', async (request, reply, payload) => {
    if (openRoute(request) || health.confirm()) return payload;
    reply.code(503).header('content-type', 'application/json; charset=utf-8').header('retry-after', '5');
    return JSON.stringify(STORE_UNAVAILABLE);
  });
}

/** A logger that satisfies the masking code when the server was built without one. */
export function errorLoggerOf(app: FastifyInstance) {
  return { error: (details: Record<string, unknown>, message: string) => app.log.error(details, message) };
}

/** The verified request of a route that is not open: its hooks refused the request otherwise. */
export function subgraphRequestOf(request: FastifyRequest): SubgraphRequest {
  if (!request.subgraphRequest) throw new Error(`${request.method} ${request.routeOptions.url ?? request.url} ran without a verified request`);
  return request.subgraphRequest;
}

/**
 * The context every resolver of every runtime gets: the subgraph's fresh per-request loaders, and the
 * verified request.
 */
export function resolverContext<Loaders extends object>(request: FastifyRequest, loaders: () => Loaders): ResolverContext<Loaders> {
  return { ...loaders(), request: subgraphRequestOf(request) };
}

/** The verifier a subgraph's own routes use for contexts inside a body (the access subgraph's inquiry records). */
export function contextVerifierFor(name: string, deps: SubgraphDeps): ContextVerifier {
  return new ContextVerifier(deps.context.publicKeyPem, name, deps.context.ttlSeconds);
}
