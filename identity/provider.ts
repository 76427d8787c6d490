import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import type { KoaContextWithOIDC, InteractionDetails } from 'oidc-provider';
import { demoAccounts, type DemoAccount } from '../shared/auth/demoPrincipals';
import { memoryAdapter } from './memoryAdapter';
import { principalFromClaims } from '../shared/auth/tokens';
import type { TokenClaims } from '../shared/auth/tokens';
import {
  contentSecurityPolicy,
  errorPage,
  languageOf,
  signedOutPage,
  signInPage,
  signOutPage,
  FONT_PATH,
  LOGOUT_SCRIPT,
  LOGOUT_SCRIPT_PATH,
  STYLESHEET,
  STYLESHEET_PATH,
  type Language,
} from './pages';

/**
 * The development OpenID Connect provider (oidc-provider 9): the web site signs in here with the
 * authorization code flow and PKCE (S256, required), as one of the demo subjects or demo source
 * authorities (`shared/auth/demoPrincipals.ts`), with the development password the sign-in page
 * shows. Its access tokens are JWTs for the graph (resource indicator {@link GRAPH_RESOURCE},
 * audience `CG_TOKEN_AUDIENCE`) carrying the Credit Graph claims, which the gateway verifies with
 * this provider's JWKS. Consent is implicit for the site, its one (first-party) client. Sessions
 * live in memory, and the signing key (ES256) is made at start: restarting the provider signs
 * everyone out, and no key that could sign a token the gateway trusts is ever written down.
 * It refuses to start with NODE_ENV=production.
 */

/** The resource indicator (RFC 8707) of the graph: every access token is for it. */
export const GRAPH_RESOURCE = 'urn:credit-graph:graph';

/** The password of every demo account, shown on the sign-in page: this provider is for development only. */
export const DEVELOPMENT_PASSWORD = 'credit-graph-demo';

/** The site's sign-in callback and where a sign-out returns, on each of its origins. */
export const CALLBACK_PATH = '/signin/callback';

/** Longest lifetime of an access token the provider issues, in seconds (capped by the gateway's maximum). */
export const ACCESS_TOKEN_TTL_SECONDS = 3_600;

/** The algorithm of the provider's signing key (ID tokens and access tokens). */
export const SIGNING_ALGORITHM = 'ES256';

const FORM_BYTES_MAX = 4_096;

/** The WOFF2 of Noto Sans SC (regular) that the sign-in page falls back to. */
const FONT_FILE = path.join(path.dirname(require.resolve('@openfonts/noto-sans-sc_all/package.json')), 'files/noto-sans-sc-all-400.woff2');

export interface IdentityProviderOptions {
  /** Port to listen on; 0 for any free port. */
  readonly port: number;
  /** Interface to listen on (default 127.0.0.1). */
  readonly host?: string;
  /** The issuer; default `http://127.0.0.1:<port>` (the port listened on). */
  readonly issuer?: string;
  /** The site's origins: redirect URIs `<origin>/signin/callback`, sign-out back to `<origin>/`. */
  readonly siteOrigins: readonly string[];
  /** `aud` of the access tokens: the gateway's CG_TOKEN_AUDIENCE (default `credit-graph`). */
  readonly audience?: string;
  /** The site's client id (default `credit-graph-site`). */
  readonly clientId?: string;
  /** The demo dataset's seed, which fixes the demo subjects' codes (default 2014). */
  readonly seed?: number;
  /** The gateway's CG_TOKEN_MAX_LIFETIME in seconds: access tokens never live longer (default 86400). */
  readonly tokenMaxLifetimeSeconds?: number;
  /** NODE_ENV of the process (default `process.env.NODE_ENV`): `production` is refused. */
  readonly nodeEnv?: string;
  /** Where a line of the provider's log goes (default: nowhere). */
  readonly log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

export interface IdentityProvider {
  /** The issuer, as the discovery document names it. */
  readonly issuer: string;
  /** The port listened on. */
  readonly port: number;
  /** The demo accounts one may sign in as. */
  readonly accounts: readonly DemoAccount[];
  close(): Promise<void>;
}

export class IdentityProviderRefused extends Error {
  override readonly name = 'IdentityProviderRefused';
}

/** The account's access-token claims: the Credit Graph claims, staff (`sub`) being the account id. */
function accessTokenClaims(account: DemoAccount): Record<string, unknown> {
  const { staff: _staff, ...claims }: TokenClaims = account.claims;
  return { ...claims, grants: [...claims.grants], purposes: [...claims.purposes], ...(claims.submits ? { submits: [...claims.submits] } : {}) };
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams | null> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return null;
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FORM_BYTES_MAX) return null;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.statusCode = status;
  response.setHeader('content-type', type);
  response.setHeader('cache-control', 'no-store');
  response.end(body);
}

/** Starts the development provider; resolves once it listens. */
export async function startIdentityProvider(options: IdentityProviderOptions): Promise<IdentityProvider> {
  if ((options.nodeEnv ?? process.env.NODE_ENV) === 'production') {
    throw new IdentityProviderRefused(
      'the development identity provider does not run in production: its accounts and password are published. Point CG_OIDC_ISSUER at a real OpenID Connect provider',
    );
  }
  const log = options.log ?? (() => undefined);
  const clientId = options.clientId ?? 'credit-graph-site';
  const audience = options.audience ?? 'credit-graph';
  const accounts = demoAccounts(options.seed ?? 2014);
  const byId = new Map(accounts.map((a) => [a.id, a]));
  for (const account of accounts) principalFromClaims({ ...accessTokenClaims(account), sub: account.id });
  const ttl = Math.min(ACCESS_TOKEN_TTL_SECONDS, options.tokenMaxLifetimeSeconds ?? 86_400);
  const origins = [...new Set(options.siteOrigins.map((o) => new URL(o).origin))];
  const csp = contentSecurityPolicy(origins);

  // Listen first: with port 0 the issuer names the port the system chose.
  let handler: ((request: IncomingMessage, response: ServerResponse) => void) | null = null;
  const server: Server = createServer((request, response) => {
    response.setHeader('content-security-policy', csp);
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'no-referrer');
    response.setHeader('x-frame-options', 'DENY');
    if (handler) handler(request, response);
    else send(response, 503, 'text/plain; charset=utf-8', 'starting');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = options.issuer ?? `http://127.0.0.1:${port}`;

  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: SIGNING_ALGORITHM, use: 'sig' };

  const { default: Provider, errors: providerErrors } = await import('oidc-provider');
  const languageOfContext = (ctx: KoaContextWithOIDC) => languageOf(ctx.oidc?.params?.ui_locales === 'en' ? 'en' : undefined);

  const provider = new Provider(issuer, {
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: clientId,
        client_name: 'Credit Graph',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: origins.map((o) => `${o}${CALLBACK_PATH}`),
        post_logout_redirect_uris: origins.map((o) => `${o}/`),
        id_token_signed_response_alg: SIGNING_ALGORITHM,
      },
    ],
    clientDefaults: { id_token_signed_response_alg: SIGNING_ALGORITHM, token_endpoint_auth_method: 'none' },
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    responseTypes: ['code'],
    scopes: ['openid', 'profile'],
    claims: { openid: ['sub'], profile: ['name'] },
    // The ID token carries the name (the site shows it): the access token is for the graph, not for userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    enabledJWA: { idTokenSigningAlgValues: [SIGNING_ALGORITHM] },
    ttl: {
      AccessToken: ttl,
      AuthorizationCode: 60,
      IdToken: ttl,
      Interaction: 600,
      Session: 8 * 3_600,
      Grant: 8 * 3_600,
    },
    async findAccount(_ctx: unknown, sub: string) {
      const account = byId.get(sub);
      if (!account) return undefined;
      return { accountId: account.id, claims: async () => ({ sub: account.id, name: account.name }) };
    },
    async extraTokenClaims(_ctx: unknown, token: { kind: string; accountId?: string }) {
      if (token.kind !== 'AccessToken' || token.accountId === undefined) return undefined;
      const account = byId.get(token.accountId);
      return account ? accessTokenClaims(account) : undefined;
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => GRAPH_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: unknown, resource: string) => {
          if (resource !== GRAPH_RESOURCE) throw new providerErrors.InvalidTarget('the only resource is the graph');
          return { audience, scope: '', accessTokenFormat: 'jwt', accessTokenTTL: ttl, jwt: { sign: { alg: SIGNING_ALGORITHM } } };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.type = 'html';
          // Submitted at once only when the site names the ID token of this very session's account;
          // any other hint (another person's token, sent from anywhere) gets the confirmation page.
          ctx.body = signOutPage(languageOfContext(ctx), form, hintIsThisSession(ctx.oidc.params?.id_token_hint, ctx.oidc.session?.accountId));
        },
        async postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          ctx.type = 'html';
          ctx.body = signedOutPage(languageOfContext(ctx));
        },
      },
    },
    async renderError(ctx: KoaContextWithOIDC, out: { error?: string }) {
      ctx.type = 'html';
      ctx.body = errorPage(languageOfContext(ctx), String(out.error ?? 'server_error'));
    },
    // Only the site's origins may call the token endpoint from a browser.
    clientBasedCORS: (_ctx: unknown, origin: string) => origins.includes(origin),
  });
  provider.on('server_error', (_ctx: unknown, error: unknown) => log('error', 'the identity provider failed', { err: error instanceof Error ? error.message : String(error) }));
  provider.on('grant.error', (_ctx: unknown, error: unknown) => log('warn', 'a token request was refused', { err: error instanceof Error ? error.message : String(error) }));

  const oidc = provider.callback();

  const renderSignIn = (response: ServerResponse, status: number, uid: string, language: Language, extra: { chosen?: string; error?: 'wrongPassword' | 'unknownAccount' } = {}) =>
    send(response, status, 'text/html; charset=utf-8', signInPage({ uid, language, accounts, password: DEVELOPMENT_PASSWORD, ...extra }));

  const consent = async (request: IncomingMessage, response: ServerResponse, details: InteractionDetails) => {
    // The site is the provider's one, first-party client: consent is implicit, with no page.
    if (details.params.client_id !== clientId || !details.session?.accountId) {
      await provider.interactionFinished(request, response, { error: 'access_denied', error_description: 'consent is given to the site only' }, { mergeWithLastSubmission: false });
      return;
    }
    const grant = new provider.Grant({ accountId: details.session.accountId, clientId });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
    const grantId = await grant.save();
    await provider.interactionFinished(request, response, { consent: { grantId } }, { mergeWithLastSubmission: true });
  };

  const interaction = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const match = /^\/interaction\/([A-Za-z0-9_-]{1,64})(\/login|\/abort)?$/.exec(url.pathname);
    if (!match) return send(response, 404, 'text/html; charset=utf-8', errorPage(languageOf(url.searchParams.get('lang')), 'not_found'));
    const [, uid, action] = match as unknown as [string, string, string | undefined];
    let details: InteractionDetails;
    try {
      details = await provider.interactionDetails(request, response);
    } catch {
      // No interaction of this browser: expired, already finished, or another browser's.
      return send(response, 400, 'text/html; charset=utf-8', errorPage(languageOf(url.searchParams.get('lang')), 'interaction_expired'));
    }
    if (details.uid !== uid) return send(response, 400, 'text/html; charset=utf-8', errorPage('zh', 'interaction_expired'));
    if (request.method === 'GET' && action === undefined) {
      const language = languageOf(url.searchParams.get('lang') ?? (details.params.ui_locales === 'en' ? 'en' : undefined));
      if (details.prompt.name === 'login') return renderSignIn(response, 200, uid, language);
      if (details.prompt.name === 'consent') return consent(request, response, details);
      return send(response, 400, 'text/html; charset=utf-8', errorPage(language, 'unsupported_prompt'));
    }
    if (request.method !== 'POST' || action === undefined) {
      response.setHeader('allow', action === undefined ? 'GET' : 'POST');
      return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed');
    }
    const form = await readForm(request);
    if (form === null) return send(response, 400, 'text/html; charset=utf-8', errorPage('zh', 'invalid_request'));
    const language = languageOf(form.get('lang'));
    if (action === '/abort') {
      return provider.interactionFinished(request, response, { error: 'access_denied', error_description: 'the user cancelled signing in' }, { mergeWithLastSubmission: false });
    }
    if (details.prompt.name !== 'login') return send(response, 400, 'text/html; charset=utf-8', errorPage(language, 'interaction_expired'));
    const account = byId.get(form.get('account') ?? '');
    if (!account) return renderSignIn(response, 400, uid, language, { error: 'unknownAccount' });
    if (form.get('password') !== DEVELOPMENT_PASSWORD) return renderSignIn(response, 401, uid, language, { chosen: account.id, error: 'wrongPassword' });
    log('info', 'signed in', { account: account.id, kind: account.kind });
    return provider.interactionFinished(request, response, { login: { accountId: account.id } }, { mergeWithLastSubmission: false });
  };

  handler = (request, response) => {
    const url = new URL(request.url ?? '/', 'http://provider.invalid');
    if (request.method === 'GET' && url.pathname === STYLESHEET_PATH) {
      response.setHeader('cache-control', 'public, max-age=3600');
      response.setHeader('content-type', 'text/css; charset=utf-8');
      response.end(STYLESHEET);
      return;
    }
    if (request.method === 'GET' && url.pathname === FONT_PATH) {
      response.setHeader('cache-control', 'public, max-age=604800, immutable');
      response.setHeader('content-type', 'font/woff2');
      createReadStream(FONT_FILE)
        .on('error', () => (response.headersSent ? response.destroy() : send(response, 404, 'text/plain; charset=utf-8', 'no font')))
        .pipe(response);
      return;
    }
    if (request.method === 'GET' && url.pathname === LOGOUT_SCRIPT_PATH) {
      response.setHeader('cache-control', 'public, max-age=3600');
      response.setHeader('content-type', 'text/javascript; charset=utf-8');
      response.end(LOGOUT_SCRIPT);
      return;
    }
    if (url.pathname === '/interaction' || url.pathname.startsWith('/interaction/')) {
      interaction(request, response, url).catch((error: unknown) => {
        log('error', 'a sign-in step failed', { err: error instanceof Error ? error.message : String(error) });
        if (!response.headersSent) send(response, 500, 'text/html; charset=utf-8', errorPage('zh', 'server_error'));
        else response.destroy();
      });
      return;
    }
    oidc(request, response);
  };

  let closed: Promise<void> | null = null;
  return {
    issuer,
    port,
    accounts,
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}

/**
 * Whether an `id_token_hint` names the account signed in to this session: its `sub` is the session's
 * account (the provider has already checked the token's signature and client). A sign-out link made
 * by anyone else, with an ID token of their own, does not sign this browser out without a click.
 */
export function hintIsThisSession(hint: unknown, accountId: string | undefined): boolean {
  if (typeof hint !== 'string' || accountId === undefined) return false;
  try {
    return decodeJwt(hint).sub === accountId;
  } catch {
    return false;
  }
}
