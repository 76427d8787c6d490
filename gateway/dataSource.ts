import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { CONTEXT_HEADER, GRANTS_EXTENSION } from '../shared/auth/context';
import { echoesCapped } from '../shared/http';

export interface SectorDataSourceOptions {
  readonly name: string;
  readonly url: string;
  readonly timeoutMs: number;
  /** How fetches reach the subgraph: Node's fetch, or (in tests) a route to an in-process server. */
  readonly fetch: typeof fetch;
  /**
   * The signed grants a fetch about subjects carries in its body (`extensions.creditGraphGrants`), when
   * the operation asks for data that depends on them; null otherwise. Made for this subgraph.
   */
  readonly grants: (context: unknown, audience: string, variables: Readonly<Record<string, unknown>> | undefined) => Promise<string | null>;
  /** The fetch's context (header `x-credit-graph-context`), signed for this subgraph and exactly this body. */
  readonly sign: (context: unknown, audience: string, body: unknown) => Promise<string>;
  /** Hands what the subgraph reported disclosing to the request's inquiry record. */
  readonly onResponse: (context: unknown, extensions: Record<string, unknown> | undefined) => void;
}

function reasonOf(error: unknown, timeoutMs: number): string {
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
 * How the gateway reaches one subgraph: Node's fetch (keep-alive pooled), a per-fetch timeout, and
 * failures turned into one SUBGRAPH_UNAVAILABLE error that names the subgraph and never leaks its URL.
 * The rest of the plan still runs, so the other sectors' data is returned.
 */
export class SectorDataSource extends RemoteGraphQLDataSource {
  private readonly subgraphName: string;
  private readonly timeoutMs: number;
  private readonly sign: SectorDataSourceOptions['sign'];
  private readonly grants: SectorDataSourceOptions['grants'];
  private readonly onResponse: SectorDataSourceOptions['onResponse'];

  constructor(options: SectorDataSourceOptions) {
    super({ url: options.url });
    this.subgraphName = options.name;
    this.timeoutMs = options.timeoutMs;
    this.sign = options.sign;
    this.grants = options.grants;
    this.onResponse = options.onResponse;
    const timeoutMs = options.timeoutMs;
    const send = options.fetch;
    this.fetcher = ((url: string, init: RequestInit) =>
      send(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as RemoteGraphQLDataSource['fetcher'];
  }

  /**
   * Every fetch (an operation's, the schema loading's, a health check's) is signed here, last, when its
   * body is final: RemoteGraphQLDataSource then sends `JSON.stringify(request without http)`, and the
   * context binds the SHA-256 of that body's canonical JSON, so it is good for this fetch only.
   */
  override async willSendRequest(options: GraphQLDataSourceProcessOptions): Promise<void> {
    const { request } = options;
    const grants = await this.grants(options.context, this.subgraphName, request.variables);
    if (grants) request.extensions = { ...request.extensions, [GRANTS_EXTENSION]: grants };
    const { http, ...body } = request;
    const header = await this.sign(options.context, this.subgraphName, JSON.parse(JSON.stringify(body)));
    http?.headers.set(CONTEXT_HEADER, header);
  }

  override async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    try {
      const response = await super.process(options);
      this.onResponse(options.context, response.extensions);
      return response;
    } catch (error) {
      const refused = inputRefusal(error);
      if (refused) return { errors: refused };
      const path = 'pathInIncomingRequest' in options ? options.pathInIncomingRequest : undefined;
      throw new GraphQLError(
        `The ${this.subgraphName} subgraph is unavailable (${reasonOf(error, this.timeoutMs)}); its fields are null`,
        { path, extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.subgraphName } },
      );
    }
  }
}
