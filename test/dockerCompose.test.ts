import { existsSync, readFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../shared/config';
import { SUBGRAPH_NAMES } from '../subgraphs/names';

/**
 * There is no Docker engine where the tests run, so the compose file is checked against the code:
 * every command starts an entry point that exists, every variable is one the config module reads and
 * validates, and ports, health checks and URLs agree with each other.
 */

const ROOT = path.resolve(__dirname, '..');

interface Service {
  command?: string[];
  environment?: Record<string, string>;
  expose?: string[];
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: string[] | Record<string, { condition: string }>;
  build?: string;
}

/** An operator's own context key pair, one line each (`\n` escapes), as an env file would hold it. */
const contextKeys = generateKeyPairSync('ed25519');
const oneLine = (pem: string | Buffer) => String(pem).trim().replace(/\n/g, '\\n');

/** What `docker compose` does with `${VAR:?message}`: the variable must come from the caller's environment. */
const CALLER_ENV: Record<string, string> = {
  CG_TOKEN_SECRET: 'a-secret-the-operator-sets-of-32-characters-at-least',
  CG_CONTEXT_PRIVATE_KEY: oneLine(contextKeys.privateKey.export({ type: 'pkcs8', format: 'pem' })),
  CG_CONTEXT_PUBLIC_KEY: oneLine(contextKeys.publicKey.export({ type: 'spki', format: 'pem' })),
};

/** What may sign: the bearer-token keys and the context private key. No subgraph holds any of them. */
const SIGNING_KEYS = ['CG_TOKEN_SECRET', 'CG_TOKEN_PRIVATE_KEY', 'CG_TOKEN_PUBLIC_KEY', 'CG_TOKEN_JWKS_URL', 'CG_CONTEXT_PRIVATE_KEY'];
function interpolate(text: string): string {
  return text.replace(/\$\{(\w+):\?[^}]*\}/g, (_m, name: string) => {
    const value = CALLER_ENV[name];
    if (value === undefined) throw new Error(`docker-compose.yml requires ${name}, which the test does not provide`);
    return value;
  });
}

const compose = parse(interpolate(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;

function entryPointOf(service: Service): string {
  const command = service.command ?? [];
  expect(command.slice(0, 3)).toEqual(['node', '--import', 'tsx']);
  return command[3] as string;
}

function healthPortOf(service: Service): number {
  const match = /127\.0\.0\.1:(\d+)\/health/.exec((service.healthcheck?.test ?? []).join(' '));
  expect(match).not.toBeNull();
  return Number(match![1]);
}

describe('docker-compose.yml', () => {
  it('has PostgreSQL, the seven subgraphs and the gateway, each with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(['gateway', 'postgres', ...SUBGRAPH_NAMES].sort());
    for (const service of Object.values(services)) expect(service.healthcheck?.test.length).toBeGreaterThan(0);
  });

  it('builds an image whose Dockerfile installs from the lock file', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(services.gateway!.build).toBe('.');
  });

  it.each(SUBGRAPH_NAMES)('starts the %s subgraph from its own entry point, port and database server', (name) => {
    const service = services[name]!;
    expect(entryPointOf(service)).toBe(`subgraphs/${name}/index.ts`);
    expect(existsSync(path.join(ROOT, entryPointOf(service)))).toBe(true);
    const env = service.environment ?? {};
    for (const variable of Object.keys(env)) expect(CONFIG_VARIABLES).toContain(variable);
    const config = loadConfig(env, {}, 'subgraph');
    const own = config.subgraphs[name];
    expect(own.host).toBe('0.0.0.0');
    expect(service.expose).toEqual([String(own.port)]);
    expect(healthPortOf(service)).toBe(own.port);
    expect(own.store).toEqual({ kind: 'postgres', url: expect.stringContaining('@postgres:5432/'), database: `credit_graph_${name}` });
    expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('points the gateway at every subgraph by service name and port, over the committed supergraph', () => {
    const gateway = services.gateway!;
    expect(entryPointOf(gateway)).toBe('gateway/index.ts');
    const env = gateway.environment ?? {};
    for (const variable of Object.keys(env)) expect(CONFIG_VARIABLES).toContain(variable);
    const config = loadConfig(env, {}, 'gateway');
    expect(config.gateway.supergraph).toEqual({ mode: 'file', path: path.resolve('supergraph.graphql') });
    expect(existsSync(path.join(ROOT, 'supergraph.graphql'))).toBe(true);
    expect(gateway.ports).toEqual([`${config.gateway.port}:${config.gateway.port}`]);
    expect(healthPortOf(gateway)).toBe(config.gateway.port);
    for (const name of SUBGRAPH_NAMES) {
      const subgraphPort = loadConfig(services[name]!.environment ?? {}, {}, 'subgraph').subgraphs[name].port;
      expect(config.subgraphs[name].url).toBe(`http://${name}:${subgraphPort}/graphql`);
    }
  });

  it('makes the operator choose every key: no key is written in the file', () => {
    const raw = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
    expect(raw).toContain('CG_TOKEN_SECRET: ${CG_TOKEN_SECRET:?');
    expect(raw).toContain('CG_CONTEXT_PRIVATE_KEY: ${CG_CONTEXT_PRIVATE_KEY:?');
    expect(raw).toContain('CG_CONTEXT_PUBLIC_KEY: ${CG_CONTEXT_PUBLIC_KEY:?');
    expect(raw).not.toContain('BEGIN');
    for (const secret of Object.values(CALLER_ENV)) expect(raw).not.toContain(secret);
  });

  it.each(SUBGRAPH_NAMES)('gives the %s subgraph only the context public key, and it starts in production with it', (name) => {
    const env = services[name]!.environment ?? {};
    expect(env.NODE_ENV).toBe('production');
    expect(Object.keys(env).filter((variable) => SIGNING_KEYS.includes(variable) || variable.startsWith('CG_CONTEXT_'))).toEqual(['CG_CONTEXT_PUBLIC_KEY']);
    expect(loadConfig(env, {}, 'subgraph').auth).toMatchObject({
      key: { kind: 'none' },
      signingKeyPem: null,
      context: { privateKeyPem: null, publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY'), isDevelopmentKey: false },
    });
  });

  it.each(SUBGRAPH_NAMES)('never loads the demo dataset into the %s production store, and checks its readiness', (name) => {
    const service = services[name]!;
    const env = service.environment ?? {};
    expect(env.CG_AUTO_SEED).toBe('false');
    expect(Object.keys(env).filter((variable) => variable.startsWith('CG_DEMO_'))).toEqual([]);
    expect(loadConfig(env, {}, 'subgraph').demo.autoSeed).toBe(false);
    // Even without the line, production does not seed.
    const { CG_AUTO_SEED: _explicit, ...withoutIt } = env;
    expect(loadConfig(withoutIt, {}, 'subgraph').demo.autoSeed).toBe(false);
    expect((service.healthcheck?.test ?? []).join(' ')).toContain(`http://127.0.0.1:${loadConfig(env, {}, 'subgraph').subgraphs[name].port}/health/ready`);
  });

  it('gives the gateway the bearer-token key and the context private key, and it starts in production with them', () => {
    const env = services.gateway!.environment ?? {};
    expect(env.NODE_ENV).toBe('production');
    expect(Object.keys(env).filter((variable) => SIGNING_KEYS.includes(variable) || variable.startsWith('CG_CONTEXT_')).sort()).toEqual([
      'CG_CONTEXT_PRIVATE_KEY',
      'CG_TOKEN_SECRET',
    ]);
    expect(loadConfig(env, {}, 'gateway').auth).toMatchObject({
      key: { kind: 'secret', isDevelopmentDefault: false },
      context: { privateKeyPem: expect.stringContaining('BEGIN PRIVATE KEY'), isDevelopmentKey: false },
    });
  });

  it('gives the PostgreSQL user the subgraphs connect as', () => {
    const pg = services.postgres!.environment ?? {};
    const url = new URL(services.registry!.environment!.CG_DATABASE_URL!);
    expect(url.username).toBe(pg.POSTGRES_USER);
    expect(url.password).toBe(pg.POSTGRES_PASSWORD);
  });
});
