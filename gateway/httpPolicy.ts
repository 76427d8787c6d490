import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods, RouteOptions } from 'fastify';
import { echo } from '../shared/errors';
import { API_SECURITY_HEADERS } from '../shared/http';

export { API_SECURITY_HEADERS };

/**
 * What every response of the gateway's public listener carries, whichever route answered it, and how
 * a known path answers a method it does not serve. Both are decided here, once, in hooks on the whole
 * listener: the GraphQL route, the web's pages and assets, reports, imports, health and every 404
 * (the framework's own refusals, before any hook, carry the API's headers from shared/http.ts).
 *
 * Security headers: `x-content-type-options: nosniff`, `x-frame-options: DENY`,
 * `referrer-policy: no-referrer`, and a Content-Security-Policy. A response that is not a web page
 * gets the policy of an API, which loads and runs nothing and may not be framed
 * (`default-src 'none'; frame-ancestors 'none'`). A route that serves pages names its own headers in
 * its route config (`securityHeaders`, gateway/web.ts), and a route that sets a header itself (the
 * report's HTML and its own policy, gateway/reports.ts) keeps it.
 *
 * Wrong methods: a path some route serves, asked with a method no route serves there, is answered
 * 405 with `Allow` and a `BAD_REQUEST` error in the gateway's error shape, not 404.
 */


/** A route's config, as far as this module reads it. */
export interface SecuredRouteConfig {
  /** The security headers of this route's responses, instead of API_SECURITY_HEADERS (web pages). */
  readonly securityHeaders?: Readonly<Record<string, string>>;
}

/** The methods a route path is served with, and a matcher of concrete paths for it. */
interface ServedPath {
  readonly matches: RegExp;
  readonly methods: Set<string>;
}

/** Fastify's path syntax as a matcher of request paths: `:name` one segment, `*` the rest. */
function matcherOf(url: string): RegExp {
  const pattern = url
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`);
}

/** The usual order of methods in `Allow`. */
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const byUsualOrder = (a: string, b: string) => (METHOD_ORDER.indexOf(a) + 1 || 99) - (METHOD_ORDER.indexOf(b) + 1 || 99);

export interface HttpPolicyOptions {
  /**
   * The methods a path really serves, where its routes take more than they serve: Apollo Server's
   * route takes HEAD and OPTIONS only to refuse them (in words of its own, after reading the body).
   */
  readonly allow?: Readonly<Record<string, readonly string[]>>;
}

/** Registers the hooks on the public listener. Call it before any route is registered. */
export function registerHttpPolicy(app: FastifyInstance, options: HttpPolicyOptions = {}): void {
  const served = new Map<string, ServedPath>();
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = ([] as HTTPMethods[]).concat(route.method).map((m) => m.toUpperCase());
    const entry = served.get(route.url) ?? { matches: matcherOf(route.url), methods: new Set<string>() };
    for (const method of methods) entry.methods.add(method);
    if (methods.includes('GET') && route.exposeHeadRoute !== false) entry.methods.add('HEAD');
    served.set(route.url, entry);
    const only = options.allow?.[route.url];
    if (only) for (const method of entry.methods) if (!only.includes(method)) entry.methods.delete(method);
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    let allowed: Set<string>;
    if (request.is404) {
      const pathname = request.url.split('?')[0] ?? '';
      allowed = new Set<string>();
      for (const entry of served.values()) if (entry.matches.test(pathname)) for (const method of entry.methods) allowed.add(method);
    } else {
      // A route that takes more methods than it serves is answered here, before its body is read.
      const only = options.allow?.[request.routeOptions.url ?? ''];
      if (!only) return;
      allowed = new Set(only);
    }
    if (allowed.size === 0 || allowed.has(request.method)) return;
    const allow = [...allowed].sort(byUsualOrder).join(', ');
    return reply
      .code(405)
      .header('allow', allow)
      .header('content-type', 'application/json; charset=utf-8')
      .send({ errors: [{ message: `The method ${echo(request.method)} is not served at this path; use ${allow}`, extensions: { code: 'BAD_REQUEST' } }] });
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const own = (request.routeOptions.config as SecuredRouteConfig | undefined)?.securityHeaders;
    for (const [name, value] of Object.entries(own ?? API_SECURITY_HEADERS)) if (!reply.hasHeader(name)) reply.header(name, value);
    return payload;
  });
}
