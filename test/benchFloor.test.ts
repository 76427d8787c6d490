import type { AddressInfo } from 'node:net';
import { floorSubgraph, type FloorSubgraph } from '../bench/floorSubgraph';
import { buildOperations, loadCatalogue } from '../bench/operations';
import { subjectAt } from '../shared/generator/subjects';
import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/names';
import { post, startGateway, startSubgraphs, testFetch, urlOverrides, type RunningGraph } from './support/graph';
import { TEST_DATASET } from './support/stores';

/**
 * The benchmark's floor (bench/floorSubgraph.ts) stands for "the same query plans and answers with no
 * work done" only if a gateway over it gets the answers the real subgraphs give: checked here with the
 * benchmark's own operations, through the project's gateway, over real HTTP to the floor subgraphs.
 */

const operations = buildOperations(loadCatalogue());
const [first, second] = [0, 1].map((i) => subjectAt(TEST_DATASET.seed, i));
let graph: RunningGraph;
const floors = {} as Record<SubgraphName, FloorSubgraph>;
const floorUrls = {} as Record<SubgraphName, string>;

beforeAll(async () => {
  graph = await startSubgraphs();
  for (const name of SUBGRAPH_NAMES) {
    floors[name] = await floorSubgraph(name, graph.subgraphUrls[name], testFetch);
    await new Promise<void>((resolve) => floors[name].server.listen(0, '127.0.0.1', resolve));
    floorUrls[name] = `http://127.0.0.1:${(floors[name].server.address() as AddressInfo).port}/graphql`;
  }
});

afterAll(async () => {
  for (const floor of Object.values(floors)) await floor.stop();
  await graph.close();
});

const upstreamCalls = () => Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, floors[name].upstreamCalls()]));

describe('the floor subgraphs of the benchmark', () => {
  it('answer the public full profile as the real subgraphs do, then every later subject from the kept answer without asking them again', async () => {
    const real = await startGateway(urlOverrides(graph.subgraphUrls));
    const floor = await startGateway(urlOverrides(floorUrls));
    try {
      const expected = await post(real.url, operations.publicProfile, { code: first?.code });
      expect(expected.status).toBe(200);
      expect(expected.body.errors).toBeUndefined();
      expect(await post(floor.url, operations.publicProfile, { code: first?.code })).toEqual(expected);
      // One fetch of each sector's operation went on to the real subgraph; access is not in the plan.
      expect(upstreamCalls()).toEqual({ registry: 1, finance: 1, taxation: 1, construction: 1, ecommerce: 1, healthcare: 1, access: 0 });

      // Another subject: the same plan, answered from the kept data (the first subject's), no store read.
      expect(await post(floor.url, operations.publicProfile, { code: second?.code })).toEqual(expected);
      expect(upstreamCalls()).toEqual({ registry: 1, finance: 1, taxation: 1, construction: 1, ecommerce: 1, healthcare: 1, access: 0 });
    } finally {
      await real.app.close();
      await floor.app.close();
    }
  });

  it('answer a batch with as many subjects as it asks for, each sector as many entities as it is given', async () => {
    const floor = await startGateway(urlOverrides(floorUrls));
    try {
      const codes = [0, 1, 2, 3, 4, 5].map((i) => subjectAt(TEST_DATASET.seed, i).code);
      const kept = await post(floor.url, operations.batch, { codes: codes.slice(0, 3) });
      expect(kept.body.errors).toBeUndefined();
      const answer = await post(floor.url, operations.batch, { codes });
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      const subjects = (answer.body.data as { subjects: unknown[] }).subjects;
      const keptSubjects = (kept.body.data as { subjects: unknown[] }).subjects;
      expect(subjects).toEqual([...keptSubjects, ...keptSubjects]);
    } finally {
      await floor.app.close();
    }
  });
});
