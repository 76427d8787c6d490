import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { accessSubgraph } from '../server';
import { DEMO_BANK } from '../dataset';
import { openTestStore, testDeps, TEST_DATASET, TEST_SIGNER } from '../../../test/support/stores';
import { inject, REGULATOR_PRINCIPAL } from '../../../test/support/graphql';
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
                validFrom: new Date(consent.valid_from).toISOString(),
                validUntil: new Date(consent.valid_until).toISOString(),
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
});
