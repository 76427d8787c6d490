import type { PrincipalKind } from './policy/principal';

/**
 * Settings given per kind of principal in one variable, as `KIND=value` pairs separated by commas:
 * `PUBLIC=20,SUBJECT=20,CREDIT_SERVICE=50`. A value is a whole number (0 allowed) or `off` (no
 * limit for that kind). A kind the variable does not name keeps its default; the whole variable
 * `off` lifts every limit.
 */

export const PRINCIPAL_KINDS: readonly PrincipalKind[] = ['PUBLIC', 'SUBJECT', 'CREDIT_SERVICE', 'GOVERNMENT', 'REGULATOR', 'AUTHORITY'];

/** A number per kind; a kind that is absent has no limit. */
export type PerKind = Readonly<Partial<Record<PrincipalKind, number>>>;

const isKind = (value: string): value is PrincipalKind => (PRINCIPAL_KINDS as readonly string[]).includes(value);

/**
 * Reads `KIND=value,...` over `defaults`. Throws an Error whose message says what is wrong (the
 * config module names the variable); never echoes more than a short prefix of what it was given.
 */
export function parsePerKind(text: string, defaults: PerKind, options: { readonly max?: number } = {}): PerKind {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'off') return {};
  const result: Partial<Record<PrincipalKind, number>> = { ...defaults };
  if (trimmed === '') return result;
  const seen = new Set<string>();
  for (const part of trimmed.split(',')) {
    const match = /^\s*([A-Z_]+)\s*=\s*(\d{1,9}|off)\s*$/.exec(part);
    if (!match) throw new Error(`expected KIND=number pairs separated by commas (e.g. PUBLIC=20,CREDIT_SERVICE=50), got "${part.trim().slice(0, 32)}"`);
    const [, kind, value] = match as unknown as [string, string, string];
    if (!isKind(kind)) throw new Error(`"${kind.slice(0, 32)}" is not a principal kind; known: ${PRINCIPAL_KINDS.join(', ')}`);
    if (seen.has(kind)) throw new Error(`${kind} is given twice`);
    seen.add(kind);
    if (value === 'off') {
      delete result[kind];
      continue;
    }
    const n = Number(value);
    if (options.max !== undefined && n > options.max) throw new Error(`${kind}=${n} is over the largest accepted value, ${options.max}`);
    result[kind] = n;
  }
  return result;
}

/** A per-kind setting as the README shows it. */
export function showPerKind(values: PerKind): string {
  const parts = PRINCIPAL_KINDS.filter((k) => values[k] !== undefined).map((k) => `${k}=${values[k]}`);
  return parts.length > 0 ? parts.join(',') : 'off';
}

/** How the gateway treats operations against its persisted-query manifest (Apollo Router's modes). */
export type PersistedQueriesMode = 'off' | 'log-unknown' | 'safelist' | 'require-id';

export interface PersistedQueriesConfig {
  readonly mode: PersistedQueriesMode;
  /** An absolute path to the manifest; null only when the mode is `off`. */
  readonly manifest: string | null;
}

export interface RateLimitsConfig {
  /** Requests per second per principal, per kind; a kind that is absent is not limited. */
  readonly requestsPerSecond: PerKind;
  /** Requests past the per-second rate a principal may spend per burst window, per kind. */
  readonly burst: PerKind;
  /** Inquiries (requests for non-public data) per UTC day per organization or subject, per kind. */
  readonly inquiriesPerDay: PerKind;
  /** Failed authentications per minute per client address before it is refused with 429; 0 is no limit. */
  readonly authFailuresPerMinute: number;
  /** Redis shared by every gateway instance; null keeps the counts in each process. */
  readonly redisUrl: string | null;
  /** Prefix of every key the limits keep in Redis. */
  readonly redisPrefix: string;
}

export const DEFAULT_REQUESTS_PER_SECOND: PerKind = { PUBLIC: 20, SUBJECT: 20, CREDIT_SERVICE: 50, GOVERNMENT: 100, REGULATOR: 100, AUTHORITY: 20 };
export const DEFAULT_BURST: PerKind = { PUBLIC: 40, SUBJECT: 40, CREDIT_SERVICE: 100, GOVERNMENT: 200, REGULATOR: 200, AUTHORITY: 40 };
export const DEFAULT_INQUIRIES_PER_DAY: PerKind = { CREDIT_SERVICE: 10_000 };
/** How long the burst allowance takes to refill, in seconds. */
export const BURST_WINDOW_SECONDS = 10;

/**
 * The safelist's and the rate limits' part of the configuration, from envalid's cleaned values;
 * `invalid` makes the config module's error for a message naming the variable.
 */
export function safelistAndRateLimitsFrom(
  clean: Readonly<Record<string, unknown>>,
  invalid: (message: string) => Error,
  resolvePath: (file: string) => string,
): { persistedQueries: PersistedQueriesConfig; rateLimits: RateLimitsConfig } {
  const text = (variable: string, fallback = ''): string => {
    const value = clean[variable];
    return typeof value === 'string' ? value : fallback;
  };
  const perKind = (variable: string, defaults: PerKind, max?: number): PerKind => {
    try {
      return parsePerKind(text(variable), defaults, max === undefined ? {} : { max });
    } catch (error) {
      throw invalid(`${variable} is invalid: ${(error as Error).message}`);
    }
  };
  const mode = text('CG_PERSISTED_QUERIES', 'off') as PersistedQueriesMode;
  const manifest = text('CG_PERSISTED_QUERIES_MANIFEST');
  if (mode !== 'off' && manifest === '') {
    throw invalid(`CG_PERSISTED_QUERIES=${mode} needs a manifest: set CG_PERSISTED_QUERIES_MANIFEST to its file`);
  }
  const redisUrl = text('CG_REDIS_URL');
  if (redisUrl !== '') {
    let protocol: string;
    try {
      protocol = new URL(redisUrl).protocol;
    } catch {
      throw invalid('CG_REDIS_URL is invalid: not a URL (expected redis://host:port or rediss://...)');
    }
    if (protocol !== 'redis:' && protocol !== 'rediss:') throw invalid(`CG_REDIS_URL is invalid: expected redis:// or rediss://, got "${protocol}"`);
  }
  const redisPrefix = text('CG_REDIS_PREFIX', 'cg:');
  if (!/^[A-Za-z0-9:_.-]{1,64}$/.test(redisPrefix)) throw invalid('CG_REDIS_PREFIX is invalid: use 1 to 64 letters, digits, ":", "_", "." or "-"');
  const authFailures = Number(clean.CG_AUTH_FAILURES_PER_MINUTE);
  if (!Number.isInteger(authFailures) || authFailures < 0) throw invalid('CG_AUTH_FAILURES_PER_MINUTE is invalid: expected 0 (no limit) or a positive integer');
  return {
    persistedQueries: { mode, manifest: manifest === '' ? null : resolvePath(manifest) },
    rateLimits: {
      requestsPerSecond: perKind('CG_RATE_LIMIT_RPS', DEFAULT_REQUESTS_PER_SECOND, 1_000_000),
      burst: perKind('CG_RATE_LIMIT_BURST', DEFAULT_BURST, 1_000_000),
      inquiriesPerDay: perKind('CG_INQUIRY_QUOTA_DAILY', DEFAULT_INQUIRIES_PER_DAY),
      authFailuresPerMinute: authFailures,
      redisUrl: redisUrl === '' ? null : redisUrl,
      redisPrefix,
    },
  };
}
