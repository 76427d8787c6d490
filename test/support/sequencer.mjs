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
 * Seconds per file, from one run of the whole suite on two cores (`npm test`, 7 min 27 s; only their
 * order matters).
 */
const EXPECTED_SECONDS = {
  'test/web/browser.test.ts': 109,
  'test/e2e/start.test.ts': 76,
  'test/web/serving.test.ts': 38,
  'test/lifecycle/sectors.test.ts': 36,
  'test/storeFailure.test.ts': 35,
  'test/security/tokens.test.ts': 34,
  'test/lifecycle/more.test.ts': 30,
  'test/resilience.http.test.ts': 27,
  'test/report/document.test.ts': 25,
  'test/safelist.test.ts': 24,
  'test/supergraph.test.ts': 23,
  'test/metrics.promtool.test.ts': 18,
  'test/supervisor.test.ts': 17,
  'test/access.http.test.ts': 16,
  'test/tracing.test.ts': 16,
  'test/classification.test.ts': 15,
  'test/gatewayRequest.test.ts': 15,
  'test/rateLimits.test.ts': 15,
  'test/recourse/statementsAndRepair.test.ts': 15,
  'test/statements.test.ts': 15,
  'test/metrics.test.ts': 14,
  'test/normalization.test.ts': 14,
  'test/requestLog.test.ts': 14,
  'test/e2e/rateLimits.shared.test.ts': 13,
  'test/report/creditReport.test.ts': 13,
  'test/security/limits.test.ts': 13,
  'test/checkSchema.test.ts': 12,
  'test/graph.http.test.ts': 12,
  'test/security/contexts.test.ts': 12,
  'test/security/authorization.test.ts': 11,
  'test/seed.test.ts': 11,
  'test/authorization.http.test.ts': 10,
  'test/security/contexts.gateway.test.ts': 10,
  'test/identity/gateway.http.test.ts': 9,
  'test/recourse/objections.test.ts': 9,
  'test/recourse/submissions.test.ts': 8,
  'test/security/strangers.test.ts': 8,
  'test/security/limits.unit.test.ts': 7,
  'test/security/subgraph-routes.test.ts': 7,
  'test/e2e/secondStart.test.ts': 6,
  'test/subgraphContext.test.ts': 6,
  'test/support/stores.test.ts': 6,
  'subgraphs/ecommerce/test/ecommerce.subgraph.test.ts': 5,
  'test/dockerCompose.test.ts': 5,
  'test/security/inquiry.test.ts': 5,
  'test/generator.test.ts': 4,
  'subgraphs/construction/test/construction.subgraph.test.ts': 3,
  'subgraphs/finance/test/finance.subgraph.test.ts': 3,
  'subgraphs/registry/test/registry.subgraph.test.ts': 3,
  'subgraphs/taxation/test/taxation.subgraph.test.ts': 3,
  'test/identity/signIn.test.ts': 3,
  'test/load.progress.test.ts': 3,
  'gateway/resilience/subgraphFetch.test.ts': 2,
  'subgraphs/access/test/access.subgraph.test.ts': 2,
  'subgraphs/healthcare/test/healthcare.subgraph.test.ts': 2,
  'test/docs.test.ts': 2,
  'test/httpRefusals.test.ts': 2,
  'test/locks.test.ts': 2,
  'test/web/desk-sectors.test.ts': 2,
  'test/authorization.filter.test.ts': 1,
  'test/bench.test.ts': 1,
  'test/config.test.ts': 1,
  'test/freeText.test.ts': 1,
  'test/identifiers.test.ts': 1,
  'test/identity/config.test.ts': 1,
  'test/identity/demoPrincipals.test.ts': 1,
  'test/migrations.test.ts': 1,
  'test/pagination.test.ts': 1,
  'test/policy.decisions.test.ts': 1,
  'test/sdl.test.ts': 1,
  'test/subjects.test.ts': 1,
  'test/tokens.test.ts': 1,
  'test/web/desk-dates.test.ts': 1,
  'test/web/subject.figures.test.ts': 1,
};

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A test file's path from the project's root, with forward slashes: how the files are named here. */
const relativeOf = (test) => path.relative(ROOT, test.path).split(path.sep).join('/');

export default class LongestFirst extends Sequencer {
  sort(tests) {
    const expected = (test) => {
      const cached = this.time(test);
      if (cached != null) return cached / 1000;
      const known = EXPECTED_SECONDS[relativeOf(test)];
      if (known != null) return known;
      return (test.context.hasteFS.getSize(test.path) ?? 0) / 3000;
    };
    const seconds = new Map(tests.map((test) => [test, expected(test)]));
    const sorted = [...tests].sort((a, b) => {
      const failedA = this.hasFailed(a);
      if (failedA !== this.hasFailed(b)) return failedA ? -1 : 1;
      return seconds.get(b) - seconds.get(a);
    });
    return apart(sorted, (test) => seconds.get(test));
  }
}

/**
 * The two files that run processes of their own never start side by side: `npm start`'s eight Node
 * processes booting on two cores beside Chromium loading the explorer made the browser's page loads
 * miss their 8 s (seen once the last run's durations had put both first). The start test goes first;
 * the other worker takes the longest in-process files, as many as fill the start test's expected time;
 * the browser file comes next, so that it starts when the start test is about done.
 */
const START = 'test/e2e/start.test.ts';
const BROWSER = 'test/web/browser.test.ts';

function apart(sorted, secondsOf) {
  const named = (name) => sorted.find((test) => relativeOf(test) === name);
  const start = named(START);
  const browser = named(BROWSER);
  if (!start || !browser) return sorted;
  const rest = sorted.filter((test) => test !== start && test !== browser);
  let filled = 0;
  let beside = 0;
  while (beside < rest.length && filled < secondsOf(start)) filled += secondsOf(rest[beside++]);
  return [start, ...rest.slice(0, beside), browser, ...rest.slice(beside)];
}
