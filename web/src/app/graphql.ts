import { useQuery, useMutation, type UseQueryOptions } from '@tanstack/react-query';
import persistedIds from '../gql/persisted-ids.json';
import { usePrincipal } from './auth';
import { useSiteConfig } from './context';

/**
 * How the site talks to the graph: every operation is one of `operations/site` or `operations/desk`,
 * typed by graphql-codegen (web/src/gql) and listed in the persisted-query manifest, so the site sends
 * the operation's id only (`extensions.persistedQuery.sha256Hash`) and runs unchanged with the
 * gateway's safelist in `require-id` mode. Without a safelist the gateway answers an unknown id with
 * PERSISTED_QUERY_NOT_FOUND and the request is sent once more with its body alone.
 * The signed-in user's own access token goes with every request: there is no other API.
 */

/** A typed operation as graphql-codegen's client preset makes it (`documentMode: 'string'`). */
export interface TypedOperation<TResult, TVariables> {
  toString(): string;
  /** Phantom types: never set at run time. */
  readonly __apiType?: (variables: TVariables) => TResult;
}

export interface GraphQLErrorBody {
  readonly message: string;
  readonly path?: ReadonlyArray<string | number>;
  readonly extensions?: { readonly code?: string } & Record<string, unknown>;
}

/** The graph refused the request or a part of it: the errors as the gateway gave them, with their codes. */
export class GraphQLRequestError extends Error {
  override readonly name = 'GraphQLRequestError';
  constructor(
    readonly errors: readonly GraphQLErrorBody[],
    readonly status: number,
  ) {
    super(errors.map((e) => e.message).join('; ') || `HTTP ${status}`);
  }
  get codes(): string[] {
    return this.errors.map((e) => e.extensions?.code ?? 'UNKNOWN');
  }
}

const IDS = persistedIds as Record<string, string>;

export function operationName(document: string): string {
  const match = /\b(query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(document);
  if (!match?.[2]) throw new Error('a site operation must be named');
  return match[2];
}

export interface RequestContext {
  readonly graphqlPath: string;
  readonly accessToken: string | null;
  /** `x-inquiry-purpose`: a subject reading itself states SELF_QUERY. */
  readonly purpose: string | null;
}

export async function graphqlRequest<TResult, TVariables>(
  context: RequestContext,
  operation: TypedOperation<TResult, TVariables>,
  variables: TVariables,
): Promise<TResult> {
  const query = operation.toString();
  const name = operationName(query);
  const id = IDS[name];
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (context.accessToken) headers.authorization = `Bearer ${context.accessToken}`;
  if (context.purpose) headers['x-inquiry-purpose'] = context.purpose;
  // By id alone; or, when the gateway does not know the id (no safelist, APQ's cache empty), by body
  // alone: APQ would refuse the id beside this body, whose text is codegen's, not the manifest's print.
  const send = async (byId: boolean) => {
    const body = {
      operationName: name,
      variables,
      ...(byId ? { extensions: { persistedQuery: { version: 1, sha256Hash: id } } } : { query }),
    };
    const response = await fetch(context.graphqlPath, { method: 'POST', headers, body: JSON.stringify(body) });
    let json: { data?: TResult | null; errors?: GraphQLErrorBody[] };
    try {
      json = (await response.json()) as typeof json;
    } catch {
      throw new GraphQLRequestError([{ message: `the graph answered HTTP ${response.status}`, extensions: { code: 'HTTP_ERROR' } }], response.status);
    }
    return { response, json };
  };
  let { response, json } = await send(id !== undefined);
  if (id !== undefined && json.errors?.some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) ({ response, json } = await send(false));
  if (json.errors && json.errors.length > 0) throw new GraphQLRequestError(json.errors, response.status);
  if (json.data === undefined || json.data === null) throw new GraphQLRequestError([], response.status);
  return json.data;
}

/** The request context of the signed-in user. */
export function useRequestContext(): RequestContext {
  const config = useSiteConfig();
  const principal = usePrincipal();
  return {
    graphqlPath: config.graphqlPath,
    accessToken: principal?.accessToken ?? null,
    purpose: principal?.kind === 'SUBJECT' ? 'SELF_QUERY' : null,
  };
}

/** The cache key of an operation's result for these variables and this user (see `useGraphQLQuery`). */
export function queryKeyOf<TResult, TVariables>(operation: TypedOperation<TResult, TVariables>, variables: TVariables, accessToken: string | null) {
  return [operationName(operation.toString()), variables, accessToken] as const;
}

/** A query of the graph as the signed-in user, cached by TanStack Query under the operation and its variables. */
export function useGraphQLQuery<TResult, TVariables>(
  operation: TypedOperation<TResult, TVariables>,
  variables: TVariables,
  options: Omit<UseQueryOptions<TResult, GraphQLRequestError>, 'queryKey' | 'queryFn'> = {},
) {
  const context = useRequestContext();
  return useQuery<TResult, GraphQLRequestError>({
    queryKey: queryKeyOf(operation, variables, context.accessToken),
    queryFn: () => graphqlRequest(context, operation, variables),
    ...options,
  });
}

/** A mutation of the graph as the signed-in user. */
export function useGraphQLMutation<TResult, TVariables>(operation: TypedOperation<TResult, TVariables>) {
  const context = useRequestContext();
  return useMutation<TResult, GraphQLRequestError, TVariables>({
    mutationFn: (variables) => graphqlRequest(context, operation, variables),
  });
}
