import { createHash } from 'node:crypto';
import {
  GraphQLError,
  Kind,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isObjectType,
  type GraphQLObjectType,
  isAbstractType,
  isInterfaceType,
  isListType,
  isNonNullType,
  parse,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type DirectiveNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  isCompositeType,
  OperationTypeNode,
} from 'graphql';
import { classificationsOf, type SdlClassifications } from '../shared/policy/classification';
import { levelRank } from '../shared/policy/levels';
import { echo } from '../shared/errors';
import { included } from '../shared/selection';
import { echoesCapped } from '../shared/http';
import { CURRENT_PLANNING, decideBeforePlanning, UNCLASSIFIED, type Requirement } from '../shared/policy/decide';
import type { Principal } from '../shared/policy/principal';

/**
 * Field-level authorization before query planning, with Apollo Router's semantics: fields the
 * principal may not see are removed from the operation, the reduced operation is planned and run,
 * and the response carries `null` at each removed path (with normal null propagation) and one
 * UNAUTHORIZED_FIELD_OR_TYPE error per removed path.
 */

export type AuthorizationMode = 'filter' | 'reject' | 'dry-run';

/** One step of a response path: the response key, and whether the field there is non-null. */
interface PathStep {
  readonly key: string;
  readonly nonNull: boolean;
  readonly list: boolean;
  readonly itemNonNull: boolean;
}

export interface Removal {
  readonly path: readonly PathStep[];
  readonly requirement: Requirement;
  readonly reason: string;
  /** False for a field removed only because everything under it was removed. */
  readonly reported: boolean;
}

export interface FilterResult {
  /** The operation to plan: null when nothing is left of it. */
  readonly document: DocumentNode | null;
  readonly removals: readonly Removal[];
  /** The classifications of every field the reduced operation still selects. */
  readonly disclosed: readonly Requirement[];
}

/** The classification of the loaded supergraph, read from its core SDL (the API schema drops it). */
export class SupergraphClassification {
  private readonly sdl: SdlClassifications;

  constructor(coreSupergraphSdl: string) {
    this.sdl = classificationsOf(parse(coreSupergraphSdl));
  }

  /**
   * What selecting `field` requires where the object at hand can be any of `possible` (the concrete
   * types the selection can meet there): each of their classifications, strictest first. Null for
   * introspection and `__typename`. An unclassified field, or a field where no concrete type can
   * ever be met (an interface with no implementation), is denied.
   */
  requirementsFor(possible: readonly GraphQLObjectType[], field: string): readonly Requirement[] | null {
    if (field.startsWith('__')) return null;
    if (possible.length === 0) return [DENY];
    const found: Requirement[] = [];
    for (const type of possible) {
      const requirement = this.sdl.fields.get(`${type.name}.${field}`) ?? DENY;
      if (!found.some((r) => r.category === requirement.category && r.level === requirement.level && r.publicWhen === requirement.publicWhen)) {
        found.push(requirement);
      }
    }
    return found.sort((a, b) => levelRank(b.level) - levelRank(a.level) || a.category.localeCompare(b.category));
  }
}

const DENY = UNCLASSIFIED;

function stepOf(key: string, type: GraphQLOutputType): PathStep {
  const nonNull = isNonNullType(type);
  const inner = nonNull ? type.ofType : type;
  const list = isListType(inner);
  return { key, nonNull, list, itemNonNull: list && isNonNullType(inner.ofType) };
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
}

/** The concrete types a value of `type` can be. */
function possibleTypesOf(schema: GraphQLSchema, type: GraphQLCompositeType): readonly GraphQLObjectType[] {
  return isObjectType(type) ? [type] : schema.getPossibleTypes(type);
}

/** Narrows the concrete types at hand by a fragment's type condition, as execution does. */
function narrow(schema: GraphQLSchema, possible: readonly GraphQLObjectType[], condition: GraphQLCompositeType): readonly GraphQLObjectType[] {
  return possible.filter((type) => type === condition || (isAbstractType(condition) && schema.isSubType(condition, type)));
}

/** The operation that will execute, with its variables coerced, or the error that stops it. */
export type PreparedOperation =
  | { readonly operation: OperationDefinitionNode; readonly variables: Readonly<Record<string, unknown>>; readonly error?: undefined }
  | { readonly error: GraphQLError; readonly operation?: undefined; readonly variables?: undefined };

/**
 * Selects the operation exactly as the executor will (graphql-js `getOperationAST`, which Apollo
 * Server uses too) and coerces the request's variables against its definitions (declared defaults,
 * types), so that authorization decides the very operation that runs, with the values it runs with.
 */
export function prepareOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Readonly<Record<string, unknown>> | null | undefined,
): PreparedOperation {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) {
    const message = operationName !== null && operationName !== undefined
      ? `The document has no operation named "${echo(operationName)}"`
      : 'The document has several operations: name the one to run in `operationName`';
    return { error: new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } }) };
  }
  if (rawVariables !== null && rawVariables !== undefined && (typeof rawVariables !== 'object' || Array.isArray(rawVariables))) {
    return { error: new GraphQLError('`variables` must be an object', { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } }) };
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], (rawVariables ?? {}), { maxErrors: 1 });
  if (coerced.errors) {
    const first = coerced.errors[0] as GraphQLError;
    // graphql-js's own words, with whatever it quotes of the value cut to a short prefix.
    return { error: new GraphQLError(echoesCapped(first.message), { nodes: first.nodes, extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } }) };
  }
  // A nullable variable with a default may still be sent as null, which `@skip`/`@include` cannot take
  // (graphql-js refuses it only when it executes): refuse it here, as the caller's mistake.
  const nullCondition = conditionFedNull(document, operation, coerced.coerced);
  if (nullCondition) {
    return {
      error: new GraphQLError(`Variable "$${nullCondition.variable}" is null, but @${nullCondition.directive}(if:) takes a Boolean`, {
        extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
      }),
    };
  }
  return { operation, variables: coerced.coerced };
}

/** The `@skip`/`@include` conditions given by a variable, of the operation and the fragments it uses. */
type VariableConditions = ReadonlyArray<{ readonly directive: string; readonly variable: string }>;

/** Per parsed operation (Apollo Server hands the same document to every request of one text), found once. */
const conditionsOfOperation = new WeakMap<OperationDefinitionNode, VariableConditions>();

function variableConditions(document: DocumentNode, operation: OperationDefinitionNode): VariableConditions {
  const known = conditionsOfOperation.get(operation);
  if (known) return known;
  const fragments = fragmentsOf(document);
  const reached: Array<OperationDefinitionNode | FragmentDefinitionNode> = [operation];
  const seen = new Set<string>();
  for (let i = 0; i < reached.length; i += 1) {
    visit(reached[i] as OperationDefinitionNode | FragmentDefinitionNode, {
      FragmentSpread(node) {
        const fragment = fragments.get(node.name.value);
        if (fragment && !seen.has(node.name.value)) {
          seen.add(node.name.value);
          reached.push(fragment);
        }
      },
    });
  }
  const conditions: Array<{ directive: string; variable: string }> = [];
  const check = {
    Directive(node: DirectiveNode) {
      if (node.name.value !== 'skip' && node.name.value !== 'include') return;
      const value = node.arguments?.find((a) => a.name.value === 'if')?.value;
      if (value?.kind === Kind.VARIABLE) conditions.push({ directive: node.name.value, variable: value.name.value });
    },
  };
  for (const node of reached) visit(node, check);
  conditionsOfOperation.set(operation, conditions);
  return conditions;
}

/** The first `@skip`/`@include` of the operation (or a fragment it uses) whose `if` is a variable coerced to null. */
function conditionFedNull(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
): { directive: string; variable: string } | null {
  return variableConditions(document, operation).find((c) => typeof variables[c.variable] !== 'boolean') ?? null;
}

/**
 * Decides every field of `operation` (prepared by `prepareOperation`: the one that will run, with
 * coerced variables), removes the denied ones (and whatever is left empty by that), and says which
 * paths were removed and why.
 */
export function filterOperation(
  schema: GraphQLSchema,
  classification: SupergraphClassification,
  principal: Principal,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> = {},
): FilterResult {
  const rootType =
    operation.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : operation.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!rootType) return { document: null, removals: [], disclosed: [] };
  const operationName = operation.name?.value ?? null;

  const fragments = fragmentsOf(document);
  const denied = new Set<FieldNode>();
  const removals: Removal[] = [];
  const disclosed = new Map<string, Requirement>();

  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    possible: readonly GraphQLObjectType[],
    path: readonly PathStep[],
    seen: ReadonlySet<string>,
  ) => {
    for (const selection of selectionSet.selections) {
      // A selection @skip/@include leaves out is neither asked for nor reported.
      if (!included(selection, variables)) continue;
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        if (type && isCompositeType(type)) {
          walk(fragment.selectionSet, type, narrow(schema, possible, type), path, new Set([...seen, fragment.name.value]));
        }
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) walk(selection.selectionSet, type, narrow(schema, possible, type), path, seen);
        continue;
      }
      const name = selection.name.value;
      if (name === '__typename') continue;
      const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
      const requirements = classification.requirementsFor(possible, name);
      const step = field ? stepOf(selection.alias?.value ?? name, field.type) : { key: selection.alias?.value ?? name, nonNull: false, list: false, itemNonNull: false };
      if (requirements) {
        const decisions = requirements.map((requirement) => ({ requirement, decision: decideBeforePlanning(principal, requirement, CURRENT_PLANNING) }));
        const refusal = decisions.find(({ decision }) => !decision.allowed);
        if (refusal && !refusal.decision.allowed) {
          denied.add(selection);
          removals.push({ path: [...path, step], requirement: refusal.requirement, reason: refusal.decision.reason, reported: true });
          continue;
        }
        // A source authority's own submission is written, not disclosed: no purpose, no inquiry record.
        for (const { requirement, decision } of decisions) {
          if (decision.allowed && decision.basis !== 'source-authority') disclosed.set(`${requirement.category}/${requirement.level}`, requirement);
        }
      }
      if (selection.selectionSet && field) {
        const named = getNamedType(field.type);
        if (isCompositeType(named)) walk(selection.selectionSet, named, possibleTypesOf(schema, named), [...path, step], seen);
      }
    }
  };
  walk(operation.selectionSet, rootType, [rootType], [], new Set());


  if (denied.size === 0) return { document, removals, disclosed: [...disclosed.values()] };

  // Remove the denied fields, then whatever they left empty, until nothing changes.
  let current: DocumentNode = visit(document, { Field: (node) => (denied.has(node) ? null : undefined) });
  for (let changed = true; changed; ) {
    changed = false;
    const emptyFragments = new Set<string>();
    current = visit(current, {
      FragmentDefinition: (node) => {
        if (node.selectionSet.selections.length === 0) {
          emptyFragments.add(node.name.value);
          changed = true;
          return null;
        }
        return undefined;
      },
      Field: (node) => {
        if (node.selectionSet && node.selectionSet.selections.length === 0) {
          changed = true;
          return null;
        }
        return undefined;
      },
      InlineFragment: (node) => {
        if (node.selectionSet.selections.length === 0) {
          changed = true;
          return null;
        }
        return undefined;
      },
    });
    if (emptyFragments.size > 0) {
      current = visit(current, { FragmentSpread: (node) => (emptyFragments.has(node.name.value) ? null : undefined) });
    }
  }
  // A field emptied by removals answers null too, without an error of its own.
  for (const removal of [...removals]) {
    for (let depth = removal.path.length - 1; depth > 0; depth -= 1) {
      const prefix = removal.path.slice(0, depth);
      if (!stillSelected(current, operationName, prefix.map((s) => s.key))) {
        if (!removals.some((r) => samePath(r.path, prefix))) removals.push({ ...removal, path: prefix, reported: false });
      } else break;
    }
  }
  const remaining = getOperationAST(current, operationName ?? undefined);
  const empty = !remaining || remaining.selectionSet.selections.length === 0;
  return { document: empty ? null : current, removals, disclosed: [...disclosed.values()] };
}

function samePath(a: readonly PathStep[], b: readonly PathStep[]): boolean {
  return a.length === b.length && a.every((s, i) => s.key === b[i]?.key);
}

/** Whether the reduced operation still selects the response path (through fragments too). */
function stillSelected(document: DocumentNode, operationName: string | null, keys: readonly string[]): boolean {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return false;
  const fragments = fragmentsOf(document);
  const has = (set: SelectionSetNode, i: number, seen: ReadonlySet<string>): boolean => {
    if (i === keys.length) return true;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD && (s.alias?.value ?? s.name.value) === keys[i]) {
        if (i === keys.length - 1 || (s.selectionSet && has(s.selectionSet, i + 1, seen))) return true;
      } else if (s.kind === Kind.INLINE_FRAGMENT && has(s.selectionSet, i, seen)) return true;
      else if (s.kind === Kind.FRAGMENT_SPREAD && !seen.has(s.name.value)) {
        const f = fragments.get(s.name.value);
        if (f && has(f.selectionSet, i, new Set([...seen, s.name.value]))) return true;
      }
    }
    return false;
  };
  return has(operation.selectionSet, 0, new Set());
}

/** Puts `null` at a removed path in the response data; returns the new data (null propagates). */
export function nullAt(data: Record<string, unknown> | null, path: readonly PathStep[]): Record<string, unknown> | null {
  if (!data || path.length === 0) return data;
  const nullify = (container: Record<string, unknown>, i: number): boolean => {
    const step = path[i] as PathStep;
    if (i === path.length - 1) {
      container[step.key] = null;
      return step.nonNull;
    }
    const value = container[step.key];
    let nullValue = false;
    if (Array.isArray(value)) {
      for (let j = 0; j < value.length; j += 1) {
        const item: unknown = value[j];
        if (item && typeof item === 'object' && nullify(item as Record<string, unknown>, i + 1)) {
          if (step.itemNonNull) {
            nullValue = true;
            break;
          }
          value[j] = null;
        }
      }
    } else if (value && typeof value === 'object') {
      nullValue = nullify(value as Record<string, unknown>, i + 1);
    }
    if (nullValue) {
      container[step.key] = null;
      return step.nonNull;
    }
    return false;
  };
  return nullify(data, 0) ? null : data;
}

/** A plan-cache key that differs whenever the reduced operation differs. */
export function hashOf(document: DocumentNode): string {
  return createHash('sha256').update(print(document)).digest('hex');
}

