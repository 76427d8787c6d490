import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  Kind,
  parse,
  parseType,
  visit,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  type TypeNode,
} from 'graphql';
import type { PublicRows } from '../records';

/**
 * A subgraph's SDL: the sector's own `schema.graphql`, plus what every sector would otherwise repeat
 * by hand, written here once:
 *
 * - a type that `implements CreditRecord` gets the envelope's fields (from `common.graphql`), first;
 * - a field that returns `XConnection`, where no such type is written, gets the Relay connection
 *   `XConnection` and its `XEdge` (both `structure`/PUBLIC), and the cost spec's `@listSize` of a page;
 * - a `publicWhen` rule declared with the sector's record lists (prose and SQL in one value) is written
 *   into the `@classify` of the list field and of its record type, so the catalogue's prose and the
 *   rows' SQL never part.
 *
 * The result is plain GraphQL; `npm run compose` prints what the gateway composes.
 */

const SCHEMA_DIR = path.resolve(__dirname, '../schema');
const COMMON_SDL = path.join(SCHEMA_DIR, 'common.graphql');
const CLASSIFICATION_SDL = path.join(SCHEMA_DIR, 'classification.graphql');

const RECORD_INTERFACE = 'CreditRecord';
const HISTORY = 'history';
const ROOT_TYPES: ReadonlySet<string> = new Set(['Query', 'Mutation']);
const CONNECTION = /^(\w+)Connection$/;

/** Where a `publicWhen` rule applies: a type (`'TaxCreditRating'`) or a field (`'TaxationProfile.latestGrade'`). */
export type PublicWhenPlacements = Readonly<Record<string, PublicRows>>;

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

const parseConst = (sdl: string) => parse(sdl, { noLocation: true });

function directiveFrom(sdl: string): ConstDirectiveNode {
  const type = parseConst(`type T ${sdl} { f: Int }`).definitions[0] as ObjectTypeDefinitionNode;
  return type.directives![0]!;
}

const PAGE_SIZE = directiveFrom('@listSize(assumedSize: 20, slicingArguments: ["first"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false)');

function connectionTypes(node: string, shareable: boolean): DefinitionNode[] {
  // A connection of a type every subgraph shares (a notice) is generated identically in each: shareable.
  const share = shareable ? ' @shareable' : '';
  return parseConst(`
    type ${node}Connection${share} @classify(category: "structure", level: "PUBLIC") {
      totalCount: Int!
      pageInfo: PageInfo!
      edges: [${node}Edge!]!
      nodes: [${node}!]!
    }
    type ${node}Edge${share} @classify(category: "structure", level: "PUBLIC") {
      cursor: String!
      node: ${node}!
    }`).definitions as DefinitionNode[];
}

/** The `@classify` of a type or field with `publicWhen` set to the rule's prose (written nowhere else). */
function withPublicWhen(directives: readonly ConstDirectiveNode[] | undefined, rule: PublicRows, where: string): ConstDirectiveNode[] {
  const list = [...(directives ?? [])];
  const at = list.findIndex((d) => d.name.value === 'classify');
  const classify = list[at];
  if (!classify) throw new Error(`${where} has a publicWhen rule but no @classify`);
  if (classify.arguments?.some((a) => a.name.value === 'publicWhen')) throw new Error(`${where} has two publicWhen rules`);
  const publicWhen = { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'publicWhen' }, value: { kind: Kind.STRING, value: rule.when } } as const;
  list[at] = { ...classify, arguments: [...(classify.arguments ?? []), publicWhen] };
  return list;
}

type ObjectNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode;

/**
 * The sector's own SDL with what its declaration generates (`shared/ingest/schema.ts`): new
 * definitions appended, and `extend type X` merged into the definition of X (Mercurius's federation
 * validates extensions apart from the schema's imported directives, so none is left as an extension).
 */
function withGenerated(own: DocumentNode, generatedSdl: string): DocumentNode {
  if (generatedSdl.trim() === '') return own;
  const generated = parseConst(generatedSdl);
  const definitions = [...own.definitions];
  for (const definition of generated.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_EXTENSION) {
      definitions.push(definition);
      continue;
    }
    const at = definitions.findIndex((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === definition.name.value);
    const target = definitions[at] as ObjectTypeDefinitionNode | undefined;
    // A root type the sector does not define (a sector with no query of its own) is defined by its first extension.
    if (!target && ROOT_TYPES.has(definition.name.value)) {
      definitions.push({ ...definition, kind: Kind.OBJECT_TYPE_DEFINITION });
      continue;
    }
    if (!target) throw new Error(`generated SDL extends ${definition.name.value}, which the schema does not define`);
    definitions[at] = { ...target, fields: [...(target.fields ?? []), ...(definition.fields ?? [])] };
  }
  return { ...own, definitions };
}

/** The subgraph's whole SDL document, built from its folder's `schema.graphql`. */
export function subgraphTypeDefs(subgraphDir: string, publicWhen: PublicWhenPlacements = {}, generatedSdl = ''): DocumentNode {
  const own = withGenerated(parseConst(readFileSync(path.join(subgraphDir, 'schema.graphql'), 'utf8')), generatedSdl);
  // Prose without its SQL would publish a rule no row follows: it is declared with the list, or not at all.
  visit(own, {
    Argument(node) {
      if (node.name.value === 'publicWhen') {
        throw new Error(`${subgraphDir}/schema.graphql writes publicWhen: declare the rule (prose and SQL) with its record list instead`);
      }
    },
  });
  const common = parseConst(readFileSync(COMMON_SDL, 'utf8'));
  const classification = parseConst(readFileSync(CLASSIFICATION_SDL, 'utf8'));

  const defined = new Set<string>();
  const commonTypes = new Set(common.definitions.flatMap((d) => ('name' in d && d.name ? [d.name.value] : [])));
  for (const definition of [...own.definitions, ...common.definitions]) {
    if ('name' in definition && definition.name && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) defined.add(definition.name.value);
  }
  const envelope = common.definitions.find(
    (d) => d.kind === Kind.INTERFACE_TYPE_DEFINITION && d.name.value === RECORD_INTERFACE,
  ) as { fields: readonly FieldDefinitionNode[] };
  // The interface documents the envelope; the record types repeat its fields without descriptions.
  const envelopeFields = envelope.fields.map((field) => ({ ...field, description: undefined }));

  const unused = new Set(Object.keys(publicWhen));
  const rule = (where: string) => {
    unused.delete(where);
    return publicWhen[where];
  };
  const connections: string[] = [];

  const field = (typeName: string, node: FieldDefinitionNode): FieldDefinitionNode => {
    let directives = node.directives ? [...node.directives] : [];
    const connection = CONNECTION.exec(namedType(node.type));
    if (connection && !defined.has(connection[0])) {
      if (!connections.includes(connection[1]!)) connections.push(connection[1]!);
      if (!directives.some((d) => d.name.value === 'listSize')) {
        const at = directives.findIndex((d) => d.name.value === 'classify');
        directives.splice(at < 0 ? directives.length : at, 0, PAGE_SIZE);
      }
    }
    const fieldRule = rule(`${typeName}.${node.name.value}`);
    if (fieldRule) directives = withPublicWhen(directives, fieldRule, `${typeName}.${node.name.value}`);
    return { ...node, directives };
  };

  const object = (node: ObjectNode): ObjectNode => {
    const typeName = node.name.value;
    let fields = (node.fields ?? []).map((f) => field(typeName, f));
    if (node.interfaces?.some((i) => i.name.value === RECORD_INTERFACE)) {
      const written = new Set(fields.map((f) => f.name.value));
      // A record's history is a list of versions of that very type.
      const envelopeOfType = envelopeFields.map((f) => (f.name.value === HISTORY ? { ...f, type: parseType(`[${typeName}!]!`) } : f));
      fields = [...envelopeOfType.filter((f) => !written.has(f.name.value)), ...fields];
    }
    const typeRule = rule(typeName);
    const directives = typeRule ? withPublicWhen(node.directives, typeRule, typeName) : node.directives;
    return { ...node, fields, directives };
  };

  const definitions = own.definitions.map((d) =>
    d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION ? object(d) : d,
  );
  if (unused.size > 0) throw new Error(`publicWhen rules for what the SDL does not define: ${[...unused].join(', ')}`);
  for (const node of connections) {
    if (!defined.has(node)) throw new Error(`${node}Connection pages ${node}, which no SDL defines`);
    definitions.push(...connectionTypes(node, commonTypes.has(node)));
  }
  return { kind: Kind.DOCUMENT, definitions: [...definitions, ...common.definitions, ...classification.definitions] };
}

/**
 * The values of an enum of a subgraph's own `schema.graphql`, in their order there: code that needs
 * them (a ranking, a check) reads them from the SDL, so a value is added in one place.
 */
export function enumValues(subgraphDir: string, enumName: string): readonly string[] {
  const own = parseConst(readFileSync(path.join(subgraphDir, 'schema.graphql'), 'utf8'));
  const found = own.definitions.find((d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === enumName);
  if (found?.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error(`${subgraphDir}/schema.graphql defines no enum ${enumName}`);
  return (found.values ?? []).map((v) => v.name.value);
}
