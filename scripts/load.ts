import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { configOrExit, MAX_SUBJECTS, wholeNumber } from '../shared/process';
import type { Config } from '../shared/config';
import { SUBGRAPH_NAMES, isSubgraphName, type SubgraphName } from '../subgraphs/names';
import { SUBGRAPH_MODULES } from '../subgraphs';
import { openStore, migrate } from '../shared/store';
import { loadDataset, type LoadPhase } from '../shared/seed';
import { subjectAt } from '../shared/generator/subjects';

/**
 * `npm run load -- --subjects 1000000 [--seed 2014] [--only finance,taxation] [--parallel 2]`:
 * (re)loads the generated dataset into every configured store. Each store is loaded in one
 * transaction (COPY on a PostgreSQL server; secondary indexes built after the rows), replacing what
 * it held, then vacuumed and analyzed. Stores load side by side, each in a process of its own, as
 * many at once as there are cores (generation is CPU-bound); --parallel N says how many. The stores
 * report to this process, which keeps one line of overall progress on stderr (rewritten in place on
 * a terminal, a line every 10 s otherwise) and prints each store's outcome above it.
 */

const USAGE = 'usage: npm run load -- --subjects N [--seed S] [--only registry,finance,...] [--parallel N]';

/** What a store's load tells the progress line, from this process or from a child over IPC. */
export type Report =
  | { readonly type: 'progress'; readonly store: string; readonly subjects: number; readonly rows: number; readonly phase: LoadPhase }
  | { readonly type: 'log'; readonly line: string };

interface StoreState {
  subjects: number;
  rows: number;
  phase: LoadPhase | 'queued' | 'done' | 'failed';
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

const PHASE_NAMES: Record<StoreState['phase'], string> = {
  queued: 'queued',
  rows: 'rows',
  indexes: 'building indexes',
  derived: 'building derived tables',
  vacuum: 'vacuum analyze',
  done: 'done',
  failed: 'failed',
};

/** One line for the whole load: how far (subjects over all stores), rows and rows/s, an ETA, and what is being finished. */
export class ProgressLine {
  private readonly states = new Map<string, StoreState>();
  private readonly started: number;
  private readonly tty: boolean;
  private lastPrinted = 0;
  private shown = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    stores: readonly string[],
    private readonly subjects: number,
    private readonly out: Pick<NodeJS.WriteStream, 'write' | 'isTTY' | 'columns'> = process.stderr,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
    for (const store of stores) this.states.set(store, { subjects: 0, rows: 0, phase: 'queued' });
    this.tty = Boolean(out.isTTY);
    this.timer = setInterval(() => this.draw(), this.tty ? 500 : 10_000);
    this.timer.unref();
  }

  report(report: Report): void {
    if (report.type === 'log') {
      this.log(report.line);
      return;
    }
    const state = this.states.get(report.store);
    if (!state) return;
    Object.assign(state, { subjects: report.subjects, rows: report.rows, phase: report.phase });
    if (this.tty && this.now() - this.lastPrinted >= 250) this.draw();
  }

  settle(store: string, ok: boolean): void {
    const state = this.states.get(store);
    if (state) state.phase = ok ? 'done' : 'failed';
  }

  /** A line of its own (a store's outcome, an error), above the progress line. */
  log(line: string): void {
    if (this.tty && this.shown) this.out.write('\r\x1b[2K');
    this.out.write(`${line}\n`);
    this.shown = false;
    if (this.tty) this.draw();
  }

  text(): string {
    const states = [...this.states.values()];
    const elapsed = (this.now() - this.started) / 1000;
    const total = this.subjects * states.length;
    const done = states.reduce((sum, s) => sum + (s.phase === 'done' || s.phase === 'failed' ? this.subjects : s.subjects), 0);
    const rows = states.reduce((sum, s) => sum + s.rows, 0);
    const fraction = total > 0 ? done / total : 1;
    const eta = fraction > 0 ? (elapsed * (1 - fraction)) / fraction : Number.POSITIVE_INFINITY;
    const finishing = [...this.states]
      .filter(([, s]) => s.phase !== 'rows' && s.phase !== 'queued' && s.phase !== 'done' && s.phase !== 'failed')
      .map(([name, s]) => `${name} ${PHASE_NAMES[s.phase]}`);
    const settled = states.filter((s) => s.phase === 'done').length;
    return (
      `load: ${(fraction * 100).toFixed(1)}% of ${fmt(this.subjects)} subjects × ${states.length} stores, ` +
      `${fmt(rows)} rows, ${fmt(elapsed > 0 ? rows / elapsed : 0)} rows/s, ${duration(elapsed)} elapsed, ETA ${fraction >= 1 ? 'finishing' : duration(eta)}; ` +
      `${settled}/${states.length} stores done${finishing.length > 0 ? `; ${finishing.join(', ')}` : ''}`
    );
  }

  draw(): void {
    this.lastPrinted = this.now();
    const line = this.text();
    if (this.tty) {
      const width = this.out.columns || 200;
      this.out.write(`\r\x1b[2K${line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line}`);
      this.shown = true;
    } else {
      this.out.write(`${line}\n`);
    }
  }

  /** The final state, and the progress line left as the last one. */
  close(): void {
    clearInterval(this.timer);
    this.draw();
    if (this.tty) this.out.write('\n');
  }
}

interface LoadJob {
  readonly subjects: number;
  readonly seed: number;
}

/** Loads one store in this process, reporting as it goes; resolves to whether it succeeded. */
async function loadStore(config: Config, name: SubgraphName, job: LoadJob, report: (report: Report) => void): Promise<boolean> {
  const module = SUBGRAPH_MODULES[name];
  const storeConfig = config.subgraphs[name].store;
  const where = storeConfig.kind === 'postgres' ? `PostgreSQL database ${storeConfig.database}` : `PGlite ${storeConfig.dataDir}`;
  let store;
  try {
    store = await openStore(name, storeConfig);
  } catch (error) {
    report({ type: 'log', line: `${name}: load failed, nothing was changed: ${(error as Error).message}` });
    return false;
  }
  const t0 = Date.now();
  // How long each phase took, for the store's closing line.
  const phases: Array<[LoadPhase, number]> = [];
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  try {
    await migrate(store, module.migrations);
    const result = await loadDataset(store, storeConfig, module.dataset, {
      seed: job.seed,
      subjects: job.subjects,
      chunkSize: job.subjects >= 100_000 ? 5_000 : 2_000,
      onProgress: ({ subjects, rows, phase }) => {
        if (phases.at(-1)?.[0] !== phase) phases.push([phase, Date.now()]);
        report({ type: 'progress', store: name, subjects, rows, phase });
      },
    });
    const end = Date.now();
    const total = Object.values(result.rows).reduce((a, b) => a + b, 0);
    const split = phases.map(([phase, at], i) => `${phase} ${seconds((phases[i + 1]?.[1] ?? end) - at)}`).join(', ');
    report({
      type: 'log',
      line: `${name}: ${fmt(total)} rows into ${where} in ${seconds(end - t0)} (${split}; ${Object.entries(result.rows)
        .map(([t, n]) => `${t} ${fmt(n)}`)
        .join(', ')})`,
    });
    return true;
  } catch (error) {
    report({ type: 'log', line: `${name}: load failed, nothing was changed: ${(error as Error).message}` });
    return false;
  } finally {
    await store.close();
  }
}

/**
 * Loads each store in a child process of its own, at most `parallel` at a time. A child reports over
 * IPC; whatever else it writes to stderr (a crash) goes above the progress line, named.
 */
async function loadInParallel(names: readonly SubgraphName[], job: LoadJob, parallel: number, line: ProgressLine): Promise<number> {
  const queue = [...names];
  let failures = 0;
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      const store = name;
      const ok = await new Promise<boolean>((resolve) => {
        const child = spawn(
          process.execPath,
          [...LOAD_NODE_FLAGS, '--import', 'tsx', __filename, '--child', '--only', store, '--subjects', String(job.subjects), '--seed', String(job.seed)],
          { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] },
        );
        child.on('message', (message: Report) => line.report(message));
        createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (text) => line.log(`${store}: ${text}`));
        child.on('exit', (exitCode) => resolve(exitCode === 0));
      });
      line.settle(store, ok);
      if (!ok) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, names.length) }, worker));
  return failures;
}

/**
 * A store's process allocates a few hundred bytes per generated cell, nearly all of it dead within a
 * chunk: a young generation of 64 MB (Node's default is 16) scavenges a third as often. Measured on
 * the finance and taxation stores at 100,000 subjects, run alternately: 6 to 8 % less CPU.
 */
const LOAD_NODE_FLAGS = ['--max-semi-space-size=64'];

/**
 * The stores, costliest first: with fewer processes than stores, the longest loads start first and
 * the short ones fill in beside them. A store's cost is the rows a sample of subjects yields (what
 * both generating and loading scale with), plus what its `afterLoad` costs in rows (the registry's
 * name grams: a sixth of a million-subject load). Counted, not timed: the order is the same on a
 * busy machine as on a quiet one.
 */
export function costliestFirst(names: readonly SubgraphName[], seed: number): SubgraphName[] {
  const sample = Array.from({ length: 500 }, (_, i) => subjectAt(seed, 1_000 + i));
  const cost = new Map<SubgraphName, number>();
  for (const name of names) {
    const { dataset } = SUBGRAPH_MODULES[name];
    let rows = sample.length * (dataset.bulk?.afterLoadRowsPerSubject ?? 0);
    for (const subject of sample) for (const table of Object.values(dataset.rowsFor(subject, seed))) rows += table.length;
    cost.set(name, rows);
  }
  return [...names].sort((a, b) => (cost.get(b) ?? 0) - (cost.get(a) ?? 0));
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function number(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = wholeNumber(value, 1, max);
  if (n === null) fail(`--${name} must be a whole number from 1 to ${fmt(max)}, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  let args;
  try {
    args = parseArgs({
      options: {
        subjects: { type: 'string' },
        seed: { type: 'string' },
        only: { type: 'string' },
        parallel: { type: 'string' },
        // Internal: this process loads one store for a parent and reports to it over IPC.
        child: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  const config = configOrExit('load');
  const job = { subjects: number(args.subjects, 'subjects', config.demo.subjects, MAX_SUBJECTS), seed: number(args.seed, 'seed', config.demo.seed, 2_147_483_647) };
  const only = args.only ? args.only.split(',').map((s) => s.trim()) : [...SUBGRAPH_NAMES];
  for (const name of only) if (!isSubgraphName(name)) fail(`--only: unknown subgraph "${name}" (known: ${SUBGRAPH_NAMES.join(', ')})`);
  const names = only as SubgraphName[];

  if (args.child && process.send && names.length === 1) {
    const send = process.send.bind(process);
    let last = 0;
    const ok = await loadStore(config, names[0] as SubgraphName, job, (report) => {
      // At most a few progress messages a second; phase changes and log lines always.
      const now = Date.now();
      if (report.type === 'progress' && report.phase === 'rows' && now - last < 200 && report.subjects < job.subjects) return;
      last = now;
      send(report);
    });
    process.exit(ok ? 0 : 1);
  }

  const parallel = number(args.parallel, 'parallel', availableParallelism(), 64);
  const started = Date.now();
  const line = new ProgressLine(names, job.subjects);
  line.log(`load: ${fmt(job.subjects)} subjects (seed ${job.seed}) into ${names.length} store(s): ${names.join(', ')}; ${Math.min(parallel, names.length)} at a time`);
  let failures = 0;
  if (parallel > 1 && names.length > 1) {
    failures = await loadInParallel(costliestFirst(names, job.seed), job, parallel, line);
  } else {
    for (const name of names) {
      const ok = await loadStore(config, name, job, (report) => line.report(report));
      line.settle(name, ok);
      if (!ok) failures += 1;
    }
  }
  line.close();
  process.stderr.write(`done in ${duration((Date.now() - started) / 1000)}${failures > 0 ? `, ${failures} store(s) failed and were left as they were` : ''}\n`);
  process.exit(failures > 0 ? 1 : 0);
}

// The progress line is also imported by its tests; only `npm run load` (or a child) runs the load.
if (require.main === module) void main();
