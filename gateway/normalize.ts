import { isDeepStrictEqual } from 'node:util';
import {
  Kind,
  TokenKind,
  UniqueInputFieldNamesRule,
  ValuesOfCorrectTypeRule,
  coerceInputValue,
  getNullableType,
  isInputObjectType,
  isListType,
  isScalarType,
  isSpecifiedScalarType,
  parse,
  specifiedRules,
  validate,
  valueFromAST,
  valueFromASTUntyped,
  BREAK,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { GatewayObserver } from './observe';
import { sha256 } from './safelist';

/**
 * Literal normalization: an operation's literal argument values (`subject(code: "91…")`,
 * `first: 20`, `@include(if: true)`) become variables with the argument's type, before Apollo
 * Server parses and validates the operation. Callers that write a subject code into the query text
 * then send the same operation text for every subject, so every cache on the way sees one
 * operation: Apollo Server's parsed-and-validated documents, the authorization decisions
 * (gateway/authorizingGateway.ts) and @apollo/gateway's query plans. Without it each code was a new
 * operation, parsed, validated, authorized and planned again.
 *
 * Nothing is decided on the text any more than before: the limits, the cost, the subjects counted,
 * `@skip`/`@include` and the authorization all read the coerced variables, so they see the same
 * values the literals had. What is normalized, and what is not:
 *
 * - A document is normalized only when it parses, holds exactly one operation and no introspection
 *   (`__schema`, `__type`), and every literal of it is valid for its argument (graphql-js's own
 *   ValuesOfCorrectType and UniqueInputFieldNames rules): anything else goes on unchanged, so a
 *   caller's mistake is answered exactly as before. The normalized text is validated once (parser
 *   token limit, every rule Apollo Server applies): if it would fail, the caller's text goes on.
 * - A literal is replaced whole, by one variable (a list or an input object too); a literal holding
 *   a variable, `null`, and a literal holding a value of the subgraphs' own scalars (Date, Decimal,
 *   DateTime: see `sameAsJson`) stay as they are, as does one whose JSON form would not coerce to
 *   the very same value. The same literal text of the same type is one variable (two fields of one
 *   response name must keep equal arguments).
 * - The caller's text is edited in place, not reprinted: the caller's variables keep their names
 *   and definitions, and the errors' `locations` stay on the caller's lines (columns after a
 *   replaced literal on the same line move). Generated names (`$_lit0`, …) avoid every name the
 *   document or the caller's variables use.
 * - Requests with a `persistedQuery` extension still in them (Apollo's automatic persisted queries:
 *   their hash names the caller's text) go on unchanged; the safelist (gateway/safelist.ts) has
 *   already replaced an id by its listed body and decided on the caller's text before this runs.
 */

/** One literal argument value to replace by a variable. */
interface Literal {
  readonly node: ValueNode;
  readonly type: GraphQLInputType;
}

/** What the collecting pass found in a document. */
interface Collected {
  readonly literals: Literal[];
  readonly names: Set<string>;
  /** Something makes the document unsuited to normalization, whatever its values. */
  refused: boolean;
}

function holdsVariable(node: ValueNode): boolean {
  switch (node.kind) {
    case Kind.VARIABLE:
      return true;
    case Kind.LIST:
      return node.values.some(holdsVariable);
    case Kind.OBJECT:
      return node.fields.some((field) => holdsVariable(field.value));
    default:
      return false;
  }
}

/**
 * Whether a literal means the same to every reader as its JSON form would. The subgraphs' own
 * scalars (Date, Decimal, DateTime) are known to the gateway only by name: a subgraph may read a
 * literal otherwise than a JSON value (`12.50` as a literal is the text "12.50", as JSON the number
 * 12.5), and refuses a bad one with a message naming the variable. So a literal holding such a
 * scalar stays as written, and the subgraph reads it as before.
 */
function sameAsJson(node: ValueNode, type: GraphQLInputType): boolean {
  const nullable = getNullableType(type);
  if (node.kind === Kind.NULL) return true;
  if (isListType(nullable)) {
    const items = nullable.ofType;
    return node.kind === Kind.LIST ? node.values.every((item) => sameAsJson(item, items)) : sameAsJson(node, items);
  }
  if (isInputObjectType(nullable)) {
    if (node.kind !== Kind.OBJECT) return false;
    const fields = nullable.getFields();
    return node.fields.every((field) => {
      const definition = fields[field.name.value];
      return definition !== undefined && sameAsJson(field.value, definition.type);
    });
  }
  return !isScalarType(nullable) || isSpecifiedScalarType(nullable);
}

/**
 * A validation rule that collects the literal argument values (with their input types) and the
 * variable names of a document. Run beside graphql-js's literal rules, so one walk with the schema's
 * types both checks the literals and finds them.
 */
function collectingRule(collected: Collected): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Field(node) {
      // Introspection is answered from the schema, cheaply, and is no concern of the caches here.
      if (node.name.value === '__schema' || node.name.value === '__type') {
        collected.refused = true;
        return BREAK;
      }
      return undefined;
    },
    Variable(node) {
      collected.names.add(node.name.value);
    },
    Argument(node) {
      const type = context.getInputType();
      if (!context.getArgument() || !type) {
        // An unknown argument: the document is not valid; validation says so on the caller's text.
        collected.refused = true;
        return BREAK;
      }
      // Of directives, only @skip/@include: another's arguments may have to be literal (a @defer label).
      const directive = context.getDirective();
      if (directive && directive.name !== 'skip' && directive.name !== 'include') return false;
      if (node.value.kind === Kind.NULL || holdsVariable(node.value)) return undefined;
      collected.literals.push({ node: node.value, type });
      return false;
    },
  });
}

/** How a caller's text is changed: spans replaced, from the end so that earlier offsets hold. */
interface Edit {
  readonly at: number;
  readonly end: number;
  readonly text: string;
}

const LINE_TERMINATOR = /\r\n|[\n\r]/g;
const NAME_CONTINUE = /[_0-9A-Za-z]/;

/** Where the variable definitions go, and how they are written there. */
function definitionsEdit(operation: OperationDefinitionNode, source: string, definitions: string): Edit {
  const last = operation.variableDefinitions?.at(-1);
  if (last?.loc) return { at: last.loc.end, end: last.loc.end, text: `, ${definitions}` };
  if (operation.name?.loc) return { at: operation.name.loc.end, end: operation.name.loc.end, text: `(${definitions})` };
  const start = operation.loc?.startToken;
  if (start && start.kind === TokenKind.NAME) return { at: start.end, end: start.end, text: `(${definitions})` };
  // The query shorthand `{ … }`.
  const at = operation.loc?.start ?? source.indexOf('{');
  return { at, end: at, text: `query(${definitions}) ` };
}

export interface Normalized {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

export interface LiteralNormalizerOptions {
  /** Apollo Server's parser options (the token limit): the normalized text must pass them too. */
  readonly parseOptions: { readonly maxTokens?: number };
  /** The validation rules Apollo Server applies besides graphql-js's (the gateway's limits), silent. */
  readonly validationRules: readonly ValidationRule[];
  /** How many texts the normalizer remembers verdicts for (normalized texts, texts left alone). */
  readonly maxEntries?: number;
  readonly observer?: GatewayObserver;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Turns the literals of operations into variables (see above). `normalize` is pure but for its two
 * bounded caches: texts that have nothing to normalize (or must not be), and whether a normalized
 * text passes validation.
 */
export class LiteralNormalizer {
  private schema: GraphQLSchema | null = null;
  /** Hashes of caller texts left as they are, whatever their variables. */
  private readonly unchanged: LRUCache<string, true>;
  /** Hashes of normalized texts, and whether each passes the parser's limits and validation. */
  private readonly verdicts: LRUCache<string, boolean>;

  constructor(private readonly options: LiteralNormalizerOptions) {
    const max = options.maxEntries ?? 2_000;
    this.unchanged = new LRUCache({ max });
    this.verdicts = new LRUCache({ max });
  }

  /** The API schema the operations are typed against; every verdict is forgotten when it changes. */
  setSchema(schema: GraphQLSchema): void {
    this.schema = schema;
    this.unchanged.clear();
    this.verdicts.clear();
  }

  /**
   * The operation with its literals as variables, or null when it goes on as the caller sent it
   * (nothing to normalize, or a document or literal that is not valid: its errors are the caller's).
   */
  normalize(query: unknown, variables: unknown): Normalized | null {
    const schema = this.schema;
    if (!schema || typeof query !== 'string' || query === '') return null;
    if (variables !== undefined && variables !== null && !isPlainObject(variables)) return null;
    const textHash = sha256(query);
    if (this.unchanged.has(textHash)) {
      this.options.observer?.cache?.('normalization', 'hit');
      return null;
    }
    const result = this.rewrite(schema, query, variables ?? {});
    if (result === 'unchanged') {
      this.unchanged.set(textHash, true);
      this.options.observer?.cache?.('normalization', 'miss');
      return null;
    }
    const verdictKey = sha256(result.query);
    let valid = this.verdicts.get(verdictKey);
    this.options.observer?.cache?.('normalization', valid === undefined ? 'miss' : 'hit');
    if (valid === undefined) {
      valid = this.passes(schema, result.query);
      this.verdicts.set(verdictKey, valid);
    }
    return valid ? result : null;
  }

  /** Hooks normalization into the GraphQL route at `path`, after the hooks registered before it (the safelist's). */
  register(app: FastifyInstance, path: string): void {
    app.addHook('preHandler', async (request) => {
      if (request.routeOptions.url !== path) return;
      this.handle(request);
    });
  }

  private handle(request: FastifyRequest): void {
    if (request.method === 'POST') {
      const body = request.body;
      // A batch is refused by Apollo Server; a body with a persisted-query hash names the caller's text.
      if (!isPlainObject(body) || isPlainObject(body.extensions) && body.extensions.persistedQuery !== undefined) return;
      const normalized = this.normalize(body.query, body.variables);
      if (!normalized) return;
      body.query = normalized.query;
      body.variables = normalized.variables;
      return;
    }
    if (request.method === 'GET') {
      const url = new URL(request.url, 'http://gateway.invalid');
      const params = url.searchParams;
      const extensionsText = params.get('extensions');
      if (extensionsText !== null) {
        let extensions: unknown;
        try {
          extensions = JSON.parse(extensionsText);
        } catch {
          return; // Apollo Server answers a malformed `extensions` parameter
        }
        if (isPlainObject(extensions) && extensions.persistedQuery !== undefined) return;
      }
      let variables: unknown;
      const variablesText = params.get('variables');
      if (variablesText !== null) {
        try {
          variables = JSON.parse(variablesText);
        } catch {
          return; // Apollo Server answers a malformed `variables` parameter
        }
      }
      const normalized = this.normalize(params.get('query') ?? undefined, variables);
      if (!normalized) return;
      params.set('query', normalized.query);
      params.set('variables', JSON.stringify(normalized.variables));
      request.raw.url = `${url.pathname}?${params.toString()}`;
    }
  }

  /** The normalized operation, or 'unchanged' when the caller's text is to go on as it is (which the text alone decides). */
  private rewrite(schema: GraphQLSchema, query: string, variables: Record<string, unknown>): Normalized | 'unchanged' {
    let document: DocumentNode;
    try {
      document = parse(query, this.options.parseOptions);
    } catch {
      return 'unchanged'; // the parser's error is the caller's, on the caller's text
    }
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    // One operation only: a fragment shared by several would need the variables in each of them.
    if (operations.length !== 1 || document.definitions.some((d) => d.kind !== Kind.OPERATION_DEFINITION && d.kind !== Kind.FRAGMENT_DEFINITION)) {
      return 'unchanged';
    }
    const operation = operations[0] as OperationDefinitionNode;
    const collected: Collected = { literals: [], names: new Set(), refused: false };
    let errors: readonly unknown[];
    try {
      errors = validate(schema, document, [ValuesOfCorrectTypeRule, UniqueInputFieldNamesRule, collectingRule(collected)]);
    } catch {
      return 'unchanged';
    }
    if (collected.refused || errors.length > 0 || collected.literals.length === 0) return 'unchanged';

    for (const name of Object.keys(variables)) collected.names.add(name);
    let prefix = '_lit';
    while ([...collected.names].some((name) => name.startsWith(prefix))) prefix = `_${prefix}`;

    const byText = new Map<string, string>();
    const definitions: string[] = [];
    const values: Record<string, unknown> = { ...variables };
    const edits: Edit[] = [];
    for (const { node, type } of collected.literals) {
      const loc = node.loc;
      const value = valueFromAST(node, type);
      if (!loc || value === undefined) return 'unchanged';
      // The variable's JSON value must coerce to exactly what the literal meant: else the literal
      // stays as written.
      if (!sameAsJson(node, type)) continue;
      const json = valueFromASTUntyped(node);
      let coerces = true;
      const coerced = coerceInputValue(json, type, () => {
        coerces = false;
      });
      if (!coerces || !isDeepStrictEqual(coerced, value)) continue;
      const typeName = String(type);
      const text = query.slice(loc.start, loc.end);
      const key = `${typeName}\u0000${text}`;
      let name = byText.get(key);
      if (name === undefined) {
        name = `${prefix}${definitions.length}`;
        byText.set(key, name);
        definitions.push(`$${name}: ${typeName}`);
        values[name] = json;
      }
      // Keep the caller's line numbers, and never glue the name to a name that follows.
      const lines = text.match(LINE_TERMINATOR)?.length ?? 0;
      const next = query.charAt(loc.end);
      edits.push({ at: loc.start, end: loc.end, text: `$${name}${'\n'.repeat(lines)}${NAME_CONTINUE.test(next) ? ' ' : ''}` });
    }
    if (definitions.length === 0) return 'unchanged';
    edits.push(definitionsEdit(operation, query, definitions.join(', ')));
    edits.sort((a, b) => b.at - a.at);
    let normalized = query;
    for (const edit of edits) normalized = normalized.slice(0, edit.at) + edit.text + normalized.slice(edit.end);
    return { query: normalized, variables: values };
  }

  /** Whether Apollo Server would accept the normalized text as it would have the caller's. */
  private passes(schema: GraphQLSchema, query: string): boolean {
    try {
      const document = parse(query, this.options.parseOptions);
      return validate(schema, document, [...specifiedRules, ...this.options.validationRules]).length === 0;
    } catch {
      return false;
    }
  }
}
