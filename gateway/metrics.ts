import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import { isErrorCode } from '../shared/errors';
import { BoundedLabel, createRegistry, exposition, metric, register, type MetricDefinition } from '../shared/metrics';
import type { BreakerState, GatewayObserver } from './observe';
import type { GatewayContext } from './request';

/**
 * The gateway's Prometheus metrics: requests (counted and timed at the graph's listener, described by
 * an Apollo plugin), and everything the gateway's parts report to their observer (gateway/observe.ts):
 * subgraph fetches, denials, inquiry records, caches, rate limits, shedding, the safelist, circuit
 * breakers and supergraph reloads. Served at `GET /metrics` on the ops listener only.
 */

/** Every outcome a request is counted under. */
export const REQUEST_OUTCOMES = ['ok', 'partial', 'error', 'client_error', 'unauthenticated', 'forbidden', 'rate_limited', 'unavailable', 'server_error'] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

const OPERATION_NAME = 'the GraphQL operation name; `(anonymous)` without one, `(unknown)` when the request never got that far (unparsable, refused caller), `(other)` past the first 100 distinct names';
const OPERATION_TYPE = '`query`, `mutation`, `subscription`, or `unknown` when the operation was not resolved';
const OUTCOME = `\`ok\` (no error), \`partial\` (data and errors, e.g. denied fields), \`error\` (errors and no data, HTTP 200), or the refusal's class by HTTP status: \`client_error\` (4xx), \`unauthenticated\` (401), \`forbidden\` (403), \`rate_limited\` (429), \`unavailable\` (503), \`server_error\` (other 5xx)`;
const AS_REQUESTS = 'as in `credit_graph_gateway_requests_total`';
const SUBGRAPH = 'the subgraph, as the supergraph names it';
const FETCH_OUTCOME = '`ok` (answered 2xx), `http_error`, `timeout`, `connection_error`, `circuit_open` (not sent)';

export const GATEWAY_METRICS = {
  requests: metric({
    name: 'gateway_requests_total',
    type: 'counter',
    help: 'GraphQL requests answered by the gateway.',
    labels: { operation_name: OPERATION_NAME, operation_type: OPERATION_TYPE, outcome: OUTCOME },
  }),
  requestDuration: metric({
    name: 'gateway_request_duration_seconds',
    type: 'histogram',
    help: 'Time from receiving a GraphQL request to its response, in seconds.',
    labels: { operation_name: AS_REQUESTS, operation_type: AS_REQUESTS, outcome: AS_REQUESTS },
  }),
  inFlight: metric({ name: 'gateway_requests_in_flight', type: 'gauge', help: 'GraphQL requests being served now.', labels: {} }),
  errors: metric({
    name: 'gateway_errors_total',
    type: 'counter',
    help: 'Errors in GraphQL responses, by code.',
    labels: { code: 'the error\'s `extensions.code` (README, Error codes); `OTHER` for a code not in that table' },
  }),
  purposes: metric({
    name: 'gateway_purposes_total',
    type: 'counter',
    help: 'Requests that stated a purpose of inquiry the caller holds.',
    labels: { purpose: 'the purpose (`x-inquiry-purpose`)', principal_kind: 'the kind of caller: `GOVERNMENT`, `CREDIT_SERVICE`, `REGULATOR`, `SUBJECT`, `AUTHORITY`' },
  }),
  denials: metric({
    name: 'gateway_denials_total',
    type: 'counter',
    help: 'Fields removed or refused by authorization (not counted in dry-run mode).',
    labels: { category: 'the field\'s information category (catalogue)', level: '`PUBLIC`, `SHARED`, `RESTRICTED`, `SPECIAL`' },
  }),
  fetchDuration: metric({
    name: 'gateway_subgraph_fetch_duration_seconds',
    type: 'histogram',
    help: 'Time of one fetch from the gateway to a subgraph, retries included, in seconds.',
    labels: { subgraph: SUBGRAPH, operation: '`query`, `mutation`, `subscription`, or `schema` (`_service` loads, probes)', outcome: FETCH_OUTCOME },
  }),
  fetchErrors: metric({
    name: 'gateway_subgraph_fetch_errors_total',
    type: 'counter',
    help: 'Subgraph fetches that did not end `ok`.',
    labels: { subgraph: SUBGRAPH, outcome: FETCH_OUTCOME },
  }),
  fetchRetries: metric({ name: 'gateway_subgraph_fetch_retries_total', type: 'counter', help: 'Subgraph fetches sent again after a connection error.', labels: { subgraph: SUBGRAPH } }),
  inquiryRecords: metric({
    name: 'gateway_inquiry_records_total',
    type: 'counter',
    help: 'Inquiry records the gateway wrote before a response left; a failed one withholds the response.',
    labels: { outcome: '`written` or `failed`' },
  }),
  inquiryWriteDuration: metric({
    name: 'gateway_inquiry_record_write_duration_seconds',
    type: 'histogram',
    help: 'Time to write one request\'s inquiry record durably (group commit included), in seconds.',
    labels: { outcome: '`written` or `failed`' },
  }),
  inquiryDisclosures: metric({
    name: 'gateway_inquiry_record_disclosures',
    type: 'histogram',
    help: 'Disclosures one inquiry record carries (its batch size).',
    labels: {},
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
  }),
  cache: metric({
    name: 'gateway_cache_lookups_total',
    type: 'counter',
    help: 'Lookups in the gateway\'s caches.',
    labels: { cache: '`authorization` (decisions per operation and rights), `query_plan`, or `normalization` (operations with their literals as variables)', outcome: '`hit` or `miss`' },
  }),
  rateLimited: metric({
    name: 'gateway_rate_limited_total',
    type: 'counter',
    help: 'Requests refused with `RATE_LIMITED`.',
    labels: { principal_kind: 'the kind of caller, `PUBLIC` included', limit: '`requests` (per second) or `inquiries` (daily quota)' },
  }),
  shed: metric({ name: 'gateway_shed_total', type: 'counter', help: 'Requests refused with 503 because the process already served as many as it may.', labels: {} }),
  safelist: metric({
    name: 'gateway_safelist_total',
    type: 'counter',
    help: 'Operations checked against the persisted-query safelist.',
    labels: { outcome: '`listed`, `unlisted_logged` (served, log-unknown mode) or `refused`' },
  }),
  breaker: metric({
    name: 'gateway_circuit_breaker_state',
    type: 'gauge',
    help: 'The state of each subgraph\'s circuit breaker: 1 for the current state, 0 for the others.',
    labels: { subgraph: SUBGRAPH, state: '`closed`, `open` or `half_open`' },
  }),
  reloads: metric({
    name: 'gateway_supergraph_reloads_total',
    type: 'counter',
    help: 'Supergraph file changes: the new graph loaded, or refused and the old one kept.',
    labels: { outcome: '`loaded` or `rejected`' },
  }),
} as const satisfies Record<string, MetricDefinition>;

const BREAKER_STATES: readonly BreakerState[] = ['closed', 'open', 'half_open'];

/** What the Apollo plugin learnt about one request, for the listener's hook that counts it. */
interface RequestDetails {
  readonly operationName: string;
  readonly operationType: string;
  readonly codes: readonly unknown[];
  readonly hasData: boolean;
}

/** A request's outcome label from its HTTP status and, when Apollo answered it, its response. */
export function outcomeOf(status: number, details: RequestDetails | undefined): RequestOutcome {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  if (!details || details.codes.length === 0) return 'ok';
  if (details.hasData) return 'partial';
  return details.codes[0] === 'UNAUTHORIZED_FIELD_OR_TYPE' ? 'forbidden' : 'error';
}

const codeLabel = (code: unknown): string => (isErrorCode(code) ? code : 'OTHER');

export interface GatewayMetricsOptions {
  /** prom-client's default process metrics (on; tests building many gateways may turn them off). */
  readonly processMetrics?: boolean;
  /** Distinct operation names recorded before the rest count as `(other)`. */
  readonly maxOperationNames?: number;
}

export class GatewayMetrics {
  readonly registry: Registry;
  /** Updates the metrics from what the gateway's parts report; combine it with others (`combineObservers`). */
  readonly observer: GatewayObserver;
  private readonly m;
  private readonly operationNames: BoundedLabel;
  private readonly subgraphNames = new BoundedLabel(50);
  private readonly categories = new BoundedLabel(200);
  /** The Fastify request each gateway request (gateway/request.ts) was made for. */
  private readonly requestOf = new WeakMap<object, FastifyRequest>();
  private readonly details = new WeakMap<FastifyRequest, RequestDetails>();
  /** Requests counted in flight and not yet answered or aborted. */
  private readonly open = new WeakSet<FastifyRequest>();

  constructor(options: GatewayMetricsOptions = {}) {
    this.registry = createRegistry({ processMetrics: options.processMetrics ?? true });
    this.operationNames = new BoundedLabel(options.maxOperationNames ?? 100);
    const r = this.registry;
    const d = GATEWAY_METRICS;
    this.m = {
      requests: register(r, d.requests),
      requestDuration: register(r, d.requestDuration),
      inFlight: register(r, d.inFlight),
      errors: register(r, d.errors),
      purposes: register(r, d.purposes),
      denials: register(r, d.denials),
      fetchDuration: register(r, d.fetchDuration),
      fetchErrors: register(r, d.fetchErrors),
      fetchRetries: register(r, d.fetchRetries),
      inquiryRecords: register(r, d.inquiryRecords),
      inquiryWriteDuration: register(r, d.inquiryWriteDuration),
      inquiryDisclosures: register(r, d.inquiryDisclosures),
      cache: register(r, d.cache),
      rateLimited: register(r, d.rateLimited),
      shed: register(r, d.shed),
      safelist: register(r, d.safelist),
      breaker: register(r, d.breaker),
      reloads: register(r, d.reloads),
    };
    const m = this.m;
    this.observer = {
      fetch: (event) => {
        const subgraph = this.subgraphNames.of(event.subgraph);
        m.fetchDuration.observe({ subgraph, operation: event.operation, outcome: event.outcome }, event.durationMs / 1000);
        if (event.outcome !== 'ok') m.fetchErrors.inc({ subgraph, outcome: event.outcome });
        if (event.attempts > 1) m.fetchRetries.inc({ subgraph }, event.attempts - 1);
      },
      breaker: (name, state) => {
        const subgraph = this.subgraphNames.of(name);
        for (const s of BREAKER_STATES) m.breaker.set({ subgraph, state: s }, s === state ? 1 : 0);
      },
      shed: () => m.shed.inc(),
      rateLimited: (principal, limit) => m.rateLimited.inc({ principal_kind: principal, limit }),
      safelist: (outcome) => m.safelist.inc({ outcome }),
      denied: (category, level) => m.denials.inc({ category: this.categories.of(category), level }),
      inquiryWrite: (event) => {
        const outcome = event.ok ? 'written' : 'failed';
        m.inquiryRecords.inc({ outcome });
        m.inquiryWriteDuration.observe({ outcome }, event.durationMs / 1000);
        m.inquiryDisclosures.observe(event.disclosures);
      },
      supergraphReload: (outcome) => m.reloads.inc({ outcome }),
      cache: (cache, outcome) => m.cache.inc({ cache, outcome }),
    };
  }

  /**
   * Counts and times every request to the GraphQL endpoint at `path` of the graph's listener. Call it
   * before other hooks are added, so a request refused by a later hook is counted too.
   */
  instrument(app: FastifyInstance, path: string): void {
    const done = (request: FastifyRequest): boolean => {
      if (!this.open.has(request)) return false;
      this.open.delete(request);
      this.m.inFlight.dec();
      return true;
    };
    app.addHook('onRequest', async (request) => {
      if (request.routeOptions.url !== path) return;
      this.open.add(request);
      this.m.inFlight.inc();
    });
    app.addHook('onRequestAbort', async (request) => {
      done(request);
    });
    app.addHook('onResponse', async (request, reply) => {
      if (!done(request)) return;
      const details = this.details.get(request);
      const labels = {
        operation_name: details?.operationName ?? '(unknown)',
        operation_type: details?.operationType ?? 'unknown',
        outcome: outcomeOf(reply.statusCode, details),
      };
      this.m.requests.inc(labels);
      this.m.requestDuration.observe(labels, reply.elapsedTime / 1000);
    });
  }

  /** Wraps Apollo's context function so the plugin can tell which HTTP request a context belongs to. */
  context<C extends GatewayContext>(inner: (request: FastifyRequest, reply: FastifyReply) => Promise<C>) {
    return async (request: FastifyRequest, reply: FastifyReply): Promise<C> => {
      const context = await inner(request, reply);
      // Keyed by the request object the context carries: Apollo may hand plugins a copy of the context.
      this.requestOf.set(context.request, request);
      return context;
    };
  }

  /** The Apollo Server plugin that describes each request (operation, errors, purpose) for the counters. */
  plugin(): ApolloServerPlugin<GatewayContext> {
    const m = this.m;
    return {
      contextCreationDidFail: async ({ error }) => {
        m.errors.inc({ code: codeLabel((error as { extensions?: { code?: unknown } }).extensions?.code) });
      },
      requestDidStart: async ({ contextValue }) => {
        const { principal, purpose } = contextValue.request.caller;
        if (purpose !== null) m.purposes.inc({ purpose, principal_kind: principal.kind });
        return {
          willSendResponse: async (context) => {
            const body = context.response.body;
            const result = body.kind === 'single' ? body.singleResult : body.initialResult;
            const codes = (result.errors ?? []).map((e) => e.extensions?.code);
            for (const code of codes) m.errors.inc({ code: codeLabel(code) });
            const request = this.requestOf.get(context.contextValue.request);
            if (!request) return;
            this.details.set(request, {
              operationName: context.operation ? this.operationNames.of(context.operationName) : '(unknown)',
              operationType: context.operation?.operation ?? 'unknown',
              codes,
              hasData: result.data !== undefined && result.data !== null,
            });
          },
        };
      },
    };
  }

  /** `GET /metrics` on `ops`: the exposition of this gateway's registry. */
  route(ops: FastifyInstance): void {
    ops.get('/metrics', async (_request, reply) => {
      const { contentType, body } = await exposition(this.registry);
      return reply.type(contentType).send(body);
    });
  }

  /** The exposition, for tests and tools in the same process. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}

/**
 * Reports hits and misses of @apollo/gateway's query-plan cache. The gateway offers no hook for it,
 * so its store's `get` is observed in place (the store lives as long as the gateway: a new supergraph
 * clears it, never replaces it). Returns false, observing nothing, if a version lacks that store.
 */
export function observeQueryPlanCache(gateway: ApolloGateway, observer: GatewayObserver): boolean {
  const store = (gateway as unknown as { queryPlanStore?: { get?: (key: string) => Promise<unknown> } }).queryPlanStore;
  if (!store || typeof store.get !== 'function') return false;
  const get = store.get.bind(store);
  store.get = async (key: string) => {
    const plan = await get(key);
    observer.cache?.('query_plan', plan === undefined ? 'miss' : 'hit');
    return plan;
  };
  return true;
}
