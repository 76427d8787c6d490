import { Kind, parse, type ArgumentNode, type DocumentNode, type SelectionSetNode, type ValueNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { checkSubjectCode } from '../identifiers';

/**
 * The one rule of whose data a request is about, used on both sides of a fetch:
 * - the gateway loads (and signs) the grants of exactly the subjects a fetch concerns;
 * - a subgraph accepts facts for exactly those subjects, and decides each field under the subject
 *   the field belongs to, which is always one of them.
 *
 * A field belongs to a subject through its parent (a record's or profile's `subjectCode`, a `Subject`'s
 * own `code`), or, for a root field, through its arguments: `code`, `codes`, `subject`, `subjects`, or
 * the `subject` of an `input` or `filter` object. Entity fetches name their subjects in the `code` of
 * each representation. Codes are taken in their one normal form; a malformed code names no subject
 * (the resolver refuses it).
 */

/** Arguments whose value is a subject code, or a list of them. */
export const SUBJECT_ARGUMENTS: ReadonlySet<string> = new Set(['code', 'codes', 'subject', 'subjects']);
/** Object arguments whose `subject` field names the subject. */
export const SUBJECT_CARRIERS: ReadonlySet<string> = new Set(['input', 'filter']);

const ROOT_TYPES: ReadonlySet<string> = new Set(['Query', 'Mutation']);

function normalCode(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 24) return null;
  const check = checkSubjectCode(value);
  return check.ok ? check.code : null;
}

const stringAt = (value: unknown, key: string): string | null => {
  const v = (value as Record<string, unknown> | null | undefined)?.[key];
  return typeof v === 'string' ? v : null;
};

/**
 * The subject one resolved field belongs to, in its normal form (a malformed code as it came, so that
 * the resolver refuses it); null when nothing names one: then only what needs no subject is served.
 */
export function subjectOfField(source: unknown, args: Readonly<Record<string, unknown>>, typeName: string): string | null {
  let named: string | null;
  if (ROOT_TYPES.has(typeName)) {
    named = stringAt(args, 'subject');
    for (const carrier of SUBJECT_CARRIERS) named ??= stringAt(args[carrier], 'subject');
  } else {
    named = stringAt(source, 'subjectCode') ?? (typeName === 'Subject' ? stringAt(source, 'code') : null);
  }
  if (named === null) return null;
  return normalCode(named) ?? named;
}

type Variables = Readonly<Record<string, unknown>> | null | undefined;

/** The value of an argument: a literal, a variable's value, or (in lists and objects) a mix. */
function valueOf(node: ValueNode, variables: Variables): unknown {
  switch (node.kind) {
    case Kind.VARIABLE:
      return variables?.[node.name.value];
    case Kind.STRING:
      return node.value;
    case Kind.LIST:
      return node.values.map((v) => valueOf(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, valueOf(f.value, variables)]));
    default:
      return null;
  }
}

function addCodes(value: unknown, into: Set<string>): void {
  for (const item of Array.isArray(value) ? value : [value]) {
    const code = normalCode(item);
    if (code) into.add(code);
  }
}

function addArgument(argument: ArgumentNode, fieldName: string, variables: Variables, into: Set<string>): void {
  const name = argument.name.value;
  if (fieldName === '_entities' && name === 'representations') {
    const representations = valueOf(argument.value, variables);
    for (const representation of Array.isArray(representations) ? representations : []) addCodes(stringAt(representation, 'code'), into);
  } else if (SUBJECT_ARGUMENTS.has(name)) {
    addCodes(valueOf(argument.value, variables), into);
  } else if (SUBJECT_CARRIERS.has(name)) {
    const carrier = valueOf(argument.value, variables);
    addCodes(stringAt(carrier, 'subject'), into);
  }
}

/**
 * Every subject one fetch (a subgraph operation and its variables) concerns, in order of first
 * mention: the codes its fields' arguments and its entity representations name, anywhere in the
 * document (fragments included).
 */
export function subjectsOfFetch(document: DocumentNode, variables: Variables): string[] {
  const codes = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        for (const argument of selection.arguments ?? []) addArgument(argument, selection.name.value, variables, codes);
        visit(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      }
      // Named fragments are visited as definitions below.
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition.selectionSet);
  }
  return [...codes];
}

/** Most query text the parsed fetch documents hold: the query planner sends a few fetch queries many times. */
const PARSED_QUERY_CHARS = 4_000_000;
const documents = new LRUCache<string, DocumentNode | 'unparsable'>({
  maxSize: PARSED_QUERY_CHARS,
  sizeCalculation: (_document, query) => Math.max(1, query.length),
});

/**
 * The subjects of a fetch given as its query text, parsed once per distinct text (the gateway before it
 * signs, each subgraph when it verifies). A query that does not parse concerns no subject: the GraphQL
 * runtime refuses it in its own words.
 */
export function subjectsOfQuery(query: string, variables: Variables): string[] {
  let document = documents.get(query);
  if (document === undefined) {
    try {
      document = parse(query, { noLocation: true });
    } catch {
      document = 'unparsable';
    }
    documents.set(query, document);
  }
  return document === 'unparsable' ? [] : subjectsOfFetch(document, variables);
}
