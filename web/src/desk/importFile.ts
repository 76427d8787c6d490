/**
 * The import of a day's file through the gateway (`POST /imports/<sector>/<list>`, gateway/imports.ts):
 * the file as the body, NDJSON or CSV, with the authority's own bearer token. The gateway answers
 * 201 (written) or 200 (nothing changed) with `{ report }`, 422 `INVALID_RECORDS` with the problems
 * line by line (nothing written), and `{ errors: [{ message, extensions: { code } }] }` otherwise.
 */

export type ImportFormat = 'ndjson' | 'csv';

export const CONTENT_TYPES: Readonly<Record<ImportFormat, string>> = { ndjson: 'application/x-ndjson', csv: 'text/csv; charset=utf-8' };

/** The format a file's name says (`.ndjson`, `.jsonl`, `.csv`), or null. */
export function formatOfFileName(name: string): ImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  return null;
}

export interface ImportCounts {
  readonly recordType: string;
  readonly received: number;
  readonly created: number;
  readonly corrected: number;
  readonly unchanged: number;
  readonly notices: number;
  readonly written: boolean;
}

export interface ImportProblem {
  readonly line: number;
  readonly field: string;
  readonly reason: string;
}

export type ImportOutcome =
  | { readonly kind: 'written' | 'unchanged'; readonly report: ImportCounts }
  | {
      readonly kind: 'invalid';
      readonly message: string;
      readonly problems: readonly ImportProblem[];
      readonly problemCount: number;
      readonly report: ImportCounts | null;
    }
  | { readonly kind: 'refused'; readonly status: number; readonly message: string; readonly code: string };

interface ErrorBody {
  readonly message?: unknown;
  readonly extensions?: { readonly code?: unknown; readonly problems?: unknown; readonly problemCount?: unknown };
}

function problemsOf(value: unknown): ImportProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((p: unknown) => {
    if (typeof p !== 'object' || p === null) return [];
    const { line, field, reason } = p as Record<string, unknown>;
    return typeof line === 'number' ? [{ line, field: typeof field === 'string' ? field : '', reason: typeof reason === 'string' ? reason : '' }] : [];
  });
}

/** Reads the gateway's answer into what the page shows. */
export function outcomeOf(status: number, body: unknown): ImportOutcome {
  const json = (typeof body === 'object' && body !== null ? body : {}) as { report?: ImportCounts; errors?: ErrorBody[] };
  const first = json.errors?.[0];
  if ((status === 200 || status === 201) && json.report) return { kind: status === 201 ? 'written' : 'unchanged', report: json.report };
  const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : 'HTTP_ERROR';
  const message = typeof first?.message === 'string' ? first.message : `HTTP ${status}`;
  if (status === 422 && code === 'INVALID_RECORDS') {
    const problems = problemsOf(first?.extensions?.problems);
    const count = first?.extensions?.problemCount;
    return { kind: 'invalid', message, problems, problemCount: typeof count === 'number' ? count : problems.length, report: json.report ?? null };
  }
  return { kind: 'refused', status, message, code };
}

export interface ImportRequest {
  readonly sector: string;
  readonly list: string;
  readonly file: Blob;
  readonly format: ImportFormat;
  readonly acceptLegacyCodes: boolean;
  readonly accessToken: string;
}

export async function importFile(request: ImportRequest): Promise<ImportOutcome> {
  const url = `/imports/${encodeURIComponent(request.sector)}/${encodeURIComponent(request.list)}${request.acceptLegacyCodes ? '?acceptLegacyCodes=true' : ''}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${request.accessToken}`, 'content-type': CONTENT_TYPES[request.format], accept: 'application/json' },
    body: request.file,
  });
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON (a proxy's page): refused with the HTTP status below
  }
  return outcomeOf(response.status, body);
}
