import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { CONTEXT_HEADER, GRANTS_EXTENSION, signContext, signGrants } from '../../shared/auth/context';
import { principalFromClaims } from '../../shared/auth/tokens';
import type { Principal } from '../../shared/policy/principal';
import { TEST_INTERNAL_SECRET } from './stores';

/** Subgraph tests ask as a regulator with a statutory power, through a context signed as the gateway would. */
export const REGULATOR_PRINCIPAL: Principal = principalFromClaims({
  kind: 'REGULATOR',
  org: '11100000000013127D',
  grants: ['*:RESTRICTED'],
  purposes: ['SUPERVISION'],
  statutory: true,
});

export async function gatewayHeaders(principal: Principal = REGULATOR_PRINCIPAL, purpose: string | null = 'SUPERVISION'): Promise<Record<string, string>> {
  return { [CONTEXT_HEADER]: await signContext(TEST_INTERNAL_SECRET, { principal, purpose }) };
}

/**
 * The regulator's context plus an approved special application over every category for each of
 * `codes`, as the gateway would sign it: for tests that read every list of a sector, SPECIAL ones too.
 */
export async function withSpecialApplications(codes: readonly string[]): Promise<Signed> {
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
  const requestId = randomUUID();
  return {
    headers: { [CONTEXT_HEADER]: await signContext(TEST_INTERNAL_SECRET, { principal: REGULATOR_PRINCIPAL, purpose: 'SUPERVISION', requestId }) },
    extensions: { [GRANTS_EXTENSION]: await signGrants(TEST_INTERNAL_SECRET, requestId, subjects, false) },
  };
}

/** What a gateway fetch carries: its context header and, with grants, its body extensions. */
export interface Signed {
  readonly headers: Record<string, string>;
  readonly extensions?: Record<string, unknown>;
}

export interface GraphQLResponse {
  readonly status: number;
  readonly body: { data?: unknown; errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>; extensions?: Record<string, unknown> };
  /** What the subgraph reported disclosing above PUBLIC (`extensions.disclosures`), which `body` leaves out. */
  readonly disclosures: unknown[];
}

/** Posts an operation to a Fastify-served GraphQL endpoint without the network. */
export async function inject(
  app: FastifyInstance,
  query: string,
  variables: Record<string, unknown> = {},
  signed?: Record<string, string> | Signed,
): Promise<GraphQLResponse> {
  const { headers, extensions } = signed && 'headers' in signed ? (signed as Signed) : { headers: signed as Record<string, string> | undefined, extensions: undefined };
  const response = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', ...(headers ?? (await gatewayHeaders())) },
    payload: JSON.stringify({ query, variables, ...(extensions ? { extensions } : {}) }),
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
