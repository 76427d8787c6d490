import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { Knex } from 'knex';
import { tracer } from './index';

/**
 * A span per SQL statement of a store, from knex's own `query` / `query-response` / `query-error`
 * events: the same for PGlite and PostgreSQL, in jest and in processes. A statement is traced only
 * inside a trace (a request's span is active), so migrations and seeding at start make none.
 *
 * The span carries `db.system`, the store's name and the statement as knex sent it, parameterized:
 * bindings are never read, and any literal in the text (a string, a number) is replaced by `?`, so
 * no subject code or other value can reach an attribute. A failure carries the SQLSTATE, never the
 * driver's message (which may quote a value).
 */

/** Most characters of a statement kept on a span. */
const STATEMENT_MAX = 2_000;

/** The statement's text with every literal replaced by `?`: quoted strings, dollar-quoted strings, numbers. */
export function sanitizedStatement(sql: string): string {
  const text = sql
    .replace(/\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g, '?')
    .replace(/[EeBbXxNn]?'(?:[^']|'')*'/g, '?')
    .replace(/(?<![\w$."])-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > STATEMENT_MAX ? `${text.slice(0, STATEMENT_MAX)}…` : text;
}

/** The statement's first keyword (`select`, `insert` ...), for the span's name. */
function operationOf(sql: string): string {
  return (/^\s*(?:with\b[\s\S]*?\)\s*)?([a-z]+)/i.exec(sql)?.[1] ?? 'sql').toUpperCase();
}

interface QueryEvent {
  readonly sql?: string;
  readonly __knexQueryUid?: string;
}

const traced = new WeakSet<Knex>();

export function traceQueries(db: Knex, store: string, system = 'postgresql'): void {
  if (traced.has(db)) return;
  traced.add(db);
  const open = new Map<string, Span>();
  db.on('query', (query: QueryEvent) => {
    const uid = query.__knexQueryUid;
    if (!uid || typeof query.sql !== 'string' || !trace.getSpan(context.active())?.isRecording()) return;
    const span = tracer.startSpan(`${operationOf(query.sql)} ${store}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system': system,
        'db.system.name': system,
        'db.namespace': store,
        'db.statement': sanitizedStatement(query.sql),
        'db.operation.name': operationOf(query.sql),
      },
    });
    open.set(uid, span);
  });
  db.on('query-response', (_response: unknown, query: QueryEvent) => {
    const span = query.__knexQueryUid ? open.get(query.__knexQueryUid) : undefined;
    if (!span) return;
    open.delete(query.__knexQueryUid as string);
    span.end();
  });
  db.on('query-error', (error: { code?: unknown }, query: QueryEvent) => {
    const span = query.__knexQueryUid ? open.get(query.__knexQueryUid) : undefined;
    if (!span) return;
    open.delete(query.__knexQueryUid as string);
    span.setStatus({ code: SpanStatusCode.ERROR });
    if (typeof error?.code === 'string') span.setAttribute('db.response.status_code', error.code);
    span.end();
  });
}
