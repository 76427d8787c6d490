import type { DocumentNode } from 'graphql';
import { classificationsOf } from '../policy/classification';
import { decideAtResolution, UNCLASSIFIED, withPurpose, withSubjectCeiling, type Decision, type Requirement, type SubjectFacts } from '../policy/decide';
import type { Principal } from '../policy/principal';
import { subjectsOfQuery } from '../policy/subjects';
import { GRANTS_EXTENSION, type ForwardedContext, type SubjectGrants, type VerifiedGrants } from '../auth/context';
import { checkSubjectCode, isNaturalPersonCode } from '../identifiers';
import { Disclosures } from './disclosures';

/**
 * One fetch from the gateway, as a subgraph serves it: the caller its signed context names, the
 * subjects the fetch concerns with the facts its signed grants hold about them, every field decision
 * taken while answering it, and what was disclosed. Built once, by the hook that verifies the context
 * and the grants (`subgraphHttp`), and read by the enforcement of every field, by the resolvers that
 * choose which rows of a `publicWhen` list to show, and by the runtime that reports the disclosures.
 */

/** Every field of a subgraph's schema (`Type.field`) and what it requires: its `@classify`, read once per server. */
export type FieldRequirements = ReadonlyMap<string, Requirement>;

/** The requirements of a subgraph's fields; a field without `@classify` (or its type's) requires what nobody holds. */
export function fieldRequirements(typeDefs: DocumentNode): FieldRequirements {
  const requirements = new Map<string, Requirement>();
  for (const [field, classification] of classificationsOf(typeDefs).fields) requirements.set(field, classification ?? UNCLASSIFIED);
  return requirements;
}

/** What a GraphQL fetch's body says about its subjects: the subjects its operation concerns, and its grants token. */
export interface FetchBody {
  readonly subjects: readonly string[];
  /** `extensions.creditGraphGrants`, unverified; undefined when the fetch carries none. */
  readonly grantsToken: unknown;
}

/**
 * Reads a GraphQL fetch's JSON body. Its subjects are those of `subjectsOfFetch`, the rule the gateway
 * signed the grants by, over the same text and variables. A query that does not parse concerns no
 * subject: the GraphQL runtime refuses it in its own words.
 */
export function readFetchBody(body: unknown): FetchBody {
  const { query, variables, extensions } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const grantsToken = typeof extensions === 'object' && extensions !== null ? (extensions as Record<string, unknown>)[GRANTS_EXTENSION] : undefined;
  if (typeof query !== 'string') return { subjects: [], grantsToken };
  const vars = typeof variables === 'object' && variables !== null ? (variables as Record<string, unknown>) : null;
  return { subjects: subjectsOfQuery(query, vars), grantsToken };
}

/** A subject code in its one normal form; a malformed one as it came (it names no stored record). */
function normalForm(subject: string): string {
  const check = checkSubjectCode(subject);
  return check.ok ? check.code : subject;
}

export class SubgraphRequest {
  readonly principal: Principal;
  readonly purpose: string | null;
  readonly requestId: string;
  /** The subjects this fetch concerns (`subjectsOfFetch`): the only ones whose signed facts count. */
  readonly subjects: ReadonlySet<string>;
  /** What was disclosed above PUBLIC while answering, for the request's inquiry record. */
  readonly disclosures = new Disclosures();
  /** The grants of the fetch's subjects; grants the token carries for any other subject are not kept. */
  private readonly grants: ReadonlyMap<string, SubjectGrants>;
  private readonly grantsUnavailable: boolean;
  /** One instant for every decision of the request: a consent ending mid-request does not split its answer. */
  private readonly now = new Date();
  private readonly facts = new Map<string, SubjectFacts>();
  private readonly decisions = new Map<Requirement, Map<string | null, Decision>>();
  /** How often `decide` found a decision already taken in this request, and how often it took one (metrics). */
  readonly decisionLookups = { hits: 0, misses: 0 };

  constructor(
    caller: ForwardedContext,
    subjects: readonly string[],
    grants: VerifiedGrants | null,
    private readonly requirements: FieldRequirements,
  ) {
    this.principal = caller.principal;
    this.purpose = caller.purpose;
    this.requestId = caller.requestId;
    this.subjects = new Set(subjects);
    const kept = new Map<string, SubjectGrants>();
    for (const subject of this.subjects) {
      const held = grants && Object.hasOwn(grants.subjects, subject) ? grants.subjects[subject] : undefined;
      if (held) kept.set(subject, held);
    }
    this.grants = kept;
    this.grantsUnavailable = grants?.subjectsUnavailable === true;
  }

  /** What `Type.field` requires in this subgraph. */
  requirementOf(field: string): Requirement {
    return this.requirements.get(field) ?? UNCLASSIFIED;
  }

  /** The facts of one subject: those the gateway signed when the fetch concerns it, none otherwise. */
  factsOf(subject: string): SubjectFacts {
    const code = normalForm(subject);
    let facts = this.facts.get(code);
    if (!facts) {
      const grants = this.grants.get(code);
      facts = {
        subject: code,
        naturalPerson: isNaturalPersonCode(code),
        purpose: this.purpose,
        consents: grants?.consents ?? [],
        applications: grants?.applications ?? [],
        now: this.now,
        unavailable: this.grantsUnavailable,
      };
      this.facts.set(code, facts);
    }
    return facts;
  }

  /**
   * The decision of one requirement for one subject (or none), taken once per request: the policy's,
   * with the subject-type ceiling, and never above PUBLIC without an allowed purpose.
   */
  decide(requirement: Requirement, subject: string | null): Decision {
    const code = subject === null ? null : normalForm(subject);
    let bySubject = this.decisions.get(requirement);
    if (!bySubject) {
      bySubject = new Map();
      this.decisions.set(requirement, bySubject);
    }
    let decision = bySubject.get(code);
    if (decision) this.decisionLookups.hits += 1;
    else this.decisionLookups.misses += 1;
    if (!decision) {
      const facts = code === null ? null : this.factsOf(code);
      const decided = decideAtResolution(this.principal, requirement, facts);
      decision = withPurpose(this.principal, this.purpose, decided, withSubjectCeiling(requirement, facts?.naturalPerson === true));
      bySubject.set(code, decision);
    }
    return decision;
  }

  /** The decision of `Type.field` for one subject: the one enforcement took for the field, or takes now. */
  decideField(field: string, subject: string | null): Decision {
    return this.decide(this.requirementOf(field), subject);
  }
}

/** What every resolver of a subgraph gets: its per-request loaders, and the request. */
export interface SubgraphContext {
  readonly request: SubgraphRequest;
}

export type ResolverContext<Loaders extends object = object> = Loaders & SubgraphContext;
