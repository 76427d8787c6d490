import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SignJWT } from 'jose';
import { loadConfig, DEVELOPMENT_TOKEN_SECRET } from '../../shared/config';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/names';
import { SUBGRAPH_MODULES } from '../../subgraphs';
import type { Store } from '../../shared/store';
import type { RecordSettings } from '../../shared/records';
import { buildGateway } from '../../gateway/server';
import { signToken, type TokenClaims } from '../../shared/auth/tokens';
import { openTestStore, testDeps } from './stores';
import { serveInProcess, testFetch } from './inProcess';
import { DEMO_BANK } from '../../subgraphs/access/dataset';

export { testFetch };

export const SUPERGRAPH_FILE = path.resolve(__dirname, '../../supergraph.graphql');

export interface RunningGraph {
  readonly stores: Readonly<Record<SubgraphName, Store>>;
  readonly subgraphs: Readonly<Record<SubgraphName, FastifyInstance>>;
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  close(): Promise<void>;
}

export function urlOf(app: FastifyInstance, suffix = '/graphql'): string {
  const address = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}${suffix}`;
}

/**
 * How a test serves what it starts: in-process (the default; reached through `testFetch`, which the
 * tests' gateways send every subgraph call through), or on an ephemeral port of 127.0.0.1 for the
 * tests that are about the network itself (raw sockets, real connections, real processes).
 */
export interface Serving {
  readonly listen?: boolean;
}

async function serve(app: FastifyInstance, name: string, serving: Serving, suffix = ''): Promise<string> {
  if (!serving.listen) return `${serveInProcess(app, name)}${suffix}`;
  await app.listen({ host: '127.0.0.1', port: 0 });
  return urlOf(app, suffix);
}

/** All seven subgraphs, each on its own test store, in-process unless told to listen. */
export async function startSubgraphs(
  serving: Serving = {},
  options: {
    readonly records?: RecordSettings;
    /** Only these subgraphs (a test that reaches no other sector): the others' URLs refuse connections. */
    readonly only?: readonly SubgraphName[];
  } = {},
): Promise<RunningGraph> {
  const stores = {} as Record<SubgraphName, Store>;
  const subgraphs = {} as Record<SubgraphName, FastifyInstance>;
  const subgraphUrls = {} as Record<SubgraphName, string>;
  const names = options.only ?? SUBGRAPH_NAMES;
  for (const name of SUBGRAPH_NAMES) if (!names.includes(name)) subgraphUrls[name] = `http://127.0.0.1:9/${name}/graphql`;
  for (const name of names) {
    const module = SUBGRAPH_MODULES[name];
    stores[name] = await openTestStore(module);
    subgraphs[name] = await module.buildServer(testDeps(stores[name], options.records));
    subgraphUrls[name] = await serve(subgraphs[name], name, serving, '/graphql');
  }
  return {
    stores,
    subgraphs,
    subgraphUrls,
    async close() {
      for (const name of names) {
        await subgraphs[name].close();
        await stores[name].close();
      }
    },
  };
}

/**
 * A gateway over the committed supergraph file unless told otherwise, in-process unless told to
 * listen: `url` and `opsUrl` (its ops listener, `/health/subgraphs`) are for `post` and `testFetch`.
 * Its subgraph calls go through `testFetch`: to in-process subgraphs by inject, to any other URL over
 * the network. Closing `app` closes both.
 */
export async function startGateway(
  overrides: Record<string, string>,
  serving: Serving = {},
): Promise<{ app: FastifyInstance; url: string; opsUrl: string }> {
  // Every in-process test asks from one address: rate limits are off unless a test turns them on.
  const unlimited = { CG_RATE_LIMIT_RPS: 'off', CG_INQUIRY_QUOTA_DAILY: 'off', CG_AUTH_FAILURES_PER_MINUTE: '0' };
  const config = loadConfig({}, { CG_SUPERGRAPH: SUPERGRAPH_FILE, CG_GATEWAY_PORT: '4000', ...unlimited, ...overrides });
  const { app, ops } = await buildGateway({ config, logger: false, subgraphFetch: testFetch });
  const opsUrl = await serve(ops, 'gateway-ops', serving);
  return { app, url: await serve(app, 'gateway', serving), opsUrl };
}

export function urlOverrides(urls: Readonly<Partial<Record<SubgraphName, string>>>): Record<string, string> {
  return Object.fromEntries(Object.entries(urls).map(([name, url]) => [`CG_${name.toUpperCase()}_URL`, url]));
}

export async function post(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const response = await testFetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<Record<string, unknown>> } };
}

/**
 * Headers of a caller holding `claims`, signed with the development key the tests' gateways use. A
 * lifetime of zero or less gives a token issued an hour ago that has expired since (signToken itself
 * refuses to sign one).
 */
export async function callerHeaders(claims: TokenClaims, purpose?: string, ttlSeconds = 600): Promise<Record<string, string>> {
  const auth = loadConfig({}).auth;
  let token: string;
  if (ttlSeconds > 0) {
    token = await signToken(auth, claims, ttlSeconds);
  } else {
    const now = Math.floor(Date.now() / 1000);
    const { staff, ...rest } = claims;
    token = await new SignJWT({ ...rest, ...(staff ? { sub: staff } : {}), iat: now - 3600, exp: now + ttlSeconds })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(auth.issuer)
      .setAudience(auth.audience)
      .sign(new TextEncoder().encode(DEVELOPMENT_TOKEN_SECRET));
  }
  return { authorization: `Bearer ${token}`, ...(purpose ? { 'x-inquiry-purpose': purpose } : {}) };
}

/** The README's tax bureau: shared tax and registry records, for approvals and supervision. */
export const TAX_BUREAU: TokenClaims = {
  kind: 'GOVERNMENT',
  org: '11110000000029373Q',
  name: '国家税务总局北京市税务局',
  staff: 'clerk-12',
  grants: ['tax:SHARED', 'registry:SHARED'],
  purposes: ['ADMINISTRATIVE_APPROVAL', 'SUPERVISION'],
};

/** The README's demo bank: the demo group authorized it (seeded) to query its credit records for loan approval. */
export const DEMO_BANK_CALLER: TokenClaims = {
  kind: 'CREDIT_SERVICE',
  org: DEMO_BANK,
  name: '中国工商银行上海市分行',
  staff: 'loan-officer-3',
  grants: ['finance:RESTRICTED', 'registry:SHARED', 'access.application:SHARED'],
  purposes: ['LOAN_APPROVAL', 'POST_LOAN_MANAGEMENT'],
};

/** A regulator with a statutory power over every category up to RESTRICTED. */
export const REGULATOR: TokenClaims = {
  kind: 'REGULATOR',
  org: '11100000000013127D',
  name: '国家金融监督管理总局',
  staff: 'inspector-7',
  grants: ['*:RESTRICTED'],
  purposes: ['SUPERVISION'],
  statutory: true,
};
