import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { getIntrospectionQuery, Kind, parse, specifiedRules, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { loadConfig, type OperationLimits } from '../../shared/config';
import {
  costDirectivesOf,
  countTokens,
  limitValidationRules,
  operationDemand,
  type CostDirectives,
} from '../../gateway/limits';
import { prepareOperation } from '../../gateway/authorization';
import { SUPERGRAPH_FILE } from '../support/graph';

/** The limit rules and the demand estimate on the committed supergraph's API schema, without a server. */

const SUPERGRAPH = readFileSync(SUPERGRAPH_FILE, 'utf8');
const DEFAULTS = loadConfig({}).gateway.operationLimits;
const CODE = '9111010500088WXJ4C';
let schema: GraphQLSchema;
let gateway: ApolloGateway;
const directives: CostDirectives = costDirectivesOf(SUPERGRAPH);

beforeAll(async () => {
  gateway = new ApolloGateway({ supergraphSdl: SUPERGRAPH });
  schema = (await gateway.load()).schema;
});

afterAll(async () => {
  await gateway.stop();
});

function violations(query: string, limits: Partial<OperationLimits> = {}): Array<{ message: string; code: unknown }> {
  const rules = limitValidationRules({ ...DEFAULTS, ...limits }, () => undefined);
  return validate(schema, parse(query), [...specifiedRules, ...rules]).map((e) => ({ message: e.message, code: e.extensions.code }));
}

function demandOf(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return operationDemand(schema, document, operation, (prepareOperation(schema, document, operation.name?.value, variables).variables ?? {}), directives);
}

describe('the static limits, as validation rules', () => {
  it('counts depth with fragments inlined', () => {
    const query = `{ subject(code: "${CODE}") { ...F } } fragment F on Subject { finance { creditAccounts { nodes { id } } } }`;
    expect(violations(query, { maxDepth: 5 })).toEqual([]);
    expect(violations(query, { maxDepth: 4 })).toEqual([{ message: 'Query depth limit of 4 exceeded, found 5.', code: 'MAX_DEPTH_LIMIT' }]);
  });

  it('counts the aliases inside a fragment at each use', () => {
    const query = `{ a: subject(code: "${CODE}") { ...F } b: subject(code: "${CODE}") { ...F } } fragment F on Subject { n: name k: kind }`;
    expect(violations(query, { maxAliases: 6 })).toEqual([]);
    expect(violations(query, { maxAliases: 5 })).toEqual([{ message: 'Aliases limit of 5 exceeded, found 6.', code: 'MAX_ALIASES_LIMIT' }]);
  });

  it('counts aliased __typename fields as aliases, at the root and below', () => {
    const query = `{ a: __typename b: __typename subject(code: "${CODE}") { c: __typename name } }`;
    expect(violations(query, { maxAliases: 3 })).toEqual([]);
    expect(violations(query, { maxAliases: 2 })).toEqual([{ message: 'Aliases limit of 2 exceeded, found 3.', code: 'MAX_ALIASES_LIMIT' }]);
  });

  it('counts root fields through fragments and inline fragments, __typename free', () => {
    const query = `{ __typename subject(code: "${CODE}") { name } ...Q ... on Query { searchOrganizations(query: "北京") { totalCount } } } fragment Q on Query { subjects(codes: []) { name } }`;
    expect(violations(query, { maxRootFields: 3 })).toEqual([]);
    expect(violations(query, { maxRootFields: 2 })).toEqual([{ message: 'Root fields limit of 2 exceeded, found 3.', code: 'MAX_ROOT_FIELDS_LIMIT' }]);
  });

  it('counts directive uses', () => {
    const query = `query($s: Boolean!) { subject(code: "${CODE}") { name @skip(if: $s) kind @skip(if: $s) status @include(if: true) } }`;
    expect(violations(query, { maxDirectives: 3 })).toEqual([]);
    expect(violations(query, { maxDirectives: 2 })).toEqual([{ message: 'Directives limit of 2 exceeded, found 3.', code: 'MAX_DIRECTIVES_LIMIT' }]);
  });

  it('lets the standard introspection query through the default limits', () => {
    expect(violations(getIntrospectionQuery())).toEqual([]);
  });

  it("leaves introspection nesting to graphql-js's own rule, which follows fragments", () => {
    const bomb = '{ __schema { types { fields { type { ...T } } } } } fragment T on __Type { fields { type { fields { name } } } }';
    expect(violations(bomb)).toEqual([{ message: 'Maximum introspection depth exceeded', code: undefined }]);
  });

  it('only logs in warn mode', () => {
    const query = `{ subject(code: "${CODE}") { finance { creditAccounts { nodes { id } } } } }`;
    const logged: Array<[Record<string, unknown>, string]> = [];
    const rules = limitValidationRules({ ...DEFAULTS, maxDepth: 2, mode: 'warn' }, (details, message) => logged.push([details, message]));
    expect(validate(schema, parse(query), [...specifiedRules, ...rules])).toEqual([]);
    expect(logged).toEqual([[{ code: 'MAX_DEPTH_LIMIT', limit: 2 }, 'operation over a limit (warn only): Query depth limit of 2 exceeded, found 5.']]);
  });

  it('counts tokens as the parser does, stopping at the limit', () => {
    expect(countTokens('{ subject(code: "x") { name } }')).toBe(11);
    expect(countTokens(`{ ${'a '.repeat(10_000)} }`, 100)).toBe(101);
  });
});

describe('the demand of an operation', () => {
  it('counts every subject code across aliases, lists, fragments and variables after coercion', () => {
    expect(demandOf(`{ a: subject(code: "${CODE}") { name } b: subjects(codes: ["${CODE}", "${CODE}"]) { name } }`).subjectCodes).toBe(3);
    expect(demandOf(`query($c: [ID!]!) { subjects(codes: $c) { name } }`, { c: [CODE, CODE, CODE, CODE] }).subjectCodes).toBe(4);
    // A single value coerces to a list of one; a default counts as if it had been sent.
    expect(demandOf(`query($c: [ID!]!) { subjects(codes: $c) { name } }`, { c: CODE }).subjectCodes).toBe(1);
    expect(demandOf(`query($c: [ID!]! = ["${CODE}", "${CODE}"]) { subjects(codes: $c) { name } }`).subjectCodes).toBe(2);
    expect(demandOf(`{ ...Q ...Q } fragment Q on Query { subject(code: "${CODE}") { name } }`).subjectCodes).toBe(2);
    expect(demandOf(`{ inquiryRecords(filter: { subject: "${CODE}" }) { totalCount } }`).subjectCodes).toBe(1);
  });

  it('costs objects 1, leaves 0, and lists by their page size', () => {
    // subject 1 + finance 1 + creditAccounts 1 + 5 nodes of 1
    expect(demandOf(`{ subject(code: "${CODE}") { name finance { creditAccounts(first: 5) { nodes { id } } } } }`).cost).toBe(8);
    // Without `first`, the assumed size (the default page, 20).
    expect(demandOf(`{ subject(code: "${CODE}") { finance { creditAccounts { nodes { id } edges { node { id } } } } } }`).cost).toBe(3 + 20 + 20 * 2);
    // subjects(codes:) holds one item per code.
    expect(demandOf(`{ subjects(codes: ["${CODE}", "${CODE}"]) { finance { summary { accountCount } } } }`).cost).toBe(2 * 3);
    // @cost(weight: 10) on searchOrganizations, then 100 subjects of 1 + finance 1 + 100 accounts.
    expect(demandOf(`{ searchOrganizations(query: "北京", first: 100) { nodes { finance { creditAccounts(first: 100) { nodes { id } } } } } }`).cost).toBe(
      10 + 100 * (1 + 1 + 1 + 100),
    );
  });

  it('adds 10 for each mutation root field', () => {
    expect(demandOf(`mutation { revokeConsent(subject: "${CODE}", id: "x") { id } }`).cost).toBe(10 + 1);
  });

  it('leaves out what @skip and @include leave out', () => {
    const query = `query($s: Boolean!) { subject(code: "${CODE}") { finance @skip(if: $s) { creditAccounts(first: 50) { nodes { id } } } } }`;
    expect(demandOf(query, { s: true }).cost).toBe(1);
    expect(demandOf(query, { s: false }).cost).toBe(1 + 1 + 1 + 50);
  });

  it('costs a fragment used a thousand times without walking it a thousand times', () => {
    const spreads = Array.from({ length: 10 }, () => '...A').join(' ');
    const query = `{ subject(code: "${CODE}") { ${spreads} } } fragment A on Subject { finance { ${spreads.replace(/A/g, 'B')} } } fragment B on FinanceProfile { creditAccounts(first: 1) { nodes { id } } }`;
    expect(demandOf(query).cost).toBe(1 + 10 * (1 + 10 * 2));
  });

  it('keeps every example of the README within the default limits and budget', () => {
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    // GraphQL blocks with their variables in the JSON block under them; JSON bodies with theirs (a
    // shell variable spliced into one, `'"$ID"'`, stands for some id).
    const examples: Array<{ query: string; variables?: Record<string, unknown> }> = [
      ...[...readme.matchAll(/```graphql\n([\s\S]*?)```(?:\n```json\n([\s\S]*?)```)?/g)].map((m) => ({
        query: m[1]!,
        ...(m[2] === undefined ? {} : { variables: JSON.parse(m[2]) as Record<string, unknown> }),
      })),
      ...[...readme.matchAll(/'(\{"query":.*?\})'/g)].map((m) => JSON.parse(m[1]!.replace(/'"\$\w+"'/g, 'x')) as { query: string; variables?: Record<string, unknown> }),
    ].filter(({ query }) => !query.includes('_entities')); // a subgraph's own, not the graph's
    expect(examples.length).toBeGreaterThan(5);
    for (const { query, variables } of examples) {
      expect(violations(query)).toEqual([]);
      expect(countTokens(query)).toBeLessThanOrEqual(DEFAULTS.maxTokens);
      const demand = demandOf(query, variables);
      if (process.env.SHOW_COST) process.stdout.write(`${demand.cost}\t${query.slice(0, 60)}\n`);
      expect(demand.cost).toBeLessThanOrEqual(DEFAULTS.costMax);
      expect(demand.subjectCodes).toBeLessThanOrEqual(DEFAULTS.maxSubjectsPerOperation);
    }
  });
});

describe('the work the limits themselves do', () => {
  /** Fragments that each spread the next ten times: 10^levels fields if walked naively. */
  function fragmentBomb(levels: number, onType: string, leaf: string): string {
    const spreads = (name: string) => Array.from({ length: 10 }, () => `...${name}`).join(' ');
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on ${onType} { ${i + 1 < levels ? spreads(`F${i + 1}`) : leaf} }`);
    return `{ ...F0 } ${fragments.join(' ')}`;
  }

  it('counts the root fields of a fragment bomb without expanding it', () => {
    const started = Date.now();
    expect(violations(fragmentBomb(9, 'Query', '__typename subject(code: "x") { name }'))).toEqual([
      { message: 'Recursive selections limit of 5000 exceeded, found 411111111.', code: 'MAX_RECURSIVE_SELECTIONS_LIMIT' },
      { message: 'Root fields limit of 10 exceeded, found 100000000.', code: 'MAX_ROOT_FIELDS_LIMIT' },
    ]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('estimates the demand of a fragment bomb without expanding it', () => {
    const started = Date.now();
    const demand = demandOf(fragmentBomb(9, 'Query', `subject(code: "${CODE}") { name }`));
    expect(demand).toEqual({ cost: 1e8, subjectCodes: 1e8 });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('selections once fragments are expanded (always enforced)', () => {
  /** Fragments that each spread the next twice: 2^levels selections once expanded. */
  const doubling = (levels: number) =>
    `{ subject(code: "${CODE}") { ...F0 } } ` +
    Array.from({ length: levels }, (_, i) => `fragment F${i} on Subject { name ...F${i + 1} ...F${i + 1} }`).join(' ') +
    ` fragment F${levels} on Subject { name }`;

  it('counts a sixty-level doubling fragment without expanding it, and refuses it', () => {
    const started = Date.now();
    expect(violations(doubling(60))).toEqual([
      { message: expect.stringMatching(/^Recursive selections limit of 5000 exceeded, found \d+\.$/), code: 'MAX_RECURSIVE_SELECTIONS_LIMIT' },
    ]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses it in warn mode too', () => {
    expect(violations(doubling(20), { mode: 'warn' }).map((v) => v.code)).toEqual(['MAX_RECURSIVE_SELECTIONS_LIMIT']);
  });

  it('lets a small one through', () => {
    expect(violations(doubling(5))).toEqual([]);
  });
});
