import { startIdentityProvider, DEVELOPMENT_PASSWORD, type IdentityProvider } from '../../identity/provider';
import { freePort } from '../../shared/ports';
import { startGateway, startSubgraphs, urlOverrides, post, testFetch, type RunningGraph } from '../support/graph';
import { signIn, startFakeIssuer, SITE, type FakeIssuer } from './flow';

/**
 * The gateway, in-process over the registry, trusting the development provider: a subject signed
 * in there reads its own record, and what the gateway answers when the provider's token cannot be
 * checked is a whole, stable 401, never a 500.
 */

// Each test builds a gateway of its own (a few seconds, more on a busy machine).
jest.setTimeout(30_000);

const GROUP = '9111010500088WXJ4C';
const QUERY = `query { subject(code: "${GROUP}") { code name } }`;

let provider: IdentityProvider;
let fake: FakeIssuer;
let graph: RunningGraph;

beforeAll(async () => {
  provider = await startIdentityProvider({ port: 0, siteOrigins: [SITE] });
  fake = await startFakeIssuer();
  graph = await startSubgraphs({}, { only: ['registry'] });
});

afterAll(async () => {
  await graph.close();
  await fake.close();
  await provider.close();
});

it('serves a subject signed in at the provider its own record', async () => {
  const gateway = await startGateway({ ...urlOverrides(graph.subgraphUrls), CG_OIDC_ISSUER: provider.issuer });
  try {
    const { accessToken } = await signIn(provider.issuer, GROUP, DEVELOPMENT_PASSWORD);
    const answer = await post(gateway.url, QUERY, {}, { authorization: `Bearer ${accessToken}`, 'x-inquiry-purpose': 'SELF_QUERY' });
    expect(answer).toEqual({ status: 200, body: { data: { subject: { code: GROUP, name: '北京诚昌控股集团有限公司' } } } });
  } finally {
    await gateway.app.close();
  }
});

it('answers 401 UNAUTHENTICATED, whole, to a kind the provider may not name', async () => {
  const gateway = await startGateway({ ...urlOverrides(graph.subgraphUrls), CG_OIDC_ISSUER: fake.url });
  try {
    const regulator = await fake.sign({ kind: 'REGULATOR', org: '11100000000013127D', grants: ['*:RESTRICTED'], statutory: true, purposes: ['SUPERVISION'], sub: 'inspector-7' });
    const answer = await post(gateway.url, QUERY, {}, { authorization: `Bearer ${regulator}`, 'x-inquiry-purpose': 'SUPERVISION' });
    expect(answer).toEqual({
      status: 401,
      body: {
        errors: [
          {
            message: "Authentication failed: the sign-in provider's tokens may name only SUBJECT, AUTHORITY principals (CG_OIDC_KINDS), not REGULATOR",
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      },
    });
  } finally {
    await gateway.app.close();
  }
});

it('answers 401 UNAUTHENTICATED with the reason, never a 500, while the provider is down: GraphQL and imports alike', async () => {
  const down = `http://127.0.0.1:${await freePort()}`;
  const gateway = await startGateway({ ...urlOverrides(graph.subgraphUrls), CG_OIDC_ISSUER: down });
  try {
    const token = await fake.sign({ kind: 'SUBJECT', org: GROUP, subject: GROUP, grants: [], purposes: ['SELF_QUERY'], sub: GROUP }, { issuer: down });
    const message = "Authentication failed: the token's issuer cannot be reached to check its signature (its discovery document could not be fetched); retry later";
    const answer = await post(gateway.url, QUERY, {}, { authorization: `Bearer ${token}`, 'x-inquiry-purpose': 'SELF_QUERY' });
    expect(answer).toEqual({ status: 401, body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] } });

    const upload = await testFetch(`${gateway.url}/imports/taxation/penalties`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: 'x\n',
    });
    expect({ status: upload.status, body: await upload.json() }).toEqual({ status: 401, body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] } });
  } finally {
    await gateway.app.close();
  }
});
