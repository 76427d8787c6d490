import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type StoreConfig } from '../shared/config';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { SUBGRAPH_MODULES } from '../subgraphs';
import { migrate, openStore, type Store } from '../shared/store';
import { prepareStore } from '../shared/subgraph/run';
import { recordSettingsOf } from '../shared/ingest/settings';
import { buildGateway } from '../gateway/server';
import { signToken, type TokenClaims } from '../shared/auth/tokens';
import { subjectAt } from '../shared/generator/subjects';
import { DEMO_BANK } from '../subgraphs/access/dataset';

/**
 * `npm run bench:report [-- --requests 60 --subjects 200] [-- --stores configured]`: the latency of
 * the whole credit report (operations/credit-report.graphql, the operation `GET /reports/<code>.pdf`
 * runs) through a gateway over every subgraph, for the demo group (records in every sector), as the
 * subject itself, as the bank it authorized and as the public; prints p50 and p95 per caller.
 * By default the stores are in-memory PGlite seeded with `--subjects` demo subjects; with
 * `--stores configured` they are the stores the environment configures (e.g. PostgreSQL loaded by
 * `npm run load -- --subjects 1000000`), migrated and never seeded. Requests go one at a time: the
 * figure is one report's latency, not throughput. Absolute numbers depend on the machine.
 */

const { values } = parseArgs({ options: { requests: { type: 'string' }, subjects: { type: 'string' }, stores: { type: 'string' } }, strict: true });
const REQUESTS = Number(values.requests ?? 60);
const SUBJECTS = Number(values.subjects ?? 200);
const CONFIGURED = values.stores === 'configured';

const OPERATION_FILE = path.resolve(__dirname, '../operations/credit-report.graphql');
/** Without the document's operation file: the report's header, inquiries, statement and every sector's summary and first records. */
const FALLBACK = `query CreditReport($code: ID!) {
  creditReport(code: $code) {
    id generatedAt requestedBy { kind institution } purpose selfReports { used charged } inquiries { institution date purpose } statement { text }
    subject {
      name listingSummary { ...S } abnormalOperationListings { totalCount nodes { ...E } }
      taxation { recordSummary { ...S } penalties { totalCount nodes { ...E } } }
      finance { recordSummary { ...S } creditAccounts { totalCount nodes { ...E classification } } }
      construction { recordSummary { ...S } badBehaviourRecords { totalCount nodes { ...E severity } } }
      ecommerce { recordSummary { ...S } counterfeitPenalties { totalCount nodes { ...E } } }
      healthcare { recordSummary { ...S } insuranceFundViolations { totalCount nodes { ...E } } }
    }
  }
}
fragment S on SectorSummary { recordsInForce negativeInForce underObjection repaired latestDecisionOn worstState }
fragment E on CreditRecord { documentNumber decisionDate sourceAuthority { name } objectionStatus repairStatus }`;

const portOf = (app: FastifyInstance) => (app.server.address() as AddressInfo).port;
const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  // The configured stores come from the environment; the in-memory run depends on nothing in it.
  const base = loadConfig(CONFIGURED ? process.env : {});
  const stores: Store[] = [];
  const apps: FastifyInstance[] = [];
  const urls: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const module = SUBGRAPH_MODULES[name];
    const storeConfig: StoreConfig = CONFIGURED ? base.subgraphs[name].store : { kind: 'pglite', dataDir: null };
    const store = await openStore(name, storeConfig);
    if (CONFIGURED) await migrate(store, module.migrations);
    else await prepareStore(module, store, storeConfig, { seed: 2014, subjects: SUBJECTS, autoSeed: true }, () => undefined);
    const app = await module.buildServer({
      store,
      limits: base.limits,
      context: { publicKeyPem: base.auth.context.publicKeyPem as string, ttlSeconds: base.auth.context.ttlSeconds },
      logger: false,
      records: recordSettingsOf(base.records),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    stores.push(store);
    apps.push(app);
    urls[`CG_${name.toUpperCase()}_URL`] = `http://127.0.0.1:${portOf(app)}/graphql`;
  }
  const config = loadConfig(CONFIGURED ? process.env : {}, { ...urls, CG_SUPERGRAPH: path.resolve(__dirname, '../supergraph.graphql'), LOG_LEVEL: 'silent', CG_RATE_LIMIT_RPS: 'off', CG_INQUIRY_QUOTA_DAILY: 'off' });
  const gateway = await buildGateway({ config, logger: false });
  await gateway.app.listen({ host: '127.0.0.1', port: 0 });

  const query = existsSync(OPERATION_FILE) ? readFileSync(OPERATION_FILE, 'utf8') : FALLBACK;
  const group = subjectAt(2014, 0).code;
  const self: TokenClaims = { kind: 'SUBJECT', org: group, subject: group, grants: [], purposes: ['SELF_QUERY'] };
  const bank: TokenClaims = { kind: 'CREDIT_SERVICE', org: DEMO_BANK, name: '中国工商银行上海市分行', grants: ['finance:RESTRICTED', 'registry:SHARED'], purposes: ['LOAN_APPROVAL'] };
  const callers: Array<[string, TokenClaims | null, string | null]> = [
    ['the subject itself', self, 'SELF_QUERY'],
    ['the bank it authorized', bank, 'LOAN_APPROVAL'],
    ['the public', null, null],
  ];
  process.stdout.write(`credit report of ${group}: ${existsSync(OPERATION_FILE) ? 'operations/credit-report.graphql' : 'the built-in report query'}, ` +
    `${CONFIGURED ? 'configured stores' : `in-memory PGlite, ${SUBJECTS} subjects`}, ${REQUESTS} requests per caller, one at a time\n`);
  const url = `http://127.0.0.1:${portOf(gateway.app)}/graphql`;
  for (const [who, claims, purpose] of callers) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (claims) headers.authorization = `Bearer ${await signToken(config.auth, claims, 3600)}`;
    if (purpose) headers['x-inquiry-purpose'] = purpose;
    const body = JSON.stringify({ query, variables: { code: group } });
    const ask = async () => {
      const response = await fetch(url, { method: 'POST', headers, body });
      const json = (await response.json()) as { data?: { creditReport?: unknown } };
      if (!json.data?.creditReport) throw new Error(`no report for ${who}: ${JSON.stringify(json).slice(0, 400)}`);
    };
    for (let i = 0; i < 5; i += 1) await ask(); // warm-up: plans cached, connections open
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i += 1) {
      const t0 = performance.now();
      await ask();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    process.stdout.write(`  ${who.padEnd(24)} p50 ${percentile(times, 50).toFixed(1)} ms   p95 ${percentile(times, 95).toFixed(1)} ms   max ${(times.at(-1) ?? NaN).toFixed(1)} ms\n`);
  }
  await gateway.app.close();
  for (const app of apps) await app.close();
  for (const store of stores) await store.close();
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
