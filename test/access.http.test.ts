import type { FastifyInstance } from 'fastify';
import { subjectAt } from '../shared/generator/subjects';
import { usccCheckCharacter } from '../shared/identifiers';
import { randomUUID, generateKeyPairSync } from 'node:crypto';
import { ContextSigner, CONTEXT_HEADER, GRANTS_EXTENSION, GRAPHQL_ROUTE } from '../shared/auth/context';
import { principalFromClaims, type TokenClaims } from '../shared/auth/tokens';
import { startSubgraphs, startGateway, urlOverrides, post, callerHeaders, REGULATOR, DEMO_BANK_CALLER, type RunningGraph, testFetch } from './support/graph';
import { TEST_DATASET, TEST_SIGNER } from './support/stores';
import { DEMO_BANK } from '../subgraphs/access/dataset';

/**
 * Subject-scoped permissions through the gateway, as each caller meets them: the subject's consents,
 * special applications, the subject acting as itself, and the inquiry record every disclosure above
 * PUBLIC leaves behind.
 */

let graph: RunningGraph;
let gateway: { app: FastifyInstance; url: string };
const group = subjectAt(TEST_DATASET.seed, 0);
const firm = subjectAt(TEST_DATASET.seed, 1);
const third = subjectAt(TEST_DATASET.seed, 5);

const BANK = DEMO_BANK_CALLER;
const BUREAU: TokenClaims = {
  kind: 'CREDIT_SERVICE',
  org: '91110000717825966F',
  staff: 'analyst-1',
  grants: ['finance:RESTRICTED', 'access.application:SHARED'],
  purposes: ['CREDIT_RATING'],
};
const itself = (code: string): TokenClaims => ({ kind: 'SUBJECT', org: code, subject: code, grants: [], purposes: ['SELF_QUERY'] });

const SUMMARY = `query($code: ID!) { subject(code: $code) { finance { summary { accountCount } } } }`;
const ASSETS = `query($code: ID!) { subject(code: $code) { finance { assets { totalCount } } } }`;
const GRANT = `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id subject organization purpose categories inForce } }`;
const REVOKE = `mutation($subject: ID!, $id: ID!) { revokeConsent(subject: $subject, id: $id) { id inForce } }`;
const APPLY = `mutation($input: SpecialApplicationInput!) { applyForSpecialAccess(input: $input) { id subject organization status inForce } }`;
const APPROVE = `mutation($id: ID!) { approveSpecialApplication(id: $id, note: "case 2026-17") { id status decidedBy inForce } }`;
const REVOKE_APPLICATION = `mutation($id: ID!) { revokeSpecialApplication(id: $id, note: "case closed") { id status inForce } }`;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

const denied = (path: Array<string | number>, category: string, level: string, reason: string, serviceName: string) => ({
  message: 'Unauthorized field or type',
  path,
  extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', category, level, reason, serviceName },
});
const NO_CONSENT = (purpose: string) => `requires the subject's authorization for finance.credit (purpose ${purpose}), and none is in force`;
const NO_APPLICATION = 'requires an approved special application for this subject and finance.assets, in force';

/** Rows in a table of the access store. */
async function accessRows(table: string): Promise<number> {
  const [row] = await graph.stores.access.db(table).count<{ n: string }[]>({ n: '*' });
  return Number(row?.n);
}

beforeAll(async () => {
  graph = await startSubgraphs();
  gateway = await startGateway(urlOverrides(graph.subgraphUrls));
});

afterAll(async () => {
  await gateway.app.close();
  await graph.close();
});

describe("consents: a subject's authorization of one organization", () => {
  it('lets a bank the subject authorized see its credit records, for the authorized purpose only', async () => {
    const allowed = await post(gateway.url, SUMMARY, { code: group.code }, await callerHeaders(BANK, 'LOAN_APPROVAL'));
    expect(allowed.body).toEqual({ data: { subject: { finance: { summary: { accountCount: 4 } } } } });

    const otherPurpose = await post(gateway.url, SUMMARY, { code: group.code }, await callerHeaders(BANK, 'POST_LOAN_MANAGEMENT'));
    expect(otherPurpose.body).toEqual({
      data: { subject: { finance: { summary: null } } },
      errors: [denied(['subject', 'finance', 'summary'], 'finance.credit', 'RESTRICTED', NO_CONSENT('POST_LOAN_MANAGEMENT'), 'finance')],
    });
  });

  it('decides each subject of a batch on its own consents', async () => {
    const response = await post(
      gateway.url,
      `query($codes: [ID!]!) { subjects(codes: $codes) { code finance { summary { accountCount } } } }`,
      { codes: [group.code, firm.code] },
      await callerHeaders(BANK, 'LOAN_APPROVAL'),
    );
    expect(response.body).toEqual({
      data: { subjects: [{ code: group.code, finance: { summary: { accountCount: 4 } } }, { code: firm.code, finance: { summary: null } }] },
      errors: [denied(['subjects', 1, 'finance', 'summary'], 'finance.credit', 'RESTRICTED', NO_CONSENT('LOAN_APPROVAL'), 'finance')],
    });
  });

  it('cannot be stretched over another subject by aliases', async () => {
    const response = await post(
      gateway.url,
      `query($a: ID!, $b: ID!) { mine: subject(code: $a) { finance { summary { accountCount } } } theirs: subject(code: $b) { finance { s2: summary { accountCount } } } }`,
      { a: group.code, b: firm.code },
      await callerHeaders(BANK, 'LOAN_APPROVAL'),
    );
    expect(response.body).toEqual({
      data: { mine: { finance: { summary: { accountCount: 4 } } }, theirs: { finance: { s2: null } } },
      errors: [denied(['theirs', 'finance', 's2'], 'finance.credit', 'RESTRICTED', NO_CONSENT('LOAN_APPROVAL'), 'finance')],
    });
  });

  it('is granted by the subject itself, works at once, and stops working the moment it is revoked', async () => {
    const before = await post(gateway.url, SUMMARY, { code: firm.code }, await callerHeaders(BUREAU, 'CREDIT_RATING'));
    expect(before.body.errors).toEqual([denied(['subject', 'finance', 'summary'], 'finance.credit', 'RESTRICTED', NO_CONSENT('CREDIT_RATING'), 'finance')]);

    const granted = await post(
      gateway.url,
      GRANT,
      { input: { subject: firm.code, organization: BUREAU.org, purpose: 'CREDIT_RATING', categories: ['finance.credit'], validUntil: inDays(30) } },
      await callerHeaders(itself(firm.code), 'SELF_QUERY'),
    );
    const consent = (granted.body.data as { grantConsent: { id: string } }).grantConsent;
    expect(granted.body).toEqual({
      data: { grantConsent: { id: consent.id, subject: firm.code, organization: BUREAU.org, purpose: 'CREDIT_RATING', categories: ['finance.credit'], inForce: true } },
    });

    const during = await post(gateway.url, SUMMARY, { code: firm.code }, await callerHeaders(BUREAU, 'CREDIT_RATING'));
    expect(during.body).toEqual({ data: { subject: { finance: { summary: expect.objectContaining({ accountCount: expect.any(Number) }) } } } });

    const revoked = await post(gateway.url, REVOKE, { subject: firm.code, id: consent.id }, await callerHeaders(itself(firm.code), 'SELF_QUERY'));
    expect(revoked.body).toEqual({ data: { revokeConsent: { id: consent.id, inForce: false } } });

    const after = await post(gateway.url, SUMMARY, { code: firm.code }, await callerHeaders(BUREAU, 'CREDIT_RATING'));
    expect(after.body).toEqual(before.body);

    const again = await post(gateway.url, REVOKE, { subject: firm.code, id: consent.id }, await callerHeaders(itself(firm.code), 'SELF_QUERY'));
    expect(again.body).toEqual({ data: null, errors: [expect.objectContaining({ message: `Consent ${consent.id} was already revoked`, path: ['revokeConsent'], extensions: { code: 'CONFLICT', serviceName: 'access' } })] });
  });

  it("carries a whole batch's consents to the subgraphs, however many there are", async () => {
    const lender = `91440300MA5F0LEND${usccCheckCharacter('91440300MA5F0LEND')}`;
    // registry:SHARED: the batch holds natural persons, whom only a caller who may see persons' identity sees.
    const claims: TokenClaims = { kind: 'CREDIT_SERVICE', org: lender, grants: ['finance:RESTRICTED', 'registry:SHARED'], purposes: ['GUARANTEE_REVIEW'] };
    const codes = Array.from({ length: TEST_DATASET.subjects }, (_, i) => subjectAt(TEST_DATASET.seed, i).code);
    // Three consents in force per subject: their grants are far larger than any header may be.
    const rows = codes.flatMap((code) =>
      ['finance.credit', 'finance', 'finance.credit'].map((category) => ({
        subject_code: code,
        organization: lender,
        purpose: 'GUARANTEE_REVIEW',
        categories: [category, 'finance.judicial'],
        valid_from: new Date(Date.now() - 86_400_000),
        valid_until: new Date(Date.now() + 30 * 86_400_000),
      })),
    );
    await graph.stores.access.db('consents').insert(rows);
    const response = await post(gateway.url, `query($codes: [ID!]!) { subjects(codes: $codes) { code finance { summary { accountCount } } } }`, { codes }, await callerHeaders(claims, 'GUARANTEE_REVIEW'));
    expect(response.body.errors).toBeUndefined();
    const subjects = (response.body.data as { subjects: Array<{ code: string; finance: { summary: { accountCount: number } | null } }> }).subjects;
    expect(subjects.map((s) => s.code)).toEqual(codes);
    expect(subjects.every((s) => typeof s.finance.summary?.accountCount === 'number')).toBe(true);
  });

  it('authorizes nothing once it has expired', async () => {
    await graph.stores.access.db('consents').insert({
      subject_code: third.code,
      organization: BUREAU.org,
      purpose: 'CREDIT_RATING',
      categories: ['finance.credit'],
      valid_from: new Date(Date.now() - 30 * 86_400_000),
      valid_until: new Date(Date.now() - 1_000),
    });
    const response = await post(gateway.url, SUMMARY, { code: third.code }, await callerHeaders(BUREAU, 'CREDIT_RATING'));
    expect(response.body).toEqual({
      data: { subject: { finance: { summary: null } } },
      errors: [denied(['subject', 'finance', 'summary'], 'finance.credit', 'RESTRICTED', NO_CONSENT('CREDIT_RATING'), 'finance')],
    });
  });

  it('can be granted or withdrawn only by the subject itself', async () => {
    const input = { subject: firm.code, organization: BUREAU.org, purpose: 'CREDIT_RATING', categories: ['finance.credit'], validUntil: inDays(30) };
    const byBank = await post(gateway.url, GRANT, { input }, await callerHeaders(BANK, 'LOAN_APPROVAL'));
    expect(byBank.body).toEqual({
      data: null,
      errors: [
        {
          message: 'Unauthorized field or type',
          path: ['grantConsent'],
          extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'access.consent', level: 'RESTRICTED', reason: 'requires RESTRICTED access to access.consent; the caller holds no grant for it' },
        },
      ],
    });
    const records = () => accessRows('inquiry_records');
    const before = await records();
    const byRegulator = await post(gateway.url, GRANT, { input }, await callerHeaders(REGULATOR, 'SUPERVISION'));
    expect(byRegulator.body).toEqual({
      data: null,
      errors: [{ message: 'Only the subject itself may authorize queries of its records', path: ['grantConsent'], extensions: { code: 'FORBIDDEN', serviceName: 'access' } }],
    });
    // A refused mutation disclosed nothing, so it leaves no inquiry record.
    expect(await records()).toBe(before);
    const byAnotherSubject = await post(gateway.url, GRANT, { input }, await callerHeaders(itself(group.code), 'SELF_QUERY'));
    expect(byAnotherSubject.body.errors).toEqual([
      expect.objectContaining({ path: ['grantConsent'], extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'access.consent' }) }),
    ]);
  });

  it('refuses a malformed consent with the argument that is wrong, and stores nothing', async () => {
    const count = () => accessRows('consents');
    const before = await count();
    const self = await callerHeaders(itself(firm.code), 'SELF_QUERY');
    const base = { subject: firm.code, organization: BUREAU.org, purpose: 'CREDIT_RATING', categories: ['finance.credit'], validUntil: inDays(30) };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ organization: '91110000717825966X' }, 'input.organization'],
      [{ categories: ['finance.nothing'] }, 'input.categories'],
      [{ categories: ['access.consent'] }, 'input.categories'],
      [{ validUntil: inDays(-1) }, 'input.validUntil'],
      [{ purpose: 'SELF_QUERY' }, 'input.purpose'],
    ];
    for (const [change, argumentName] of cases) {
      const response = await post(gateway.url, GRANT, { input: { ...base, ...change } }, self);
      expect(response.body).toEqual({
        data: null,
        errors: [{ message: expect.any(String), path: ['grantConsent'], extensions: { code: 'BAD_USER_INPUT', argumentName, serviceName: 'access' } }],
      });
    }
    expect(await count()).toBe(before);
  });
});

describe('special applications', () => {
  const input = { subject: group.code, purpose: 'LOAN_APPROVAL', categories: ['finance.assets'], reason: 'Collateral review for loan 2026-17 (CIR Art. 20)', validUntil: inDays(30) };

  it('serve special data only once approved by another organization, and stop at once when revoked', async () => {
    const bank = await callerHeaders(BANK, 'LOAN_APPROVAL');
    const regulator = await callerHeaders(REGULATOR, 'SUPERVISION');
    const withheld = {
      data: { subject: { finance: { assets: null } } },
      errors: [denied(['subject', 'finance', 'assets'], 'finance.assets', 'SPECIAL', NO_APPLICATION, 'finance')],
    };
    expect((await post(gateway.url, ASSETS, { code: group.code }, bank)).body).toEqual(withheld);

    const applied = await post(gateway.url, APPLY, { input }, bank);
    const id = (applied.body.data as { applyForSpecialAccess: { id: string } }).applyForSpecialAccess.id;
    expect(applied.body).toEqual({ data: { applyForSpecialAccess: { id, subject: group.code, organization: BANK.org, status: 'PENDING', inForce: false } } });
    expect((await post(gateway.url, ASSETS, { code: group.code }, bank)).body).toEqual(withheld);

    const selfApproved = await post(gateway.url, APPROVE, { id }, bank);
    expect(selfApproved.body.errors).toEqual([
      expect.objectContaining({ path: ['approveSpecialApplication'], extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'access.approval' }) }),
    ]);

    const approved = await post(gateway.url, APPROVE, { id }, regulator);
    expect(approved.body).toEqual({ data: { approveSpecialApplication: { id, status: 'APPROVED', decidedBy: REGULATOR.org, inForce: true } } });
    expect((await post(gateway.url, ASSETS, { code: group.code }, bank)).body).toEqual({ data: { subject: { finance: { assets: { totalCount: 3 } } } } });
    // For this subject only, and for the purpose applied for only.
    expect((await post(gateway.url, ASSETS, { code: firm.code }, bank)).body.errors).toHaveLength(1);
    expect((await post(gateway.url, ASSETS, { code: group.code }, await callerHeaders(BANK, 'POST_LOAN_MANAGEMENT'))).body).toEqual(withheld);

    const twice = await post(gateway.url, APPROVE, { id }, regulator);
    expect(twice.body).toEqual({
      data: null,
      errors: [{ message: `Special application ${id} is APPROVED; only a PENDING application can become APPROVED`, path: ['approveSpecialApplication'], extensions: { code: 'CONFLICT', serviceName: 'access' } }],
    });

    const revoked = await post(gateway.url, REVOKE_APPLICATION, { id }, regulator);
    expect(revoked.body).toEqual({ data: { revokeSpecialApplication: { id, status: 'REVOKED', inForce: false } } });
    expect((await post(gateway.url, ASSETS, { code: group.code }, bank)).body).toEqual(withheld);
  });

  it('stop working once their term ends, and a rejected one can no longer be approved', async () => {
    const bank = await callerHeaders(BANK, 'LOAN_APPROVAL');
    const regulator = await callerHeaders(REGULATOR, 'SUPERVISION');
    await graph.stores.access.db('special_applications').insert({
      subject_code: third.code,
      organization: BANK.org,
      purpose: 'LOAN_APPROVAL',
      categories: ['finance.assets'],
      reason: 'Collateral review, ended',
      requested_until: new Date(Date.now() - 1_000),
      status: 'APPROVED',
      decided_at: new Date(Date.now() - 86_400_000),
      decided_by: REGULATOR.org,
      valid_until: new Date(Date.now() - 1_000),
    });
    expect((await post(gateway.url, ASSETS, { code: third.code }, bank)).body).toEqual({
      data: { subject: { finance: { assets: null } } },
      errors: [denied(['subject', 'finance', 'assets'], 'finance.assets', 'SPECIAL', NO_APPLICATION, 'finance')],
    });

    const applied = await post(gateway.url, APPLY, { input: { ...input, subject: third.code } }, bank);
    const id = (applied.body.data as { applyForSpecialAccess: { id: string } }).applyForSpecialAccess.id;
    const rejected = await post(gateway.url, `mutation($id: ID!) { rejectSpecialApplication(id: $id, note: "no case number") { status inForce } }`, { id }, regulator);
    expect(rejected.body).toEqual({ data: { rejectSpecialApplication: { status: 'REJECTED', inForce: false } } });
    expect((await post(gateway.url, APPROVE, { id }, regulator)).body).toEqual({
      data: null,
      errors: [{ message: `Special application ${id} is REJECTED; only a PENDING application can become APPROVED`, path: ['approveSpecialApplication'], extensions: { code: 'CONFLICT', serviceName: 'access' } }],
    });
  });

  it('are not served to a statutory inquirer without one', async () => {
    const response = await post(gateway.url, ASSETS, { code: group.code }, await callerHeaders(REGULATOR, 'SUPERVISION'));
    expect(response.body).toEqual({
      data: { subject: { finance: { assets: null } } },
      errors: [denied(['subject', 'finance', 'assets'], 'finance.assets', 'SPECIAL', NO_APPLICATION, 'finance')],
    });
  });

  it('may be made only for a purpose the applicant holds, for at most 90 days', async () => {
    const bank = await callerHeaders(BANK, 'LOAN_APPROVAL');
    const purpose = await post(gateway.url, APPLY, { input: { ...input, purpose: 'JUDICIAL' } }, bank);
    expect(purpose.body).toEqual({
      data: null,
      errors: [{ message: "Purpose JUDICIAL is not among the caller's purposes (LOAN_APPROVAL, POST_LOAN_MANAGEMENT)", path: ['applyForSpecialAccess'], extensions: { code: 'PURPOSE_NOT_ALLOWED', serviceName: 'access' } }],
    });
    const tooLong = await post(gateway.url, APPLY, { input: { ...input, validUntil: inDays(120) } }, bank);
    expect(tooLong.body).toEqual({
      data: null,
      errors: [{ message: '`validUntil` must be in the next 90 days', path: ['applyForSpecialAccess'], extensions: { code: 'BAD_USER_INPUT', argumentName: 'input.validUntil', serviceName: 'access' } }],
    });
  });
});

describe('clinical data', () => {
  const physician = subjectAt(TEST_DATASET.seed, 3);
  const CLINICAL = `query($code: ID!) { subject(code: $code) { healthcare { clinicalRecords { totalCount } } } }`;

  it('is served to the person itself, and to a regulator only under an approved special application', async () => {
    const own = await post(gateway.url, CLINICAL, { code: physician.code }, await callerHeaders(itself(physician.code), 'SELF_QUERY'));
    expect(own.body).toEqual({ data: { subject: { healthcare: { clinicalRecords: { totalCount: 2 } } } } });

    const regulator = await callerHeaders(REGULATOR, 'SUPERVISION');
    const without = await post(gateway.url, CLINICAL, { code: physician.code }, regulator);
    expect(without.body).toEqual({
      data: { subject: { healthcare: { clinicalRecords: null } } },
      errors: [denied(['subject', 'healthcare', 'clinicalRecords'], 'health.clinical', 'SPECIAL', 'requires an approved special application for this subject and health.clinical, in force', 'healthcare')],
    });
    // A court reaches a natural person at all only with a grant on persons' identity (the subject-type ceiling).
    const judicial: TokenClaims = { kind: 'GOVERNMENT', org: '11110000000029373Q', staff: 'judge-4', grants: ['access.application:SHARED', 'registry.identity:SHARED'], purposes: ['JUDICIAL'] };
    const applied = await post(
      gateway.url,
      APPLY,
      { input: { subject: physician.code, purpose: 'JUDICIAL', categories: ['health.clinical'], reason: 'Medical-insurance fraud case (2026) Jing 0108 Xing Chu 17', validUntil: inDays(10) } },
      await callerHeaders(judicial, 'JUDICIAL'),
    );
    const id = (applied.body.data as { applyForSpecialAccess: { id: string } }).applyForSpecialAccess.id;
    await post(gateway.url, APPROVE, { id }, regulator);
    expect((await post(gateway.url, CLINICAL, { code: physician.code }, await callerHeaders(judicial, 'JUDICIAL'))).body).toEqual({
      data: { subject: { healthcare: { clinicalRecords: { totalCount: 2 } } } },
    });
  });

  it('never reaches a credit service body: it cannot apply for it, and the gateway removes it', async () => {
    const applied = await post(
      gateway.url,
      APPLY,
      { input: { subject: physician.code, purpose: 'LOAN_APPROVAL', categories: ['health.clinical'], reason: 'Underwriting a medical loan for the applicant', validUntil: inDays(10) } },
      await callerHeaders(BANK, 'LOAN_APPROVAL'),
    );
    expect(applied.body).toEqual({
      data: null,
      errors: [{ message: 'health.clinical is never disclosed to credit service bodies, whatever the application', path: ['applyForSpecialAccess'], extensions: { code: 'FORBIDDEN', serviceName: 'access' } }],
    });
    const response = await post(gateway.url, CLINICAL, { code: physician.code }, await callerHeaders(BANK, 'LOAN_APPROVAL'));
    // Removed before planning; nothing is left of the operation, so no subgraph is asked at all.
    expect(response.body).toEqual({
      data: null,
      errors: [
        {
          message: 'Unauthorized field or type',
          path: ['subject', 'healthcare', 'clinicalRecords'],
          extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'health.clinical', level: 'SPECIAL', reason: 'health.clinical is never disclosed to credit service bodies' },
        },
      ],
    });
  });
});

describe('a subject acting as itself', () => {
  it('sees all of its own records, restricted and special included, and nothing more of others than the public', async () => {
    const self = await callerHeaders(itself(group.code), 'SELF_QUERY');
    const own = await post(gateway.url, `query($code: ID!) { subject(code: $code) { finance { summary { accountCount } assets { totalCount } } } }`, { code: group.code }, self);
    expect(own.body).toEqual({ data: { subject: { finance: { summary: { accountCount: 4 }, assets: { totalCount: 3 } } } } });

    const other = await post(gateway.url, SUMMARY, { code: firm.code }, self);
    expect(other.body).toEqual({
      data: { subject: { finance: { summary: null } } },
      errors: [denied(['subject', 'finance', 'summary'], 'finance.credit', 'RESTRICTED', 'requires RESTRICTED access to finance.credit; the caller holds no grant for it', 'finance')],
    });
  });
});

describe('inquiry records', () => {
  const OWN_RECORDS = `query($code: ID!) { subject(code: $code) { inquiryRecords(first: 50) { nodes { requestId organization staff purpose principalKind subjects fields disclosures { subject field basis reference } } } } }`;
  type Records = { subject: { inquiryRecords: { nodes: Array<{ organization: string; purpose: string; subjects: string[]; fields: string[]; disclosures: Array<{ basis: string; reference: string | null }> }> } } };

  it('record who saw what of a subject, on which basis, and show it to the subject', async () => {
    const bank = await callerHeaders(BANK, 'LOAN_APPROVAL');
    // A batch over two subjects: each subject's record shows only what concerns it.
    await post(gateway.url, `query($codes: [ID!]!) { subjects(codes: $codes) { finance { summary { accountCount } } } }`, { codes: [group.code, firm.code] }, bank);
    const seen = await post(gateway.url, OWN_RECORDS, { code: group.code }, await callerHeaders(itself(group.code), 'SELF_QUERY'));
    const records = (seen.body.data as Records).subject.inquiryRecords.nodes;
    const consent = await graph.stores.access.db('consents').where({ subject_code: group.code, organization: DEMO_BANK }).first<{ id: string }>('id');
    expect(records).toContainEqual({
      requestId: expect.any(String),
      organization: DEMO_BANK,
      staff: 'loan-officer-3',
      purpose: 'LOAN_APPROVAL',
      principalKind: 'CREDIT_SERVICE',
      subjects: [group.code],
      fields: ['CreditSummary.accountCount', 'FinanceProfile.summary'],
      disclosures: [
        { subject: group.code, field: 'FinanceProfile.summary', basis: 'consent', reference: consent?.id },
        { subject: group.code, field: 'CreditSummary.accountCount', basis: 'consent', reference: consent?.id },
      ],
    });
  });

  it('record what the Mercurius subgraph disclosed as well', async () => {
    const analyst: TokenClaims = { kind: 'CREDIT_SERVICE', org: BUREAU.org, staff: 'analyst-2', grants: ['ecommerce:SHARED'], purposes: ['CREDIT_RATING'] };
    const response = await post(gateway.url, `query($code: ID!) { subject(code: $code) { ecommerce { platformMeasures { totalCount } } } }`, { code: group.code }, await callerHeaders(analyst, 'CREDIT_RATING'));
    expect(response.body).toEqual({ data: { subject: { ecommerce: { platformMeasures: { totalCount: expect.any(Number) } } } } });
    const row = await graph.stores.access.db('inquiry_records').where({ staff: 'analyst-2' }).first();
    expect(row).toEqual(
      expect.objectContaining({
        principal_kind: 'CREDIT_SERVICE',
        organization: BUREAU.org,
        purpose: 'CREDIT_RATING',
        subject_codes: [group.code],
        categories: ['ecommerce.platform'],
        fields: ['EcommerceProfile.platformMeasures'],
        disclosures: [{ subject: group.code, field: 'EcommerceProfile.platformMeasures', category: 'ecommerce.platform', level: 'SHARED', basis: 'grant' }],
      }),
    );
  });

  it("record that a natural person is registered, whatever the answer selects of it, `__typename` alone included", async () => {
    const person = subjectAt(TEST_DATASET.seed, 3);
    const court: TokenClaims = { kind: 'GOVERNMENT', org: '11100000000000021P', staff: 'clerk-9', grants: ['registry:SHARED'], purposes: ['JUDICIAL'] };
    const headers = await callerHeaders(court, 'JUDICIAL');
    const rows = () => graph.stores.access.db('inquiry_records').where({ staff: 'clerk-9' }).orderBy('id').select('subject_codes', 'fields', 'disclosures');
    const identity = { subject: person.code, field: 'Subject.code', category: 'registry.identity', level: 'SHARED', basis: 'grant' };
    for (const query of [
      `query($code: ID!) { subject(code: $code) { __typename } }`,
      `query($codes: [ID!]!) { subjects(codes: $codes) { __typename } }`,
    ]) {
      const before = (await rows()).length;
      const response = await post(gateway.url, query, { code: person.code, codes: [person.code] }, headers);
      expect(response.body.errors).toBeUndefined();
      expect(JSON.stringify(response.body.data)).toContain('"__typename":"Subject"');
      const written = await rows();
      expect(written).toHaveLength(before + 1);
      expect(written.at(-1)).toEqual({ subject_codes: [person.code], fields: ['Subject.code'], disclosures: [identity] });
    }
    // An unknown code discloses nothing, and leaves nothing.
    const before = (await rows()).length;
    const unknown = await post(gateway.url, `query($code: ID!) { subject(code: $code) { __typename } }`, { code: '110105198001011238' }, headers);
    expect(unknown.body).toEqual({ data: { subject: null } });
    expect(await rows()).toHaveLength(before);
  });

  it('are written only for disclosures above PUBLIC', async () => {
    const count = () => accessRows('inquiry_records');
    const before = await count();
    await post(gateway.url, `query($code: ID!) { subject(code: $code) { name finance { courtJudgments { totalCount } } } }`, { code: group.code });
    expect(await count()).toBe(before);
    await post(gateway.url, SUMMARY, { code: group.code }, await callerHeaders(REGULATOR, 'SUPERVISION'));
    expect(await count()).toBe(before + 1);
  });

  it('are all readable by a regulator, and by no credit service body', async () => {
    await post(gateway.url, SUMMARY, { code: group.code }, await callerHeaders(BANK, 'LOAN_APPROVAL'));
    const query = `query($org: ID!) { inquiryRecords(filter: { organization: $org }, first: 5) { totalCount nodes { organization purpose } } }`;
    const byRegulator = await post(gateway.url, query, { org: DEMO_BANK }, await callerHeaders(REGULATOR, 'SUPERVISION'));
    const page = (byRegulator.body.data as { inquiryRecords: { totalCount: number; nodes: Array<{ organization: string }> } }).inquiryRecords;
    expect(page.totalCount).toBeGreaterThan(0);
    expect(new Set(page.nodes.map((n) => n.organization))).toEqual(new Set([DEMO_BANK]));

    const byBank = await post(gateway.url, query, { org: DEMO_BANK }, await callerHeaders(BANK, 'LOAN_APPROVAL'));
    expect(byBank.body).toEqual({
      data: null,
      errors: [
        {
          message: 'Unauthorized field or type',
          path: ['inquiryRecords'],
          extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'access.inquiry', level: 'RESTRICTED', reason: 'requires RESTRICTED access to access.inquiry; the caller holds no grant for it' },
        },
      ],
    });
  });

  it('cannot be altered or deleted, through the graph or in the store', async () => {
    const mutations = await post(gateway.url, `{ __type(name: "Mutation") { fields { name } } }`);
    const names = (mutations.body.data as { __type: { fields: Array<{ name: string }> } }).__type.fields.map((f) => f.name);
    expect(names.filter((n) => /inquiry/i.test(n))).toEqual([]);
    await expect(graph.stores.access.db('inquiry_records').update({ organization: 'X' })).rejects.toThrow(/inquiry records cannot be altered or deleted/);
    await expect(graph.stores.access.db('inquiry_records').delete()).rejects.toThrow(/inquiry records cannot be altered or deleted/);
    await expect(graph.stores.access.db.raw('truncate inquiry_records')).rejects.toThrow(/inquiry records cannot be altered or deleted/);
  });
});

describe('when the access subgraph is down', () => {
  let cut: { app: FastifyInstance; url: string };
  beforeAll(async () => {
    cut = await startGateway(urlOverrides({ ...graph.subgraphUrls, access: 'http://127.0.0.1:9/graphql' }));
  });
  afterAll(async () => {
    await cut.app.close();
  });

  it('withholds all data of a request whose inquiry record cannot be written', async () => {
    const response = await post(cut.url, SUMMARY, { code: group.code }, await callerHeaders(REGULATOR, 'SUPERVISION'));
    expect(response).toEqual({
      status: 503,
      body: {
        errors: [
          {
            message: 'The inquiry record of this request could not be written, so its data is withheld; retry later',
            extensions: { code: 'INQUIRY_RECORD_UNAVAILABLE' },
          },
        ],
      },
    });
  });

  it('assumes no consent, says so, and still serves public data', async () => {
    const response = await post(cut.url, `query($code: ID!) { subject(code: $code) { name finance { summary { accountCount } } } }`, { code: group.code }, await callerHeaders(BANK, 'LOAN_APPROVAL'));
    expect(response.body).toEqual({
      data: { subject: { name: group.name, finance: { summary: null } } },
      errors: [
        denied(
          ['subject', 'finance', 'summary'],
          'finance.credit',
          'RESTRICTED',
          `${NO_CONSENT('LOAN_APPROVAL')} (the subject's authorizations could not be loaded, so none is assumed)`,
          'finance',
        ),
      ],
    });
  });
});

describe('bypassing the gateway', () => {
  const ENTITY_SUMMARY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Subject { code finance { summary { accountCount } } } } }`;
  const consentOf = (subject: string) => ({
    id: '00000000-0000-4000-8000-000000000001',
    subject,
    organization: DEMO_BANK,
    purpose: 'LOAN_APPROVAL',
    categories: ['finance'],
    validFrom: new Date(0),
    validUntil: new Date(Date.now() + 86_400_000),
    revokedAt: null,
  });
  const attacker = new ContextSigner(String(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' })), 10);
  async function askFinance(forSubject: string, grants: { requestId: string; subject: string; signer?: ContextSigner }, contextRequestId = grants.requestId) {
    const principal = principalFromClaims({ ...BANK, sub: BANK.staff, staff: undefined });
    const token = await (grants.signer ?? TEST_SIGNER).signGrants('finance', grants.requestId, { [grants.subject]: { consents: [consentOf(grants.subject)], applications: [] } }, false);
    const body = { query: ENTITY_SUMMARY, variables: { r: [{ __typename: 'Subject', code: forSubject }] }, extensions: { [GRANTS_EXTENSION]: token } };
    const header = await TEST_SIGNER.sign({ principal, purpose: 'LOAN_APPROVAL', requestId: contextRequestId }, { audience: 'finance', route: GRAPHQL_ROUTE, body });
    const response = await graph.subgraphs.finance.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: header },
      payload: JSON.stringify(body),
    });
    return { status: response.statusCode, body: response.json() };
  }

  it("cannot carry one subject's consent over to another: grants are signed per subject", async () => {
    const requestId = randomUUID();
    expect((await askFinance(group.code, { requestId, subject: group.code })).body).toEqual({
      data: { _entities: [{ code: group.code, finance: { summary: { accountCount: 4 } } }] },
      extensions: { disclosures: expect.any(Array) },
    });
    expect(await askFinance(firm.code, { requestId, subject: group.code })).toEqual({
      status: 200,
      body: {
        data: { _entities: [{ code: firm.code, finance: { summary: null } }] },
        errors: [
          {
            message: 'Unauthorized field or type',
            locations: [{ line: 1, column: 88 }],
            path: ['_entities', 0, 'finance', 'summary'],
            extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'finance.credit', level: 'RESTRICTED', reason: NO_CONSENT('LOAN_APPROVAL') },
          },
        ],
      },
    });
  });

  it('refuses grants signed with another key, or lifted from another request', async () => {
    const refused = (message: string) => ({ status: 401, body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] } });
    expect(await askFinance(group.code, { requestId: randomUUID(), subject: group.code, signer: attacker })).toEqual(
      refused('the signed subject grants are not valid'),
    );
    expect(await askFinance(group.code, { requestId: randomUUID(), subject: group.code }, randomUUID())).toEqual(refused('the signed subject grants belong to another request'));
  });

  it('cannot call the access routes that only the gateway may call', async () => {
    const response = await graph.subgraphs.access.inject({ method: 'POST', url: '/internal/inquiry-records', headers: { 'content-type': 'application/json' }, payload: '{"records":[]}' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ errors: [{ message: 'subgraphs answer only the gateway: the signed request context is missing', extensions: { code: 'UNAUTHENTICATED' } }] });
  });
});

describe('bypassing the gateway, through the gateway', () => {
  it('does not expose _entities, so no representation can reach a subgraph unplanned', async () => {
    const response = await post(
      gateway.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Subject { finance { summary { accountCount } } } } }`,
      { r: [{ __typename: 'Subject', code: group.code }] },
      await callerHeaders(BANK, 'LOAN_APPROVAL'),
    );
    expect(response).toEqual({
      status: 400,
      body: {
        errors: [
          { message: 'Unknown type "_Any".', locations: [{ line: 1, column: 12 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
          { message: 'Cannot query field "_entities" on type "Query".', locations: [{ line: 1, column: 23 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
        ],
      },
    });
  });

  it('refuses batched operations, so one request cannot carry another past the purpose check', async () => {
    const response = await testFetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await callerHeaders(BANK, 'LOAN_APPROVAL')) },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: SUMMARY, variables: { code: firm.code } }]),
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 400,
      body: { errors: [{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }] },
    });
  });
});
