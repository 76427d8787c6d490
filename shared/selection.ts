import { Kind, type SelectionNode } from 'graphql';

/** The boolean `if` of `@skip`/`@include` on a selection: a literal or a variable's coerced value; null when absent. */
function booleanArg(node: SelectionNode, directive: string, variables: Readonly<Record<string, unknown>>): boolean | null {
  const found = node.directives?.find((d) => d.name.value === directive);
  const value = found?.arguments?.find((a) => a.name.value === 'if')?.value;
  if (!value) return null;
  if (value.kind === Kind.BOOLEAN) return value.value;
  if (value.kind === Kind.VARIABLE) return variables[value.name.value] === true;
  return null;
}

/**
 * Whether `@skip`/`@include` keep a selection, with the operation's coerced variables: the one rule
 * the gateway's authorization and limits and a subgraph's look-ahead (`selectsTotalCount`) apply.
 */
export function included(node: SelectionNode, variables: Readonly<Record<string, unknown>>): boolean {
  return booleanArg(node, 'skip', variables) !== true && booleanArg(node, 'include', variables) !== false;
}
