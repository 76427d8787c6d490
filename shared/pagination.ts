import { badUserInput } from './errors';

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

/** Decodes a cursor that must hold `arity` parts, each matching its pattern. */
export function decodeCursor(cursor: string, patterns: readonly RegExp[]): string[] {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  if (
    !Array.isArray(parts) ||
    parts.length !== patterns.length ||
    !parts.every((part, i) => (typeof part === 'string' || typeof part === 'number') && (patterns[i] as RegExp).test(String(part)))
  ) {
    throw badUserInput('`after` is not a cursor issued by this list; pass the endCursor of a previous page', {
      argumentName: 'after',
    });
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
