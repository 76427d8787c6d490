import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../shared/config';
import { createVerifier } from '../../shared/auth/tokens';
import { buildGateway } from '../../gateway/server';
import { contentSecurityPolicy, siteConfigOf } from '../../gateway/web';
import { demoPrincipals } from '../../shared/auth/demoPrincipals';
import { SUPERGRAPH_FILE, testFetch } from '../support/graph';
import { rawRequest } from '../support/rawHttp';

/**
 * The gateway serving the web front ends (gateway/web.ts) over real HTTP: the site's pages and its
 * client-side routes, the explorer, hashed assets, `/site-config.json`, the security and cache
 * headers, 404s in the gateway's error shape for everything else (no listing, no way out of the
 * build folder), the development principals' route only where it belongs, a browser's GET of
 * `/graphql`, and a gateway whose front ends are not built. The front ends here are a small fixture
 * build (what the pages hold does not matter here); no subgraph runs.
 */

let dir: string;
let dist: string;
const SITE_HTML = '<!doctype html><html lang="zh-CN"><head><title>site</title></head><body><div id="root"></div></body></html>\n';
const EXPLORER_HTML = '<!doctype html><html lang="en"><head><title>explorer</title></head><body><div id="explorer"></div></body></html>\n';
const ASSET_JS = 'console.log("asset");\n';
const SECRET = 'SECRET-OUTSIDE-THE-BUILD-FOLDER';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cg-web-'));
  dist = path.join(dir, 'dist');
  mkdirSync(path.join(dist, 'assets'), { recursive: true });
  mkdirSync(path.join(dist, 'explorer'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), SITE_HTML);
  writeFileSync(path.join(dist, 'explorer', 'index.html'), EXPLORER_HTML);
  writeFileSync(path.join(dist, 'assets', 'site-Ab12Cd34.js'), ASSET_JS);
  writeFileSync(path.join(dist, 'assets', '.hidden'), SECRET);
  writeFileSync(path.join(dist, 'build-stamp.json'), SECRET);
  writeFileSync(path.join(dir, 'secret.txt'), SECRET);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Served {
  readonly app: FastifyInstance;
  readonly port: number;
  readonly config: Config;
}

const served: Served[] = [];
afterAll(async () => {
  for (const s of served) await s.app.close();
});

/** A gateway on an ephemeral port of 127.0.0.1 serving `webRoot`, with these configuration variables. */
async function gateway(env: Record<string, string> = {}, webRoot = dist): Promise<Served> {
  const config = loadConfig({}, { CG_SUPERGRAPH: SUPERGRAPH_FILE, CG_RATE_LIMIT_RPS: 'off', ...env });
  const { app } = await buildGateway({ config, logger: false, subgraphFetch: testFetch, webRoot });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const s = { app, port: (app.server.address() as AddressInfo).port, config };
  served.push(s);
  return s;
}

function productionKeys(): Record<string, string> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    NODE_ENV: 'production',
    CG_TOKEN_SECRET: 'a-production-token-secret-of-at-least-thirty-two-chars',
    CG_CONTEXT_PRIVATE_KEY: String(privateKey.export({ type: 'pkcs8', format: 'pem' })),
    CG_CONTEXT_PUBLIC_KEY: String(publicKey.export({ type: 'spki', format: 'pem' })),
  };
}

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const SECURITY_HEADERS = {
  'content-security-policy': EXPECTED_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

const notFound = (target: string) => ({ errors: [{ message: `No route GET ${target}`, extensions: { code: 'NOT_FOUND' } }] });

/** The headers of every response of the public listener that is not a web page. */
const API_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** A response's status, body and the headers named in `expected`, for one whole comparison. */
const answerOf = (response: { status: number; body: unknown; headers: Readonly<Record<string, string>> }, expected: Record<string, unknown>) => ({
  status: response.status,
  body: response.body,
  headers: Object.fromEntries(Object.keys(expected).map((name) => [name, response.headers[name]])),
});

let dev: Served;
beforeAll(async () => {
  dev = await gateway();
});

describe('the site and the explorer', () => {
  it.each(['/', '/me', '/me/', '/me/records/finance', '/desk', '/desk/objections/42', '/signin/callback', '/signin/callback?code=abc&state=xyz'])(
    'answers %s with the site page, revalidated every time, under the security headers',
    async (target) => {
      const response = await rawRequest(dev.port, 'GET', target);
      expect(response.status).toBe(200);
      expect(response.body).toBe(SITE_HTML);
      expect(response.headers).toMatchObject({ ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    },
  );

  it.each(['/explorer', '/explorer/'])('answers %s with the explorer page', async (target) => {
    const response = await rawRequest(dev.port, 'GET', target);
    expect(response.status).toBe(200);
    expect(response.body).toBe(EXPLORER_HTML);
    expect(response.headers).toMatchObject({ ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
  });

  it('serves a hashed asset cached for a year, immutable, with its type', async () => {
    const response = await rawRequest(dev.port, 'GET', '/assets/site-Ab12Cd34.js');
    expect(response.status).toBe(200);
    expect(response.body).toBe(ASSET_JS);
    expect(response.headers).toMatchObject({
      ...SECURITY_HEADERS,
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
    });
  });

  it('tells the site its configuration: the GraphQL path, no sign-in until a provider is configured, the explorer', async () => {
    const response = await rawRequest(dev.port, 'GET', '/site-config.json');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ graphqlPath: '/graphql', oidc: null, explorerPath: '/explorer' });
    expect(response.headers).toMatchObject({ ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache' });
  });

  it('names the OpenID Connect provider in the site configuration and lets the pages reach only its origin', () => {
    const config = loadConfig({}, {});
    const withOidc = { ...config, gateway: { ...config.gateway, oidc: { issuer: 'http://127.0.0.1:4080/oidc', clientId: 'credit-graph-site', scope: 'openid profile' } } } as Config;
    expect(siteConfigOf(withOidc)).toEqual({
      graphqlPath: '/graphql',
      oidc: { authority: 'http://127.0.0.1:4080/oidc', clientId: 'credit-graph-site', scope: 'openid profile' },
      explorerPath: '/explorer',
    });
    expect(contentSecurityPolicy(withOidc)).toBe(
      EXPECTED_CSP.replace("connect-src 'self'", "connect-src 'self' http://127.0.0.1:4080").replace("form-action 'self'", "form-action 'self' http://127.0.0.1:4080"),
    );
    // No frame of the provider (the site renews no session in a hidden frame; the provider may not be framed).
    expect(contentSecurityPolicy(withOidc)).not.toContain('frame-src');
  });
});

describe('what is not a page or an asset', () => {
  it.each([
    '/nope',
    '/index.html',
    '/favicon.ico',
    '/signin/callback/',
    '/explorer/index.html',
    '/assets',
    '/assets/',
    '/assets/missing-0000.js',
    '/build-stamp.json',
    '/web/dist/index.html',
    '/meeting',
    '/deskx',
  ])('answers %s with the gateway 404, under an API\'s security headers', async (target) => {
    const response = await rawRequest(dev.port, 'GET', target);
    const expected = { ...API_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': undefined };
    expect(answerOf(response, expected)).toEqual({ status: 404, body: notFound(target), headers: expected });
  });

  it.each([
    '/assets/../../package.json',
    '/assets/../index.html',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/assets/.hidden',
    '/assets/%2ehidden',
    '/assets//etc/passwd',
    '/%2e%2e/secret.txt',
    '/../secret.txt',
  ])('never leaves the build folder: %s is a 404', async (target) => {
    const response = await rawRequest(dev.port, 'GET', target);
    expect(response.status).toBe(404);
    expect(JSON.stringify(response.body)).not.toContain(SECRET);
    expect((response.body as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('NOT_FOUND');
  });

  it('answers a client-side route that climbs with the site page, never a file', async () => {
    for (const target of ['/me/../../secret.txt', '/desk/%2e%2e/%2e%2e/secret.txt']) {
      const response = await rawRequest(dev.port, 'GET', target);
      expect({ target, status: response.status, body: response.body }).toEqual({ target, status: 200, body: SITE_HTML });
    }
  });
});

describe('a method the web routes do not serve', () => {
  const WEB_TARGETS = [
    '/',
    '/me',
    '/me/records/finance',
    '/desk',
    '/desk/objections/42',
    '/signin/callback',
    '/explorer',
    '/explorer/',
    '/site-config.json',
    '/explorer/principals',
    '/assets/site-Ab12Cd34.js',
    '/assets/missing-0000.js',
  ];
  const cases = ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'].flatMap((method) => WEB_TARGETS.map((target) => [method, target] as const));

  it.each(cases)('answers %s %s with 405, Allow: GET, HEAD and a BAD_REQUEST error', async (method, target) => {
    const response = await rawRequest(dev.port, method, target, method === 'TRACE' ? {} : { headers: { 'content-type': 'application/json' }, body: '{}' });
    const expected = { ...API_HEADERS, allow: 'GET, HEAD', 'content-type': 'application/json; charset=utf-8' };
    expect(answerOf(response, expected)).toEqual({
      status: 405,
      body: { errors: [{ message: `The method ${method} is not served at this path; use GET, HEAD`, extensions: { code: 'BAD_REQUEST' } }] },
      headers: expected,
    });
  });

  it('answers HEAD as GET, without a body', async () => {
    const response = await rawRequest(dev.port, 'HEAD', '/desk/objections/42');
    expect(answerOf(response, SECURITY_HEADERS)).toEqual({ status: 200, body: '', headers: SECURITY_HEADERS });
  });
});

describe('security headers on every response of the public listener', () => {
  const json = { ...API_HEADERS, 'content-type': 'application/json; charset=utf-8' };
  const error = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

  it('on GraphQL answers, by POST and GET, and on a browser led to the explorer', async () => {
    const post = await rawRequest(dev.port, 'POST', '/graphql', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(answerOf(post, json)).toEqual({ status: 200, body: { data: { __typename: 'Query' } }, headers: json });
    const get = await rawRequest(dev.port, 'GET', '/graphql?query=%7B__typename%7D', { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(answerOf(get, json)).toEqual({ status: 200, body: { data: { __typename: 'Query' } }, headers: json });
    const refused = await rawRequest(dev.port, 'POST', '/graphql', { headers: { 'content-type': 'application/json' }, body: '{' });
    expect(answerOf(refused, json)).toEqual({ status: 400, body: error(expect.any(String) as unknown as string, 'BAD_REQUEST'), headers: json });
    const led = await rawRequest(dev.port, 'GET', '/graphql', { headers: { accept: 'text/html' } });
    const redirect = { ...API_HEADERS, location: '/explorer' };
    expect(answerOf(led, redirect)).toEqual({ status: 302, body: '', headers: redirect });
  });

  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'])('on %s /graphql: 405, Allow: GET, POST, with or without a body', async (method) => {
    const expected = { ...json, allow: 'GET, POST' };
    for (const sent of [{}, { headers: { 'content-type': 'application/json' } }, { headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }]) {
      const response = await rawRequest(dev.port, method, '/graphql', sent);
      expect(answerOf(response, expected)).toEqual({
        status: 405,
        body: error(`The method ${method} is not served at this path; use GET, POST`, 'BAD_REQUEST'),
        headers: expected,
      });
    }
    const head = await rawRequest(dev.port, 'HEAD', '/graphql?query=%7B__typename%7D');
    expect(answerOf(head, expected)).toEqual({ status: 405, body: '', headers: expected });
  });

  it('on a path that is not valid percent-encoding (400), before any route', async () => {
    const response = await rawRequest(dev.port, 'GET', '/desk/%ff');
    expect(answerOf(response, json)).toEqual({ status: 400, body: error('The request path is not valid (bad percent-encoding)', 'BAD_REQUEST'), headers: json });
  });

  it('on bytes that are not HTTP, answered from the socket', async () => {
    const response = await rawRequest(dev.port, 'GET', '/ nonsense');
    const expected = { ...API_HEADERS, 'content-type': 'application/json; charset=utf-8' };
    expect(answerOf(response, expected)).toEqual({ status: 400, body: error('The request is not valid HTTP', 'BAD_REQUEST'), headers: expected });
  });

  it('on health, imports and reports, and their wrong methods', async () => {
    const health = await rawRequest(dev.port, 'GET', '/health');
    expect(answerOf(health, json)).toEqual({ status: 200, body: { status: 'ok' }, headers: json });
    const imports = await rawRequest(dev.port, 'POST', '/imports/tax/taxArrears', { headers: { 'content-type': 'text/csv' }, body: 'a,b\n' });
    expect(answerOf(imports, json)).toEqual({ status: 401, body: error('An import needs the bearer token of a source authority', 'UNAUTHENTICATED'), headers: json });
    const report = await rawRequest(dev.port, 'GET', '/reports/not-a-code!.html');
    const reportRefusal = { ...json, 'cache-control': 'no-store' };
    expect(answerOf(report, reportRefusal)).toEqual({
      status: 400,
      body: error('Ask for /reports/<code>.pdf or /reports/<code>.html, <code> a subject code', 'BAD_USER_INPUT'),
      headers: reportRefusal,
    });
    for (const [method, target, allow] of [
      ['POST', '/health', 'GET, HEAD'],
      ['GET', '/imports/tax/taxArrears', 'POST'],
      ['POST', '/reports/9111010500088WXJ4C.pdf', 'GET'],
      ['HEAD', '/reports/9111010500088WXJ4C.html', 'GET'],
    ] as const) {
      const response = await rawRequest(dev.port, method, target);
      const expected = { ...json, allow };
      expect(answerOf(response, expected)).toEqual({
        status: 405,
        body: method === 'HEAD' ? '' : error(`The method ${method} is not served at this path; use ${allow}`, 'BAD_REQUEST'),
        headers: method === 'HEAD' ? { ...expected, 'content-type': 'application/json; charset=utf-8' } : expected,
      });
    }
  });
});

describe('the GraphQL route', () => {
  it('leads a browser opening /graphql to the explorer', async () => {
    const response = await rawRequest(dev.port, 'GET', '/graphql', { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/explorer');
  });

  it('still answers operations, by POST and by GET', async () => {
    const post = await rawRequest(dev.port, 'POST', '/graphql', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect({ status: post.status, body: post.body }).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    const get = await rawRequest(dev.port, 'GET', '/graphql?query=%7B__typename%7D', { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect({ status: get.status, body: get.body }).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });

  it('shows no landing page when the explorer is off: nothing from a CDN', async () => {
    const off = await gateway({ CG_EXPLORER: 'false' });
    const response = await rawRequest(off.port, 'GET', '/graphql', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).not.toMatch(/apollographql|cdn|<script/i);
    expect((await rawRequest(off.port, 'GET', '/explorer')).status).toBe(404);
    expect((await rawRequest(off.port, 'GET', '/site-config.json')).body).toEqual({ graphqlPath: '/graphql', oidc: null, explorerPath: null });
  });
});

describe('the development principals of the explorer', () => {
  it('hands out a token and a purpose for each demo principal, outside production with the development key', async () => {
    const response = await rawRequest(dev.port, 'GET', '/explorer/principals');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const { principals } = response.body as { principals: Array<{ id: string; label: string; headers: Record<string, string> }> };
    const DEMO_PRINCIPALS = demoPrincipals(dev.config.demo.seed);
    expect(principals.map((p) => p.id)).toEqual(DEMO_PRINCIPALS.map((p) => p.id));
    const verify = await createVerifier(dev.config.auth);
    for (const principal of principals) {
      const demo = DEMO_PRINCIPALS.find((p) => p.id === principal.id)!;
      if (!demo.claims) {
        expect(principal.headers).toEqual({});
        continue;
      }
      expect(principal.headers['x-inquiry-purpose']).toBe(demo.purpose);
      const verified = await verify(principal.headers.authorization);
      expect({ id: principal.id, kind: verified.kind, purposes: verified.purposes }).toEqual({ id: principal.id, kind: demo.claims.kind, purposes: demo.claims.purposes });
    }
  });

  it('does not exist with a token key of its own, even outside production', async () => {
    const own = await gateway({ CG_TOKEN_SECRET: 'a-token-secret-of-our-own-at-least-thirty-two-chars' });
    const response = await rawRequest(own.port, 'GET', '/explorer/principals');
    expect({ status: response.status, body: response.body }).toEqual({ status: 404, body: notFound('/explorer/principals') });
    expect((await rawRequest(own.port, 'GET', '/explorer')).status).toBe(200);
  });

  it('in production: no explorer, no principals, the site as usual', async () => {
    const production = await gateway(productionKeys());
    expect((await rawRequest(production.port, 'GET', '/explorer')).body).toEqual(notFound('/explorer'));
    expect((await rawRequest(production.port, 'GET', '/explorer/principals')).body).toEqual(notFound('/explorer/principals'));
    expect((await rawRequest(production.port, 'GET', '/graphql', { headers: { accept: 'text/html' } })).status).toBe(400);
    expect((await rawRequest(production.port, 'GET', '/')).body).toBe(SITE_HTML);
    expect((await rawRequest(production.port, 'GET', '/site-config.json')).body).toEqual({ graphqlPath: '/graphql', oidc: null, explorerPath: null });
  });

  it('in production with CG_EXPLORER=true: the explorer, still no principals', async () => {
    const production = await gateway({ ...productionKeys(), CG_EXPLORER: 'true' });
    expect((await rawRequest(production.port, 'GET', '/explorer')).body).toBe(EXPLORER_HTML);
    expect((await rawRequest(production.port, 'GET', '/explorer/principals')).status).toBe(404);
  });
});

describe('a gateway whose front ends are not built', () => {
  it('says how to build them, and serves the graph as usual', async () => {
    const empty = path.join(dir, 'not-built');
    mkdirSync(empty, { recursive: true });
    const unbuilt = await gateway({}, empty);
    for (const target of ['/', '/me', '/explorer']) {
      const response = await rawRequest(unbuilt.port, 'GET', target);
      expect({ target, status: response.status }).toEqual({ target, status: 503 });
      expect(response.body).toContain('npm run build:web');
      expect(response.headers).toMatchObject({ ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    }
    expect((await rawRequest(unbuilt.port, 'GET', '/assets/site-Ab12Cd34.js')).status).toBe(404);
    const post = await rawRequest(unbuilt.port, 'POST', '/graphql', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(post.body).toEqual({ data: { __typename: 'Query' } });
  });
});
