import type { FastifyInstance } from 'fastify';
import { subjectAt } from '../shared/generator/subjects';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { subgraphMetricsOf } from '../shared/subgraph/metrics';
import { startSubgraphs, startGateway, urlOverrides, post, callerHeaders, REGULATOR, testFetch, type RunningGraph } from './support/graph';
import { TEST_DATASET } from './support/stores';
import { promtool, withPromtool } from './support/metrics';

/**
 * The real exposition of a gateway and of every subgraph, after traffic of every kind, passes
 * `promtool check metrics` (Prometheus' own linter: names, suffixes, help, types) without a remark.
 */

let graph: RunningGraph;
let gateway: { app: FastifyInstance; url: string; opsUrl: string };

beforeAll(async () => {
  graph = await startSubgraphs();
  gateway = await startGateway(urlOverrides(graph.subgraphUrls));
  const regulator = await callerHeaders(REGULATOR, 'SUPERVISION');
  const query = 'query Profile($code: ID!) { subject(code: $code) { name finance { summary { accountCount } } } }';
  for (let i = 0; i < 6; i += 1) {
    const code = subjectAt(TEST_DATASET.seed, i).code;
    await post(gateway.url, query, { code }, i % 2 === 0 ? regulator : {});
  }
  // A request to each subgraph that lacks the gateway's context: every subgraph has served something.
  for (const name of SUBGRAPH_NAMES) await testFetch(graph.subgraphUrls[name], { method: 'POST', body: '{}' });
  await post(gateway.url, '{ subject(code: ');
  await post(gateway.url, query, { code: 'x' }, { authorization: 'Bearer forged' });
});

afterAll(async () => {
  await gateway.app.close();
  await graph.close();
});

describe('promtool check metrics', () => {
  withPromtool('finds no problem in the gateway exposition', async () => {
    const text = await (await testFetch(`${gateway.opsUrl}/metrics`)).text();
    expect(text).toContain('credit_graph_gateway_requests_total{');
    expect(promtool(['check', 'metrics'], text)).toEqual({ status: 0, output: '' });
  });

  withPromtool('finds no problem in any subgraph exposition', async () => {
    for (const name of SUBGRAPH_NAMES) {
      const text = await subgraphMetricsOf(graph.subgraphs[name]).text();
      expect(text).toContain(`credit_graph_subgraph_requests_total{subgraph="${name}"`);
      expect({ name, ...promtool(['check', 'metrics'], text) }).toEqual({ name, status: 0, output: '' });
    }
  });

  withPromtool('reports a broken exposition (the check can fail)', async () => {
    const broken = '# HELP bad_counter a counter without its suffix\n# TYPE bad_counter counter\nbad_counter 1\n';
    const result = promtool(['check', 'metrics'], broken);
    expect(result.output).toContain('counter metrics should have "_total" suffix');
  });
});
