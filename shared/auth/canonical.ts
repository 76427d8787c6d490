import { createHash } from 'node:crypto';

/**
 * The canonical JSON of a request body, which the gateway hashes into each fetch's signed context and
 * the subgraph recomputes from the body it parsed: JSON.stringify's rules for values (toJSON, `undefined`
 * and functions left out of objects and written `null` in arrays, non-finite numbers as `null`), no
 * whitespace, and the keys of every object sorted by UTF-16 code units. Both sides run this function
 * over the same parsed value, so key order and spacing on the wire do not matter, and nothing else does.
 */

/** Deeper bodies are refused: the gateway never sends one, and recursion must stay bounded. */
export const CANONICAL_MAX_DEPTH = 128;

export class CanonicalJsonError extends Error {
  override readonly name = 'CanonicalJsonError';
}

function write(value: unknown, depth: number): string | undefined {
  if (depth > CANONICAL_MAX_DEPTH) throw new CanonicalJsonError(`the body nests deeper than ${CANONICAL_MAX_DEPTH} levels`);
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new CanonicalJsonError('the body holds a BigInt, which JSON cannot carry');
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map((item) => write(item, depth + 1) ?? 'null').join(',')}]`;
      const parts: string[] = [];
      for (const key of Object.keys(value).sort()) {
        const inner = write((value as Record<string, unknown>)[key], depth + 1);
        if (inner !== undefined) parts.push(`${JSON.stringify(key)}:${inner}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined;
  }
}

/** The canonical JSON text of `value`; `undefined` for what JSON.stringify would also leave out. */
export function canonicalJson(value: unknown): string | undefined {
  return write(value, 0);
}

/** base64url SHA-256 of the canonical JSON of a body: the `bdh` claim of a request context. */
export function bodyHash(body: unknown): string {
  const text = canonicalJson(body);
  if (text === undefined) throw new CanonicalJsonError('the body is not a JSON value');
  return createHash('sha256').update(text, 'utf8').digest('base64url');
}
