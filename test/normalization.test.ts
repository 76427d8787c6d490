import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { Supergraph } from '@apollo/federation-internals';
import { subjectAt } from '../shared/generator/subjects';
import { LiteralNormalizer } from '../gateway/normalize';
import { countTokens } from '../gateway/limits';
import { startSubgraphs, startGateway, urlOverrides, post, callerHeaders, testFetch, DEMO_BANK_CALLER, REGULATOR, SUPERGRAPH_FILE, type RunningGraph } from './support/graph';
import { TEST_DATASET } from './support/stores';
import { valueOf } from './support/metrics';

/**
 * Literal arguments become variables before the gateway parses, authorizes and plans an operation
 * (gateway/normalize.ts): one shape of operation is one entry in every cache, whatever subject code
 * it names, and everything is still decided on the values.
 */

const group = subjectAt(TEST_DATASET.seed, 0);
const firm = subjectAt(TEST_DATASET.seed, 1);

describe('literal normalization: what an operation becomes', () => {
  const api = Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
  const normalizer = (maxTokens?: number) => {
    const made = new LiteralNormalizer({ parseOptions: maxTokens ? { maxTokens } : {}, validationRules: [] });
    made.setSchema(api);
    return made;
  };
  const normalize = (query: string, variables?: Record<string, unknown>) => normalizer().normalize(query, variables);

  it('turns subject codes, page sizes and @include conditions into variables of their arguments\' types', () => {
    expect(normalize('{ subject(code: "9111010500088WXJ4C") { name finance @include(if: true) { creditAccounts(first: 3) { totalCount } } } }')).toEqual({
      query: 'query($_lit0: ID!, $_lit1: Boolean!, $_lit2: Int) { subject(code: $_lit0) { name finance @include(if: $_lit1) { creditAccounts(first: $_lit2) { totalCount } } } }',
      variables: { _lit0: '9111010500088WXJ4C', _lit1: true, _lit2: 3 },
    });
  });

  it('gives two codes of one shape the same text', () => {
    const one = normalize(`{ subject(code: "${group.code}") { name } }`);
    const other = normalize(`{ subject(code: "${firm.code}") { name } }`);
    expect(one?.query).toBe(other?.query);
    expect([one?.variables, other?.variables]).toEqual([{ _lit0: group.code }, { _lit0: firm.code }]);
  });

  it('keeps the caller\'s variables, and picks names nobody uses', () => {
    expect(normalize('query Q($_lit0: Boolean = false) { subject(code: "A") { name @skip(if: $_lit0) } }', { _lit0: true, extra: 1 })).toEqual({
      query: 'query Q($_lit0: Boolean = false, $__lit0: ID!) { subject(code: $__lit0) { name @skip(if: $_lit0) } }',
      variables: { _lit0: true, extra: 1, __lit0: 'A' },
    });
  });

  it('makes one variable of a literal written twice, so that fields of one response name still merge', () => {
    expect(normalize('{ a: subject(code: "A") { name } a: subject(code: "A") { kind } b: subject(code: "B") { name } }')).toEqual({
      query: 'query($_lit0: ID!, $_lit1: ID!) { a: subject(code: $_lit0) { name } a: subject(code: $_lit0) { kind } b: subject(code: $_lit1) { name } }',
      variables: { _lit0: 'A', _lit1: 'B' },
    });
  });

  it('turns lists, enums and input objects into variables whole, and leaves null and literals holding a variable', () => {
    expect(
      normalize('query($org: ID!) { subjects(codes: ["A", "B"]) { code } inquiryRecords(filter: { organization: $org }, first: null) { totalCount } specialApplications(status: PENDING) { totalCount } }', { org: 'X' }),
    ).toEqual({
      query: 'query($org: ID!, $_lit0: [ID!]!, $_lit1: SpecialApplicationStatus) { subjects(codes: $_lit0) { code } inquiryRecords(filter: { organization: $org }, first: null) { totalCount } specialApplications(status: $_lit1) { totalCount } }',
      variables: { org: 'X', _lit0: ['A', 'B'], _lit1: 'PENDING' },
    });
  });

  it('keeps the default values of the caller\'s variables as written', () => {
    expect(normalize('query Page($n: Int = 3) { searchOrganizations(query: "北京", first: $n) { totalCount } }')).toEqual({
      query: 'query Page($n: Int = 3, $_lit0: String!) { searchOrganizations(query: $_lit0, first: $n) { totalCount } }',
      variables: { _lit0: '北京' },
    });
  });

  it('leaves the values of the subgraphs\' own scalars as written (a subgraph may read a literal otherwise than JSON)', () => {
    const query = 'mutation { grantConsent(input: { subject: "A", organization: "B", purpose: CREDIT_RATING, categories: ["finance.credit"], validUntil: "2027-11-30T00:00:00Z" }) { id } }';
    expect(normalize(query)).toBeNull();
  });

  it('keeps the caller\'s line numbers when a literal spans lines', () => {
    expect(normalize('{ subjects(codes: [\n  "A",\n  "B"\n]) { code } }')?.query).toBe('query($_lit0: [ID!]!) { subjects(codes: $_lit0\n\n\n) { code } }');
  });

  it('leaves alone what must be answered on the caller\'s text: invalid literals, unknown arguments, syntax errors, several operations, introspection', () => {
    for (const query of [
      '{ subject(code: 12.5) { name } }',
      '{ subjects(codes: ["A", null]) { name } }',
      '{ subject(code: "A", nope: 1) { name } }',
      '{ subject(code: "A") { name }',
      'query A { subject(code: "A") { name } } query B { subject(code: "B") { name } }',
      '{ __type(name: "Subject") { name } }',
      '{ subject(code: $undeclared) { name } }',
    ]) {
      expect([query, normalize(query)]).toEqual([query, null]);
    }
  });

  it('leaves the caller\'s text when the normalized one would cross the token limit', () => {
    const query = '{ subject(code: "A") { name kind } }';
    const normalized = 'query($_lit0: ID!) { subject(code: $_lit0) { name kind } }';
    expect([countTokens(query), countTokens(normalized)]).toEqual([12, 21]);
    expect(normalizer(20).normalize(query, {})).toBeNull();
    expect(normalizer(21).normalize(query, {})?.query).toBe(normalized);
  });
});

describe('literal normalization through the gateway', () => {
  let graph: RunningGraph;
  let gateway: { app: FastifyInstance; url: string; opsUrl: string };

  beforeAll(async () => {
    graph = await startSubgraphs();
    gateway = await startGateway({ ...urlOverrides(graph.subgraphUrls), CG_COST_MAX: '500' });
  });

  afterAll(async () => {
    await gateway.app.close();
    await graph.close();
  });

  const lookups = async () => {
    const text = await (await testFetch(`${gateway.opsUrl}/metrics`)).text();
    const count = (cache: string, outcome: string) => valueOf(text, 'credit_graph_gateway_cache_lookups_total', { cache, outcome }) ?? 0;
    return { authorizationHits: count('authorization', 'hit'), planHits: count('query_plan', 'hit'), planMisses: count('query_plan', 'miss') };
  };
  const profile = (code: string) => `{ subject(code: "${code}") { code name finance { courtJudgments(first: 2) { totalCount } } } }`;

  it('authorizes and plans one shape of operation once, whatever subject code its text names', async () => {
    const first = await post(gateway.url, profile(group.code));
    const before = await lookups();
    const second = await post(gateway.url, profile(firm.code));
    const after = await lookups();
    expect(first.body).toEqual({ data: { subject: { code: group.code, name: group.name, finance: { courtJudgments: { totalCount: 2 } } } } });
    expect(second.body).toEqual({ data: { subject: { code: firm.code, name: firm.name, finance: { courtJudgments: { totalCount: expect.any(Number) } } } } });
    expect({ authorizationHits: after.authorizationHits - before.authorizationHits, planHits: after.planHits - before.planHits, planMisses: after.planMisses - before.planMisses }).toEqual({
      authorizationHits: 1,
      planHits: 1,
      planMisses: 0,
    });
  });

  it('decides restricted records per subject on the literal code: served under consent, withheld without', async () => {
    const bank = await callerHeaders(DEMO_BANK_CALLER, 'LOAN_APPROVAL');
    const summary = (code: string) => `{ subject(code: "${code}") { finance { summary { accountCount } } } }`;
    expect((await post(gateway.url, summary(group.code), {}, bank)).body).toEqual({ data: { subject: { finance: { summary: { accountCount: 4 } } } } });
    expect((await post(gateway.url, summary(firm.code), {}, bank)).body).toEqual({
      data: { subject: { finance: { summary: null } } },
      errors: [
        {
          message: 'Unauthorized field or type',
          path: ['subject', 'finance', 'summary'],
          extensions: {
            code: 'UNAUTHORIZED_FIELD_OR_TYPE',
            category: 'finance.credit',
            level: 'RESTRICTED',
            reason: "requires the subject's authorization for finance.credit (purpose LOAN_APPROVAL), and none is in force",
            serviceName: 'finance',
          },
        },
      ],
    });
  });

  it('decides @include(if:) on its literal value, each value on its own', async () => {
    const guarantees = (include: boolean) => `{ subject(code: "${group.code}") { finance { guarantees @include(if: ${include}) { totalCount } courtJudgments { totalCount } } } }`;
    const left = { data: { subject: { finance: { courtJudgments: { totalCount: 2 } } } } };
    expect((await post(gateway.url, guarantees(false))).body).toEqual(left);
    expect((await post(gateway.url, guarantees(true))).body).toEqual({
      data: { subject: { finance: { guarantees: null, courtJudgments: { totalCount: 2 } } } },
      errors: [
        {
          message: 'Unauthorized field or type',
          path: ['subject', 'finance', 'guarantees'],
          extensions: {
            code: 'UNAUTHORIZED_FIELD_OR_TYPE',
            category: 'finance.credit',
            level: 'RESTRICTED',
            reason: 'requires RESTRICTED access to finance.credit; the caller holds no grant for it',
          },
        },
      ],
    });
    expect((await post(gateway.url, guarantees(false))).body).toEqual(left);
  });

  it('records each inquiry under the subject its literal code names', async () => {
    const inspector = await callerHeaders({ ...REGULATOR, staff: 'inspector-literal' }, 'SUPERVISION');
    for (const code of [group.code, firm.code]) {
      expect((await post(gateway.url, `{ subject(code: "${code}") { finance { summary { accountCount } } } }`, {}, inspector)).body.errors).toBeUndefined();
    }
    const rows = await graph.stores.access.db('inquiry_records').where({ staff: 'inspector-literal' }).select('subject_codes', 'purpose', 'fields');
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(
      expect.arrayContaining([group.code, firm.code].map((code) => ({ subject_codes: [code], purpose: 'SUPERVISION', fields: ['CreditSummary.accountCount', 'FinanceProfile.summary'] }))),
    );
  });

  it('prices a literal `first` as its value: over the budget it is refused as the same operation with a variable', async () => {
    const literal = await post(gateway.url, '{ searchOrganizations(query: "北京", first: 1000) { nodes { code } } }');
    const variable = await post(gateway.url, 'query($first: Int) { searchOrganizations(query: "北京", first: $first) { nodes { code } } }', { first: 1000 });
    expect(literal).toEqual({
      status: 400,
      body: { errors: [{ message: 'The estimated cost of the operation, 1010, is over the budget of 500.', extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', cost: 1010, limit: 500 } }] },
    });
    expect(variable).toEqual(literal);
  });

  it('answers an invalid literal, and an invalid document, with the errors and locations of the caller\'s own text', async () => {
    expect(await post(gateway.url, '{ subject(code: 12.5) { name } }')).toEqual({
      status: 400,
      body: { errors: [{ message: 'ID cannot represent a non-string and non-integer value: 12.5', locations: [{ line: 1, column: 17 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] },
    });
    const unknownField = await post(gateway.url, `{\n  subject(code: "${group.code}") {\n    nope\n  }\n}`);
    expect(unknownField).toEqual({
      status: 400,
      body: { errors: [{ message: 'Cannot query field "nope" on type "Subject".', locations: [{ line: 3, column: 5 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] },
    });
  });

  it('keeps the caller\'s variables where the caller wrote them: a missing one is reported at its definition', async () => {
    const response = await post(gateway.url, `query Page($code: ID!) {\n  subject(code: $code) { finance { creditAccounts(first: 1) { totalCount } } }\n}`);
    expect(response).toEqual({
      status: 400,
      body: { errors: [{ message: 'Variable "$code" of required type "ID!" was not provided.', locations: [{ line: 1, column: 12 }], extensions: { code: 'BAD_USER_INPUT' } }] },
    });
  });

  it('normalizes an operation sent with GET as well, extensions that merely mention persistedQuery included', async () => {
    const get = (code: string, extensions?: string) =>
      testFetch(`${gateway.url}/graphql?query=${encodeURIComponent(`{ subject(code: "${code}") { name kind } }`)}${extensions ? `&extensions=${encodeURIComponent(extensions)}` : ''}`, {
        headers: { 'apollo-require-preflight': 'true' },
      });
    const response = await get(group.code);
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { data: { subject: { name: group.name, kind: group.kind } } } });
    const before = await lookups();
    const again = await get(firm.code, JSON.stringify({ note: 'persistedQuery' }));
    const after = await lookups();
    expect({ status: again.status, body: await again.json() }).toEqual({ status: 200, body: { data: { subject: { name: firm.name, kind: firm.kind } } } });
    expect(after.planHits - before.planHits).toBe(1);
  });
});
