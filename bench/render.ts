/**
 * The benchmark's results: their JSON form (one file per store and dataset size) and the Markdown
 * page rendered from them (docs/benchmarks.md). Pure functions, so a test renders a fixed result.
 */

export interface Latency {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** CPU milliseconds per request, per process group, over the concurrent runs. */
export interface CpuPerRequest {
  readonly gateway: number;
  readonly subgraphs: number;
  /** Every `postgres` server process; null on embedded stores (their CPU is inside the subgraphs'). */
  readonly postgres: number | null;
  readonly total: number;
}

/** One gateway's figures for one scenario. */
export interface Measurement {
  readonly requests: number;
  /** Answers with GraphQL errors or an HTTP status other than 200. */
  readonly failed: number;
  readonly sequential: Latency;
  readonly concurrent: { readonly requestsPerSecond: number; readonly latency: Latency };
  readonly cpuMsPerRequest: CpuPerRequest | null;
  /** SQL statements per request, all subgraphs, and per subgraph (from their `/metrics`). */
  readonly statementsPerRequest: { readonly total: number; readonly bySubgraph: Readonly<Record<string, number>> } | null;
}

export interface ScenarioResult {
  readonly name: string;
  readonly description: string;
  readonly caller: string;
  /** Lists (connections) the operation asks for, per subject. */
  readonly lists: number;
  readonly ours: Measurement | null;
  readonly stock: Measurement | null;
  /** The floor (`--floor`): stock @apollo/gateway over subgraphs that replay recorded answers. */
  readonly floor?: Measurement | null;
  /** Why the scenario was not measured. */
  readonly skipped?: string;
  readonly notes?: readonly string[];
}

export interface BenchResult {
  readonly date: string;
  readonly commit: string | null;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly memoryGb: number; readonly node: string; readonly platform: string };
  readonly store: 'pglite' | 'postgres' | 'url';
  readonly subjects: number | null;
  readonly requests: number;
  readonly concurrency: number;
  readonly rounds: number;
  readonly notes: readonly string[];
  readonly scenarios: readonly ScenarioResult[];
}

const ms = (n: number | null | undefined, digits = 1) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits));
const ratio = (ours: number | null | undefined, stock: number | null | undefined) =>
  ours === null || ours === undefined || stock === null || stock === undefined || !Number.isFinite(ours) || !Number.isFinite(stock) || stock === 0 ? '–' : `${(ours / stock).toFixed(2)}×`;

function cpu(m: Measurement | null): string {
  const c = m?.cpuMsPerRequest;
  if (!c) return '–';
  return `${ms(c.total)} (${ms(c.gateway)} / ${ms(c.subgraphs)} / ${c.postgres === null ? 'in subgraphs' : ms(c.postgres)})`;
}

function statements(m: Measurement | null): string {
  const s = m?.statementsPerRequest;
  if (!s) return '–';
  const parts = Object.entries(s.bySubgraph)
    .filter(([, n]) => n >= 0.05)
    .map(([name, n]) => `${name} ${ms(n)}`);
  return `${ms(s.total)}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/** The title of a result: its store and dataset size. */
export function titleOf(result: BenchResult): string {
  const store = result.store === 'pglite' ? 'embedded PGlite' : result.store === 'postgres' ? 'PostgreSQL' : 'a running gateway';
  return `${store}${result.subjects === null ? '' : `, ${result.subjects.toLocaleString('en-US')} subjects`}`;
}

/** A table of ours against another gateway (stock, the floor), one row per scenario both measured; nothing when none. */
function comparison(
  lines: string[],
  rows: ReadonlyArray<{ readonly name: string; readonly a: Measurement; readonly b: Measurement }>,
  intro: string,
  header: string,
  alignment: string,
  cells: (ours: Measurement, other: Measurement) => string[],
): void {
  if (rows.length === 0) return;
  lines.push('', intro, '', header, alignment);
  for (const { name, a, b } of rows) lines.push(`| ${[name, ...cells(a, b)].join(' | ')} |`);
}

/** One result as Markdown: the machine, the main table, the stock comparison and the notes. */
export function renderResult(result: BenchResult): string {
  const lines: string[] = [];
  lines.push(`## ${titleOf(result)}`, '');
  lines.push(
    `${result.date}${result.commit ? `, commit \`${result.commit.slice(0, 10)}\`` : ''}; ${result.machine.cpus} cores (${result.machine.cpuModel}), ` +
      `${result.machine.memoryGb} GB, Node ${result.machine.node} on ${result.machine.platform}; ` +
      `${result.requests} requests per run, concurrent runs at ${result.concurrency} connections, ${result.rounds} round(s).`,
    '',
  );
  lines.push(
    '| scenario | caller | lists | p50 ms | p95 ms | p99 ms | req/s | CPU ms/req: all (gateway / subgraphs / PostgreSQL) | SQL statements/req | failed |',
    '|---|---|---:|---:|---:|---:|---:|---|---|---:|',
  );
  for (const s of result.scenarios) {
    const m = s.ours;
    if (!m) {
      lines.push(`| ${s.name} | ${s.caller} | ${s.lists} | ${s.skipped ? `skipped: ${s.skipped}` : '–'} | | | | | | |`);
      continue;
    }
    lines.push(
      `| ${s.name} | ${s.caller} | ${s.lists} | ${ms(m.sequential.p50)} | ${ms(m.sequential.p95)} | ${ms(m.sequential.p99)} | ${ms(m.concurrent.requestsPerSecond, 0)} | ${cpu(m)} | ${statements(m)} | ${m.failed} |`,
    );
  }
  const pair = (ours: number | null | undefined, other: number | null | undefined, digits = 1) => `${ms(ours, digits)} / ${ms(other, digits)}`;
  comparison(
    lines,
    result.scenarios.flatMap((s) => (s.ours && s.stock ? [{ name: s.name, a: s.ours, b: s.stock }] : [])),
    'Against stock `@apollo/gateway` over the same subgraph processes, in the same run (A/B rounds alternate). Ratio = ours / stock: above 1× is what enforcement costs.',
    '| scenario | p50 ms ours / stock | ratio | p95 ms ours / stock | ratio | req/s ours / stock | ratio | gateway CPU ms/req ours / stock | ratio |',
    '|---|---|---:|---|---:|---|---:|---|---:|',
    (a, b) => [
      pair(a.sequential.p50, b.sequential.p50),
      ratio(a.sequential.p50, b.sequential.p50),
      pair(a.sequential.p95, b.sequential.p95),
      ratio(a.sequential.p95, b.sequential.p95),
      pair(a.concurrent.requestsPerSecond, b.concurrent.requestsPerSecond, 0),
      ratio(a.concurrent.requestsPerSecond, b.concurrent.requestsPerSecond),
      pair(a.cpuMsPerRequest?.gateway, b.cpuMsPerRequest?.gateway),
      ratio(a.cpuMsPerRequest?.gateway, b.cpuMsPerRequest?.gateway),
    ],
  );
  comparison(
    lines,
    result.scenarios.flatMap((s) => (s.ours && s.floor ? [{ name: s.name, a: s.ours, b: s.floor }] : [])),
    'Against the floor, in the same run: stock `@apollo/gateway` over stock Apollo Server subgraphs that answer from recorded data, with no store and no checks ' +
      '(`--floor`; bench/floorSubgraph.ts). The same query plans and answers with no work done: no gateway and subgraphs on these libraries spend less on this machine.',
    '| scenario | p50 ms ours / floor | p95 ms ours / floor | req/s ours / floor | CPU ms/req ours / floor: all | gateway | subgraphs | PostgreSQL |',
    '|---|---|---|---|---|---|---|---|',
    (a, b) => [
      pair(a.sequential.p50, b.sequential.p50),
      pair(a.sequential.p95, b.sequential.p95),
      pair(a.concurrent.requestsPerSecond, b.concurrent.requestsPerSecond, 0),
      ...(['total', 'gateway', 'subgraphs', 'postgres'] as const).map((key) => pair(a.cpuMsPerRequest?.[key], b.cpuMsPerRequest?.[key])),
    ],
  );
  const notes = [...result.notes, ...result.scenarios.flatMap((s) => (s.notes ?? []).map((n) => `${s.name}: ${n}`))];
  if (notes.length > 0) lines.push('', ...notes.map((n) => `- ${n}`));
  lines.push('');
  return lines.join('\n');
}

export const PAGE_HEADER = [
  '# Benchmarks',
  '',
  'Generated by `npm run bench` (bench/bench.ts) from the JSON files beside this page in `docs/benchmarks/`; do not edit by hand.',
  'Latency percentiles are of requests sent one at a time; req/s is with the stated number of connections open at once.',
  'CPU is read from `/proc/<pid>/stat` (user + system) of the gateway process, the seven subgraph processes and every',
  '`postgres` server process, over the concurrent runs, divided by their requests; on embedded PGlite the store runs inside',
  'each subgraph process, so its CPU is counted with the subgraphs. SQL statements are the subgraphs\' own count',
  '(`credit_graph_subgraph_store_query_duration_seconds_count` on each ops `/metrics`), before and after each run.',
  'Absolute figures depend on the machine and on what else runs on it; the ratios against stock `@apollo/gateway` are',
  'measured side by side in one run.',
  '',
].join('\n');

/** The whole page: every result, PostgreSQL first, then by size. */
export function renderPage(results: readonly BenchResult[]): string {
  const order = (r: BenchResult) => (r.store === 'postgres' ? 0 : r.store === 'pglite' ? 1 : 2);
  const sorted = [...results].sort((a, b) => order(a) - order(b) || (b.subjects ?? 0) - (a.subjects ?? 0));
  return `${PAGE_HEADER}\n${sorted.map(renderResult).join('\n')}`;
}

/** The file name of a result in the output folder: one per store and dataset size, so runs of each replace their own. */
export function fileNameOf(result: Pick<BenchResult, 'store' | 'subjects'>): string {
  return `${result.store}${result.subjects === null ? '' : `-${result.subjects}`}.json`;
}

/** A compact console table of one result, as the run prints it. */
export function renderConsole(result: BenchResult): string {
  return renderResult(result)
    .split('\n')
    .filter((l) => !l.startsWith('|---'))
    .map((l) => (l.startsWith('|') ? l.replace(/^\| /, '  ').replace(/ \|$/, '').replace(/ \| /g, '  |  ') : l))
    .join('\n');
}
