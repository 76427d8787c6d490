import type { FastifyInstance, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { echo } from './errors';

/** Whether a value (a parsed body, a variable, a string) holds U+0000, which PostgreSQL text refuses. */
export function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => holdsNul(v, depth + 1));
  return Object.entries(value as Record<string, unknown>).some(([k, v]) => k.includes('\u0000') || holdsNul(v, depth + 1));
}

/** A GraphQL string escape that decodes to U+0000 (`\u0000`, `\u{0}`), not itself escaped. */
const NUL_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\u(?:0000|\{0+\})/i;

/** Whether a GraphQL document's text holds a NUL, raw or as a string escape. */
export function documentTextHoldsNul(query: unknown): boolean {
  return typeof query === 'string' && (query.includes('\u0000') || NUL_ESCAPE.test(query));
}

/** Fastify's own messages that repeat what the caller sent, with what they may say instead. */
function httpMessage(error: FastifyError): string {
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'Unsupported media type';
  return echoesCapped(error.message);
}

/** A message with every quoted part capped to a short prefix (graphql-js and Fastify quote what they repeat). */
export function echoesCapped(message: string): string {
  return (
    message
      .replace(/"((?:[^"\\]|\\.)*)"/g, (whole, inner: string) => ([...inner].length > 24 ? `"${echo(inner)}"` : whole))
      // What a message repeats without quotes (a scalar's "invalid date-time-string 2024-…"): no word
      // of the graph's own is this long, so a longer unbroken run is input, and is cut to its prefix.
      .replace(/[^\s"]{41,}/g, (run) => echo(run))
  );
}

/**
 * The security headers of a response that is not a web page (an API's: it loads and runs nothing
 * and may not be framed). The gateway's public listener puts them on every response it makes
 * (gateway/httpPolicy.ts); the framework's own refusals below carry them on every server.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
});

/** API_SECURITY_HEADERS as raw header lines. */
const RAW_SECURITY_HEADERS = Object.entries(API_SECURITY_HEADERS)
  .map(([name, value]) => `${name}: ${value}\r\n`)
  .join('');

/** A refusal in the GraphQL error shape, as bytes for a raw socket. */
const refusalBody = (message: string) => JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });

/**
 * Fastify options for the refusals that happen before any route or hook runs, so that they too
 * answer in the GraphQL error shape and never repeat the caller's path: the router's (a path
 * parameter over its length, 414; a path that is not valid percent-encoding, 400) and the HTTP
 * parser's (headers over Node's size limit, 431; a malformed request, 400). Pass them to `Fastify()`.
 */
export const GRAPHQL_SHAPED_FRAMEWORK_ERRORS = {
  frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
    const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
    return reply
      .code(tooLong ? 414 : 400)
      .headers(API_SECURITY_HEADERS)
      .header('content-type', 'application/json; charset=utf-8')
      .send(refusalBody(tooLong ? 'A part of the request path is too long' : 'The request path is not valid (bad percent-encoding)'));
  },
  clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket) {
    if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
    const [status, reason, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'The request line and headers are over the size limit']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', 'The request took too long to arrive']
          : [400, 'Bad Request', 'The request is not valid HTTP'];
    const body = refusalBody(message);
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\n${RAW_SECURITY_HEADERS}Connection: close\r\n\r\n${body}`);
  },
};

const nulRefusal = { errors: [{ message: 'Strings may not contain the NUL character (U+0000)', extensions: { code: 'BAD_USER_INPUT' } }] };

/**
 * HTTP-level failures (a body that is not JSON, a body too large, an unknown route) answer in the
 * same shape as GraphQL errors, with a registered code, no framework internals and no more of the
 * caller's input than a short prefix. Every server of the graph (the gateway and each subgraph)
 * also refuses a NUL character anywhere in a request's arguments before anything reaches a store.
 */
export function graphqlShapedHttpErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unexpected error outside GraphQL execution');
      return reply.code(500).send({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
    return reply.code(status).send({ errors: [{ message: httpMessage(error), extensions: { code: 'BAD_REQUEST' } }] });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      errors: [{ message: `No route ${echo(request.method)} ${echo(request.url.split('?')[0])}`, extensions: { code: 'NOT_FOUND' } }],
    }),
  );
  app.addHook('preValidation', async (request, reply) => {
    // A route that checks each item of its body on its own (a group commit) refuses a NUL item by item.
    if ((request.routeOptions.config as { checksEachItem?: boolean } | undefined)?.checksEachItem) return;
    const body = request.body as { query?: unknown } | undefined;
    const query = request.query as { query?: unknown } | undefined;
    if (holdsNul(body) || holdsNul(query) || documentTextHoldsNul(body?.query) || documentTextHoldsNul(query?.query)) {
      return reply.code(400).send(nulRefusal);
    }
  });
}
