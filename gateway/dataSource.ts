import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { CONTEXT_HEADER, GRANTS_EXTENSION, GRAPHQL_ROUTE, PUBLIC_CALLER, type ContextSigner } from '../shared/auth/context';
import { echoesCapped } from '../shared/http';
import { subjectsOfQuery } from '../shared/policy/subjects';
import type { GatewayContext, GatewayRequest } from './request';
import type { GatewayObserver } from './observe';
import { Resilience, SubgraphFetchError, withFetchScope, type FetchScope } from './resilience/subgraphFetch';
import type { SubgraphSend } from './resilience/send';

export interface SectorDataSourceOptions {
  readonly name: string;
  readonly url: string;
  readonly timeoutMs: number;
  /** How fetches reach the subgraph: the gateway's undici pool, or (in tests) a route to an in-process server. */
  readonly fetch: SubgraphSend;
  /** Signs each fetch's context (header `x-credit-graph-context`) and grants, for this subgraph and exactly that body. */
  readonly signer: ContextSigner;
  /**
   * The gateway's breakers, retries and per-subgraph timeouts (gateway/resilience/subgraphFetch.ts),
   * shared by all its data sources. Without it, each fetch only has `timeoutMs`.
   */
  readonly resilience?: Resilience;
  /** Told of every fetch when no `resilience` is given (a `resilience` has its own observer). */
  readonly observer?: GatewayObserver;
}

/**
 * The `kind` of a fetch made for an incoming operation (`GraphQLDataSourceRequestKind.INCOMING_OPERATION`,
 * which @apollo/gateway's entry point does not export); the others are its own `LOADING_SCHEMA` and
 * `HEALTH_CHECK` fetches, which have no caller.
 */
type IncomingOperation = Extract<GraphQLDataSourceProcessOptions, { incomingRequestContext: unknown }>['kind'];
const INCOMING_OPERATION = ('incoming operation' satisfies `${IncomingOperation}`) as IncomingOperation;

function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof SubgraphFetchError) return error.reason;
  const e = error as { name?: string; code?: string; cause?: { code?: string }; extensions?: { response?: { status?: number } } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = e?.cause?.code ?? e?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  const status = e?.extensions?.response?.status;
  if (typeof status === 'number') return `HTTP ${status}`;
  return 'unexpected response';
}

/** The kind of operation a fetch's text is: the query planner writes `query ...`, `mutation ...` or `{ ... }`. */
function operationOf(query: string | undefined): 'query' | 'mutation' | 'subscription' {
  const keyword = /^\s*(query|mutation|subscription)\b/.exec(query ?? '')?.[1];
  return keyword === 'mutation' || keyword === 'subscription' ? keyword : 'query';
}

/**
 * A subgraph that answers HTTP 400 with BAD_USER_INPUT or validation errors (a variable its own scalars refuse,
 * such as a DateTime of 2024-02-30, which the gateway's opaque scalars let through) refused the
 * caller's input: those errors are relayed as the fetch's errors, not as the subgraph being down.
 */
const INPUT_CODES: ReadonlySet<unknown> = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);

/** A scalar library's message may repeat the value unquoted: keep the start, which says what is wrong. */
function shortened(message: string): string {
  const chars = [...message];
  return chars.length > 120 ? `${chars.slice(0, 120).join('')}…` : message;
}

function inputRefusal(error: unknown): GraphQLFormattedError[] | null {
  const response = (error as { extensions?: { response?: { status?: number; body?: unknown } } })?.extensions?.response;
  if (response?.status !== 400) return null;
  const errors = (response.body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const all = errors as Array<{ message?: unknown; extensions?: { code?: unknown } }>;
  // The gateway validated the operation already: what a subgraph's validation still refuses is a value.
  if (!all.every((e) => typeof e?.message === 'string' && INPUT_CODES.has(e.extensions?.code))) return null;
  return all.map((e) => ({ message: shortened(echoesCapped(e.message as string)), extensions: { code: 'BAD_USER_INPUT' } }));
}

/**
 * How the gateway reaches one subgraph: the gateway's send (an undici keep-alive pool by default),
 * guarded by its resilience (a per-fetch timeout within the request's deadline, a circuit breaker,
 * retries of queries refused before any answer), and failures turned into one SUBGRAPH_UNAVAILABLE
 * error that names the subgraph, says why, and never leaks its URL. @apollo/gateway's executor
 * catches a fetch's error, nulls that fetch's fields and runs the rest of the plan, so the other
 * sectors' data is returned (partial data, as Apollo Router does).
 *
 * A fetch of an incoming operation speaks for that operation's request (Apollo's context `{ request }`):
 * it is signed for the request's caller, carries the grants of the subjects it concerns when the
 * operation needs them, and hands what the subgraph disclosed back to the request. The gateway's own
 * fetches (loading the schema, health checks) speak for the public.
 */
export class SectorDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly subgraphName: string;
  private readonly timeoutMs: number;
  private readonly signer: ContextSigner;

  constructor(options: SectorDataSourceOptions) {
    super({ url: options.url });
    this.subgraphName = options.name;
    const resilience = options.resilience ?? Resilience.timeoutOnly(options.timeoutMs, options.observer);
    this.timeoutMs = options.resilience ? resilience.timeoutFor(options.name) : options.timeoutMs;
    this.signer = options.signer;
    this.fetcher = resilience.fetchFor(options.name, options.fetch);
  }

  /** What the guard of each fetch needs to know of it: its kind, and its request's deadline. */
  private scopeOf(options: GraphQLDataSourceProcessOptions<GatewayContext>): FetchScope {
    if (options.kind !== INCOMING_OPERATION) return { operation: 'schema', deadline: Number.POSITIVE_INFINITY };
    const request = options.context.request;
    return { operation: operationOf(options.request.query), deadline: request.deadline, requestId: request.id };
  }

  /**
   * Every fetch (an operation's, the schema loading's, a health check's) is signed here, last, when its
   * body is final: RemoteGraphQLDataSource then sends `JSON.stringify(request without http)`, and the
   * context binds the SHA-256 of that body's canonical JSON, so it is good for this fetch only. The
   * canonical JSON follows JSON.stringify's rules, so it is taken of the body as it stands (no copy).
   */
  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const outgoing = options.request;
    const request: GatewayRequest | null = options.kind === INCOMING_OPERATION ? options.context.request : null;
    if (request?.needsGrants) {
      const grants = await request.grantsFor(subjectsOfQuery(outgoing.query ?? '', outgoing.variables));
      if (grants) {
        const signed = await this.signer.signGrants(this.subgraphName, request.id, grants.subjects, grants.unavailable);
        outgoing.extensions = { ...outgoing.extensions, [GRANTS_EXTENSION]: signed };
      }
    }
    const { http, ...body } = outgoing;
    const context = await this.signer.sign(request?.caller ?? PUBLIC_CALLER, { audience: this.subgraphName, route: GRAPHQL_ROUTE, body });
    http?.headers.set(CONTEXT_HEADER, context);
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    return withFetchScope(this.scopeOf(options), () => this.guardedProcess(options));
  }

  private async guardedProcess(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      const response = await super.process(options);
      if (options.kind === INCOMING_OPERATION) options.context.request.noteResponse(response.extensions);
      return response;
    } catch (error) {
      const refused = inputRefusal(error);
      if (refused) return { errors: refused };
      const path = options.kind === INCOMING_OPERATION ? options.pathInIncomingRequest : undefined;
      throw new GraphQLError(
        `The ${this.subgraphName} subgraph is unavailable (${reasonOf(error, this.timeoutMs)}); its fields are null`,
        { path, extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.subgraphName } },
      );
    }
  }
}
