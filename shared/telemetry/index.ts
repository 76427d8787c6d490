import { SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * Traces with OpenTelemetry, configured only by the standard `OTEL_*` variables and off unless one of
 * `OTEL_TRACES_EXPORTER`, `OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is set:
 * then nothing is loaded or registered, and every span this code makes is the API's no-op span.
 *
 * The spans are made by the graph itself, so they are the same in a process and in jest (which
 * cannot rely on require hooks): @apollo/gateway's own `gateway.*` spans, the authorization and
 * inquiry-record spans (gateway/authorizingGateway.ts), a client span per subgraph call with the W3C
 * `traceparent` injected (`tracedFetch`), a server span per subgraph request continuing it
 * (`traceServerRequests`), resolver-level spans (`withSpan`) and one span per SQL statement
 * (`traceQueries`). No auto-instrumentation is registered: the http, undici, pg and knex
 * instrumentations would each make a second span for a call these already trace.
 */

/** The variables that turn tracing on: an exporter, or where to export to. */
export const TRACING_VARIABLES = ['OTEL_TRACES_EXPORTER', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] as const;

export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return TRACING_VARIABLES.some((name) => (env[name] ?? '').trim() !== '');
}

export interface Telemetry {
  /** Flushes what is buffered and stops exporting: call it once, as the process closes. */
  shutdown(): Promise<void>;
}

export interface TelemetryOptions {
  /** Replaces the exporters the variables name (tests: a SimpleSpanProcessor over an in-memory exporter). */
  readonly spanProcessors?: SpanProcessor[];
}

/**
 * Starts the OpenTelemetry Node SDK for one process (`gateway`, or a subgraph's name), or returns null
 * and starts nothing when no tracing variable is set. The service is named by `OTEL_SERVICE_NAME`, or
 * `credit-graph-<process>` without it. Metrics and logs stay off unless `OTEL_METRICS_EXPORTER` /
 * `OTEL_LOGS_EXPORTER` ask for them (the SDK would otherwise default both to OTLP): the graph's
 * metrics are Prometheus's.
 */
export async function startTelemetry(processName: string, env: NodeJS.ProcessEnv = process.env, options: TelemetryOptions = {}): Promise<Telemetry | null> {
  if (!tracingConfigured(env)) return null;
  // Loaded only when tracing is on: the SDK and its exporters cost nothing otherwise.
  const { NodeSDK } = await import('@opentelemetry/sdk-node');
  const sdk = new NodeSDK({
    ...(env.OTEL_SERVICE_NAME ? {} : { serviceName: `credit-graph-${processName}` }),
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
    ...(env.OTEL_METRICS_EXPORTER ? {} : { metricReaders: [] }),
    ...(env.OTEL_LOGS_EXPORTER ? {} : { logRecordProcessors: [] }),
    instrumentations: [],
  });
  sdk.start();
  let stopped: Promise<void> | null = null;
  return {
    shutdown: () => (stopped ??= sdk.shutdown().catch(() => undefined)),
  };
}

/** The graph's own tracer: the no-op tracer until a provider is registered. */
export const tracer = trace.getTracer('credit-graph');

/**
 * Runs `work` in a new active span (a child of the active one): ended when `work` settles, with an
 * error status (and no message, which may hold input) when it throws. Attributes must never hold a
 * subject code, a token, a binding or anything else personal.
 */
export function withSpan<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.setAttribute('error.type', (error as Error)?.name ?? 'Error');
      throw error;
    } finally {
      span.end();
    }
  });
}

type AnyResolver = (parent: unknown, args: unknown, context: unknown, info: unknown) => unknown;

/**
 * The same resolver map with each field of `typeName` (the access subgraph's mutations) run in a span
 * `graphql.resolve <Type>.<field>` that holds the field's name only, never its arguments.
 */
export function tracedFields<Map extends object>(resolvers: Map, typeName: string): Map {
  const fields = (resolvers as Record<string, Record<string, unknown> | undefined>)[typeName];
  if (!fields) return resolvers;
  const wrapped: Record<string, unknown> = {};
  for (const [field, resolver] of Object.entries(fields)) {
    if (typeof resolver !== 'function') {
      wrapped[field] = resolver;
      continue;
    }
    const name = `graphql.resolve ${typeName}.${field}`;
    const attributes = { 'graphql.field.name': field, 'graphql.field.type': typeName };
    wrapped[field] = (parent: unknown, args: unknown, context: unknown, info: unknown) =>
      withSpan(name, attributes, async () => (resolver as AnyResolver)(parent, args, context, info));
  }
  return { ...resolvers, [typeName]: wrapped };
}
