import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { proxyTrust } from '../shared/trustedProxies';
import type { Caller } from '../shared/auth/context';
import type { FetchEvent, GatewayObserver } from './observe';
import type { GatewayContext, GatewayRequest } from './request';

/**
 * Request ids and the request log of the gateway.
 *
 * Every request gets an id (a UUID) as Fastify creates it: the id of its `GatewayRequest`, signed
 * into each subgraph fetch's context and stored in its inquiry record, and returned on every
 * response in `x-request-id` (errors, 401, 413, 429, 503 included). An incoming `x-request-id` is
 * taken only from a trusted proxy (`CG_TRUSTED_PROXIES`, the direct peer) and only when it is a
 * UUID: the id keys the inquiry record, whose column is a UUID, and anything else would be a request
 * whose record cannot be written. Otherwise a fresh one is made.
 *
 * Once the response has left, one JSON line at info (`request`): the request id, the route, the
 * operation's name and type, the caller's kind and organization, the purpose, the HTTP status, the
 * duration, the denials and the error codes. Never a token, a subject code, a staff id, the query
 * text, the variables or anything personal. Each subgraph fetch is a debug line (`subgraph fetch`)
 * through `requestLogObserver`.
 */

export const REQUEST_ID_HEADER = 'x-request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A GraphQL name, as an operation name must be; anything else a caller sends is not logged. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/** Fastify's options for request ids: its `trustProxy` and `genReqId` over the same trusted list. */
export function requestIdOptions(trustedProxies: readonly string[]) {
  const trusted = proxyTrust(trustedProxies);
  return {
    trustProxy: trustedProxies.length > 0 ? [...trustedProxies] : false,
    genReqId: (raw: IncomingMessage): string => {
      const incoming = raw.headers[REQUEST_ID_HEADER];
      if (typeof incoming === 'string' && UUID.test(incoming) && trusted(raw.socket?.remoteAddress)) return incoming.toLowerCase();
      return randomUUID();
    },
  };
}

/** What the request line says, gathered as the request goes. */
interface Entry {
  caller?: Required<Caller>;
  operationName?: string;
  operationType?: string;
  errorCodes?: string[];
  denials?: number;
}

const entries = new WeakMap<FastifyRequest, Entry>();
const byGatewayRequest = new WeakMap<GatewayRequest, Entry>();

function codesOf(errors: ReadonlyArray<{ extensions?: Record<string, unknown> }> | undefined): { codes: string[]; denials: number } {
  const codes = new Set<string>();
  let denials = 0;
  for (const error of errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== 'string') continue;
    codes.add(code);
    if (code === 'UNAUTHORIZED_FIELD_OR_TYPE') denials += 1;
  }
  return { codes: [...codes].sort(), denials };
}

/** Wraps the context function: the request's caller is known to its log line once it is verified. */
export function loggedContext(contextFunction: (request: FastifyRequest, reply?: FastifyReply) => Promise<GatewayContext>) {
  return async (request: FastifyRequest, reply?: FastifyReply): Promise<GatewayContext> => {
    const context = await contextFunction(request, reply);
    const entry = entries.get(request);
    if (entry) {
      entry.caller = context.request.caller;
      byGatewayRequest.set(context.request, entry);
    }
    return context;
  };
}

/** The Apollo plugin that tells the request line the operation and the errors of its response. */
export function requestLogPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const entry = byGatewayRequest.get(contextValue.request);
      if (!entry) return;
      return {
        async didResolveOperation({ operationName, operation }) {
          entry.operationName = operationName ?? undefined;
          entry.operationType = operation?.operation;
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { codes, denials } = codesOf(response.body.singleResult.errors);
          entry.errorCodes = codes;
          entry.denials = denials;
        },
      };
    },
  };
}

/** Answers that Apollo never saw (401, 413, 404, 429, 503) are small: their codes are read from them. */
const SMALL_ANSWER = 16 * 1024;

/**
 * Installs the request id header and the request line on the gateway's public listener. `log`
 * receives the line (the app's logger by default; Fastify's own request logging stays off).
 */
export function observeRequests(app: FastifyInstance, log: FastifyBaseLogger = app.log): void {
  app.addHook('onRequest', async (request) => {
    entries.set(request, {});
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    const entry = entries.get(request);
    if (entry && entry.errorCodes === undefined && reply.statusCode >= 400 && typeof payload === 'string' && payload.length <= SMALL_ANSWER) {
      try {
        entry.errorCodes = codesOf((JSON.parse(payload) as { errors?: Array<{ extensions?: Record<string, unknown> }> }).errors).codes;
      } catch {
        // not JSON: no codes to tell
      }
    }
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    const entry = entries.get(request) ?? {};
    entries.delete(request);
    const body = request.body as { operationName?: unknown } | undefined;
    const stated = typeof body?.operationName === 'string' && OPERATION_NAME.test(body.operationName) ? body.operationName : undefined;
    const principal = entry.caller?.principal;
    log.info(
      {
        requestId: request.id,
        method: request.method,
        route: request.routeOptions.url ?? null,
        operationName: entry.operationName ?? stated ?? null,
        operationType: entry.operationType ?? null,
        callerKind: principal?.kind ?? null,
        organization: principal?.organization ?? null,
        purpose: entry.caller?.purpose ?? null,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
        denials: entry.denials ?? 0,
        errorCodes: entry.errorCodes ?? [],
      },
      'request',
    );
  });
}

/** The gateway observer that writes one debug line per subgraph fetch. */
export function requestLogObserver(log: Pick<FastifyBaseLogger, 'debug'>): GatewayObserver {
  return {
    fetch(event: FetchEvent) {
      log.debug(
        {
          requestId: event.requestId ?? null,
          subgraph: event.subgraph,
          operation: event.operation,
          outcome: event.outcome,
          status: event.status ?? null,
          durationMs: Math.round(event.durationMs * 100) / 100,
          attempts: event.attempts,
        },
        'subgraph fetch',
      );
    },
  };
}
