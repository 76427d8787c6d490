import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../shared/config';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { promtool, withPromtool } from './support/metrics';
import { SERVICE_NODE_FLAGS } from '../shared/supervisor';
import { buildServices } from '../scripts/serviceBuild';

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
  image?: string;
  volumes?: string[];
}

/** An operator's own context key pair, one line each (`\n` escapes), as an env file would hold it. */
const contextKeys = generateKeyPairSync('ed25519');
const oneLine = (pem: string | Buffer) => String(pem).trim().replace(/\n/g, '\\n');

/** What `docker compose` does with `${VAR:?message}`: the variable must come from the caller's environment. */
const CALLER_ENV: Record<string, string> = {
  CG_TOKEN_SECRET: 'a-secret-the-operator-sets-of-32-characters-at-least',
  CG_CONTEXT_PRIVATE_KEY: oneLine(contextKeys.privateKey.export({ type: 'pkcs8', format: 'pem' })),
  CG_CONTEXT_PUBLIC_KEY: oneLine(contextKeys.publicKey.export({ type: 'spki', format: 'pem' })),
  GRAFANA_ADMIN_PASSWORD: 'a-password-the-operator-chooses',
};

/** The standard OpenTelemetry variables the services get (read by the SDK, not by shared/config.ts). */
const OTEL_VARIABLES = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_SERVICE_NAME', 'OTEL_TRACES_EXPORTER'];
/** The graph's own services, which run the code and whose variables the config module reads. */
const GRAPH_SERVICES = ['gateway', ...SUBGRAPH_NAMES];
const OBSERVABILITY_SERVICES = ['prometheus', 'jaeger', 'grafana'];

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

/** The TypeScript entry point a service runs, compiled (the image's `dist/`, from `npm run build`). */
function entryPointOf(service: Service): string {
  const command = service.command ?? [];
  expect(command.slice(0, 2)).toEqual(['node', '--enable-source-maps']);
  expect(command[2]).toMatch(/^dist\/.+\.js$/);
  expect(command).toHaveLength(3);
  return (command[2] as string).replace(/^dist\//, '').replace(/\.js$/, '.ts');
}

function healthPortOf(service: Service): number {
  const match = /127\.0\.0\.1:(\d+)\/health/.exec((service.healthcheck?.test ?? []).join(' '));
  expect(match).not.toBeNull();
  return Number(match![1]);
}

describe('docker-compose.yml', () => {
  it('has PostgreSQL, the seven subgraphs, the gateway, Redis for its rate limits, Prometheus, Jaeger and Grafana, each with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(['gateway', 'postgres', ...SUBGRAPH_NAMES, ...OBSERVABILITY_SERVICES, 'redis'].sort());
    for (const service of Object.values(services)) expect(service.healthcheck?.test.length).toBeGreaterThan(0);
  });

  it('builds an image whose Dockerfile installs from the lock file', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(services.gateway!.build).toBe('.');
  });

  it('compiles the services into the image, where every command finds its compiled entry point', async () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const image = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(dockerfile.slice(0, dockerfile.lastIndexOf('\nFROM '))).toMatch(/^RUN npm run build\b/m);
    expect(image).toContain('COPY --from=build /app/dist ./dist');
    const dist = mkdtempSync(path.join(tmpdir(), 'cg-dist-'));
    try {
      await buildServices(dist);
      for (const name of GRAPH_SERVICES) expect(existsSync(path.join(dist, (services[name]!.command?.[2] as string).replace(/^dist\//, '')))).toBe(true);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it("runs every service in the image with the Node flags npm start gives them", () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    const image = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(/NODE_OPTIONS=(\S+)/.exec(image)?.[1]?.split(/\s+/)).toEqual([...SERVICE_NODE_FLAGS]);
    for (const service of Object.values(services)) expect(service.environment?.NODE_OPTIONS).toBeUndefined();
  });

  it.each(SUBGRAPH_NAMES)('starts the %s subgraph from its own entry point, port and database server', (name) => {
    const service = services[name]!;
    expect(entryPointOf(service)).toBe(`subgraphs/${name}/index.ts`);
    expect(existsSync(path.join(ROOT, entryPointOf(service)))).toBe(true);
    const env = service.environment ?? {};
    for (const variable of Object.keys(env)) expect([...CONFIG_VARIABLES, ...OTEL_VARIABLES]).toContain(variable);
    const config = loadConfig(env, {}, 'subgraph');
    const own = config.subgraphs[name];
    expect(own.host).toBe('0.0.0.0');
    expect(config.subgraphOps[name].host).toBe('0.0.0.0');
    expect(service.expose).toEqual([String(own.port), String(config.subgraphOps[name].port)]);
    expect(service.ports).toBeUndefined();
    expect(healthPortOf(service)).toBe(own.port);
    expect(own.store).toEqual({ kind: 'postgres', url: expect.stringContaining('@postgres:5432/'), database: `credit_graph_${name}`, poolMax: 4 });
    expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('points the gateway at every subgraph by service name and port, over the committed supergraph', () => {
    const gateway = services.gateway!;
    expect(entryPointOf(gateway)).toBe('gateway/index.ts');
    const env = gateway.environment ?? {};
    for (const variable of Object.keys(env)) expect([...CONFIG_VARIABLES, ...OTEL_VARIABLES]).toContain(variable);
    const config = loadConfig(env, {}, 'gateway');
    expect(config.gateway.ops.host).toBe('0.0.0.0');
    expect(gateway.expose).toEqual([String(config.gateway.port), String(config.gateway.ops.port)]);
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

  it.each(GRAPH_SERVICES)('sends the traces of %s to Jaeger over OTLP under its own service name', (name) => {
    const env = services[name]!.environment ?? {};
    expect(Object.fromEntries(OTEL_VARIABLES.map((v) => [v, env[v]]))).toEqual({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318',
      OTEL_SERVICE_NAME: name,
      OTEL_TRACES_EXPORTER: 'otlp',
    });
    expect(services.jaeger!.expose).toEqual(expect.arrayContaining(['4317', '4318']));
  });

  it('publishes the graph port to every interface and nothing else: no ops port, the UIs on loopback only', () => {
    const published = Object.entries(services).flatMap(([name, service]) => (service.ports ?? []).map((p) => `${name} ${p}`));
    expect(published.sort()).toEqual(['gateway 4000:4000', 'grafana 127.0.0.1:3000:3000', 'jaeger 127.0.0.1:16686:16686', 'prometheus 127.0.0.1:9090:9090']);
  });

  describe('Prometheus', () => {
    const prometheus = services.prometheus!;
    const configFile = path.join(ROOT, 'ops/prometheus/prometheus.yml');
    const promConfig = parse(readFileSync(configFile, 'utf8')) as {
      rule_files?: string[];
      scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }>;
    };

    it('reads ops/prometheus as its configuration folder', () => {
      expect(prometheus.volumes).toContain('./ops/prometheus:/etc/prometheus:ro');
      expect(prometheus.command).toContain('--config.file=/etc/prometheus/prometheus.yml');
    });

    it("scrapes every service's ops port as the compose file configures it, and no graph port", () => {
      const targets = Object.fromEntries(promConfig.scrape_configs.map((job) => [job.job_name, job.static_configs.flatMap((c) => c.targets)]));
      const expected: Record<string, string[]> = {
        gateway: [`gateway:${loadConfig(services.gateway!.environment ?? {}, {}, 'gateway').gateway.ops.port}`],
      };
      for (const name of SUBGRAPH_NAMES) {
        expected[name] = [`${name}:${loadConfig(services[name]!.environment ?? {}, {}, 'subgraph').subgraphOps[name].port}`];
      }
      expect(targets).toEqual(expected);
    });

    withPromtool('passes promtool check config, with its alert rules', async () => {
      const result = promtool(['check', 'config', configFile]);
      expect(result.status).toBe(0);
      expect(result.output).toContain(`SUCCESS: ${promConfig.rule_files?.length} rule files found`);
    });
  });

  describe('Grafana', () => {
    const grafana = services.grafana!;
    const dashboardFiles = ['credit-graph.json'];
    const dashboards = dashboardFiles.map(
      (file) => JSON.parse(readFileSync(path.join(ROOT, 'ops/grafana/dashboards', file), 'utf8')) as { panels: Array<{ type: string; title: string; datasource?: { uid: string }; targets?: Array<{ expr: string }> }> },
    );
    const datasources = parse(readFileSync(path.join(ROOT, 'ops/grafana/provisioning/datasources/datasources.yml'), 'utf8')) as {
      datasources: Array<{ uid: string; url: string }>;
    };

    it('is provisioned with the Prometheus and Jaeger data sources and the dashboards folder', () => {
      expect(grafana.volumes).toEqual(expect.arrayContaining(['./ops/grafana/provisioning:/etc/grafana/provisioning:ro', './ops/grafana/dashboards:/etc/grafana/dashboards:ro']));
      const provider = parse(readFileSync(path.join(ROOT, 'ops/grafana/provisioning/dashboards/dashboards.yml'), 'utf8')) as { providers: Array<{ options: { path: string } }> };
      expect(provider.providers.map((p) => p.options.path)).toEqual(['/etc/grafana/dashboards']);
      expect(Object.fromEntries(datasources.datasources.map((d) => [d.uid, d.url]))).toEqual({ prometheus: 'http://prometheus:9090', jaeger: 'http://jaeger:16686' });
      expect(grafana.environment?.GF_AUTH_ANONYMOUS_ENABLED).toBe('false');
      expect(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')).toContain('GF_SECURITY_ADMIN_PASSWORD: ${GRAFANA_ADMIN_PASSWORD:?');
    });

    it('has a dashboard whose every panel queries a provisioned data source', () => {
      const panels = dashboards.flatMap((d) => d.panels).filter((p) => p.type !== 'row');
      expect(panels.length).toBeGreaterThan(10);
      for (const panel of panels) {
        expect({ panel: panel.title, uid: panel.datasource?.uid }).toEqual({ panel: panel.title, uid: 'prometheus' });
        expect(panel.targets?.length).toBeGreaterThan(0);
      }
      const titles = panels.map((p) => p.title.toLowerCase()).join(' | ');
      for (const topic of ['request rate', 'latency', 'error', 'denials', 'inquiry record', 'circuit breaker', 'rate-limit', 'shed']) expect(titles).toContain(topic);
    });

    // That every metric the dashboard and the alerts query is in the real exposition is checked where a
    // graph already runs with traffic (test/metrics.test.ts): this file also runs in the scaffold
    // check, without warm stores.
  });
});
