import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../shared/config';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { SUBGRAPH_MODULES } from '../subgraphs';
import { openStore, type Store } from '../shared/store';
import { prepareStore } from '../shared/subgraph/run';
import { buildGateway } from '../gateway/server';
import { signToken } from '../shared/auth/tokens';
import { subjectAt } from '../shared/generator/subjects';

/**
 * `npx tsx bench/resilience.ts`: what one hung sector costs a request, over real sockets and the
 * gateway's own undici pool. The seven subgraphs listen on ephemeral ports; taxation is replaced by a
 * server that accepts every request and never answers. Three gateways over them:
 * - "no deadline, no breaker" (the behaviour before: every request waits the 5 s fetch timeout);
 * - the defaults (deadline 10 s, timeout 5 s, breaker on): the first requests wait 5 s, then the
 *   breaker opens and requests fail fast;
 * - a 1 s request deadline.
 * Prints the latency of each, and of requests while the breaker is open, next to the same request
 * with every sector up.
 */

const portOf = (app: FastifyInstance) => (app.server.address() as AddressInfo).port;

async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const stores: Store[] = [];
  const apps: FastifyInstance[] = [];
  const urls: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const module = SUBGRAPH_MODULES[name];
    const store = await openStore(name, { kind: 'pglite', dataDir: null });
    await prepareStore(module, store, { kind: 'pglite', dataDir: null }, { seed: 2014, subjects: 20, autoSeed: true }, () => undefined);
    const app = await module.buildServer({
      store,
      limits: { subjectsBatchMax: 100, pageSizeDefault: 20, pageSizeMax: 100 },
      context: { publicKeyPem: loadConfig({}).auth.context.publicKeyPem as string, ttlSeconds: loadConfig({}).auth.context.ttlSeconds },
      logger: false,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    stores.push(store);
    apps.push(app);
    urls[`CG_${name.toUpperCase()}_URL`] = `http://127.0.0.1:${portOf(app)}/graphql`;
  }
  const healthyTaxation = urls.CG_TAXATION_URL as string;
  const hung = http.createServer(() => undefined);
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  urls.CG_TAXATION_URL = `http://127.0.0.1:${(hung.address() as AddressInfo).port}/graphql`;

  const base = { ...urls, CG_SUPERGRAPH: path.resolve(__dirname, '../supergraph.graphql'), CG_SUPERGRAPH_WATCH: 'false', LOG_LEVEL: 'silent' };
  const variants: Record<string, Record<string, string>> = {
    'every sector up (reference)': { CG_TAXATION_URL: healthyTaxation },
    'no deadline, no breaker (before)': { CG_REQUEST_DEADLINE_MS: '600000', CG_BREAKER_ENABLED: 'false' },
    'defaults (deadline 10 s, timeout 5 s, breaker on)': {},
    'request deadline 1 s, breaker off': { CG_REQUEST_DEADLINE_MS: '1000', CG_BREAKER_ENABLED: 'false' },
  };
  const config = loadConfig({}, base);
  const regulator = await signToken(
    config.auth,
    { kind: 'REGULATOR', org: '11100000000013127D', grants: ['*:RESTRICTED'], purposes: ['SUPERVISION'], statutory: true },
    3600,
  );
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${regulator}`, 'x-inquiry-purpose': 'SUPERVISION' };
  const body = JSON.stringify({ query: `{ subject(code: "${subjectAt(2014, 0).code}") { name taxation { latestGrade } ecommerce { shops { totalCount } } } }` });

  const timed = async (port: number): Promise<{ ms: number; errors: string[] }> => {
    const started = performance.now();
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers, body });
    const json = (await response.json()) as { errors?: Array<{ message: string }> };
    return { ms: performance.now() - started, errors: (json.errors ?? []).map((e) => e.message) };
  };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

  for (const [label, overrides] of Object.entries(variants)) {
    const gateway = await buildGateway({ config: loadConfig({}, { ...base, ...overrides }), logger: false });
    await gateway.app.listen({ host: '127.0.0.1', port: 0 });
    const port = portOf(gateway.app);
    // 10 concurrent requests: enough fetches for the breaker's volume threshold.
    const first = await Promise.all(Array.from({ length: 10 }, () => timed(port)));
    const after: number[] = [];
    let lastErrors: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const one = await timed(port);
      after.push(one.ms);
      lastErrors = one.errors;
      if (label.startsWith('no deadline') && i >= 1) break;
    }
    console.log(`${label}:`);
    console.log(`  10 concurrent requests: median ${median(first.map((r) => r.ms)).toFixed(0)} ms (${first[0]?.errors.join('; ')})`);
    console.log(`  then ${after.length} sequential: median ${median(after).toFixed(1)} ms, max ${Math.max(...after).toFixed(1)} ms (${lastErrors.join('; ')})`);
    await gateway.app.close();
  }
  hung.closeAllConnections();
  hung.close();
  for (const app of apps) await app.close();
  for (const store of stores) await store.close();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
