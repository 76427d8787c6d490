import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';

/**
 * Prometheus metrics, the parts every process shares: one registry per gateway or subgraph server
 * (never prom-client's global one, so a test can build many graphs in one process), the process
 * metrics prom-client collects, and metric definitions written once as data so the README's table is
 * generated from the same definitions the code registers (`npm run docs`).
 *
 * Conventions: snake_case names under `credit_graph_`, the unit as a suffix (`_seconds`, `_bytes`),
 * counters end in `_total`. Labels are low-cardinality only: never a subject code, a token, an
 * organization or any text a caller chose, except an operation name, whose distinct values are
 * bounded (`BoundedLabel`).
 */

export const METRIC_PREFIX = 'credit_graph_';

/** Latency buckets, in seconds: 1 ms to 10 s. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface MetricDefinition<Label extends string = string, Type extends MetricType = MetricType> {
  /** Without the common prefix. */
  readonly name: string;
  readonly type: Type;
  readonly help: string;
  /** Each label and what its values are, for the README. */
  readonly labels: Readonly<Record<Label, string>>;
  readonly buckets?: readonly number[];
}

/** Declares a definition, keeping its label names as a type. */
export function metric<Label extends string = never, Type extends MetricType = MetricType>(
  definition: MetricDefinition<Label, Type>,
): MetricDefinition<Label, Type> {
  return definition;
}

export const fullName = (definition: MetricDefinition): string => `${METRIC_PREFIX}${definition.name}`;

type Made<D> =
  D extends MetricDefinition<infer L, infer T>
    ? T extends 'counter'
      ? Counter<L>
      : T extends 'gauge'
        ? Gauge<L>
        : Histogram<L>
    : never;

/** Registers one definition on `registry`. `collect` runs at each scrape (gauges read at scrape time). */
export function register<D extends MetricDefinition>(registry: Registry, definition: D, collect?: (this: Made<D>) => void | Promise<void>): Made<D> {
  const common = {
    name: fullName(definition),
    help: definition.help,
    labelNames: Object.keys(definition.labels),
    registers: [registry],
    ...(collect ? { collect } : {}),
  };
  switch (definition.type) {
    case 'counter':
      return new Counter(common as never) as Made<D>;
    case 'gauge':
      return new Gauge(common as never) as Made<D>;
    case 'histogram':
      return new Histogram({ ...common, buckets: [...(definition.buckets ?? LATENCY_BUCKETS)] } as never) as Made<D>;
  }
}

let processMetrics: Registry | null = null;

/**
 * prom-client's default process metrics (CPU, memory, event loop lag, GC, handles; their standard
 * unprefixed names `process_*` and `nodejs_*`), collected once per process whatever the number of
 * servers in it: they describe the process, and each collector set runs its own timers.
 */
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
    // prom-client names three gauges `nodejs_active_*_total`, against the convention (promtool says
    // so); `nodejs_active_handles`, `_requests` and `_resources`, by type, carry the same counts.
    for (const shared of processMetrics.getMetricsAsArray()) {
      if (String(shared.type) !== 'counter' && shared.name.endsWith('_total')) processMetrics.removeSingleMetric(shared.name);
    }
  }
  return processMetrics;
}

/** A registry of its own, carrying the process metrics too unless told otherwise. */
export function createRegistry(options: { readonly processMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  if (options.processMetrics ?? true) for (const shared of processRegistry().getMetricsAsArray()) registry.registerMetric(shared as unknown as Metric);
  return registry;
}

/** The name a label records for an operation without a name. */
export const ANONYMOUS = '(anonymous)';
/** The name a label records once the bound of distinct names is reached. */
export const OTHER = '(other)';

/**
 * A label whose values come from outside (operation names, categories): the first `max` distinct
 * values are recorded as they are (cut to 64 characters of `[A-Za-z0-9_.:-]`), every later one as
 * `(other)`, so a caller cannot grow the exposition without bound.
 */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  of(value: string | null | undefined): string {
    if (value === null || value === undefined || value === '') return ANONYMOUS;
    const clean = value.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 64);
    if (this.seen.has(clean)) return clean;
    if (this.seen.size >= this.max) return OTHER;
    this.seen.add(clean);
    return clean;
  }
}

/** What a `/metrics` route answers: the registry's exposition in Prometheus' text format. */
export async function exposition(registry: Registry): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** The README's table of metrics (between its `metrics` markers), from the definitions. */
export function metricsTableMarkdown(groups: ReadonlyArray<{ readonly process: string; readonly definitions: readonly MetricDefinition[] }>): string {
  const rows: string[] = [];
  for (const { process, definitions } of groups) {
    for (const definition of definitions) {
      const labels = Object.entries(definition.labels as Record<string, string>)
        .map(([label, meaning]) => `\`${label}\`: ${meaning}`)
        .join('; ');
      rows.push(`| \`${fullName(definition)}\` | ${definition.type} | ${process} | ${definition.help} | ${labels || '(none)'} |`);
    }
  }
  return ['| metric | type | process | meaning | labels |', '|---|---|---|---|---|', ...rows].join('\n');
}
