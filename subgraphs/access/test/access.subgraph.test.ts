import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { accessSubgraph } from '../server';
import { DEMO_BANK } from '../dataset';
import { openTestStore, testDeps, TEST_DATASET, TEST_SIGNER } from '../../../test/support/stores';
import { entities, inject, REGULATOR_PRINCIPAL } from '../../../test/support/graphql';
import { subjectAt } from '../../../shared/generator/subjects';
import { CONTEXT_HEADER, INQUIRY_RECORD_USE, type Caller } from '../../../shared/auth/context';
import { principalFromClaims } from '../../../shared/auth/tokens';
import { PUBLIC_PRINCIPAL, type Principal } from '../../../shared/policy/principal';
import type { Store } from '../../../shared/store';

/** The access subgraph on its own: the routes only the gateway calls, and its paged lists. */

let store: Store;
let app: FastifyInstance;
const group = subjectAt(TEST_DATASET.seed, 0);
const bank = principalFromClaims({ kind: 'CREDIT_SERVICE', org: DEMO_BANK, grants: ['finance:RESTRICTED'], purposes: ['LOAN_APPROVAL', 'POST_LOAN_MANAGEMENT'] });

beforeAll(async () => {
  store = await openTestStore(accessSubgraph);
  app = await accessSubgraph.buildServer(testDeps(store));
});

afterAll(async () => {
  await app.close();
  await store.close();
});

/** A record's own context, as the gateway signs it: for that record's disclosures. */
const recordContext = (caller: Caller, disclosures: unknown) => TEST_SIGNER.sign(caller, { audience: 'access', route: INQUIRY_RECORD_USE, body: disclosures });

async function internal(route: string, body: unknown, principal: Principal, purpose: string | null, requestId?: string) {
  const header = await TEST_SIGNER.sign({ principal, purpose, ...(requestId ? { requestId } : {}) }, { audience: 'access', route: `/internal/${route}`, body });
  const response = await app.inject({
    method: 'POST',
    url: `/internal/${route}`,
    headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: header },
    payload: JSON.stringify(body),
  });
  return { status: response.statusCode, body: response.json() };
}

describe('access: the grants the gateway signs into each fetch', () => {
  it("answers the consents in force for the caller's organization and purpose, per subject asked about", async () => {
    const consent = await store.db('consents').where({ subject_code: group.code, organization: DEMO_BANK }).first();
    const response = await internal('subject-grants', { subjects: [group.code, subjectAt(TEST_DATASET.seed, 1).code] }, bank, 'LOAN_APPROVAL');
    expect(response).toEqual({
      status: 200,
      body: {
        subjects: {
          [group.code]: {
            consents: [
              {
                id: consent.id,
                subject: group.code,
                organization: DEMO_BANK,
                purpose: 'LOAN_APPROVAL',
                categories: ['finance.credit'],
                validFrom: new Date(consent.valid_from as string).toISOString(),
                validUntil: new Date(consent.valid_until as string).toISOString(),
                revokedAt: null,
              },
            ],
            applications: [],
          },
        },
      },
    });
  });

  it('answers nothing for another purpose, or for a caller without an organization', async () => {
    expect(await internal('subject-grants', { subjects: [group.code] }, bank, 'POST_LOAN_MANAGEMENT')).toEqual({ status: 200, body: { subjects: {} } });
    expect(await internal('subject-grants', { subjects: [group.code] }, PUBLIC_PRINCIPAL, null)).toEqual({ status: 200, body: { subjects: {} } });
  });

  it('refuses a malformed lookup', async () => {
    expect(await internal('subject-grants', { subjects: 'all' }, bank, 'LOAN_APPROVAL')).toEqual({
      status: 400,
      body: { errors: [{ message: '`subjects` must be a list of at most 1000 subject codes', extensions: { code: 'BAD_REQUEST' } }] },
    });
  });
});

/** Posts inquiry records as the gateway does: each with its own request's signed context. */
async function record(entries: Array<{ principal: Principal; purpose: string | null; requestId?: string; disclosures: unknown }>, extra: Record<string, unknown> = {}) {
  const records = await Promise.all(
    entries.map(async (e) => ({
      context: await recordContext({ principal: e.principal, purpose: e.purpose, ...(e.requestId ? { requestId: e.requestId } : {}) }, e.disclosures),
      disclosures: e.disclosures,
      ...extra,
    })),
  );
  return internal('inquiry-records', { records }, PUBLIC_PRINCIPAL, null);
}

describe('access: inquiry records written by the gateway', () => {
  const disclosure = { subject: group.code, field: 'FinanceProfile.summary', category: 'finance.credit', level: 'RESTRICTED', basis: 'statutory' };
  const idOf = async (requestId: string) => String((await store.db('inquiry_records').where({ request_id: requestId }).first()).id);

  it('writes one record per request, however often the gateway retries it', async () => {
    const requestId = randomUUID();
    const entry = { principal: REGULATOR_PRINCIPAL, purpose: 'SUPERVISION', requestId, disclosures: [disclosure] };
    const first = await record([entry]);
    const retry = await record([entry]);
    expect(first).toEqual({ status: 200, body: { results: [{ id: await idOf(requestId) }] } });
    expect(retry).toEqual(first);
    const rows = await store.db('inquiry_records').where({ request_id: requestId });
    expect(rows).toEqual([
      expect.objectContaining({
        principal_kind: 'REGULATOR',
        organization: REGULATOR_PRINCIPAL.organization,
        purpose: 'SUPERVISION',
        subject_codes: [group.code],
        categories: ['finance.credit'],
        fields: ['FinanceProfile.summary'],
        disclosures: [disclosure],
      }),
    ]);
  });

  it('never reports as written another record under a request id already used', async () => {
    const requestId = randomUUID();
    await record([{ principal: REGULATOR_PRINCIPAL, purpose: 'SUPERVISION', requestId, disclosures: [disclosure] }]);
    const other = await record([{ principal: REGULATOR_PRINCIPAL, purpose: 'SUPERVISION', requestId, disclosures: [{ ...disclosure, field: 'FinanceProfile.guarantees' }] }]);
    expect(other).toEqual({
      status: 200,
      body: { results: [{ error: { code: 'CONFLICT', message: 'another inquiry record was already written under this request id' } }] },
    });
    expect((await store.db('inquiry_records').where({ request_id: requestId })).map((r) => r.fields)).toEqual([['FinanceProfile.summary']]);
  });

  it("takes who asked from each record's own signed context, never from the body", async () => {
    const requestId = randomUUID();
    await record([{ principal: bank, purpose: 'LOAN_APPROVAL', requestId, disclosures: [disclosure] }], { organization: 'SOMEONE-ELSE', principalKind: 'PUBLIC' });
    const row = await store.db('inquiry_records').where({ request_id: requestId }).first();
    expect({ kind: row.principal_kind, organization: row.organization }).toEqual({ kind: 'CREDIT_SERVICE', organization: DEMO_BANK });
  });

  it('stores a subject code in its one normal form, so the subject sees the record', async () => {
    const requestId = randomUUID();
    await record([{ principal: REGULATOR_PRINCIPAL, purpose: 'SUPERVISION', requestId, disclosures: [{ ...disclosure, subject: ` ${group.code.toLowerCase()} ` }] }]);
    const row = await store.db('inquiry_records').where({ request_id: requestId }).first();
    expect({ subjects: row.subject_codes, disclosures: row.disclosures }).toEqual({ subjects: [group.code], disclosures: [disclosure] });
  });

  it('writes the records of several requests in one call, in order, each with its own outcome', async () => {
    const [a, b, c, d, e] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const sign = (principal: Principal, purpose: string, requestId: string, disclosures: unknown) => recordContext({ principal, purpose, requestId }, disclosures);
    const mixed = await internal(
      'inquiry-records',
      {
        records: [
          { context: await sign(bank, 'LOAN_APPROVAL', a, [disclosure]), disclosures: [disclosure] },
          { context: 'not-a-context', disclosures: [disclosure] },
          { context: await sign(REGULATOR_PRINCIPAL, 'SUPERVISION', b, [{ ...disclosure, subject: 'NOT-A-CODE' }]), disclosures: [{ ...disclosure, subject: 'NOT-A-CODE' }] },
          // Signed for other disclosures than it carries: a context is good for one body only.
          { context: await sign(REGULATOR_PRINCIPAL, 'SUPERVISION', c, [disclosure]), disclosures: [{ ...disclosure, field: 'FinanceProfile.guarantees' }] },
          { context: await sign(REGULATOR_PRINCIPAL, 'SUPERVISION', d, [{ ...disclosure, field: 'x\u0000y' }]), disclosures: [{ ...disclosure, field: 'x\u0000y' }] },
          { context: await sign(REGULATOR_PRINCIPAL, 'SUPERVISION', e, [disclosure]), disclosures: [disclosure] },
        ],
      },
      PUBLIC_PRINCIPAL,
      null,
    );
    expect(mixed).toEqual({
      status: 200,
      body: {
        results: [
          { id: await idOf(a) },
          { error: { code: 'UNAUTHENTICATED', message: 'the signed request context is not valid' } },
          { error: { code: 'BAD_REQUEST', message: 'disclosures[0] is malformed' } },
          { error: { code: 'UNAUTHENTICATED', message: 'the request body is not the one the signed request context was made for' } },
          { error: { code: 'BAD_REQUEST', message: 'disclosures[0] is malformed' } },
          { id: await idOf(e) },
        ],
      },
    });
    expect(await store.db('inquiry_records').whereIn('request_id', [b, c, d])).toEqual([]);
  });

  it('refuses a record without disclosures, or with a malformed one, and writes nothing for it', async () => {
    const before = await store.db('inquiry_records').count<{ n: string }[]>({ n: '*' });
    for (const [disclosures, message] of [
      [[], 'disclosures must be a list of 1 to 20000 disclosures'],
      [[{ ...disclosure, level: 'TOP' }], 'disclosures[0] is malformed'],
      ['x', 'disclosures must be a list of 1 to 20000 disclosures'],
      [[{ ...disclosure, category: 'nowhere' }], 'disclosures[0] is malformed'],
    ] as const) {
      expect(await record([{ principal: REGULATOR_PRINCIPAL, purpose: 'SUPERVISION', disclosures }])).toEqual({
        status: 200,
        body: { results: [{ error: { code: 'BAD_REQUEST', message } }] },
      });
    }
    expect(await internal('inquiry-records', { records: [] }, PUBLIC_PRINCIPAL, null)).toEqual({
      status: 400,
      body: { errors: [{ message: '`records` must be a list of 1 to 500 inquiry records', extensions: { code: 'BAD_REQUEST' } }] },
    });
    expect(await store.db('inquiry_records').count<{ n: string }[]>({ n: '*' })).toEqual(before);
  });
});

describe('access: paged lists', () => {
  it('pages inquiry records newest first by keyset, and refuses a cursor it did not issue', async () => {
    const subject = subjectAt(TEST_DATASET.seed, 7).code;
    for (let i = 0; i < 3; i += 1) {
      await record([{ principal: REGULATOR_PRINCIPAL, purpose: 'SUPERVISION', disclosures: [{ subject, field: `F.f${i}`, category: 'finance.credit', level: 'RESTRICTED', basis: 'statutory' }] }]);
    }
    const query = `query($s: ID!, $after: String) { inquiryRecords(filter: { subject: $s }, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { fields } } }`;
    const first = await inject(app, query, { s: subject });
    const page1 = (first.body.data as { inquiryRecords: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: unknown[] } }).inquiryRecords;
    expect(page1).toEqual({ totalCount: 3, pageInfo: { hasNextPage: true, endCursor: expect.any(String) }, nodes: [{ fields: ['F.f2'] }, { fields: ['F.f1'] }] });
    const second = await inject(app, query, { s: subject, after: page1.pageInfo.endCursor });
    expect(second.body).toEqual({ data: { inquiryRecords: { totalCount: 3, pageInfo: { hasNextPage: false, endCursor: expect.any(String) }, nodes: [{ fields: ['F.f0'] }] } } });

    const forged = await inject(app, query, { s: subject, after: Buffer.from('["2026-01-01",1]').toString('base64url') });
    expect(forged.body).toEqual({
      data: null,
      errors: [
        {
          message: '`after` is not a cursor issued by this list; pass the endCursor of a previous page',
          locations: [{ line: 1, column: 34 }],
          path: ['inquiryRecords'],
          extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
        },
      ],
    });
  });

  describe("a subject's consents, special applications and inquiry records", () => {
    const subjects = [40, 41, 42].map((i) => subjectAt(TEST_DATASET.seed, i).code);
    const LISTS = 'pageInfo { hasNextPage endCursor } totalCount nodes { id }';
    const selection = (args: string) => `consents(${args}) { ${LISTS} } specialApplications(${args}) { ${LISTS} } inquiryRecords(${args}) { ${LISTS} }`;
    type Page = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number; nodes: Array<{ id: string }> };
    type Lists = { code: string; consents: Page; specialApplications: Page; inquiryRecords: Page };
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1 + i, 9, 0, 0, 0));

    beforeAll(async () => {
      for (const [n, subject] of subjects.entries()) {
        // A different length per subject and list, so that a page of one subject cannot pass for another's.
        for (let i = 0; i < 3 + n; i += 1) {
          await store.db('consents').insert({
            subject_code: subject, organization: DEMO_BANK, purpose: 'LOAN_APPROVAL', categories: ['finance.credit'],
            valid_from: at(i), valid_until: at(400), granted_at: at(i),
          });
        }
        for (let i = 0; i < 2 + n; i += 1) {
          await store.db('special_applications').insert({
            subject_code: subject, organization: DEMO_BANK, purpose: 'LOAN_APPROVAL', categories: ['finance.assets'],
            reason: 'A loan secured on the assets', requested_until: at(60), applied_at: at(i),
          });
        }
        for (let i = 0; i < 4 - n; i += 1) {
          await record([{ principal: REGULATOR_PRINCIPAL, purpose: 'SUPERVISION', disclosures: [{ subject, field: `F.f${i}`, category: 'finance.credit', level: 'RESTRICTED', basis: 'statutory' }] }]);
        }
      }
    });

    /** Every row of each subject's list, newest first: what the pages must add up to. */
    async function stored(subject: string) {
      const ids = (rows: Array<{ id: string | number }>) => rows.map((r) => String(r.id));
      return {
        consents: ids(await store.db('consents').where({ subject_code: subject }).orderBy([{ column: 'granted_at', order: 'desc' }, { column: 'id', order: 'desc' }]).select('id')),
        specialApplications: ids(await store.db('special_applications').where({ subject_code: subject }).orderBy([{ column: 'applied_at', order: 'desc' }, { column: 'id', order: 'desc' }]).select('id')),
        inquiryRecords: ids(await store.db('inquiry_records').whereRaw('subject_codes @> array[?]::text[]', [subject]).orderBy([{ column: 'occurred_at', order: 'desc' }, { column: 'id', order: 'desc' }]).select('id')),
      };
    }

    /** Runs `fetch` and returns what it answered and every statement it sent the store. */
    async function counting<T>(fetch: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
      const statements: string[] = [];
      const listener = (query: { sql: string }) => statements.push(query.sql);
      store.db.on('query', listener);
      try {
        return { result: await fetch(), statements };
      } finally {
        store.db.removeListener('query', listener);
      }
    }

    it('reads the pages and counts of every subject of a fetch with one statement per list, each page its subject\'s own', async () => {
      const request = entities(subjects, selection('first: 2'));
      const { result, statements } = await counting(() => inject(app, request.query, request.variables));
      expect(result.body.errors).toBeUndefined();
      const answered = (result.body.data as { _entities: Lists[] })._entities;
      for (const [n, subject] of subjects.entries()) {
        const all = await stored(subject);
        const expected = (ids: string[]) => ({
          pageInfo: { hasNextPage: ids.length > 2, endCursor: expect.any(String) },
          totalCount: ids.length,
          nodes: ids.slice(0, 2).map((id) => ({ id })),
        });
        expect(answered[n]).toEqual({
          code: subject,
          consents: expected(all.consents),
          specialApplications: expected(all.specialApplications),
          inquiryRecords: expected(all.inquiryRecords),
        });
      }
      // Three subjects, three lists: one statement for the pages and one for the counts of each list.
      expect(statements.map((sql) => /from "?(consents|special_applications|inquiry_records)"? t/.exec(sql)?.[1] ?? sql).sort()).toEqual([
        'consents',
        'consents',
        'inquiry_records',
        'inquiry_records',
        'special_applications',
        'special_applications',
      ]);
    });

    it("pages each subject's lists to their end from the cursors they issued", async () => {
      for (const subject of subjects) {
        const all = await stored(subject);
        for (const list of Object.keys(all) as Array<keyof typeof all>) {
          const ids: string[] = [];
          let after: string | null = null;
          do {
            const request = entities([subject], `${list}(first: 2${after ? `, after: "${after}"` : ''}) { ${LISTS} }`);
            const response = await inject(app, request.query, request.variables);
            const page: Page = (response.body.data as { _entities: Array<Record<string, Page>> })._entities[0]![list]!;
            ids.push(...page.nodes.map((node) => node.id));
            after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
          } while (after !== null);
          expect({ list, ids }).toEqual({ list, ids: all[list] });
        }
      }
    });
  });
});
