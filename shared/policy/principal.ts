import type { Level } from './levels';

/** Who is asking: verified once at the gateway and carried, unchanged, through the request. */
/** AUTHORITY: a source authority (department, court, agency) that submits the records of its categories. */
export type PrincipalKind = 'PUBLIC' | 'GOVERNMENT' | 'CREDIT_SERVICE' | 'REGULATOR' | 'SUBJECT' | 'AUTHORITY';

export interface Grant {
  /** A category prefix (`finance` covers `finance.credit`), or `*` for every category. */
  readonly category: string;
  /** The highest level the grant reaches. */
  readonly level: Level;
}

export interface Principal {
  readonly kind: PrincipalKind;
  /** The organization's id (its USCC), or null for the anonymous public. */
  readonly organization: string | null;
  /** The member of staff who asked, for the inquiry record. */
  readonly staff: string | null;
  readonly grants: readonly Grant[];
  /** Purposes of inquiry this principal may state. */
  readonly purposes: readonly string[];
  /** A subject acting as itself: its own code. */
  readonly subject: string | null;
  /** A statutory power of inquiry (regulators, courts): restricted data without the subject's consent. */
  readonly statutory: boolean;
  /** The institution's name its token carries (an organization's `name` claim), for inquiry records and credit reports. */
  readonly organizationName?: string;
  /** A source authority's name, as its records carry it (AUTHORITY only). */
  readonly authorityName?: string;
  /**
   * The categories of records a source authority submits (`tax` covers every taxation record type),
   * always with itself as the source authority (AUTHORITY only).
   */
  readonly submits?: readonly string[];
}

export const PUBLIC_PRINCIPAL: Principal = Object.freeze({
  kind: 'PUBLIC',
  organization: null,
  staff: null,
  grants: Object.freeze([]),
  purposes: Object.freeze([]),
  subject: null,
  statutory: false,
});

/** The purposes of inquiry a request may state (header `x-inquiry-purpose`). */
export const PURPOSES = {
  LOAN_APPROVAL: 'Approving a loan',
  POST_LOAN_MANAGEMENT: 'Managing an outstanding loan',
  GUARANTEE_REVIEW: 'Reviewing a guarantee',
  CREDIT_CARD_APPROVAL: 'Approving a credit card',
  ADMINISTRATIVE_APPROVAL: 'An administrative licence or approval',
  SUPERVISION: 'Regulatory supervision and enforcement',
  JUDICIAL: 'Judicial proceedings and enforcement',
  CREDIT_RATING: 'A credit rating the subject commissioned',
  SELF_QUERY: "A subject's query of its own records",
} as const;

export type Purpose = keyof typeof PURPOSES;

export function isPurpose(value: unknown): value is Purpose {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PURPOSES, value);
}
