import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Sequencer from '@jest/test-sequencer';

/**
 * The order in which jest's two workers take the test files: the longest first, so that what is left
 * at the end is short files and both workers finish within a few seconds of each other (the wall time
 * is the later worker's).
 *
 * Why not jest's own order: it sorts by the durations of the last run on this machine, and without them
 * (a clean clone, as in CI) by file size. The longest files are not the biggest: the record life-cycle
 * files (test/lifecycle/*.test.ts) are a few imports each, so by size they ran last, side by side or
 * one after the other on a worker that was already behind, and a run took up to 40 s longer than the
 * same work balanced. Here, a file's expected seconds are jest's own from the last run when it has them,
 * else those measured below, else a guess from its size (a new file: about a second per 3 kB of test code).
 * Failed files still go first. Keep EXPECTED_SECONDS roughly current when a file's cost changes a lot
 * (`npx jest --json --outputFile=...`: each file's endTime - startTime); the order only matters
 * roughly.
 */

/**
 * Seconds per file, from one run of the whole suite on two cores on a loaded machine (only their order
 * matters). test/web/browser.test.ts: its time in a later, busier run, divided by how much slower the
 * files of this table ran there (the median, 2.1 times).
 */
const EXPECTED_SECONDS = {
  'test/web/browser.test.ts': 63,
  'test/lifecycle/more.test.ts': 53,
  'test/report/creditReport.test.ts': 45,
  'test/recourse/submissions.test.ts': 26,
  'test/web/serving.test.ts': 24,
  'test/report/document.test.ts': 22,
  'test/identity/gateway.http.test.ts': 20,
  'test/identity/signIn.test.ts': 17,
  'test/recourse/statementsAndRepair.test.ts': 17,
  'test/recourse/objections.test.ts': 15,
  'test/lifecycle/sectors.test.ts': 46,
  'test/resilience.http.test.ts': 40,
  'test/tracing.test.ts': 38,
  'test/access.http.test.ts': 31,
  'test/storeFailure.test.ts': 31,
  'test/e2e/start.test.ts': 23,
  'test/graph.http.test.ts': 18,
  'test/gatewayRequest.test.ts': 17,
  'test/supervisor.test.ts': 17,
  'test/requestLog.test.ts': 15,
  'test/security/contexts.gateway.test.ts': 15,
  'test/safelist.test.ts': 14,
  'test/classification.test.ts': 14,
  'test/generator.test.ts': 14,
  'subgraphs/finance/test/finance.subgraph.test.ts': 13,
  'test/seed.test.ts': 13,
  'test/security/contexts.test.ts': 12,
  'test/security/limits.test.ts': 12,
  'test/rateLimits.test.ts': 11,
  'test/metrics.test.ts': 11,
  'test/e2e/rateLimits.shared.test.ts': 11,
  'test/config.test.ts': 10,
  'test/security/authorization.test.ts': 9,
  'subgraphs/registry/test/registry.subgraph.test.ts': 9,
  'test/supergraph.test.ts': 9,
  'subgraphs/healthcare/test/healthcare.subgraph.test.ts': 8,
  'test/security/strangers.test.ts': 7,
  'test/checkSchema.test.ts': 6,
  'test/authorization.http.test.ts': 6,
  'subgraphs/ecommerce/test/ecommerce.subgraph.test.ts': 6,
  'test/security/limits.unit.test.ts': 5,
  'test/security/inquiry.test.ts': 5,
  'subgraphs/taxation/test/taxation.subgraph.test.ts': 5,
  'test/security/tokens.test.ts': 4,
  'test/security/subgraph-routes.test.ts': 4,
  'test/subgraphContext.test.ts': 3,
  'test/e2e/secondStart.test.ts': 3,
  'subgraphs/construction/test/construction.subgraph.test.ts': 3,
  'subgraphs/access/test/access.subgraph.test.ts': 2,
  'test/policy.decisions.test.ts': 2,
  'gateway/resilience/subgraphFetch.test.ts': 2,
  'test/dockerCompose.test.ts': 1,
  'test/authorization.filter.test.ts': 1,
  'test/sdl.test.ts': 1,
  'test/tokens.test.ts': 1,
  'test/subjects.test.ts': 1,
  'test/identifiers.test.ts': 1,
  'test/locks.test.ts': 1,
  'test/metrics.promtool.test.ts': 1,
  'test/migrations.test.ts': 1,
  'test/docs.test.ts': 1,
};

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default class LongestFirst extends Sequencer {
  sort(tests) {
    const expected = (test) => {
      const cached = this.time(test);
      if (cached != null) return cached / 1000;
      const known = EXPECTED_SECONDS[path.relative(ROOT, test.path).split(path.sep).join('/')];
      if (known != null) return known;
      return (test.context.hasteFS.getSize(test.path) ?? 0) / 3000;
    };
    const seconds = new Map(tests.map((test) => [test, expected(test)]));
    const sorted = [...tests].sort((a, b) => {
      const failedA = this.hasFailed(a);
      if (failedA !== this.hasFailed(b)) return failedA ? -1 : 1;
      return seconds.get(b) - seconds.get(a);
    });
    return apart(sorted);
  }
}

/**
 * The two files that run processes of their own never start side by side: `npm start`'s eight Node
 * processes booting on two cores beside Chromium loading the explorer made the browser's page loads
 * miss their 8 s (seen once the last run's durations had put both first). The start test goes first,
 * the longest in-process file beside it, and the browser file third: it starts once one of those two
 * is done, after the stack's boot, the start test's costly part.
 */
const START = 'test/e2e/start.test.ts';
const BROWSER = 'test/web/browser.test.ts';

function apart(sorted) {
  const named = (name) => sorted.find((test) => path.relative(ROOT, test.path).split(path.sep).join('/') === name);
  const start = named(START);
  const browser = named(BROWSER);
  if (!start || !browser) return sorted;
  const rest = sorted.filter((test) => test !== start && test !== browser);
  return [start, ...rest.slice(0, 1), browser, ...rest.slice(1)];
}
