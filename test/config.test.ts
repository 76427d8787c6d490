import path from 'node:path';
import { loadConfig, ConfigError } from '../shared/config';

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
    });
    expect(config.subgraphs.taxation.store).toEqual({ kind: 'postgres', url: 'postgresql://tax@tax-db:5433/tax_store', database: 'tax_store' });
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
