import { defaultFieldResolver, GraphQLError, isObjectType, type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { classificationsOf } from '../policy/classification';
import { decideAtResolution, UNCLASSIFIED, withPurpose, withSubjectCeiling, type Decision, type Requirement, type SubjectFacts } from '../policy/decide';
import type { ForwardedContext } from '../auth/context';
import type { Disclosures } from './disclosures';
import { checkSubjectCode, isNaturalPersonCode } from '../identifiers';

/**
 * Defense in depth: every subgraph enforces the same classification with the same policy code at
 * resolution, so a gateway bug (or a request that bypassed it) cannot leak a field. Here the subject
 * is known: consents, special applications and self-access are decided per subject, from the facts
 * the gateway signed and sent with the fetch. Every disclosure above PUBLIC is noted for the
 * inquiry record.
 */

export interface EnforcedContext {
  readonly forwarded?: ForwardedContext;
  readonly disclosures?: Disclosures;
}

const ROOT_TYPES: ReadonlySet<string> = new Set(['Query', 'Mutation']);

const stringAt = (value: unknown, key: string): string | null => {
  const v = (value as Record<string, unknown> | null | undefined)?.[key];
  return typeof v === 'string' ? v : null;
};

/**
 * Whose record a field belongs to: a record's or profile's `subjectCode`, a `Subject`'s own code, or
 * for a root field its `subject` argument (directly or in `input`/`filter`). Resolvers of root fields
 * serve exactly that subject. Null when nothing names one: then only what needs no subject is served.
 */
export function subjectOf(source: unknown, args: Record<string, unknown>, typeName: string): string | null {
  const named = ROOT_TYPES.has(typeName)
    ? (stringAt(args, 'subject') ?? stringAt(args.input, 'subject') ?? stringAt(args.filter, 'subject'))
    : (stringAt(source, 'subjectCode') ?? (typeName === 'Subject' ? stringAt(source, 'code') : null));
  if (named === null) return null;
  // Decided (and recorded) under the code's one normal form; a malformed code is refused by the resolver.
  const check = checkSubjectCode(named);
  return check.ok ? check.code : named;
}

// Built once per request and subject: a request resolves many fields of each subject's records.
const factsByRequest = new WeakMap<ForwardedContext, Map<string, SubjectFacts>>();

/** The facts the gateway signed for one subject; none when it sent none. */
export function subjectFacts(forwarded: ForwardedContext, subject: string): SubjectFacts {
  let bySubject = factsByRequest.get(forwarded);
  if (!bySubject) {
    bySubject = new Map();
    factsByRequest.set(forwarded, bySubject);
  }
  let facts = bySubject.get(subject);
  if (!facts) {
    const grants = forwarded.subjects[subject];
    facts = {
      subject,
      naturalPerson: isNaturalPersonCode(subject),
      purpose: forwarded.purpose,
      consents: grants?.consents ?? [],
      applications: grants?.applications ?? [],
      now: new Date(),
      unavailable: forwarded.subjectsUnavailable,
    };
    bySubject.set(subject, facts);
  }
  return facts;
}

/**
 * The decision of one field for one subject (or none): the policy's, with the subject-type ceiling,
 * and never above PUBLIC without an allowed purpose.
 */
export function decideField(forwarded: ForwardedContext | undefined, requirement: Requirement, subject: string | null): Decision {
  if (!forwarded) return { allowed: false, reason: 'no verified caller', requirement };
  const facts = subject ? subjectFacts(forwarded, subject) : null;
  const decision = decideAtResolution(forwarded.principal, requirement, facts);
  return withPurpose(forwarded.principal, forwarded.purpose, decision, withSubjectCeiling(requirement, facts?.naturalPerson === true));
}

export function unauthorized(decision: Extract<Decision, { allowed: false }>): GraphQLError {
  const { requirement } = decision;
  return new GraphQLError('Unauthorized field or type', {
    extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: requirement.category, level: requirement.level, reason: decision.reason },
  });
}

export function enforceClassification(schema: GraphQLSchema, typeDefs: DocumentNode): GraphQLSchema {
  const { fields } = classificationsOf(typeDefs);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_')) continue;
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      if (!fields.has(key)) continue; // federation's own fields (_entities, _service)
      const requirement = fields.get(key) ?? UNCLASSIFIED;
      const resolve: GraphQLFieldResolver<unknown, EnforcedContext> = field.resolve ?? defaultFieldResolver;
      const isPublic = requirement.level === 'PUBLIC';
      field.resolve = (source, args, context, info) => {
        const subject = subjectOf(source, args, type.name);
        // A PUBLIC field is public for organizations; a natural person's is personal data (the ceiling).
        if (isPublic && (subject === null || !isNaturalPersonCode(subject))) return resolve(source, args, context, info);
        const decision = decideField(context.forwarded, requirement, subject);
        if (!decision.allowed) throw unauthorized(decision);
        // Noted once the field has resolved: a resolver that refuses (a mutation's own rules) discloses nothing.
        const note = () =>
          context.disclosures?.add({
            subject,
            field: key,
            category: requirement.category,
            level: withSubjectCeiling(requirement, subject !== null && isNaturalPersonCode(subject)).level,
            basis: decision.basis,
            ...(decision.ref ? { ref: decision.ref } : {}),
          });
        const value = resolve(source, args, context, info);
        if (value instanceof Promise) {
          return value.then((resolved) => {
            note();
            return resolved;
          });
        }
        note();
        return value;
      };
    }
  }
  return schema;
}
