import { SignJWT, jwtVerify, importSPKI, importPKCS8, createRemoteJWKSet, decodeJwt, errors, type JWTPayload, type KeyLike, type JWTVerifyOptions, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig, OidcConfig } from '../config';
import { echo } from '../errors';
import { isLevel } from '../policy/levels';
import { CATEGORY_NAMES } from '../policy/categories';
import { checkSubjectCode, checkUscc } from '../identifiers';
import { isPurpose, PUBLIC_PRINCIPAL, type Grant, type Principal, type PrincipalKind } from '../policy/principal';

/**
 * Bearer tokens: signed JWTs verified once at the gateway. No token means the public principal; a
 * token that is expired, malformed, wrongly signed or makes claims we do not understand is refused.
 */

export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
  readonly code = 'UNAUTHENTICATED';
}

const KINDS: readonly PrincipalKind[] = ['GOVERNMENT', 'CREDIT_SERVICE', 'REGULATOR', 'SUBJECT', 'AUTHORITY'];

/** Only these kinds may hold a statutory power of inquiry (regulators, and government organs such as courts). */
export const STATUTORY_KINDS: readonly PrincipalKind[] = ['REGULATOR', 'GOVERNMENT'];

/** Bounds on what one token may carry: a token must not be able to blow up the work done for it. */
export const TOKEN_BOUNDS = Object.freeze({ grants: 64, purposes: 16, grantLength: 80, staff: /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/ });

/** Clock skew tolerated between the token's issuer and the gateway for `iat`, in seconds (`exp` is strict). */
export const TOKEN_CLOCK_TOLERANCE_SECONDS = 30;

/** The claims of a Credit Graph token beyond the registered ones. */
export interface TokenClaims {
  readonly kind: PrincipalKind;
  readonly org: string;
  readonly staff?: string;
  readonly grants: readonly string[];
  readonly purposes: readonly string[];
  readonly subject?: string;
  readonly statutory?: boolean;
  /** The institution's name (AUTHORITY: required; GOVERNMENT, CREDIT_SERVICE, REGULATOR: optional). */
  readonly name?: string;
  /** AUTHORITY: the categories of records it submits. */
  readonly submits?: readonly string[];
}

/**
 * How an offending value appears in an error message: at most a short, printable prefix, never the
 * whole of what a caller sent.
 */
export function preview(value: unknown): string {
  if (typeof value === 'string') return `"${echo(value)}"`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`;
}

function knownCategoryPrefix(category: string): boolean {
  return category === '*' || [...CATEGORY_NAMES].some((c) => c === category || c.startsWith(`${category}.`));
}

/** `finance.credit:RESTRICTED` -> a grant; anything else is an error naming the claim. */
export function parseGrant(text: string): Grant {
  if (typeof text !== 'string' || text.length > TOKEN_BOUNDS.grantLength) {
    throw new AuthenticationError(`grant ${preview(text)} is not category:LEVEL of at most ${TOKEN_BOUNDS.grantLength} characters`);
  }
  const [category, level, extra] = text.split(':');
  if (extra !== undefined || !category || !isLevel(level)) {
    throw new AuthenticationError(`grant ${preview(text)} is not category:LEVEL (LEVEL one of PUBLIC, SHARED, RESTRICTED, SPECIAL)`);
  }
  if (!knownCategoryPrefix(category)) throw new AuthenticationError(`grant ${preview(text)} names no category of the catalogue`);
  return { category, level };
}

function stringArray(payload: JWTPayload, claim: string, max: number): string[] {
  const value = payload[claim];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new AuthenticationError(`token claim "${claim}" must be an array of strings`);
  }
  if (value.length > max) throw new AuthenticationError(`token claim "${claim}" holds ${value.length} entries; at most ${max} are accepted`);
  return value;
}

/**
 * The one validation of a principal's claims, per kind: the gateway applies it to every token, the
 * subgraphs to every forwarded context, and `npm run token` before it signs.
 * - every kind: `org` is set; `sub` (staff), when present, is 1 to 64 letters, digits or `._@-`;
 *   at most 64 grants and 16 purposes, each known; `statutory`, when present, is a boolean, and true
 *   only for REGULATOR or GOVERNMENT;
 * - SUBJECT (a subject acting for itself): `subject` is a valid USCC or resident ID with its check
 *   character, `org` equals it, no grants, no statutory power, and its only purpose is SELF_QUERY;
 * - every other kind: `org` is a valid USCC (check character verified), no `subject` claim, and
 *   never SELF_QUERY.
 */
export function principalFromClaims(payload: JWTPayload): Principal {
  const kind = payload.kind;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    throw new AuthenticationError(`token claim "kind" must be one of ${KINDS.join(', ')}, got ${preview(kind)}`);
  }
  const org = payload.org;
  if (typeof org !== 'string' || org === '') throw new AuthenticationError('token claim "org" is missing');
  const staff = payload.sub;
  if (staff !== undefined && (typeof staff !== 'string' || !TOKEN_BOUNDS.staff.test(staff))) {
    throw new AuthenticationError(`token claim "sub" (staff) must be 1 to 64 letters, digits or ._@- characters, got ${preview(staff)}`);
  }
  const grants = stringArray(payload, 'grants', TOKEN_BOUNDS.grants).map(parseGrant);
  const purposes = stringArray(payload, 'purposes', TOKEN_BOUNDS.purposes);
  const unknown = purposes.find((p) => !isPurpose(p));
  if (unknown !== undefined) throw new AuthenticationError(`token claim "purposes" has an unknown purpose ${preview(unknown)}`);
  if (payload.statutory !== undefined && typeof payload.statutory !== 'boolean') {
    throw new AuthenticationError('token claim "statutory" must be a boolean');
  }
  const statutory = payload.statutory === true;
  if (statutory && !STATUTORY_KINDS.includes(kind as PrincipalKind)) {
    throw new AuthenticationError(`${article(kind)} ${kind} principal holds no statutory power; only ${STATUTORY_KINDS.join(' and ')} may`);
  }
  let subject: string | null = null;
  if (kind === 'SUBJECT') {
    if (typeof payload.subject !== 'string' || payload.subject === '') {
      throw new AuthenticationError('a SUBJECT token must name the subject it acts as in claim "subject"');
    }
    const check = checkSubjectCode(payload.subject);
    if (!check.ok || check.code !== payload.subject) {
      throw new AuthenticationError(`token claim "subject" is not a valid subject code: ${check.ok ? 'write it in capitals, without spaces' : check.reason}`);
    }
    subject = check.code;
    if (org !== subject) throw new AuthenticationError('a SUBJECT acts only for itself: token claim "org" must equal claim "subject"');
    if (grants.length > 0) throw new AuthenticationError('a SUBJECT token carries no grants: a subject sees its own records by SELF_QUERY');
    if (purposes.length !== 1 || purposes[0] !== 'SELF_QUERY') {
      throw new AuthenticationError('a SUBJECT token has exactly one purpose, SELF_QUERY');
    }
  } else {
    if (payload.subject !== undefined) throw new AuthenticationError(`a ${kind} token carries no "subject" claim; only a SUBJECT acts as a subject`);
    const check = checkUscc(org);
    if (!check.ok || check.code !== org) {
      throw new AuthenticationError(`token claim "org" is not a valid Unified Social Credit Code: ${check.ok ? 'write it in capitals, without spaces' : check.reason}`);
    }
    if (purposes.includes('SELF_QUERY')) throw new AuthenticationError(`a ${kind} token may not hold SELF_QUERY, which is for a subject acting as itself`);
  }
  let authority: { authorityName: string; submits: readonly string[] } | null = null;
  let organizationName: string | null = null;
  if (kind === 'AUTHORITY') {
    const name = payload.name;
    if (typeof name !== 'string' || !ORGANIZATION_NAME.test(name)) {
      throw new AuthenticationError(`an AUTHORITY token names the authority in claim "name": 2 to 100 characters, no control characters, got ${preview(name)}`);
    }
    const submits = stringArray(payload, 'submits', TOKEN_BOUNDS.grants);
    if (submits.length === 0) throw new AuthenticationError('an AUTHORITY token lists the categories of records it submits in claim "submits"');
    const wrong = submits.find((c) => !isSubmittableCategory(c));
    if (wrong !== undefined) throw new AuthenticationError(`token claim "submits" has ${preview(wrong)}, which is no category of credit records in the catalogue`);
    authority = { authorityName: name, submits: Object.freeze([...new Set(submits)]) };
    organizationName = name;
  } else if (payload.submits !== undefined) {
    throw new AuthenticationError(`${article(kind)} ${kind} token carries no "submits" claim; only a source AUTHORITY submits records`);
  } else if (payload.name !== undefined) {
    // The institution's name, for the inquiry records and the credit reports that list who queried.
    if (!(NAMED_KINDS as readonly string[]).includes(kind)) {
      throw new AuthenticationError(`${article(kind)} ${kind} token carries no "name" claim; only ${NAMED_KINDS.join(', ')} and AUTHORITY tokens name their institution`);
    }
    if (typeof payload.name !== 'string' || !ORGANIZATION_NAME.test(payload.name)) {
      throw new AuthenticationError(`token claim "name" names the institution: 2 to 100 characters, no control characters, got ${preview(payload.name)}`);
    }
    organizationName = payload.name;
  }
  return Object.freeze({
    kind: kind as PrincipalKind,
    organization: org,
    staff: typeof staff === 'string' ? staff : null,
    grants: Object.freeze(grants),
    purposes: Object.freeze(purposes),
    subject,
    statutory,
    ...(organizationName !== null ? { organizationName } : {}),
    ...(authority ?? {}),
  });
}

const article = (kind: string) => (/^[AEIOU]/.test(kind) ? 'an' : 'a');

// eslint-disable-next-line no-control-regex
const ORGANIZATION_NAME = /^[^\u0000-\u001f\u007f]{2,100}$/u;

/** Organizations other than source authorities whose tokens may name the institution (claim `name`). */
export const NAMED_KINDS: readonly PrincipalKind[] = ['GOVERNMENT', 'CREDIT_SERVICE', 'REGULATOR'];

/**
 * Categories of credit records an authority may submit: a category of the catalogue, or a prefix of
 * some, that holds records (never the graph's own: access, structure, the envelope, submission).
 */
export function isSubmittableCategory(category: string): boolean {
  if (category === '*' || /^(access|structure|record|submission)(\.|$)/.test(category)) return false;
  return knownCategoryPrefix(category);
}

/**
 * A bearer token's times: `iat` and `exp` present, `iat` not in the future (give or take the clock
 * tolerance), and a lifetime `exp - iat` within the configured maximum.
 */
export function checkTokenTimes(payload: JWTPayload, maxLifetimeSeconds: number, now = Math.floor(Date.now() / 1000)): void {
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) throw new AuthenticationError('the token has no issue time (claim "iat")');
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new AuthenticationError('the token has no expiry (claim "exp")');
  if (iat > now + TOKEN_CLOCK_TOLERANCE_SECONDS) throw new AuthenticationError('the token is issued in the future (claim "iat")');
  if (exp <= iat) throw new AuthenticationError('the token expires before it is issued');
  if (exp - iat > maxLifetimeSeconds) {
    throw new AuthenticationError(`the token lives ${exp - iat} seconds; at most ${maxLifetimeSeconds} are accepted (CG_TOKEN_MAX_LIFETIME)`);
  }
}

export type Verifier = (authorization: string | undefined) => Promise<Principal>;

type KeyInput = KeyLike | Uint8Array | JWTVerifyGetKey;

/** Asymmetric JWS algorithms: what an OpenID Connect provider's tokens may be signed with (never HS*, never none). */
export const ASYMMETRIC_ALGORITHMS: readonly string[] = ['ES256', 'ES384', 'ES512', 'EdDSA', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];

/** How long the issuer's keys and discovery document may take to answer, in milliseconds. */
export const OIDC_FETCH_TIMEOUT_MS = 3_000;

/** After the issuer could not be reached, how long tokens are refused at once rather than asking it again, in milliseconds. */
export const OIDC_RETRY_AFTER_MS = 2_000;

/** The issuer's keys could not be had: the provider is down, slow or answers nonsense. */
class IssuerUnreachable extends Error {}

/**
 * The key set of the trusted OpenID Connect provider: `CG_OIDC_JWKS_URL`, or the `jwks_uri` of its
 * discovery document, fetched at the first token that names the issuer and kept (jose refetches the
 * keys when a token names a key id it does not hold, so a provider's new key is found). A failure
 * is remembered for {@link OIDC_RETRY_AFTER_MS}, so that a provider down is not asked once per request.
 */
export function oidcKeySet(oidc: OidcConfig, fetchImpl: typeof fetch = fetch, retryAfterMs = OIDC_RETRY_AFTER_MS): () => Promise<ReturnType<typeof createRemoteJWKSet>> {
  const options = { timeoutDuration: OIDC_FETCH_TIMEOUT_MS, cooldownDuration: 10_000, cacheMaxAge: 600_000 };
  let keySet: ReturnType<typeof createRemoteJWKSet> | null = oidc.jwksUrl ? createRemoteJWKSet(new URL(oidc.jwksUrl), options) : null;
  let pending: Promise<ReturnType<typeof createRemoteJWKSet>> | null = null;
  let failed: { at: number; error: IssuerUnreachable } | null = null;

  const discover = async (): Promise<ReturnType<typeof createRemoteJWKSet>> => {
    const url = `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let document: unknown;
    try {
      const response = await fetchImpl(url, { signal: AbortSignal.timeout(OIDC_FETCH_TIMEOUT_MS), redirect: 'error', headers: { accept: 'application/json' } });
      if (!response.ok) {
        await response.body?.cancel();
        throw new IssuerUnreachable(`its discovery document answered HTTP ${response.status}`);
      }
      document = await response.json();
    } catch (error) {
      if (error instanceof IssuerUnreachable) throw error;
      throw new IssuerUnreachable(error instanceof SyntaxError ? 'its discovery document is not JSON' : 'its discovery document could not be fetched');
    }
    const { issuer, jwks_uri: jwksUri } = (document ?? {}) as { issuer?: unknown; jwks_uri?: unknown };
    // OpenID Connect Discovery 1.0, section 4.3: the document must name exactly the issuer asked for.
    if (issuer !== oidc.issuer) throw new IssuerUnreachable('its discovery document names another issuer');
    let jwks: URL;
    try {
      jwks = new URL(String(jwksUri));
    } catch {
      throw new IssuerUnreachable('its discovery document has no valid jwks_uri');
    }
    if (jwks.protocol !== 'https:' && !(jwks.protocol === 'http:' && new URL(oidc.issuer).protocol === 'http:')) {
      throw new IssuerUnreachable('its discovery document has no valid jwks_uri');
    }
    return createRemoteJWKSet(jwks, options);
  };

  return async () => {
    if (keySet) return keySet;
    if (failed && Date.now() - failed.at < retryAfterMs) throw failed.error;
    pending ??= discover().then(
      (found) => {
        keySet = found;
        failed = null;
        pending = null;
        return found;
      },
      (error: unknown) => {
        failed = { at: Date.now(), error: error instanceof IssuerUnreachable ? error : new IssuerUnreachable('its discovery failed') };
        pending = null;
        throw failed.error;
      },
    );
    return pending;
  };
}

/** `jwtVerify`, with every failure as the AuthenticationError a caller may read. */
async function verifyJwt(token: string, key: KeyInput, options: JWTVerifyOptions): Promise<JWTPayload> {
  try {
    return (await jwtVerify(token, key as Uint8Array, { ...options, requiredClaims: ['exp', 'iat'] })).payload;
  } catch (error) {
    if (error instanceof AuthenticationError) throw error;
    if (error instanceof errors.JWTExpired) throw new AuthenticationError('the token has expired');
    if (error instanceof errors.JWSSignatureVerificationFailed) throw new AuthenticationError('the token signature is not valid');
    if (error instanceof errors.JWTClaimValidationFailed) throw new AuthenticationError(`the token is not valid here: ${error.message.slice(0, 80)}`);
    if (error instanceof errors.JOSEAlgNotAllowed) throw new AuthenticationError('the token is signed with an algorithm this graph does not accept');
    if (error instanceof errors.JWKSNoMatchingKey) throw new AuthenticationError('the token is signed by a key its issuer does not publish');
    if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error instanceof errors.JWKSMultipleMatchingKeys || error instanceof IssuerUnreachable) {
      throw unreachable(error);
    }
    // What jose finds wrong with a token is a JOSEError; anything else came from fetching the keys.
    if (!(error instanceof errors.JOSEError)) throw unreachable(error as Error);
    throw new AuthenticationError('the token is malformed');
  }
}

function unreachable(error: Error): AuthenticationError {
  const why = error instanceof IssuerUnreachable ? error.message : error instanceof errors.JWKSTimeout ? 'its keys did not come in time' : 'its keys could not be read';
  return new AuthenticationError(`the token's issuer cannot be reached to check its signature (${why}); retry later`);
}

/** Builds the verifier once at start; each call checks one Authorization header. */
export async function createVerifier(
  auth: AuthConfig,
  options: { readonly fetch?: typeof fetch; readonly oidcRetryAfterMs?: number } = {},
): Promise<Verifier> {
  let key: KeyInput;
  let algorithms: string[];
  switch (auth.key.kind) {
    case 'secret':
      key = new TextEncoder().encode(auth.key.secret);
      algorithms = ['HS256'];
      break;
    case 'public-key':
      key = await importSPKI(auth.key.pem, auth.key.algorithm);
      algorithms = [auth.key.algorithm];
      break;
    case 'jwks':
      key = createRemoteJWKSet(new URL(auth.key.url));
      algorithms = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'];
      break;
    case 'none':
      throw new Error('this process verifies no bearer tokens (no token key is configured for it)');
    default: {
      const unreachable: never = auth.key;
      throw new Error(`unknown token key ${JSON.stringify(unreachable)}`);
    }
  }
  const oidc = auth.oidc;
  const oidcKeys = oidc ? oidcKeySet(oidc, options.fetch, options.oidcRetryAfterMs) : null;
  return async (authorization) => {
    if (authorization === undefined || authorization === '') return PUBLIC_PRINCIPAL;
    // The scheme's name is case-insensitive (RFC 9110, section 11.1): `bearer` and `BEARER` are Bearer.
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/i.exec(authorization.trim());
    if (!match) throw new AuthenticationError('the Authorization header must be "Bearer <token>" with a signed JWT');
    const token = match[1] as string;
    if (oidc && oidcKeys && unverifiedIssuer(token) === oidc.issuer) {
      // The unverified `iss` only chooses the keys; everything is then checked against them.
      const payload = await verifyJwt(token, async (header, input) => (await oidcKeys())(header, input), {
        issuer: oidc.issuer,
        audience: auth.audience,
        algorithms: [...ASYMMETRIC_ALGORITHMS],
        // An access token of RFC 9068 (`typ: at+jwt`): an ID token, or any other JWT of the provider, is not one.
        typ: 'at+jwt',
      });
      checkTokenTimes(payload, auth.tokenMaxLifetimeSeconds);
      const principal = principalFromClaims(payload);
      if (!oidc.kinds.includes(principal.kind)) {
        throw new AuthenticationError(`the sign-in provider's tokens may name only ${oidc.kinds.join(', ')} principals (CG_OIDC_KINDS), not ${principal.kind}`);
      }
      return principal;
    }
    const payload = await verifyJwt(token, key, { issuer: auth.issuer, audience: auth.audience, algorithms });
    checkTokenTimes(payload, auth.tokenMaxLifetimeSeconds);
    return principalFromClaims(payload);
  };
}

/** The `iss` a token claims, unverified: it only chooses the keys to verify it with, and is trusted for nothing. */
function unverifiedIssuer(token: string): unknown {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}

/**
 * Signs a token with the configured key (the symmetric key, or the private key beside a public one),
 * after the same validation the gateway applies: what it signs, the gateway accepts.
 */
export async function signToken(auth: AuthConfig, claims: TokenClaims, ttlSeconds: number): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  const payload: JWTPayload = { ...claims, grants: [...claims.grants], purposes: [...claims.purposes], iat, exp: iat + ttlSeconds };
  delete payload.staff;
  if (claims.staff !== undefined) payload.sub = claims.staff;
  principalFromClaims(payload);
  checkTokenTimes(payload, auth.tokenMaxLifetimeSeconds, iat);
  const jwt = new SignJWT(payload).setIssuer(auth.issuer).setAudience(auth.audience);
  if (auth.key.kind === 'secret') {
    return jwt.setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(auth.key.secret));
  }
  if (auth.key.kind === 'none') throw new Error('this process signs no bearer tokens (no token key is configured for it)');
  if (!auth.signingKeyPem) throw new Error('tokens are verified by public key here: set CG_TOKEN_PRIVATE_KEY to sign them');
  const algorithm = auth.key.kind === 'public-key' ? auth.key.algorithm : 'ES256';
  return jwt.setProtectedHeader({ alg: algorithm }).sign(await importPKCS8(auth.signingKeyPem, algorithm));
}
