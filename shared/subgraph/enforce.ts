import { defaultFieldResolver, GraphQLError, isObjectType, type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { classificationsOf } from '../policy/classification';
import { CURRENT_PLANNING, decideBeforePlanning, type Requirement } from '../policy/decide';
import type { ForwardedContext } from '../auth/context';

/**
 * Defense in depth: every subgraph enforces the same classification with the same policy code at
 * resolution, so a gateway bug (or a request that bypassed it) cannot leak a field. The gateway has
 * already removed what the caller may not see; here the same decision is made again per field.
 */

export interface EnforcedContext {
  readonly forwarded?: ForwardedContext;
}

const UNCLASSIFIED: Requirement = { category: 'unclassified', level: 'SPECIAL', publicWhen: null };

export function enforceClassification(schema: GraphQLSchema, typeDefs: DocumentNode): GraphQLSchema {
  const { fields } = classificationsOf(typeDefs);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_')) continue;
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      if (!fields.has(key)) continue; // federation's own fields (_entities, _service)
      const requirement = fields.get(key) ?? UNCLASSIFIED;
      if (requirement.level === 'PUBLIC') continue;
      const resolve: GraphQLFieldResolver<unknown, EnforcedContext> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const forwarded = context.forwarded;
        const decision = forwarded
          ? decideBeforePlanning(forwarded.principal, requirement, CURRENT_PLANNING)
          : ({ allowed: false, reason: 'no verified caller' } as const);
        if (!decision.allowed) {
          throw new GraphQLError('Unauthorized field or type', {
            extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: requirement.category, level: requirement.level, reason: decision.reason },
          });
        }
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
