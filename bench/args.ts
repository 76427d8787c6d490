import { parseArgs } from 'node:util';
import { MAX_SUBJECTS, wholeNumber } from '../shared/process';

/** The scenarios of `npm run bench`, in the order they run. */
export const SCENARIOS = ['public-profile', 'regulator', 'bank-consent', 'batch-100', 'search-selective', 'search-broad', 'credit-report'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** Scenarios the stock gateway can serve as ours does: public callers only (it signs every fetch as the public). */
export const PUBLIC_SCENARIOS: ReadonlySet<ScenarioName> = new Set(['public-profile', 'batch-100', 'search-selective', 'search-broad']);

/** Scenarios that write to the access store: inquiry records, and the report a credit report issues. */
export const WRITING_SCENARIOS: ReadonlySet<ScenarioName> = new Set(['regulator', 'bank-consent', 'credit-report']);

export interface BenchOptions {
  readonly store: 'pglite' | 'postgres';
  /** A running gateway to measure instead of starting a stack (no CPU split, no statements, no stock comparison). */
  readonly url: string | null;
  /** Demo subjects seeded into the embedded stores; on PostgreSQL, the subjects the dataset holds (counted when omitted). */
  readonly subjects: number | null;
  readonly scenarios: readonly ScenarioName[];
  /** Requests per measurement: the sequential run and the concurrent run each make this many. */
  readonly requests: number;
  readonly concurrency: number;
  readonly warmup: number;
  /** Organizations drawn at random from the dataset; the warm-up reads each once, so no run pays a cold cache. */
  readonly pool: number;
  /** Scenarios also measured through stock @apollo/gateway over the same subgraphs. */
  readonly stock: readonly ScenarioName[];
  /**
   * Scenarios also measured through the floor: stock @apollo/gateway over stock Apollo Server subgraphs
   * that replay recorded answers (bench/floorSubgraph.ts), what the same plans cost before any work.
   */
  readonly floor: readonly ScenarioName[];
  /** A/B rounds per scenario (ours and stock alternate, each round a sequential then a concurrent run). */
  readonly rounds: number;
  readonly out: string;
  /** First port of the stack (gateway, its ops listener, stock gateway, floor gateway, then each subgraph, its ops listener and its floor subgraph); 0: free ports. */
  readonly portBase: number;
  /** The writing scenarios run on a PostgreSQL store only when allowed (they append to the access store). */
  readonly allowWrites: boolean;
  readonly seed: number;
  /** How the stack's services run: compiled (as npm start and the image run them) or through tsx (to measure what compiling saves). */
  readonly runtime: 'compiled' | 'tsx';
}

export class UsageError extends Error {}

export const USAGE = `usage: npm run bench -- [--store pglite|postgres] [--url http://host:port/graphql] [--subjects N]
  [--scenario ${SCENARIOS.join(',')}] [--requests 200] [--concurrency 16] [--warmup 20] [--pool 500]
  [--stock public-profile|none|<scenarios>] [--floor none|<scenarios>] [--rounds 2] [--out docs/benchmarks] [--port-base 0] [--allow-writes] [--seed 0]
  [--runtime compiled|tsx]`;

function positive(name: string, raw: string | undefined, fallback: number, min = 1, max = 1_000_000): number {
  if (raw === undefined) return fallback;
  const n = wholeNumber(raw, min, max);
  if (n === null) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}: "${raw}"`);
  return n;
}

function scenarioList(name: string, raw: string | undefined, fallback: readonly ScenarioName[]): ScenarioName[] {
  if (raw === undefined) return [...fallback];
  if (raw === 'none') return [];
  if (raw === 'all') return [...SCENARIOS];
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new UsageError(`--${name} names no scenario (known: ${SCENARIOS.join(', ')}, or all, or none)`);
  const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new UsageError(`--${name}: unknown scenario ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${SCENARIOS.join(', ')})`);
  // Run order is the catalogue order, whatever order they were named in.
  return SCENARIOS.filter((s) => names.includes(s));
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        store: { type: 'string' },
        url: { type: 'string' },
        subjects: { type: 'string' },
        scenario: { type: 'string' },
        requests: { type: 'string' },
        concurrency: { type: 'string' },
        warmup: { type: 'string' },
        pool: { type: 'string' },
        stock: { type: 'string' },
        floor: { type: 'string' },
        rounds: { type: 'string' },
        out: { type: 'string' },
        'port-base': { type: 'string' },
        'allow-writes': { type: 'boolean' },
        seed: { type: 'string' },
        runtime: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const store = values.store ?? 'pglite';
  if (store !== 'pglite' && store !== 'postgres') throw new UsageError(`--store must be pglite or postgres: "${store}"`);
  if (values.url !== undefined) {
    let url: URL;
    try {
      url = new URL(values.url);
    } catch {
      throw new UsageError(`--url is not a URL: "${values.url}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--url must be an http or https URL of a gateway: "${values.url}"`);
  }
  const scenarios = scenarioList('scenario', values.scenario, SCENARIOS);
  const stock = scenarioList('stock', values.stock, ['public-profile']);
  const notPublic = stock.filter((s) => !PUBLIC_SCENARIOS.has(s));
  if (notPublic.length > 0) {
    throw new UsageError(`--stock: the stock gateway serves public callers only, not ${notPublic.join(', ')} (public: ${[...PUBLIC_SCENARIOS].join(', ')})`);
  }
  const floor = scenarioList('floor', values.floor, []);
  const floorNotPublic = floor.filter((s) => !PUBLIC_SCENARIOS.has(s));
  if (floorNotPublic.length > 0) {
    throw new UsageError(`--floor: the floor serves public callers only, not ${floorNotPublic.join(', ')} (public: ${[...PUBLIC_SCENARIOS].join(', ')})`);
  }
  if (floor.length > 0 && values.url !== undefined) throw new UsageError('--floor needs the stack the benchmark starts, not --url');
  const runtime = values.runtime ?? 'compiled';
  if (runtime !== 'compiled' && runtime !== 'tsx') throw new UsageError(`--runtime must be compiled or tsx: "${runtime}"`);
  const portBase = positive('port-base', values['port-base'], 0, 0);
  if (portBase !== 0 && (portBase < 1024 || portBase > 65_000)) throw new UsageError(`--port-base must be 0 or between 1024 and 65000: "${portBase}"`);
  return {
    store,
    url: values.url ?? null,
    subjects: values.subjects === undefined ? null : positive('subjects', values.subjects, 0, 1, MAX_SUBJECTS),
    scenarios,
    requests: positive('requests', values.requests, 200),
    concurrency: positive('concurrency', values.concurrency, 16),
    warmup: positive('warmup', values.warmup, 20, 0),
    pool: positive('pool', values.pool, 500),
    stock: stock.filter((s) => scenarios.includes(s)),
    floor: floor.filter((s) => scenarios.includes(s)),
    rounds: positive('rounds', values.rounds, 2),
    out: values.out ?? 'docs/benchmarks',
    portBase,
    allowWrites: values['allow-writes'] ?? false,
    seed: positive('seed', values.seed, 0, 0, 2_147_483_647),
    runtime,
  };
}
