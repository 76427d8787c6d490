import { LRUCache } from 'lru-cache';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  Kind,
  Lexer,
  Source,
  TokenKind,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isListType,
  isObjectType,
  parse,
  valueFromAST,
  visit,
  BREAK,
  type ASTVisitor,
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  OperationTypeNode,
} from 'graphql';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { OperationLimits } from '../shared/config';
import { holdsNul } from '../shared/http';
import type { ErrorCode } from '../shared/errors';
import { prepareOperation } from './authorization';
import { included } from '../shared/selection';

/**
 * Operation limits and demand control, after Apollo Router's: what an operation may ask of the
 * gateway before it is planned. Static limits (depth, aliases, root fields, directives, tokens) are
 * validation rules (graphql-js's own rules bound introspection nesting); what depends on variables (subject codes, cost) is
 * checked once the operation is resolved. Each refusal is HTTP 400 with a code of its own and a
 * message that names the limit, never the operation. In `warn` mode (`measure` for cost) nothing is
 * refused: the breach is logged.
 */

export type LimitCode = Extract<
  ErrorCode,
  | 'MAX_DEPTH_LIMIT'
  | 'MAX_ALIASES_LIMIT'
  | 'MAX_ROOT_FIELDS_LIMIT'
  | 'MAX_TOKENS_LIMIT'
  | 'MAX_DIRECTIVES_LIMIT'
  | 'MAX_SUBJECTS_LIMIT'
  | 'MAX_RECURSIVE_SELECTIONS_LIMIT'
  | 'COST_ESTIMATED_TOO_EXPENSIVE'
>;

export const LIMIT_CODES: ReadonlySet<string> = new Set<LimitCode>([
  'MAX_DEPTH_LIMIT',
  'MAX_ALIASES_LIMIT',
  'MAX_ROOT_FIELDS_LIMIT',
  'MAX_TOKENS_LIMIT',
  'MAX_DIRECTIVES_LIMIT',
  'MAX_SUBJECTS_LIMIT',
  'MAX_RECURSIVE_SELECTIONS_LIMIT',
  'COST_ESTIMATED_TOO_EXPENSIVE',
]);

export type LimitLog = (details: Record<string, unknown>, message: string) => void;

/**
 * A refusal for a limit is one error, the first limit the operation broke: graphql-js runs every
 * validation rule over the document, so an operation past two limits, or past a limit and invalid
 * besides (25 `@skip`s on one field also repeat a directive), would otherwise be answered with each.
 */
export function oneLimitErrorPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const errors = result.errors;
          if (!errors || errors.length < 2 || result.data !== undefined) return;
          const first = errors.find((error) => LIMIT_CODES.has(String(error.extensions?.code)));
          if (first) result.errors = [first];
        },
      };
    },
  };
}

export function limitError(code: LimitCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code, http: { status: 400 } } });
}

/** What graphql-js's parser says when it stops at `maxTokens`. */
// (graphql 16 spells it "more that".)
const PARSER_TOKEN_LIMIT = /^Syntax Error: Document contains more (?:than|that) (\d+) tokens\. Parsing aborted\.$/;

/** The parser's own refusal at `maxTokens`, answered as MAX_TOKENS_LIMIT. */
export function tokenLimitMessage(message: string): string | null {
  const match = PARSER_TOKEN_LIMIT.exec(message);
  return match ? `The document has more than ${match[1]} tokens, the limit` : null;
}

/** Lexical tokens of a document (the parser's own count), stopping as soon as `stopAfter` is passed. */
export function countTokens(source: string, stopAfter = Number.POSITIVE_INFINITY): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      count += 1;
      if (count > stopAfter) break;
    }
  } catch {
    // A lexical error is the parser's to report.
  }
  return count;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/**
 * Counts an operation's selections through its fragments without expanding them: each fragment is
 * counted once and reused (a fragment spread inside itself counts nothing). Every selection weighs
 * `each`; a field weighs what `field` says, given a counter for the selections under it.
 */
function countSelections(
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
  weights: { readonly each: number; readonly field: (field: FieldNode, below: (set: SelectionSetNode) => number) => number },
): number {
  const memo = new Map<string, number>();
  const count = (selectionSet: SelectionSetNode, visiting: Set<string>): number => {
    let n = 0;
    for (const selection of selectionSet.selections) {
      n += weights.each;
      if (selection.kind === Kind.FIELD) {
        n += weights.field(selection, (set) => count(set, visiting));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        n += count(selection.selectionSet, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue;
        let inner = memo.get(name);
        if (inner === undefined) {
          visiting.add(name);
          inner = count(fragment.selectionSet, visiting);
          visiting.delete(name);
          memo.set(name, inner);
        }
        n += inner;
      }
    }
    return n;
  };
  return count(operation.selectionSet, new Set());
}

/** Root fields of an operation, aliases and fragments included (`__typename` is free). */
function rootFieldCount(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): number {
  return countSelections(operation, fragments, { each: 0, field: (field) => (field.name.value === '__typename' ? 0 : 1) });
}

/**
 * Selections of an operation with every fragment spread expanded where it is used (Apollo Router's
 * `max_recursive_selections`): what planning and authorization walk. Each fragment is counted once
 * and reused, so a fragment that spreads another twice, sixty levels deep, is counted, not expanded.
 */
export function expandedSelectionCount(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): number {
  return countSelections(operation, fragments, { each: 1, field: (field, below) => (field.selectionSet ? below(field.selectionSet) : 0) });
}

/** A rule that checks each operation of the document once, with its fragments at hand. */
function perOperationRule(check: (operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>, context: ValidationContext) => void): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let fragments: Map<string, FragmentDefinitionNode> | null = null;
    return {
      OperationDefinition(operation) {
        fragments ??= fragmentsOf(context.getDocument());
        check(operation, fragments, context);
      },
    };
  };
}

/** The message of an armor rule without its "Syntax Error: " prefix (these are not syntax errors). */
function armorMessage(error: GraphQLError): string {
  return error.message.replace(/^Syntax Error: /, '');
}

/**
 * The validation rules of the static limits. A breach is reported once per operation as a
 * validation error carrying its own code (the gateway's error formatting keeps that code), or, in
 * `warn` mode, only logged.
 */
export function limitValidationRules(limits: OperationLimits, log: LimitLog): ValidationRule[] {
  const breach = (context: ValidationContext, code: LimitCode, message: string, details: Record<string, unknown>) => {
    if (limits.mode === 'warn') {
      log({ code, ...details }, `operation over a limit (warn only): ${message}`);
      return;
    }
    context.reportError(limitError(code, message));
  };
  const armor = (code: LimitCode, limit: number) => ({
    n: limit,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        if (context) breach(context, code, armorMessage(error), { limit });
      },
    ],
  });
  return [
    maxDepthRule({ ...armor('MAX_DEPTH_LIMIT', limits.maxDepth), ignoreIntrospection: true, flattenFragments: true }),
    // Every alias counts, `__typename`'s too (graphql-armor lets those through by default): a document
    // of 500 aliased `__typename`s is as much a breach of the limit as one of 500 aliased names.
    maxAliasesRule({ ...armor('MAX_ALIASES_LIMIT', limits.maxAliases), allowList: [] }),
    maxDirectivesRule(armor('MAX_DIRECTIVES_LIMIT', limits.maxDirectives)),
    perOperationRule((operation, fragments, context) => {
      // Always enforced, even in warn mode: expansion grows exponentially with the document.
      const found = expandedSelectionCount(operation, fragments);
      if (found > limits.maxRecursiveSelections) {
        context.reportError(
          limitError('MAX_RECURSIVE_SELECTIONS_LIMIT', `Recursive selections limit of ${limits.maxRecursiveSelections} exceeded, found ${found}.`),
        );
      }
    }),
    perOperationRule((operation, fragments, context) => {
      const found = rootFieldCount(operation, fragments);
      if (found > limits.maxRootFields) {
        breach(context, 'MAX_ROOT_FIELDS_LIMIT', `Root fields limit of ${limits.maxRootFields} exceeded, found ${found}.`, { limit: limits.maxRootFields, found });
      }
    }),
    // With the parser's limit off (warn mode), the tokens are still counted and a breach logged.
    ...(limits.mode === 'warn'
      ? [
          ((context: ValidationContext): ASTVisitor => ({
            Document(document) {
              const source = document.loc?.source.body;
              const found = source ? countTokens(source, limits.maxTokens) : 0;
              if (found > limits.maxTokens) breach(context, 'MAX_TOKENS_LIMIT', `Token limit of ${limits.maxTokens} exceeded.`, { limit: limits.maxTokens });
            },
          })) as ValidationRule,
        ]
      : []),
  ];
}

/** The parser options of the gateway: stop lexing at the token limit, before a full parse. */
export function parseOptions(limits: OperationLimits): { maxTokens?: number } {
  return limits.mode === 'enforce' ? { maxTokens: limits.maxTokens } : {};
}

// ---------------------------------------------------------------------------------------------
// Demand control: `@cost` / `@listSize` (https://specs.apollo.dev/cost/v0.1), read from the core
// supergraph SDL (the API schema drops them).

export interface ListSize {
  readonly assumedSize: number | null;
  readonly slicingArguments: readonly string[];
  readonly sizedFields: readonly string[];
}

export interface CostDirectives {
  /** `@cost(weight:)` on a field, keyed `Type.field`. */
  readonly fieldWeights: ReadonlyMap<string, number>;
  /** `@cost(weight:)` on a type (object, enum, scalar). */
  readonly typeWeights: ReadonlyMap<string, number>;
  readonly listSizes: ReadonlyMap<string, ListSize>;
}

export const NO_COST_DIRECTIVES: CostDirectives = { fieldWeights: new Map(), typeWeights: new Map(), listSizes: new Map() };

/** Lists without `@listSize` (and without a slicing argument) are assumed this long. */
export const DEFAULT_LIST_SIZE = 10;
/** Each mutation root field costs this much on top of its selections, as in Apollo Router. */
export const MUTATION_BASE_COST = 10;

function directiveArgument(directive: DirectiveNode, name: string): ArgumentNode['value'] | undefined {
  return directive.arguments?.find((a) => a.name.value === name)?.value;
}

function intArgument(directive: DirectiveNode, name: string): number | null {
  const value = directiveArgument(directive, name);
  return value?.kind === Kind.INT ? Number(value.value) : null;
}

function stringsArgument(directive: DirectiveNode, name: string): string[] {
  const value = directiveArgument(directive, name);
  if (!value) return [];
  if (value.kind === Kind.STRING) return [value.value];
  if (value.kind === Kind.LIST) return value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
  return [];
}

const COST_NAMES = new Set(['cost', 'cost__cost']);
const LIST_SIZE_NAMES = new Set(['listSize', 'cost__listSize']);

/** Reads `@cost` and `@listSize` from a core supergraph SDL. */
export function costDirectivesOf(coreSupergraphSdl: string): CostDirectives {
  const fieldWeights = new Map<string, number>();
  const typeWeights = new Map<string, number>();
  const listSizes = new Map<string, ListSize>();
  for (const definition of parse(coreSupergraphSdl).definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.ENUM_TYPE_DEFINITION &&
      definition.kind !== Kind.SCALAR_TYPE_DEFINITION
    ) {
      continue;
    }
    const typeName = definition.name.value;
    for (const directive of definition.directives ?? []) {
      const weight = COST_NAMES.has(directive.name.value) ? intArgument(directive, 'weight') : null;
      if (weight !== null) typeWeights.set(typeName, weight);
    }
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    for (const field of definition.fields ?? []) {
      const key = `${typeName}.${field.name.value}`;
      for (const directive of field.directives ?? []) {
        if (COST_NAMES.has(directive.name.value)) {
          const weight = intArgument(directive, 'weight');
          if (weight !== null) fieldWeights.set(key, weight);
        } else if (LIST_SIZE_NAMES.has(directive.name.value)) {
          listSizes.set(key, {
            assumedSize: intArgument(directive, 'assumedSize'),
            slicingArguments: stringsArgument(directive, 'slicingArguments'),
            sizedFields: stringsArgument(directive, 'sizedFields'),
          });
        }
      }
    }
  }
  return { fieldWeights, typeWeights, listSizes };
}

/** Argument names whose values are subject codes (a string, or a list of them), at any depth of an input. */
const SUBJECT_ARGUMENTS = new Set(['code', 'codes', 'subject', 'subjects']);

function countSubjectCodes(value: unknown, underSubjectKey: boolean, depth = 0): number {
  if (depth > 8 || value === null || value === undefined) return 0;
  if (typeof value === 'string') return underSubjectKey ? 1 : 0;
  if (Array.isArray(value)) return value.reduce<number>((n, item) => n + countSubjectCodes(item, underSubjectKey, depth + 1), 0);
  if (typeof value === 'object') {
    let n = 0;
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) n += countSubjectCodes(inner, SUBJECT_ARGUMENTS.has(key), depth + 1);
    return n;
  }
  return 0;
}

export interface OperationDemand {
  /** The static cost estimate. */
  readonly cost: number;
  /** Subject codes the operation names, every occurrence counted (aliases, fragments, lists). */
  readonly subjectCodes: number;
}

function argumentValues(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const definition of field.args) {
    const argument = node.arguments?.find((a) => a.name.value === definition.name);
    if (argument) {
      const value = valueFromAST(argument.value, definition.type, variables);
      if (value !== undefined) values[definition.name] = value;
    } else if (definition.defaultValue !== undefined) {
      values[definition.name] = definition.defaultValue;
    }
  }
  return values;
}

/** The size of one list: a slicing argument's value (an Int, or a list's length), else its assumed size. */
function listSizeFrom(listSize: ListSize | undefined, args: Record<string, unknown>): number {
  if (listSize) {
    const sliced = listSize.slicingArguments
      .map((name) => args[name])
      .map((v) => (typeof v === 'number' ? v : Array.isArray(v) ? v.length : null))
      .filter((v): v is number => v !== null);
    if (sliced.length > 0) return Math.max(0, ...sliced);
    if (listSize.assumedSize !== null) return listSize.assumedSize;
  }
  return DEFAULT_LIST_SIZE;
}

function hasSlicingValue(listSize: ListSize | undefined, args: Record<string, unknown>): boolean {
  return listSize?.slicingArguments.some((name) => typeof args[name] === 'number') ?? false;
}

/**
 * What an operation demands: Apollo Router's static cost estimate (an object costs 1 or its
 * `@cost`, a leaf 0 or its `@cost`, a list multiplies its items by its size, a mutation root field
 * adds 10; of the type conditions of an abstract selection, the dearest counts), and the subject
 * codes it names. Variables must be coerced already. Fragments are costed once each.
 */
export function operationDemand(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  directives: CostDirectives,
): OperationDemand {
  const fragments = fragmentsOf(document);
  const memo = new Map<string, { cost: number; codes: number }>();

  const selectionsDemand = (
    parentType: GraphQLNamedType,
    selectionSet: SelectionSetNode,
    sized: { readonly fields: readonly string[]; readonly size: number } | null,
    visiting: Set<string>,
  ): { cost: number; codes: number } => {
    let cost = 0;
    let codes = 0;
    const conditional = new Map<string, number>();
    const add = (typeCondition: string | null, demand: { cost: number; codes: number }) => {
      codes += demand.codes;
      if (typeCondition === null || typeCondition === parentType.name || !isAbstractType(parentType)) cost += demand.cost;
      else conditional.set(typeCondition, (conditional.get(typeCondition) ?? 0) + demand.cost);
    };
    for (const selection of selectionSet.selections) {
      if (!included(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        add(null, fieldDemand(parentType, selection, sized, visiting));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeName = selection.typeCondition?.name.value ?? parentType.name;
        const type = schema.getType(typeName) ?? parentType;
        add(typeName, selectionsDemand(type, selection.selectionSet, sized, visiting));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue;
        const typeName = fragment.typeCondition.name.value;
        const key = `${name}\u0000${sized ? `${sized.fields.join(',')}:${sized.size}` : ''}`;
        let demand = memo.get(key);
        if (!demand) {
          visiting.add(name);
          demand = selectionsDemand(schema.getType(typeName) ?? parentType, fragment.selectionSet, sized, visiting);
          visiting.delete(name);
          memo.set(key, demand);
        }
        add(typeName, demand);
      }
    }
    cost += conditional.size > 0 ? Math.max(...conditional.values()) : 0;
    return { cost, codes };
  };

  const fieldDemand = (
    parentType: GraphQLNamedType,
    node: FieldNode,
    sized: { readonly fields: readonly string[]; readonly size: number } | null,
    visiting: Set<string>,
  ): { cost: number; codes: number } => {
    const name = node.name.value;
    if (name.startsWith('__') || !isObjectType(parentType) && !isAbstractTypeWithFields(parentType)) return { cost: 0, codes: 0 };
    const field = (parentType as unknown as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields()[name];
    if (!field) return { cost: 0, codes: 0 };
    const key = `${parentType.name}.${name}`;
    const args = argumentValues(field, node, variables);
    const codes = countSubjectCodes(args, false);
    const namedType = getNamedType(field.type);
    const typeWeight = directives.typeWeights.get(namedType.name);
    const fieldWeight = directives.fieldWeights.get(key);
    const own = fieldWeight ?? typeWeight ?? (isCompositeType(namedType) ? 1 : 0);
    const listSize = directives.listSizes.get(key);
    const sizedHere = listSize && listSize.sizedFields.length > 0 ? { fields: listSize.sizedFields, size: listSizeFrom(listSize, args) } : null;
    // A list's size: a sized field of its parent's @listSize, else its own slicing arguments or assumed size.
    // A list asked for by subject codes (`subjects(codes:)`) holds one item per code: its slicing argument.
    const size = sized && sized.fields.includes(name) ? sized.size : codes > 0 && !hasSlicingValue(listSize, args) ? codes : listSizeFrom(sizedHere ? undefined : listSize, args);
    const lists = listDepth(field.type);
    const multiplier = lists === 0 ? 1 : size * Math.max(1, DEFAULT_LIST_SIZE ** (lists - 1));
    const below = node.selectionSet ? selectionsDemand(namedType, node.selectionSet, sizedHere, visiting) : { cost: 0, codes: 0 };
    const mutation = parentType === schema.getMutationType() ? MUTATION_BASE_COST : 0;
    return { cost: mutation + multiplier * (own + below.cost), codes: codes + multiplier * below.codes };
  };

  const root = operation.operation === OperationTypeNode.MUTATION ? schema.getMutationType() : operation.operation === OperationTypeNode.SUBSCRIPTION ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return { cost: 0, subjectCodes: 0 };
  const demand = selectionsDemand(root, operation.selectionSet, null, new Set());
  return { cost: demand.cost, subjectCodes: demand.codes };
}

function isAbstractTypeWithFields(type: GraphQLNamedType): boolean {
  return 'getFields' in type && isCompositeType(type);
}

function listDepth(type: GraphQLOutputType): number {
  let depth = 0;
  let current: GraphQLOutputType = getNullableType(type);
  while (isListType(current)) {
    depth += 1;
    current = getNullableType(current.ofType);
  }
  return depth;
}


// ---------------------------------------------------------------------------------------------
// What depends on variables: checked once Apollo has resolved the operation, before it is planned.

function documentHoldsNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes('\u0000')) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * What does not change between requests of one operation, kept per parsed document (Apollo Server
 * hands the same document object to every request of one operation text): whether its text holds a
 * NUL, and its demand for each shape of variables. A demand depends on the variables' numbers,
 * booleans, nulls and list lengths, and on how many strings sit under subject arguments, never on
 * what a string says: the shape blanks every string, so one subject's profile and the next share it.
 */
class DemandCache {
  /** Per parsed document: whether it holds a NUL, and its number for the demands' keys. */
  private readonly byDocument = new WeakMap<DocumentNode, { readonly holdsNul: boolean; readonly id: number }>();
  private documents = 0;
  /**
   * Demands by (document, operation, shape), in one bounded LRU for all documents: a caller sending
   * ever-new documents or numbers only evicts, never grows the gateway's memory. A shape longer than
   * SHAPE_MAX_CHARS (a long list of codes) is not kept: such a request is costed each time.
   */
  private readonly demands = new LRUCache<string, OperationDemand>({ max: 5_000 });
  private static readonly SHAPE_MAX_CHARS = 1_024;

  constructor(readonly directives: CostDirectives) {}

  private entry(document: DocumentNode) {
    let entry = this.byDocument.get(document);
    if (!entry) {
      entry = { holdsNul: documentHoldsNul(document), id: (this.documents += 1) };
      this.byDocument.set(document, entry);
    }
    return entry;
  }

  holdsNul(document: DocumentNode): boolean {
    return this.entry(document).holdsNul;
  }

  demand(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): OperationDemand {
    const shape = JSON.stringify(variables, (_key, value: unknown) => (typeof value === 'string' ? '' : value));
    if (shape.length > DemandCache.SHAPE_MAX_CHARS) return operationDemand(schema, document, operation, variables, this.directives);
    const key = `${this.entry(document).id}\u0000${operation.name?.value ?? ''}\u0000${shape}`;
    let demand = this.demands.get(key);
    if (!demand) {
      demand = operationDemand(schema, document, operation, variables, this.directives);
      this.demands.set(key, demand);
    }
    return demand;
  }
}

export interface DemandPluginOptions {
  readonly limits: OperationLimits;
  readonly log: LimitLog;
}

/**
 * An Apollo Server plugin: refuses strings with NUL, counts the subject codes the operation names
 * and estimates its cost, with the variables coerced as execution will coerce them.
 */
export function demandPlugin(options: DemandPluginOptions): ApolloServerPlugin<BaseContext> {
  const { limits, log } = options;
  let cache = new DemandCache(NO_COST_DIRECTIVES);
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ coreSupergraphSdl }) {
          // The API schema drops @cost/@listSize; the core supergraph keeps them. A new schema starts a new cache.
          cache = new DemandCache(coreSupergraphSdl ? costDirectivesOf(coreSupergraphSdl) : NO_COST_DIRECTIVES);
        },
      };
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          if (holdsNul(request.variables) || cache.holdsNul(document)) {
            throw new GraphQLError('Strings may not contain the NUL character (U+0000)', { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
          }
          // The operation that will run, with its variables coerced, or the request's fault (400):
          // one selection and one coercion for the limits here and for authorization after.
          const prepared = prepareOperation(schema, document, request.operationName, request.variables);
          if (prepared.error) throw prepared.error;
          const { operation, variables } = prepared;
          const demand = cache.demand(schema, document, operation, variables);
          if (demand.subjectCodes > limits.maxSubjectsPerOperation) {
            const message = `Subjects limit of ${limits.maxSubjectsPerOperation} per operation exceeded, found ${demand.subjectCodes}.`;
            if (limits.mode === 'enforce') throw limitError('MAX_SUBJECTS_LIMIT', message, { limit: limits.maxSubjectsPerOperation, found: demand.subjectCodes });
            log({ code: 'MAX_SUBJECTS_LIMIT', operationName, limit: limits.maxSubjectsPerOperation, found: demand.subjectCodes }, `operation over a limit (warn only): ${message}`);
          }
          if (demand.cost > limits.costMax) {
            const message = `The estimated cost of the operation, ${demand.cost}, is over the budget of ${limits.costMax}.`;
            if (limits.costMode === 'enforce') throw limitError('COST_ESTIMATED_TOO_EXPENSIVE', message, { cost: demand.cost, limit: limits.costMax });
            log({ code: 'COST_ESTIMATED_TOO_EXPENSIVE', operationName, cost: demand.cost, limit: limits.costMax }, `operation over the cost budget (measure only): ${message}`);
          }
        },
      };
    },
  };
}
