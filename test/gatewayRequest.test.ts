import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../shared/config';
import { CONTEXT_HEADER, ContextVerifier, GRANTS_EXTENSION, GRAPHQL_ROUTE, SUBJECT_GRANTS_ROUTE } from '../shared/auth/context';
import { principalFromClaims, type TokenClaims } from '../shared/auth/tokens';
import { subjectAt } from '../shared/generator/subjects';
import type { Requirement } from '../shared/policy/decide';
import type { Principal } from '../shared/policy/principal';
import { SUBGRAPH_MODULES } from '../subgraphs';
import type { Store } from '../shared/store';
import { AccessClient } from '../gateway/inquiry';
import { GatewayRequest } from '../gateway/request';
import { buildGateway } from '../gateway/server';
import { openTestStore, testDeps, TEST_CONTEXT, TEST_DATASET, TEST_SIGNER } from './support/stores';
import { callerHeaders, DEMO_BANK_CALLER, REGULATOR, SUPERGRAPH_FILE } from './support/graph';
import { DEMO_BANK } from '../subgraphs/access/dataset';

/**
 * The grants of one gateway request: looked up once for all its fetches, only when what it asks for
 * depends on them, and, when the access subgraph does not answer, none, said to be unavailable, so
 * that the subgraphs deny saying why.
 */

const SERVED = ['registry', 'finance', 'access'] as const;
type Served = (typeof SERVED)[number];

const stores = {} as Record<Served, Store>;
const apps = {} as Record<Served, FastifyInstance>;
const group = subjectAt(TEST_DATASET.seed, 0);
const firm = subjectAt(TEST_DATASET.seed, 1);
const third = subjectAt(TEST_DATASET.seed, 5);

const principalOf = (claims: TokenClaims): Principal => principalFromClaims({ ...claims, sub: claims.staff, staff: undefined });
const BANK = principalOf(DEMO_BANK_CALLER);
const CREDIT: Requirement = { category: 'finance.credit', level: 'RESTRICTED' };
const NO_GRANTS = { consents: [], applications: [] };

/** What went out to the subgraphs, by host: the path and the body of each call. */
let sent: Array<{ host: string; path: string; headers: Record<string, string>; body: string }> = [];
const grantsCalls = () => sent.filter((call) => call.path === SUBJECT_GRANTS_ROUTE).length;

/**
 * The gateway's `fetch`, routed to the in-process subgraph servers by host (`http://<name>.test/...`);
 * a host not served is refused as a closed port is.
 */
function routeTo(served: ReadonlySet<Served>): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const body = typeof init?.body === 'string' ? init.body : '';
    const name = url.hostname.replace(/\.test$/, '') as Served;
    sent.push({ host: name, path: url.pathname, headers: { ...(init?.headers as Record<string, string>) }, body });
    if (!served.has(name)) throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const response = await apps[name].inject({
      method: (init?.method ?? 'GET') as 'POST',
      url: url.pathname,
      headers: init?.headers as Record<string, string>,
      payload: body,
    });
    const headers = new Headers();
    for (const [header, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers.set(header, Array.isArray(value) ? value.join(', ') : String(value));
    }
    return new Response(response.body, { status: response.statusCode, headers });
  };
}

const urls = Object.fromEntries(SERVED.map((name) => [`CG_${name.toUpperCase()}_URL`, `http://${name}.test/graphql`]));

beforeAll(async () => {
  for (const name of SERVED) {
    stores[name] = await openTestStore(SUBGRAPH_MODULES[name]);
    apps[name] = await SUBGRAPH_MODULES[name].buildServer(testDeps(stores[name]));
  }
});

afterAll(async () => {
  for (const name of SERVED) {
    await apps[name]?.close();
    await stores[name]?.close();
  }
});

beforeEach(() => {
  sent = [];
});

describe('the grants of one request', () => {
  const access = () => new AccessClient('http://access.test/graphql', 5_000, TEST_SIGNER, routeTo(new Set(SERVED)));
  const silent = { warn: () => undefined };

  it('are looked up in one call for all its fetches, once per subject', async () => {
    const request = new GatewayRequest(BANK, 'LOAN_APPROVAL', { access: access(), log: silent });
    request.authorized({ disclosed: [CREDIT] });
    const [first, second, third_] = await Promise.all([
      request.grantsFor([group.code, firm.code]),
      request.grantsFor([group.code]),
      request.grantsFor([firm.code, third.code]),
    ]);
    expect(grantsCalls()).toBe(1);
    expect(JSON.parse(sent[0]?.body as string)).toEqual({ subjects: [group.code, firm.code, third.code] });
    expect(first).toEqual({
      subjects: {
        [group.code]: { consents: [expect.objectContaining({ subject: group.code, organization: DEMO_BANK, purpose: 'LOAN_APPROVAL' })], applications: [] },
        [firm.code]: NO_GRANTS,
      },
      unavailable: false,
    });
    expect(second).toEqual({ subjects: { [group.code]: first?.subjects[group.code] }, unavailable: false });
    expect(third_).toEqual({ subjects: { [firm.code]: NO_GRANTS, [third.code]: NO_GRANTS }, unavailable: false });

    expect(await request.grantsFor([group.code])).toEqual(second);
    expect(grantsCalls()).toBe(1);
  });

  it('are not looked up when nothing the operation asks for depends on them', async () => {
    const deps = { access: access(), log: silent };
    const notYetAuthorized = new GatewayRequest(BANK, 'LOAN_APPROVAL', deps);
    const sharedOnly = new GatewayRequest(BANK, 'LOAN_APPROVAL', deps);
    sharedOnly.authorized({ disclosed: [{ category: 'registry.identity', level: 'SHARED' }] });
    const statutory = new GatewayRequest(principalOf(REGULATOR), 'SUPERVISION', deps);
    statutory.authorized({ disclosed: [CREDIT] });
    const itself = new GatewayRequest(principalOf({ kind: 'SUBJECT', org: group.code, subject: group.code, grants: [], purposes: ['SELF_QUERY'] }), 'SELF_QUERY', deps);
    itself.authorized({ disclosed: [CREDIT] });
    const noPurpose = new GatewayRequest(BANK, null, deps);
    noPurpose.authorized({ disclosed: [CREDIT] });
    const withoutSubjects = new GatewayRequest(BANK, 'LOAN_APPROVAL', deps);
    withoutSubjects.authorized({ disclosed: [CREDIT] });

    for (const request of [notYetAuthorized, sharedOnly, statutory, itself, noPurpose]) {
      expect(request.needsGrants).toBe(false);
      expect(await request.grantsFor([group.code])).toBeNull();
    }
    expect(await withoutSubjects.grantsFor([])).toBeNull();
    expect(grantsCalls()).toBe(0);
  });

  it('are none, and said to be unavailable, when the access subgraph does not answer', async () => {
    const warnings: Array<[Record<string, unknown>, string]> = [];
    const down = new AccessClient('http://access.test/graphql', 5_000, TEST_SIGNER, routeTo(new Set(['registry', 'finance'])));
    const request = new GatewayRequest(BANK, 'LOAN_APPROVAL', { access: down, log: { warn: (details: Record<string, unknown>, message: string) => warnings.push([details, message]) } });
    request.authorized({ disclosed: [CREDIT] });
    expect(await Promise.all([request.grantsFor([group.code]), request.grantsFor([group.code, firm.code])])).toEqual([
      { subjects: { [group.code]: NO_GRANTS }, unavailable: true },
      { subjects: { [group.code]: NO_GRANTS, [firm.code]: NO_GRANTS }, unavailable: true },
    ]);
    // Not asked again within the request: it stays without grants, and says so.
    expect(await request.grantsFor([group.code])).toEqual({ subjects: { [group.code]: NO_GRANTS }, unavailable: true });
    expect(grantsCalls()).toBe(1);
    expect(warnings).toEqual([
      [{ requestId: request.id, reason: 'the access subgraph does not answer (TypeError)' }, 'subject grants could not be loaded; none is assumed'],
    ]);
  });
});

describe('a request through the gateway', () => {
  const BATCH = `query($codes: [ID!]!) { subjects(codes: $codes) { code finance { summary { accountCount } } } }`;
  const denied = (path: Array<string | number>, reason: string) => ({
    message: 'Unauthorized field or type',
    path,
    extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'finance.credit', level: 'RESTRICTED', reason, serviceName: 'finance' },
  });
  const NO_CONSENT = "requires the subject's authorization for finance.credit (purpose LOAN_APPROVAL), and none is in force";

  async function gatewayOver(served: ReadonlySet<Served>) {
    const config = loadConfig({}, { CG_SUPERGRAPH: SUPERGRAPH_FILE, ...urls });
    return buildGateway({ config, logger: false, subgraphFetch: routeTo(served) });
  }
  async function ask(app: FastifyInstance, query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
    const response = await app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ query, variables }) });
    return { status: response.statusCode, body: response.json<unknown>() };
  }

  it('looks up the grants of all its fetches in one call, and each subgraph decides each subject on its own', async () => {
    const { app } = await gatewayOver(new Set(SERVED));
    try {
      const response = await ask(app, BATCH, { codes: [group.code, firm.code] }, await callerHeaders(DEMO_BANK_CALLER, 'LOAN_APPROVAL'));
      expect(response).toEqual({
        status: 200,
        body: {
          data: { subjects: [{ code: group.code, finance: { summary: { accountCount: 4 } } }, { code: firm.code, finance: { summary: null } }] },
          errors: [denied(['subjects', 1, 'finance', 'summary'], NO_CONSENT)],
        },
      });
      expect(grantsCalls()).toBe(1);
      const extensionsToFinance = sent.filter((call) => call.host === 'finance').map((call) => (JSON.parse(call.body) as { extensions?: object }).extensions ?? {});
      expect(extensionsToFinance.map((extensions) => Object.keys(extensions))).toEqual([[GRANTS_EXTENSION]]);

      sent = [];
      const statutory = await ask(app, BATCH, { codes: [group.code] }, await callerHeaders(REGULATOR, 'SUPERVISION'));
      expect(statutory.body).toEqual({ data: { subjects: [{ code: group.code, finance: { summary: { accountCount: 4 } } }] } });
      expect(grantsCalls()).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('sends no grants, marked unavailable, when the access subgraph is down, and the subgraph denies saying so', async () => {
    const { app } = await gatewayOver(new Set(['registry', 'finance']));
    try {
      const query = `query($code: ID!) { subject(code: $code) { name finance { summary { accountCount } } } }`;
      const response = await ask(app, query, { code: group.code }, await callerHeaders(DEMO_BANK_CALLER, 'LOAN_APPROVAL'));
      expect(response).toEqual({
        status: 200,
        body: {
          data: { subject: { name: group.name, finance: { summary: null } } },
          errors: [denied(['subject', 'finance', 'summary'], `${NO_CONSENT} (the subject's authorizations could not be loaded, so none is assumed)`)],
        },
      });
      expect(grantsCalls()).toBe(1);
      // What finance received: the grants of the fetch's subject, none, marked unavailable, for this request.
      const toFinance = sent.filter((call) => call.host === 'finance');
      expect(toFinance).toHaveLength(1);
      const verifier = new ContextVerifier(TEST_CONTEXT.publicKeyPem, 'finance', TEST_CONTEXT.ttlSeconds);
      const { context } = await verifier.verify(toFinance[0]?.headers[CONTEXT_HEADER], GRAPHQL_ROUTE);
      const body = JSON.parse(toFinance[0]?.body as string) as { extensions: Record<string, unknown> };
      expect(await verifier.verifyGrants(body.extensions[GRANTS_EXTENSION], context.requestId)).toEqual({
        subjects: { [group.code]: NO_GRANTS },
        subjectsUnavailable: true,
      });
    } finally {
      await app.close();
    }
  });
});
