import { Supergraph } from '@apollo/federation-internals';
import { ChangeType, CriticalityLevel, diff, type Change, type Rule } from '@graphql-inspector/core';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, Kind, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { classificationsOf, readClassification, type Classification } from '../../shared/policy/classification';
import { levelRank } from '../../shared/policy/levels';

/**
 * What changed between two supergraphs: the composed API schema and each subgraph's schema, diffed
 * by GraphQL Inspector, and the classification of every field, diffed here. Both sides are read
 * from a supergraph (`supergraph.graphql`), never from the sector folders: the supergraph is the
 * one committed artefact whose layout does not move, and CI checks it is current.
 */

export type Criticality = 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';

/** Change types of our own, next to GraphQL Inspector's (`FIELD_REMOVED`, `FIELD_TYPE_CHANGED`, ...). */
export const CLASSIFICATION_LOOSENED = 'CLASSIFICATION_LOOSENED';
export const CLASSIFICATION_TIGHTENED = 'CLASSIFICATION_TIGHTENED';
export const NEW_FIELD_CLASSIFIED = 'NEW_FIELD_CLASSIFIED';
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

/** Each object type's own classification; what is wrong with one is reported by `classificationsOf` already. */
function typeClassificationsOf(document: DocumentNode): Map<string, Classification | null> {
  const types = new Map<string, Classification | null>();
  for (const def of document.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const own = readClassification(def.directives, def.name.value, []);
    if (own || !types.has(def.name.value)) types.set(def.name.value, own);
  }
  return types;
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
    const key = [change.type, coordinate, criticality].join('\u0000');
    const entry = byKey.get(key) ?? { type: change.type, coordinate, criticality, messages: new Map<string, string[]>() };
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

export function describeClassification(c: Classification | null): string {
  return c ? `${c.category}/${c.level}${c.publicWhen ? ` (public when "${c.publicWhen}")` : ''}` : 'unclassified';
}

/**
 * How a field's classification moved. Looser (more callers or more rows see it): a lower level, a
 * different category (other grants reach it), a new or reworded `publicWhen` (more rows may be
 * public: the rule is prose, so a rewording cannot be judged), a classification where there was
 * none (unclassified fields are denied to every caller). Stricter: a higher level, a `publicWhen`
 * removed, a classification removed (the field is then denied to everyone, as for an unclassified
 * field; composition rejects that anyway).
 */
export function classificationMoves(before: Classification | null, after: Classification | null): { looser: string[]; stricter: string[] } {
  const looser: string[] = [];
  const stricter: string[] = [];
  if (!before && !after) return { looser, stricter };
  if (!before) return { looser: [`was unclassified (denied to every caller), now ${describeClassification(after)}`], stricter };
  if (!after) return { looser, stricter: [`classification removed: now unclassified, denied to every caller`] };
  const rank = levelRank(after.level) - levelRank(before.level);
  if (rank < 0) looser.push(`level lowered ${before.level} -> ${after.level}`);
  if (rank > 0) stricter.push(`level raised ${before.level} -> ${after.level}`);
  if (before.category !== after.category) looser.push(`category changed ${before.category} -> ${after.category}`);
  if (before.publicWhen === null && after.publicWhen !== null) looser.push(`publicWhen added: "${after.publicWhen}"`);
  if (before.publicWhen !== null && after.publicWhen === null) stricter.push(`publicWhen removed (was "${before.publicWhen}")`);
  if (before.publicWhen !== null && after.publicWhen !== null && before.publicWhen !== after.publicWhen) {
    looser.push(`publicWhen changed "${before.publicWhen}" -> "${after.publicWhen}"`);
  }
  return { looser, stricter };
}

function sameClassification(a: Classification | null, b: Classification | null): boolean {
  return a?.category === b?.category && a?.level === b?.level && a?.publicWhen === b?.publicWhen;
}

function classificationChange(coordinate: string, what: string, before: Classification | null, after: Classification | null, schemas: readonly string[]): SchemaChange | null {
  const { looser, stricter } = classificationMoves(before, after);
  if (looser.length === 0 && stricter.length === 0) return null;
  const loosened = looser.length > 0;
  return {
    type: loosened ? CLASSIFICATION_LOOSENED : CLASSIFICATION_TIGHTENED,
    coordinate,
    message: `${what} becomes ${loosened ? 'more' : 'less'} visible: ${[...looser, ...stricter].join('; ')}`,
    // Tightening is not a leak, but callers who saw the field may now be denied it.
    criticality: loosened ? 'BREAKING' : 'DANGEROUS',
    schemas,
    classification: { before, after },
  };
}

/**
 * Compares the effective classification of every field present on both sides. When a type's own
 * `@classify` moved, the fields that take it are reported once, on the type, as they were changed.
 */
function compareClassifications(base: LoadedSupergraph, current: LoadedSupergraph): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const byType = new Map<string, { fields: string[]; schemas: Set<string> }>();
  const added = new Map<string, { typeName: string; after: Classification | null; fields: string[]; schemas: Set<string> }>();
  for (const [coordinate, after] of current.classifications) {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const schemas = servedBy(current, typeName, fieldName);
    if (!base.classifications.has(coordinate)) {
      const key = `${typeName}\u0000${describeClassification(after)}`;
      const group = added.get(key) ?? { typeName, after, fields: [], schemas: new Set<string>() };
      group.fields.push(fieldName);
      schemas.forEach((s) => group.schemas.add(s));
      added.set(key, group);
      continue;
    }
    const before = base.classifications.get(coordinate) ?? null;
    const typeBefore = base.typeClassifications.get(typeName) ?? null;
    const typeAfter = current.typeClassifications.get(typeName) ?? null;
    if (!sameClassification(typeBefore, typeAfter) && sameClassification(before, typeBefore) && sameClassification(after, typeAfter)) {
      const group = byType.get(typeName) ?? { fields: [], schemas: new Set<string>() };
      group.fields.push(fieldName);
      schemas.forEach((s) => group.schemas.add(s));
      byType.set(typeName, group);
      continue;
    }
    const change = classificationChange(coordinate, `'${coordinate}'`, before, after, schemas);
    if (change) changes.push(change);
  }
  for (const [typeName, { fields, schemas }] of byType) {
    const what = `Type '${typeName}' (the ${fields.length} field${fields.length === 1 ? '' : 's'} it classifies: ${fields.join(', ')})`;
    const change = classificationChange(typeName, what, base.typeClassifications.get(typeName) ?? null, current.typeClassifications.get(typeName) ?? null, [...schemas].sort());
    if (change) changes.push(change);
  }
  for (const { typeName, after, fields, schemas } of added.values()) {
    const coordinate = fields.length === 1 ? `${typeName}.${fields[0]}` : typeName;
    const what = fields.length === 1 ? `New field '${coordinate}' is` : `New fields of '${typeName}' (${fields.join(', ')}) are`;
    changes.push({
      type: NEW_FIELD_CLASSIFIED,
      coordinate,
      message: `${what} ${describeClassification(after)}`,
      criticality: 'NON_BREAKING',
      schemas: [...schemas].sort(),
      classification: { before: null, after },
    });
  }
  return changes;
}

/** The subgraphs whose schema has the field (a key field such as `Subject.code` is in several). */
function servedBy(supergraph: LoadedSupergraph, typeName: string, fieldName: string): string[] {
  const names: string[] = [];
  for (const [name, schema] of supergraph.subgraphs) {
    const type = schema.getType(typeName);
    if (isObjectType(type) && type.getFields()[fieldName]) names.push(name);
  }
  return names;
}
