import type { FastifyInstance } from 'fastify';
import type { Store } from '../../shared/store';
import type { RecordList } from '../../shared/records';
import type { Row } from '../../shared/generator/envelope';
import { subjectAt, usccFor, type SubjectProfile } from '../../shared/generator/subjects';
import type { SubgraphModule } from '../../shared/subgraph/types';
import { openTestStore, countStatements, TEST_DATASET, TEST_LIMITS, testDeps } from './stores';
import { inject, entities, withSpecialApplications } from './graphql';
import { samples } from './metrics';
import { subgraphMetricsOf } from '../../shared/subgraph/metrics';

export interface SectorHarness {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly subjects: readonly SubjectProfile[];
  /** The rows the sector's generator made for a subject, by table. */
  rowsOf(subject: SubjectProfile): Record<string, Row[]>;
}

interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: Array<Record<string, unknown>>;
}

/**
 * The behaviour every sector's record lists share, run against one sector's own server and store:
 * what the sector recorded comes back newest first with its envelope, pages walk every record, a
 * batch of subjects costs one statement per list, and bad paging arguments are refused.
 */
export function describeSectorRecords(
  module: SubgraphModule,
  sectorField: string,
  lists: Readonly<Record<string, RecordList>>,
): SectorHarness {
  let app: FastifyInstance | null = null;
  let store: Store | null = null;
  const harness: SectorHarness = {
    get app() {
      if (!app) throw new Error('the sector server is built in beforeAll');
      return app;
    },
    get store() {
      if (!store) throw new Error('the sector store is opened in beforeAll');
      return store;
    },
    subjects: Array.from({ length: TEST_DATASET.subjects }, (_, i) => subjectAt(TEST_DATASET.seed, i)),
    rowsOf: (subject: SubjectProfile) => module.dataset.rowsFor(subject, TEST_DATASET.seed),
  };

  beforeAll(async () => {
    store = await openTestStore(module);
    app = await module.buildServer(testDeps(store));
  });

  afterAll(async () => {
    await harness.app.close();
    await harness.store.close();
  });

  const fieldsOf = (field: string) => `${field}(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    nodes { id documentNumber decisionDate publicityEndsOn objectionStatus sourceAuthority { name code } } }`;

  async function page(subject: SubjectProfile, field: string, first: number | null, after: string | null): Promise<Connection> {
    const op = entities([subject.code], `${sectorField} { ${fieldsOf(field)} }`);
    const response = await inject(harness.app, op.query.replace('query($r: [_Any!]!)', 'query($r: [_Any!]!, $first: Int, $after: String)'), {
      ...op.variables,
      first,
      after,
    }, await withSpecialApplications([subject.code]));
    expect(response.body.errors).toBeUndefined();
    const data = response.body.data as { _entities: Array<Record<string, Record<string, Connection>>> };
    return data._entities[0]![sectorField]![field]!;
  }

  function firstSubjectWith(table: string): SubjectProfile {
    const found = harness.subjects.find((s) => (harness.rowsOf(s)[table] ?? []).length > 0);
    if (!found) throw new Error(`the test dataset has no ${table} rows; enlarge TEST_DATASET`);
    return found;
  }

  describe(`${module.name}: record lists`, () => {
    it.each(Object.entries(lists))('%s returns what the sector recorded, newest first, with the envelope', async (field, list) => {
      const subject = firstSubjectWith(list.table);
      const rows = harness.rowsOf(subject)[list.table]!;
      const expected = rows
        .map((row, i) => ({ row, i }))
        .sort((a, b) => (a.row.decision_date === b.row.decision_date ? b.i - a.i : String(b.row.decision_date).localeCompare(String(a.row.decision_date))))
        .map(({ row }) => ({
          documentNumber: row.document_number,
          decisionDate: row.decision_date,
          publicityEndsOn: row.publicity_ends_on,
          objectionStatus: 'NONE',
          sourceAuthority: { name: row.authority_name, code: row.authority_code },
        }));
      const connection = await page(subject, field, 100, null);
      expect(connection.totalCount).toBe(rows.length);
      expect(connection.pageInfo).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
      expect(connection.nodes.map(({ id: _id, ...rest }) => rest)).toEqual(expected);
      expect(connection.nodes.every((n) => String(n.id).startsWith(`${list.recordType}:`))).toBe(true);
    });

    it('walks a whole list one record per page', async () => {
      const [field, list] = Object.entries(lists).reduce((best, entry) =>
        (harness.rowsOf(firstSubjectWith(entry[1].table))[entry[1].table]?.length ?? 0) >
        (harness.rowsOf(firstSubjectWith(best[1].table))[best[1].table]?.length ?? 0)
          ? entry
          : best,
      );
      const subject = firstSubjectWith(list.table);
      const all = await page(subject, field, 100, null);
      const walked: unknown[] = [];
      let after: string | null = null;
      for (let i = 0; i <= all.totalCount; i += 1) {
        const one = await page(subject, field, 1, after);
        walked.push(...one.nodes.map((n) => n.id));
        if (!one.pageInfo.hasNextPage) break;
        after = one.pageInfo.endCursor;
      }
      expect(walked).toEqual(all.nodes.map((n) => n.id));
    });

    it('answers empty lists for a subject the sector never recorded', async () => {
      const stranger = usccFor(987_001, '9', '1', '110105');
      const field = Object.keys(lists)[0]!;
      expect(await page({ ...harness.subjects[0]!, code: stranger }, field, null, null)).toEqual({
        totalCount: 0,
        pageInfo: { hasNextPage: false, endCursor: null },
        nodes: [],
      });
    });

    it('loads every list of 50 subjects, pages and counts, with one statement, and the next page of every list with one more', async () => {
      const fields = Object.keys(lists);
      const nodeFields = 'nodes { documentNumber decisionDate sourceAuthority { name code } }';
      const chosen = harness.subjects.slice(0, 50);
      const codes = chosen.map((s) => s.code);
      const headers = await withSpecialApplications(codes);
      const newestFirst = (subject: SubjectProfile, list: RecordList) =>
        (harness.rowsOf(subject)[list.table] ?? [])
          .map((row, i) => ({ row, i }))
          .sort((a, b) => (a.row.decision_date === b.row.decision_date ? b.i - a.i : String(b.row.decision_date).localeCompare(String(a.row.decision_date))))
          .map(({ row }) => ({ documentNumber: row.document_number, decisionDate: row.decision_date, sourceAuthority: { name: row.authority_name, code: row.authority_code } }));
      const metered = async () =>
        samples(await subgraphMetricsOf(harness.app).text())
          // The page statement is a raw one; a scrape's own statements (the overdue objections gauge) are not.
          .filter((s) => s.name === 'credit_graph_subgraph_store_query_duration_seconds_count' && s.labels.method === 'raw')
          .reduce((sum, s) => sum + s.value, 0);

      const op = entities(codes, `${sectorField} { ${fields.map((f) => `${f}(first: 2) { totalCount pageInfo { hasNextPage endCursor } ${nodeFields} }`).join(' ')} }`);
      const before = await metered();
      const { result, statements } = await countStatements(harness.store, () => inject(harness.app, op.query, op.variables, headers));
      expect(statements).toHaveLength(1);
      expect((await metered()) - before).toBe(1);
      expect(result.body).toEqual({
        data: {
          _entities: chosen.map((subject) => ({
            code: subject.code,
            [sectorField]: Object.fromEntries(
              Object.entries(lists).map(([field, list]) => {
                const records = newestFirst(subject, list);
                const connection = {
                  totalCount: records.length,
                  pageInfo: { hasNextPage: records.length > 2, endCursor: records.length > 0 ? expect.any(String) : null },
                  nodes: records.slice(0, 2),
                };
                return [field, connection];
              }),
            ),
          })),
        },
      });

      // The next page of every list of the subject with most records, each after its own cursor, in one statement.
      const entitiesOf = (body: unknown) => (body as { data: { _entities: Array<Record<string, Record<string, Connection>>> } }).data._entities;
      const firstPages = entitiesOf(result.body);
      const richest = chosen.reduce((best, subject) => (fields.filter((f) => firstPages[chosen.indexOf(subject)]![sectorField]![f]!.pageInfo.hasNextPage).length >
        fields.filter((f) => firstPages[chosen.indexOf(best)]![sectorField]![f]!.pageInfo.hasNextPage).length ? subject : best));
      const cursors = firstPages[chosen.indexOf(richest)]![sectorField]!;
      const next = entities([richest.code], `${sectorField} { ${fields.map((f) => `${f}(first: 2, after: $${f}) { totalCount ${nodeFields} }`).join(' ')} }`);
      const declared = next.query.replace('query($r: [_Any!]!)', `query($r: [_Any!]!, ${fields.map((f) => `$${f}: String`).join(', ')})`);
      const variables = { ...next.variables, ...Object.fromEntries(fields.map((f) => [f, cursors[f]!.pageInfo.endCursor])) };
      const second = await countStatements(harness.store, () => inject(harness.app, declared, variables, headers));
      expect(second.statements).toHaveLength(1);
      expect(second.result.body).toEqual({
        data: {
          _entities: [
            {
              code: richest.code,
              [sectorField]: Object.fromEntries(
                Object.entries(lists).map(([field, list]) => {
                  const records = newestFirst(richest, list);
                  return [field, { totalCount: records.length, nodes: cursors[field]!.pageInfo.endCursor === null ? records.slice(0, 2) : records.slice(2, 4) }];
                }),
              ),
            },
          ],
        },
      });
    });

    it('refuses a page size over the limit and a cursor it did not issue', async () => {
      const field = Object.keys(lists)[0]!;
      const op = entities([harness.subjects[0]!.code], `${sectorField} { ${field}(first: ${TEST_LIMITS.pageSizeMax + 1}) { totalCount } }`);
      const tooMany = await inject(harness.app, op.query, op.variables);
      expect(tooMany.body.errors).toEqual([
        expect.objectContaining({
          message: `\`first\` must be between 0 and ${TEST_LIMITS.pageSizeMax}, got ${TEST_LIMITS.pageSizeMax + 1}`,
          path: ['_entities', 0, sectorField, field],
          extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' },
        }),
      ]);
      const forged = Buffer.from(JSON.stringify(['2024-01-01', 'DROP TABLE'])).toString('base64url');
      const op2 = entities([harness.subjects[0]!.code], `${sectorField} { ${field}(after: "${forged}") { totalCount } }`);
      const tampered = await inject(harness.app, op2.query, op2.variables);
      expect(tampered.body.errors).toEqual([
        expect.objectContaining({
          message: '`after` is not a cursor issued by this list; pass the endCursor of a previous page',
          extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
        }),
      ]);
    });
  });

  return harness;
}
