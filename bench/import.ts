import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { codeForName } from '../shared/generator/authorities';
import { dropPostgresDatabase, migrate, openStore } from '../shared/store';
import type { StoreConfig } from '../shared/config';
import { SUBGRAPH_MODULES } from '../subgraphs';
import { DEFAULT_RECORD_SETTINGS } from '../shared/records';
import { PUDONG_TAX } from '../shared/ingest/authorities';
import { importFile } from '../scripts/import';

/**
 * `npm run bench:import -- [--rows 1000000] [--store postgres|pglite]`: how fast `npm run import`
 * writes a day's file, and that its memory does not grow with the file. Generates a file of N valid
 * taxation arrears notices (streamed to a temporary file), imports it with the import command's own
 * code (`importFile`) in a child process of its own into a fresh store (PostgreSQL at
 * 127.0.0.1:5432, user postgres, a database created and dropped for the run; or PGlite in a
 * temporary folder), and prints rows/s and that process's peak RSS; then the same for a file 10x
 * smaller.
 */

const POSTGRES_URL = process.env.CG_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface ChildResult {
  readonly rows: number;
  readonly seconds: number;
  readonly peakRssMiB: number;
  readonly exitCode: number;
  readonly summary: string;
}

/** Writes `rows` valid arrears notices as NDJSON, streamed (never held whole). */
async function generate(file: string, rows: number): Promise<number> {
  const subjects = Array.from({ length: 5_000 }, (_, i) => codeForName(`基准企业${i}`, '310115', '9', '1'));
  const out = createWriteStream(file);
  for (let i = 0; i < rows; i += 1) {
    const month = (i % 6) + 1;
    const line = `{"subject":"${subjects[i % subjects.length]}","documentNumber":"沪浦税欠〔2026〕${i + 1}号","decisionDate":"2026-11-${String((i % 20) + 1).padStart(2, '0')}","taxType":"${i % 3 === 0 ? '增值税' : i % 3 === 1 ? '企业所得税' : '印花税'}","amountOwed":"${((i % 100_000) + 1) * 3}.${String(i % 100).padStart(2, '0')}","periodStart":"2026-0${month}-01","periodEnd":"2026-0${month}-28","status":"OUTSTANDING"}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return (await stat(file)).size;
}

/** The child: imports `file` into a fresh store and prints its figures as one JSON line. */
async function child(file: string, kind: 'postgres' | 'pglite', where: string): Promise<void> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  const config: StoreConfig = kind === 'postgres' ? { kind: 'postgres', url: `${POSTGRES_URL.replace(/\/[^/]*$/, '')}/${where}`, database: where } : { kind: 'pglite', dataDir: where };
  const store = await openStore('taxation', config);
  try {
    await migrate(store, SUBGRAPH_MODULES.taxation.migrations);
    const t0 = performance.now();
    const outcome = await importFile(
      store.db,
      { sector: 'taxation', type: 'arrearsNotices', file, as: PUDONG_TAX.org },
      { settings: DEFAULT_RECORD_SETTINGS, staff: 'bench', progress: (line) => process.stderr.write(`    ${line}\n`) },
    );
    const exitCode = outcome.exitCode;
    const summary = outcome.lines.join(' | ');
    const rows = outcome.report?.received ?? 0;
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const status = await readFile('/proc/self/status', 'utf8').catch(() => '');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    const peakRss = Math.max(peak, hwm ? Number(hwm[1]) * 1024 : 0);
    const result: ChildResult = { rows, seconds, peakRssMiB: peakRss / 1_048_576, exitCode, summary };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    clearInterval(sampler);
    await store.close();
  }
}

async function runChild(file: string, kind: 'postgres' | 'pglite', where: string): Promise<ChildResult> {
  const proc = spawn(process.execPath, ['--import', 'tsx', __filename, '--child', file, '--store', kind, '--where', where], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const [code] = (await once(proc, 'exit')) as [number | null];
  const last = out.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !last.startsWith('{')) throw new Error(`the importing process failed (exit ${code}): ${out.slice(-500)}`);
  return JSON.parse(last) as ChildResult;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, store: { type: 'string' }, child: { type: 'string' }, where: { type: 'string' } }, strict: true });
  const kind = (values.store ?? 'postgres') as 'postgres' | 'pglite';
  if (kind !== 'postgres' && kind !== 'pglite') throw new Error('--store: postgres or pglite');
  if (values.child) {
    await child(values.child, kind, values.where!);
    return;
  }
  const rows = Number((values.rows ?? '1000000').replaceAll('_', ''));
  if (!Number.isInteger(rows) || rows < 10) throw new Error('--rows: a whole number of at least 10');
  const dir = await mkdtemp(path.join(tmpdir(), 'cg-bench-import-'));
  try {
    for (const n of [rows, Math.floor(rows / 10)]) {
      const file = path.join(dir, `arrears-${n}.ndjson`);
      const g0 = performance.now();
      const bytes = await generate(file, n);
      process.stderr.write(`generated ${fmt(n)} rows (${(bytes / 1_048_576).toFixed(1)} MiB) in ${((performance.now() - g0) / 1000).toFixed(1)} s\n`);
      const where = kind === 'postgres' ? `cg_bench_import_${process.pid}_${n}` : path.join(dir, `store-${n}`);
      let result: ChildResult;
      try {
        result = await runChild(file, kind, where);
      } finally {
        if (kind === 'postgres') await dropPostgresDatabase(`${POSTGRES_URL.replace(/\/[^/]*$/, '')}/${where}`, where).catch(() => undefined);
      }
      if (result.exitCode !== 0) throw new Error(`the import was refused: ${result.summary}`);
      process.stdout.write(
        `${kind}: ${fmt(result.rows)} rows (${(bytes / 1_048_576).toFixed(1)} MiB) imported in ${result.seconds.toFixed(1)} s: ${fmt(result.rows / result.seconds)} rows/s, peak RSS of the importing process ${result.peakRssMiB.toFixed(0)} MiB\n`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:import: ${(error as Error).message}\n`);
  process.exit(1);
});
