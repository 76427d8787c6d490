import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { CONTEXT_HEADER, GRANTS_EXTENSION, GRAPHQL_ROUTE, type Caller, type SubjectGrants } from '../../shared/auth/context';
import { principalFromClaims } from '../../shared/auth/tokens';
import type { Principal } from '../../shared/policy/principal';
import { TEST_SIGNER } from './stores';

/** Subgraph tests ask as a regulator with a statutory power, through a context signed as the gateway would. */
export const REGULATOR_PRINCIPAL: Principal = principalFromClaims({
  kind: 'REGULATOR',
  org: '11100000000013127D',
  grants: ['*:RESTRICTED'],
  purposes: ['SUPERVISION'],
  statutory: true,
});

/**
 * Who a test fetch is from, and the subject grants it carries: `inject` signs the context (and the
 * grants) for the subgraph it posts to and the exact body it sends, as the gateway's data source does.
 */
export interface AsCaller {
  readonly caller: Caller;
  readonly grants?: Readonly<Record<string, SubjectGrants>>;
}

export function gatewayHeaders(principal: Principal = REGULATOR_PRINCIPAL, purpose: string | null = 'SUPERVISION'): Promise<AsCaller> {
  return Promise.resolve({ caller: { principal, purpose } });
}

/** A context header signed for exactly one subgraph, route and body: what the gateway sends with one fetch. */
export async function signedFor(
  audience: string,
  body: unknown,
  caller: Caller = { principal: REGULATOR_PRINCIPAL, purpose: 'SUPERVISION' },
  route: string = GRAPHQL_ROUTE,
): Promise<Record<string, string>> {
  return { [CONTEXT_HEADER]: await TEST_SIGNER.sign(caller, { audience, route, body }) };
}

/**
 * The regulator plus an approved special application over every category for each of `codes`, as
 * the gateway would sign it: for tests that read every list of a sector, SPECIAL ones too.
 */
export function withSpecialApplications(codes: readonly string[]): Promise<AsCaller> {
  const validUntil = new Date(Date.now() + 3_600_000);
  const subjects = Object.fromEntries(
    codes.map((code) => [
      code,
      {
        consents: [],
        applications: [
          { id: `application-${code}`, organization: REGULATOR_PRINCIPAL.organization as string, subject: code, categories: ['*'], purpose: 'SUPERVISION', validUntil, approvedAt: new Date(), revokedAt: null },
        ],
      },
    ]),
  );
  return Promise.resolve({ caller: { principal: REGULATOR_PRINCIPAL, purpose: 'SUPERVISION', requestId: randomUUID() }, grants: subjects });
}

export interface GraphQLResponse {
  readonly status: number;
  readonly body: { data?: unknown; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>; extensions?: Record<string, unknown> };
  /** What the subgraph reported disclosing above PUBLIC (`extensions.disclosures`), which `body` leaves out. */
  readonly disclosures: unknown[];
}

/**
 * Posts an operation to a Fastify-served GraphQL endpoint without the network: as the regulator by
 * default, as `as` says, or with exactly the raw `headers` given (for forged or missing contexts).
 */
export async function inject(
  app: FastifyInstance,
  query: string,
  variables: Record<string, unknown> = {},
  as?: Record<string, string> | AsCaller,
): Promise<GraphQLResponse> {
  let headers: Record<string, string>;
  let sent: Record<string, unknown> = { query, variables };
  if (as && !('caller' in as)) {
    headers = as;
  } else {
    const { caller, grants } = (as as AsCaller | undefined) ?? (await gatewayHeaders());
    const audience = app.subgraphName ?? '';
    const requestId = caller.requestId ?? randomUUID();
    if (grants) sent = { ...sent, extensions: { [GRANTS_EXTENSION]: await TEST_SIGNER.signGrants(audience, requestId, grants, false) } };
    headers = await signedFor(audience, sent, { ...caller, requestId });
  }
  const response = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(sent),
  });
  const body = response.json();
  const { disclosures = [], ...otherExtensions } = (body.extensions ?? {}) as { disclosures?: unknown[] };
  if (body.extensions) {
    if (Object.keys(otherExtensions).length > 0) body.extensions = otherExtensions;
    else delete body.extensions;
  }
  return { status: response.statusCode, body, disclosures };
}

/** The `_entities` operation the gateway sends a sector for subjects. */
export function entities(codes: readonly string[], selection: string): { query: string; variables: Record<string, unknown> } {
  return {
    query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Subject { code ${selection} } } }`,
    variables: { r: codes.map((code) => ({ __typename: 'Subject', code })) },
  };
}
