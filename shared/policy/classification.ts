import { Kind, type DocumentNode, type ConstDirectiveNode, type FieldDefinitionNode } from 'graphql';
import { isLevel, levelRank, type Level } from './levels';
import { CATEGORY_NAMES } from './categories';

/**
 * Reads `@classify` from SDL: a field's classification is its own directive, else its type's. The
 * same reading serves the composition checks (per subgraph and on the supergraph) and the gateway.
 */

export interface Classification {
  readonly category: string;
  readonly level: Level;
  /** Which records are public nonetheless (decided per record by the owning subgraph). */
  readonly publicWhen: string | null;
}

export interface SdlClassifications {
  /** `Type.field` of every object-type field, with its classification or null when it has none. */
  readonly fields: ReadonlyMap<string, Classification | null>;
  /** Interface name -> its fields, whose requirement comes from every implementation. */
  readonly interfaces: ReadonlyMap<string, readonly string[]>;
  /** Interface name -> the object types that implement it. */
  readonly implementations: ReadonlyMap<string, readonly string[]>;
  readonly problems: readonly string[];
}

const DIRECTIVE = 'classify';

function stringArg(directive: ConstDirectiveNode, name: string): string | null {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  return arg && arg.value.kind === Kind.STRING ? arg.value.value : null;
}

/** Reads one `@classify` from a node's directives; what is wrong with it goes to `problems`. */
export function readClassification(
  directives: readonly ConstDirectiveNode[] | undefined,
  where: string,
  problems: string[],
): Classification | null {
  const found = directives?.find((d) => d.name.value === DIRECTIVE);
  if (!found) return null;
  const category = stringArg(found, 'category') ?? '';
  const level = stringArg(found, 'level');
  if (!isLevel(level)) {
    problems.push(`${where}: level "${level}" is not one of PUBLIC, SHARED, RESTRICTED, SPECIAL`);
    return null;
  }
  if (!CATEGORY_NAMES.has(category)) {
    problems.push(`${where}: category "${category}" is not in the catalogue (shared/policy/categories.ts)`);
    return null;
  }
  return { category, level, publicWhen: stringArg(found, 'publicWhen') };
}

/** Types the federation machinery or the supergraph itself define; they carry no credit information. */
function isInfrastructure(name: string): boolean {
  return name.startsWith('_') || name.startsWith('join__') || name.startsWith('link__');
}

export function classificationsOf(document: DocumentNode): SdlClassifications {
  const problems: string[] = [];
  const typeLevel = new Map<string, Classification>();
  const fieldNodes = new Map<string, FieldDefinitionNode[]>();
  const interfaces = new Map<string, string[]>();
  const implementations = new Map<string, string[]>();

  for (const def of document.definitions) {
    const isObject = def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.OBJECT_TYPE_EXTENSION;
    const isInterface = def.kind === Kind.INTERFACE_TYPE_DEFINITION || def.kind === Kind.INTERFACE_TYPE_EXTENSION;
    if ((!isObject && !isInterface) || isInfrastructure(def.name.value)) continue;
    const typeName = def.name.value;
    const own = readClassification(def.directives, typeName, problems);
    if (own) typeLevel.set(typeName, own);
    const fields = [...(fieldNodes.get(typeName) ?? []), ...(def.fields ?? [])];
    fieldNodes.set(typeName, fields);
    if (isInterface) interfaces.set(typeName, fields.map((f) => f.name.value));
    if (isObject) {
      for (const iface of def.interfaces ?? []) {
        implementations.set(iface.name.value, [...(implementations.get(iface.name.value) ?? []), typeName]);
      }
    }
  }

  const fields = new Map<string, Classification | null>();
  for (const [typeName, nodes] of fieldNodes) {
    if (interfaces.has(typeName)) continue;
    for (const field of nodes) {
      if (field.name.value.startsWith('_')) continue;
      const key = `${typeName}.${field.name.value}`;
      fields.set(key, readClassification(field.directives, key, problems) ?? typeLevel.get(typeName) ?? null);
    }
  }
  return { fields, interfaces, implementations, problems };
}

/**
 * What selecting `Interface.field` requires: the classification of every implementation, each of
 * which the caller must be allowed (two implementations may need different categories at one level).
 * Strictest first, so a denial names the strictest requirement. Null when an implementation is
 * unclassified: then nothing allows it.
 */
export function interfaceFieldRequirements(sdl: SdlClassifications, iface: string, field: string): Classification[] | null {
  const result: Classification[] = [];
  for (const impl of sdl.implementations.get(iface) ?? []) {
    const c = sdl.fields.get(`${impl}.${field}`);
    if (!c) return null;
    if (!result.some((r) => same(r, c))) result.push(c);
  }
  return result.sort((a, b) => levelRank(b.level) - levelRank(a.level) || a.category.localeCompare(b.category) || (a.publicWhen ?? '').localeCompare(b.publicWhen ?? ''));
}

function describe(c: Classification | null): string {
  return c ? `${c.category}/${c.level}${c.publicWhen ? ` (public when ${c.publicWhen})` : ''}` : 'unclassified';
}

function same(a: Classification | null, b: Classification | null): boolean {
  return a?.category === b?.category && a?.level === b?.level && a?.publicWhen === b?.publicWhen;
}

/**
 * The composition checks of the classification: deny by default (every object field classified in
 * every subgraph), one classification per field across subgraphs, and a supergraph that kept them
 * (composition keeps the most frequent arguments of a directive, silently).
 */
export function checkClassifications(
  subgraphs: ReadonlyArray<{ readonly name: string; readonly document: DocumentNode }>,
  supergraph: DocumentNode,
): string[] {
  const problems: string[] = [];
  const seen = new Map<string, { subgraph: string; classification: Classification | null }>();
  for (const { name, document } of subgraphs) {
    const sdl = classificationsOf(document);
    problems.push(...sdl.problems.map((p) => `[${name}] ${p}`));
    for (const [key, classification] of sdl.fields) {
      if (!classification) {
        problems.push(`[${name}] ${key} is not classified: add @classify to the field or its type (unclassified fields are denied)`);
        continue;
      }
      const earlier = seen.get(key);
      if (!earlier) seen.set(key, { subgraph: name, classification });
      else if (!same(earlier.classification, classification)) {
        problems.push(
          `${key} is classified ${describe(earlier.classification)} in ${earlier.subgraph} but ${describe(classification)} in ${name}`,
        );
      }
    }
  }
  const composed = classificationsOf(supergraph);
  problems.push(...composed.problems.map((p) => `[supergraph] ${p}`));
  for (const [key, { subgraph, classification }] of seen) {
    const kept = composed.fields.get(key) ?? null;
    if (!same(kept, classification)) {
      problems.push(`the supergraph classifies ${key} ${describe(kept)}, but ${subgraph} classifies it ${describe(classification)}`);
    }
  }
  return problems;
}
