import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { parse } from 'yaml';
import { subjectAt } from '../shared/generator/subjects';
import { loadConfig } from '../shared/config';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { BoundedLabel } from '../shared/metrics';
import { GatewayMetrics, outcomeOf } from '../gateway/metrics';
import { subgraphMetricsOf } from '../shared/subgraph/metrics';
import { subgraphOps } from '../shared/subgraph/ops';
import { startSubgraphs, startGateway, urlOverrides, post, callerHeaders, REGULATOR, testFetch, type RunningGraph } from './support/graph';
import { TEST_DATASET } from './support/stores';
import { families, valueOf } from './support/metrics';

/** The metrics of an in-process graph after known traffic: what each request and each report adds. */

let graph: RunningGraph;
let gateway: { app: FastifyInstance; url: string; opsUrl: string };
const group = subjectAt(TEST_DATASET.seed, 0).code;

const NAMED = `query Profile($code: ID!) { subject(code: $code) { name finance { summary { accountCount } } } }`;

async function scrape(url: string): Promise<{ status: number; type: string | null; text: string }> {
  const response = await testFetch(`${url}/metrics`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

beforeAll(async () => {
  graph = await startSubgraphs();
  gateway = await startGateway(urlOverrides(graph.subgraphUrls));
});

afterAll(async () => {
  await gateway.app.close();
  await graph.close();
});

describe('the gateway metrics', () => {
  it('count and time each request by operation name, type and outcome, with purposes, denials, caches and inquiry records', async () => {
    const regulator = await callerHeaders(REGULATOR, 'SUPERVISION');
    // Public: the name is served, the restricted summary is removed (a partial answer, one denial).
    expect((await post(gateway.url, NAMED, { code: group })).status).toBe(200);
    expect((await post(gateway.url, NAMED, { code: group })).status).toBe(200);
    // The regulator sees it all, for a purpose, and leaves an inquiry record.
    const full = await post(gateway.url, NAMED, { code: group }, regulator);
    expect(full.body.errors).toBeUndefined();
    expect((await post(gateway.url, `{ subject(code: "${group}") { name } }`)).body.errors).toBeUndefined();
    expect((await post(gateway.url, '{ subject(code: ')).status).toBe(400);
    expect((await post(gateway.url, NAMED, { code: group }, { authorization: 'Bearer forged' })).status).toBe(401);

    const { status, type, text } = await scrape(gateway.opsUrl);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    const requests = (labels: Record<string, string>) => valueOf(text, 'credit_graph_gateway_requests_total', labels);
    expect(requests({ operation_name: 'Profile', operation_type: 'query', outcome: 'partial' })).toBe(2);
    expect(requests({ operation_name: 'Profile', operation_type: 'query', outcome: 'ok' })).toBe(1);
    expect(requests({ operation_name: '(anonymous)', operation_type: 'query', outcome: 'ok' })).toBe(1);
    expect(requests({ operation_name: '(unknown)', operation_type: 'unknown', outcome: 'client_error' })).toBe(1);
    expect(requests({ operation_name: '(unknown)', operation_type: 'unknown', outcome: 'unauthenticated' })).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_request_duration_seconds_count', { operation_name: 'Profile', outcome: 'partial' })).toBe(2);
    expect(valueOf(text, 'credit_graph_gateway_requests_in_flight')).toBe(0);
    expect(valueOf(text, 'credit_graph_gateway_errors_total', { code: 'UNAUTHORIZED_FIELD_OR_TYPE' })).toBe(2);
    expect(valueOf(text, 'credit_graph_gateway_errors_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_errors_total', { code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_denials_total', { category: 'finance.credit', level: 'RESTRICTED' })).toBe(2);
    expect(valueOf(text, 'credit_graph_gateway_purposes_total', { purpose: 'SUPERVISION', principal_kind: 'REGULATOR' })).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_inquiry_records_total', { outcome: 'written' })).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_inquiry_record_write_duration_seconds_count', { outcome: 'written' })).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_inquiry_record_disclosures_count')).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_inquiry_record_disclosures_sum')).toBeGreaterThan(0);
    // The same operation and rights twice: decided once, planned once per reduced operation.
    expect(valueOf(text, 'credit_graph_gateway_cache_lookups_total', { cache: 'authorization', outcome: 'hit' })).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_cache_lookups_total', { cache: 'authorization', outcome: 'miss' })).toBe(3);
    expect(valueOf(text, 'credit_graph_gateway_cache_lookups_total', { cache: 'query_plan', outcome: 'hit' })).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_cache_lookups_total', { cache: 'query_plan', outcome: 'miss' })).toBe(3);
    // Process metrics, under their standard names.
    expect(valueOf(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    // Nothing a caller sent is a label: no subject code, no token.
    expect(text).not.toContain(group);
    expect(text).not.toContain('forged');
  });

  it('are served on the ops listener only: the public listener answers 404', async () => {
    const response = await testFetch(`${gateway.url.replace(/\/graphql$/, '')}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('credit_graph_');
  });

  it('count a failed inquiry record, whose response is withheld', async () => {
    const dead = await startGateway({ ...urlOverrides(graph.subgraphUrls), CG_ACCESS_URL: 'http://127.0.0.1:9/graphql' });
    try {
      const refused = await post(dead.url, NAMED, { code: group }, await callerHeaders(REGULATOR, 'SUPERVISION'));
      expect(refused.status).toBe(503);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'INQUIRY_RECORD_UNAVAILABLE' });
      const { text } = await scrape(dead.opsUrl);
      expect(valueOf(text, 'credit_graph_gateway_inquiry_records_total', { outcome: 'failed' })).toBe(1);
      expect(valueOf(text, 'credit_graph_gateway_inquiry_records_total', { outcome: 'written' })).toBeUndefined();
      expect(valueOf(text, 'credit_graph_gateway_requests_total', { operation_name: 'Profile', outcome: 'unavailable' })).toBe(1);
    } finally {
      await dead.app.close();
    }
  });

  it("record what the gateway's other parts report: fetches, breakers, shedding, rate limits, the safelist, reloads", async () => {
    const metrics = new GatewayMetrics({ processMetrics: false });
    const { observer } = metrics;
    observer.fetch!({ subgraph: 'finance', operation: 'query', outcome: 'ok', durationMs: 12, attempts: 1 });
    observer.fetch!({ subgraph: 'finance', operation: 'query', outcome: 'connection_error', durationMs: 40, attempts: 3 });
    observer.fetch!({ subgraph: 'taxation', operation: 'query', outcome: 'circuit_open', durationMs: 0, attempts: 0 });
    observer.breaker!('taxation', 'open');
    observer.breaker!('finance', 'open');
    observer.breaker!('finance', 'half_open');
    observer.shed!();
    observer.shed!();
    observer.rateLimited!('PUBLIC', 'requests');
    observer.rateLimited!('CREDIT_SERVICE', 'inquiries');
    observer.safelist!('refused');
    observer.safelist!('listed');
    observer.supergraphReload!('rejected');
    const text = await metrics.text();
    expect(valueOf(text, 'credit_graph_gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'finance', outcome: 'ok' })).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_subgraph_fetch_duration_seconds_bucket', { subgraph: 'finance', outcome: 'ok', le: '0.01' })).toBe(0);
    expect(valueOf(text, 'credit_graph_gateway_subgraph_fetch_duration_seconds_bucket', { subgraph: 'finance', outcome: 'ok', le: '0.025' })).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_subgraph_fetch_errors_total', { subgraph: 'finance', outcome: 'connection_error' })).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_subgraph_fetch_errors_total', { subgraph: 'taxation', outcome: 'circuit_open' })).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_subgraph_fetch_retries_total', { subgraph: 'finance' })).toBe(2);
    expect(valueOf(text, 'credit_graph_gateway_circuit_breaker_state', { subgraph: 'taxation', state: 'open' })).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_circuit_breaker_state', { subgraph: 'finance', state: 'open' })).toBe(0);
    expect(valueOf(text, 'credit_graph_gateway_circuit_breaker_state', { subgraph: 'finance', state: 'half_open' })).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_shed_total')).toBe(2);
    expect(valueOf(text, 'credit_graph_gateway_rate_limited_total', { principal_kind: 'PUBLIC', limit: 'requests' })).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_rate_limited_total', { principal_kind: 'CREDIT_SERVICE', limit: 'inquiries' })).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_safelist_total', { outcome: 'refused' })).toBe(1);
    expect(valueOf(text, 'credit_graph_gateway_supergraph_reloads_total', { outcome: 'rejected' })).toBe(1);
    expect(valueOf(text, 'process_cpu_seconds_total')).toBeUndefined();
  });

  it('bound the operation names a caller can create, and class outcomes by status and response', () => {
    const names = new BoundedLabel(2);
    expect([names.of('A'), names.of(null), names.of('B'), names.of('C'), names.of('A'), names.of('x y{}"')]).toEqual(['A', '(anonymous)', 'B', '(other)', 'A', '(other)']);
    expect(new BoundedLabel(5).of('a'.repeat(200))).toHaveLength(64);
    const details = (codes: string[], hasData: boolean) => ({ operationName: 'Q', operationType: 'query', codes, hasData });
    expect(outcomeOf(200, details([], true))).toBe('ok');
    expect(outcomeOf(200, details(['UNAUTHORIZED_FIELD_OR_TYPE'], true))).toBe('partial');
    expect(outcomeOf(200, details(['UNAUTHORIZED_FIELD_OR_TYPE'], false))).toBe('forbidden');
    expect(outcomeOf(200, details(['SUBGRAPH_UNAVAILABLE'], false))).toBe('error');
    expect([400, 401, 403, 413, 429, 500, 503].map((status) => outcomeOf(status, undefined))).toEqual([
      'client_error',
      'unauthenticated',
      'forbidden',
      'client_error',
      'rate_limited',
      'server_error',
      'unavailable',
    ]);
  });
});

describe('the subgraph metrics', () => {
  it('count requests by route and outcome, time store queries, show the pool and reused decisions', async () => {
    const regulator = await callerHeaders(REGULATOR, 'SUPERVISION');
    const many = `query { subject(code: "${group}") { finance { summary { accountCount } courtJudgments { nodes { court } } dishonestDebtorListings { nodes { court } } } } }`;
    expect((await post(gateway.url, many, {}, regulator)).body.errors).toBeUndefined();
    const finance = graph.subgraphUrls.finance;
    const unsigned = await testFetch(finance, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(unsigned.status).toBe(401);

    const text = await subgraphMetricsOf(graph.subgraphs.finance).text();
    expect(valueOf(text, 'credit_graph_subgraph_requests_total', { subgraph: 'finance', route: '/graphql', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(text, 'credit_graph_subgraph_requests_total', { subgraph: 'finance', route: '/graphql', outcome: 'unauthenticated' })).toBe(1);
    expect(valueOf(text, 'credit_graph_subgraph_request_duration_seconds_count', { subgraph: 'finance', route: '/graphql', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    const queries = valueOf(text, 'credit_graph_subgraph_store_query_duration_seconds_count', { subgraph: 'finance', method: 'raw', outcome: 'ok' }) ?? 0;
    const selects = valueOf(text, 'credit_graph_subgraph_store_query_duration_seconds_count', { subgraph: 'finance', method: 'select', outcome: 'ok' }) ?? 0;
    expect(queries + selects).toBeGreaterThan(0);
    expect(valueOf(text, 'credit_graph_subgraph_store_connections', { subgraph: 'finance', state: 'max' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(text, 'credit_graph_subgraph_store_connections', { subgraph: 'finance', state: 'pending_acquire' })).toBe(0);
    expect(valueOf(text, 'credit_graph_subgraph_decision_cache_lookups_total', { subgraph: 'finance', outcome: 'miss' })).toBeGreaterThan(0);
    expect(valueOf(text, 'credit_graph_subgraph_decision_cache_lookups_total', { subgraph: 'finance', outcome: 'hit' })).toBeGreaterThan(0);
    expect(text).not.toContain(group);
  });

  it('are served on the ops listener, not the graph port, which refuses /metrics without the gateway\'s context', async () => {
    const onGraphPort = await testFetch(graph.subgraphUrls.registry.replace(/\/graphql$/, '/metrics'));
    expect(onGraphPort.status).toBe(401);
    expect(await onGraphPort.text()).not.toContain('credit_graph_');
    const ops = subgraphOps(graph.subgraphs.registry);
    try {
      const response = await ops.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(response.body).toContain('# TYPE credit_graph_subgraph_requests_total counter');
      expect(response.body).toContain('subgraph="registry"');
    } finally {
      await ops.close();
    }
  });

  it('have ops ports of their own: the graph port plus 90 unless set, on CG_SUBGRAPH_OPS_HOST', () => {
    const defaults = loadConfig({});
    expect(SUBGRAPH_NAMES.map((name) => defaults.subgraphOps[name].port)).toEqual([4091, 4092, 4093, 4094, 4095, 4096, 4097]);
    expect(defaults.subgraphOps.access.host).toBe('127.0.0.1');
    const set = loadConfig({ CG_FINANCE_OPS_PORT: '9102', CG_SUBGRAPH_OPS_HOST: '0.0.0.0' });
    expect(set.subgraphOps.finance).toEqual({ host: '0.0.0.0', port: 9102 });
    expect(() => loadConfig({ CG_FINANCE_OPS_PORT: 'x' })).toThrow(/CG_FINANCE_OPS_PORT/);
  });
});

describe('the dashboard and the alerts of docker-compose.yml', () => {
  it('query only metrics the gateway and the subgraphs really expose', async () => {
    const ops = path.resolve(__dirname, '../ops');
    const dashboard = JSON.parse(readFileSync(path.join(ops, 'grafana/dashboards/credit-graph.json'), 'utf8')) as { panels: Array<{ targets?: Array<{ expr: string }> }> };
    const alerts = parse(readFileSync(path.join(ops, 'prometheus/alerts.yml'), 'utf8')) as { groups: Array<{ rules: Array<{ expr: string }> }> };
    const exprs = [...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)), ...alerts.groups.flatMap((g) => g.rules.map((r) => r.expr))];
    const queried = new Set(exprs.flatMap((expr) => [...expr.matchAll(/\b(?:credit_graph|process|nodejs)_\w+/g)].map((m) => m[0])));
    expect(queried.size).toBeGreaterThan(15);

    const texts = [(await scrape(gateway.opsUrl)).text];
    for (const name of SUBGRAPH_NAMES) texts.push(await subgraphMetricsOf(graph.subgraphs[name]).text());
    const exposed = new Set(texts.flatMap((text) => [...families(text)]));
    const missing = [...queried].filter((name) => !exposed.has(name) && !exposed.has(name.replace(/_(bucket|sum|count)$/, '')));
    expect(missing).toEqual([]);
  });
});
