import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { SubgraphDeps } from './types';
import { graphqlShapedHttpErrors } from '../http';
import { CONTEXT_HEADER, ContextVerifier, GRAPHQL_ROUTE, type VerifiedContext, type VerifiedGrants } from '../auth/context';
import { AuthenticationError } from '../auth/tokens';
import { DEVELOPMENT_ONLY_CONTEXT_PUBLIC_KEY } from '../auth/developmentKeys';
import { readFetchBody, SubgraphRequest, type FieldRequirements, type ResolverContext } from './request';
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
 * matched and the method: its health check. Everything else, known route or not, needs a context.
 */
export const OPEN_ROUTES: ReadonlySet<string> = new Set(['GET /health', 'HEAD /health']);

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
