import { defaultFieldResolver, GraphQLError, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Decision } from '../policy/decide';
import { fieldDisclosure } from './disclosures';
import { subjectOfField } from '../policy/subjects';
import { isNaturalPersonCode } from '../identifiers';
import type { FieldRequirements, SubgraphContext } from './request';

/**
 * Defense in depth: every subgraph enforces the same classification with the same policy code at
 * resolution, so a gateway bug (or a request that bypassed it) cannot leak a field. Here the subject
 * is known (`subjectOfField`): consents, special applications and self-access are decided per subject,
 * from the facts the gateway signed for the fetch, once per request (`SubgraphRequest.decide`). Every
 * disclosure above PUBLIC is noted on the request for the inquiry record.
 */

export function unauthorized(decision: Extract<Decision, { allowed: false }>): GraphQLError {
  const { requirement } = decision;
  return new GraphQLError('Unauthorized field or type', {
    extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: requirement.category, level: requirement.level, reason: decision.reason },
  });
}

export function enforceClassification(schema: GraphQLSchema, requirements: FieldRequirements): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_')) continue;
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      const requirement = requirements.get(key);
      if (!requirement) continue; // federation's own fields (_entities, _service)
      const resolve: GraphQLFieldResolver<unknown, SubgraphContext> = field.resolve ?? defaultFieldResolver;
      const isPublic = requirement.level === 'PUBLIC';
      const enforced: GraphQLFieldResolver<unknown, SubgraphContext, Record<string, unknown>> = (source, args, context, info) => {
        const subject = subjectOfField(source, args, type.name);
        // A PUBLIC field is public for organizations; a natural person's is personal data (the ceiling).
        if (isPublic && (subject === null || !isNaturalPersonCode(subject))) return resolve(source, args, context, info);
        const { request } = context;
        const decision = request.decideField(key, subject);
        if (!decision.allowed) throw unauthorized(decision);
        // Noted once the field has resolved: a resolver that refuses (a mutation's own rules) discloses nothing.
        const note = () => request.disclosures.add(fieldDisclosure(key, subject, requirement, decision));
        const value = resolve(source, args, context, info);
        if (value instanceof Promise) {
          return value.then((resolved: unknown) => {
            note();
            return resolved;
          });
        }
        note();
        return value;
      };
      field.resolve = enforced;
    }
  }
  return schema;
}
