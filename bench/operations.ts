import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/**
 * The benchmark's operations, written from the catalogue (docs/credit-information-catalogue.json:
 * each field's category, level and "public when") over the supergraph's types, so that they follow
 * the schema as lists are added: "every list the public may see" is computed, not hand-kept.
 */

const ROOT = path.resolve(__dirname, '..');

export interface CatalogueEntry {
  readonly type: string;
  readonly field: string;
  readonly category: string;
  readonly level: 'PUBLIC' | 'SHARED' | 'RESTRICTED' | 'SPECIAL';
  readonly publicWhen: string | null;
  readonly subgraphs: readonly string[];
}

export interface Catalogue {
  readonly schema: GraphQLSchema;
  readonly entries: ReadonlyMap<string, CatalogueEntry>;
}

export function loadCatalogue(root = ROOT): Catalogue {
  const schema = buildSchema(readFileSync(path.join(root, 'supergraph.graphql'), 'utf8'), { assumeValidSDL: true });
  const rows = JSON.parse(readFileSync(path.join(root, 'docs/credit-information-catalogue.json'), 'utf8')) as CatalogueEntry[];
  return { schema, entries: new Map(rows.map((r) => [`${r.type}.${r.field}`, r])) };
}

/** Which fields a selection takes: decided on the field's catalogue entry (null: not classified). */
export type FieldFilter = (entry: CatalogueEntry | null, type: GraphQLObjectType, field: GraphQLField<unknown, unknown>) => boolean;

/** What the public may see: PUBLIC fields, and the records of a "public when" list while they are public. */
export const publicFields: FieldFilter = (entry) => entry !== null && (entry.level === 'PUBLIC' || entry.publicWhen !== null);

const isConnection = (t: GraphQLObjectType) => t.name.endsWith('Connection') && 'nodes' in t.getFields() && 'totalCount' in t.getFields();
/** A field with a required argument cannot be asked for without a value the benchmark does not have. */
const askable = (field: GraphQLField<unknown, unknown>) => field.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined);

function leaves(catalogue: Catalogue, type: GraphQLObjectType, take: FieldFilter): string[] {
  return Object.values(type.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && askable(f) && take(catalogue.entries.get(`${type.name}.${f.name}`) ?? null, type, f))
    .map((f) => f.name);
}

/**
 * The selection of one object type: its leaves the filter takes; each list it takes as its first
 * page (the default page size) with `totalCount` and its nodes' leaves; each other object (a sector
 * profile, a summary) recursively, down to `depth`.
 */
export function selectionOf(catalogue: Catalogue, type: GraphQLObjectType, take: FieldFilter, depth = 2): string {
  const parts: string[] = [...leaves(catalogue, type, take)];
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    if (!isObjectType(named) || !askable(field)) continue;
    if (!take(catalogue.entries.get(`${type.name}.${field.name}`) ?? null, type, field)) continue;
    if (isConnection(named)) {
      const node = getNamedType(named.getFields().nodes?.type);
      const nodeLeaves = isObjectType(node) ? leaves(catalogue, node, take) : [];
      parts.push(`${field.name} { totalCount nodes { ${(nodeLeaves.length > 0 ? nodeLeaves : ['__typename']).join(' ')} } }`);
    } else if (depth > 0) {
      const inner = selectionOf(catalogue, named, take, depth - 1);
      if (inner !== '') parts.push(`${field.name} { ${inner} }`);
    }
  }
  return parts.join(' ');
}

/** How many lists (connections) a selection asks for: the figure the statements per request are about. */
export const listsIn = (selection: string) => (selection.match(/totalCount nodes/g) ?? []).length;

const subjectType = (catalogue: Catalogue) => catalogue.schema.getType('Subject') as GraphQLObjectType;

/** Lists that are about a record's recourse (notices, objections, statements, repair) or the access subgraph's own. */
const RECOURSE = /^(listing)?(notices|objections|statements|repairApplications)$/i;

export interface Operations {
  readonly publicProfile: string;
  readonly publicSelection: string;
  readonly regulator: string;
  readonly bankConsent: string;
  readonly batch: string;
  readonly search: string;
}

export function buildOperations(catalogue: Catalogue): Operations {
  const subject = subjectType(catalogue);
  // The credit report issues a report (a write): it is a scenario of its own, never part of a profile.
  const take: FieldFilter = (entry, type, field) => publicFields(entry, type, field) && !(type.name === 'Subject' && field.name === 'creditReport');
  const publicSelection = selectionOf(catalogue, subject, take);
  // A regulator (statutory, `*:RESTRICTED`): every record list and summary up to RESTRICTED, outside
  // the recourse lists and the access subgraph's (consents, applications, inquiry records).
  const restricted: FieldFilter = (entry, type, field) =>
    entry !== null &&
    entry.level !== 'SPECIAL' &&
    !entry.subgraphs.every((s) => s === 'access') &&
    !RECOURSE.test(field.name) &&
    !(type.name === 'Subject' && field.name === 'creditReport');
  const regulatorSelection = selectionOf(catalogue, subject, restricted);
  // A bank under the subject's consent (finance.credit) reads its credit accounts and guarantees.
  const finance = catalogue.schema.getType('FinanceProfile') as GraphQLObjectType;
  const credit: FieldFilter = (entry) => entry !== null && entry.level !== 'SPECIAL' && entry.category.startsWith('finance.credit');
  const bankSelection = `name finance { ${selectionOf(catalogue, finance, credit, 1)} }`;
  return {
    publicSelection,
    publicProfile: `query PublicProfile($code: ID!) { subject(code: $code) { ${publicSelection} } }`,
    regulator: `query SupervisionProfile($code: ID!) { subject(code: $code) { ${regulatorSelection} } }`,
    bankConsent: `query LoanApproval($code: ID!) { subject(code: $code) { ${bankSelection} } }`,
    batch: `query PublicBatch($codes: [ID!]!) { subjects(codes: $codes) { ${publicSelection} } }`,
    search: 'query Search($query: String!) { searchOrganizations(query: $query) { totalCount nodes { code name kind status } pageInfo { hasNextPage endCursor } } }',
  };
}

/** operations/credit-report.graphql: what `GET /reports/<code>.pdf` runs. */
export function creditReportOperation(root = ROOT): string {
  return readFileSync(path.join(root, 'operations/credit-report.graphql'), 'utf8');
}
