import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../shared/config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/names';
import { parseBenchArgs, UsageError, USAGE, WRITING_SCENARIOS, type BenchOptions } from './args';
import { Client, latencyOf, run, type BenchRequest, type RunResult } from './load';
import { fileNameOf, renderConsole, renderPage, type BenchResult, type Measurement, type ScenarioResult } from './render';
import { buildScenarios, type Scenario } from './scenarios';
import { cpuBetween, cpuMsOf, PostgresProcesses, portsFrom, snapshot, Stack, statementsOf } from './stack';

/**
 * `npm run bench -- [--store pglite|postgres] [--subjects N] [--scenario a,b] [--requests N] [--concurrency 16] [--out docs/benchmarks]`
 *
 * Starts the stack as users run it (each subgraph and the gateway in its own process, as `npm start`)
 * on embedded PGlite seeded with the demo dataset, or on the PostgreSQL stores the environment
 * configures (`CG_DATABASE_URL`, `CG_DATABASE_PREFIX`: migrated, never seeded), plus stock
 * `@apollo/gateway` over the same subgraph processes; or measures a running gateway (`--url`).
 * Per scenario: warm-up, then per round a sequential run and a concurrent run, ours and stock
 * alternating (scenarios in `--stock`); latency percentiles of the sequential runs, requests/s of
 * the concurrent ones, CPU per request per process group and SQL statements per request over the
 * concurrent runs. Writes `<out>/<store>-<subjects>.json` and renders `<out>.md` from every JSON file
 * in `<out>`.
 */

const ROOT = path.resolve(__dirname, '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Side {
  readonly label: 'ours' | 'stock' | 'floor';
  readonly client: Client;
  /** The gateway's pid, when the benchmark started it. */
  readonly pid: number | null;
  /** The subgraph processes it fetches from, when not the stack's own (the floor's). */
  readonly subgraphPids: readonly number[] | null;
  sequential: number[];
  concurrent: RunResult[];
  failed: number;
  firstFailure: string | null;
  cpu: { gateway: number; subgraphs: number; postgres: number };
  statements: Record<string, number>;
}

interface Probes {
  readonly subgraphPids: readonly number[];
  readonly opsPorts: Readonly<Record<string, number>>;
  readonly postgres: PostgresProcesses | null;
}

function commitOf(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

async function statementsNow(probes: Probes): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, port] of Object.entries(probes.opsPorts)) out[name] = await statementsOf(port);
  return out;
}

/** A concurrent run with the CPU of every process and the statements of every subgraph around it. */
async function measuredRun(side: Side, probes: Probes | null, next: (n: number) => BenchRequest, options: BenchOptions): Promise<void> {
  if (!probes) {
    side.concurrent.push(await run(side.client, next, options.requests, options.concurrency));
    return;
  }
  const pgBefore = probes.postgres ? snapshot(await probes.postgres.pids()) : null;
  const stmtBefore = await statementsNow(probes);
  const gwBefore = side.pid === null ? 0 : (cpuMsOf(side.pid) ?? 0);
  const subgraphPids = side.subgraphPids ?? probes.subgraphPids;
  const sgBefore = snapshot(subgraphPids);
  const result = await run(side.client, next, options.requests, options.concurrency);
  const sgAfter = snapshot(subgraphPids);
  const gwAfter = side.pid === null ? 0 : (cpuMsOf(side.pid) ?? 0);
  const pgAfter = probes.postgres ? snapshot(await probes.postgres.pids()) : null;
  const stmtAfter = await statementsNow(probes);
  side.concurrent.push(result);
  side.cpu.gateway += gwAfter - gwBefore;
  side.cpu.subgraphs += cpuBetween(sgBefore, sgAfter);
  if (pgBefore && pgAfter) side.cpu.postgres += cpuBetween(pgBefore, pgAfter);
  for (const name of Object.keys(stmtAfter)) side.statements[name] = (side.statements[name] ?? 0) + ((stmtAfter[name] ?? 0) - (stmtBefore[name] ?? 0));
}

function measurementOf(side: Side, probes: Probes | null): Measurement {
  const requests = side.concurrent.reduce((n, r) => n + r.latencies.length, 0);
  const seconds = side.concurrent.reduce((n, r) => n + r.seconds, 0);
  const per = (x: number) => (requests === 0 ? Number.NaN : x / requests);
  const bySubgraph = Object.fromEntries(Object.entries(side.statements).map(([name, n]) => [name, per(n)]));
  return {
    requests: requests + side.sequential.length,
    failed: side.failed,
    sequential: latencyOf(side.sequential),
    concurrent: { requestsPerSecond: requests / seconds, latency: latencyOf(side.concurrent.flatMap((r) => r.latencies)) },
    cpuMsPerRequest: probes
      ? {
          gateway: per(side.cpu.gateway),
          subgraphs: per(side.cpu.subgraphs),
          postgres: probes.postgres ? per(side.cpu.postgres) : null,
          total: per(side.cpu.gateway + side.cpu.subgraphs + (probes.postgres ? side.cpu.postgres : 0)),
        }
      : null,
    statementsPerRequest: probes ? { total: Object.values(bySubgraph).reduce((a, b) => a + b, 0), bySubgraph } : null,
  };
}

/** Warm-up: the first answer must be a success with data, else the scenario is reported as failing and skipped. */
async function warmUp(side: Side, scenario: Scenario, options: BenchOptions): Promise<{ failure: string | null; data: unknown }> {
  const next = scenario.requests(options.seed + 7_919);
  let data: unknown = null;
  for (let i = 0; i < Math.max(1, options.warmup); i += 1) {
    const { failure, text } = await side.client.send(next(i));
    if (failure) return { failure, data: null };
    if (i === 0) {
      const json = JSON.parse(text) as { data?: unknown };
      const wrong = scenario.expect(json);
      if (wrong) return { failure: wrong, data: null };
      data = json.data;
    }
  }
  // The first side reads every subject of the pool once, so that no measured run (of either side, in
  // any round) pays for bringing records into the store's cache while the other does not.
  if (side.label === 'ours' && scenario.everySubject) {
    const every = await run(side.client, (n) => scenario.everySubject?.request(n) as BenchRequest, scenario.everySubject.count, options.concurrency);
    if (every.firstFailure) log(`  warm-up: ${every.failed} of ${every.latencies.length} failed, the first: ${every.firstFailure.slice(0, 200)}`);
  }
  return { failure: null, data };
}

async function measureScenario(scenario: Scenario, sides: Side[], probes: Probes | null, options: BenchOptions): Promise<ScenarioResult> {
  const base = { name: scenario.name, description: scenario.description, caller: scenario.caller, lists: scenario.lists };
  const notes: string[] = [];
  const datas: unknown[] = [];
  for (const side of sides) {
    const { failure, data } = await warmUp(side, scenario, options);
    if (failure) {
      if (side.label === 'ours') return { ...base, ours: null, stock: null, skipped: `failed at warm-up: ${failure.replace(/\|/g, '\\|').slice(0, 300)}` };
      notes.push(`the stock gateway failed at warm-up, not compared: ${failure.slice(0, 200)}`);
      sides = sides.filter((s) => s !== side);
      continue;
    }
    datas.push(data);
  }
  const [first, ...others] = datas;
  for (const [i, data] of others.entries()) {
    if (JSON.stringify(data) !== JSON.stringify(first)) notes.push(`ours and ${sides[i + 1]?.label} answered the first warm-up request with different data`);
  }
  for (let round = 0; round < options.rounds; round += 1) {
    // Alternate who goes first, so that drift (caches, autovacuum, other load) falls on both.
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      // Each side draws its own subjects (from the same pool): a side never reads what the other
      // just brought into the store's cache, and who goes first alternates.
      const stream = options.seed + 6 * round + { ours: 0, stock: 2, floor: 4 }[side.label];
      const sequential = await run(side.client, scenario.requests(stream), options.requests, 1);
      side.sequential.push(...sequential.latencies);
      await measuredRun(side, probes, scenario.requests(stream + 1), options);
      const failedNow = sequential.failed + (side.concurrent.at(-1)?.failed ?? 0);
      side.failed += failedNow;
      side.firstFailure ??= sequential.firstFailure ?? side.concurrent.at(-1)?.firstFailure ?? null;
      const concurrent = side.concurrent.at(-1) as RunResult;
      log(`  round ${round + 1}/${options.rounds} ${side.label.padEnd(5)}: sequential p50 ${latencyOf(sequential.latencies).p50.toFixed(1)} ms; ${(concurrent.latencies.length / concurrent.seconds).toFixed(0)} req/s at ${options.concurrency}`);
    }
  }
  for (const side of sides) if (side.firstFailure) notes.push(`${side.label}: ${side.failed} failed answers, the first: ${side.firstFailure.slice(0, 200)}`);
  const ours = sides.find((s) => s.label === 'ours');
  const stock = sides.find((s) => s.label === 'stock');
  const floor = sides.find((s) => s.label === 'floor');
  return {
    ...base,
    ours: ours ? measurementOf(ours, probes) : null,
    stock: stock ? measurementOf(stock, probes) : null,
    ...(floor ? { floor: measurementOf(floor, probes) } : {}),
    ...(notes.length > 0 ? { notes } : {}),
  };
}

const newSide = (label: Side['label'], client: Client, pid: number | null, subgraphPids: readonly number[] | null = null): Side => ({
  label,
  client,
  pid,
  subgraphPids,
  sequential: [],
  concurrent: [],
  failed: 0,
  firstFailure: null,
  cpu: { gateway: 0, subgraphs: 0, postgres: 0 },
  statements: {},
});

const databaseOf = (config: Config, name: SubgraphName) => {
  const store = config.subgraphs[name].store;
  return store.kind === 'postgres' ? store.database : 'embedded';
};

async function countSubjects(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('select count(*) as n from subjects');
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

function writeResults(result: BenchResult, out: string): { json: string; markdown: string } {
  const folder = path.resolve(ROOT, out);
  mkdirSync(folder, { recursive: true });
  const json = path.join(folder, fileNameOf(result));
  writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  const all = readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(folder, f), 'utf8')) as BenchResult);
  const markdown = `${folder}.md`;
  writeFileSync(markdown, renderPage(all));
  return { json, markdown };
}

async function main(): Promise<void> {
  let options: BenchOptions;
  if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    throw error;
  }
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const notes: string[] = [];
  const loadAtStart = os.loadavg()[0] as number;
  const gatewayEnv: Record<string, string> = {
    // The benchmark is one client sending as fast as it can: no rate limit or daily quota applies.
    CG_RATE_LIMIT_RPS: 'off',
    CG_INQUIRY_QUOTA_DAILY: 'off',
    LOG_LEVEL: 'warn',
  };
  if (options.scenarios.includes('batch-100')) {
    // A 100-subject full profile is far above the default demand limit (CG_COST_MAX): the cost is still computed.
    gatewayEnv.CG_COST_MAX = '100000000';
  }
  let stack: Stack | null = null;
  let probes: Probes | null = null;
  const sides: Side[] = [];
  let subjects: number;
  let config = loadConfig(process.env);
  const stopAll = async () => {
    for (const side of sides) await side.client.close();
    await probes?.postgres?.close();
    await stack?.stop();
  };
  process.on('SIGINT', () => void stopAll().finally(() => process.exit(130)));
  try {
    if (options.url) {
      subjects = options.subjects ?? config.demo.subjects;
      sides.push(newSide('ours', new Client(options.url, options.concurrency), null));
      notes.push(`measured ${options.url}, a gateway the benchmark did not start: no CPU split, no statement count, no stock comparison`);
    } else {
      const ports = await portsFrom(options.portBase);
      const applicationName = `cg-bench-${process.pid}`;
      log(`starting the stack on ${options.store === 'pglite' ? `embedded PGlite (${options.subjects ?? config.demo.subjects} demo subjects, seeded now)` : 'the configured PostgreSQL stores'} ...`);
      stack = await Stack.start({ store: options.store, subjects: options.subjects, ports, gatewayEnv, applicationName, log, runtime: options.runtime, floor: options.floor.length > 0 });
      if (options.runtime === 'tsx') notes.push('the services ran through tsx (--runtime tsx), not compiled as npm start and the image run them');
      config = stack.config;
      const registry = config.subgraphs.registry.store;
      subjects = registry.kind === 'postgres' ? (options.subjects ?? (await countSubjects(registry.url))) : config.demo.subjects;
      const server = process.env.CG_DATABASE_URL;
      const postgres = options.store === 'postgres' ? await PostgresProcesses.open(server, applicationName) : null;
      probes = {
        subgraphPids: SUBGRAPH_NAMES.map((name) => stack?.pidOf(name) as number),
        opsPorts: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, ports.subgraphs[name].ops])),
        postgres,
      };
      sides.push(newSide('ours', new Client(`http://127.0.0.1:${ports.gateway}/graphql`, options.concurrency), stack.pidOf('gateway')));
      sides.push(newSide('stock', new Client(`http://127.0.0.1:${ports.stock}/`, options.concurrency), stack.pidOf('stock')));
      if (options.floor.length > 0) {
        const floorPids = SUBGRAPH_NAMES.map((name) => stack?.pidOf(`floor-${name}`) as number);
        sides.push(newSide('floor', new Client(`http://127.0.0.1:${ports.floor}/`, options.concurrency), stack.pidOf('floor'), floorPids));
        notes.push(
          'floor = stock @apollo/gateway over one stock Apollo Server per subgraph (Node\'s HTTP server, its schema built by @apollo/subgraph) answering from the data of the first answer to each operation, ' +
            'no store, no verification, no classification, no metrics (bench/floorSubgraph.ts): what the same query plans and answers cost with no work done',
        );
      }
      notes.push(
        'the gateway runs with LOG_LEVEL=warn, CG_RATE_LIMIT_RPS=off and CG_INQUIRY_QUOTA_DAILY=off' +
          (gatewayEnv.CG_COST_MAX ? `, CG_COST_MAX=${gatewayEnv.CG_COST_MAX} (a 100-subject full profile is above the default limit)` : ''),
        'stock = @apollo/gateway + @apollo/server (startStandaloneServer) on the same supergraph.graphql and subgraph processes, no authorization, normalization, limits or inquiry records; ' +
          'its data source signs each fetch with a public request context (the project\'s ContextSigner and key), the minimum a subgraph accepts (bench/stockGateway.ts)',
        options.store === 'postgres'
          ? `PostgreSQL CPU: ${postgres?.scope} (connections named ${applicationName}); databases: ${SUBGRAPH_NAMES.map((n) => databaseOf(config, n)).join(', ')}`
          : 'embedded PGlite: each store runs inside its subgraph process, so its CPU is in the subgraphs\' figure',
      );
    }
    const scenarios = await buildScenarios(options.scenarios, { config, datasetSeed: config.demo.seed, subjects, seed: options.seed, batchSize: 100, pool: options.pool });
    const results: ScenarioResult[] = [];
    for (const scenario of scenarios) {
      const base = { name: scenario.name, description: scenario.description, caller: scenario.caller, lists: scenario.lists, ours: null, stock: null };
      if (options.store === 'postgres' && !options.url && WRITING_SCENARIOS.has(scenario.name) && !options.allowWrites) {
        results.push({ ...base, skipped: 'writes to the access store (inquiry records, reports); run with --allow-writes' });
        log(`${scenario.name}: skipped (writes to the access store; --allow-writes)`);
        continue;
      }
      log(`${scenario.name}: ${scenario.description}`);
      const inRun = sides
        .filter((s) => s.label === 'ours' || (s.label === 'stock' ? options.stock : options.floor).includes(scenario.name))
        .map((s) => newSide(s.label, s.client, s.pid, s.subgraphPids));
      const result = await measureScenario(scenario, inRun, probes, options);
      results.push(result);
      if (result.skipped) log(`  ${result.skipped}`);
      else log(`  p50 ${result.ours?.sequential.p50.toFixed(1)} ms, ${result.ours?.concurrent.requestsPerSecond.toFixed(0)} req/s${result.stock ? `; stock p50 ${result.stock.sequential.p50.toFixed(1)} ms, ${result.stock.concurrent.requestsPerSecond.toFixed(0)} req/s` : ''}`);
    }
    // Other work on the machine skews every absolute figure (not the side-by-side ratios): say how much there was.
    notes.push(`load average (1 min) at the start ${loadAtStart.toFixed(1)}, at the end ${(os.loadavg()[0] as number).toFixed(1)}, on ${os.cpus().length} cores`);
    const result: BenchResult = {
      date: new Date().toISOString(),
      commit: commitOf(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
      },
      store: options.url ? 'url' : options.store,
      subjects,
      requests: options.requests,
      concurrency: options.concurrency,
      rounds: options.rounds,
      notes,
      scenarios: results,
    };
    const written = writeResults(result, options.out);
    process.stdout.write(`${renderConsole(result)}\nwritten: ${path.relative(process.cwd(), written.json)}, ${path.relative(process.cwd(), written.markdown)}\n`);
  } finally {
    await stopAll();
  }
}

void main().catch((error: unknown) => {
  // One line for the operator (an unreachable --url, a stack that would not start); the stack with BENCH_DEBUG=1.
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = process.env.BENCH_DEBUG === '1' ? ((error as Error).stack ?? String(error)) : `${(error as Error).message ?? String(error)}${cause?.code || cause?.message ? ` (${cause.code ?? cause.message})` : ''}`;
  process.stderr.write(`bench: ${detail}\n`);
  process.exit(1);
});
