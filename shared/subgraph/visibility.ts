import type { ConstDirectiveNode, GraphQLField, GraphQLResolveInfo } from 'graphql';
import { readClassification } from '../policy/classification';
import { CURRENT_PLANNING, decideBeforePlanning, type Requirement } from '../policy/decide';
import type { Visibility } from '../records';
import type { ForwardedContext } from '../auth/context';

/**
 * Which records of a `publicWhen` list the caller sees: all of them when its rights cover the list
 * itself, otherwise only the public ones. Read from the field's own `@classify`, which the schema
 * keeps on the field's definition.
 */

const cache = new WeakMap<GraphQLField<unknown, unknown>, Requirement | null>();

// Composition has already checked every directive; a malformed one reads as absent here.
const fromDirectives = (directives: readonly ConstDirectiveNode[] | undefined, where: string) =>
  readClassification(directives, where, []);

export function visibilityFor(info: GraphQLResolveInfo, forwarded: ForwardedContext | undefined): Visibility {
  const field = info.parentType.getFields()[info.fieldName] as GraphQLField<unknown, unknown> | undefined;
  if (!field) return 'public';
  let requirement = cache.get(field);
  if (requirement === undefined) {
    requirement =
      fromDirectives(field.astNode?.directives, `${info.parentType.name}.${field.name}`) ??
      fromDirectives(info.parentType.astNode?.directives, info.parentType.name);
    cache.set(field, requirement);
  }
  if (!requirement?.publicWhen) return 'all';
  if (!forwarded) return 'public';
  return decideBeforePlanning(forwarded.principal, { ...requirement, publicWhen: null }, CURRENT_PLANNING).allowed ? 'all' : 'public';
}
