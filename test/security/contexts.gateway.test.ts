import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../subgraphs/names';
import { SUBGRAPH_MODULES } from '../../subgraphs';
import type { Store } from '../../shared/store';
import { CONTEXT_HEADER } from '../../shared/auth/context';
import { openTestStore, testDeps } from '../support/stores';
import { startGateway, urlOf, urlOverrides, callerHeaders } from '../support/graph';

/**
 * Over real HTTP, end to end: the gateway and the subgraphs listen, and what goes between them
 * passes a recording proxy. The gateway signs every subgraph fetch itself, for that subgraph and that body: the schema loading
 * of IntrospectAndCompose (through its data sources), the ops probe and the operations. What an
 * eavesdropper captures between them answers only the very same fetch.
 */

const stores = {} as Record<SubgraphName, Store>;
const subgraphs = {} as Record<SubgraphName, FastifyInstance>;
const urls = {} as Record<SubgraphName, string>;
/** What went from the gateway to finance: through a proxy that records each fetch. */
const captured: Array<{ context: string; body: string }> = [];
let proxy: Server;
let gateway: { app: FastifyInstance; url: string; opsUrl: string };

beforeAll(async () => {
  // The worker's stores, opened ahead (test/support/environment.ts): what is tested here is the signing, not the data.
  await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      stores[name] = await openTestStore(SUBGRAPH_MODULES[name]);
      subgraphs[name] = await SUBGRAPH_MODULES[name].buildServer(testDeps(stores[name]));
      await subgraphs[name].listen({ host: '127.0.0.1', port: 0 });
      urls[name] = urlOf(subgraphs[name]);
    }),
  );
  proxy = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    const relay = async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      captured.push({ context: String(request.headers[CONTEXT_HEADER]), body });
      const answer = await fetch(urls.finance, { method: 'POST', headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: String(request.headers[CONTEXT_HEADER]) }, body });
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
    };
    request.on('end', () => void relay());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql`;
  gateway = await startGateway({ ...urlOverrides({ ...urls, finance: proxyUrl }), CG_SUPERGRAPH: 'compose', CG_SUPERGRAPH_POLL_MS: '600000' }, { listen: true });
});

afterAll(async () => {
  await gateway?.app.close();
  await new Promise((resolve) => proxy?.close(resolve));
  for (const name of SUBGRAPH_NAMES) {
    await subgraphs[name]?.close();
    await stores[name]?.close();
  }
});

async function replay(url: string, context: string, body: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: context }, body });
  return { status: response.status, body: await response.json() };
}
const refused = (message: string) => ({ status: 401, body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] } });

describe('the gateway signs each fetch for its subgraph and body', () => {
  it('composes the supergraph from the running subgraphs (IntrospectAndCompose fetches are signed for their body), and probes each for ops with a context made for it', async () => {
    expect(await fetch(`${gateway.url}/health`).then(async (r) => ({ status: r.status, body: await r.json() }))).toEqual({ status: 200, body: { status: 'ok' } });
    // The composed supergraph names every subgraph, and each answers the ops probe signed for it. A
    // probe gives a subgraph 2 s, and finance answers through the relay above: on a machine busy with
    // the other worker's processes it is asked again (twice at most), as ops would; a probe refused
    // for its context is down every time.
    const probe = async () => {
      const response = await fetch(`${gateway.opsUrl}/health/subgraphs`);
      return { status: response.status, body: (await response.json()) as { status: string } };
    };
    let health = await probe();
    for (let again = 0; again < 2 && health.status !== 200; again += 1) health = await probe();
    expect(health).toEqual({
      status: 200,
      body: { status: 'ok', subgraphs: Object.fromEntries([...SUBGRAPH_NAMES].sort().map((name) => [name, 'up'])) },
    });
  });

  it('answers an operation through the subgraphs', async () => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // A well-formed code of no subject in the dataset: the registry is asked and answers null.
      body: JSON.stringify({ query: '{ subject(code: "91310000MA1K4CFR0T") { code name } }' }),
    });
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { data: { subject: null } } });
  });
});

describe('only a purpose the principal holds is ever signed', () => {
  const PUBLIC_QUERY = JSON.stringify({ query: '{ searchOrganizations(query: "北京") { totalCount } }' });
  const ask = async (headers: Record<string, string>) => {
    const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: PUBLIC_QUERY });
    return { status: response.status, body: await response.json() };
  };
  // The gateway refuses the purpose before it signs anything, even for public data.
  const refused = (allowed: string) => ({
    status: 403,
    body: { errors: [{ message: `Purpose "SUPERVISION" is not allowed for this caller; allowed: ${allowed}`, extensions: { code: 'PURPOSE_NOT_ALLOWED' } }] },
  });

  it('refuses the public stating a purpose, for public data too', async () => {
    expect(await ask({ 'x-inquiry-purpose': 'SUPERVISION' })).toEqual(refused('none'));
  });

  it('refuses a bank stating a purpose it does not hold, for public data too', async () => {
    const bank = { kind: 'CREDIT_SERVICE', org: '91310000132209224R', grants: ['finance:RESTRICTED'], purposes: ['LOAN_APPROVAL'] } as const;
    expect(await ask(await callerHeaders({ ...bank, grants: [...bank.grants], purposes: [...bank.purposes] }, 'SUPERVISION'))).toEqual(refused('LOAN_APPROVAL'));
  });
});

describe('a context captured between the gateway and a subgraph', () => {
  const schemaFetch = () => {
    const found = captured.find((c) => c.body.includes('_service'));
    if (!found) throw new Error('the gateway sent finance no schema fetch');
    return found;
  };

  it('answers only the very same fetch, within seconds', async () => {
    const { context, body } = schemaFetch();
    const response = await replay(urls.finance, context, body);
    expect(response.status).toBe(200);
    expect((response.body as { data: { _service: { sdl: string } } }).data._service.sdl).toContain('type FinanceProfile');
  });

  it('is refused with another body', async () => {
    const { context } = schemaFetch();
    const body = JSON.stringify({ query: 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', variables: { r: [{ __typename: 'Subject', code: '9111010500088WXJ4C' }] } });
    expect(await replay(urls.finance, context, body)).toEqual(refused('the request body is not the one the signed request context was made for'));
  });

  it.each(SUBGRAPH_NAMES.filter((name) => name !== 'finance'))('is refused by the %s subgraph', async (name) => {
    const { context, body } = schemaFetch();
    expect(await replay(urls[name], context, body)).toEqual(refused('the signed request context is for another subgraph'));
  });

  it("is refused on the access subgraph's gateway-only routes", async () => {
    const { context, body } = schemaFetch();
    expect(await replay(new URL('/internal/subject-grants', urls.access).toString(), context, body)).toEqual(refused('the signed request context is for another subgraph'));
  });
});
