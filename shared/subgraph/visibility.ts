import type { ConstDirectiveNode, GraphQLField, GraphQLResolveInfo } from 'graphql';
import { readClassification } from '../policy/classification';
import type { Requirement } from '../policy/decide';
import { decideField } from './enforce';
import type { Visibility } from '../records';
import type { ForwardedContext } from '../auth/context';

/**
 * Which records of one subject's `publicWhen` list the caller sees: all of them when its rights
 * cover the list itself for that subject (a grant, or the subject acting as itself), otherwise only
 * the public ones. Read from the field's own `@classify`, which the schema
 * keeps on the field's definition.
 */

const cache = new WeakMap<GraphQLField<unknown, unknown>, Requirement | null>();

// Composition has already checked every directive; a malformed one reads as absent here.
const fromDirectives = (directives: readonly ConstDirectiveNode[] | undefined, where: string) =>
  readClassification(directives, where, []);

export function visibilityFor(info: GraphQLResolveInfo, forwarded: ForwardedContext | undefined, subject: string): Visibility {
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
  return decideField(forwarded, { ...requirement, publicWhen: null }, subject).allowed ? 'all' : 'public';
}
