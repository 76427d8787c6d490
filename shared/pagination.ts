import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { badUserInput } from './errors';
import { included } from './selection';

/**
 * Cursor pagination (the Relay connection shape). Cursors are opaque to clients: base64url of the
 * keyset position, checked on the way back in so a tampered cursor is a clear BAD_USER_INPUT.
 */

export interface PageLimits {
  readonly pageSizeDefault: number;
  readonly pageSizeMax: number;
}

export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

export interface PageRequest {
  readonly first: number;
  readonly after: readonly string[] | null;
}

export interface Connection<T> {
  readonly edges: ReadonlyArray<{ readonly cursor: string; readonly node: T }>;
  readonly nodes: readonly T[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  /** Counted only when a client selects it. */
  readonly totalCount: Promise<number>;
}

export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** No cursor this graph issues is longer; a longer one is refused before it is decoded. */
export const CURSOR_MAX_LENGTH = 512;

const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})(T.*)?$/;

/**
 * Whether a cursor part that looks like a date or an instant names one that exists (2024-02-30 does
 * not, and PostgreSQL would fail on it rather than refuse it), and whether it is free of NUL.
 */
function plausiblePart(part: string): boolean {
  if (part.includes('\u0000')) return false;
  const match = DATE_PREFIX.exec(part);
  if (!match) return true;
  const day = new Date(`${match[1]}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== match[1] || (match[1]) < '0001-01-01') return false;
  return match[2] === undefined || !Number.isNaN(Date.parse(part));
}

export function notACursor(): never {
  throw badUserInput('`after` is not a cursor issued by this list; pass the endCursor of a previous page', {
    argumentName: 'after',
  });
}

/**
 * Decodes a cursor that must hold `arity` parts, each matching its pattern. Anything else (too long,
 * not base64url, not the right shape, a date that does not exist) is BAD_USER_INPUT, never a store error.
 */
export function decodeCursor(cursor: string, patterns: readonly RegExp[]): string[] {
  if (typeof cursor !== 'string' || cursor.length > CURSOR_MAX_LENGTH || !/^[A-Za-z0-9_-]*={0,2}$/.test(cursor)) notACursor();
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  if (
    !Array.isArray(parts) ||
    parts.length !== patterns.length ||
    !parts.every(
      (part, i) =>
        (typeof part === 'string' || (typeof part === 'number' && Number.isSafeInteger(part))) &&
        (patterns[i] as RegExp).test(String(part)) &&
        plausiblePart(String(part)),
    )
  ) {
    notACursor();
  }
  return parts.map(String);
}

export function pageRequest(args: PageArgs, limits: PageLimits, patterns: readonly RegExp[]): PageRequest {
  const first = args.first ?? limits.pageSizeDefault;
  if (!Number.isInteger(first) || first < 0 || first > limits.pageSizeMax) {
    throw badUserInput(`\`first\` must be between 0 and ${limits.pageSizeMax}, got ${first}`, { argumentName: 'first' });
  }
  return { first, after: args.after ? decodeCursor(args.after, patterns) : null };
}

/** Builds a connection from up to `first + 1` rows (the extra row only tells that a next page exists). */
export function toConnection<T>(
  rows: readonly T[],
  first: number,
  cursorOf: (row: T) => string,
  totalCount: () => Promise<number>,
): Connection<T> {
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges[edges.length - 1]?.cursor ?? null },
    // A getter, so the count is only queried when a client selects `totalCount`.
    get totalCount() {
      return totalCount();
    },
  };
}

/**
 * Whether a connection field's selection asks for `totalCount` (through fragments too, `@skip` and
 * `@include` applied on the request's variables): a list's loader then counts in the statement that
 * reads the page instead of in one of its own.
 */
export function selectsTotalCount(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues'>): boolean {
  const seen = new Set<string>();
  const selects = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (!included(selection, info.variableValues)) return false;
      if (selection.kind === Kind.FIELD) return selection.name.value === 'totalCount';
      if (selection.kind === Kind.INLINE_FRAGMENT) return selects(selection.selectionSet);
      const name = selection.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      return selects(info.fragments[name]?.selectionSet);
    });
  return info.fieldNodes.some((node) => selects(node.selectionSet));
}
