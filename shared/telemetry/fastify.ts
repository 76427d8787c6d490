import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { tracer } from './index';

/**
 * A server span per request of a Fastify server, continuing the trace of the W3C `traceparent` the
 * caller sent (the gateway's client span for a subgraph fetch), extracted explicitly from the
 * headers: it works with `inject` in jest as over a socket. The handler (GraphQL execution, a route)
 * runs with the span active, so resolver and SQL spans are its children. The span is named by the
 * method and the route Fastify matched, never the raw URL; it holds the status.
 */

interface Traced {
  readonly span: Span;
  readonly context: Context;
}

const spans = new WeakMap<FastifyRequest, Traced>();

const getter = {
  keys: (carrier: FastifyRequest['headers']) => Object.keys(carrier),
  get: (carrier: FastifyRequest['headers'], key: string) => carrier[key],
};

/** The context a request's handler runs in (its server span), for code that runs outside it. */
export function requestTraceContext(request: FastifyRequest): Context | undefined {
  return spans.get(request)?.context;
}

/**
 * `continueTrace: false` (the gateway, which strangers call) starts a new trace for every request
 * whatever `traceparent` it carries; a subgraph, which only the gateway calls, continues it.
 */
export function traceServerRequests(app: FastifyInstance, options: { readonly continueTrace?: boolean } = {}): void {
  const continueTrace = options.continueTrace ?? true;
  app.addHook('onRequest', (request, _reply, done) => {
    const parent = continueTrace ? propagation.extract(ROOT_CONTEXT, request.headers, getter) : ROOT_CONTEXT;
    const route = request.routeOptions.url;
    const span = tracer.startSpan(route ? `${request.method} ${route}` : request.method, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': request.method, ...(route ? { 'http.route': route } : {}) },
    }, parent);
    if (!span.isRecording()) return done();
    const active = trace.setSpan(parent, span);
    spans.set(request, { span, context: active });
    context.with(active, done);
  });
  // Body parsing resumes outside any context: the handler is entered again within the span's.
  app.addHook('preHandler', (request, _reply, done) => {
    const traced = spans.get(request);
    if (!traced) return done();
    context.with(traced.context, done);
  });
  app.addHook('onResponse', async (request, reply) => {
    const traced = spans.get(request);
    if (!traced) return;
    spans.delete(request);
    traced.span.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) traced.span.setStatus({ code: SpanStatusCode.ERROR });
    traced.span.end();
  });
  app.addHook('onRequestAbort', async (request) => {
    const traced = spans.get(request);
    if (!traced) return;
    spans.delete(request);
    traced.span.setStatus({ code: SpanStatusCode.ERROR });
    traced.span.setAttribute('error.type', 'aborted');
    traced.span.end();
  });
}
