import type { FastifyInstance } from 'fastify';
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { subjectAt } from '../shared/generator/subjects';
import { sanitizedStatement, traceQueries } from '../shared/telemetry/knex';
import { startTelemetry, tracingConfigured, withSpan, type Telemetry } from '../shared/telemetry';
import { openStore } from '../shared/store';
import { tracedFetch } from '../shared/telemetry/fetch';
import { startSubgraphs, startGateway, urlOverrides, post, callerHeaders, REGULATOR, type RunningGraph } from './support/graph';
import { TEST_DATASET } from './support/stores';

/** One authorized request through the in-process gateway, traced into an in-memory exporter by the real SDK start. */

const group = subjectAt(TEST_DATASET.seed, 0);

describe('tracing is off without an OTEL_* variable', () => {
  it('starts nothing: no SDK, no provider, no propagator, and spans do not record', async () => {
    expect(tracingConfigured({})).toBe(false);
    expect(tracingConfigured({ OTEL_SERVICE_NAME: 'x', OTEL_TRACES_SAMPLER: 'always_on' })).toBe(false);
    expect(await startTelemetry('gateway', { OTEL_SERVICE_NAME: 'x' })).toBeNull();
    const span = trace.getTracer('probe').startSpan('probe');
    expect(span.isRecording()).toBe(false);
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), span), carrier);
    expect(carrier).toEqual({});
    // A subgraph call goes out exactly as it came: the same init object, no header added.
    const calls: Array<RequestInit | undefined> = [];
    const init = { method: 'POST', headers: { a: 'b' } };
    await tracedFetch(async (_input, given) => {
      calls.push(given);
      return new Response(null, { status: 204 });
    })('http://finance.test/graphql', init);
    expect(calls[0]).toBe(init);
    expect(init.headers).toEqual({ a: 'b' });
    for (const variable of ['OTEL_TRACES_EXPORTER', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']) {
      expect(tracingConfigured({ [variable]: 'otlp' })).toBe(true);
    }
  });
});

describe('SQL statements on spans', () => {
  it('keeps the statement and drops every literal', () => {
    expect(sanitizedStatement("select * from t where code = '91110000MA01ABCD2X' and n = 42 and x = $1 and d > E'a''b' and y = 3.5e2")).toBe(
      'select * from t where code = ? and n = ? and x = $1 and d > ? and y = ?',
    );
    expect(sanitizedStatement('select t1.a from "t2" t1 where t1.k = ?')).toBe('select t1.a from "t2" t1 where t1.k = ?');
    expect(sanitizedStatement('select $tag$secret$tag$')).toBe('select ?');
  });
});

describe('one trace per request, from the gateway to SQL', () => {
  const exporter = new InMemorySpanExporter();
  let telemetry: Telemetry | null;
  let graph: RunningGraph;
  let gateway: { app: FastifyInstance; url: string };
  let headers: Record<string, string>;

  beforeAll(async () => {
    telemetry = await startTelemetry('test', { OTEL_TRACES_EXPORTER: 'otlp' }, { spanProcessors: [new SimpleSpanProcessor(exporter)] });
    headers = await callerHeaders(REGULATOR, 'SUPERVISION');
    graph = await startSubgraphs();
    // The worker's pooled test stores were opened outside this file's module registry, so by another copy
    // of the OpenTelemetry API than the one this file registered the SDK with: trace them with this one.
    // A store opened here (the last test) is traced by openStore itself.
    for (const [name, store] of Object.entries(graph.stores)) traceQueries(store.db, name);
    gateway = await startGateway(urlOverrides(graph.subgraphUrls));
  });

  afterAll(async () => {
    await gateway.app.close();
    await graph.close();
    await telemetry?.shutdown();
  });

  /** The finished spans of the trace of the gateway's server span, once the server spans of both ends have ended. */
  async function traceOf(requestId: string): Promise<ReadableSpan[]> {
    for (let i = 0; i < 100; i += 1) {
      const spans = exporter.getFinishedSpans();
      const root = spans.find((s) => s.name === 'POST /graphql' && s.parentSpanContext === undefined && s.attributes['http.response.status_code'] !== undefined && spans.some((c) => c.spanContext().traceId === s.spanContext().traceId && c.name === 'gateway.inquiry_record'));
      const servers = root ? spans.filter((s) => s.spanContext().traceId === root.spanContext().traceId && s.name === 'POST /graphql') : [];
      if (root && servers.length >= 3) return spans.filter((s) => s.spanContext().traceId === root.spanContext().traceId);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no complete trace for request ${requestId}`);
  }

  it('puts the gateway, subgraph and SQL spans of one request in one trace, each under its caller', async () => {
    exporter.reset();
    const token = headers.authorization!.slice('Bearer '.length);
    const response = await post(gateway.url, 'query Accounts($code: ID!) { subject(code: $code) { name finance { creditAccounts(first: 2) { totalCount nodes { balance } } } } }', { code: group.code }, headers);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const spans = await traceOf(group.code);
    if (process.env.SHOW_SPANS) for (const s of spans) process.stdout.write(`${s.spanContext().spanId} <- ${s.parentSpanContext?.spanId ?? '-'} ${s.name} ${JSON.stringify(s.attributes)}\n`);
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    const parentOf = (s: ReadableSpan) => (s.parentSpanContext ? byId.get(s.parentSpanContext.spanId) : undefined);
    const one = (name: string, where: (s: ReadableSpan) => boolean = () => true) => {
      const found = spans.filter((s) => s.name === name && where(s));
      expect(found.length).toBeGreaterThanOrEqual(1);
      return found[0]!;
    };

    // The gateway: its server span is the root; authorization, Apollo's request, plan, execute and fetches under it.
    const root = one('POST /graphql', (s) => s.parentSpanContext === undefined);
    expect(root.attributes['http.response.status_code']).toBe(200);
    expect(parentOf(one('gateway.authorize'))).toBe(root);
    const request = one('gateway.request');
    expect(parentOf(request)).toBe(root);
    expect(request.attributes['graphql.operation.name']).toBe('Accounts');
    expect(parentOf(one('gateway.plan'))).toBe(request);
    const execute = one('gateway.execute');
    expect(parentOf(execute)).toBe(request);
    const financeFetch = one('gateway.fetch', (s) => s.attributes.service === 'finance');
    expect(parentOf(one('gateway.inquiry_record'))).toBe(root);

    // The client span of the finance fetch carries traceparent; the finance subgraph's server span continues it.
    const client = one('POST', (s) => parentOf(s) === financeFetch);
    const financeServer = one('POST /graphql', (s) => parentOf(s) === client);
    expect(financeServer.attributes['http.response.status_code']).toBe(200);
    // The page and its count are one statement.
    const page = one('records.page', (s) => s.attributes['records.tables'] === 'credit_accounts');
    expect(parentOf(page)).toBe(financeServer);
    const sql = one('SELECT finance', (s) => parentOf(s) === page);
    expect(sql.attributes['db.system']).toBe('postgresql');
    expect(String(sql.attributes['db.statement'])).toMatch(/^select q\.\* from \( with k as materialized \( select u\.\*, \$1::date as today from unnest\(\$2::int\[\]/);
    expect(spans.filter((s) => s.name === 'SELECT finance' && parentOf(s) === page)).toHaveLength(1);
    expect(spans.filter((s) => s.name === 'records.count')).toEqual([]);

    // The inquiry record's write reaches the access subgraph and its INSERT within the same trace.
    const accessWrite = one('access.inquiry_records.write');
    expect(parentOf(parentOf(accessWrite)!)?.name).toBe('POST');
    expect(spans.some((s) => s.name === 'INSERT access' && parentOf(s) === accessWrite)).toBe(true);

    // Every span of the request shares the trace; none holds the subject code, the token or a staff id.
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1);
    expect(spans.length).toBeGreaterThanOrEqual(15);
    const attributes = JSON.stringify(spans.map((s) => s.attributes));
    for (const secret of [group.code, token, token.split('.')[1]!, 'inspector-7', String(group.name)]) expect(attributes).not.toContain(secret);
  });

  it('adds traceparent to a call in the shape its headers came in, and hands the rest over untouched', async () => {
    const calls: Array<RequestInit | undefined> = [];
    const inner: typeof fetch = async (_input, init) => {
      calls.push(init);
      return new Response('{}', { status: 503 });
    };
    const send = tracedFetch(inner);
    const signal = AbortSignal.timeout(1_000);
    await withSpan('caller', {}, () => send('http://finance.test:4003/graphql?x=1', { method: 'POST', headers: { 'x-credit-graph-context': 'signed' }, body: '{}', signal }));
    await withSpan('caller', {}, () => send('http://finance.test/graphql', { method: 'POST', headers: new Headers({ a: 'b' }) }));
    const [plain, whatwg] = calls;
    expect(plain).toEqual({ method: 'POST', body: '{}', signal, headers: { 'x-credit-graph-context': 'signed', traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/) } });
    expect((whatwg!.headers as Headers).get('traceparent')).toMatch(/^00-/);
    expect((whatwg!.headers as Headers).get('a')).toBe('b');
    const client = exporter.getFinishedSpans().find((s) => s.attributes['server.port'] === 4003)!;
    expect(client.attributes).toEqual({ 'http.request.method': 'POST', 'server.address': 'finance.test', 'server.port': 4003, 'url.path': '/graphql', 'http.response.status_code': 503 });
    expect((plain!.headers as Record<string, string>).traceparent).toContain(client.spanContext().spanId);
  });

  it('starts a new trace at the gateway whatever traceparent a caller sends', async () => {
    exporter.reset();
    const foreign = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const response = await post(gateway.url, '{ subject(code: "' + group.code + '") { name } }', {}, { ...headers, traceparent: foreign });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const spans = exporter.getFinishedSpans();
    expect(spans.some((s) => s.name === 'gateway.request')).toBe(true);
    expect(spans.some((s) => s.spanContext().traceId === '0af7651916cd43dd8448eb211c80319c')).toBe(false);
  });

  it('traces the statements of a store openStore opened, inside a trace only', async () => {
    exporter.reset();
    // From the taxation store's data (PGlite's initdb alone takes seconds on a loaded machine).
    const store = await openStore('probe', { kind: 'pglite', dataDir: null }, { loadDataDir: (await graph.stores.taxation.snapshot())! });
    try {
      await store.db.raw('select ?::text as code', [group.code]);
      await withSpan('probe', {}, () => store.db.raw('select ?::text as code', [group.code]));
    } finally {
      await store.close();
    }
    const spans = exporter.getFinishedSpans();
    const probe = spans.find((s) => s.name === 'probe')!;
    const sql = spans.filter((s) => s.name === 'SELECT probe');
    expect(sql).toHaveLength(1);
    expect(sql[0]!.parentSpanContext?.spanId).toBe(probe.spanContext().spanId);
    expect(sql[0]!.attributes).toEqual({
      'db.system': 'postgresql',
      'db.system.name': 'postgresql',
      'db.namespace': 'probe',
      'db.statement': 'select $1::text as code',
      'db.operation.name': 'SELECT',
    });
  });
});
