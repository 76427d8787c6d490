import path from 'node:path';
import { cleanEnv, str, num, port, bool, makeValidator, EnvError, EnvMissingError } from 'envalid';
import { SUBGRAPH_NAMES, DEFAULT_SUBGRAPH_PORTS, type SubgraphName } from './subgraphs';

/**
 * The one place configuration is read. Precedence: explicit overrides > environment > default.
 * Everything is validated at start and frozen; a bad value fails with a message naming the variable.
 */

export type StoreConfig =
  | { readonly kind: 'pglite'; readonly dataDir: string | null }
  | { readonly kind: 'postgres'; readonly url: string; readonly database: string };

export type SupergraphSource =
  | { readonly mode: 'file'; readonly path: string }
  | { readonly mode: 'compose'; readonly pollIntervalMs: number };

/** How the gateway verifies bearer tokens: a symmetric key (development), a public key or a JWKS. */
export type TokenKeyConfig =
  | { readonly kind: 'secret'; readonly secret: string; readonly isDevelopmentDefault: boolean }
  | { readonly kind: 'public-key'; readonly pem: string; readonly algorithm: string }
  | { readonly kind: 'jwks'; readonly url: string };

export interface AuthConfig {
  readonly key: TokenKeyConfig;
  /** The key the gateway signs each subgraph request's context with, and every subgraph verifies. */
  readonly internalSecret: string;
  readonly issuer: string;
  readonly audience: string;
  /** Private key (PEM) the token command signs with when the gateway verifies with a public key. */
  readonly signingKeyPem: string | null;
}

/** The symmetric key used when none is configured outside production. Never valid in production. */
export const DEVELOPMENT_TOKEN_SECRET = 'credit-graph-development-only-secret-never-use-in-production';
/** Likewise for the gateway-to-subgraph context. */
export const DEVELOPMENT_INTERNAL_SECRET = 'credit-graph-development-only-internal-secret-not-for-production';

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
    /** @apollo/gateway's anonymous usage telemetry; off by default (and this graph is often offline). */
    readonly apolloTelemetry: boolean;
    /** Field authorization: remove what the caller may not see, reject the whole operation, or only log. */
    readonly authorizationMode: 'filter' | 'reject' | 'dry-run';
    /** The ops listener (`/health/subgraphs`, later metrics), apart from the graph's callers. */
    readonly ops: { readonly host: string; readonly port: number };
    /** Operation limits and demand control, checked before an operation is planned. */
    readonly operationLimits: OperationLimits;
  };
  readonly auth: AuthConfig;
  readonly limits: {
    readonly subjectsBatchMax: number;
    readonly pageSizeDefault: number;
    readonly pageSizeMax: number;
  };
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

const positiveInt = makeValidator<number>((input) => {
  const n = Number(input);
  if (!Number.isInteger(n) || n <= 0) throw new EnvError(`expected a positive integer, got "${input}"`);
  return n;
});

const urlPath = makeValidator<string>((input) => {
  if (!/^\/[A-Za-z0-9/_-]*$/.test(input)) throw new EnvError(`expected a URL path starting with "/", got "${input}"`);
  return input;
});

const databaseName = makeValidator<string>((input) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(input)) {
    throw new EnvError(`expected lower-case letters, digits and underscores, got "${input}"`);
  }
  return input;
});

function upper(name: SubgraphName): string {
  return name.toUpperCase();
}

const PER_SUBGRAPH_DOCS = {
  PORT: 'Port the subgraph listens on (registry 4001, finance 4002, taxation 4003, construction 4004, ecommerce 4005, healthcare 4006, access 4007).',
  URL: 'Where the gateway reaches the subgraph; default `http://127.0.0.1:<port>/graphql`.',
  DATABASE_URL: "The subgraph's own PostgreSQL database; overrides `CG_DATABASE_URL` for this subgraph.",
} as const;

function specFor() {
  const perSubgraph: Record<string, ReturnType<typeof str> | ReturnType<typeof port>> = {};
  for (const name of SUBGRAPH_NAMES) {
    perSubgraph[`CG_${upper(name)}_PORT`] = port({ default: DEFAULT_SUBGRAPH_PORTS[name], desc: PER_SUBGRAPH_DOCS.PORT });
    perSubgraph[`CG_${upper(name)}_URL`] = str({ default: '', desc: PER_SUBGRAPH_DOCS.URL });
    perSubgraph[`CG_${upper(name)}_DATABASE_URL`] = postgresUrl({ default: '', desc: PER_SUBGRAPH_DOCS.DATABASE_URL });
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
    CG_AUTO_SEED: bool({ default: true, desc: 'Load the demo dataset into an empty store at start.' }),
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
    CG_GATEWAY_OPS_HOST: str({
      default: '127.0.0.1',
      desc: "Interface of the gateway's ops listener (`/health/subgraphs`); keep it off the network the graph's callers reach.",
    }),
    CG_GATEWAY_OPS_PORT: port({ default: 4090, desc: "Port of the gateway's ops listener." }),
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
    CG_APOLLO_TELEMETRY: bool({ default: false, desc: "@apollo/gateway's anonymous usage telemetry (off)." }),
    CG_AUTHZ_MODE: str({
      choices: ['filter', 'reject', 'dry-run'],
      default: 'filter',
      desc: '`filter` removes fields the caller may not see; `reject` refuses the whole operation; `dry-run` only logs what it would remove.',
    }),
    CG_TOKEN_SECRET: str({ default: '', desc: 'HS256 key for bearer tokens (at least 32 characters). Outside production a development key is used when no key is set.' }),
    CG_TOKEN_PUBLIC_KEY: str({ default: '', desc: 'PEM public key that verifies bearer tokens (production).' }),
    CG_TOKEN_ALGORITHM: str({ choices: ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'], default: 'ES256', desc: 'Algorithm of `CG_TOKEN_PUBLIC_KEY`.' }),
    CG_TOKEN_JWKS_URL: str({ default: '', desc: 'A JWKS endpoint that verifies bearer tokens (production).' }),
    CG_TOKEN_PRIVATE_KEY: str({ default: '', desc: 'PEM private key `npm run token` signs with when tokens are verified by public key.' }),
    CG_INTERNAL_SECRET: str({
      default: '',
      desc: 'HS256 key (at least 32 characters) the gateway signs each subgraph request context with; every subgraph refuses requests without it. Required in production.',
    }),
    CG_TOKEN_ISSUER: str({ default: 'credit-graph', desc: 'Required `iss` of bearer tokens.' }),
    CG_TOKEN_AUDIENCE: str({ default: 'credit-graph', desc: 'Required `aud` of bearer tokens.' }),
    CG_SUBJECTS_BATCH_MAX: positiveInt({ default: 100, desc: 'Most codes `subjects(codes:)` accepts.' }),
    CG_PAGE_SIZE_DEFAULT: positiveInt({ default: 20, desc: 'Page size when `first` is not given.' }),
    CG_PAGE_SIZE_MAX: positiveInt({ default: 100, desc: 'Largest `first` a list accepts.' }),
    ...perSubgraph,
  };
}

/** Every variable the config module reads, for the README's table and the docker-compose check. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(specFor());

/** The README's configuration table (between its `config` markers), generated from the spec above. */
export function configTableMarkdown(): string {
  const rows: string[] = [];
  const perSubgraphDone = new Set<string>();
  const perSubgraphVariable = new RegExp(`^CG_(${SUBGRAPH_NAMES.map(upper).join('|')})_(PORT|URL|DATABASE_URL)$`);
  for (const [name, spec] of Object.entries(specFor()) as Array<[string, { default?: unknown; devDefault?: unknown; desc?: string }]>) {
    const perSubgraph = perSubgraphVariable.exec(name);
    if (perSubgraph) {
      const suffix = perSubgraph[2] as keyof typeof PER_SUBGRAPH_DOCS;
      if (perSubgraphDone.has(suffix)) continue;
      perSubgraphDone.add(suffix);
      rows.push(`| \`CG_<SUBGRAPH>_${suffix}\` | ${suffix === 'PORT' ? 'see text' : '(none)'} | ${spec.desc ?? ''} |`);
      continue;
    }
    let fallback = spec.default === '' || spec.default === undefined ? '(none)' : `\`${String(spec.default)}\``;
    if (spec.devDefault !== undefined && spec.devDefault !== spec.default) fallback += ` (\`${String(spec.devDefault)}\` outside production)`;
    rows.push(`| \`${name}\` | ${fallback} | ${spec.desc ?? ''} |`);
  }
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

function storeFor(name: SubgraphName, env: Record<string, unknown>, dataDir: string): StoreConfig {
  const own = String(env[`CG_${upper(name)}_DATABASE_URL`] ?? '');
  if (own !== '') {
    return { kind: 'postgres', url: own, database: new URL(own).pathname.replace(/^\//, '') };
  }
  const server = String(env.CG_DATABASE_URL ?? '');
  if (server !== '') {
    const url = new URL(server);
    const database = `${String(env.CG_DATABASE_PREFIX)}${name}`;
    url.pathname = `/${database}`;
    return { kind: 'postgres', url: url.toString(), database };
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
): Config {
  // NODE_ENV defaults to development, and envalid's `devDefault` applies only when NODE_ENV is set.
  const source = { NODE_ENV: 'development', ...env, ...overrides };
  const clean = cleanEnv(source, specFor(), {
    reporter: ({ errors }) => {
      const problems = Object.entries(errors).map(([variable, error]) =>
        error instanceof EnvMissingError
          ? `${variable} is required`
          : `${variable} is invalid: ${(error as Error).message}`,
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

  const auth = authFrom(clean);

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
    },
    auth,
    limits,
  });
}

function authFrom(clean: Record<string, unknown>): AuthConfig {
  const secret = String(clean.CG_TOKEN_SECRET);
  const pem = String(clean.CG_TOKEN_PUBLIC_KEY);
  const jwks = String(clean.CG_TOKEN_JWKS_URL);
  const configured = [secret, pem, jwks].filter((v) => v !== '').length;
  if (configured > 1) {
    throw new ConfigError('Invalid configuration: set only one of CG_TOKEN_SECRET, CG_TOKEN_PUBLIC_KEY and CG_TOKEN_JWKS_URL');
  }
  let key: TokenKeyConfig;
  if (pem !== '') {
    if (!pem.includes('-----BEGIN PUBLIC KEY-----')) throw new ConfigError('Invalid configuration: CG_TOKEN_PUBLIC_KEY is invalid: expected a PEM public key');
    key = { kind: 'public-key', pem, algorithm: String(clean.CG_TOKEN_ALGORITHM) };
  } else if (jwks !== '') {
    try {
      new URL(jwks);
    } catch {
      throw new ConfigError(`Invalid configuration: CG_TOKEN_JWKS_URL is invalid: not a URL: "${jwks}"`);
    }
    key = { kind: 'jwks', url: jwks };
  } else if (secret !== '') {
    if (secret.length < 32) throw new ConfigError('Invalid configuration: CG_TOKEN_SECRET is invalid: use at least 32 characters');
    key = { kind: 'secret', secret, isDevelopmentDefault: false };
  } else if (clean.NODE_ENV === 'production') {
    throw new ConfigError('Invalid configuration: in production set CG_TOKEN_PUBLIC_KEY, CG_TOKEN_JWKS_URL or CG_TOKEN_SECRET');
  } else {
    key = { kind: 'secret', secret: DEVELOPMENT_TOKEN_SECRET, isDevelopmentDefault: true };
  }
  const signing = String(clean.CG_TOKEN_PRIVATE_KEY);
  let internalSecret = String(clean.CG_INTERNAL_SECRET);
  if (internalSecret === '') {
    if (clean.NODE_ENV === 'production') throw new ConfigError('Invalid configuration: in production set CG_INTERNAL_SECRET');
    internalSecret = DEVELOPMENT_INTERNAL_SECRET;
  } else if (internalSecret.length < 32) {
    throw new ConfigError('Invalid configuration: CG_INTERNAL_SECRET is invalid: use at least 32 characters');
  } else if (internalSecret === secret) {
    throw new ConfigError('Invalid configuration: CG_INTERNAL_SECRET must differ from CG_TOKEN_SECRET');
  }
  return {
    key,
    internalSecret,
    issuer: String(clean.CG_TOKEN_ISSUER),
    audience: String(clean.CG_TOKEN_AUDIENCE),
    signingKeyPem: signing === '' ? null : signing,
  };
}
