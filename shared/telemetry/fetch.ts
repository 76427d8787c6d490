import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { tracer } from './index';

/**
 * `fetch` with a client span per call and the W3C `traceparent` (and `tracestate`, baggage) of that
 * span injected into the request's headers, so the subgraph's server span continues the gateway's
 * trace. A composable wrapper: `tracedFetch(inner)` calls `inner` (Node's fetch, a pooled client,
 * a breaker, the tests' in-process route) with the same arguments plus the headers. The span holds
 * the method, the server's address and the URL's path, never its query string or the body; the
 * headers are not part of the signed context body (only the `x-credit-graph-context` header and the
 * body are), so signing is unaffected.
 */
export function tracedFetch(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const span = tracer.startSpan(method, {
      kind: SpanKind.CLIENT,
      attributes: {
        'http.request.method': method,
        'server.address': url.hostname,
        ...(url.port ? { 'server.port': Number(url.port) } : {}),
        'url.path': url.pathname,
      },
    });
    const active = trace.setSpan(context.active(), span);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    propagation.inject(active, headers, { set: (carrier, key, value) => carrier.set(key, value) });
    try {
      const response = await context.with(active, () => inner(input, { ...init, headers }));
      span.setAttribute('http.response.status_code', response.status);
      if (response.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      return response;
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.setAttribute('error.type', (error as Error)?.name ?? 'Error');
      throw error;
    } finally {
      span.end();
    }
  };
}
