import type { FastifyInstance } from 'fastify';
import type { Store } from '../../../shared/store';
import { subjectAt, usccFor } from '../../../shared/generator/subjects';
import { districtPrefix } from '../../../shared/generator/places';
import { registrySubgraph } from '../server';
import { registryDataset } from '../dataset';
import { openTestStore, countStatements, TEST_DATASET, TEST_LIMITS, testDeps } from '../../../test/support/stores';
import { inject, entities } from '../../../test/support/graphql';
import { countOrganizations } from '../store';
import { SEARCH_COUNT_CAP } from '../resolvers';

let store: Store;
let app: FastifyInstance;
const subjects = Array.from({ length: TEST_DATASET.subjects }, (_, i) => subjectAt(TEST_DATASET.seed, i));
const group = subjects[0]!;
const physician = subjects[3]!;

beforeAll(async () => {
  store = await openTestStore(registrySubgraph);
  app = await registrySubgraph.buildServer(testDeps(store));
});

afterAll(async () => {
  await app.close();
  await store.close();
});

const SUBJECT_FIELDS = `code codeType kind name status establishedOn registeredCapital address industry
  region { code name } legalRepresentative { name }`;

describe('registry: looking a subject up by code', () => {
  it('returns an organization by its Unified Social Credit Code', async () => {
    const response = await inject(app, `query($code: ID!) { subject(code: $code) { ${SUBJECT_FIELDS} } }`, { code: group.code });
    expect(response.body).toEqual({
      data: {
        subject: {
          code: group.code,
          codeType: 'USCC',
          kind: 'LEGAL_PERSON',
          name: group.name,
          status: 'ACTIVE',
          establishedOn: group.establishedOn,
          registeredCapital: `${group.registeredCapital}.00`,
          address: group.address,
          industry: '租赁和商务服务业',
          region: { code: group.division.code, name: districtPrefix(group.division) },
          legalRepresentative: { name: group.legalRepresentative!.name },
        },
      },
    });
  });

  it('returns a natural person by resident ID without address, birth date or representative', async () => {
    const response = await inject(app, `query($code: ID!) { subject(code: $code) { ${SUBJECT_FIELDS} } }`, {
      code: physician.code.toLowerCase(),
    });
    expect(response.body).toEqual({
      data: {
        subject: {
          code: physician.code,
          codeType: 'RESIDENT_ID',
          kind: 'NATURAL_PERSON',
          name: physician.name,
          status: 'ACTIVE',
          establishedOn: null,
          registeredCapital: null,
          address: null,
          industry: null,
          region: { code: physician.division.code, name: districtPrefix(physician.division) },
          legalRepresentative: null,
        },
      },
    });
  });

  it('answers null for a well-formed code nobody holds', async () => {
    const unknown = usccFor(987_654, '9', '1', '310115');
    const response = await inject(app, `{ subject(code: "${unknown}") { code } }`);
    expect(response.body).toEqual({ data: { subject: null } });
  });

  it.each([
    ['9111010500088WXJ4', 'a subject code (Unified Social Credit Code or resident identity number) has 18 characters, got 17'],
    ['9111010500088WXI4C', "not a valid Unified Social Credit Code: character 'I' at position 16 is not in the USCC alphabet (0-9 and A-Y without I, O, S, V, Z)"],
    ['9111010500088WXJ4D', "not a valid Unified Social Credit Code: check character is 'D' but should be 'C'"],
    ['110108195601040004', "not a valid resident identity number: check character is '4' but should be '3'"],
  ])('refuses the malformed code %s with BAD_USER_INPUT saying what is wrong', async (code, reason) => {
    const response = await inject(app, `query($code: ID!) { subject(code: $code) { code } }`, { code });
    expect(response.body).toEqual({
      data: { subject: null },
      errors: [
        {
          message: `Invalid subject code "${code}": ${reason}`,
          locations: [{ line: 1, column: 21 }],
          path: ['subject'],
          extensions: { code: 'BAD_USER_INPUT', argumentName: 'code' },
        },
      ],
    });
  });
});

describe('registry: subjects in a batch', () => {
  it('returns subjects in the order asked, null for unknown codes', async () => {
    const unknown = usccFor(987_655, '9', '1', '110105');
    const codes = [subjects[5]!.code, unknown, subjects[1]!.code];
    const response = await inject(app, `query($codes: [ID!]!) { subjects(codes: $codes) { code name } }`, { codes });
    expect(response.body).toEqual({
      data: { subjects: [{ code: subjects[5]!.code, name: subjects[5]!.name }, null, { code: subjects[1]!.code, name: subjects[1]!.name }] },
    });
  });

  it('refuses more codes than the batch limit', async () => {
    const codes = Array.from({ length: TEST_LIMITS.subjectsBatchMax + 1 }, () => group.code);
    const response = await inject(app, `query($codes: [ID!]!) { subjects(codes: $codes) { code } }`, { codes });
    expect(response.body.data).toBeNull();
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: `At most ${TEST_LIMITS.subjectsBatchMax} codes per request, got ${TEST_LIMITS.subjectsBatchMax + 1}`,
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'codes' },
      }),
    ]);
  });

  it('names the malformed code of a batch by its index', async () => {
    const response = await inject(app, `{ subjects(codes: ["${group.code}", "NOT-A-CODE-AT-ALL!"]) { code } }`);
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: 'Invalid subject code "NOT-A-CODE-AT-ALL!": not a valid Unified Social Credit Code: character \'O\' at position 2 is not in the USCC alphabet (0-9 and A-Y without I, O, S, V, Z)',
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'codes[1]' },
      }),
    ]);
  });

  it('loads 50 subjects, their listings, pages and counts, with one statement', async () => {
    const codes = subjects.slice(0, 50).map((s) => s.code);
    const { result, statements } = await countStatements(store, () =>
      inject(app, `query($codes: [ID!]!) { subjects(codes: $codes) { code abnormalOperationListings { totalCount nodes { reason } } } }`, { codes }),
    );
    expect(result.body.errors).toBeUndefined();
    expect((result.body.data as { subjects: unknown[] }).subjects).toHaveLength(50);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/from "subjects"/);
    expect(statements[0]).toMatch(/from "abnormal_operation_listings"/);
  });

  it('resolves 50 entity references with one statement', async () => {
    const op = entities(subjects.slice(0, 50).map((s) => s.code), 'name');
    const { result, statements } = await countStatements(store, () => inject(app, op.query, op.variables));
    expect((result.body.data as { _entities: Array<{ name: string }> })._entities.map((e) => e.name)).toEqual(
      subjects.slice(0, 50).map((s) => s.name),
    );
    expect(statements).toHaveLength(1);
  });
});

describe('registry: listings', () => {
  it('serves the abnormal-operation and serious-illegal listings the register holds', async () => {
    const rows = registryDataset.rowsFor(group, TEST_DATASET.seed);
    const response = await inject(
      app,
      `query($code: ID!) { subject(code: $code) {
        abnormalOperationListings { totalCount nodes { reason listedOn removedOn documentNumber sourceAuthority { name code } } }
        seriousIllegalListings { totalCount nodes { reason listedOn publicityEndsOn } } } }`,
      { code: group.code },
    );
    const abnormal = rows.abnormal_operation_listings!;
    const serious = rows.serious_illegal_listings!;
    expect(response.body).toEqual({
      data: {
        subject: {
          abnormalOperationListings: {
            totalCount: abnormal.length,
            nodes: abnormal.map((r) => ({
              reason: r.reason,
              listedOn: r.listed_on,
              removedOn: r.removed_on,
              documentNumber: r.document_number,
              sourceAuthority: { name: r.authority_name, code: r.authority_code },
            })),
          },
          seriousIllegalListings: {
            totalCount: serious.length,
            nodes: serious.map((r) => ({ reason: r.reason, listedOn: r.listed_on, publicityEndsOn: r.publicity_ends_on })),
          },
        },
      },
    });
    expect(abnormal.length).toBeGreaterThan(0);
  });
});

describe('registry: searching organizations by name', () => {
  const matching = (query: string) =>
    subjects
      .filter((s) => s.kind !== 'NATURAL_PERSON' && s.name.includes(query))
      .sort((a, b) => (Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)) || (a.code < b.code ? -1 : 1)));

  it('pages through every matching organization in name order, without duplicates', async () => {
    const expected = matching('北京');
    expect(expected.length).toBeGreaterThan(3);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const response = await inject(
        app,
        `query($after: String) { searchOrganizations(query: "北京", first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { code } } }`,
        { after },
      );
      const connection = (response.body.data as { searchOrganizations: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<{ code: string }> } }).searchOrganizations;
      expect(connection.totalCount).toBe(expected.length);
      seen.push(...connection.nodes.map((n) => n.code));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected.map((s) => s.code));
  });

  it('never lists natural persons, even by their exact name', async () => {
    const response = await inject(app, `query($q: String!) { searchOrganizations(query: $q) { totalCount nodes { kind } } }`, { q: physician.name });
    const nodes = (response.body.data as { searchOrganizations: { nodes: Array<{ kind: string }> } }).searchOrganizations.nodes;
    expect(nodes.every((n) => n.kind !== 'NATURAL_PERSON')).toBe(true);
  });

  it('treats LIKE wildcards in the query as plain characters', async () => {
    const response = await inject(app, `{ searchOrganizations(query: "%%") { totalCount nodes { code } } }`);
    expect(response.body).toEqual({ data: { searchOrganizations: { totalCount: 0, nodes: [] } } });
  });

  type SearchPage = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<{ code: string; name: string }> };
  const SEARCH = `query($q: String!, $first: Int, $after: String) {
    searchOrganizations(query: $q, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { code name } }
  }`;
  const search = async (q: string, first?: number, after?: string | null): Promise<SearchPage> => {
    const response = await inject(app, SEARCH, { q, first, after });
    expect(response.body.errors).toBeUndefined();
    return (response.body.data as { searchOrganizations: SearchPage }).searchOrganizations;
  };
  /** Every page of a search, first `size` at a time, as the codes in the order served. */
  const allPages = async (q: string, size: number): Promise<string[]> => {
    const codes: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const connection: SearchPage = await search(q, size, after);
      codes.push(...connection.nodes.map((n) => n.code));
      if (!connection.pageInfo.hasNextPage) return codes;
      after = connection.pageInfo.endCursor;
    }
    throw new Error('more than 100 pages');
  };

  it('finds a two-character term anywhere in a name, not only at its start', async () => {
    const expected = matching('公司');
    expect(expected.some((s) => !s.name.startsWith('公司'))).toBe(true);
    expect(await allPages('公司', 7)).toEqual(expected.map((s) => s.code));
    expect((await search('公司')).totalCount).toBe(expected.length);
  });

  it('finds a longer term by all of its characters, in name order across pages of every size', async () => {
    const term = [...group.name].slice(2, 8).join('');
    const expected = matching(term).map((s) => s.code);
    expect(expected).toContain(group.code);
    for (const size of [1, 2, 100]) expect(await allPages(term, size)).toEqual(expected);
  });

  it('finds an organization by its whole name, and nothing for a name that contains none', async () => {
    const page = await search(group.name);
    expect(page.nodes).toContainEqual({ code: group.code, name: group.name });
    expect(page.nodes.every((n) => n.name.includes(group.name))).toBe(true);
    expect(await search('不存在的名字')).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] });
  });

  it('matches `_`, `%` and `\\` as themselves, never as patterns', async () => {
    const name = [...group.name];
    const underscored = [...name.slice(0, 2), '_', ...name.slice(3)].join('');
    expect(await search(underscored)).toMatchObject({ totalCount: 0, nodes: [] });
    expect(await search(`${name[0]}%${name[2]}`)).toMatchObject({ totalCount: 0, nodes: [] });
    expect(await search('\\\\')).toMatchObject({ totalCount: 0, nodes: [] });
    const code = usccFor(987_656, '9', '1', '310115');
    const odd = '上海100%_\\测试有限公司';
    await store.db('subjects').insert({ code, code_type: 'USCC', kind: 'LEGAL_PERSON', name: odd, status: 'ACTIVE', division_code: '310115', region_name: '上海市浦东新区' });
    try {
      for (const q of ['0%', '%_', '_\\', '\\测']) expect(await search(q)).toMatchObject({ totalCount: 1, nodes: [{ code, name: odd }] });
      expect(await search('1%0')).toMatchObject({ totalCount: 0, nodes: [] });
    } finally {
      await store.db('subjects').where({ code }).delete();
    }
  });

  it('keeps up with the register: a new, a renamed and a removed organization', async () => {
    const code = usccFor(987_655, '9', '1', '110105');
    const before = await search('甲乙丙');
    expect(before.totalCount).toBe(0);
    await store.db('subjects').insert({
      code, code_type: 'USCC', kind: 'LEGAL_PERSON', name: '北京甲乙丙科技有限公司', status: 'ACTIVE',
      division_code: '110105', region_name: '北京市朝阳区',
    });
    try {
      expect((await search('甲乙丙')).nodes).toEqual([{ code, name: '北京甲乙丙科技有限公司' }]);
      expect(await allPages('北京', 100)).toContain(code);
      await store.db('subjects').where({ code }).update({ name: '北京丁戊己科技有限公司' });
      expect((await search('甲乙丙')).nodes).toEqual([]);
      expect((await search('丁戊己')).nodes).toEqual([{ code, name: '北京丁戊己科技有限公司' }]);
    } finally {
      await store.db('subjects').where({ code }).delete();
    }
    expect((await search('丁戊己')).nodes).toEqual([]);
    expect(await allPages('北京', 100)).toEqual(matching('北京').map((s) => s.code));
  });

  it('counts matches exactly up to the cap, and answers the cap beyond it', async () => {
    const expected = matching('有限').length;
    expect(expected).toBeGreaterThan(3);
    expect(await countOrganizations(store.db, '有限', 1_000)).toBe(expected);
    expect(await countOrganizations(store.db, '有限', 3)).toBe(3);
    expect(SEARCH_COUNT_CAP).toBe(10_000);
  });

  it('refuses a one-character query and a tampered cursor', async () => {
    const short = await inject(app, `{ searchOrganizations(query: "京") { totalCount } }`);
    expect(short.body.errors?.[0]).toMatchObject({
      message: '`query` must have at least two characters',
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'query' },
    });
    const tampered = await inject(app, `{ searchOrganizations(query: "北京", after: "bm90LWEtY3Vyc29y") { totalCount } }`);
    expect(tampered.body.errors?.[0]).toMatchObject({
      message: '`after` is not a cursor issued by this list; pass the endCursor of a previous page',
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
    });
  });
});
