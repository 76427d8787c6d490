import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { loadConfig, ConfigError, DEVELOPMENT_TOKEN_SECRET } from '../shared/config';
import { DEVELOPMENT_ONLY_CONTEXT_PRIVATE_KEY, DEVELOPMENT_ONLY_CONTEXT_PUBLIC_KEY } from '../shared/auth/developmentKeys';

/** An operator's own Ed25519 context key pair. */
function contextPair(): { CG_CONTEXT_PRIVATE_KEY: string; CG_CONTEXT_PUBLIC_KEY: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    CG_CONTEXT_PRIVATE_KEY: String(privateKey.export({ type: 'pkcs8', format: 'pem' })),
    CG_CONTEXT_PUBLIC_KEY: String(publicKey.export({ type: 'spki', format: 'pem' })),
  };
}
const TOKEN_SECRET = 'a-token-secret-of-at-least-thirty-two-chars';
const invalid = (message: string) => new ConfigError(`Invalid configuration: ${message}`);

describe('configuration', () => {
  it('runs every subgraph on its own embedded PGlite store by default', () => {
    const config = loadConfig({});
    expect(config.subgraphs.finance).toEqual({
      name: 'finance',
      host: '127.0.0.1',
      port: 4002,
      url: 'http://127.0.0.1:4002/graphql',
      store: { kind: 'pglite', dataDir: path.resolve('data', 'finance') },
    });
    expect(config.gateway).toMatchObject({ host: '127.0.0.1', port: 4000, path: '/graphql', supergraph: { mode: 'file', path: path.resolve('supergraph.graphql') } });
  });

  it('derives one database per subgraph from a server URL, and lets one subgraph use its own', () => {
    const config = loadConfig({
      CG_DATABASE_URL: 'postgres://credit:secret@db.internal:5432/postgres',
      CG_TAXATION_DATABASE_URL: 'postgresql://tax@tax-db:5433/tax_store',
    });
    expect(config.subgraphs.registry.store).toEqual({
      kind: 'postgres',
      url: 'postgres://credit:secret@db.internal:5432/credit_graph_registry',
      database: 'credit_graph_registry',
      poolMax: 4,
    });
    expect(config.subgraphs.taxation.store).toEqual({ kind: 'postgres', url: 'postgresql://tax@tax-db:5433/tax_store', database: 'tax_store', poolMax: 4 });
  });

  it('sizes every subgraph\'s PostgreSQL pool, and lets one subgraph size its own', () => {
    const config = loadConfig({ CG_DATABASE_URL: 'postgres://credit@db.internal:5432/postgres', CG_STORE_POOL_MAX: '6', CG_FINANCE_STORE_POOL_MAX: '2' });
    expect(config.subgraphs.registry.store).toMatchObject({ kind: 'postgres', poolMax: 6 });
    expect(config.subgraphs.finance.store).toMatchObject({ kind: 'postgres', poolMax: 2 });
    expect(() => loadConfig({ CG_STORE_POOL_MAX: '0' })).toThrow('CG_STORE_POOL_MAX is invalid: expected a positive integer, got "0"');
    expect(() => loadConfig({ CG_TAXATION_STORE_POOL_MAX: 'many' })).toThrow('CG_TAXATION_STORE_POOL_MAX is invalid: expected a positive integer, got "many"');
  });

  it('takes explicit overrides over the environment, without changing either', () => {
    const env = Object.freeze({ CG_GATEWAY_PORT: '5000' });
    const overrides = Object.freeze({ CG_GATEWAY_PORT: '6000' });
    expect(loadConfig(env, overrides).gateway.port).toBe(6000);
    expect(loadConfig(env).gateway.port).toBe(5000);
  });

  it('is frozen all the way down', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config.subgraphs.finance.store)).toBe(true);
    expect(() => {
      (config.gateway as { port: number }).port = 1;
    }).toThrow(TypeError);
  });

  it('names every invalid variable in one error', () => {
    expect(() => loadConfig({ CG_GATEWAY_PORT: 'abc', CG_DEMO_SUBJECTS: '-1', CG_DATABASE_URL: 'mysql://x' })).toThrow(
      new ConfigError(
        'Invalid configuration: CG_DATABASE_URL is invalid: expected a postgres:// URL, got protocol "mysql:"; CG_DEMO_SUBJECTS is invalid: expected a positive integer, got "-1"; CG_GATEWAY_PORT is invalid: Invalid port input: "abc"',
      ),
    );
  });

  it('refuses a default page size above the maximum', () => {
    expect(() => loadConfig({ CG_PAGE_SIZE_DEFAULT: '50', CG_PAGE_SIZE_MAX: '10' })).toThrow(
      'CG_PAGE_SIZE_DEFAULT (50) exceeds CG_PAGE_SIZE_MAX (10)',
    );
  });

  it('switches the gateway to composing from the running subgraphs', () => {
    expect(loadConfig({ CG_SUPERGRAPH: 'compose' }).gateway.supergraph).toEqual({ mode: 'compose', pollIntervalMs: 10_000 });
  });
});

describe('configuration: keys, by the process that reads them', () => {
  it('uses the published development context key pair outside production, and says so', () => {
    const { context } = loadConfig({}).auth;
    expect(context).toEqual({
      privateKeyPem: DEVELOPMENT_ONLY_CONTEXT_PRIVATE_KEY,
      publicKeyPem: DEVELOPMENT_ONLY_CONTEXT_PUBLIC_KEY,
      isDevelopmentKey: true,
      ttlSeconds: 10,
    });
  });

  it('starts a subgraph in production with only the context public key: no token key, no private key', () => {
    const { CG_CONTEXT_PUBLIC_KEY } = contextPair();
    expect(loadConfig({ NODE_ENV: 'production', CG_CONTEXT_PUBLIC_KEY }, {}, 'subgraph').auth).toEqual({
      key: { kind: 'none' },
      oidc: null,
      issuer: 'credit-graph',
      audience: 'credit-graph',
      signingKeyPem: null,
      tokenMaxLifetimeSeconds: 86_400,
      context: { privateKeyPem: null, publicKeyPem: CG_CONTEXT_PUBLIC_KEY, isDevelopmentKey: false, ttlSeconds: 10 },
    });
  });

  it('reads one-line keys with \\n escapes, as env files hold them', () => {
    const pair = contextPair();
    const oneLine = pair.CG_CONTEXT_PUBLIC_KEY.trim().replace(/\n/g, '\\n');
    expect(loadConfig({ NODE_ENV: 'production', CG_CONTEXT_PUBLIC_KEY: oneLine }, {}, 'subgraph').auth.context.publicKeyPem).toBe(pair.CG_CONTEXT_PUBLIC_KEY);
  });

  it('starts the gateway in production with the context private key, and derives the public key from it', () => {
    const pair = contextPair();
    const { context } = loadConfig({ NODE_ENV: 'production', CG_TOKEN_SECRET: TOKEN_SECRET, CG_CONTEXT_PRIVATE_KEY: pair.CG_CONTEXT_PRIVATE_KEY }, {}, 'gateway').auth;
    expect(context).toEqual({ privateKeyPem: pair.CG_CONTEXT_PRIVATE_KEY, publicKeyPem: pair.CG_CONTEXT_PUBLIC_KEY, isDevelopmentKey: false, ttlSeconds: 10 });
  });

  it.each([
    ['a subgraph without the context public key', 'subgraph', {}, 'in production set CG_CONTEXT_PUBLIC_KEY (an Ed25519 key pair of your own)'],
    ['the gateway without the context private key', 'gateway', { CG_TOKEN_SECRET: TOKEN_SECRET }, 'in production set CG_CONTEXT_PRIVATE_KEY (an Ed25519 key pair of your own)'],
    ['the gateway without a token key', 'gateway', { CG_CONTEXT_PRIVATE_KEY: contextPair().CG_CONTEXT_PRIVATE_KEY }, 'in production set CG_TOKEN_PUBLIC_KEY, CG_TOKEN_JWKS_URL or CG_TOKEN_SECRET'],
    ['the published development token secret, set explicitly', 'gateway', { CG_TOKEN_SECRET: DEVELOPMENT_TOKEN_SECRET, CG_CONTEXT_PRIVATE_KEY: contextPair().CG_CONTEXT_PRIVATE_KEY }, 'CG_TOKEN_SECRET is the published development key, which production refuses; choose a secret of your own'],
    ['the published development context private key, set explicitly', 'gateway', { CG_TOKEN_SECRET: TOKEN_SECRET, CG_CONTEXT_PRIVATE_KEY: DEVELOPMENT_ONLY_CONTEXT_PRIVATE_KEY }, 'the published development context key pair is refused in production; generate a key pair of your own'],
    ['the published development context public key, set explicitly', 'subgraph', { CG_CONTEXT_PUBLIC_KEY: DEVELOPMENT_ONLY_CONTEXT_PUBLIC_KEY }, 'the published development context key pair is refused in production; generate a key pair of your own'],
    ['the context private key given to a subgraph', 'subgraph', contextPair(), 'CG_CONTEXT_PRIVATE_KEY must not be given to a subgraph: it could sign contexts; give it only CG_CONTEXT_PUBLIC_KEY'],
    ['a bearer-token key given to a subgraph', 'subgraph', { CG_TOKEN_SECRET: TOKEN_SECRET, CG_CONTEXT_PUBLIC_KEY: contextPair().CG_CONTEXT_PUBLIC_KEY }, 'a subgraph must not hold a bearer-token signing key (CG_TOKEN_SECRET, CG_TOKEN_PRIVATE_KEY)'],
  ] as const)('refuses in production %s', (_what, role, env, message) => {
    expect(() => loadConfig({ NODE_ENV: 'production', ...env }, {}, role)).toThrow(invalid(message));
  });

  it.each([
    ['a public key that is not the private key’s', { CG_CONTEXT_PRIVATE_KEY: contextPair().CG_CONTEXT_PRIVATE_KEY, CG_CONTEXT_PUBLIC_KEY: contextPair().CG_CONTEXT_PUBLIC_KEY }, 'CG_CONTEXT_PUBLIC_KEY does not belong to CG_CONTEXT_PRIVATE_KEY'],
    ['a key that is not PEM', { CG_CONTEXT_PUBLIC_KEY: 'not-a-key' }, 'CG_CONTEXT_PUBLIC_KEY is invalid: expected an Ed25519 SPKI public key in PEM'],
    ['a key of another algorithm', { CG_CONTEXT_PRIVATE_KEY: String(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' })) }, 'CG_CONTEXT_PRIVATE_KEY is invalid: expected an Ed25519 private key, got a ec private key'],
    ['a public key without the private key, where the gateway signs', { CG_CONTEXT_PUBLIC_KEY: contextPair().CG_CONTEXT_PUBLIC_KEY }, 'CG_CONTEXT_PUBLIC_KEY is set without CG_CONTEXT_PRIVATE_KEY, which the gateway signs with'],
    ['a context lifetime over two minutes', { CG_CONTEXT_TTL_SECONDS: '600' }, 'CG_CONTEXT_TTL_SECONDS is invalid: a context is made for one fetch; use at most 120 seconds'],
    ['a malformed token lifetime', { CG_TOKEN_MAX_LIFETIME: 'forever' }, 'CG_TOKEN_MAX_LIFETIME is invalid: expected a duration such as 90s, 30m, 24h or 7d, got "forever"'],
  ])('refuses %s', (_what, env, message) => {
    expect(() => loadConfig(env)).toThrow(invalid(message));
  });

  it('reads the token lifetime limit as a duration', () => {
    expect(loadConfig({ CG_TOKEN_MAX_LIFETIME: '8h' }).auth.tokenMaxLifetimeSeconds).toBe(28_800);
    expect(loadConfig({ CG_TOKEN_MAX_LIFETIME: '3600' }).auth.tokenMaxLifetimeSeconds).toBe(3_600);
  });

  it('needs no key at all for a maintenance tool in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }, {}, 'tool').auth).toMatchObject({ key: { kind: 'none' }, context: { privateKeyPem: null, publicKeyPem: null } });
  });
});
