import path from 'node:path';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { cleanEnv, str, num, port, bool, makeValidator, EnvError, EnvMissingError } from 'envalid';
import { Cron } from 'croner';
// The one import of shared/ from subgraphs/: the names and default ports, a module that imports nothing.
import { SUBGRAPH_NAMES, DEFAULT_SUBGRAPH_PORTS, type SubgraphName } from '../subgraphs/names';
import { DEVELOPMENT_ONLY_CONTEXT_PRIVATE_KEY, DEVELOPMENT_ONLY_CONTEXT_PUBLIC_KEY } from './auth/developmentKeys';
import { parseTrustedProxies } from './trustedProxies';
import type { PrincipalKind } from './policy/principal';
import { safelistAndRateLimitsFrom, DEFAULT_BURST, DEFAULT_INQUIRIES_PER_DAY, DEFAULT_REQUESTS_PER_SECOND, BURST_WINDOW_SECONDS, showPerKind, type PersistedQueriesConfig, type RateLimitsConfig } from './safelistAndRateLimits';

export { SUBGRAPH_NAMES, isSubgraphName, type SubgraphName } from '../subgraphs/names';

/**
 * The one place configuration is read. Precedence: explicit overrides > environment > default.
 * Everything is validated at start and frozen; a bad value fails with a message naming the variable.
 */

export type StoreConfig =
  | { readonly kind: 'pglite'; readonly dataDir: string | null }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      readonly database: string;
      /** Most connections the subgraph's pool opens to the server (`CG_STORE_POOL_MAX`, `CG_<SUBGRAPH>_STORE_POOL_MAX`); default `DEFAULT_STORE_POOL_MAX`. */
      readonly poolMax?: number;
    };

/**
 * A subgraph's pool size on a PostgreSQL server unless configured. A fetch holds one connection for
 * one statement (its record lists are one statement) and a Node process is one thread, so a few
 * connections keep it busy; the rest serve a write's transaction, an import, a job and the health
 * probe meanwhile. 7 subgraphs x 4 = 28 connections per replica of the stack, so three replicas
 * (84) and the migrations stay under PostgreSQL's default max_connections of 100.
 */
export const DEFAULT_STORE_POOL_MAX = 4;

export type SupergraphSource =
  | { readonly mode: 'file'; readonly path: string }
  | { readonly mode: 'compose'; readonly pollIntervalMs: number };

/**
 * How the gateway verifies bearer tokens: a symmetric key (development), a public key or a JWKS; `none`
 * in a process that never handles a bearer token (a subgraph, a maintenance tool).
 */
export type TokenKeyConfig =
  | { readonly kind: 'secret'; readonly secret: string; readonly isDevelopmentDefault: boolean }
  | { readonly kind: 'public-key'; readonly pem: string; readonly algorithm: string }
  | { readonly kind: 'jwks'; readonly url: string }
  | { readonly kind: 'none' };

/**
 * The keys of the gateway's per-fetch request contexts (Ed25519): the gateway signs with the private
 * key, every subgraph verifies with the public key and never holds the private one.
 */
export interface ContextKeyConfig {
  /** PKCS#8 PEM; only in the gateway and the token command (null in a subgraph). */
  readonly privateKeyPem: string | null;
  /** SPKI PEM; what subgraphs verify with (derived from the private key where only that is set). */
  readonly publicKeyPem: string | null;
  /** The published development pair is in use (never in production). */
  readonly isDevelopmentKey: boolean;
  /** How long a context is valid; subgraphs refuse one that claims to live longer. */
  readonly ttlSeconds: number;
}

/**
 * An OpenID Connect provider whose access tokens the gateway trusts besides its own token key
 * (`CG_OIDC_ISSUER`): the sign-in of the web site. Its tokens are verified with the issuer's JWKS
 * (discovered, or `jwksUrl`), with an asymmetric algorithm, the same audience and times, and only
 * for the kinds listed.
 */
export interface OidcConfig {
  /** The issuer (`iss`) exactly as the provider names itself in its discovery document. */
  readonly issuer: string;
  /** The provider's JWKS; null: discovered from `<issuer>/.well-known/openid-configuration`. */
  readonly jwksUrl: string | null;
  /** The site's client id at the provider (a public client, authorization code with PKCE). */
  readonly clientId: string;
  /** The scope the site asks for. */
  readonly scope: string;
  /** The kinds of principal the provider's tokens may name; any other is refused. */
  readonly kinds: readonly PrincipalKind[];
}

/** The development OpenID Connect provider (`identity/`, started by `npm start` outside production). */
export interface IdentityConfig {
  readonly host: string;
  readonly port: number;
  /** Its issuer: `CG_OIDC_ISSUER` when set, else `http://127.0.0.1:<port>`. */
  readonly issuer: string;
  /** Origins of the site allowed to sign in (redirect URIs `<origin>/signin/callback`). */
  readonly siteOrigins: readonly string[];
  /** The site's client id (`CG_OIDC_CLIENT_ID`). */
  readonly clientId: string;
}

export interface AuthConfig {
  readonly key: TokenKeyConfig;
  /** The OpenID Connect provider trusted besides the token key; null when none is (`CG_OIDC_ISSUER` unset). */
  readonly oidc: OidcConfig | null;
  readonly issuer: string;
  readonly audience: string;
  /** Private key (PEM) the token command signs with when the gateway verifies with a public key. */
  readonly signingKeyPem: string | null;
  /** Longest a bearer token may live (`exp - iat`), in seconds. */
  readonly tokenMaxLifetimeSeconds: number;
  readonly context: ContextKeyConfig;
}

/**
 * Which process reads the configuration, which decides the keys it needs and may hold: the gateway
 * verifies tokens and signs contexts; a subgraph only verifies contexts (public key) and must not
 * hold a signing key; the token command signs tokens (and contexts with --context); tools need no key.
 * `all` (the default, for tests and in-process graphs) resolves everything.
 */
export type ConfigRole = 'all' | 'gateway' | 'subgraph' | 'token' | 'tool';

/** What only the gateway may hold: a subgraph process gets none of it (it verifies contexts with the public key). */
const GATEWAY_ONLY = ['CG_TOKEN_SECRET', 'CG_TOKEN_PRIVATE_KEY', 'CG_TOKEN_PUBLIC_KEY', 'CG_TOKEN_JWKS_URL', 'CG_CONTEXT_PRIVATE_KEY'] as const;

/**
 * The environment a subgraph process is started with (`npm start`, `npm run bench`): the stack's,
 * with the public half of the gateway's context key in place of the private one, and nothing else
 * only the gateway may hold.
 */
export function subgraphEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  const privateKey = out.CG_CONTEXT_PRIVATE_KEY;
  if (privateKey && !out.CG_CONTEXT_PUBLIC_KEY) {
    try {
      out.CG_CONTEXT_PUBLIC_KEY = String(createPublicKey(privateKey.replace(/\\n/g, '\n')).export({ type: 'spki', format: 'pem' }));
    } catch {
      // the gateway reports the malformed key when it reads its configuration
    }
  }
  for (const variable of GATEWAY_ONLY) delete out[variable];
  return out;
}

/** The symmetric key used when none is configured outside production. Never valid in production. */
export const DEVELOPMENT_TOKEN_SECRET = 'credit-graph-development-only-secret-never-use-in-production';

/** Longest a context may be configured to live: it is made for one fetch. */
export const CONTEXT_TTL_MAX_SECONDS = 120;

export interface SubgraphConfig {
  readonly name: SubgraphName;
  readonly host: string;
  readonly port: number;
  /** Where the gateway reaches this subgraph's GraphQL endpoint. */
  readonly url: string;
  readonly store: StoreConfig;
}

export interface Config {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly demo: { readonly subjects: number; readonly seed: number; readonly autoSeed: boolean };
  readonly subgraphs: Readonly<Record<SubgraphName, SubgraphConfig>>;
  readonly gateway: {
    readonly host: string;
    readonly port: number;
    readonly path: string;
    readonly supergraph: SupergraphSource;
    readonly subgraphTimeoutMs: number;
    readonly introspection: boolean;
    /** The explorer (GraphiQL) at `/explorer` (`CG_EXPLORER`). */
    readonly explorer: boolean;
    /** @apollo/gateway's anonymous usage telemetry; off by default (and this graph is often offline). */
    readonly apolloTelemetry: boolean;
    /** Field authorization: remove what the caller may not see, reject the whole operation, or only log. */
    readonly authorizationMode: 'filter' | 'reject' | 'dry-run';
    /** The ops listener (`/health/subgraphs`, later metrics), apart from the graph's callers. */
    readonly ops: { readonly host: string; readonly port: number };
    /** Operation limits and demand control, checked before an operation is planned. */
    readonly operationLimits: OperationLimits;
    // -- resilience (deadline, breaker, retries, pool, shedding, hot reload) --
    readonly resilience: ResilienceConfig;
    // -- signing in --
    /** The OpenID Connect provider the site signs in with (`/site-config.json`) and whose tokens are trusted; null: none. */
    readonly oidc: OidcConfig | null;
  };
  readonly auth: AuthConfig;
  // -- signing in --
  readonly identity: IdentityConfig;
  // -- observability (metrics, ops listeners, traces, request logs) --
  /** Each subgraph's ops listener (`/metrics`), apart from its graph port. */
  readonly subgraphOps: Readonly<Record<SubgraphName, { readonly host: string; readonly port: number }>>;
  /** Proxies whose X-Forwarded-For and x-request-id the gateway believes: addresses and CIDRs (none by default). */
  readonly trustedProxies: readonly string[];
  readonly limits: {
    readonly subjectsBatchMax: number;
    readonly pageSizeDefault: number;
    readonly pageSizeMax: number;
  };
  // -- safelist and rate limits --
  // -- supervisor and stores --
  readonly supervisor: SupervisorConfig;
  readonly persistedQueries: PersistedQueriesConfig;
  readonly rateLimits: RateLimitsConfig;
  // -- record life cycle --
  readonly records: RecordsConfig;
  // -- record life cycle: import --
  // -- record life cycle: retention job --
}

// -- record life cycle --

/** The record life cycle (DOMAIN.md section 3): retention, notices, submissions. */
export interface RecordsConfig {
  /** Years a negative record is served after its act or event ended, by default and per record type (CIR Art. 16: 5). */
  readonly retentionYears: { readonly default: number; readonly byType: Readonly<Record<string, number>> };
  /** Days after its notice before a negative record is served to non-statutory callers. */
  readonly noticeWaitingDays: number;
  /** Most records one submission mutation takes. */
  readonly submitBatchMax: number;
  // -- record life cycle: import --
  /** Largest import file the gateway's `POST /imports/<sector>/<list>` takes, in bytes (HTTP 413 above it). */
  readonly importBytesMax: number;
  // -- record life cycle: retention job --
  /** When each subgraph process runs the retention job: a cron expression in China's time, or null (`off`). */
  readonly retentionSchedule: string | null;
  // -- recourse: objections --
  /** Days a source authority has to answer an objection (CIR Art. 25: 20). */
  readonly objectionAnswerDays: number;
  /** When each subgraph escalates objections past their due day: a cron expression in China's time, or null (`off`). */
  readonly objectionEscalationSchedule: string | null;
  // -- recourse: statements and repair --
  /** Most characters of a subject's own statement. */
  readonly statementMaxChars: number;
  // -- credit report --
  /** A subject's own credit reports free per China calendar year (CIR Art. 17: twice); later ones are served, marked charged. */
  readonly freeSelfReportsPerYear: number;
}

/** `5` or `5,TaxPenalty=3,WageArrearsListing=3`: whole years from 1 to 100. */
export function parseRetentionYears(text: string): RecordsConfig['retentionYears'] {
  const [first, ...rest] = text.split(',').map((p) => p.trim());
  const years = (value: string, what: string) => {
    if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > 100) throw new Error(`${what} must be a whole number of years from 1 to 100, got "${value.slice(0, 16)}"`);
    return Number(value);
  };
  const byType: Record<string, number> = {};
  for (const part of rest) {
    const match = /^([A-Z][A-Za-z0-9]{1,59})=(.*)$/.exec(part);
    if (!match) throw new Error(`expected RecordType=years after the default, got "${part.slice(0, 32)}"`);
    if (match[1]! in byType) throw new Error(`${match[1]} is given twice`);
    byType[match[1]!] = years(match[2]!, match[1]!);
  }
  return { default: years(first ?? '', 'the default'), byType };
}

// -- supervisor and stores --

/** How `npm start` restarts a crashed process, and how a subgraph watches its store. */
export interface SupervisorConfig {
  /** First restart delay; doubled for every quick failure in a row, up to `restartDelayMaxMs`. */
  readonly restartDelayMs: number;
  readonly restartDelayMaxMs: number;
  /** A process that stayed up this long counts as healthy again: its next crash starts the backoff over. */
  readonly stableMs: number;
  /** Quick failures in a row after which `npm start` gives up on a process. */
  readonly maxQuickFailures: number;
  /** Refuse to create an embedded store that does not exist (set by `npm start` on restarts). */
  readonly storeMustExist: boolean;
  /** How often a subgraph probes its store (folder, `select 1`). */
  readonly storeProbeMs: number;
}

/** What the gateway refuses before planning (Apollo Router's operation limits and demand control). */
export interface OperationLimits {
  /** `enforce` refuses an operation over a limit; `warn` only logs it (rolling out a new limit). */
  readonly mode: 'enforce' | 'warn';
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxRootFields: number;
  readonly maxTokens: number;
  readonly maxDirectives: number;
  readonly maxSubjectsPerOperation: number;
  /** Selections once fragments are expanded; always enforced (expansion is exponential). */
  readonly maxRecursiveSelections: number;
  /** Demand control: the static cost budget and whether it is enforced or only measured (logged). */
  readonly costMax: number;
  readonly costMode: 'enforce' | 'measure';
  /** Largest request body, in bytes (HTTP 413 above it). */
  readonly maxRequestBytes: number;
}

/** The gateway's resilience settings (gateway/resilience/). */
export interface ResilienceConfig {
  readonly requestDeadlineMs: number;
  /** Per-subgraph overrides of `subgraphTimeoutMs`. */
  readonly subgraphTimeoutsMs: Readonly<Record<string, number>>;
  readonly breaker: {
    readonly enabled: boolean;
    readonly errorThresholdPercent: number;
    readonly volumeThreshold: number;
    readonly windowMs: number;
    readonly resetMs: number;
  };
  readonly retry: {
    readonly max: number;
    readonly baseDelayMs: number;
    readonly maxDelayMs: number;
    readonly budgetPercent: number;
    readonly minPerSecond: number;
  };
  readonly subgraphConnections: number;
  readonly maxInFlight: number;
  readonly retryAfterSeconds: number;
  readonly watchSupergraph: boolean;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const postgresUrl = makeValidator<string>((input) => {
  let parsed: URL;
  try {
    parsed = new URL(input);
  } catch {
    throw new EnvError(`not a URL: "${input}"`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new EnvError(`expected a postgres:// URL, got protocol "${parsed.protocol}"`);
  }
  return input;
});

function positiveIntegerOf(input: string): number {
  const n = Number(input);
  if (!Number.isInteger(n) || n <= 0) throw new EnvError(`expected a positive integer, got "${input}"`);
  return n;
}

const positiveInt = makeValidator<number>(positiveIntegerOf);

/** A positive integer, or empty for unset (a per-subgraph override of a global setting). */
const optionalPositiveInt = makeValidator<string>((input) => {
  if (input !== '') positiveIntegerOf(input);
  return input;
});

const urlPath = makeValidator<string>((input) => {
  if (!/^\/[A-Za-z0-9/_-]*$/.test(input)) throw new EnvError(`expected a URL path starting with "/", got "${input}"`);
  return input;
});

/** `90s`, `30m`, `8h`, `7d`, or plain seconds, as a number of seconds; null when malformed. */
export function parseDuration(text: string): number | null {
  const match = /^(\d{1,9})([smhd]?)$/.exec(text.trim());
  if (!match) return null;
  const n = Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return n > 0 ? n : null;
}

const duration = makeValidator<number>((input) => {
  const seconds = parseDuration(input);
  if (seconds === null) throw new EnvError(`expected a duration such as 90s, 30m, 24h or 7d, got "${input.slice(0, 16)}"`);
  return seconds;
});

// -- resilience validators --
const nonNegativeInt = makeValidator<number>((input) => {
  const n = Number(input);
  if (!Number.isInteger(n) || n < 0) throw new EnvError(`expected a whole number 0 or above, got "${input.slice(0, 16)}"`);
  return n;
});

const percent = makeValidator<number>((input) => {
  const n = Number(input);
  if (!Number.isFinite(n) || n < 0 || n > 100 || input.trim() === '') throw new EnvError(`expected a percentage from 0 to 100, got "${input.slice(0, 16)}"`);
  return n;
});

/** `finance=2000,taxation=800`: a subgraph's own fetch timeout, for known subgraph names only. */
export function parseSubgraphTimeouts(input: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of input.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const match = /^([a-z]+)\s*=\s*(\d{1,9})$/.exec(part);
    if (!match || !(SUBGRAPH_NAMES as readonly string[]).includes(match[1] as string) || Number(match[2]) <= 0) {
      throw new EnvError(`expected name=milliseconds pairs for known subgraphs (${SUBGRAPH_NAMES.join(', ')}), got "${part.slice(0, 24)}"`);
    }
    out[match[1] as string] = Number(match[2]);
  }
  return out;
}

const subgraphTimeouts = makeValidator<string>((input) => {
  parseSubgraphTimeouts(input);
  return input;
});

const databaseName = makeValidator<string>((input) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(input)) {
    throw new EnvError(`expected lower-case letters, digits and underscores, got "${input}"`);
  }
  return input;
});

/** A subgraph's default ops port is its graph port plus this (registry 4001 → 4091). */
const OPS_PORT_OFFSET = 90;

function upper(name: SubgraphName): string {
  return name.toUpperCase();
}

const PER_SUBGRAPH_DOCS = {
  PORT: `Port the subgraph listens on (${Object.entries(DEFAULT_SUBGRAPH_PORTS).map(([name, p]) => `${name} ${p}`).join(', ')}).`,
  URL: 'Where the gateway reaches the subgraph; default `http://127.0.0.1:<port>/graphql`.',
  DATABASE_URL: "The subgraph's own PostgreSQL database; overrides `CG_DATABASE_URL` for this subgraph.",
  STORE_POOL_MAX: "The subgraph's pool size on PostgreSQL; overrides `CG_STORE_POOL_MAX` for this subgraph.",
  OPS_PORT: `Port of the subgraph's ops listener (\`/metrics\`), on \`CG_SUBGRAPH_OPS_HOST\` (${Object.entries(DEFAULT_SUBGRAPH_PORTS).map(([name, p]) => `${name} ${p + OPS_PORT_OFFSET}`).join(', ')}).`,
} as const;

function specFor() {
  const perSubgraph: Record<string, ReturnType<typeof str> | ReturnType<typeof port>> = {};
  for (const name of SUBGRAPH_NAMES) {
    perSubgraph[`CG_${upper(name)}_PORT`] = port({ default: DEFAULT_SUBGRAPH_PORTS[name], desc: PER_SUBGRAPH_DOCS.PORT });
    perSubgraph[`CG_${upper(name)}_URL`] = str({ default: '', desc: PER_SUBGRAPH_DOCS.URL });
    perSubgraph[`CG_${upper(name)}_DATABASE_URL`] = postgresUrl({ default: '', desc: PER_SUBGRAPH_DOCS.DATABASE_URL });
    perSubgraph[`CG_${upper(name)}_STORE_POOL_MAX`] = optionalPositiveInt({ default: '', desc: PER_SUBGRAPH_DOCS.STORE_POOL_MAX });
    perSubgraph[`CG_${upper(name)}_OPS_PORT`] = port({ default: DEFAULT_SUBGRAPH_PORTS[name] + OPS_PORT_OFFSET, desc: PER_SUBGRAPH_DOCS.OPS_PORT });
  }
  return {
    NODE_ENV: str({ choices: ['development', 'production', 'test'], default: 'development', desc: '`production` for deployments.' }),
    LOG_LEVEL: str({
      choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: 'info',
      desc: 'Log level of every process (JSON logs on stdout).',
    }),
    CG_DATA_DIR: str({ default: 'data', desc: 'Where embedded PGlite stores live, one folder per subgraph (used when no PostgreSQL URL is set).' }),
    CG_DATABASE_URL: postgresUrl({
      default: '',
      desc: 'A PostgreSQL server; each subgraph uses its own database `<prefix><subgraph>` on it, created on first start.',
    }),
    CG_DATABASE_PREFIX: databaseName({ default: 'credit_graph_', desc: 'Prefix of the per-subgraph database names.' }),
    CG_DEMO_SUBJECTS: positiveInt({ default: 400, desc: 'Subjects in the demo dataset loaded into an empty store.' }),
    CG_DEMO_SEED: num({ default: 2014, desc: 'Seed of the demo dataset; every subgraph must use the same one.' }),
    CG_AUTO_SEED: bool({
      default: false,
      devDefault: true,
      desc: 'Load the demo dataset into a store created at start (never into one that existed and vanished). Off in production unless set; on outside production.',
    }),
    // -- supervisor and stores --
    CG_STORE_MUST_EXIST: bool({
      default: false,
      desc: 'Refuse to start a subgraph whose embedded store does not exist yet instead of creating it; `npm start` sets it when it restarts a subgraph.',
    }),
    CG_STORE_POOL_MAX: positiveInt({
      default: DEFAULT_STORE_POOL_MAX,
      desc: "Most connections each subgraph's pool opens to PostgreSQL (a fetch needs one). Size it against the server's `max_connections`: subgraphs × replicas × this, plus migrations and jobs (README, \"Sizing the pools\").",
    }),
    CG_STORE_PROBE_MS: positiveInt({ default: 2_000, desc: "How often a subgraph probes its store (folder still there and writable, `select 1`); a failure turns it not-ready and it exits to be restarted." }),
    CG_RESTART_DELAY_MS: positiveInt({ default: 500, desc: '`npm start`: delay before restarting a crashed process, doubled for every quick failure in a row.' }),
    CG_RESTART_DELAY_MAX_MS: positiveInt({ default: 30_000, desc: '`npm start`: longest delay between restarts.' }),
    CG_RESTART_STABLE_MS: positiveInt({ default: 30_000, desc: '`npm start`: a process up this long counts as healthy again; its next crash starts the backoff over.' }),
    CG_RESTART_MAX_FAILURES: positiveInt({
      default: 5,
      desc: '`npm start`: quick failures in a row after which it gives up on a process (a configuration error, exit 78, is not retried).',
    }),
    CG_SUBGRAPH_HOST: str({ default: '127.0.0.1', desc: 'Interface the subgraphs listen on.' }),
    CG_GATEWAY_HOST: str({ default: '127.0.0.1', desc: 'Interface the gateway listens on.' }),
    CG_GATEWAY_PORT: port({ default: 4000, desc: 'Port of the gateway.' }),
    CG_GATEWAY_PATH: urlPath({ default: '/graphql', desc: 'Path of the GraphQL endpoint.' }),
    CG_SUPERGRAPH: str({
      default: 'supergraph.graphql',
      desc: 'A composed supergraph file (production), or `compose` to compose from the running subgraphs at start (development).',
    }),
    CG_SUPERGRAPH_POLL_MS: positiveInt({ default: 10_000, desc: 'With `CG_SUPERGRAPH=compose`: how often to recompose.' }),
    CG_SUBGRAPH_TIMEOUT_MS: positiveInt({ default: 5_000, desc: 'Per-fetch timeout from the gateway to a subgraph.' }),
    CG_INTROSPECTION: bool({
      default: false,
      devDefault: true,
      desc: 'Allow introspection at the gateway. Off in production unless set; on outside production.',
    }),
    CG_EXPLORER: bool({
      default: false,
      devDefault: true,
      desc: 'Serve the explorer (GraphiQL, bundled, no CDN) at `/explorer`, where a browser\'s GET of the GraphQL path leads. Off in production unless set; on outside production. It needs `CG_INTROSPECTION` for its schema.',
    }),
    CG_GATEWAY_OPS_HOST: str({
      default: '127.0.0.1',
      desc: "Interface of the gateway's ops listener (`/health/subgraphs`); keep it off the network the graph's callers reach.",
    }),
    CG_GATEWAY_OPS_PORT: port({ default: 4090, desc: "Port of the gateway's ops listener." }),
    // -- observability --
    CG_SUBGRAPH_OPS_HOST: str({
      default: '127.0.0.1',
      desc: "Interface of every subgraph's ops listener (`/metrics` on `CG_<SUBGRAPH>_OPS_PORT`); keep it off the network the graph's callers reach.",
    }),
    CG_TRUSTED_PROXIES: makeValidator<string>((input) => {
      try {
        parseTrustedProxies(input);
      } catch (error) {
        throw new EnvError((error as Error).message);
      }
      return input;
    })({
      default: '',
      desc: 'Comma-separated addresses or CIDR ranges (or `loopback`, `linklocal`, `uniquelocal`) of the proxies in front of the gateway: only a request from one of them has its `X-Forwarded-For` (the client address rate limits see) and its `x-request-id` (a UUID) believed. Empty: nobody is trusted.',
    }),
    CG_LIMITS_MODE: str({
      choices: ['enforce', 'warn'],
      default: 'enforce',
      desc: '`enforce` refuses an operation over any `CG_MAX_*` limit (HTTP 400); `warn` serves it and logs the limit it broke.',
    }),
    CG_MAX_DEPTH: positiveInt({ default: 10, desc: 'Deepest field nesting of an operation, fragments inlined (`MAX_DEPTH_LIMIT`).' }),
    CG_MAX_ALIASES: positiveInt({ default: 15, desc: 'Most aliased fields in an operation (`MAX_ALIASES_LIMIT`).' }),
    CG_MAX_ROOT_FIELDS: positiveInt({ default: 10, desc: 'Most root fields in an operation, aliases and fragments included (`MAX_ROOT_FIELDS_LIMIT`).' }),
    CG_MAX_TOKENS: positiveInt({ default: 2_000, desc: 'Most lexical tokens in a document; parsing stops at the limit (`MAX_TOKENS_LIMIT`).' }),
    CG_MAX_DIRECTIVES: positiveInt({ default: 20, desc: 'Most directive uses in an operation (`MAX_DIRECTIVES_LIMIT`).' }),
    CG_MAX_RECURSIVE_SELECTIONS: positiveInt({
      default: 5_000,
      desc: 'Most selections of an operation once every fragment is expanded where it is used; enforced even in warn mode (`MAX_RECURSIVE_SELECTIONS_LIMIT`).',
    }),
    CG_MAX_SUBJECTS_PER_OPERATION: positiveInt({
      default: 100,
      desc: 'Most subject codes one operation names, across every field and alias, after variables are applied (`MAX_SUBJECTS_LIMIT`).',
    }),
    CG_COST_MAX: positiveInt({
      default: 5_000,
      desc: 'Budget of the static cost estimate from `@cost`/`@listSize` (`COST_ESTIMATED_TOO_EXPENSIVE`).',
    }),
    CG_COST_MODE: str({
      choices: ['enforce', 'measure'],
      default: 'enforce',
      desc: '`enforce` refuses an operation over `CG_COST_MAX`; `measure` serves it and logs its estimated cost.',
    }),
    CG_MAX_REQUEST_BYTES: positiveInt({ default: 1_048_576, desc: 'Largest request body the gateway reads, in bytes (HTTP 413 above it).' }),
    // -- resilience --
    CG_REQUEST_DEADLINE_MS: positiveInt({
      default: 10_000,
      desc: 'Overall deadline of one GraphQL request at the gateway: each subgraph fetch gets at most the time left, and none is sent after it (the sectors that did not answer are null with `SUBGRAPH_UNAVAILABLE`).',
    }),
    CG_SUBGRAPH_TIMEOUTS: subgraphTimeouts({
      default: '',
      desc: 'Per-subgraph fetch timeouts that override `CG_SUBGRAPH_TIMEOUT_MS`, e.g. `finance=2000,taxation=800`.',
    }),
    CG_BREAKER_ENABLED: bool({ default: true, desc: 'A circuit breaker per subgraph: fail fast (`SUBGRAPH_UNAVAILABLE`, no call) while a subgraph keeps failing.' }),
    CG_BREAKER_ERROR_PERCENT: percent({
      default: 50,
      desc: 'Share of failed fetches (connection errors, timeouts, HTTP 5xx; never a 4xx or a GraphQL error) over the window above which a subgraph\'s breaker opens.',
    }),
    CG_BREAKER_VOLUME: positiveInt({ default: 10, desc: 'Fetches to a subgraph the window must hold before its breaker may open.' }),
    CG_BREAKER_WINDOW_MS: positiveInt({ default: 10_000, desc: 'Rolling window over which a breaker counts fetches and failures.' }),
    CG_BREAKER_RESET_MS: positiveInt({ default: 5_000, desc: 'How long an open breaker fails fast before one probe fetch (half open) may close it again.' }),
    CG_RETRY_MAX: nonNegativeInt({
      default: 2,
      desc: 'Retries of a query fetch refused or reset before any answer (never a mutation, a timeout or an HTTP error); 0 turns retries off.',
    }),
    CG_RETRY_BASE_MS: positiveInt({ default: 25, desc: 'Base of the jittered exponential backoff between retries (full jitter: a random wait up to base × 2^retry).' }),
    CG_RETRY_MAX_DELAY_MS: positiveInt({ default: 500, desc: 'Longest wait before one retry.' }),
    CG_RETRY_BUDGET_PERCENT: percent({
      default: 20,
      desc: 'Retry budget: retries to a subgraph may add at most this share of its fetches over the last 10 s (plus `CG_RETRY_MIN_PER_SECOND`).',
    }),
    CG_RETRY_MIN_PER_SECOND: nonNegativeInt({ default: 5, desc: 'Retries per second a subgraph may always get, whatever its budget.' }),
    CG_SUBGRAPH_CONNECTIONS: positiveInt({
      default: 64,
      desc: 'Most keep-alive connections the gateway opens to each subgraph (its undici pool); fetches beyond wait for a free one.',
    }),
    CG_MAX_IN_FLIGHT: positiveInt({
      default: 256,
      desc: 'Most GraphQL requests one gateway process serves at once; past it, HTTP 503 with `Retry-After` and `SERVER_OVERLOADED`, and `/health/ready` is false.',
    }),
    CG_SHED_RETRY_AFTER_SECONDS: positiveInt({ default: 1, desc: '`Retry-After` of a request refused by load shedding or shutdown.' }),
    CG_SUPERGRAPH_WATCH: bool({
      default: true,
      desc: 'With a supergraph file: reload it when it changes (a file that does not load keeps the old graph, with a warning).',
    }),
    CG_APOLLO_TELEMETRY: bool({ default: false, desc: "@apollo/gateway's anonymous usage telemetry (off)." }),
    CG_AUTHZ_MODE: str({
      choices: ['filter', 'reject', 'dry-run'],
      default: 'filter',
      desc: '`filter` removes fields the caller may not see; `reject` refuses the whole operation; `dry-run` only logs what it would remove.',
    }),
    CG_TOKEN_SECRET: str({
      default: '',
      desc: 'HS256 key for bearer tokens (at least 32 characters; gateway and `npm run token` only). Outside production a published development key is used when no key is set; production refuses it, even set explicitly.',
    }),
    CG_TOKEN_PUBLIC_KEY: str({ default: '', desc: 'PEM public key that verifies bearer tokens (production).' }),
    CG_TOKEN_ALGORITHM: str({ choices: ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'], default: 'ES256', desc: 'Algorithm of `CG_TOKEN_PUBLIC_KEY`.' }),
    CG_TOKEN_JWKS_URL: str({ default: '', desc: 'A JWKS endpoint that verifies bearer tokens (production).' }),
    CG_TOKEN_PRIVATE_KEY: str({ default: '', desc: 'PEM private key `npm run token` signs with when tokens are verified by public key.' }),
    CG_TOKEN_MAX_LIFETIME: duration({
      default: 86_400,
      desc: 'Longest lifetime (`exp - iat`) of a bearer token the gateway accepts and `npm run token` signs, e.g. `24h` or seconds.',
    }),
    CG_CONTEXT_PRIVATE_KEY: str({
      default: '',
      desc: 'Ed25519 private key (PKCS#8 PEM; `\\n` escapes allowed) the gateway signs each subgraph fetch\'s context with. Gateway and `npm run token -- --context` only; never give it to a subgraph. Required for the gateway in production.',
    }),
    CG_CONTEXT_PUBLIC_KEY: str({
      default: '',
      desc: 'Ed25519 public key (SPKI PEM) every subgraph verifies contexts with. Required for subgraphs in production. Outside production a published development key pair is used when neither key is set; production refuses it.',
    }),
    CG_CONTEXT_TTL_SECONDS: positiveInt({
      default: 10,
      desc: `Lifetime of a request context in seconds (at most ${CONTEXT_TTL_MAX_SECONDS}); set the same value on the gateway and the subgraphs, which refuse a context that claims to live longer.`,
    }),
    CG_TOKEN_ISSUER: str({ default: 'credit-graph', desc: 'Required `iss` of bearer tokens.' }),
    CG_TOKEN_AUDIENCE: str({ default: 'credit-graph', desc: 'Required `aud` of bearer tokens.' }),
    // -- signing in --
    CG_OIDC_ISSUER: str({
      default: '',
      desc: 'An OpenID Connect provider whose access tokens the gateway trusts besides its own token key, and that the web site signs in with (authorization code with PKCE). Its tokens are verified with its JWKS, by an asymmetric algorithm, with the same audience (`CG_TOKEN_AUDIENCE`), times and claims, and only for the kinds of `CG_OIDC_KINDS`. Empty: no sign-in. `npm start` sets it to its development provider (`http://127.0.0.1:<CG_IDENTITY_PORT>`) outside production; in production it must be an `https://` URL.',
    }),
    CG_OIDC_JWKS_URL: str({
      default: '',
      desc: "The JWKS of `CG_OIDC_ISSUER`; empty: its `jwks_uri`, discovered from `<issuer>/.well-known/openid-configuration` at the first token it issued.",
    }),
    CG_OIDC_CLIENT_ID: str({ default: 'credit-graph-site', desc: "The web site's client id at the provider (a public client, PKCE with S256)." }),
    CG_OIDC_SCOPE: str({ default: 'openid profile', desc: 'The scope the web site asks the provider for.' }),
    CG_OIDC_KINDS: str({
      default: 'SUBJECT,AUTHORITY',
      desc: "Comma-separated kinds of principal (`kind` claim) the provider's tokens may name: a token of any other kind with its issuer is refused (`UNAUTHENTICATED`).",
    }),
    CG_IDENTITY_HOST: str({ default: '127.0.0.1', desc: 'Interface the development sign-in provider (`identity/`, never in production) listens on.' }),
    CG_IDENTITY_PORT: port({ default: 4080, desc: 'Port of the development sign-in provider.' }),
    CG_IDENTITY_SITE_ORIGINS: str({
      default: '',
      desc: "Further origins of the web site (comma-separated, e.g. a Vite dev server's) the development provider lets sign in, besides the gateway's `http://127.0.0.1:<port>` and `http://localhost:<port>`.",
    }),
    CG_SUBJECTS_BATCH_MAX: positiveInt({ default: 100, desc: 'Most codes `subjects(codes:)` accepts.' }),
    CG_PAGE_SIZE_DEFAULT: positiveInt({ default: 20, desc: 'Page size when `first` is not given.' }),
    CG_PAGE_SIZE_MAX: positiveInt({ default: 100, desc: 'Largest `first` a list accepts.' }),
    // -- safelist and rate limits --
    CG_PERSISTED_QUERIES: str({
      choices: ['off', 'log-unknown', 'safelist', 'require-id'],
      default: 'off',
      desc: 'Persisted queries (Apollo Router\'s model): `off`; `log-unknown` serves everything and logs operations not in the manifest; `safelist` serves only operations in the manifest, sent by id or by body; `require-id` serves only operations sent by id.',
    }),
    CG_PERSISTED_QUERIES_MANIFEST: str({
      default: '',
      desc: 'The persisted-query manifest (Apollo\'s `apollo-persisted-query-manifest` format; `npm run persisted-manifest` builds one), required unless `CG_PERSISTED_QUERIES=off`; reloaded when it changes.',
    }),
    CG_RATE_LIMIT_RPS: str({
      default: showPerKind(DEFAULT_REQUESTS_PER_SECOND),
      desc: 'Requests per second per principal (an organization, a subject, a public client address), per kind: `KIND=n` pairs; `KIND=off` or the whole value `off` lifts the limit. Over it: HTTP 429 `RATE_LIMITED`.',
    }),
    CG_RATE_LIMIT_BURST: str({
      default: showPerKind(DEFAULT_BURST),
      desc: `Requests a principal may make past its per-second rate, refilled every ${BURST_WINDOW_SECONDS} seconds, per kind (same syntax; \`KIND=0\` for none).`,
    }),
    CG_INQUIRY_QUOTA_DAILY: str({
      default: showPerKind(DEFAULT_INQUIRIES_PER_DAY),
      desc: 'Inquiries (requests for non-public data, which leave an inquiry record) per UTC day per organization or subject, per kind (same syntax; kinds not named have no quota). Counted before any data is fetched.',
    }),
    CG_AUTH_FAILURES_PER_MINUTE: num({
      default: 120,
      desc: 'Failed bearer-token authentications per minute per client address; past it a further failed one gets 429 `RATE_LIMITED` instead of 401 (a valid token from that address is still served). 0 for no limit.',
    }),
    CG_REDIS_URL: str({
      default: '',
      desc: 'Redis (`redis://host:port`) that shares rate limits and quotas across gateway instances; unset keeps them per process. A Redis outage falls back to per-process limits (logged).',
    }),
    CG_REDIS_PREFIX: str({ default: 'cg:', desc: 'Prefix of the keys the rate limits keep in Redis.' }),
    // -- record life cycle --
    CG_RETENTION_YEARS: str({
      default: '5',
      desc: 'Years a negative record is served after its act or event ended (CIR Art. 16), then hidden from everyone and deleted by the retention job: a default, then `RecordType=years` overrides, e.g. `5,WageArrearsListing=3`.',
    }),
    CG_NOTICE_WAITING_DAYS: num({
      default: 0,
      desc: 'Days after its notice to the subject before a negative record is served to non-statutory callers (the subject and statutory inquiry see it at once). 0 to 365.',
    }),
    CG_SUBMIT_BATCH_MAX: positiveInt({ default: 100, desc: 'Most records one `submit…`/`withdraw…` mutation takes (a submission names a subject per record, so `CG_MAX_SUBJECTS_PER_OPERATION` bounds it too); larger batches go through the import.' }),
    // -- record life cycle: import --
    CG_IMPORT_BYTES_MAX: positiveInt({
      default: 1_073_741_824,
      desc: 'Largest import file the gateway takes at `POST /imports/<sector>/<list>`, in bytes (default 1 GiB; HTTP 413 above it, nothing written). The file is spooled to a temporary file, never held in memory.',
    }),
    // -- record life cycle: retention job --
    CG_RETENTION_SCHEDULE: str({
      default: '30 2 * * *',
      desc: 'When each sector subgraph (and the registry) runs the retention job that deletes expired negative and withdrawn records, leaving tombstones: a cron expression in China time (default 02:30 daily), or `off`. Replicas on one PostgreSQL store never run it at once (advisory lock).',
    }),
    // -- recourse: objections --
    CG_OBJECTION_ANSWER_DAYS: positiveInt({
      default: 20,
      desc: 'Days a source authority has to answer an objection (CIR Art. 25: 20; 1 to 365). An objection still open after its due day is overdue: escalated, and its record withheld from every non-statutory caller until it is answered.',
    }),
    CG_OBJECTION_ESCALATION_SCHEDULE: str({
      default: '5 0 * * *',
      desc: 'When each sector subgraph (and the registry) escalates objections left unanswered past their due day (a log line and the `credit_graph_objections_escalated_total` metric): a cron expression in China time (default 00:05 daily), or `off`. Withholding the record does not wait for it.',
    }),
    // -- recourse: statements and repair --
    CG_STATEMENT_MAX_CHARS: positiveInt({ default: 200, desc: "Most characters of a subject's own statement on a record or on its report (PBoC reports: 200; 1 to 2000)." }),
    // -- credit report --
    CG_FREE_SELF_REPORTS_PER_YEAR: num({
      default: 2,
      desc: "A subject's own credit reports free per calendar year in China's time (CIR Art. 17: twice; 0 to 365). Later ones are still served, recorded and marked `charged: true`.",
    }),
    ...perSubgraph,
  };
}

/** Every variable the config module reads, for the README's table and the docker-compose check. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(specFor());

/** A default as the README shows it. */
const shown = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);

/** A variable's value when it is a string; anything else counts as unset. */
const stringOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The README's configuration table (between its `config` markers), generated from the spec above. */
export function configTableMarkdown(): string {
  const rows: string[] = [];
  const perSubgraphDone = new Set<string>();
  const perSubgraphVariable = new RegExp(`^CG_(${SUBGRAPH_NAMES.map(upper).join('|')})_(PORT|URL|DATABASE_URL|STORE_POOL_MAX|OPS_PORT)$`);
  for (const [name, spec] of Object.entries(specFor()) as Array<[string, { default?: unknown; devDefault?: unknown; desc?: string }]>) {
    const perSubgraph = perSubgraphVariable.exec(name);
    if (perSubgraph) {
      const suffix = perSubgraph[2] as keyof typeof PER_SUBGRAPH_DOCS;
      if (perSubgraphDone.has(suffix)) continue;
      perSubgraphDone.add(suffix);
      rows.push(`| \`CG_<SUBGRAPH>_${suffix}\` | ${suffix === 'PORT' || suffix === 'OPS_PORT' ? 'see text' : '(none)'} | ${spec.desc ?? ''} |`);
      continue;
    }
    let fallback = spec.default === '' || spec.default === undefined ? '(none)' : `\`${shown(spec.default)}\``;
    if (spec.devDefault !== undefined && spec.devDefault !== spec.default) fallback += ` (\`${shown(spec.devDefault)}\` outside production)`;
    rows.push(`| \`${name}\` | ${fallback} | ${spec.desc ?? ''} |`);
  }
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

function storeFor(name: SubgraphName, env: Record<string, unknown>, dataDir: string): StoreConfig {
  const ownPool = stringOf(env[`CG_${upper(name)}_STORE_POOL_MAX`]);
  const poolMax = ownPool !== '' ? Number(ownPool) : Number(env.CG_STORE_POOL_MAX);
  const own = stringOf(env[`CG_${upper(name)}_DATABASE_URL`]);
  if (own !== '') {
    return { kind: 'postgres', url: own, database: new URL(own).pathname.replace(/^\//, ''), poolMax };
  }
  const server = stringOf(env.CG_DATABASE_URL);
  if (server !== '') {
    const url = new URL(server);
    const database = `${String(env.CG_DATABASE_PREFIX)}${name}`;
    url.pathname = `/${database}`;
    return { kind: 'postgres', url: url.toString(), database, poolMax };
  }
  return { kind: 'pglite', dataDir: path.resolve(dataDir, name) };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Reads the configuration. `overrides` take precedence over `env`, which takes precedence over the
 * defaults; neither argument is mutated.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
  overrides: Readonly<Record<string, string>> = {},
  role: ConfigRole = 'all',
): Config {
  // NODE_ENV defaults to development, and envalid's `devDefault` applies only when NODE_ENV is set.
  const source = { NODE_ENV: 'development', ...env, ...overrides };
  const clean = cleanEnv(source, specFor(), {
    reporter: ({ errors }) => {
      const problems = Object.entries(errors).map(([variable, error]) =>
        error instanceof EnvMissingError
          ? `${variable} is required`
          : `${variable} is invalid: ${(error).message}`,
      );
      if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
    },
  }) as unknown as Record<string, unknown>;

  const subgraphHost = String(clean.CG_SUBGRAPH_HOST);
  const subgraphs = {} as Record<SubgraphName, SubgraphConfig>;
  for (const name of SUBGRAPH_NAMES) {
    const p = Number(clean[`CG_${upper(name)}_PORT`]);
    const explicitUrl = String(clean[`CG_${upper(name)}_URL`]);
    if (explicitUrl !== '') {
      try {
        new URL(explicitUrl);
      } catch {
        throw new ConfigError(`Invalid configuration: CG_${upper(name)}_URL is invalid: not a URL: "${explicitUrl}"`);
      }
    }
    subgraphs[name] = {
      name,
      host: subgraphHost,
      port: p,
      url: explicitUrl !== '' ? explicitUrl : `http://127.0.0.1:${p}/graphql`,
      store: storeFor(name, clean, String(clean.CG_DATA_DIR)),
    };
  }

  const supergraph = String(clean.CG_SUPERGRAPH);
  const limits = {
    subjectsBatchMax: Number(clean.CG_SUBJECTS_BATCH_MAX),
    pageSizeDefault: Number(clean.CG_PAGE_SIZE_DEFAULT),
    pageSizeMax: Number(clean.CG_PAGE_SIZE_MAX),
  };
  if (limits.pageSizeDefault > limits.pageSizeMax) {
    throw new ConfigError(
      `Invalid configuration: CG_PAGE_SIZE_DEFAULT (${limits.pageSizeDefault}) exceeds CG_PAGE_SIZE_MAX (${limits.pageSizeMax})`,
    );
  }

  const auth = authFrom(clean, role);
  const identity = identityFrom(clean);

  return deepFreeze<Config>({
    nodeEnv: clean.NODE_ENV as Config['nodeEnv'],
    logLevel: clean.LOG_LEVEL as Config['logLevel'],
    demo: {
      subjects: Number(clean.CG_DEMO_SUBJECTS),
      seed: Number(clean.CG_DEMO_SEED),
      autoSeed: Boolean(clean.CG_AUTO_SEED),
    },
    subgraphs,
    gateway: {
      host: String(clean.CG_GATEWAY_HOST),
      port: Number(clean.CG_GATEWAY_PORT),
      path: String(clean.CG_GATEWAY_PATH),
      supergraph:
        supergraph === 'compose'
          ? { mode: 'compose', pollIntervalMs: Number(clean.CG_SUPERGRAPH_POLL_MS) }
          : { mode: 'file', path: path.resolve(supergraph) },
      subgraphTimeoutMs: Number(clean.CG_SUBGRAPH_TIMEOUT_MS),
      introspection: Boolean(clean.CG_INTROSPECTION),
      explorer: Boolean(clean.CG_EXPLORER),
      apolloTelemetry: Boolean(clean.CG_APOLLO_TELEMETRY),
      authorizationMode: clean.CG_AUTHZ_MODE as Config['gateway']['authorizationMode'],
      ops: { host: String(clean.CG_GATEWAY_OPS_HOST), port: Number(clean.CG_GATEWAY_OPS_PORT) },
      operationLimits: {
        mode: clean.CG_LIMITS_MODE as OperationLimits['mode'],
        maxDepth: Number(clean.CG_MAX_DEPTH),
        maxAliases: Number(clean.CG_MAX_ALIASES),
        maxRootFields: Number(clean.CG_MAX_ROOT_FIELDS),
        maxTokens: Number(clean.CG_MAX_TOKENS),
        maxDirectives: Number(clean.CG_MAX_DIRECTIVES),
        maxSubjectsPerOperation: Number(clean.CG_MAX_SUBJECTS_PER_OPERATION),
        maxRecursiveSelections: Number(clean.CG_MAX_RECURSIVE_SELECTIONS),
        costMax: Number(clean.CG_COST_MAX),
        costMode: clean.CG_COST_MODE as OperationLimits['costMode'],
        maxRequestBytes: Number(clean.CG_MAX_REQUEST_BYTES),
      },
      // -- resilience --
      resilience: {
        requestDeadlineMs: Number(clean.CG_REQUEST_DEADLINE_MS),
        subgraphTimeoutsMs: parseSubgraphTimeouts(String(clean.CG_SUBGRAPH_TIMEOUTS)),
        breaker: {
          enabled: Boolean(clean.CG_BREAKER_ENABLED),
          errorThresholdPercent: Number(clean.CG_BREAKER_ERROR_PERCENT),
          volumeThreshold: Number(clean.CG_BREAKER_VOLUME),
          windowMs: Number(clean.CG_BREAKER_WINDOW_MS),
          resetMs: Number(clean.CG_BREAKER_RESET_MS),
        },
        retry: {
          max: Number(clean.CG_RETRY_MAX),
          baseDelayMs: Number(clean.CG_RETRY_BASE_MS),
          maxDelayMs: Number(clean.CG_RETRY_MAX_DELAY_MS),
          budgetPercent: Number(clean.CG_RETRY_BUDGET_PERCENT),
          minPerSecond: Number(clean.CG_RETRY_MIN_PER_SECOND),
        },
        subgraphConnections: Number(clean.CG_SUBGRAPH_CONNECTIONS),
        maxInFlight: Number(clean.CG_MAX_IN_FLIGHT),
        retryAfterSeconds: Number(clean.CG_SHED_RETRY_AFTER_SECONDS),
        watchSupergraph: Boolean(clean.CG_SUPERGRAPH_WATCH),
      },
      // -- signing in --
      oidc: auth.oidc,
    },
    // -- observability --
    subgraphOps: Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [name, { host: String(clean.CG_SUBGRAPH_OPS_HOST), port: Number(clean[`CG_${upper(name)}_OPS_PORT`]) }]),
    ) as Record<SubgraphName, { host: string; port: number }>,
    trustedProxies: parseTrustedProxies(String(clean.CG_TRUSTED_PROXIES)),
    auth,
    // -- signing in --
    identity,
    limits,
    // -- safelist and rate limits --
    // -- supervisor and stores --
    supervisor: {
      restartDelayMs: Number(clean.CG_RESTART_DELAY_MS),
      restartDelayMaxMs: Number(clean.CG_RESTART_DELAY_MAX_MS),
      stableMs: Number(clean.CG_RESTART_STABLE_MS),
      maxQuickFailures: Number(clean.CG_RESTART_MAX_FAILURES),
      storeMustExist: Boolean(clean.CG_STORE_MUST_EXIST),
      storeProbeMs: Number(clean.CG_STORE_PROBE_MS),
    },
    ...safelistAndRateLimitsFrom(clean, invalid, (file) => path.resolve(file)),
    // -- record life cycle --
    records: recordsFrom(clean),
  });
}

const invalid = (message: string) => new ConfigError(`Invalid configuration: ${message}`);

function recordsFrom(clean: Record<string, unknown>): RecordsConfig {
  let retentionYears: RecordsConfig['retentionYears'];
  try {
    retentionYears = parseRetentionYears(String(clean.CG_RETENTION_YEARS));
  } catch (error) {
    throw invalid(`CG_RETENTION_YEARS: ${(error as Error).message}`);
  }
  const noticeWaitingDays = Number(clean.CG_NOTICE_WAITING_DAYS);
  if (!Number.isInteger(noticeWaitingDays) || noticeWaitingDays < 0 || noticeWaitingDays > 365) {
    throw invalid(`CG_NOTICE_WAITING_DAYS must be a whole number of days from 0 to 365, got ${noticeWaitingDays}`);
  }
  return {
    retentionYears,
    noticeWaitingDays,
    submitBatchMax: Number(clean.CG_SUBMIT_BATCH_MAX),
    // -- record life cycle: import --
    importBytesMax: Number(clean.CG_IMPORT_BYTES_MAX),
    // -- record life cycle: retention job --
    retentionSchedule: ((text: string) => {
      if (text === 'off') return null;
      try {
        // Parsed as the job will read it (shared/ingest/retention.ts: croner, China time).
        new Cron(text, { paused: true, timezone: 'Asia/Shanghai' }).stop();
      } catch (error) {
        throw invalid(`CG_RETENTION_SCHEDULE must be a cron expression (e.g. "30 2 * * *") or off: ${(error as Error).message}`);
      }
      return text;
    })(String(clean.CG_RETENTION_SCHEDULE).trim()),
    // -- recourse: objections --
    objectionAnswerDays: inRange('CG_OBJECTION_ANSWER_DAYS', Number(clean.CG_OBJECTION_ANSWER_DAYS), 1, 365),
    objectionEscalationSchedule: cronOrOff('CG_OBJECTION_ESCALATION_SCHEDULE', String(clean.CG_OBJECTION_ESCALATION_SCHEDULE).trim()),
    // -- recourse: statements and repair --
    statementMaxChars: inRange('CG_STATEMENT_MAX_CHARS', Number(clean.CG_STATEMENT_MAX_CHARS), 1, 2000),
    // -- credit report --
    freeSelfReportsPerYear: inRange('CG_FREE_SELF_REPORTS_PER_YEAR', Number(clean.CG_FREE_SELF_REPORTS_PER_YEAR), 0, 365),
  };
}

function inRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw invalid(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
  return value;
}

/** A cron expression as the jobs read it (croner, China time), or null for `off`. */
function cronOrOff(name: string, text: string): string | null {
  if (text === 'off') return null;
  try {
    new Cron(text, { paused: true, timezone: 'Asia/Shanghai' }).stop();
  } catch (error) {
    throw invalid(`${name} must be a cron expression (e.g. "30 2 * * *") or off: ${(error as Error).message}`);
  }
  return text;
}

/** PEM from the environment: real newlines, or `\n` escapes (one-line values in env files). */
const pemOf = (value: string) => value.replace(/\\n/g, '\n').trim();

/** The raw Ed25519 public key, to compare keys whatever their encoding. */
const rawPublic = (key: KeyObject) => String(key.export({ format: 'jwk' }).x);
const DEVELOPMENT_CONTEXT_PUBLIC_RAW = rawPublic(createPublicKey(DEVELOPMENT_ONLY_CONTEXT_PUBLIC_KEY));

function ed25519(variable: string, pem: string, kind: 'private' | 'public'): KeyObject {
  let key: KeyObject;
  try {
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    throw invalid(`${variable} is invalid: expected an Ed25519 ${kind === 'private' ? 'PKCS#8 private' : 'SPKI public'} key in PEM`);
  }
  if (key.type !== kind || key.asymmetricKeyType !== 'ed25519') {
    throw invalid(`${variable} is invalid: expected an Ed25519 ${kind} key, got a ${key.asymmetricKeyType ?? key.type} ${key.type} key`);
  }
  return key;
}

function contextKeysFrom(clean: Record<string, unknown>, role: ConfigRole): ContextKeyConfig {
  const production = clean.NODE_ENV === 'production';
  const ttlSeconds = Number(clean.CG_CONTEXT_TTL_SECONDS);
  if (ttlSeconds > CONTEXT_TTL_MAX_SECONDS) {
    throw invalid(`CG_CONTEXT_TTL_SECONDS is invalid: a context is made for one fetch; use at most ${CONTEXT_TTL_MAX_SECONDS} seconds`);
  }
  const privateText = String(clean.CG_CONTEXT_PRIVATE_KEY);
  const publicText = String(clean.CG_CONTEXT_PUBLIC_KEY);
  if (role === 'subgraph' && privateText !== '' && production) {
    throw invalid('CG_CONTEXT_PRIVATE_KEY must not be given to a subgraph: it could sign contexts; give it only CG_CONTEXT_PUBLIC_KEY');
  }
  const readsPrivate = role !== 'subgraph' && role !== 'tool';
  let privateKey = readsPrivate && privateText !== '' ? ed25519('CG_CONTEXT_PRIVATE_KEY', pemOf(privateText), 'private') : null;
  let publicKey = publicText !== '' ? ed25519('CG_CONTEXT_PUBLIC_KEY', pemOf(publicText), 'public') : null;
  if (privateKey && publicKey && rawPublic(createPublicKey(privateKey)) !== rawPublic(publicKey)) {
    throw invalid('CG_CONTEXT_PUBLIC_KEY does not belong to CG_CONTEXT_PRIVATE_KEY');
  }
  const needsPrivate = role === 'gateway' || role === 'all';
  const needsPublic = role === 'subgraph' || role === 'all';
  if (production) {
    const missing = [needsPrivate && !privateKey ? 'CG_CONTEXT_PRIVATE_KEY' : null, needsPublic && !publicKey ? 'CG_CONTEXT_PUBLIC_KEY' : null].filter(Boolean);
    if (missing.length > 0) throw invalid(`in production set ${missing.join(' and ')} (an Ed25519 key pair of your own)`);
    const published = [privateKey && createPublicKey(privateKey), publicKey].some((k) => k && rawPublic(k) === DEVELOPMENT_CONTEXT_PUBLIC_RAW);
    if (published) throw invalid('the published development context key pair is refused in production; generate a key pair of your own');
  } else if (!privateKey && !publicKey) {
    privateKey = readsPrivate ? createPrivateKey(DEVELOPMENT_ONLY_CONTEXT_PRIVATE_KEY) : null;
    publicKey = createPublicKey(DEVELOPMENT_ONLY_CONTEXT_PUBLIC_KEY);
  } else if (needsPrivate && !privateKey) {
    throw invalid('CG_CONTEXT_PUBLIC_KEY is set without CG_CONTEXT_PRIVATE_KEY, which the gateway signs with');
  }
  if (privateKey && !publicKey) publicKey = createPublicKey(privateKey);
  return {
    privateKeyPem: privateKey ? String(privateKey.export({ type: 'pkcs8', format: 'pem' })) : null,
    publicKeyPem: publicKey ? String(publicKey.export({ type: 'spki', format: 'pem' })) : null,
    isDevelopmentKey: publicKey !== null && rawPublic(publicKey) === DEVELOPMENT_CONTEXT_PUBLIC_RAW,
    ttlSeconds,
  };
}

function tokenKeyFrom(clean: Record<string, unknown>, role: ConfigRole): TokenKeyConfig {
  const production = clean.NODE_ENV === 'production';
  const secret = String(clean.CG_TOKEN_SECRET);
  const pem = String(clean.CG_TOKEN_PUBLIC_KEY);
  const jwks = String(clean.CG_TOKEN_JWKS_URL);
  if (role === 'subgraph' || role === 'tool') {
    // Subgraphs never see a bearer token: the gateway verified it and forwards a signed context.
    if (role === 'subgraph' && production && (secret !== '' || String(clean.CG_TOKEN_PRIVATE_KEY) !== '')) {
      throw invalid('a subgraph must not hold a bearer-token signing key (CG_TOKEN_SECRET, CG_TOKEN_PRIVATE_KEY)');
    }
    return { kind: 'none' };
  }
  const configured = [secret, pem, jwks].filter((v) => v !== '').length;
  if (configured > 1) throw invalid('set only one of CG_TOKEN_SECRET, CG_TOKEN_PUBLIC_KEY and CG_TOKEN_JWKS_URL');
  if (pem !== '') {
    if (!pem.includes('-----BEGIN PUBLIC KEY-----')) throw invalid('CG_TOKEN_PUBLIC_KEY is invalid: expected a PEM public key');
    return { kind: 'public-key', pem: pemOf(pem), algorithm: String(clean.CG_TOKEN_ALGORITHM) };
  }
  if (jwks !== '') {
    try {
      new URL(jwks);
    } catch {
      throw invalid(`CG_TOKEN_JWKS_URL is invalid: not a URL: "${jwks.slice(0, 32)}"`);
    }
    return { kind: 'jwks', url: jwks };
  }
  if (secret !== '') {
    if (secret.length < 32) throw invalid('CG_TOKEN_SECRET is invalid: use at least 32 characters');
    if (production && secret === DEVELOPMENT_TOKEN_SECRET) {
      throw invalid('CG_TOKEN_SECRET is the published development key, which production refuses; choose a secret of your own');
    }
    return { kind: 'secret', secret, isDevelopmentDefault: secret === DEVELOPMENT_TOKEN_SECRET };
  }
  if (production) throw invalid('in production set CG_TOKEN_PUBLIC_KEY, CG_TOKEN_JWKS_URL or CG_TOKEN_SECRET');
  return { kind: 'secret', secret: DEVELOPMENT_TOKEN_SECRET, isDevelopmentDefault: true };
}

// -- signing in --

/** The kinds of principal an OpenID Connect provider's token may name (never PUBLIC: the public sends no token). */
const OIDC_KIND_CHOICES: readonly PrincipalKind[] = ['SUBJECT', 'AUTHORITY', 'GOVERNMENT', 'CREDIT_SERVICE', 'REGULATOR'];

/** `SUBJECT,AUTHORITY`: kinds of principal, each known and named once. */
export function parseOidcKinds(text: string): PrincipalKind[] {
  const kinds = text.split(',').map((k) => k.trim()).filter((k) => k !== '');
  if (kinds.length === 0) throw new Error(`name at least one kind of ${OIDC_KIND_CHOICES.join(', ')}`);
  for (const kind of kinds) {
    if (!(OIDC_KIND_CHOICES as readonly string[]).includes(kind)) throw new Error(`"${kind.slice(0, 24)}" is not one of ${OIDC_KIND_CHOICES.join(', ')}`);
  }
  if (new Set(kinds).size !== kinds.length) throw new Error('a kind is named twice');
  return kinds as PrincipalKind[];
}

/** A URL of the sign-in settings: absolute http(s), no query, fragment or credentials; https in production. */
function oidcUrl(variable: string, text: string, production: boolean): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(`${variable} is invalid: not a URL: "${text.slice(0, 32)}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(`${variable} is invalid: expected an http(s) URL, got "${url.protocol}"`);
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw invalid(`${variable} is invalid: no query, fragment or credentials, got "${text.slice(0, 32)}"`);
  }
  if (production && url.protocol !== 'https:') throw invalid(`${variable} must be an https:// URL in production`);
  return text;
}

function oidcFrom(clean: Record<string, unknown>): OidcConfig | null {
  const production = clean.NODE_ENV === 'production';
  const issuer = String(clean.CG_OIDC_ISSUER).trim();
  const jwks = String(clean.CG_OIDC_JWKS_URL).trim();
  let kinds: PrincipalKind[];
  try {
    kinds = parseOidcKinds(String(clean.CG_OIDC_KINDS));
  } catch (error) {
    throw invalid(`CG_OIDC_KINDS is invalid: ${(error as Error).message}`);
  }
  if (issuer === '') {
    if (jwks !== '') throw invalid('CG_OIDC_JWKS_URL is set without CG_OIDC_ISSUER, whose keys it would hold');
    return null;
  }
  oidcUrl('CG_OIDC_ISSUER', issuer, production);
  if (issuer === String(clean.CG_TOKEN_ISSUER)) {
    throw invalid('CG_OIDC_ISSUER must differ from CG_TOKEN_ISSUER: the issuer of a token chooses the key it is checked with');
  }
  const clientId = String(clean.CG_OIDC_CLIENT_ID).trim();
  if (!/^[A-Za-z0-9._:-]{1,128}$/.test(clientId)) throw invalid('CG_OIDC_CLIENT_ID is invalid: 1 to 128 letters, digits or ._:- characters');
  const scope = String(clean.CG_OIDC_SCOPE).trim().split(/\s+/);
  if (!scope.includes('openid')) throw invalid('CG_OIDC_SCOPE is invalid: OpenID Connect sign-in needs the scope "openid"');
  return {
    issuer: oidcUrl('CG_OIDC_ISSUER', issuer, production),
    jwksUrl: jwks === '' ? null : oidcUrl('CG_OIDC_JWKS_URL', jwks, production),
    clientId,
    scope: scope.join(' '),
    kinds,
  };
}

function identityFrom(clean: Record<string, unknown>): IdentityConfig {
  const port = Number(clean.CG_IDENTITY_PORT);
  const issuer = String(clean.CG_OIDC_ISSUER).trim();
  const gatewayPort = Number(clean.CG_GATEWAY_PORT);
  const origins = new Set([`http://127.0.0.1:${gatewayPort}`, `http://localhost:${gatewayPort}`]);
  for (const text of String(clean.CG_IDENTITY_SITE_ORIGINS).split(',').map((o) => o.trim()).filter((o) => o !== '')) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw invalid(`CG_IDENTITY_SITE_ORIGINS is invalid: not a URL: "${text.slice(0, 32)}"`);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== text.replace(/\/$/, '')) {
      throw invalid(`CG_IDENTITY_SITE_ORIGINS is invalid: "${text.slice(0, 32)}" is not an origin (scheme, host and port only)`);
    }
    origins.add(url.origin);
  }
  return { host: String(clean.CG_IDENTITY_HOST), port, issuer: issuer === '' ? `http://127.0.0.1:${port}` : issuer, siteOrigins: [...origins], clientId: String(clean.CG_OIDC_CLIENT_ID).trim() };
}

function authFrom(clean: Record<string, unknown>, role: ConfigRole): AuthConfig {
  const signing = role === 'subgraph' || role === 'tool' ? '' : String(clean.CG_TOKEN_PRIVATE_KEY);
  return {
    key: tokenKeyFrom(clean, role),
    oidc: oidcFrom(clean),
    issuer: String(clean.CG_TOKEN_ISSUER),
    audience: String(clean.CG_TOKEN_AUDIENCE),
    signingKeyPem: signing === '' ? null : pemOf(signing),
    tokenMaxLifetimeSeconds: Number(clean.CG_TOKEN_MAX_LIFETIME),
    context: contextKeysFrom(clean, role),
  };
}
