import type { FastifyInstance } from 'fastify';

export interface GraphQLResponse {
  readonly status: number;
  readonly body: { data?: unknown; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }> };
}

/** Posts an operation to a Fastify-served GraphQL endpoint without the network. */
export async function inject(
  app: FastifyInstance,
  query: string,
  variables: Record<string, unknown> = {},
  url = '/graphql',
): Promise<GraphQLResponse> {
  const response = await app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ query, variables }),
  });
  return { status: response.statusCode, body: response.json() };
}

/** The `_entities` operation the gateway sends a sector for subjects. */
export function entities(codes: readonly string[], selection: string): { query: string; variables: Record<string, unknown> } {
  return {
    query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Subject { code ${selection} } } }`,
    variables: { r: codes.map((code) => ({ __typename: 'Subject', code })) },
  };
}
