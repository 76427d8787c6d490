import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../shared/config';
import { signToken } from '../shared/auth/tokens';
import { demoPrincipals } from '../shared/auth/demoPrincipals';
import type { SecuredRouteConfig } from './httpPolicy';
import { WEB_DIST } from '../shared/projectRoot';

/**
 * The web front ends, served by the gateway from the Vite build (`web/dist`, `npm run build:web`):
 * the site at `/` (a single-page application: its client-side routes answer with its page), the
 * explorer at `/explorer`, their hashed assets under `/assets/`, and `GET /site-config.json`, what the
 * site is told at run time. Only those paths: anything else is the gateway's usual 404, so no
 * directory is ever listed and no path leaves `web/dist`. Every response of these routes carries a
 * strict Content-Security-Policy (scripts from this origin only) and the other security headers,
 * set by the listener's one hook from each route's config (gateway/httpPolicy.ts), which gives every
 * other response of the listener an API's headers; another method than GET or HEAD is a 405 there.
 */

/** Where the explorer is served (when `CG_EXPLORER` is on). */
export const EXPLORER_PATH = '/explorer';

/** Development tokens for the explorer's principal picker (only with the development key, never in production). */
export const EXPLORER_PRINCIPALS_PATH = `${EXPLORER_PATH}/principals`;

/** The site's client-side routes: each answers with the site's page, whose router takes over. */
export const SITE_ROUTES = ['/', '/me', '/me/*', '/desk', '/desk/*', '/signin/callback'] as const;

/** How long a development token from the principal picker lives. */
const PICKER_TOKEN_SECONDS = 3_600;

/** A built asset's file name: Vite writes them flat into `assets/`, with a content hash. */
const ASSET_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,200}$/;

export interface SiteConfigBody {
  readonly graphqlPath: string;
  readonly oidc: { readonly authority: string; readonly clientId: string; readonly scope: string } | null;
  readonly explorerPath: string | null;
}

interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly scope: string;
}

/**
 * The OpenID Connect provider the site signs in with, from the configuration when it has one
 * (`config.gateway.oidc`: issuer, client id, scope), else null (sign-in off).
 */
export function oidcSettingsOf(config: Config): OidcSettings | null {
  const candidate = (config.gateway as unknown as { oidc?: unknown }).oidc;
  if (!candidate || typeof candidate !== 'object') return null;
  const settings = candidate as { issuer?: unknown; authority?: unknown; clientId?: unknown; scope?: unknown };
  const issuer = typeof settings.issuer === 'string' ? settings.issuer : typeof settings.authority === 'string' ? settings.authority : null;
  if (!issuer || typeof settings.clientId !== 'string') return null;
  return { issuer, clientId: settings.clientId, scope: typeof settings.scope === 'string' ? settings.scope : 'openid' };
}

export function siteConfigOf(config: Config): SiteConfigBody {
  const oidc = oidcSettingsOf(config);
  return {
    graphqlPath: config.gateway.path,
    oidc: oidc ? { authority: oidc.issuer, clientId: oidc.clientId, scope: oidc.scope } : null,
    explorerPath: config.gateway.explorer ? EXPLORER_PATH : null,
  };
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The pages' Content-Security-Policy: everything from this origin; scripts from this origin only (no
 * inline script, no eval); the identity provider's origin for the sign-in's token requests and form
 * posts (no frame: the site renews no session in a hidden frame, and the provider may not be
 * framed); workers (the explorer's editor) from this origin; never framed. Inline styles are
 * allowed: the explorer's editor (Monaco) and the site's charts set styles at run time; styles run
 * no code.
 */
export function contentSecurityPolicy(config: Config): string {
  const oidc = oidcSettingsOf(config);
  const issuerOrigin = oidc ? originOf(oidc.issuer) : null;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self'${issuerOrigin ? ` ${issuerOrigin}` : ''}`,
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${issuerOrigin ? ` ${issuerOrigin}` : ''}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Whether the explorer's principal picker may mint tokens: outside production, with the published development key only. */
export function principalPickerEnabled(config: Config): boolean {
  const key = config.auth.key;
  return config.gateway.explorer && config.nodeEnv !== 'production' && key.kind === 'secret' && key.isDevelopmentDefault;
}

const HTML_CACHE = 'no-cache';
const ASSET_CACHE = 'public, max-age=31536000, immutable';

const NOT_BUILT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>网页尚未构建 · The web is not built</title></head>
<body><main>
<h1>网页尚未构建 · The web front ends are not built</h1>
<p>在仓库根目录运行 <code>npm run build:web</code>（<code>npm start</code> 会自动构建），然后刷新本页。</p>
<p>Run <code>npm run build:web</code> in the repository (<code>npm start</code> builds it for you), then reload this page.
The GraphQL endpoint works without it.</p>
</main></body></html>
`;

export interface WebOptions {
  readonly config: Config;
  /** The built front ends; `WEB_DIST` unless a test points elsewhere. */
  readonly root?: string;
}

/** Registers the web's routes on the gateway's public listener, and leads a browser's GET of the GraphQL path to the explorer. */
export async function registerWeb(app: FastifyInstance, options: WebOptions): Promise<void> {
  const { config } = options;
  const root = options.root ?? WEB_DIST;
  const explorerOn = config.gateway.explorer;
  const securityHeaders: Readonly<Record<string, string>> = {
    'content-security-policy': contentSecurityPolicy(config),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
  if (!existsSync(path.join(root, 'index.html'))) {
    app.log.warn({ root }, 'the web front ends are not built (run `npm run build:web`): `/` says so; the GraphQL endpoint is served as usual');
  }

  const assets = path.join(root, 'assets') + path.sep;
  await app.register(fastifyStatic, {
    root,
    serve: false,
    suppressWarning: true,
    list: false,
    dotfiles: 'deny',
    index: false,
    etag: true,
    lastModified: true,
    cacheControl: false,
    // Hashed assets never change under their name; pages are revalidated every time.
    setHeaders: (reply, file) => {
      reply.header('cache-control', file.startsWith(assets) ? ASSET_CACHE : HTML_CACHE);
    },
  });

  // The pages' security headers go on every response of these routes (gateway/httpPolicy.ts).
  const secured = { config: { securityHeaders } satisfies SecuredRouteConfig };

  const page = (file: string) => async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', HTML_CACHE);
    if (!existsSync(path.join(root, file))) {
      return reply.code(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    }
    return reply.sendFile(file);
  };

  for (const route of SITE_ROUTES) app.get(route, secured, page('index.html'));
  if (explorerOn) {
    app.get(EXPLORER_PATH, secured, page('explorer/index.html'));
    app.get(`${EXPLORER_PATH}/`, secured, page('explorer/index.html'));
  }

  app.get('/assets/*', secured, async (request, reply) => {
    const name = (request.params as { '*': string })['*'];
    if (!ASSET_NAME.test(name) || name.includes('..')) return reply.callNotFound();
    return reply.sendFile(`assets/${name}`);
  });

  const siteConfig = JSON.stringify(siteConfigOf(config));
  app.get('/site-config.json', secured, async (_request, reply) =>
    reply.header('cache-control', HTML_CACHE).type('application/json; charset=utf-8').send(siteConfig),
  );

  if (principalPickerEnabled(config)) {
    app.log.warn('the explorer hands out development tokens for the demo principals at ' + EXPLORER_PRINCIPALS_PATH + ' (development key, not production)');
    app.get(EXPLORER_PRINCIPALS_PATH, secured, async (_request, reply) => {
      const ttl = Math.min(PICKER_TOKEN_SECONDS, config.auth.tokenMaxLifetimeSeconds);
      const principals = await Promise.all(
        demoPrincipals(config.demo.seed).map(async (p) => ({
          id: p.id,
          label: `${p.label.zh} · ${p.label.en}${p.claims?.name ? ` (${p.claims.name})` : ''}`,
          headers: {
            ...(p.claims ? { authorization: `Bearer ${await signToken(config.auth, p.claims, ttl)}` } : {}),
            ...(p.purpose ? { 'x-inquiry-purpose': p.purpose } : {}),
          },
        })),
      );
      return reply.header('cache-control', 'no-store').send({ principals });
    });
  }

  // A browser opening the GraphQL endpoint (a GET asking for HTML, with no operation) is led to the
  // explorer when it is on; otherwise Apollo's answer stands (its landing page is disabled).
  if (explorerOn) {
    const graphqlPath = config.gateway.path;
    app.addHook('onRequest', async (request, reply) => {
      if (request.method !== 'GET' || request.url.split('?')[0] !== graphqlPath) return;
      const query = request.query as Record<string, unknown> | undefined;
      if (query && ('query' in query || 'extensions' in query)) return;
      const accept = String(request.headers.accept ?? '');
      if (!accept.includes('text/html')) return;
      return reply.code(302).header('location', EXPLORER_PATH).header('cache-control', 'no-cache').send();
    });
  }
}
