import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';

/**
 * What a browser does to sign in at the development provider, over HTTP with fetch: redirects
 * followed by hand (each one checked), cookies kept per name, the sign-in form posted, the code
 * exchanged with its PKCE verifier at the token endpoint, as the site's origin.
 */

export const SITE = 'http://127.0.0.1:6300';
export const CALLBACK = `${SITE}/signin/callback`;
export const CLIENT_ID = 'credit-graph-site';

export class Browser {
  private readonly cookies = new Map<string, string>();

  async get(url: string): Promise<Response> {
    return this.request(url, { method: 'GET' });
  }

  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(url, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (!name) continue;
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    return response;
  }

  /** Follows the provider's redirects until one leaves it (to the site), returning that location. */
  async followToSite(response: Response, issuer: string): Promise<URL> {
    let current = response;
    for (let hop = 0; hop < 10; hop++) {
      await current.arrayBuffer();
      if (current.status !== 302 && current.status !== 303) throw new Error(`expected a redirect, got HTTP ${current.status}`);
      const location = new URL(current.headers.get('location') ?? '', issuer);
      if (location.origin !== new URL(issuer).origin) return location;
      current = await this.get(location.href);
    }
    throw new Error('too many redirects');
  }
}

export interface Pkce {
  readonly verifier: string;
  readonly challenge: string;
}

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(issuer: string, params: Record<string, string | undefined>): string {
  const url = new URL(`${issuer}/auth`);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return url.href;
}

export function authorizeParams(challenge: string | undefined, overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    client_id: CLIENT_ID,
    redirect_uri: CALLBACK,
    response_type: 'code',
    scope: 'openid profile',
    state: 'state-1',
    nonce: 'nonce-1',
    code_challenge: challenge,
    code_challenge_method: challenge === undefined ? undefined : 'S256',
    ...overrides,
  };
}

/** The sign-in page's uid, from the redirect to it. */
export async function startSignIn(browser: Browser, issuer: string, params: Record<string, string | undefined>): Promise<{ uid: string; page: Response }> {
  const start = await browser.get(authorizeUrl(issuer, params));
  await start.arrayBuffer();
  if (start.status !== 303 && start.status !== 302) throw new Error(`the authorization request answered HTTP ${start.status}`);
  const location = new URL(start.headers.get('location') ?? '', issuer);
  const uid = /^\/interaction\/([^/]+)$/.exec(location.pathname)?.[1];
  if (!uid) throw new Error(`the authorization request went to ${location.href}`);
  return { uid, page: await browser.get(location.href) };
}

export interface SignedIn {
  readonly accessToken: string;
  readonly idToken: string;
  readonly tokenResponse: Record<string, unknown>;
}

/** The whole flow: authorization request, sign-in form, implicit consent, code exchange. */
export async function signIn(issuer: string, account: string, password: string, browser = new Browser()): Promise<SignedIn> {
  const { verifier, challenge } = pkce();
  const { uid, page } = await startSignIn(browser, issuer, authorizeParams(challenge));
  await page.text();
  const callback = await browser.followToSite(await browser.post(`${issuer}/interaction/${uid}/login`, { account, password, lang: 'zh' }), issuer);
  if (`${callback.origin}${callback.pathname}` !== CALLBACK || callback.searchParams.get('state') !== 'state-1') {
    throw new Error(`signed in, but sent to ${callback.href}`);
  }
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no code: ${callback.search}`);
  const token = await exchange(issuer, code, verifier);
  if (token.status !== 200) throw new Error(`the token request answered HTTP ${token.status}: ${JSON.stringify(token.body)}`);
  return { accessToken: String(token.body.access_token), idToken: String(token.body.id_token), tokenResponse: token.body };
}

export async function exchange(issuer: string, code: string, verifier: string | undefined, redirectUri = CALLBACK): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: CLIENT_ID, ...(verifier ? { code_verifier: verifier } : {}) }).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * An issuer of our own for the hostile cases: a discovery document and a JWKS on 127.0.0.1, and a
 * private key to sign whatever a test needs (another kind, an expired token). It can name itself as
 * any issuer, so it can also pose as the real provider's issuer with another key.
 */
export interface FakeIssuer {
  readonly url: string;
  sign(payload: JWTPayload, options?: { issuer?: string; kid?: string; ttlSeconds?: number; iat?: number; typ?: string }): Promise<string>;
  close(): Promise<void>;
}

export async function startFakeIssuer(): Promise<FakeIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'fake-key', alg: 'ES256', use: 'sig' };
  let url = '';
  const server: Server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.url === '/.well-known/openid-configuration') response.end(JSON.stringify({ issuer: url, jwks_uri: `${url}/jwks` }));
    else if (request.url === '/jwks') response.end(JSON.stringify({ keys: [jwk] }));
    else response.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    sign: (payload, options = {}) => signWith(privateKey, payload, { issuer: options.issuer ?? url, kid: options.kid ?? 'fake-key', ttlSeconds: options.ttlSeconds ?? 600, iat: options.iat, typ: options.typ }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function signWith(key: KeyLike, payload: JWTPayload, options: { issuer: string; kid: string; ttlSeconds: number; iat?: number; typ?: string }): Promise<string> {
  const iat = options.iat ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ ...payload, iat, exp: iat + options.ttlSeconds })
    .setProtectedHeader({ alg: 'ES256', kid: options.kid, typ: options.typ ?? 'at+jwt' })
    .setIssuer(options.issuer)
    .setAudience('credit-graph')
    .sign(key);
}

/** A token's claims, unverified. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

export function headerOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
