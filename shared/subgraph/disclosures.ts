import { withSubjectCeiling, type Basis, type Decision, type Requirement } from '../policy/decide';
import { isLevel, type Level } from '../policy/levels';
import { CATEGORY_NAMES } from '../policy/categories';
import { checkSubjectCode, isNaturalPersonCode } from '../identifiers';

/**
 * What a subgraph disclosed above PUBLIC while answering one request: per subject and field, with the
 * basis (grant, consent, self, statutory, special application) and the consent or application it
 * rested on. The subgraph returns the list in `extensions.disclosures`; the gateway gathers the lists
 * of every fetch into the request's inquiry record before the response leaves.
 */
export interface Disclosure {
  /** The subject whose record was served, or null for a field that concerns no single subject. */
  readonly subject: string | null;
  /** `Type.field`. */
  readonly field: string;
  readonly category: string;
  readonly level: Level;
  readonly basis: Basis;
  /** The consent or special application the disclosure rests on. */
  readonly ref?: string;
}

export const DISCLOSURES_EXTENSION = 'disclosures';

/**
 * What serving field `field` (`Type.field`) about `subject` discloses, on the decision that allowed
 * it: the field's category, the level the subject-type ceiling gives it for that subject, the basis
 * and the consent or application it rested on.
 */
export function fieldDisclosure(field: string, subject: string | null, requirement: Requirement, decision: Extract<Decision, { allowed: true }>): Disclosure {
  return {
    subject,
    field,
    category: requirement.category,
    level: withSubjectCeiling(requirement, subject !== null && isNaturalPersonCode(subject)).level,
    basis: decision.basis,
    ...(decision.ref ? { ref: decision.ref } : {}),
  };
}

/** The bases that disclose nothing beyond what the law publishes. */
const PUBLIC_BASES: ReadonlySet<Basis> = new Set(['public', 'per-record', 'source-authority']);

export class Disclosures {
  private readonly byKey = new Map<string, Disclosure>();

  add(disclosure: Disclosure): void {
    if (PUBLIC_BASES.has(disclosure.basis)) return;
    const key = `${disclosure.subject ?? ''}\u0000${disclosure.field}`;
    if (!this.byKey.has(key)) this.byKey.set(key, disclosure);
  }

  list(): Disclosure[] {
    return [...this.byKey.values()];
  }
}

const BASES: ReadonlySet<string> = new Set<Basis>(['public', 'per-record', 'grant', 'self', 'consent', 'statutory', 'special-application']);
/** `Type.field`: a GraphQL name, a dot, a GraphQL name. */
const FIELD = /^[_A-Za-z][_0-9A-Za-z]{0,99}\.[_A-Za-z][_0-9A-Za-z]{0,99}$/;
/** A consent's or application's id. */
const REF = /^[0-9A-Za-z-]{1,64}$/;
/** Most disclosures one request's record holds: a batch of 100 subjects over every field of the graph. */
export const DISCLOSURES_MAX = 20_000;

/**
 * Reads one disclosure, checked and normalized, or null when anything of it is malformed: a subject
 * code in its one normal form (a record stored under another spelling would be invisible to its
 * subject), a known category, level and basis, a field name and a reference of bounded shape.
 */
export function readDisclosure(raw: unknown): Disclosure | null {
  const d = raw as Record<string, unknown> | null;
  if (typeof d !== 'object' || d === null) return null;
  const { field, category, level, basis, ref } = d;
  if (typeof field !== 'string' || !FIELD.test(field)) return null;
  if (typeof category !== 'string' || !CATEGORY_NAMES.has(category) || !isLevel(level)) return null;
  if (typeof basis !== 'string' || !BASES.has(basis)) return null;
  if (ref !== undefined && (typeof ref !== 'string' || !REF.test(ref))) return null;
  let subject: string | null = null;
  if (d.subject !== null && d.subject !== undefined) {
    if (typeof d.subject !== 'string') return null;
    const check = checkSubjectCode(d.subject);
    if (!check.ok) return null;
    subject = check.code;
  }
  return { subject, field, category, level, basis: basis as Basis, ...(typeof ref === 'string' ? { ref } : {}) };
}

/** Reads a subgraph's `extensions.disclosures`, dropping anything malformed. */
export function readDisclosures(extension: unknown): Disclosure[] {
  if (!Array.isArray(extension)) return [];
  const out: Disclosure[] = [];
  for (const raw of extension.slice(0, DISCLOSURES_MAX)) {
    const disclosure = readDisclosure(raw);
    if (disclosure) out.push(disclosure);
  }
  return out;
}
