import { Kind, type ConstDirectiveNode, type GraphQLField, type GraphQLResolveInfo } from 'graphql';
import { isLevel } from '../policy/levels';
import { CURRENT_PLANNING, decideBeforePlanning, type Requirement } from '../policy/decide';
import type { Visibility } from '../records';
import type { ForwardedContext } from '../auth/context';

/**
 * Which records of a `publicWhen` list the caller sees: all of them when its rights cover the list
 * itself, otherwise only the public ones. Read from the field's own `@classify`, which the schema
 * keeps on the field's definition.
 */

const cache = new WeakMap<GraphQLField<unknown, unknown>, Requirement | null>();

function fromDirectives(directives: readonly ConstDirectiveNode[] | undefined): Requirement | null {
  const d = directives?.find((x) => x.name.value === 'classify');
  if (!d) return null;
  const arg = (name: string) => {
    const v = d.arguments?.find((a) => a.name.value === name)?.value;
    return v?.kind === Kind.STRING ? v.value : null;
  };
  const level = arg('level');
  return isLevel(level) ? { category: arg('category') ?? '', level, publicWhen: arg('publicWhen') } : null;
}

export function visibilityFor(info: GraphQLResolveInfo, forwarded: ForwardedContext | undefined): Visibility {
  const field = info.parentType.getFields()[info.fieldName] as GraphQLField<unknown, unknown> | undefined;
  if (!field) return 'public';
  let requirement = cache.get(field);
  if (requirement === undefined) {
    requirement = fromDirectives(field.astNode?.directives) ?? fromDirectives(info.parentType.astNode?.directives);
    cache.set(field, requirement);
  }
  if (!requirement?.publicWhen) return 'all';
  if (!forwarded) return 'public';
  return decideBeforePlanning(forwarded.principal, { ...requirement, publicWhen: null }, CURRENT_PLANNING).allowed ? 'all' : 'public';
}
