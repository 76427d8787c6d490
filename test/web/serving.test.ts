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
      EXPECTED_CSP.replace("connect-src 'self'", "connect-src 'self' http://127.0.0.1:4080").replace("form-action 'self'", "form-action 'self' http://127.0.0.1:4080; frame-src 'self' http://127.0.0.1:4080"),
    );
  });
});

describe('what is not a page or an asset', () => {
  it.each(['/nope', '/index.html', '/explorer/index.html', '/assets', '/assets/', '/assets/missing-0000.js', '/build-stamp.json', '/web/dist/index.html', '/meeting', '/deskx'])(
    'answers %s with the gateway 404',
    async (target) => {
      const response = await rawRequest(dev.port, 'GET', target);
      expect(response.status).toBe(404);
      expect(response.body).toEqual(notFound(target));
      expect(response.headers['cache-control']).toBeUndefined();
    },
  );

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
