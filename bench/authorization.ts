import autocannon from 'autocannon';
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadConfig } from '../shared/config';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { SUBGRAPH_MODULES } from '../subgraphs';
import { openStore, type Store } from '../shared/store';
import { prepareStore } from '../shared/subgraph/run';
import { buildGateway } from '../gateway/server';
import { signToken } from '../shared/auth/tokens';
import { subjectAt } from '../shared/generator/subjects';

/**
 * `npm run bench:authorization [-- --seconds 10 --connections 16 --subjects 400]`: the same mixed
 * workload through two gateways over the same subgraphs, one enforcing field authorization and one
 * without it, measured in alternating rounds on the same machine; prints requests/s, p50 and p95 and
 * the ratio. Absolute numbers depend on the machine; the ratio is the figure to watch.
 */

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const SECONDS = arg('seconds', 10);
const CONNECTIONS = arg('connections', 16);
const SUBJECTS = arg('subjects', 400);
const ROUNDS = arg('rounds', 2);

const portOf = (app: FastifyInstance) => (app.server.address() as AddressInfo).port;

async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const stores: Store[] = [];
  const apps: FastifyInstance[] = [];
  const urls: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const module = SUBGRAPH_MODULES[name];
    const store = await openStore(name, { kind: 'pglite', dataDir: null });
    await prepareStore(module, store, { kind: 'pglite', dataDir: null }, { seed: 2014, subjects: SUBJECTS, autoSeed: true }, () => undefined);
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
  const config = loadConfig({}, { ...urls, CG_SUPERGRAPH: path.resolve(__dirname, '../supergraph.graphql'), LOG_LEVEL: 'silent', CG_RATE_LIMIT_RPS: 'off', CG_INQUIRY_QUOTA_DAILY: 'off' });
  const enforcing = await buildGateway({ config, logger: false });
  const open = await buildGateway({ config, logger: false, unsafeWithoutAuthorization: true });
  await enforcing.app.listen({ host: '127.0.0.1', port: 0 });
  await open.app.listen({ host: '127.0.0.1', port: 0 });

  const regulator = await signToken(
    config.auth,
    { kind: 'REGULATOR', org: '11100000000013127D', grants: ['*:RESTRICTED'], purposes: ['SUPERVISION'], statutory: true },
    3600,
  );
  const codes = Array.from({ length: 10 }, (_, i) => subjectAt(2014, i * 7).code);
  const group = subjectAt(2014, 0).code;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${regulator}`, 'x-inquiry-purpose': 'SUPERVISION' };
  const workload = [
    `{ subject(code: "${group}") { name finance { summary { accountCount } creditAccounts(first: 3) { nodes { balance classification } } } taxation { latestGrade } construction { badBehaviourRecords { nodes { severity } } } ecommerce { shops { totalCount } } healthcare { insuranceFundViolations { totalCount } } } }`,
    `{ subjects(codes: ${JSON.stringify(codes)}) { code name taxation { creditRatings(first: 2) { nodes { year grade } } } } }`,
    `{ searchOrganizations(query: "北京", first: 10) { totalCount nodes { code name status } } }`,
    `fragment R on CreditRecord { decisionDate documentNumber } { subject(code: "${group}") { registrationAuthority abnormalOperationListings { nodes { ...R reason } } } }`,
  ].map((query) => ({ method: 'POST' as const, path: '/graphql', headers, body: JSON.stringify({ query }) }));

  // Both must answer the workload identically before anything is measured.
  for (const request of workload) {
    const [a, b] = await Promise.all(
      [enforcing, open].map(async (g) => (await fetch(`http://127.0.0.1:${portOf(g.app)}/graphql`, { method: 'POST', headers, body: request.body })).text()),
    );
    if (a !== b) throw new Error(`the two gateways answer differently:\n${a}\n${b}`);
  }

  const results: Record<'on' | 'off', { requests: number; seconds: number; latencies: number[] }> = {
    on: { requests: 0, seconds: 0, latencies: [] },
    off: { requests: 0, seconds: 0, latencies: [] },
  };
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [label, gateway] of [['on', enforcing], ['off', open]] as const) {
      const latencies = results[label].latencies;
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          { url: `http://127.0.0.1:${portOf(gateway.app)}`, connections: CONNECTIONS, duration: SECONDS, requests: workload },
          (error: unknown, r) => (error ? reject(error instanceof Error ? error : new Error('autocannon failed')) : resolve(r)),
        );
        instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
      });
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${label}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
      results[label].requests += result.requests.total;
      results[label].seconds += result.duration;
    }
  }
  const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  const summary = (label: 'on' | 'off') => {
    const { requests, seconds, latencies } = results[label];
    const sorted = [...latencies].sort((a, b) => a - b);
    return { rps: requests / seconds, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
  };
  const on = summary('on');
  const off = summary('off');
  const line = (label: string, s: typeof on) => `${label.padEnd(22)} ${s.rps.toFixed(0).padStart(8)} req/s   p50 ${s.p50.toFixed(1).padStart(6)} ms   p95 ${s.p95.toFixed(1).padStart(6)} ms`;
  process.stdout.write(
    [
      `mixed workload (${workload.length} operations), ${CONNECTIONS} connections, ${ROUNDS} x ${SECONDS} s per side, ${SUBJECTS} subjects`,
      line('authorization on', on),
      line('authorization off', off),
      `throughput ratio on/off: ${(on.rps / off.rps).toFixed(3)}   p50 ratio on/off: ${(on.p50 / off.p50).toFixed(3)}`,
      '',
    ].join('\n'),
  );
  await enforcing.app.close();
  await open.app.close();
  for (const app of apps) await app.close();
  for (const store of stores) await store.close();
  process.exit(0);
}

void main();
