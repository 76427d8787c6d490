import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { CONTEXT_HEADER, GRANTS_EXTENSION } from '../shared/auth/context';

export interface SectorDataSourceOptions {
  readonly name: string;
  readonly url: string;
  readonly timeoutMs: number;
  /**
   * Signs what a subgraph fetch carries: the request's context (a header) and, when the fetch is about
   * subjects whose grants matter, those grants (a body extension).
   */
  readonly sign: (context: unknown, variables: Readonly<Record<string, unknown>> | undefined) => Promise<{ readonly header: string; readonly grants: string | null }>;
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
 * How the gateway reaches one subgraph: Node's fetch (keep-alive pooled), a per-fetch timeout, and
 * failures turned into one SUBGRAPH_UNAVAILABLE error that names the subgraph and never leaks its URL.
 * The rest of the plan still runs, so the other sectors' data is returned.
 */
export class SectorDataSource extends RemoteGraphQLDataSource {
  private readonly subgraphName: string;
  private readonly timeoutMs: number;
  private readonly sign: SectorDataSourceOptions['sign'];
  private readonly onResponse: SectorDataSourceOptions['onResponse'];

  constructor(options: SectorDataSourceOptions) {
    super({ url: options.url });
    this.subgraphName = options.name;
    this.timeoutMs = options.timeoutMs;
    this.sign = options.sign;
    this.onResponse = options.onResponse;
    const timeoutMs = options.timeoutMs;
    this.fetcher = ((url: string, init: RequestInit) =>
      fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as RemoteGraphQLDataSource['fetcher'];
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions): Promise<void> {
    const { header, grants } = await this.sign(options.context, options.request.variables);
    options.request.http?.headers.set(CONTEXT_HEADER, header);
    if (grants) options.request.extensions = { ...options.request.extensions, [GRANTS_EXTENSION]: grants };
  }

  override async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    try {
      const response = await super.process(options);
      this.onResponse(options.context, response.extensions);
      return response;
    } catch (error) {
      const path = 'pathInIncomingRequest' in options ? options.pathInIncomingRequest : undefined;
      throw new GraphQLError(
        `The ${this.subgraphName} subgraph is unavailable (${reasonOf(error, this.timeoutMs)}); its fields are null`,
        { path, extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.subgraphName } },
      );
    }
  }
}
