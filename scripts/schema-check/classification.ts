import { isObjectType, Kind, type DocumentNode } from 'graphql';
import { readClassification, type Classification } from '../../shared/policy/classification';
import { levelRank } from '../../shared/policy/levels';
import type { LoadedSupergraph, SchemaChange } from './compare';

/**
 * How the classification of fields moved between two supergraphs: whether a field became more
 * visible (breaking unless acknowledged) or less (dangerous), judged on what the gateway enforces.
 */

export const CLASSIFICATION_LOOSENED = 'CLASSIFICATION_LOOSENED';
export const CLASSIFICATION_TIGHTENED = 'CLASSIFICATION_TIGHTENED';
export const NEW_FIELD_CLASSIFIED = 'NEW_FIELD_CLASSIFIED';

/** Each object type's own classification; what is wrong with one is reported by `classificationsOf` already. */
export function typeClassificationsOf(document: DocumentNode): Map<string, Classification | null> {
  const types = new Map<string, Classification | null>();
  for (const def of document.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const own = readClassification(def.directives, def.name.value, []);
    if (own || !types.has(def.name.value)) types.set(def.name.value, own);
  }
  return types;
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
export function compareClassifications(base: LoadedSupergraph, current: LoadedSupergraph): SchemaChange[] {
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
