import type { Knex } from 'knex';
import { ENVELOPE_INPUT, type IngestSpec } from './spec';
import { ingest, type IncomingRow, type IngestOptions, type IngestReport, type IngestTarget, type LifeCycleSettings, type SubmittingAuthority } from './write';

/**
 * Import files, read as they stream in: an NDJSON or CSV byte stream becomes the rows `ingest()`
 * validates and stages, one at a time, so a file of any size takes the same memory.
 *
 * - The bytes must be UTF-8 (a leading byte order mark is skipped); a file that is not text (invalid
 *   UTF-8, a NUL byte), that is a JSON array rather than NDJSON, that holds no records or a line
 *   longer than `MAX_LINE_CHARACTERS` is refused as a whole (`FileRefused`): nothing is written and
 *   the report says why, with the line where reading stopped.
 * - NDJSON: one JSON object per line, blank lines skipped. A line that is not a JSON object is a
 *   problem of that line, like an invalid field.
 * - CSV (RFC 4180): a header row of input field names (line 1), then one record per row; cells are
 *   text, quoted with `"` when they hold a comma, a quote (doubled) or a line break; CRLF or LF.
 *   A record's line is the file line it starts on.
 */

export type FileFormat = 'ndjson' | 'csv';

export const FILE_FORMATS: readonly FileFormat[] = ['ndjson', 'csv'];

/** Longest line (NDJSON) or record (CSV), in characters: a longer one is no record of ours. */
export const MAX_LINE_CHARACTERS = 1_048_576;

/** The whole file is refused: not UTF-8 text, not NDJSON, no records. */
export class FileRefused extends Error {
  override readonly name = 'FileRefused';
  constructor(
    /** The line reading stopped at, when there is one. */
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The field a whole-file refusal is reported under. */
export const FILE_FIELD = '(file)';
/** The field a line that is not a record at all is reported under. */
export const LINE_FIELD = '(line)';

/**
 * Decodes a byte stream as UTF-8 text, chunk by chunk: a BOM at the start is skipped, invalid UTF-8
 * or a NUL character refuses the file. `line` says where the text decoded so far ends, for the report.
 */
async function* textOf(source: AsyncIterable<Uint8Array>, lineSoFar: () => number): AsyncGenerator<string> {
  // ignoreBOM false: the decoder drops a leading BOM itself.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  const invalid = (chunk: Uint8Array | null): never => {
    const lossy = chunk ? new TextDecoder('utf-8').decode(chunk) : '';
    const at = lossy.indexOf('\uFFFD');
    const newlines = at > 0 ? lossy.slice(0, at).split('\n').length - 1 : 0;
    throw new FileRefused(lineSoFar() + newlines, 'is not UTF-8 text: an import file is NDJSON or CSV encoded in UTF-8');
  };
  for await (const chunk of source) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      invalid(chunk);
    }
    if (text!.includes('\u0000')) {
      const newlines = text!.slice(0, text!.indexOf('\u0000')).split('\n').length - 1;
      throw new FileRefused(lineSoFar() + newlines, 'holds a NUL byte: this is a binary file, not NDJSON or CSV text');
    }
    if (text! !== '') yield text!;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    invalid(null);
  }
  if (rest! !== '') yield rest!;
}

/** The lines of a text stream, numbered from 1, without their line ends (LF or CRLF). */
async function* linesOf(source: AsyncIterable<Uint8Array>): AsyncGenerator<{ line: number; text: string }> {
  let line = 0;
  let partial = '';
  for await (const text of textOf(source, () => line + 1)) {
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const whole = partial + text.slice(start, end);
      partial = '';
      line += 1;
      if (whole.length > MAX_LINE_CHARACTERS) throw new FileRefused(line, `has a line longer than ${MAX_LINE_CHARACTERS.toLocaleString('en-US')} characters`);
      yield { line, text: whole.endsWith('\r') ? whole.slice(0, -1) : whole };
      start = end + 1;
    }
    partial += text.slice(start);
    if (partial.length > MAX_LINE_CHARACTERS) throw new FileRefused(line + 1, `has a line longer than ${MAX_LINE_CHARACTERS.toLocaleString('en-US')} characters`);
  }
  if (partial !== '') {
    line += 1;
    yield { line, text: partial.endsWith('\r') ? partial.slice(0, -1) : partial };
  }
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

/** The rows of an NDJSON byte stream: one JSON object per line, blank lines skipped. */
export async function* ndjsonRows(source: AsyncIterable<Uint8Array>): AsyncGenerator<IncomingRow> {
  let rows = 0;
  for await (const { line, text } of linesOf(source)) {
    const trimmed = text.trim();
    if (trimmed === '') continue;
    if (rows === 0 && trimmed.startsWith('[')) {
      throw new FileRefused(line, 'is a JSON array: an NDJSON file holds one JSON object per line, and no enclosing [ ]');
    }
    rows += 1;
    let values: unknown;
    try {
      values = JSON.parse(trimmed);
    } catch {
      // The parser's message quotes the line: a report never carries a file's content back.
      yield { line, values: null, problem: { field: LINE_FIELD, reason: 'is not valid JSON: each line holds one JSON object' } };
      continue;
    }
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      yield { line, values: null, problem: { field: LINE_FIELD, reason: `must be one JSON object of fields, got ${kindOf(values)}` } };
      continue;
    }
    yield { line, values };
  }
  if (rows === 0) throw new FileRefused(null, 'holds no records');
}

/** One CSV record as parsed: its cells, the line it starts on, and what is wrong with its syntax. */
interface CsvRecord {
  readonly line: number;
  readonly cells: string[];
  readonly malformed: string | null;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** RFC 4180 records of a text stream: quoted cells may hold commas, doubled quotes and line breaks. */
async function* csvRecords(source: AsyncIterable<Uint8Array>): AsyncGenerator<CsvRecord> {
  let line = 1; // the physical line the parser is on
  let start = 1; // the line the current record started on
  let cells: string[] = [];
  let cell = '';
  let recordChars = 0;
  let quoted = false; // inside a quoted cell
  let closed = false; // after a quoted cell's closing quote
  let cellStarted = false; // a quote opens a cell only as its first character
  // A quote ending a chunk inside a quoted cell: the next chunk's first character says whether it
  // closed the cell or was the first of a doubled quote.
  let quoteAtChunkEnd = false;
  let malformed: string | null = null;
  const tooLong = () => new FileRefused(start, `has a record longer than ${MAX_LINE_CHARACTERS.toLocaleString('en-US')} characters`);
  const endCell = () => {
    recordChars += cell.length;
    cells.push(cell);
    cell = '';
    closed = false;
    cellStarted = false;
  };
  const endRecord = (): CsvRecord => {
    endCell();
    const record = { line: start, cells, malformed };
    cells = [];
    recordChars = 0;
    malformed = null;
    return record;
  };
  for await (const text of textOf(source, () => line)) {
    let runStart = 0;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (quoteAtChunkEnd) {
        quoteAtChunkEnd = false;
        if (c === QUOTE) {
          cell += '"';
          quoted = true;
          closed = false;
          runStart = i + 1;
          continue;
        }
      }
      if (quoted) {
        if (c === QUOTE) {
          cell += text.slice(runStart, i);
          if (i + 1 === text.length) {
            quoteAtChunkEnd = true;
            quoted = false;
            closed = true;
          } else if (text.charCodeAt(i + 1) === QUOTE) {
            cell += '"';
            i += 1;
          } else {
            quoted = false;
            closed = true;
          }
          runStart = i + 1;
        } else if (c === LF) {
          line += 1;
        }
        continue;
      }
      if (c === COMMA) {
        cell += text.slice(runStart, i);
        endCell();
        runStart = i + 1;
      } else if (c === LF) {
        cell += text.slice(runStart, i);
        if (!closed && cell.endsWith('\r')) cell = cell.slice(0, -1);
        const record = endRecord();
        line += 1;
        start = line;
        runStart = i + 1;
        yield record;
      } else if (c === CR) {
        // The CR of a CRLF after a closing quote (one after unquoted text is dropped at the LF).
        if (closed) runStart = i + 1;
      } else if (c === QUOTE) {
        if (!cellStarted) {
          quoted = true;
          cellStarted = true;
          runStart = i + 1;
        } else {
          malformed ??= closed ? 'has text after the closing quote of a cell' : 'has a quote inside an unquoted cell: quote the whole cell and double the quote';
        }
      } else {
        cellStarted = true;
        if (closed) malformed ??= 'has text after the closing quote of a cell';
      }
    }
    cell += text.slice(runStart);
    if (recordChars + cell.length > MAX_LINE_CHARACTERS) throw tooLong();
  }
  if (quoted) malformed ??= 'has a quoted cell that is not closed before the end of the file';
  if (!closed && cell.endsWith('\r')) cell = cell.slice(0, -1);
  if (cells.length > 0 || cell !== '' || closed || malformed) yield endRecord();
}

export interface CsvOptions {
  /** The input fields of the record type: a header naming anything else is a problem of line 1. */
  readonly fields?: ReadonlySet<string>;
}

/** The rows of a CSV byte stream: a header row of field names, then records as text cells. */
export async function* csvRows(source: AsyncIterable<Uint8Array>, options: CsvOptions = {}): AsyncGenerator<IncomingRow> {
  let header: Array<string | null> | null = null;
  let rows = 0;
  for await (const record of csvRecords(source)) {
    if (header === null) {
      const problems: Array<{ field: string; reason: string }> = [];
      const seen = new Set<string>();
      header = record.cells.map((raw, i) => {
        const name = raw.trim();
        if (name === '') problems.push({ field: `column ${i + 1}`, reason: 'has no name in the header row' });
        else if (seen.has(name)) problems.push({ field: name.slice(0, 40), reason: 'is named twice in the header row' });
        else if (options.fields && !options.fields.has(name)) problems.push({ field: name.slice(0, 40), reason: 'is not a field of this record type' });
        else {
          seen.add(name);
          return name;
        }
        return null;
      });
      if (record.malformed) problems.push({ field: '(header)', reason: record.malformed });
      for (const problem of problems) yield { line: record.line, values: null, problem, header: true };
      continue;
    }
    // A blank line (one empty cell) is no record.
    if (record.cells.length === 1 && record.cells[0]!.trim() === '' && !record.malformed) continue;
    rows += 1;
    if (record.malformed) {
      yield { line: record.line, values: null, problem: { field: LINE_FIELD, reason: record.malformed } };
      continue;
    }
    if (record.cells.length !== header.length) {
      yield { line: record.line, values: null, problem: { field: LINE_FIELD, reason: `has ${record.cells.length} cells; the header row has ${header.length}` } };
      continue;
    }
    const values: Record<string, string> = {};
    for (let i = 0; i < header.length; i += 1) {
      const name = header[i];
      if (name) values[name] = record.cells[i]!;
    }
    yield { line: record.line, values };
  }
  if (header === null) throw new FileRefused(null, 'is empty: a CSV file starts with a header row of field names');
  if (rows === 0) throw new FileRefused(null, 'holds no records, only a header row');
}

/** The input field names of a record type: what a CSV header may name. */
export function inputFieldsOf(spec: IngestSpec): ReadonlySet<string> {
  return new Set(['subject', ...Object.keys(ENVELOPE_INPUT), ...Object.keys(spec.fields)]);
}

/** The rows of a file in `format`, for `ingest()`. */
export function rowsOf(format: FileFormat, source: AsyncIterable<Uint8Array>, spec: IngestSpec): AsyncGenerator<IncomingRow> {
  return format === 'csv' ? csvRows(source, { fields: inputFieldsOf(spec) }) : ndjsonRows(source);
}

/** The format a file name says (`.ndjson`/`.jsonl`, `.csv`), or null. */
export function formatOfName(file: string): FileFormat | null {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  return null;
}

/** A refused file as a report: nothing written, the reason under `(file)`. */
export function refusedFileReport(recordType: string, refusal: FileRefused): IngestReport {
  return {
    recordType,
    received: 0,
    created: 0,
    corrected: 0,
    unchanged: 0,
    withdrawn: 0,
    notices: 0,
    written: false,
    problems: [{ line: refusal.line ?? 0, field: FILE_FIELD, reason: refusal.reason }],
    problemCount: 1,
    results: null,
  };
}

export interface FileImport {
  readonly format: FileFormat;
  readonly source: AsyncIterable<Uint8Array>;
  readonly options?: Omit<IngestOptions, 'source'>;
}

/**
 * Imports one file as `authority`: every row validated, all written or none. A file that cannot be
 * read as records (`FileRefused`) is a report too, never an exception.
 */
export async function ingestFile(db: Knex, target: IngestTarget, authority: SubmittingAuthority, file: FileImport, settings: LifeCycleSettings): Promise<IngestReport> {
  try {
    return await ingest(db, target, authority, rowsOf(file.format, file.source, target.ingest), { ...file.options, source: file.format === 'csv' ? 'csv' : 'json' }, settings);
  } catch (error) {
    if (error instanceof FileRefused) return refusedFileReport(target.recordType, error);
    throw error;
  }
}
