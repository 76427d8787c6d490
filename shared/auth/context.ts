import { randomUUID } from 'node:crypto';
import { createSigner, createVerifier, TokenError, TOKEN_ERROR_CODES } from 'fast-jwt';
import type { JWTPayload } from 'jose';
import { AuthenticationError, principalFromClaims } from './tokens';
import { bodyHash, CanonicalJsonError } from './canonical';
import { PUBLIC_PRINCIPAL, type Principal } from '../policy/principal';
import type { Consent, SpecialApplication } from '../policy/decide';

/**
 * The context the gateway forwards with every subgraph fetch: the caller it verified, the purpose and
 * the request id. It is not a bearer token: the gateway signs it with its Ed25519 private key, which no
 * subgraph holds, for one fetch only:
 * - `aud` is the subgraph the fetch goes to, `route` the subgraph route it is for;
 * - `bdh` is the SHA-256 of the canonical JSON of the fetch's body (see canonical.ts);
 * - it lives seconds (`CG_CONTEXT_TTL_SECONDS`), with `iat` and `exp` required.
 * A subgraph verifies it with the public key, refuses another audience or route, and checks the body
 * it parsed against `bdh` before any GraphQL runs; a captured context is good only for resending the
 * very same fetch to the very same subgraph within seconds.
 */

export const CONTEXT_HEADER = 'x-credit-graph-context';
const ISSUER = 'credit-graph-gateway';
/** JWT `typ` of a context and of a grants token: neither can stand in for the other. */
const CONTEXT_TYPE = 'cg-context+jwt';
const GRANTS_TYPE = 'cg-grants+jwt';
/** Clock skew tolerated between the gateway and a subgraph, in seconds. */
export const CONTEXT_CLOCK_TOLERANCE_SECONDS = 2;

/** The routes a context is made for: what the subgraph matched, never a raw URL. */
export const GRAPHQL_ROUTE = '/graphql';
export const SUBJECT_GRANTS_ROUTE = '/internal/subject-grants';
export const INQUIRY_RECORDS_ROUTE = '/internal/inquiry-records';
/** A sector's import of one file of records (the body is the file; its context binds the file's SHA-256: shared/ingest/http.ts). */
export const IMPORTS_ROUTE = '/internal/imports/:list';
/** Not a route: the context inside an inquiry record, naming who asked for exactly those disclosures. */
export const INQUIRY_RECORD_USE = 'inquiry-record';

/** What the access subgraph holds about one subject for the caller's organization and purpose. */
export interface SubjectGrants {
  readonly consents: readonly Consent[];
  readonly applications: readonly SpecialApplication[];
}

/** The caller a context speaks for, as its signature vouches: who, why, and which request. */
export interface ForwardedContext {
  readonly principal: Principal;
  readonly purpose: string | null;
  readonly requestId: string;
}

/** A fetch's grants token, verified: the consents and special applications in force, per subject. */
export interface VerifiedGrants {
  readonly subjects: Readonly<Record<string, SubjectGrants>>;
  /** The gateway could not load them: subgraphs assume none, and say so when they deny. */
  readonly subjectsUnavailable: boolean;
}

/** Who a context speaks for. */
export interface Caller {
  readonly principal: Principal;
  readonly purpose: string | null;
  /** The request the fetch belongs to; a fresh id when omitted. */
  readonly requestId?: string;
}

/** Who the gateway's own calls speak for (loading the schema, health checks, batches of inquiry records). */
export const PUBLIC_CALLER: Caller = Object.freeze({ principal: PUBLIC_PRINCIPAL, purpose: null });

/** What a context is made for: one subgraph, one of its routes, one body. */
export interface FetchTarget {
  readonly audience: string;
  readonly route: string;
  readonly body: unknown;
}

/**
 * The grants of the subjects one fetch is about travel in its body, as `extensions.creditGraphGrants`:
 * a JWT signed with the same private key, for the same subgraph and request id as the fetch's context
 * (and, being in the body, covered by the context's body hash). In a header they would outgrow the
 * limits of servers and proxies on a batch of a hundred subjects.
 */
export const GRANTS_EXTENSION = 'creditGraphGrants';

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

const nowSeconds = () => Math.floor(Date.now() / 1000);

function principalClaims(p: Principal): JWTPayload {
  if (p.kind === 'PUBLIC') return { kind: 'PUBLIC' };
  return {
    kind: p.kind,
    org: p.organization ?? undefined,
    grants: p.grants.map((g) => `${g.category}:${g.level}`),
    purposes: [...p.purposes],
    ...(p.subject ? { subject: p.subject } : {}),
    ...(p.statutory ? { statutory: true } : {}),
    ...(p.kind === 'AUTHORITY' ? { name: p.authorityName, submits: [...(p.submits ?? [])] } : p.organizationName ? { name: p.organizationName } : {}),
  };
}

/** The gateway's side: signs each fetch's context and grants with the private key. */
export class ContextSigner {
  /** A signer per token type and audience (a few subgraphs), made at its first token. */
  private readonly signers = new Map<string, (payload: Record<string, unknown>) => string>();

  constructor(
    private readonly privateKeyPem: string,
    private readonly ttlSeconds: number,
  ) {}

  /**
   * Signs synchronously with Node's crypto through fast-jwt: one Ed25519 signature and little else,
   * as a context is signed for every subgraph fetch (jose's builder cost as much again as the signature).
   */
  private signer(type: string, audience: string): (payload: Record<string, unknown>) => string {
    const key = `${type}\u0000${audience}`;
    let signer = this.signers.get(key);
    if (!signer) {
      signer = createSigner({ key: this.privateKeyPem, algorithm: 'EdDSA', header: { alg: 'EdDSA', typ: type }, iss: ISSUER, aud: audience, expiresIn: this.ttlSeconds * 1000 });
      if (this.signers.size < 1_000) this.signers.set(key, signer);
    }
    return signer;
  }

  /**
   * The context of one fetch: the caller, its purpose, the request id, the route and the SHA-256 of
   * the body's canonical JSON, for one subgraph (`aud`), living `ttlSeconds`.
   */
  async sign(caller: Caller, target: FetchTarget): Promise<string> {
    return this.signer(CONTEXT_TYPE, target.audience)({
      ...principalClaims(caller.principal),
      purpose: caller.purpose,
      rid: caller.requestId ?? randomUUID(),
      route: target.route,
      bdh: bodyHash(target.body),
      jti: randomUUID(),
      ...(caller.principal.staff ? { sub: caller.principal.staff } : {}),
    });
  }

  /** The grants of the subjects one fetch is about, for that subgraph and request. */
  async signGrants(audience: string, requestId: string, subjects: Readonly<Record<string, SubjectGrants>>, unavailable: boolean): Promise<string> {
    return this.signer(GRANTS_TYPE, audience)({ rid: requestId, subjects: encodeSubjects(subjects), unavailable });
  }
}

/** A context whose signature, audience, route and times were checked; its body is checked next. */
export interface VerifiedContext {
  readonly context: ForwardedContext;
  /** The `bdh` claim: what the body must hash to. */
  readonly bodyHash: string;
}

/** A subgraph's side: verifies contexts and grants with the public key, for this subgraph only. */
export class ContextVerifier {
  /** A verifier per token type, each checking the issuer, the algorithm, the type and the required claims. */
  private readonly verifiers = new Map<string, (token: string) => JWTPayload>();

  constructor(
    private readonly publicKeyPem: string,
    private readonly audience: string,
    private readonly maxLifetimeSeconds: number,
  ) {}

  private verifier(type: string, required: readonly string[]): (token: string) => JWTPayload {
    let verifier = this.verifiers.get(type);
    if (!verifier) {
      verifier = createVerifier({
        key: this.publicKeyPem,
        algorithms: ['EdDSA'],
        allowedIss: ISSUER,
        checkTyp: type,
        // `iss` and `aud` are required too: fast-jwt checks an issuer only when one is there (jose required it).
        requiredClaims: ['iss', 'aud', 'iat', 'exp', ...required],
        clockTolerance: CONTEXT_CLOCK_TOLERANCE_SECONDS * 1000,
        cache: false,
      }) as (token: string) => JWTPayload;
      this.verifiers.set(type, verifier);
    }
    return verifier;
  }

  private async payloadOf(token: string, type: string, what: string, required: string[], plural = false): Promise<JWTPayload> {
    const [is, has] = plural ? ['are', 'have'] : ['is', 'has'];
    let payload: JWTPayload;
    try {
      payload = this.verifier(type, required)(token);
    } catch (error) {
      if (error instanceof TokenError && error.code === TOKEN_ERROR_CODES.expired) throw new AuthenticationError(`${what} ${has} expired`);
      throw new AuthenticationError(`${what} ${is} not valid`);
    }
    // One subgraph per context or grants token: exactly this one, never a list naming it among others.
    if (payload.aud !== this.audience) throw new AuthenticationError(`${what} ${is} for another subgraph`);
    const iat = payload.iat as number;
    const exp = payload.exp as number;
    if (typeof iat !== 'number' || typeof exp !== 'number') throw new AuthenticationError(`${what} ${is} not valid`);
    if (iat > nowSeconds() + CONTEXT_CLOCK_TOLERANCE_SECONDS) throw new AuthenticationError(`${what} ${is} issued in the future`);
    if (exp - iat > this.maxLifetimeSeconds) throw new AuthenticationError(`${what} ${is} signed to live longer than ${this.maxLifetimeSeconds} seconds`);
    return payload;
  }

  /**
   * Checks a context header for `route` (the route this subgraph matched): signature, issuer,
   * audience, times, the route, the principal's claims (as the gateway checks a token's), and that
   * a stated purpose is one the principal holds.
   */
  async verify(header: string | string[] | undefined, route: string): Promise<VerifiedContext> {
    if (typeof header !== 'string' || header === '') {
      throw new AuthenticationError('subgraphs answer only the gateway: the signed request context is missing');
    }
    if (header.length > 8_192) throw new AuthenticationError('the signed request context is not valid');
    const payload = await this.payloadOf(header, CONTEXT_TYPE, 'the signed request context', ['rid', 'route', 'bdh']);
    if (payload.route !== route) throw new AuthenticationError('the signed request context is for another route');
    if (typeof payload.rid !== 'string' || typeof payload.bdh !== 'string') throw new AuthenticationError('the signed request context is not valid');
    const principal = payload.kind === 'PUBLIC' ? PUBLIC_PRINCIPAL : principalFromClaims(payload);
    const purpose = payload.purpose ?? null;
    if (purpose !== null && (typeof purpose !== 'string' || !principal.purposes.includes(purpose))) {
      throw new AuthenticationError("the signed request context states a purpose that is not among the principal's purposes");
    }
    return {
      context: { principal, purpose, requestId: payload.rid },
      bodyHash: payload.bdh,
    };
  }

  /** The body this subgraph parsed must be the one the context was signed for. */
  checkBody(verified: VerifiedContext, body: unknown): void {
    if (body === undefined) throw new AuthenticationError('the signed request context binds a JSON body, and this request has none');
    let hash: string;
    try {
      hash = bodyHash(body);
    } catch (error) {
      if (error instanceof CanonicalJsonError) throw new AuthenticationError(`the request body cannot be checked: ${error.message}`);
      throw error;
    }
    if (hash !== verified.bodyHash) throw new AuthenticationError('the request body is not the one the signed request context was made for');
  }

  /** Verifies a fetch's grants: for this subgraph and the same request as its context. */
  async verifyGrants(token: unknown, requestId: string): Promise<VerifiedGrants> {
    if (typeof token !== 'string' || token === '') throw new AuthenticationError('the signed subject grants are malformed');
    const payload = await this.payloadOf(token, GRANTS_TYPE, 'the signed subject grants', ['rid'], true);
    if (payload.rid !== requestId) throw new AuthenticationError('the signed subject grants belong to another request');
    return { subjects: decodeSubjects(payload.subjects), subjectsUnavailable: payload.unavailable === true };
  }
}
