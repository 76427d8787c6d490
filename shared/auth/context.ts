import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, errors } from 'jose';
import { AuthenticationError, principalFromClaims } from './tokens';
import { PUBLIC_PRINCIPAL, type Principal } from '../policy/principal';
import type { Consent, SpecialApplication } from '../policy/decide';

/**
 * The context the gateway forwards to every subgraph fetch: the caller it verified, the purpose and
 * the request id, signed with the internal key and short-lived. Subgraphs refuse any request without
 * a valid one, so `_entities` and every other field are unreachable except through the gateway.
 */

export const CONTEXT_HEADER = 'x-credit-graph-context';
const ISSUER = 'credit-graph-gateway';
const AUDIENCE = 'credit-graph-subgraph';
const LIFETIME_SECONDS = 60;

/** What the access subgraph holds about one subject for the caller's organization and purpose. */
export interface SubjectGrants {
  readonly consents: readonly Consent[];
  readonly applications: readonly SpecialApplication[];
}

export interface ForwardedContext {
  readonly principal: Principal;
  readonly purpose: string | null;
  readonly requestId: string;
  /**
   * Per-subject facts for the subjects this fetch is about (the codes in its variables): the
   * consents and special applications in force for the caller's organization and purpose.
   */
  readonly subjects: Readonly<Record<string, SubjectGrants>>;
  /** The facts could not be loaded: subgraphs assume none, and say so when they deny. */
  readonly subjectsUnavailable: boolean;
}

type Signable = Omit<ForwardedContext, 'requestId' | 'subjects' | 'subjectsUnavailable'> & Partial<Pick<ForwardedContext, 'requestId'>>;

/**
 * The grants of the subjects one fetch is about travel in its body, as `extensions.creditGraphGrants`:
 * a JWT signed with the same internal key, bound to the request id of the fetch's context. In a
 * header they would outgrow the limits of servers and proxies on a batch of a hundred subjects.
 */
export const GRANTS_EXTENSION = 'creditGraphGrants';
const GRANTS_AUDIENCE = 'credit-graph-subgraph-grants';

const iso = (d: Date) => d.toISOString();

function encodeSubjects(subjects: Readonly<Record<string, SubjectGrants>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [code, grants] of Object.entries(subjects)) {
    out[code] = {
      consents: grants.consents.map((c) => ({ ...c, validFrom: iso(c.validFrom), validUntil: iso(c.validUntil), revokedAt: c.revokedAt && iso(c.revokedAt) })),
      applications: grants.applications.map((a) => ({ ...a, validUntil: iso(a.validUntil), approvedAt: a.approvedAt && iso(a.approvedAt), revokedAt: a.revokedAt && iso(a.revokedAt) })),
    };
  }
  return out;
}

const dateOrNull = (v: unknown) => (typeof v === 'string' ? new Date(v) : null);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * Reads per-subject grants back from JSON (the signed claim, or the access subgraph's answer):
 * restores dates and drops what is not a string where one belongs.
 */
export function decodeSubjects(claim: unknown): Record<string, SubjectGrants> {
  const out: Record<string, SubjectGrants> = {};
  if (typeof claim !== 'object' || claim === null) return out;
  for (const [code, value] of Object.entries(claim as Record<string, { consents?: unknown[]; applications?: unknown[] }>)) {
    const consents = (value.consents ?? []).map((raw) => {
      const c = raw as Record<string, unknown>;
      return {
        id: String(c.id),
        subject: String(c.subject),
        organization: String(c.organization),
        purpose: String(c.purpose),
        categories: strings(c.categories),
        validFrom: new Date(String(c.validFrom)),
        validUntil: new Date(String(c.validUntil)),
        revokedAt: dateOrNull(c.revokedAt),
      };
    });
    const applications = (value.applications ?? []).map((raw) => {
      const a = raw as Record<string, unknown>;
      return {
        id: String(a.id),
        subject: String(a.subject),
        organization: String(a.organization),
        purpose: String(a.purpose),
        categories: strings(a.categories),
        validUntil: new Date(String(a.validUntil)),
        approvedAt: dateOrNull(a.approvedAt),
        revokedAt: dateOrNull(a.revokedAt),
      };
    });
    out[code] = { consents, applications };
  }
  return out;
}

const keyOf = (secret: string) => new TextEncoder().encode(secret);

export async function signContext(secret: string, context: Signable): Promise<string> {
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
    subjects: {},
    subjectsUnavailable: false,
  };
}

export async function signGrants(
  secret: string,
  requestId: string,
  subjects: Readonly<Record<string, SubjectGrants>>,
  unavailable: boolean,
): Promise<string> {
  return new SignJWT({ rid: requestId, subjects: encodeSubjects(subjects), unavailable })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(GRANTS_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + LIFETIME_SECONDS)
    .sign(keyOf(secret));
}

/** Verifies a fetch's grants and that they belong to the same request as its context. */
export async function verifyGrants(
  secret: string,
  token: unknown,
  requestId: string,
): Promise<Pick<ForwardedContext, 'subjects' | 'subjectsUnavailable'>> {
  if (typeof token !== 'string' || token === '') throw new AuthenticationError('the signed subject grants are malformed');
  let payload;
  try {
    ({ payload } = await jwtVerify(token, keyOf(secret), { issuer: ISSUER, audience: GRANTS_AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'rid'] }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new AuthenticationError('the signed subject grants have expired');
    throw new AuthenticationError('the signed subject grants are not valid');
  }
  if (payload.rid !== requestId) throw new AuthenticationError('the signed subject grants belong to another request');
  return { subjects: decodeSubjects(payload.subjects), subjectsUnavailable: payload.unavailable === true };
}
