import type { FastifyInstance } from 'fastify';
import type { Store } from '../../../shared/store';
import { subjectAt, usccFor } from '../../../shared/generator/subjects';
import { districtPrefix } from '../../../shared/generator/places';
import { registrySubgraph } from '../server';
import { registryDataset } from '../dataset';
import { openTestStore, countStatements, TEST_DATASET, TEST_LIMITS, testDeps } from '../../../test/support/stores';
import { inject, entities } from '../../../test/support/graphql';

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

  it('loads 50 subjects with one statement, and their listings, pages and counts, with one more', async () => {
    const codes = subjects.slice(0, 50).map((s) => s.code);
    const { result, statements } = await countStatements(store, () =>
      inject(app, `query($codes: [ID!]!) { subjects(codes: $codes) { code abnormalOperationListings { totalCount nodes { reason } } } }`, { codes }),
    );
    expect(result.body.errors).toBeUndefined();
    expect((result.body.data as { subjects: unknown[] }).subjects).toHaveLength(50);
    expect(statements.filter((sql) => /from "subjects"/.test(sql))).toHaveLength(1);
    expect(statements).toHaveLength(2);
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
