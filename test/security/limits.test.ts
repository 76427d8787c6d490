import type { FastifyInstance } from 'fastify';
import { subjectAt } from '../../shared/generator/subjects';
import { registrySubgraph } from '../../subgraphs/registry/server';
import type { Store } from '../../shared/store';
import { SUBGRAPH_NAMES } from '../../subgraphs/names';
import { startGateway, urlOf, urlOverrides, post, testFetch } from '../support/graph';
import { openTestStore, testDeps, TEST_DATASET } from '../support/stores';

/**
 * Operation limits and demand control through a real gateway, with tight settings so that small
 * operations cross them. Refusals happen before planning, so only the registry subgraph runs (the
 * others' URLs lead nowhere): an operation the limits let through is answered from it.
 */

const TIGHT = {
  CG_MAX_DEPTH: '4',
  CG_MAX_ALIASES: '3',
  CG_MAX_ROOT_FIELDS: '3',
  CG_MAX_TOKENS: '80',
  CG_MAX_DIRECTIVES: '2',
  CG_MAX_SUBJECTS_PER_OPERATION: '3',
  CG_COST_MAX: '200',
  CG_MAX_REQUEST_BYTES: '4096',
};

const group = subjectAt(TEST_DATASET.seed, 0);
// Four organizations: a natural person (the demo physician, index 3) answers the public as an unknown code.
const [a, b, c, d] = [0, 1, 2, 4].map((i) => subjectAt(TEST_DATASET.seed, i).code) as [string, string, string, string];
let store: Store;
let registry: FastifyInstance;
let enforcing: { app: FastifyInstance; url: string };
let warning: { app: FastifyInstance; url: string };

beforeAll(async () => {
  store = await openTestStore(registrySubgraph);
  registry = await registrySubgraph.buildServer(testDeps(store));
  await registry.listen({ host: '127.0.0.1', port: 0 });
  const nowhere = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 'http://127.0.0.1:9/graphql']));
  const urls = urlOverrides({ ...nowhere, registry: urlOf(registry) });
  enforcing = await startGateway({ ...urls, ...TIGHT });
  warning = await startGateway({ ...urls, ...TIGHT, CG_LIMITS_MODE: 'warn', CG_COST_MODE: 'measure' });
});

afterAll(async () => {
  await enforcing.app.close();
  await warning.app.close();
  await registry.close();
  await store.close();
});

const refused = (code: string, message: string, extensions: Record<string, unknown> = {}) => ({
  status: 400,
  body: { errors: [{ message, extensions: { ...extensions, code } }] },
});

const DEEP = `{ subject(code: "${a}") { finance { creditAccounts { nodes { sourceAuthority { name } } } } } }`;
const ALIASED = `{ subject(code: "${a}") { n1: name n2: name n3: name n4: name } }`;
const MANY_ROOTS = `{ subjects(codes: []) { name } searchOrganizations(query: "北京", first: 1) { totalCount } specialApplications { totalCount } ownSpecialApplications { totalCount } }`;
const MANY_TOKENS = `{ subject(code: "${a}") { ${'name '.repeat(80)} } }`;
const DIRECTED = `query($s: Boolean = false) { subject(code: "${a}") { name @skip(if: $s) kind @skip(if: $s) status @skip(if: $s) } }`;
const EXPENSIVE = `{ searchOrganizations(query: "${group.name}", first: 100) { nodes { code } edges { node { code } } } }`;

describe('operation limits (CG_LIMITS_MODE=enforce)', () => {
  it('answers an operation within every limit', async () => {
    expect(await post(enforcing.url, `{ subject(code: "${group.code}") { name } }`)).toEqual({ status: 200, body: { data: { subject: { name: group.name } } } });
  });

  it('refuses an operation deeper than CG_MAX_DEPTH with MAX_DEPTH_LIMIT', async () => {
    expect(await post(enforcing.url, DEEP)).toEqual(refused('MAX_DEPTH_LIMIT', 'Query depth limit of 4 exceeded, found 6.'));
  });

  it('refuses more aliases than CG_MAX_ALIASES with MAX_ALIASES_LIMIT', async () => {
    expect(await post(enforcing.url, ALIASED)).toEqual(refused('MAX_ALIASES_LIMIT', 'Aliases limit of 3 exceeded, found 4.'));
  });

  it('refuses more root fields than CG_MAX_ROOT_FIELDS with MAX_ROOT_FIELDS_LIMIT', async () => {
    expect(await post(enforcing.url, MANY_ROOTS)).toEqual(refused('MAX_ROOT_FIELDS_LIMIT', 'Root fields limit of 3 exceeded, found 4.'));
  });

  it('refuses with one error, the first limit broken, an operation past several limits or also invalid', async () => {
    // Past the aliases and the root fields limits at once.
    const aliasedRoots = `{ ${[1, 2, 3, 4].map((i) => `s${i}: subject(code: "${a}") { name }`).join(' ')} }`;
    expect(await post(enforcing.url, aliasedRoots)).toEqual(refused('MAX_ALIASES_LIMIT', 'Aliases limit of 3 exceeded, found 4.'));
    // Past the directives limit, and repeating a non-repeatable directive (a validation error of its own).
    const repeated = `{ __typename @skip(if: false) @skip(if: false) @skip(if: false) }`;
    expect(await post(enforcing.url, repeated)).toEqual(refused('MAX_DIRECTIVES_LIMIT', 'Directives limit of 2 exceeded, found 3.'));
    // An invalid operation within every limit keeps all its validation errors.
    const invalid = await post(enforcing.url, `{ nothing also }`);
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.map((e) => (e.extensions as { code: string }).code)).toEqual(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses more directives than CG_MAX_DIRECTIVES with MAX_DIRECTIVES_LIMIT', async () => {
    expect(await post(enforcing.url, DIRECTED)).toEqual(refused('MAX_DIRECTIVES_LIMIT', 'Directives limit of 2 exceeded, found 3.'));
  });

  it('refuses a document over CG_MAX_TOKENS with MAX_TOKENS_LIMIT', async () => {
    expect(await post(enforcing.url, MANY_TOKENS)).toEqual(refused('MAX_TOKENS_LIMIT', 'The document has more than 80 tokens, the limit'));
  });

  it('stops lexing at the token limit: a long document that is not even valid is refused for its tokens', async () => {
    expect(await post(enforcing.url, `{ ${'a '.repeat(1_500)}`)).toEqual(refused('MAX_TOKENS_LIMIT', 'The document has more than 80 tokens, the limit'));
  });

  it('counts subject codes across fields and aliases after variables are coerced (MAX_SUBJECTS_LIMIT)', async () => {
    const response = await post(enforcing.url, `query($x: ID!, $many: [ID!]!) { one: subject(code: $x) { name } subjects(codes: $many) { name } }`, { x: a, many: [b, c, d] });
    expect(response).toEqual(refused('MAX_SUBJECTS_LIMIT', 'Subjects limit of 3 per operation exceeded, found 4.', { limit: 3, found: 4 }));
  });

  it('counts the subject codes of a variable default as if they had been sent', async () => {
    const response = await post(enforcing.url, `query($many: [ID!]! = ["${a}", "${b}", "${c}", "${d}"]) { subjects(codes: $many) { name } }`);
    expect(response).toEqual(refused('MAX_SUBJECTS_LIMIT', 'Subjects limit of 3 per operation exceeded, found 4.', { limit: 3, found: 4 }));
  });

  it('answers up to CG_MAX_SUBJECTS_PER_OPERATION subject codes', async () => {
    const response = await post(enforcing.url, `query($many: [ID!]!) { subjects(codes: $many) { code } }`, { many: [a, b, c] });
    expect(response).toEqual({ status: 200, body: { data: { subjects: [{ code: a }, { code: b }, { code: c }] } } });
  });

  it('refuses an operation whose estimated cost is over CG_COST_MAX with COST_ESTIMATED_TOO_EXPENSIVE', async () => {
    // @cost 10 on searchOrganizations, then 100 nodes and 100 edges of one node each: 10 + 100 + 200.
    expect(await post(enforcing.url, EXPENSIVE)).toEqual(
      refused('COST_ESTIMATED_TOO_EXPENSIVE', 'The estimated cost of the operation, 310, is over the budget of 200.', { cost: 310, limit: 200 }),
    );
  });

  it('prices a page by the `first` it asks for', async () => {
    const response = await post(enforcing.url, `{ searchOrganizations(query: "${group.name}", first: 100) { nodes { code } } }`);
    expect(response).toEqual({ status: 200, body: { data: { searchOrganizations: { nodes: [{ code: group.code }] } } } });
  });

  it('decides one operation text anew for each shape of its variables: the demand kept for one shape never answers for another', async () => {
    const subjects = `query($many: [ID!]!) { subjects(codes: $many) { code } }`;
    const page = `query($q: String!, $n: Int!) { searchOrganizations(query: $q, first: $n) { nodes { code } edges { node { code } } } }`;
    // Three codes, then four, then three other codes: the count, not the codes, decides.
    expect(await post(enforcing.url, subjects, { many: [a, b, c] })).toEqual({ status: 200, body: { data: { subjects: [{ code: a }, { code: b }, { code: c }] } } });
    expect(await post(enforcing.url, subjects, { many: [a, b, c, d] })).toEqual(refused('MAX_SUBJECTS_LIMIT', 'Subjects limit of 3 per operation exceeded, found 4.', { limit: 3, found: 4 }));
    expect(await post(enforcing.url, subjects, { many: [d, c, b] })).toEqual({ status: 200, body: { data: { subjects: [{ code: d }, { code: c }, { code: b }] } } });
    // A page of 10 costs 10 + 10 + 20; a page of 100 costs 310, over the budget; the small page again after it.
    const small = { status: 200, body: { data: { searchOrganizations: { nodes: [{ code: group.code }], edges: [{ node: { code: group.code } }] } } } };
    expect(await post(enforcing.url, page, { q: group.name, n: 10 })).toEqual(small);
    expect(await post(enforcing.url, page, { q: group.name, n: 100 })).toEqual(
      refused('COST_ESTIMATED_TOO_EXPENSIVE', 'The estimated cost of the operation, 310, is over the budget of 200.', { cost: 310, limit: 200 }),
    );
    expect(await post(enforcing.url, page, { q: `${group.name}`, n: 10 })).toEqual(small);
  });

  it('refuses a body over CG_MAX_REQUEST_BYTES with 413', async () => {
    const response = await post(enforcing.url, `{ subject(code: "${a}") { name } }`, { pad: 'x'.repeat(5_000) });
    expect(response).toEqual({ status: 413, body: { errors: [{ message: 'Request body is too large', extensions: { code: 'BAD_REQUEST' } }] } });
  });

  it('refuses a batch of operations', async () => {
    const response = await testFetch(`${enforcing.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 400,
      body: { errors: [{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }] },
    });
  });
});

describe('operation limits in warn mode (CG_LIMITS_MODE=warn, CG_COST_MODE=measure)', () => {
  it('serves an operation with more aliases than the limit', async () => {
    expect(await post(warning.url, ALIASED.replace(a, group.code))).toEqual({
      status: 200,
      body: { data: { subject: { n1: group.name, n2: group.name, n3: group.name, n4: group.name } } },
    });
  });

  it('serves a document over the token limit', async () => {
    const response = await post(warning.url, `{ subject(code: "${group.code}") { ${'name '.repeat(80)} } }`);
    expect(response).toEqual({ status: 200, body: { data: { subject: { name: group.name } } } });
  });

  it('serves more subject codes than the limit', async () => {
    const response = await post(warning.url, `query($many: [ID!]!) { subjects(codes: $many) { code } }`, { many: [a, b, c, d] });
    expect(response).toEqual({ status: 200, body: { data: { subjects: [{ code: a }, { code: b }, { code: c }, { code: d }] } } });
  });

  it('serves an operation over the cost budget and only measures it', async () => {
    expect(await post(warning.url, EXPENSIVE)).toEqual({
      status: 200,
      body: { data: { searchOrganizations: { nodes: [{ code: group.code }], edges: [{ node: { code: group.code } }] } } },
    });
  });
});
