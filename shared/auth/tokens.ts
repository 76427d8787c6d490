import { SignJWT, jwtVerify, importSPKI, importPKCS8, createRemoteJWKSet, errors, type JWTPayload, type KeyLike } from 'jose';
import type { AuthConfig } from '../config';
import { isLevel } from '../policy/levels';
import { CATEGORY_NAMES } from '../policy/categories';
import { isPurpose, PUBLIC_PRINCIPAL, type Grant, type Principal, type PrincipalKind } from '../policy/principal';

/**
 * Bearer tokens: signed JWTs verified once at the gateway. No token means the public principal; a
 * token that is expired, malformed, wrongly signed or makes claims we do not understand is refused.
 */

export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
  readonly code = 'UNAUTHENTICATED';
}

const KINDS: readonly PrincipalKind[] = ['GOVERNMENT', 'CREDIT_SERVICE', 'REGULATOR', 'SUBJECT'];

/** The claims of a Credit Graph token beyond the registered ones. */
export interface TokenClaims {
  readonly kind: PrincipalKind;
  readonly org: string;
  readonly staff?: string;
  readonly grants: readonly string[];
  readonly purposes: readonly string[];
  readonly subject?: string;
  readonly statutory?: boolean;
}

function knownCategoryPrefix(category: string): boolean {
  return category === '*' || [...CATEGORY_NAMES].some((c) => c === category || c.startsWith(`${category}.`));
}

/** `finance.credit:RESTRICTED` -> a grant; anything else is an error naming the claim. */
export function parseGrant(text: string): Grant {
  const [category, level, extra] = text.split(':');
  if (extra !== undefined || !category || !isLevel(level)) {
    throw new AuthenticationError(`grant "${text}" is not category:LEVEL (LEVEL one of PUBLIC, SHARED, RESTRICTED, SPECIAL)`);
  }
  if (!knownCategoryPrefix(category)) throw new AuthenticationError(`grant "${text}" names no category of the catalogue`);
  return { category, level };
}

function stringArray(payload: JWTPayload, claim: string): string[] {
  const value = payload[claim];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new AuthenticationError(`token claim "${claim}" must be an array of strings`);
  }
  return value as string[];
}

export function principalFromClaims(payload: JWTPayload): Principal {
  const kind = payload.kind;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    throw new AuthenticationError(`token claim "kind" must be one of ${KINDS.join(', ')}`);
  }
  if (typeof payload.org !== 'string' || payload.org === '') throw new AuthenticationError('token claim "org" is missing');
  const purposes = stringArray(payload, 'purposes');
  const unknown = purposes.filter((p) => !isPurpose(p));
  if (unknown.length > 0) throw new AuthenticationError(`token claim "purposes" has unknown purposes: ${unknown.join(', ')}`);
  const subject = payload.subject;
  if (kind === 'SUBJECT' && (typeof subject !== 'string' || subject === '')) {
    throw new AuthenticationError('a SUBJECT token must name the subject it acts as in claim "subject"');
  }
  return Object.freeze({
    kind: kind as PrincipalKind,
    organization: payload.org,
    staff: typeof payload.sub === 'string' ? payload.sub : null,
    grants: Object.freeze(stringArray(payload, 'grants').map(parseGrant)),
    purposes: Object.freeze(purposes),
    subject: kind === 'SUBJECT' ? (subject as string) : null,
    statutory: payload.statutory === true,
  });
}

export type Verifier = (authorization: string | undefined) => Promise<Principal>;

/** Builds the verifier once at start; each call checks one Authorization header. */
export async function createVerifier(auth: AuthConfig): Promise<Verifier> {
  let key: KeyLike | Uint8Array | ReturnType<typeof createRemoteJWKSet>;
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
    default: {
      const unreachable: never = auth.key;
      throw new Error(`unknown token key ${JSON.stringify(unreachable)}`);
    }
  }
  return async (authorization) => {
    if (authorization === undefined || authorization === '') return PUBLIC_PRINCIPAL;
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization.trim());
    if (!match) throw new AuthenticationError('the Authorization header must be "Bearer <token>" with a signed JWT');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1] as string, key as Uint8Array, {
        issuer: auth.issuer,
        audience: auth.audience,
        algorithms,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AuthenticationError('the token has expired');
      if (error instanceof errors.JWSSignatureVerificationFailed) throw new AuthenticationError('the token signature is not valid');
      if (error instanceof errors.JWTClaimValidationFailed) throw new AuthenticationError(`the token is not valid here: ${error.message}`);
      if (error instanceof errors.JOSEAlgNotAllowed) throw new AuthenticationError('the token is signed with an algorithm this graph does not accept');
      throw new AuthenticationError('the token is malformed');
    }
    return principalFromClaims(payload);
  };
}

/** Signs a token with the configured key (the symmetric key, or the private key beside a public one). */
export async function signToken(auth: AuthConfig, claims: TokenClaims, ttlSeconds: number): Promise<string> {
  for (const grant of claims.grants) parseGrant(grant);
  const jwt = new SignJWT({ ...claims, grants: [...claims.grants], purposes: [...claims.purposes] })
    .setIssuer(auth.issuer)
    .setAudience(auth.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds);
  if (claims.staff) jwt.setSubject(claims.staff);
  if (auth.key.kind === 'secret') {
    return jwt.setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(auth.key.secret));
  }
  if (!auth.signingKeyPem) throw new Error('tokens are verified by public key here: set CG_TOKEN_PRIVATE_KEY to sign them');
  const algorithm = auth.key.kind === 'public-key' ? auth.key.algorithm : 'ES256';
  return jwt.setProtectedHeader({ alg: algorithm }).sign(await importPKCS8(auth.signingKeyPem, algorithm));
}
