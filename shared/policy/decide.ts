import { covers, levelRank, LEVELS, type Level } from './levels';
import { categoryCovers } from './categories';
import type { Principal } from './principal';

/**
 * Who may see what: pure decisions, `(principal, requirement, facts) -> allow | deny`, tested as
 * decision tables. The gateway asks `decideBeforePlanning` per field of an operation; a subgraph asks
 * `decideForSubject` per subject once it knows whose records it is serving.
 */

export interface Requirement {
  readonly category: string;
  readonly level: Level;
  /** Some records are public even though the field is not; the owning subgraph decides which. */
  readonly publicWhen?: string | null;
}

export type Basis = 'public' | 'per-record' | 'grant' | 'self' | 'consent' | 'statutory' | 'special-application' | 'source-authority';

/**
 * Writing records (`submit…`, `withdraw…` mutations and what they answer) is classified under
 * `submission`: only a source authority may, whatever else it holds, and the sector subgraph checks
 * that the record's category is one the authority submits. Nothing else reaches it, statutory power
 * and grants included: reading is not writing.
 */
export const SUBMISSION_CATEGORY = 'submission';

function decideSubmission(principal: Principal, requirement: Requirement): Decision {
  return principal.kind === 'AUTHORITY' && (principal.submits?.length ?? 0) > 0
    ? { allowed: true, basis: 'source-authority' }
    : { allowed: false, reason: 'only a source authority (an AUTHORITY token) submits, corrects and withdraws records', requirement };
}

const isSubmission = (requirement: Requirement) =>
  requirement.category === SUBMISSION_CATEGORY || requirement.category.startsWith(`${SUBMISSION_CATEGORY}.`);

/**
 * The recourse against a record is its source authority's to answer: an AUTHORITY with categories to
 * submit reads the objections and repair applications a sector serves it where no subject is named
 * (its own queue and its own answers, which the sector selects by the authority's own code), as it
 * reads its submissions. Under a subject (a profile's list) the subject's rules apply to it as to anyone.
 */
export const SOURCE_AUTHORITY_RECOURSE: readonly string[] = ['recourse.objection', 'recourse.repair'];

const isSourceAuthorityRecourse = (principal: Principal, requirement: Requirement) =>
  principal.kind === 'AUTHORITY' && (principal.submits?.length ?? 0) > 0 && SOURCE_AUTHORITY_RECOURSE.some((c) => categoryCovers(c, requirement.category));

export type Decision =
  /** `ref` names the consent or special application the disclosure rests on, for the inquiry record. */
  | { readonly allowed: true; readonly basis: Basis; readonly ref?: string }
  | { readonly allowed: false; readonly reason: string; readonly requirement: Requirement };

/** The subject's written authorization for one organization, purpose and set of categories. */
export interface Consent {
  readonly id: string;
  readonly subject: string;
  readonly organization: string;
  readonly purpose: string;
  readonly categories: readonly string[];
  readonly validFrom: Date;
  readonly validUntil: Date;
  readonly revokedAt: Date | null;
}

/** An approved, subject-specific, time-limited application for special data. */
export interface SpecialApplication {
  readonly id: string;
  readonly organization: string;
  readonly subject: string;
  readonly categories: readonly string[];
  readonly purpose: string;
  readonly validUntil: Date;
  readonly approvedAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface SubjectFacts {
  readonly subject: string;
  /** The subject is a natural person (its code is a resident identity number): the subject-type ceiling applies. */
  readonly naturalPerson?: boolean;
  readonly purpose: string | null;
  readonly consents: readonly Consent[];
  readonly applications: readonly SpecialApplication[];
  readonly now: Date;
  /** The gateway could not load the subject's consents and applications: none is assumed. */
  readonly unavailable?: boolean;
}

const unknownFacts = (facts: SubjectFacts) =>
  facts.unavailable ? " (the subject's authorizations could not be loaded, so none is assumed)" : '';

/** Categories that never reach a credit service body, whatever it holds (CIR Art. 14: clinical data). */
export const NEVER_TO_CREDIT_SERVICE: readonly string[] = ['health.clinical'];

/**
 * What an unclassified field requires (deny by default): nothing anybody holds, whatever its grants,
 * statutory power, consents, applications or self-access.
 */
export const UNCLASSIFIED: Requirement = Object.freeze({ category: 'unclassified', level: 'SPECIAL', publicWhen: null });
const NOT_CLASSIFIED = 'the field is not classified, and what is not classified is served to no one';

const allow = (basis: Basis, ref?: string): Decision => (ref === undefined ? { allowed: true, basis } : { allowed: true, basis, ref });
const deny = (requirement: Requirement, reason: string): Decision => ({ allowed: false, reason, requirement });

/** The highest level the principal's grants reach for a category. */
export function grantedLevel(principal: Principal, category: string): Level | null {
  let best: Level | null = null;
  for (const grant of principal.grants) {
    if (categoryCovers(grant.category, category) && (best === null || levelRank(grant.level) > levelRank(best))) best = grant.level;
  }
  return best;
}

/**
 * Whether a category reaches data no credit service body may see: one of those categories, a part
 * of one, or a parent that covers one (`health` covers `health.clinical`).
 */
export function reachesNeverToCreditService(category: string): boolean {
  return NEVER_TO_CREDIT_SERVICE.some((never) => categoryCovers(never, category) || categoryCovers(category, never));
}

function forbiddenForKind(principal: Principal, category: string): boolean {
  return principal.kind === 'CREDIT_SERVICE' && reachesNeverToCreditService(category);
}

function lacking(principal: Principal, requirement: Requirement): string {
  const granted = grantedLevel(principal, requirement.category);
  return `requires ${requirement.level} access to ${requirement.category}; ${
    granted ? `the caller's grants reach ${granted}` : 'the caller holds no grant for it'
  }`;
}

export interface PlanningOptions {
  /**
   * Whether the subgraphs decide per subject (consents, special applications, self-access).
   * Without that, whatever depends on the subject is denied here: the gateway fails closed rather
   * than pass data nobody will check.
   */
  readonly subjectScoped: boolean;
  /** Whether the subgraphs serve only the public records of a `publicWhen` list to callers without a grant. */
  readonly perRecord: boolean;
}

/**
 * How the graph decides: the gateway lets through, before planning, whatever some subject's facts
 * could allow (consents, special applications, self-access), because every subgraph decides it again
 * per subject at resolution (`decideAtResolution`); `publicWhen` lists are filtered per record. One
 * constant, so the two layers can never disagree about what is left to the subgraphs.
 */
export const CURRENT_PLANNING: PlanningOptions = Object.freeze({ subjectScoped: true, perRecord: true });

/** Where nothing says whose records are served: whatever depends on the subject is denied. */
const WITHOUT_SUBJECT: PlanningOptions = Object.freeze({ subjectScoped: false, perRecord: false });

/**
 * Before planning, with no subject known yet: may the field be asked of the subgraphs at all? What
 * depends on the subject is allowed through only when the subgraphs decide it per subject.
 */
export function decideBeforePlanning(principal: Principal, requirement: Requirement, options: PlanningOptions): Decision {
  if (requirement.category === UNCLASSIFIED.category) return deny(requirement, NOT_CLASSIFIED);
  if (isSubmission(requirement)) return decideSubmission(principal, requirement);
  if (requirement.level === 'PUBLIC') return allow('public');
  if (isSourceAuthorityRecourse(principal, requirement)) return allow('source-authority');
  if (forbiddenForKind(principal, requirement.category)) {
    return deny(requirement, `${requirement.category} is never disclosed to credit service bodies`);
  }
  const granted = grantedLevel(principal, requirement.category);
  const byGrant = granted !== null && covers(granted, requirement.level);
  if (options.perRecord && requirement.publicWhen && !byGrant) return allow('per-record');
  if (options.subjectScoped) {
    if (principal.kind === 'SUBJECT' && principal.subject) return allow('self');
    if (requirement.level === 'SPECIAL' && principal.organization) return allow('special-application');
    return byGrant ? allow('grant') : deny(requirement, lacking(principal, requirement));
  }
  if (!byGrant) return deny(requirement, lacking(principal, requirement));
  switch (requirement.level) {
    case 'SHARED':
      return allow('grant');
    case 'RESTRICTED':
      return principal.statutory
        ? allow('statutory')
        : deny(requirement, "requires the subject's authorization, and no single subject is concerned: only statutory inquiry is served");
    case 'SPECIAL':
      return deny(requirement, 'requires an approved special application for one subject, and no single subject is concerned');
    default: {
      const unreachable: never = requirement.level;
      throw new Error(`unknown level ${String(unreachable)}`);
    }
  }
}

/** The purpose of a subject reading its own records. */
export const SELF_QUERY = 'SELF_QUERY';

/**
 * Nothing above PUBLIC is disclosed without a stated purpose of inquiry that the caller's token
 * allows: the gateway checks the purpose before it signs anything, and every subgraph checks it
 * again on each decision it takes, so a context carrying another purpose discloses nothing.
 */
export function withPurpose(principal: Principal, purpose: string | null, decision: Decision, requirement: Requirement): Decision {
  // Submitting records states no purpose of inquiry: it discloses nothing but the caller's own submission.
  if (!decision.allowed || decision.basis === 'public' || decision.basis === 'per-record' || decision.basis === 'source-authority') return decision;
  // SELF_QUERY names the caller's own records: it backs a disclosure of the subject to itself, nothing else.
  if (purpose === SELF_QUERY && decision.basis !== 'self') return deny(requirement, `the purpose ${SELF_QUERY} covers only the caller's own records`);
  if (purpose !== null && principal.purposes.includes(purpose)) return decision;
  return deny(
    requirement,
    purpose === null
      ? `requires a stated purpose of inquiry (header x-inquiry-purpose) for ${requirement.category}`
      : `the purpose ${purpose} is not among the caller's purposes`,
  );
}

/** A consent authorizes queries at `now`: started, not ended, not revoked. */
export function consentInForce(consent: Consent, now: Date): boolean {
  return consent.revokedAt === null && consent.validFrom.getTime() <= now.getTime() && now.getTime() < consent.validUntil.getTime();
}

/** A special application authorizes queries at `now`: approved, not ended, not revoked. */
export function applicationInForce(application: SpecialApplication, now: Date): boolean {
  return application.approvedAt !== null && application.revokedAt === null && now.getTime() < application.validUntil.getTime();
}

function consentCovers(consent: Consent, principal: Principal, requirement: Requirement, facts: SubjectFacts): boolean {
  return (
    consent.subject === facts.subject &&
    consent.organization === principal.organization &&
    consent.purpose === facts.purpose &&
    consent.categories.some((c) => categoryCovers(c, requirement.category)) &&
    consentInForce(consent, facts.now)
  );
}

function applicationCovers(application: SpecialApplication, principal: Principal, requirement: Requirement, facts: SubjectFacts): boolean {
  return (
    application.subject === facts.subject &&
    application.organization === principal.organization &&
    application.purpose === facts.purpose &&
    application.categories.some((c) => categoryCovers(c, requirement.category)) &&
    applicationInForce(application, facts.now)
  );
}

/** For one subject's records: the full decision, consents and special applications included. */
export function decideForSubject(principal: Principal, requirement: Requirement, facts: SubjectFacts): Decision {
  if (requirement.category === UNCLASSIFIED.category) return deny(requirement, NOT_CLASSIFIED);
  if (isSubmission(requirement)) return decideSubmission(principal, requirement);
  if (requirement.level === 'PUBLIC') return allow('public');
  if (principal.kind === 'SUBJECT' && principal.subject === facts.subject) return allow('self');
  if (forbiddenForKind(principal, requirement.category)) {
    return deny(requirement, `${requirement.category} is never disclosed to credit service bodies`);
  }
  const granted = grantedLevel(principal, requirement.category);
  switch (requirement.level) {
    case 'SHARED':
      return granted && covers(granted, 'SHARED') ? allow('grant') : deny(requirement, lacking(principal, requirement));
    case 'RESTRICTED':
      if (!granted || !covers(granted, 'RESTRICTED')) return deny(requirement, lacking(principal, requirement));
      if (principal.statutory) return allow('statutory');
    {
      const consent = facts.consents.find((c) => consentCovers(c, principal, requirement, facts));
      if (consent) return allow('consent', consent.id);
      return deny(
        requirement,
        `requires the subject's authorization for ${requirement.category} (purpose ${facts.purpose ?? 'not stated'}), and none is in force${unknownFacts(facts)}`,
      );
    }
    case 'SPECIAL': {
      const application = facts.applications.find((a) => applicationCovers(a, principal, requirement, facts));
      if (application) return allow('special-application', application.id);
      return deny(requirement, `requires an approved special application for this subject and ${requirement.category}, in force${unknownFacts(facts)}`);
    }
    default: {
      const unreachable: never = requirement.level;
      throw new Error(`unknown level ${String(unreachable)}; known: ${LEVELS.join(', ')}`);
    }
  }
}

/**
 * The subject-type ceiling: data about a natural person is personal data and never PUBLIC. Whatever
 * a field's level, for a natural person's record it is at least SHARED in the field's own category,
 * and no record of the person is public "per record" either (`publicWhen` does not apply). The graph
 * publishes no natural person: statutory publications about persons (the dishonest judgment-debtor
 * list) are the publishing court's, not the graph's.
 */
export const PERSONAL_DATA_FLOOR: Level = 'SHARED';
const STRUCTURE = 'structure';

export function withSubjectCeiling(requirement: Requirement, naturalPerson: boolean): Requirement {
  // Connections, edges and sector profiles hold no information of their own: what they lead to is decided on its own.
  if (!naturalPerson || requirement.category === STRUCTURE) return requirement;
  const level = levelRank(requirement.level) < levelRank(PERSONAL_DATA_FLOOR) ? PERSONAL_DATA_FLOOR : requirement.level;
  return level === requirement.level && !requirement.publicWhen ? requirement : { ...requirement, level, publicWhen: null };
}

/**
 * At resolution, in a subgraph: the subject whose record is served is known (its facts came signed
 * with the request), or no single subject is concerned and whatever depends on one is denied. A
 * `publicWhen` field the caller may not see in full is served per record: the list resolver serves
 * only the public rows.
 */
export function decideAtResolution(principal: Principal, classified: Requirement, facts: SubjectFacts | null): Decision {
  const requirement = withSubjectCeiling(classified, facts?.naturalPerson === true);
  const full = facts
    ? decideForSubject(principal, { ...requirement, publicWhen: null }, facts)
    : decideBeforePlanning(principal, { ...requirement, publicWhen: null }, WITHOUT_SUBJECT);
  if (full.allowed || !requirement.publicWhen) return full;
  return allow('per-record');
}
