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
/** The caller's headers plus `added`, in the shape the caller gave them (a plain object stays one). */
function withHeaders(headers: RequestInit['headers'], added: Record<string, string>): RequestInit['headers'] {
  if (headers instanceof Headers) {
    const copy = new Headers(headers);
    for (const [name, value] of Object.entries(added)) copy.set(name, value);
    return copy;
  }
  if (Array.isArray(headers)) return [...headers.filter(([name]) => !((name ?? '').toLowerCase() in added)), ...Object.entries(added)];
  return { ...headers, ...added };
}

export function tracedFetch<
  Input extends string | URL | Request,
  Init extends { readonly method?: string; readonly headers?: RequestInit['headers'] } | undefined,
  Answer extends { readonly status: number },
>(inner: (input: Input, init: Init) => Promise<Answer>): (input: Input, init: Init) => Promise<Answer> {
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
    // Tracing off: the call goes out exactly as it came.
    if (!span.isRecording()) return inner(input, init);
    const active = trace.setSpan(context.active(), span);
    const added: Record<string, string> = {};
    propagation.inject(active, added);
    try {
      const headers = withHeaders(init?.headers ?? (input instanceof Request ? input.headers : undefined), added);
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
