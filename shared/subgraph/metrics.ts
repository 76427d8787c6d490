import type { FastifyInstance } from 'fastify';
import type { Knex } from 'knex';
import type { Registry } from 'prom-client';
import { BoundedLabel, createRegistry, metric, register, type MetricDefinition } from '../metrics';
import type { Store } from '../store';
import { systemClock, todayOf, type Clock } from '../clock';

/**
 * A subgraph server's Prometheus metrics: its requests, its store's queries and connection pool, and
 * how often a request reused a field decision it had already taken. Every subgraph server built by
 * `subgraphHttp` has its own registry; `subgraphMetricsOf(app)` finds it, for the ops listener
 * (shared/subgraph/ops.ts) and for tests in the same process.
 */

const SUBGRAPH = 'the subgraph (one per process)';
const STORE_OUTCOME = '`ok` or `error`';

export const SUBGRAPH_METRICS = {
  requests: metric({
    name: 'subgraph_requests_total',
    type: 'counter',
    help: 'HTTP requests a subgraph answered.',
    labels: {
      subgraph: SUBGRAPH,
      route: 'the route matched (`/graphql`, `/health`, the access subgraph\'s own routes), `(unmatched)` for none',
      outcome: '`ok` (2xx), `unauthenticated` (401: no valid gateway context), `client_error` (other 4xx), `server_error` (5xx)',
    },
  }),
  requestDuration: metric({
    name: 'subgraph_request_duration_seconds',
    type: 'histogram',
    help: 'Time a subgraph took to answer one HTTP request, in seconds.',
    labels: { subgraph: SUBGRAPH, route: 'as in `credit_graph_subgraph_requests_total`', outcome: 'as in `credit_graph_subgraph_requests_total`' },
  }),
  queryDuration: metric({
    name: 'subgraph_store_query_duration_seconds',
    type: 'histogram',
    help: 'Time of one SQL statement on the subgraph\'s store, in seconds.',
    labels: { subgraph: SUBGRAPH, method: 'the query builder\'s method (`select`, `first`, `insert`, `raw`, ...)', outcome: STORE_OUTCOME },
  }),
  connections: metric({
    name: 'subgraph_store_connections',
    type: 'gauge',
    help: 'The store\'s connection pool at scrape time (an embedded PGlite store has a pool of one).',
    labels: {
      subgraph: SUBGRAPH,
      store: '`pglite` or `postgres`',
      state: '`used`, `free`, `pending_acquire` (requests waiting for a connection), `pending_create`, `max` (the pool\'s size)',
    },
  }),
  decisions: metric({
    name: 'subgraph_decision_cache_lookups_total',
    type: 'counter',
    help: 'Field decisions a request needed: taken once per requirement and subject, then reused within the request.',
    labels: { subgraph: SUBGRAPH, outcome: '`hit` (reused) or `miss` (decided)' },
  }),
  objectionsEscalated: metric({
    name: 'objections_escalated_total',
    type: 'counter',
    help: 'Objections the escalation job found unanswered past their due day (each once; CG_OBJECTION_ESCALATION_SCHEDULE).',
    labels: { subgraph: SUBGRAPH },
  }),
  objectionsOverdue: metric({
    name: 'objections_overdue',
    type: 'gauge',
    help: 'Objections open past their due day at scrape time: their records are withheld from non-statutory callers until answered.',
    labels: { subgraph: SUBGRAPH },
  }),
} as const satisfies Record<string, MetricDefinition>;

export const NO_ROUTE = '(unmatched)';

function outcomeOf(status: number): string {
  if (status === 401) return 'unauthenticated';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  return 'ok';
}

/** tarn's pool, as knex holds it. */
interface Pool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
  max: number;
}

export class SubgraphMetrics {
  readonly registry: Registry;
  /** Counts what each run of the objection escalation job escalated (`shared/recourse/objections.ts`). */
  readonly objectionsEscalated: (count: number) => void;

  constructor(subgraph: string, app: FastifyInstance, store: Store, options: { readonly processMetrics?: boolean; readonly clock?: Clock } = {}) {
    const r = (this.registry = createRegistry(options));
    const d = SUBGRAPH_METRICS;
    const requests = register(r, d.requests);
    const requestDuration = register(r, d.requestDuration);
    const queryDuration = register(r, d.queryDuration);
    const decisions = register(r, d.decisions);
    const db = store.db;
    const escalated = register(r, d.objectionsEscalated);
    this.objectionsEscalated = (count) => escalated.inc({ subgraph }, count);
    // Counted at scrape time on the store's day; a store without objections (the access subgraph) has none to count.
    const clock = options.clock ?? systemClock;
    let hasObjections = false;
    register(r, d.objectionsOverdue, async function () {
      hasObjections ||= await db.schema.hasTable('record_objections');
      if (!hasObjections) return;
      const counted = await db('record_objections').where({ status: 'OPEN' }).where('due_on', '<', todayOf(clock)).count<{ n: string }[]>({ n: '*' });
      this.set({ subgraph }, Number(counted[0]?.n ?? 0));
    });
    register(r, d.connections, function () {
      const pool = (db.client as { pool?: Pool }).pool;
      if (!pool) return;
      const labels = { subgraph, store: store.kind };
      this.set({ ...labels, state: 'used' }, pool.numUsed());
      this.set({ ...labels, state: 'free' }, pool.numFree());
      this.set({ ...labels, state: 'pending_acquire' }, pool.numPendingAcquires());
      this.set({ ...labels, state: 'pending_create' }, pool.numPendingCreates());
      this.set({ ...labels, state: 'max' }, pool.max);
    });

    app.addHook('onResponse', async (request, reply) => {
      const labels = { subgraph, route: request.routeOptions.url ?? NO_ROUTE, outcome: outcomeOf(reply.statusCode) };
      requests.inc(labels);
      requestDuration.observe(labels, reply.elapsedTime / 1000);
      const lookups = request.subgraphRequest?.decisionLookups;
      if (lookups) {
        if (lookups.hits > 0) decisions.inc({ subgraph, outcome: 'hit' }, lookups.hits);
        if (lookups.misses > 0) decisions.inc({ subgraph, outcome: 'miss' }, lookups.misses);
      }
    });

    // Statements are timed from knex's own events; a store outlives a server in tests, so the
    // listeners leave with the server.
    const methods = new BoundedLabel(30);
    const started = new Map<string, number>();
    type Query = { __knexQueryUid?: string; method?: string };
    const onQuery = (query: Query) => {
      if (query.__knexQueryUid) started.set(query.__knexQueryUid, performance.now());
    };
    const ended = (outcome: string) => (_result: unknown, query: Query) => {
      const uid = query?.__knexQueryUid;
      const start = uid === undefined ? undefined : started.get(uid);
      if (uid === undefined || start === undefined) return;
      started.delete(uid);
      queryDuration.observe({ subgraph, method: methods.of(query.method ?? 'raw'), outcome }, (performance.now() - start) / 1000);
    };
    const onResponse = ended('ok');
    const onError = ended('error');
    const emitter = db as unknown as Knex & { off(event: string, listener: (...args: never[]) => void): void };
    emitter.on('query', onQuery);
    emitter.on('query-response', onResponse);
    emitter.on('query-error', onError);
    app.addHook('onClose', async () => {
      emitter.off('query', onQuery);
      emitter.off('query-response', onResponse);
      emitter.off('query-error', onError);
    });
  }

  /** The exposition, for the ops listener and for tests in the same process. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}

const bySever = new WeakMap<FastifyInstance, SubgraphMetrics>();

/** Gives a subgraph server its metrics; `subgraphHttp` calls it before adding any other hook. */
export function instrumentSubgraph(name: string, app: FastifyInstance, store: Store, clock?: Clock): SubgraphMetrics {
  const metrics = new SubgraphMetrics(name, app, store, { clock });
  bySever.set(app, metrics);
  return metrics;
}

/** The metrics of a subgraph server built by `subgraphHttp`. */
export function subgraphMetricsOf(app: FastifyInstance): SubgraphMetrics {
  const metrics = bySever.get(app);
  if (!metrics) throw new Error('this server was not built by subgraphHttp, so it has no metrics');
  return metrics;
}
