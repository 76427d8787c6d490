import { GraphQLError } from 'graphql';

/**
 * The one registry of error codes this graph answers with. Every error a client can see carries one
 * of these codes in `extensions.code`; the README's table is generated from this list
 * (`npm run docs`) and CI fails when the two drift apart.
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: {
    status: 400,
    description:
      'An argument is malformed: a subject code with the wrong length, alphabet or check character, a bad cursor, a batch over its limit. The message says which.',
  },
  GRAPHQL_PARSE_FAILED: { status: 400, description: 'The operation is not valid GraphQL syntax.' },
  MAX_TOKENS_LIMIT: {
    status: 400,
    description: 'The document has more lexical tokens than `CG_MAX_TOKENS`; it was not parsed any further.',
  },
  MAX_DEPTH_LIMIT: { status: 400, description: 'The operation nests fields deeper than `CG_MAX_DEPTH` (fragments inlined).' },
  MAX_ALIASES_LIMIT: { status: 400, description: 'The operation has more aliased fields than `CG_MAX_ALIASES`.' },
  MAX_ROOT_FIELDS_LIMIT: { status: 400, description: 'The operation selects more root fields than `CG_MAX_ROOT_FIELDS` (aliases and fragments included).' },
  MAX_DIRECTIVES_LIMIT: { status: 400, description: 'The operation uses more directives than `CG_MAX_DIRECTIVES`.' },
  MAX_RECURSIVE_SELECTIONS_LIMIT: {
    status: 400,
    description:
      'The operation has more selections than `CG_MAX_RECURSIVE_SELECTIONS` once every fragment is expanded where it is used (always enforced, even in warn mode).',
  },
  MAX_SUBJECTS_LIMIT: {
    status: 400,
    description:
      'The operation names more subject codes than `CG_MAX_SUBJECTS_PER_OPERATION`, counted over every field and alias after variables are applied.',
  },
  COST_ESTIMATED_TOO_EXPENSIVE: {
    status: 400,
    description:
      'The static cost estimate of the operation (from `@cost`/`@listSize`: lists times their page size, objects 1, leaves 0) is over `CG_COST_MAX`. `extensions.cost` and `extensions.limit` give both figures.',
  },
  GRAPHQL_VALIDATION_FAILED: { status: 400, description: 'The operation does not match the schema.' },
  PERSISTED_QUERY_NOT_FOUND: { status: 200, description: 'An automatic persisted query hash is not known yet.' },
  OPERATION_RESOLUTION_FAILURE: { status: 400, description: 'The request names an operation the document does not contain.' },
  BAD_REQUEST: {
    status: 400,
    description: 'The HTTP request itself is malformed: a body that is not JSON, a body over the size limit (413), a wrong method (405, with `Allow`: any path the gateway serves, its web pages included) or content type, an `extensions.persistedQuery` that is not `{ version: 1, sha256Hash }`, a path part over its length (414) or not valid percent-encoding, headers over the size limit (431), bytes that are not HTTP.',
  },
  NOT_FOUND: {
    status: 404,
    description:
      'No such HTTP route (GraphQL is served at `/graphql`, configurable; health at `/health`), or, in a GraphQL error (HTTP 200), no such consent or special application.',
  },
  UNAUTHENTICATED: {
    status: 401,
    description: 'The bearer token is expired, malformed, wrongly signed or carries claims this graph does not accept. No token at all means the public caller.',
  },
  UNAUTHORIZED_FIELD_OR_TYPE: {
    status: 200,
    description:
      'A field the caller may not see was removed before planning; the response has `null` at its path. `extensions` gives the `category`, the `level` it requires and the `reason`.',
  },
  PURPOSE_REQUIRED: {
    status: 400,
    description: 'The operation asks for more than PUBLIC information but states no purpose of inquiry (header `x-inquiry-purpose`).',
  },
  PURPOSE_NOT_ALLOWED: {
    status: 403,
    description:
      "The stated purpose of inquiry is unknown or not among the caller's allowed purposes; or, in a GraphQL error (HTTP 200; 403 from the report route), a credit report of another subject asked under `SELF_QUERY`, which names the caller's own records: no report is issued.",
  },
  FORBIDDEN: {
    status: 200,
    description:
      "The caller may see this kind of record but not do this: only a subject grants or withdraws its own consents; only an organization applies for special access; no organization approves its own application.",
  },
  CONFLICT: {
    status: 200,
    description: 'The record is not in a state that allows the change: a consent already revoked, an application already decided or not approved.',
  },
  INVALID_RECORDS: {
    status: 422,
    description:
      'A submission of records (a `submit…` or `withdraw…` mutation, or an import file) has invalid rows, so nothing of it was written. `extensions.problems` lists each `{ line, field, reason }` (the first 1,000), `extensions.problemCount` counts them all. A mutation answers it as a GraphQL error (HTTP 200); the import endpoint with HTTP 422 and the same report.',
  },
  INQUIRY_RECORD_UNAVAILABLE: {
    status: 503,
    description:
      'The inquiry record of a request that disclosed non-public data could not be written, so none of its data is returned (fail closed). Retry later.',
  },
  SUBGRAPH_UNAVAILABLE: {
    status: 200,
    description:
      "A sector's subgraph is down, slow or failing, did not answer before the request's deadline (`CG_REQUEST_DEADLINE_MS`), or its circuit breaker is open (it failed repeatedly and is not called for a while). Its fields are null; every other sector's data is still returned. `extensions.serviceName` names the sector; the message says why.",
  },
  SERVER_OVERLOADED: {
    status: 503,
    description:
      'The gateway process already serves `CG_MAX_IN_FLIGHT` requests; this one was refused before any work, with `Retry-After`. Retry later, or on another instance.',
  },
  SHUTTING_DOWN: {
    status: 503,
    description: 'The gateway is shutting down and takes no new request (its in-flight requests finish); retry, on another instance, after `Retry-After`.',
  },
  NOT_READY: {
    status: 503,
    description: 'Answered by `GET /health/ready`: the gateway should get no traffic now (no supergraph loaded, shedding load, or shutting down; the message says which).',
  },
  PERSISTED_QUERY_NOT_IN_LIST: {
    status: 400,
    description:
      'With `CG_PERSISTED_QUERIES=safelist` or `require-id`: the operation (by body, or by `extensions.persistedQuery.sha256Hash`) is not in the persisted-query manifest, or the body sent does not match the listed one of that id.',
  },
  PERSISTED_QUERY_ID_REQUIRED: {
    status: 400,
    description: 'With `CG_PERSISTED_QUERIES=require-id`: operations must be sent by id (`extensions.persistedQuery`), not as a body.',
  },
  RATE_LIMITED: {
    status: 429,
    description:
      'The caller is over a rate limit: requests per second (`CG_RATE_LIMIT_RPS`), the daily inquiry quota (`CG_INQUIRY_QUOTA_DAILY`) or failed authentications per address. `extensions.limit` says which; `Retry-After` and `RateLimit-*` headers say when to retry.',
  },
  INTERNAL_SERVER_ERROR: {
    status: 500,
    description: 'An unexpected failure. Details are logged with the request id, never sent to the client.',
  },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}

/** The most of a caller's input an error message repeats. */
export const ECHO_MAX = 24;

/**
 * A caller's input as an error message may repeat it: at most {@link ECHO_MAX} characters and an
 * ellipsis, control characters shown as `?`. Messages never echo more of what a stranger sent.
 */
export function echo(input: unknown): string {
  const text = typeof input === 'string' ? input : String(input);
  const chars = [...text];
  const shown = chars.slice(0, ECHO_MAX).join('').replace(/\p{Cc}/gu, '?');
  return chars.length > ECHO_MAX ? `${shown}…` : shown;
}

export function graphqlError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return graphqlError('BAD_USER_INPUT', message, extensions);
}

/** Free text a caller writes into a record (a reason, a note): at most this many characters. */
export const FREE_TEXT_MAX = 2_000;

/** Free text of an argument, refused with BAD_USER_INPUT above {@link FREE_TEXT_MAX} characters. */
export function requireBoundedText<T extends string | null | undefined>(value: T, argumentName: string, max = FREE_TEXT_MAX): T {
  if (typeof value === 'string' && [...value].length > max) {
    throw badUserInput(`\`${argumentName}\` must have at most ${max} characters`, { argumentName });
  }
  return value;
}

/** The Markdown table of codes that the README carries between its `error-codes` markers. */
export function errorCodesMarkdown(): string {
  const rows = Object.entries(ERROR_CODES).map(
    ([code, { status, description }]) => `| \`${code}\` | ${status} | ${description} |`,
  );
  return ['| code | HTTP status | meaning |', '|---|---|---|', ...rows].join('\n');
}
