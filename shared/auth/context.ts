import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, errors } from 'jose';
import { AuthenticationError, principalFromClaims } from './tokens';
import { PUBLIC_PRINCIPAL, type Principal } from '../policy/principal';

/**
 * The context the gateway forwards to every subgraph fetch: the caller it verified, the purpose and
 * the request id, signed with the internal key and short-lived. Subgraphs refuse any request without
 * a valid one, so `_entities` and every other field are unreachable except through the gateway.
 */

export const CONTEXT_HEADER = 'x-credit-graph-context';
const ISSUER = 'credit-graph-gateway';
const AUDIENCE = 'credit-graph-subgraph';
const LIFETIME_SECONDS = 60;

export interface ForwardedContext {
  readonly principal: Principal;
  readonly purpose: string | null;
  readonly requestId: string;
}

const keyOf = (secret: string) => new TextEncoder().encode(secret);

export async function signContext(secret: string, context: Omit<ForwardedContext, 'requestId'> & { requestId?: string }): Promise<string> {
  const p = context.principal;
  return new SignJWT({
    kind: p.kind === 'PUBLIC' ? 'PUBLIC' : p.kind,
    org: p.organization,
    grants: p.grants.map((g) => `${g.category}:${g.level}`),
    purposes: [...p.purposes],
    subject: p.subject,
    statutory: p.statutory,
    purpose: context.purpose,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(p.staff ?? 'anonymous')
    .setJti(context.requestId ?? randomUUID())
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + LIFETIME_SECONDS)
    .sign(keyOf(secret));
}

export async function verifyContext(secret: string, header: string | string[] | undefined): Promise<ForwardedContext> {
  if (typeof header !== 'string' || header === '') {
    throw new AuthenticationError('subgraphs answer only the gateway: the signed request context is missing');
  }
  let payload;
  try {
    ({ payload } = await jwtVerify(header, keyOf(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'jti'] }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new AuthenticationError('the signed request context has expired');
    throw new AuthenticationError('the signed request context is not valid');
  }
  const principal =
    payload.kind === 'PUBLIC'
      ? PUBLIC_PRINCIPAL
      : principalFromClaims({ ...payload, sub: payload.sub === 'anonymous' ? undefined : payload.sub });
  return {
    principal,
    purpose: typeof payload.purpose === 'string' ? payload.purpose : null,
    requestId: String(payload.jti),
  };
}
