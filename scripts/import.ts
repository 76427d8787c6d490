import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { configOrExit } from '../shared/process';
import { openStore, migrate } from '../shared/store';
import { checkUscc } from '../shared/identifiers';
import { classificationsOf } from '../shared/policy/classification';
import { categoryCovers } from '../shared/policy/categories';
import { SUBGRAPH_NAMES, isSubgraphName } from '../subgraphs/names';
import { SUBGRAPH_MODULES } from '../subgraphs';
import type { RecordList } from '../shared/records';
import type { IngestSpec } from '../shared/ingest/spec';
import { recordSettingsOf } from '../shared/ingest/settings';
import { DEMO_AUTHORITIES } from '../shared/ingest/authorities';
import { FILE_FORMATS, formatOfName, ingestFile, type FileFormat } from '../shared/ingest/files';
import type { IngestReport, IngestTarget, LifeCycleSettings, SubmittingAuthority } from '../shared/ingest/write';

/**
 * `npm run import -- --sector taxation --type arrearsNotices --file f.ndjson --as <USCC> [--name <name>]
 *  [--format csv|ndjson] [--accept-legacy-codes] [--dry-run]`: an operator's import of one
 * authority's file of one record type, written straight into the sector's store (the configured
 * one: PGlite's folder or a PostgreSQL server), all rows or none, with the same validation as the
 * `submit…` mutations and the gateway's `POST /imports/<sector>/<list>`.
 *
 * Whoever runs it has the store in hand, so no token is checked: `--as` names the source authority
 * (its USCC, check character verified) and `--name` its name (known for the demo's authorities).
 * A demo authority imports only the record types of the categories it submits.
 *
 * Progress (rows read, rows/s, ETA from the bytes read) goes to stderr at most once a second; the
 * report to stdout. Exit code 0: written (or nothing to change, or a dry run that passed); 2: refused
 * (invalid rows, or a usage error: nothing written); 1: any other failure (nothing written).
 */

export const USAGE =
  'usage: npm run import -- --sector <sector> --type <list> --file <file.ndjson|file.csv> --as <authority USCC> [--name <authority name>] [--format csv|ndjson] [--accept-legacy-codes] [--dry-run]';

/** Problems printed line by line; more are counted. */
export const PRINTED_PROBLEMS = 50;

export interface ImportRequest {
  readonly sector: string;
  /** The profile's list field (`arrearsNotices`) or its record type (`TaxArrearsNotice`). */
  readonly type: string;
  readonly file: string;
  /** The authority's USCC. */
  readonly as: string;
  readonly name?: string;
  readonly format?: FileFormat;
  readonly acceptLegacyCodes?: boolean;
  readonly dryRun?: boolean;
}

export interface ImportOutcome {
  /** 0 written or nothing to write, 2 refused, 1 failed. */
  readonly exitCode: 0 | 1 | 2;
  /** The ingestion's report; null when the import never started (a usage error). */
  readonly report: IngestReport | null;
  /** What the operator reads: the report, or why nothing ran. */
  readonly lines: readonly string[];
}

/** What is wrong with the request before any file is read: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ResolvedTarget {
  readonly sector: string;
  readonly listField: string;
  readonly target: IngestTarget;
  /** The record type's category, as its `@classify` says. */
  readonly category: string;
}

/** The record list `type` of `sector` that takes submissions, or a UsageError naming what exists. */
export function resolveTarget(sector: string, type: string): ResolvedTarget {
  if (!isSubgraphName(sector)) throw new UsageError(`--sector: unknown sector "${sector.slice(0, 40)}" (known: ${SUBGRAPH_NAMES.join(', ')})`);
  const module = SUBGRAPH_MODULES[sector];
  const lists: Readonly<Record<string, RecordList>> = 'lists' in module ? (module as { lists: Readonly<Record<string, RecordList>> }).lists : {};
  const importable = Object.entries(lists).filter(([, list]) => list.ingest);
  const found = importable.find(([field, list]) => field === type || list.recordType === type);
  if (!found) {
    const known = importable.map(([field]) => field);
    throw new UsageError(`--type: ${sector} has no record list "${type.slice(0, 40)}" that takes imports (known: ${known.length > 0 ? known.join(', ') : 'none'})`);
  }
  const [listField, list] = found;
  const category = classificationsOf(module.typeDefs).fields.get(`${list.recordType}.documentNumber`)?.category ?? 'unclassified';
  return { sector, listField, category, target: { recordType: list.recordType, table: list.table, ingest: list.ingest as IngestSpec } };
}

/** The source authority `--as`/`--name` name; a demo authority only for the categories it submits. */
export function resolveAuthority(code: string, name: string | undefined, category: string, staff: string): SubmittingAuthority {
  const check = checkUscc(code);
  if (!check.ok) throw new UsageError(`--as: not a valid Unified Social Credit Code: ${check.reason}`);
  const demo = DEMO_AUTHORITIES.get(check.code);
  const trimmed = name?.trim();
  if (trimmed !== undefined && (trimmed === '' || [...trimmed].length > 200)) throw new UsageError('--name: 1 to 200 characters');
  if (demo) {
    if (!demo.submits.some((c) => categoryCovers(c, category))) {
      throw new UsageError(`${demo.name} submits ${demo.submits.join(', ')}; this record type is ${category}`);
    }
    return { code: check.code, name: trimmed ?? demo.name, staff };
  }
  if (trimmed === undefined) throw new UsageError(`--name: required for ${check.code}, which is not one of the demo's authorities`);
  return { code: check.code, name: trimmed, staff };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.ceil(seconds % 60)} s`;
}

/** The report as the operator reads it: counts, or the problems line by line (at most PRINTED_PROBLEMS). */
export function reportLines(report: IngestReport, dryRun: boolean): string[] {
  if (report.problemCount > 0) {
    const lines = [`refused: ${fmt(report.problemCount)} problem(s) in ${fmt(report.received)} row(s) read; nothing was written`];
    for (const p of report.problems.slice(0, PRINTED_PROBLEMS)) lines.push(`  line ${p.line}: ${p.field} ${p.reason}`);
    const more = report.problemCount - Math.min(report.problems.length, PRINTED_PROBLEMS);
    if (more > 0) lines.push(`  … and ${fmt(more)} more problem(s)`);
    return lines;
  }
  const counts = `${fmt(report.received)} row(s): ${fmt(report.created)} created, ${fmt(report.corrected)} corrected, ${fmt(report.unchanged)} unchanged; ${fmt(report.notices)} notice(s) to subjects`;
  return [dryRun ? `dry run, nothing written: ${counts}` : `${report.written ? 'written' : 'nothing to change'}: ${counts}`];
}

class DryRunDone extends Error {
  constructor(readonly report: IngestReport) {
    super('dry run');
  }
}

export interface ImportRun {
  readonly settings: LifeCycleSettings;
  /** Told a progress line at most every `progressIntervalMs` (default 1 s). */
  readonly progress?: (line: string) => void;
  readonly progressIntervalMs?: number;
  /** Who ran it, for each version's `recorded_by` (default `import:<os user>`). */
  readonly staff?: string;
}

/**
 * The import itself, on an open store: resolves the record type and the authority, streams the
 * file through `ingestFile`, and says what happened. Never throws for the request's or the file's
 * mistakes (exit code 2); a store failure is exit code 1, with nothing written.
 */
export async function importFile(db: Knex, request: ImportRequest, run: ImportRun): Promise<ImportOutcome> {
  let resolved: ResolvedTarget;
  let authority: SubmittingAuthority;
  let format: FileFormat;
  let size: number;
  try {
    resolved = resolveTarget(request.sector, request.type);
    authority = resolveAuthority(request.as, request.name, resolved.category, run.staff ?? `import:${userInfo().username}`);
    const named = request.format ?? formatOfName(request.file);
    if (!named) throw new UsageError('--format: csv or ndjson (the file name ends in neither .csv nor .ndjson)');
    format = named;
    try {
      const info = await stat(request.file);
      if (!info.isFile()) throw new UsageError(`--file: ${request.file} is not a file`);
      size = info.size;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`--file: cannot read ${request.file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  } catch (error) {
    if (error instanceof UsageError) return { exitCode: 2, report: null, lines: [error.message] };
    throw error;
  }

  const started = performance.now();
  let bytes = 0;
  let lastPrinted = started;
  const interval = run.progressIntervalMs ?? 1_000;
  let rowsRead = 0;
  const onProgress = (rows: number) => {
    rowsRead = rows;
    const now = performance.now();
    if (now - lastPrinted < interval) return;
    lastPrinted = now;
    const seconds = (now - started) / 1000;
    const eta = bytes > 0 ? (seconds * (size - bytes)) / bytes : Number.NaN;
    run.progress?.(`${fmt(rows)} rows read, ${fmt(rows / Math.max(seconds, 0.001))} rows/s, ${((100 * bytes) / Math.max(size, 1)).toFixed(1)}% of ${(size / 1_048_576).toFixed(1)} MiB, ETA ${duration(eta)}`);
  };
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(request.file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      yield chunk;
    }
    const seconds = (performance.now() - started) / 1000;
    run.progress?.(`whole file read (${(size / 1_048_576).toFixed(1)} MiB, about ${fmt(rowsRead)} rows) in ${seconds.toFixed(1)} s; ${request.dryRun ? 'checking' : 'checking and writing'}…`);
  }
  const file = { format, source: counted(), options: { acceptLegacyCodes: request.acceptLegacyCodes === true, onProgress, progressEvery: 2_000 } };

  let report: IngestReport;
  try {
    if (request.dryRun) {
      try {
        await db.transaction(async (trx) => {
          throw new DryRunDone(await ingestFile(trx, resolved.target, authority, file, run.settings));
        });
        throw new Error('the dry run was not rolled back');
      } catch (error) {
        if (!(error instanceof DryRunDone)) throw error;
        report = error.report;
      }
    } else {
      report = await ingestFile(db, resolved.target, authority, file, run.settings);
    }
  } catch (error) {
    return { exitCode: 1, report: null, lines: [`import failed, nothing was written: ${(error as Error).message}`] };
  }
  const seconds = (performance.now() - started) / 1000;
  const lines = reportLines(report, request.dryRun === true);
  if (report.problemCount === 0) lines.push(`${resolved.target.recordType} of ${authority.name} (${authority.code}) in ${seconds.toFixed(1)} s, ${fmt(report.received / Math.max(seconds, 0.001))} rows/s`);
  return { exitCode: report.problemCount > 0 ? 2 : 0, report, lines };
}

/** The command line as an ImportRequest, or a UsageError. */
export function parseImportArgs(argv: readonly string[]): ImportRequest {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        sector: { type: 'string' },
        type: { type: 'string' },
        file: { type: 'string' },
        as: { type: 'string' },
        name: { type: 'string' },
        format: { type: 'string' },
        'accept-legacy-codes': { type: 'boolean' },
        'dry-run': { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  for (const required of ['sector', 'type', 'file', 'as'] as const) {
    if (!values[required]) throw new UsageError(`--${required} is required`);
  }
  if (values.format !== undefined && !FILE_FORMATS.includes(values.format as FileFormat)) throw new UsageError(`--format: csv or ndjson, got "${values.format.slice(0, 20)}"`);
  return {
    sector: values.sector!,
    type: values.type!,
    file: values.file!,
    as: values.as!,
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values.format !== undefined ? { format: values.format as FileFormat } : {}),
    acceptLegacyCodes: values['accept-legacy-codes'] === true,
    dryRun: values['dry-run'] === true,
  };
}

async function main(): Promise<void> {
  let request: ImportRequest;
  try {
    request = parseImportArgs(process.argv.slice(2));
    resolveTarget(request.sector, request.type);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const config = configOrExit('import');
  const sector = request.sector as keyof typeof config.subgraphs;
  const storeConfig = config.subgraphs[sector].store;
  let store;
  try {
    store = await openStore(sector, storeConfig);
    await migrate(store, SUBGRAPH_MODULES[sector].migrations);
  } catch (error) {
    process.stderr.write(`import: cannot open the ${sector} store, nothing was written: ${(error as Error).message}\n`);
    await store?.close().catch(() => undefined);
    process.exit(1);
  }
  let outcome: ImportOutcome;
  try {
    outcome = await importFile(store.db, request, {
      settings: recordSettingsOf(config.records),
      progress: (line) => process.stderr.write(`  ${line}\n`),
    });
  } finally {
    await store.close();
  }
  process.stdout.write(`${outcome.lines.join('\n')}\n`);
  process.exit(outcome.exitCode);
}

if (require.main === module) void main();
