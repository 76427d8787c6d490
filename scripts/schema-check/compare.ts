import { Supergraph } from '@apollo/federation-internals';
import { ChangeType, CriticalityLevel, diff, type Change, type Rule } from '@graphql-inspector/core';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, parse, type GraphQLSchema } from 'graphql';
import { classificationsOf, type Classification } from '../../shared/policy/classification';
import { compareClassifications, typeClassificationsOf } from './classification';

/**
 * What changed between two supergraphs: the composed API schema and each subgraph's schema, diffed
 * by GraphQL Inspector, and the classification of every field (./classification.ts). Both sides are read
 * from a supergraph (`supergraph.graphql`), never from the sector folders: the supergraph is the
 * one committed artefact whose layout does not move, and CI checks it is current.
 */

export type Criticality = 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';

/** Change types of our own, next to GraphQL Inspector's (`FIELD_REMOVED`, `FIELD_TYPE_CHANGED`, ...) and the classification's. */
export const SUBGRAPH_ADDED = 'SUBGRAPH_ADDED';
export const SUBGRAPH_REMOVED = 'SUBGRAPH_REMOVED';

export interface SchemaChange {
  /** GraphQL Inspector's change type, or one of the constants above. */
  readonly type: string;
  /** The schema coordinate the change is about: `Type`, `Type.field`, `Type.field.argument`, `@directive`. */
  readonly coordinate: string;
  readonly message: string;
  readonly criticality: Criticality;
  /** Where the change shows: `api` (the composed API schema) and the names of the subgraphs. */
  readonly schemas: readonly string[];
  /** For classification changes: the field's effective classification before and after. */
  readonly classification?: { readonly before: Classification | null; readonly after: Classification | null };
}

export interface LoadedSupergraph {
  /** The schema clients see (the gateway's API schema: no join or classification directives). */
  readonly api: GraphQLSchema;
  readonly subgraphs: ReadonlyMap<string, GraphQLSchema>;
  /** `Type.field` of every object field -> what the gateway enforces on it (null: unclassified, denied). */
  readonly classifications: ReadonlyMap<string, Classification | null>;
  /** Object type -> its own `@classify`, which its fields without one take. */
  readonly typeClassifications: ReadonlyMap<string, Classification | null>;
  /** What the classification reading could not understand (an unknown level or category). */
  readonly problems: readonly string[];
}

export class SupergraphError extends Error {
  override readonly name = 'SupergraphError';
}

/**
 * Reads a supergraph as the gateway does. Extraction drops `@classify` from the subgraphs and the API
 * schema alike (it is neither a join nor a federation directive), so the classification is read from
 * the supergraph's own SDL, with the very reading the gateway enforces (`classificationsOf`).
 */
export function loadSupergraph(sdl: string, label: string): LoadedSupergraph {
  try {
    const supergraph = Supergraph.build(sdl);
    const subgraphs = new Map<string, GraphQLSchema>();
    for (const subgraph of supergraph.subgraphs()) subgraphs.set(subgraph.name, subgraph.schema.toGraphQLJSSchema());
    const document = parse(sdl);
    const { fields, problems } = classificationsOf(document);
    return {
      api: supergraph.apiSchema().toGraphQLJSSchema(),
      subgraphs,
      classifications: fields,
      typeClassifications: typeClassificationsOf(document),
      problems: problems.map((p) => `${label}: ${p}`),
    };
  } catch (error) {
    throw new SupergraphError(`${label}: not a valid supergraph: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Removing a field, enum value or input field deprecated on the base is dangerous rather than
 * breaking: deprecating first is the announced way to retire one. The deprecation is read from the
 * base API schema, since extraction drops `@deprecated` from the subgraphs. (Inspector's own
 * `suppressRemovalOfDeprecatedField` also turns every removed type into a dangerous change.)
 */
function removalOfDeprecated(baseApi: GraphQLSchema): Rule {
  return ({ changes }) =>
    changes.map((change) => {
      if (change.criticality.level !== CriticalityLevel.Breaking || !change.path) return change;
      const [typeName = '', member = ''] = change.path.split('.');
      const type = baseApi.getType(typeName);
      let deprecated = false;
      if (change.type === ChangeType.FieldRemoved && (isObjectType(type) || isInterfaceType(type))) deprecated = Boolean(type.getFields()[member]?.deprecationReason);
      if (change.type === ChangeType.EnumValueRemoved && isEnumType(type)) deprecated = Boolean(type.getValue(member)?.deprecationReason);
      if (change.type === ChangeType.InputFieldRemoved && isInputObjectType(type)) deprecated = Boolean(type.getFields()[member]?.deprecationReason);
      return deprecated ? { ...change, criticality: { ...change.criticality, level: CriticalityLevel.Dangerous } } : change;
    });
}

export async function compareSupergraphs(base: LoadedSupergraph, current: LoadedSupergraph): Promise<SchemaChange[]> {
  const rules = [removalOfDeprecated(base.api)];
  const found: Array<{ change: Change; schema: string }> = [];
  for (const change of await diff(base.api, current.api, rules)) found.push({ change, schema: 'api' });
  const own: SchemaChange[] = [];
  const names = [...new Set([...base.subgraphs.keys(), ...current.subgraphs.keys()])].sort();
  for (const name of names) {
    const before = base.subgraphs.get(name);
    const after = current.subgraphs.get(name);
    // A whole subgraph added or removed is one change: its types show in the API schema's diff.
    if (!before) own.push(subgraphChange(SUBGRAPH_ADDED, name, 'NON_BREAKING', `Subgraph '${name}' was added`));
    else if (!after) {
      own.push(subgraphChange(SUBGRAPH_REMOVED, name, 'BREAKING', `Subgraph '${name}' was removed: the gateway no longer plans any field on it`));
    } else for (const change of await diff(before, after, rules)) found.push({ change, schema: name });
  }
  return sortChanges([...merge(found), ...own, ...compareClassifications(base, current)]);
}

function subgraphChange(type: string, name: string, criticality: Criticality, message: string): SchemaChange {
  return { type, coordinate: name, message, criticality, schemas: [name] };
}

/**
 * One change found in several schemas (a field removed from a subgraph and from the API) is reported
 * once. Their wording may differ (only the API schema knows a field was deprecated); when it does,
 * each wording is kept with the schemas it came from.
 */
function merge(found: ReadonlyArray<{ change: Change; schema: string }>): SchemaChange[] {
  const byKey = new Map<string, { type: string; coordinate: string; criticality: Criticality; messages: Map<string, string[]> }>();
  for (const { change, schema } of found) {
    const criticality = change.criticality.level as Criticality;
    const coordinate = change.path ?? '(schema)';
    // Inspector types `Change.type` as any: it is one of its ChangeType strings.
    const type = String(change.type);
    const key = [type, coordinate, criticality].join('\u0000');
    const entry = byKey.get(key) ?? { type, coordinate, criticality, messages: new Map<string, string[]>() };
    entry.messages.set(change.message, [...(entry.messages.get(change.message) ?? []), schema]);
    byKey.set(key, entry);
  }
  return [...byKey.values()].map(({ messages, ...change }) => ({
    ...change,
    message: messages.size === 1 ? [...messages.keys()][0]! : [...messages].map(([message, schemas]) => `${message} (${schemas.join(', ')})`).join('; '),
    schemas: [...messages.values()].flat(),
  }));
}

const ORDER: Record<Criticality, number> = { BREAKING: 0, DANGEROUS: 1, NON_BREAKING: 2 };

/** Code-point order: locale collation ignores the underscores of `_Entity` and `Query._entities`. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortChanges(changes: SchemaChange[]): SchemaChange[] {
  return changes.sort((a, b) => ORDER[a.criticality] - ORDER[b.criticality] || compareText(a.coordinate, b.coordinate) || compareText(a.type, b.type));
}
