import { readFile } from 'node:fs/promises';
import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo from '@as-integrations/fastify';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Config } from '../shared/config';
import { isSubgraphName } from '../subgraphs/names';
import { graphqlShapedHttpErrors } from '../shared/http';
import { SectorDataSource } from './dataSource';
import { AuthorizingGateway } from './authorizingGateway';
import { contextFunction, type GatewayContext } from './context';
import { createVerifier } from '../shared/auth/tokens';
import { CONTEXT_HEADER, ContextSigner, GRAPHQL_ROUTE, type Caller, type SubjectGrants } from '../shared/auth/context';
import { AccessClient, InquiryWriter, subjectCodesIn } from './inquiry';
import { PUBLIC_PRINCIPAL } from '../shared/policy/principal';
import { formatGatewayError } from './errors';
import { costDirectivesOf, demandPlugin, limitValidationRules, NO_COST_DIRECTIVES, parseOptions, type CostDirectives } from './limits';

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
}

export interface Gateway {
  /** The graph's public listener: `/graphql` and `/health`. */
  readonly app: FastifyInstance;
  /** The ops listener (`/health`, `/health/subgraphs`), for `CG_GATEWAY_OPS_HOST`/`CG_GATEWAY_OPS_PORT` only. */
  readonly ops: FastifyInstance;
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

const PUBLIC_CALLER: Caller = { principal: PUBLIC_PRINCIPAL, purpose: null };
const PROBE_BODY = { query: '{ __typename }' };

async function probe(name: string, url: string, timeoutMs: number, signer: ContextSigner, send: typeof fetch): Promise<'up' | 'down'> {
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

/** Builds the gateway's HTTP server without listening. */
export async function buildGateway(options: GatewayOptions): Promise<Gateway> {
  const { config } = options;
  const send = options.subgraphFetch ?? fetch;
  const gatewayConfig = config.gateway;
  if (!gatewayConfig.apolloTelemetry) {
    // @apollo/gateway reads this at construction; the graph must not phone home unless asked to.
    process.env.APOLLO_TELEMETRY_DISABLED = '1';
  }

  let loaded: LoadedGraph | null = null;
  const { privateKeyPem, ttlSeconds, isDevelopmentKey } = config.auth.context;
  if (!privateKeyPem) throw new Error('the gateway has no key to sign request contexts with: set CG_CONTEXT_PRIVATE_KEY');
  // Every subgraph fetch gets its own context, signed for that subgraph and that body (no caching).
  const signer = new ContextSigner(privateKeyPem, ttlSeconds);
  const access = new AccessClient(config.subgraphs.access.url, gatewayConfig.subgraphTimeoutMs, signer, send);
  const inquiries = new InquiryWriter(access);
  let logWarning: (details: Record<string, unknown>, message: string) => void = () => undefined;
  const callerOf = (context: unknown): Caller => {
    const auth = (context as Partial<GatewayContext> | undefined)?.auth;
    // Gateway-internal fetches (loading the schema, health checks) act as the public.
    if (!auth) return PUBLIC_CALLER;
    // Only a purpose the principal holds is ever signed. The context function has already refused any
    // other; this keeps the rule where the signing happens too.
    const purpose = auth.purpose !== null && auth.principal.purposes.includes(auth.purpose) ? auth.purpose : null;
    return { principal: auth.principal, purpose, requestId: auth.requestId };
  };
  const sign = (context: unknown, audience: string, body: unknown) => signer.sign(callerOf(context), { audience, route: GRAPHQL_ROUTE, body });
  /**
   * A fetch about subjects carries the grants (consents, approved special applications) the caller
   * holds for them, when the operation asks for data that depends on them; the subgraphs decide per
   * subject with exactly those facts.
   */
  const grants = async (context: unknown, audience: string, variables: Readonly<Record<string, unknown>> | undefined) => {
    const gatewayContext = context as Partial<GatewayContext> | undefined;
    if (!gatewayContext?.auth || !gatewayContext.inquiry) return null;
    const { auth, inquiry } = gatewayContext as GatewayContext;
    const codes = inquiry.needsGrants ? subjectCodesIn(variables) : [];
    if (codes.length === 0) return null;
    const found = await inquiry.grantsFor(access, callerOf(context), codes, (reason) =>
      logWarning({ requestId: auth.requestId, reason }, 'subject grants could not be loaded; none is assumed'),
    );
    const subjects = Object.fromEntries(codes.map((code, i) => [code, found[i] as SubjectGrants]));
    return signer.signGrants(audience, auth.requestId, subjects, inquiry.grantsUnavailable);
  };
  const onResponse = (context: unknown, extensions: Record<string, unknown> | undefined) =>
    (context as Partial<GatewayContext> | undefined)?.inquiry?.noteResponse(extensions);
  const buildService = ({ name, url }: { name: string; url?: string }) =>
    new SectorDataSource({ name, url: urlFor(config, name, url), timeoutMs: gatewayConfig.subgraphTimeoutMs, fetch: send, sign, grants, onResponse });

  let gateway: ApolloGateway;
  if (gatewayConfig.supergraph.mode === 'file') {
    const file = gatewayConfig.supergraph.path;
    let supergraphSdl: string;
    try {
      supergraphSdl = await readFile(file, 'utf8');
    } catch (error) {
      throw new Error(`cannot read the supergraph file ${file} (CG_SUPERGRAPH): ${(error as Error).message}`);
    }
    gateway = new ApolloGateway({ supergraphSdl, buildService });
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
  let costDirectives: CostDirectives = NO_COST_DIRECTIVES;
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    loaded = { subgraphs: graphsOf(coreSupergraphSdl).map((g) => ({ name: g.name, url: urlFor(config, g.name, g.url) })) };
    // The API schema drops @cost/@listSize; the core supergraph keeps them.
    costDirectives = costDirectivesOf(coreSupergraphSdl);
  });

  const limits = gatewayConfig.operationLimits;
  const logging =
    options.logger === false
      ? ({ logger: false } as const)
      : { loggerInstance: options.logger, logController: new LogController({ disableRequestLogging: true }) };
  const app = Fastify({ ...logging, bodyLimit: limits.maxRequestBytes });
  graphqlShapedHttpErrors(app);
  const ops = Fastify({ ...logging, bodyLimit: 1_024 });
  graphqlShapedHttpErrors(ops);
  const errorLogger = { error: (details: Record<string, unknown>, message: string) => app.log.error(details, message) };
  const verify = await createVerifier(config.auth);
  if (config.auth.key.kind === 'secret' && config.auth.key.isDevelopmentDefault) {
    app.log.warn('bearer tokens are verified with the development key: set CG_TOKEN_SECRET, CG_TOKEN_PUBLIC_KEY or CG_TOKEN_JWKS_URL');
  }
  if (isDevelopmentKey) {
    app.log.warn(
      'DEVELOPMENT KEY IN USE: subgraph request contexts are signed with the published development key pair, which anyone can sign with; set CG_CONTEXT_PRIVATE_KEY (refused in production)',
    );
  }
  logWarning = (details, message) => app.log.warn(details, message);
  const authorizing = new AuthorizingGateway(gateway, {
    mode: gatewayConfig.authorizationMode,
    log: (details, message) => app.log.info(details, message),
    recordInquiry: async (context, disclosures) => {
      // Signed when it goes out, for its disclosures: the record names who asked by a context that is
      // still valid when it arrives and good for nothing else.
      await inquiries.write(callerOf(context), disclosures);
    },
    logError: (details, message) => app.log.error(details, message),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway: options.unsafeWithoutAuthorization ? gateway : authorizing,
    introspection: gatewayConfig.introspection,
    includeStacktraceInErrorResponses: false,
    // The process entry point owns SIGINT/SIGTERM and closes Fastify, which stops Apollo; Apollo's own
    // signal handlers would race it and re-raise the signal into a process that is already closing.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => formatGatewayError(formatted, error, errorLogger),
    // No "Did you mean ...?" in validation errors: strangers learn no field or type names from typos.
    hideSchemaDetailsFromClientErrors: true,
    // The token limit stops the lexer before a full parse.
    parseOptions: parseOptions(limits),
    validationRules: limitValidationRules(limits, (details, message) => app.log.warn(details, message)),
    plugins: [
      config.nodeEnv === 'production' ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: false }),
      demandPlugin({ limits, directives: () => costDirectives, log: (details, message) => app.log.warn(details, message) }),
    ],
  });
  await apollo.start();

  // Liveness for callers and load balancers: the status only, nothing about the graph's layout.
  const health = async (_request: unknown, reply: FastifyReply) =>
    loaded ? reply.send({ status: 'ok' }) : reply.code(503).send({ status: 'starting' });
  app.get('/health', health);
  ops.get('/health', health);
  // Readiness for ops, on the ops listener only: every subgraph is asked `{ __typename }` with a short timeout.
  ops.get('/health/subgraphs', async (_request, reply) => {
    if (!loaded) return reply.code(503).send({ status: 'starting', supergraph: 'not loaded' });
    const timeoutMs = Math.min(gatewayConfig.subgraphTimeoutMs, 2_000);
    const states = await Promise.all(loaded.subgraphs.map(async (s) => [s.name, await probe(s.name, s.url, timeoutMs, signer, send)] as const));
    const subgraphs = Object.fromEntries(states);
    const allUp = states.every(([, state]) => state === 'up');
    return reply.code(allUp ? 200 : 503).send({ status: allUp ? 'ok' : 'degraded', subgraphs });
  });
  await app.register(fastifyApollo(apollo), { path: gatewayConfig.path, context: contextFunction(verify) });
  // Fastify drains its own connections on close; Apollo only has to stop after it (Apollo's drain
  // plugin would call fastify.close() from inside this hook and never return).
  app.addHook('onClose', async () => {
    await ops.close();
    await apollo.stop();
  });

  return { app, ops, subgraphs: () => loaded?.subgraphs ?? [] };
}
