import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo from '@as-integrations/fastify';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Config } from '../shared/config';
import { isSubgraphName } from '../subgraphs/names';
import { GRAPHQL_SHAPED_FRAMEWORK_ERRORS, graphqlShapedHttpErrors } from '../shared/http';
import { SectorDataSource } from './dataSource';
import { AuthorizingGateway } from './authorizingGateway';
import { contextFunction } from './context';
import type { GatewayContext } from './request';
import { createVerifier } from '../shared/auth/tokens';
import { CONTEXT_HEADER, ContextSigner, GRAPHQL_ROUTE, PUBLIC_CALLER } from '../shared/auth/context';
import { AccessClient, InquiryWriter } from './inquiry';
import { formatGatewayError } from './errors';
import { costDirectivesOf, demandPlugin, limitValidationRules, oneLimitErrorPlugin, parseOptions } from './limits';
import { combineObservers, type GatewayObserver } from './observe';
import { GatewayMetrics, observeQueryPlanCache } from './metrics';
import { SupergraphClassification } from './authorization';
import { gatewayResilience, registerHealthRoutes, SHEDDER_FASTIFY_OPTIONS, supergraphFile, type SubgraphSend } from './resilience';
import { tracedFetch } from '../shared/telemetry/fetch';
import { traceServerRequests } from '../shared/telemetry/fastify';
import { loggedContext, observeRequests, requestIdOptions, requestLogObserver, requestLogPlugin } from './requestLog';
import { PersistedQueries } from './safelist';
import { LiteralNormalizer } from './normalize';
import { RateLimits } from './rateLimits';
import { registerImports } from './imports';
import { registerHttpPolicy } from './httpPolicy';
import { registerReports } from './reports';
import { registerWeb } from './web';

export interface GatewayOptions {
  readonly config: Config;
  /** A pino logger, or false for silence (tests). */
  readonly logger: FastifyBaseLogger | false;
  /**
   * Only for measuring what authorization costs (bench/authorization.ts): serve the graph without the
   * authorizing layer. No configuration variable reaches this; a deployed gateway always enforces.
   */
  readonly unsafeWithoutAuthorization?: boolean;
  /**
   * How every call to a subgraph is sent (operation fetches, grants, inquiry records, health probes):
   * Node's fetch by default. Tests route it to in-process subgraph servers (`app.inject`).
   */
  readonly subgraphFetch?: typeof fetch;
  /** Told what the gateway's parts report, besides the gateway's own metrics (gateway/observe.ts). */
  readonly observer?: GatewayObserver;
  /** The built web front ends (gateway/web.ts); `web/dist` unless a test points elsewhere. */
  readonly webRoot?: string;
}

export interface Gateway {
  /** The graph's public listener: `/graphql` and `/health`. */
  readonly app: FastifyInstance;
  /** The ops listener (`/health`, `/health/subgraphs`), for `CG_GATEWAY_OPS_HOST`/`CG_GATEWAY_OPS_PORT` only. */
  readonly ops: FastifyInstance;
  /** The gateway's Prometheus metrics (also served at `/metrics` on `ops`). */
  readonly metrics: GatewayMetrics;
  /** The names and URLs of the subgraphs in the loaded supergraph. */
  subgraphs(): ReadonlyArray<{ readonly name: string; readonly url: string }>;
}

interface LoadedGraph {
  readonly subgraphs: ReadonlyArray<{ readonly name: string; readonly url: string }>;
}

/** Reads the `join__Graph` names and URLs of a supergraph, whichever graph it describes. */
function graphsOf(supergraphSdl: string): Array<{ name: string; url: string }> {
  const graphs: Array<{ name: string; url: string }> = [];
  for (const match of supergraphSdl.matchAll(/@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]*)"\)/g)) {
    graphs.push({ name: match[1] as string, url: match[2] as string });
  }
  return graphs;
}

/** Where the gateway sends a subgraph's fetches: the configured URL for our subgraphs, else the supergraph's. */
function urlFor(config: Config, name: string, supergraphUrl: string | undefined): string {
  return isSubgraphName(name) ? config.subgraphs[name].url : (supergraphUrl ?? '');
}

const PROBE_BODY = { query: '{ __typename }' };

async function probe(name: string, url: string, timeoutMs: number, signer: ContextSigner, send: SubgraphSend): Promise<'up' | 'down'> {
  try {
    const response = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: await signer.sign(PUBLIC_CALLER, { audience: name, route: GRAPHQL_ROUTE, body: PROBE_BODY }) },
      body: JSON.stringify(PROBE_BODY),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.ok ? 'up' : 'down';
  } catch {
    return 'down';
  }
}

/**
 * Builds the gateway's HTTP server without listening. The parts are made in the order they depend on
 * each other, each handed what it uses: the listeners and their logger, the signer, the access
 * client and the inquiry writer, the data sources, the authorizing gateway and Apollo Server. Per
 * request there is one object, made by the context function and read by each part in turn
 * (gateway/request.ts).
 */
export async function buildGateway(options: GatewayOptions): Promise<Gateway> {
  const { config } = options;
  const gatewayConfig = config.gateway;
  if (!gatewayConfig.apolloTelemetry) {
    // @apollo/gateway reads this at construction; the graph must not phone home unless asked to.
    process.env.APOLLO_TELEMETRY_DISABLED = '1';
  }

  const { privateKeyPem, ttlSeconds, isDevelopmentKey } = config.auth.context;
  if (!privateKeyPem) throw new Error('the gateway has no key to sign request contexts with: set CG_CONTEXT_PRIVATE_KEY');

  const limits = gatewayConfig.operationLimits;
  const logging =
    options.logger === false
      ? ({ logger: false } as const)
      : { loggerInstance: options.logger, logController: new LogController({ disableRequestLogging: true }) };
  const app = Fastify({ ...logging, bodyLimit: limits.maxRequestBytes, ...SHEDDER_FASTIFY_OPTIONS, ...requestIdOptions(config.trustedProxies), ...GRAPHQL_SHAPED_FRAMEWORK_ERRORS });
  graphqlShapedHttpErrors(app);
  // Security headers on every response, and 405 for a method a served path does not take (before any route).
  registerHttpPolicy(app, { allow: { [gatewayConfig.path]: ['GET', 'POST'] } });
  // x-request-id on every response, one log line per request, one trace per request.
  observeRequests(app);
  traceServerRequests(app, { continueTrace: false });
  const ops = Fastify({ ...logging, bodyLimit: 1_024, ...GRAPHQL_SHAPED_FRAMEWORK_ERRORS });
  graphqlShapedHttpErrors(ops);
  const log = app.log;
  const metrics = new GatewayMetrics();
  metrics.instrument(app, gatewayConfig.path);
  metrics.route(ops);
  const observer = combineObservers(metrics.observer, requestLogObserver(log), options.observer);
  // Deadline, breakers, retries, the keep-alive pool and load shedding (gateway/resilience/); the
  // shedder's hook comes after the metrics' so that shed requests are counted.
  const guard = gatewayResilience(config, { ...(options.subgraphFetch ? { subgraphFetch: options.subgraphFetch } : {}), observer, log });
  // Each network attempt to a subgraph is a client span carrying the trace's `traceparent`; the
  // breaker and retries sit above it.
  const send = tracedFetch(guard.send);
  guard.shedder.register(app);

  const verify = await createVerifier(config.auth);
  if (config.auth.key.kind === 'secret' && config.auth.key.isDevelopmentDefault) {
    log.warn('bearer tokens are verified with the development key: set CG_TOKEN_SECRET, CG_TOKEN_PUBLIC_KEY or CG_TOKEN_JWKS_URL');
  }
  if (isDevelopmentKey) {
    log.warn(
      'DEVELOPMENT KEY IN USE: subgraph request contexts are signed with the published development key pair, which anyone can sign with; set CG_CONTEXT_PRIVATE_KEY (refused in production)',
    );
  }
  // Every subgraph fetch gets its own context, signed for that subgraph and that body (no caching).
  const signer = new ContextSigner(privateKeyPem, ttlSeconds);
  const access = new AccessClient(config.subgraphs.access.url, gatewayConfig.subgraphTimeoutMs, signer, send);
  const inquiries = new InquiryWriter(access, undefined, observer);
  const buildService = ({ name, url }: { name: string; url?: string }) =>
    new SectorDataSource({ name, url: urlFor(config, name, url), timeoutMs: gatewayConfig.subgraphTimeoutMs, fetch: send, signer, resilience: guard.resilience });

  let gateway: ApolloGateway;
  if (gatewayConfig.supergraph.mode === 'file') {
    const watched = supergraphFile({
      file: gatewayConfig.supergraph.path,
      watch: gatewayConfig.resilience.watchSupergraph,
      // The gateway's own readers of the core SDL must accept it before Apollo loads it.
      validate: (sdl) => {
        new SupergraphClassification(sdl);
        costDirectivesOf(sdl);
      },
      observer,
      log,
    });
    gateway = new ApolloGateway({ supergraphSdl: watched.hook, buildService });
  } else {
    gateway = new ApolloGateway({
      supergraphSdl: new IntrospectAndCompose({
        subgraphs: Object.values(config.subgraphs).map((s) => ({ name: s.name, url: s.url })),
        // No introspectionHeaders: IntrospectAndCompose sends `{ _service { sdl } }` through the
        // gateway's own data sources, whose willSendRequest signs each such fetch for its body.
        pollIntervalInMs: gatewayConfig.supergraph.pollIntervalMs,
      }),
      buildService,
    });
  }
  let loaded: LoadedGraph | null = null;
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    loaded = { subgraphs: graphsOf(coreSupergraphSdl).map((g) => ({ name: g.name, url: urlFor(config, g.name, g.url) })) };
  });
  observeQueryPlanCache(gateway, observer);
  // Literals become variables before Apollo Server sees the operation (gateway/normalize.ts): checked
  // against the same parser limits and validation rules (silent: Apollo Server's own run logs).
  const normalizer = new LiteralNormalizer({ parseOptions: parseOptions(limits), validationRules: limitValidationRules(limits, () => undefined), observer });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => normalizer.setSchema(apiSchema));
  // Safelist and rate limits (gateway/safelist.ts, gateway/rateLimits.ts): a broken manifest stops the start here.
  const persisted = PersistedQueries.open(config.persistedQueries, { log, observer, maxTokens: limits.maxTokens });
  const rateLimits = RateLimits.create(config.rateLimits, { log, observer });
  const authorizing = new AuthorizingGateway(gateway, { mode: gatewayConfig.authorizationMode, log, inquiries, observer, inquiryQuota: rateLimits });
  const apollo = new ApolloServer<GatewayContext>({
    gateway: options.unsafeWithoutAuthorization ? gateway : authorizing,
    introspection: gatewayConfig.introspection,
    includeStacktraceInErrorResponses: false,
    // Apollo's automatic persisted queries register any operation: off while a safelist holds.
    persistedQueries: persisted.apolloPersistedQueries,
    // The process entry point owns SIGINT/SIGTERM and closes Fastify, which stops Apollo; Apollo's own
    // signal handlers would race it and re-raise the signal into a process that is already closing.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => formatGatewayError(formatted, error, log),
    // No "Did you mean ...?" in validation errors: strangers learn no field or type names from typos.
    hideSchemaDetailsFromClientErrors: true,
    // The token limit stops the lexer before a full parse.
    parseOptions: parseOptions(limits),
    validationRules: limitValidationRules(limits, (details, message) => log.warn(details, message)),
    plugins: [
      // Apollo's landing page loads from Apollo's CDN: never. A browser's GET goes to the explorer (gateway/web.ts).
      ApolloServerPluginLandingPageDisabled(),
      demandPlugin({ limits, log: (details, message) => log.warn(details, message) }),
      oneLimitErrorPlugin(),
      metrics.plugin(),
      requestLogPlugin(),
    ],
  });
  await apollo.start();

  // Liveness for callers and load balancers: the status only, nothing about the graph's layout.
  const health = async (_request: unknown, reply: FastifyReply) =>
    loaded ? reply.send({ status: 'ok' }) : reply.code(503).send({ status: 'starting' });
  app.get('/health', health);
  ops.get('/health', health);
  const healthState = { supergraphLoaded: () => loaded !== null, shedder: guard.shedder, breakers: () => guard.resilience.breakerStates() };
  registerHealthRoutes(app, healthState, false);
  registerHealthRoutes(ops, healthState, true);
  // Readiness for ops, on the ops listener only: every subgraph is asked `{ __typename }` with a short timeout.
  ops.get('/health/subgraphs', async (_request, reply) => {
    if (!loaded) return reply.code(503).send({ status: 'starting', supergraph: 'not loaded' });
    const timeoutMs = Math.min(gatewayConfig.subgraphTimeoutMs, 2_000);
    const states = await Promise.all(loaded.subgraphs.map(async (s) => [s.name, await probe(s.name, s.url, timeoutMs, signer, send)] as const));
    const subgraphs = Object.fromEntries(states);
    const allUp = states.every(([, state]) => state === 'up');
    return reply.code(allUp ? 200 : 503).send({ status: allUp ? 'ok' : 'degraded', subgraphs });
  });
  // The safelist decides on the caller's text; then its literals become variables.
  persisted.register(app, gatewayConfig.path);
  normalizer.register(app, gatewayConfig.path);
  app.addHook('onClose', () => rateLimits.close());
  await app.register(fastifyApollo(apollo), {
    path: gatewayConfig.path,
    context: metrics.context(loggedContext(contextFunction(verify, { access, log, deadlineMs: guard.requestDeadlineMs }, rateLimits))),
  });
  // Bulk imports of source authorities' files (gateway/imports.ts).
  await registerImports(app, { config, verify, signer, limits: rateLimits, ...(options.subgraphFetch ? { subgraphFetch: options.subgraphFetch } : {}) });
  // The credit report as a PDF or HTML document, made by a POST of operations/credit-report.graphql to the route above (gateway/reports.ts).
  registerReports(app, gatewayConfig.path);
  // The site, the explorer and their assets, from web/dist (gateway/web.ts).
  await registerWeb(app, { config, ...(options.webRoot ? { root: options.webRoot } : {}) });
  // Fastify drains its own connections on close; Apollo only has to stop after it (Apollo's drain
  // plugin would call fastify.close() from inside this hook and never return).
  app.addHook('onClose', async () => {
    await ops.close();
    await apollo.stop();
    await guard.close();
  });

  return { app, ops, metrics, subgraphs: () => loaded?.subgraphs ?? [] };
}
