import { startSubgraphs, startGateway, urlOverrides, callerHeaders, testFetch, DEMO_BANK_CALLER, REGULATOR, type RunningGraph } from '../support/graph';
import { as, MovableClock, seededSubjects, settingsOn } from '../support/lifeCycle';
import { principalFromClaims, type TokenClaims } from '../../shared/auth/tokens';
import { DEMO_BANK } from '../../subgraphs/access/dataset';

/**
 * The credit report through the gateway, as the subject, a bank it authorized and the public see it:
 * one report operation, each section under the caller's own permissions, every report recorded.
 */

/** The demo group (seeded with records in every sector) as itself. */
const GROUP = '9111010500088WXJ4C';
const GROUP_SELF: TokenClaims = { kind: 'SUBJECT', org: GROUP, subject: GROUP, grants: [], purposes: ['SELF_QUERY'] };
/** The demo bank, with the right to read who queried a subject that authorizes it (the report's inquiry section). */
const BANK: TokenClaims = { ...DEMO_BANK_CALLER, grants: [...DEMO_BANK_CALLER.grants, 'access.inquiry:RESTRICTED'] };
const BANK_NAME = DEMO_BANK_CALLER.name as string;
const UUID = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

const SUMMARY = 'recordsInForce negativeInForce underObjection repaired latestDecisionOn worstState';
const REPORT = `query Report($code: ID!) {
  creditReport(code: $code) {
    id generatedAt requestedBy { kind institution } purpose
    statement { text madeAt }
    selfReports { year used freePerYear freeRemaining charged }
    inquiries { institution date purpose }
    subject {
      code name
      listingSummary { ${SUMMARY} }
      finance { recordSummary { ${SUMMARY} } creditAccounts(first: 1) { totalCount } }
    }
  }
}`;
const SET_STATEMENT = `mutation Set($subject: ID!, $text: String!) { setReportStatement(subject: $subject, text: $text) { text madeAt } }`;
const WITHDRAW_STATEMENT = `mutation Withdraw($subject: ID!) { withdrawReportStatement(subject: $subject) { text madeAt } }`;

const LISTINGS = { recordsInForce: 2, negativeInForce: 2, underObjection: 0, repaired: 0, latestDecisionOn: '2025-07-01', worstState: null };
const denied = (path: readonly string[], category: string, level = 'RESTRICTED') => ({
  message: 'Unauthorized field or type',
  path,
  extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', category, level, reason: expect.any(String) },
});
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('credit report', () => {
  let graph: RunningGraph;
  let gateway: { url: string; app: { close(): Promise<unknown> } };
  const clock = new MovableClock('2026-12-01T02:00:00Z');

  beforeAll(async () => {
    graph = await startSubgraphs({}, { records: settingsOn(clock), only: ['registry', 'access', 'finance'] });
    gateway = await startGateway(urlOverrides(graph.subgraphUrls));
  });

  afterAll(async () => {
    await gateway.app.close();
    await graph.close();
  });

  const reportAs = (claims: TokenClaims | null, purpose?: string, code = GROUP) => as(gateway.url, claims, REPORT, { code }, purpose);
  const reportsOf = (subject: string) => graph.stores.access.db('credit_reports').where({ subject_code: subject }).orderBy('generated_at').orderBy('id');

  describe('the subject itself', () => {
    it('sees every section, its own inquiries left out, and its third report of the year is charged', async () => {
      const first = await reportAs(GROUP_SELF, 'SELF_QUERY');
      const second = await reportAs(GROUP_SELF, 'SELF_QUERY');
      const third = await reportAs(GROUP_SELF, 'SELF_QUERY');
      const report = (used: number, charged: boolean) => ({
        data: {
          creditReport: {
            id: UUID,
            generatedAt: '2026-12-01T02:00:00.000Z',
            requestedBy: { kind: 'SUBJECT', institution: null },
            purpose: 'SELF_QUERY',
            statement: null,
            selfReports: { year: 2026, used, freePerYear: 2, freeRemaining: Math.max(0, 2 - used), charged },
            inquiries: [],
            subject: {
              code: GROUP,
              name: '北京诚昌控股集团有限公司',
              listingSummary: LISTINGS,
              finance: {
                // The finance lists the report shows (special data, the assets, is never counted): the bank's eight.
                recordSummary: { recordsInForce: 8, negativeInForce: 8, underObjection: 0, repaired: 0, latestDecisionOn: '2025-08-17', worstState: 'LOSS' },
                creditAccounts: { totalCount: 4 },
              },
            },
          },
        },
      });
      expect(first.body).toEqual(report(1, false));
      expect(second.body).toEqual(report(2, false));
      expect(third.body).toEqual(report(3, true));
      // One row per report (issued at the same instant of the test's clock: compared in any order).
      const rows = (await reportsOf(GROUP)).map((r: { self: boolean; charged: boolean; requester_kind: string }) => [r.requester_kind, r.self, r.charged]);
      expect(rows.sort()).toEqual([
        ['SUBJECT', true, false],
        ['SUBJECT', true, false],
        ['SUBJECT', true, true],
      ]);
    });

    it('finds its finance summary equal to the total of the finance lists its report shows: its assets (special data) are not counted', async () => {
      const response = await as(
        gateway.url,
        GROUP_SELF,
        `query F($code: ID!) { subject(code: $code) { finance {
          recordSummary { recordsInForce }
          creditAccounts { totalCount } guarantees { totalCount } dishonestDebtorListings { totalCount } courtJudgments { totalCount } assets { totalCount }
        } } }`,
        { code: GROUP },
        'SELF_QUERY',
      );
      expect(response.body).toEqual({
        data: {
          subject: {
            finance: {
              recordSummary: { recordsInForce: 8 }, // 4 + 2 + 1 + 1, never the 3 assets
              creditAccounts: { totalCount: 4 },
              guarantees: { totalCount: 2 },
              dishonestDebtorListings: { totalCount: 1 },
              courtJudgments: { totalCount: 1 },
              assets: { totalCount: 3 },
            },
          },
        },
      });
    });

    it('has two free reports again in the next calendar year, China time', async () => {
      clock.set('2026-12-31T16:30:00Z'); // 2027-01-01 00:30 in Beijing
      try {
        const next = await as(gateway.url, GROUP_SELF, `query R($code: ID!) { creditReport(code: $code) { selfReports { year used freeRemaining charged } } }`, { code: GROUP }, 'SELF_QUERY');
        expect(next.body).toEqual({ data: { creditReport: { selfReports: { year: 2027, used: 1, freeRemaining: 1, charged: false } } } });
      } finally {
        clock.set('2026-12-01T02:00:00Z');
      }
    });
  });

  describe('one request', () => {
    it('issues one report of a subject however often it asks for it: aliases, repeated codes, the root field beside the subject field', async () => {
      const before = (await reportsOf(GROUP)).length;
      const aliases = Array.from({ length: 10 }, (_, i) => `r${i + 1}: creditReport { id selfReports { used charged } }`).join(' ');
      const response = await as(
        gateway.url,
        GROUP_SELF,
        `query Many($code: ID!, $codes: [ID!]!) { creditReport(code: $code) { id selfReports { used charged } } subjects(codes: $codes) { ${aliases} } }`,
        { code: GROUP, codes: Array.from({ length: 31 }, () => GROUP) },
        'SELF_QUERY',
      );
      // The subject's fourth report of 2026 (three above), once: every alias of every copy is that report.
      const { id } = (response.body as { data: { creditReport: { id: string } } }).data.creditReport;
      const report = { id, selfReports: { used: 4, charged: true } };
      expect(report.id).toEqual(UUID);
      const copy = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`r${i + 1}`, report]));
      expect(response.body).toEqual({ data: { creditReport: report, subjects: Array.from({ length: 31 }, () => copy) } });
      expect((await reportsOf(GROUP)).length).toBe(before + 1);
    });
  });

  describe('a bank the subject authorized', () => {
    beforeAll(async () => {
      const granted = await as(
        gateway.url,
        GROUP_SELF,
        `mutation Grant($input: GrantConsentInput!) { grantConsent(input: $input) { inForce } }`,
        { input: { subject: GROUP, organization: DEMO_BANK, purpose: 'LOAN_APPROVAL', categories: ['finance.credit', 'access.inquiry'], validUntil: '2099-01-01T00:00:00Z' } },
        'SELF_QUERY',
      );
      expect(granted.body).toEqual({ data: { grantConsent: { inForce: true } } });
    });

    it("gets a bank's report: the credit accounts it is authorized for, who queried by name, never the subject's own allowance", async () => {
      await reportAs(BANK, 'LOAN_APPROVAL');
      const inquiriesBefore = await graph.stores.access.db('inquiry_records').count<{ n: string }[]>({ n: '*' });
      const response = await reportAs(BANK, 'LOAN_APPROVAL');
      expect(response.body).toEqual({
        errors: [denied(['creditReport', 'selfReports'], 'report.self')],
        data: {
          creditReport: {
            id: UUID,
            generatedAt: '2026-12-01T02:00:00.000Z',
            requestedBy: { kind: 'CREDIT_SERVICE', institution: BANK_NAME },
            purpose: 'LOAN_APPROVAL',
            statement: null,
            selfReports: null,
            // The bank's first report, by name; the subject's own reports are not inquiries.
            inquiries: [{ institution: BANK_NAME, date: chinaToday(), purpose: 'LOAN_APPROVAL' }],
            subject: {
              code: GROUP,
              name: '北京诚昌控股集团有限公司',
              listingSummary: LISTINGS,
              finance: {
                recordSummary: { recordsInForce: 8, negativeInForce: 8, underObjection: 0, repaired: 0, latestDecisionOn: '2025-08-17', worstState: 'LOSS' },
                creditAccounts: { totalCount: 4 },
              },
            },
          },
        },
      });
      // The report leaves one inquiry record, naming the bank, and one report row.
      const records = await graph.stores.access.db('inquiry_records').orderBy('id', 'desc');
      expect(records.length).toBe(Number(inquiriesBefore[0]?.n) + 1);
      expect(records[0]).toMatchObject({ principal_kind: 'CREDIT_SERVICE', organization: DEMO_BANK, organization_name: BANK_NAME, purpose: 'LOAN_APPROVAL', subject_codes: [GROUP] });
      expect((await reportsOf(GROUP)).filter((r: { self: boolean }) => !r.self)).toEqual([
        expect.objectContaining({ requester_kind: 'CREDIT_SERVICE', requester_organization: DEMO_BANK, requester_name: BANK_NAME, purpose: 'LOAN_APPROVAL', self: false, charged: false }),
        expect.objectContaining({ requester_kind: 'CREDIT_SERVICE', requester_organization: DEMO_BANK, requester_name: BANK_NAME, purpose: 'LOAN_APPROVAL', self: false, charged: false }),
      ]);
    });

    it('shows an organization whose token names none as 未具名机构, never by its code', async () => {
      const { name: _name, ...unnamed } = BANK;
      await as(gateway.url, unnamed, `query Q($code: ID!) { subject(code: $code) { finance { creditAccounts(first: 1) { totalCount } } } }`, { code: GROUP }, 'LOAN_APPROVAL');
      const response = await as(gateway.url, BANK, `query R($code: ID!) { creditReport(code: $code) { inquiries { institution } } }`, { code: GROUP }, 'LOAN_APPROVAL');
      expect(response.body).toEqual({ data: { creditReport: { inquiries: [{ institution: '未具名机构' }, { institution: BANK_NAME }, { institution: BANK_NAME }] } } });
    });

    it('counts in a summary asked alone what the list shows it: the consent is loaded for the summary too', async () => {
      const alone = await as(gateway.url, BANK, `query S($code: ID!) { subject(code: $code) { finance { recordSummary { recordsInForce worstState } } } }`, { code: GROUP }, 'LOAN_APPROVAL');
      expect(alone.body).toEqual({ data: { subject: { finance: { recordSummary: { recordsInForce: 8, worstState: 'LOSS' } } } } });
    });
  });

  describe('the public', () => {
    it('gets the public report: public records counted, no allowance, no inquiries, no credit accounts', async () => {
      const response = await reportAs(null);
      expect(response.body).toEqual({
        errors: [
          denied(['creditReport', 'selfReports'], 'report.self'),
          denied(['creditReport', 'inquiries'], 'access.inquiry'),
          denied(['creditReport', 'subject', 'finance', 'creditAccounts'], 'finance.credit'),
        ],
        data: {
          creditReport: {
            id: UUID,
            generatedAt: '2026-12-01T02:00:00.000Z',
            requestedBy: { kind: 'PUBLIC', institution: null },
            purpose: null,
            statement: null,
            selfReports: null,
            inquiries: null,
            subject: {
              code: GROUP,
              name: '北京诚昌控股集团有限公司',
              listingSummary: LISTINGS,
              finance: {
                recordSummary: { recordsInForce: 2, negativeInForce: 2, underObjection: 0, repaired: 0, latestDecisionOn: '2025-08-17', worstState: null },
                creditAccounts: null,
              },
            },
          },
        },
      });
    });

    it("gets no report of a natural person, and issues none: a person's report is personal data", async () => {
      const { person } = await seededSubjects(graph.stores.registry);
      const response = await as(gateway.url, null, `query R($code: ID!) { creditReport(code: $code) { id requestedBy { kind } subject { name } } }`, { code: person });
      expect(response.body).toEqual({ data: { creditReport: null } });
      expect(await reportsOf(person)).toEqual([]);
    });

    it("issues a natural person's report to a credit service body whose grants reach report at SHARED, and not to one whose grants do not", async () => {
      const { person } = await seededSubjects(graph.stores.registry);
      const QUERY = `query R($code: ID!) { creditReport(code: $code) { requestedBy { kind institution } subject { code } } }`;
      const without = await as(gateway.url, BANK, QUERY, { code: person }, 'LOAN_APPROVAL');
      expect(without.body).toEqual({ data: { creditReport: null } });
      const licensed = { ...BANK, grants: [...BANK.grants, 'report:SHARED'] };
      const with_ = await as(gateway.url, licensed, QUERY, { code: person }, 'LOAN_APPROVAL');
      expect(with_.body).toEqual({ data: { creditReport: { requestedBy: { kind: 'CREDIT_SERVICE', institution: BANK_NAME }, subject: { code: person } } } });
      expect(await reportsOf(person)).toHaveLength(1);
    });

    it('gets a report without a subject for a code the registry does not know, and BAD_USER_INPUT for a malformed code', async () => {
      const unknown = await as(gateway.url, null, `query R($code: ID!) { creditReport(code: $code) { requestedBy { kind } subject { code name } } }`, { code: '91310000MA1FL0000N' });
      // The registry knows no such subject: the gateway nulls it (and says so in extensions.valueCompletion).
      expect(unknown.body).toMatchObject({ data: { creditReport: { requestedBy: { kind: 'PUBLIC' }, subject: null } } });
      expect(unknown.body.errors).toBeUndefined();
      const malformed = await as(gateway.url, null, `query R($code: ID!) { creditReport(code: $code) { id } }`, { code: '91310000MA1FL0000X' });
      expect(malformed.body).toEqual({
        errors: [expect.objectContaining({ path: ['creditReport'], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'code' }) })],
        data: { creditReport: null },
      });
    });
  });

  describe("the subject's statement on its report", () => {
    const bankSees = async () => (await as(gateway.url, BANK, `query R($code: ID!) { creditReport(code: $code) { statement { text } } }`, { code: GROUP }, 'LOAN_APPROVAL')).body;

    it('is set, replaced and withdrawn by the subject alone, seen by the bank, its history kept', async () => {
      const set = await as(gateway.url, GROUP_SELF, SET_STATEMENT, { subject: GROUP, text: '2024年逾期系疫情停工所致，已全部结清。' }, 'SELF_QUERY');
      expect(set.body).toEqual({ data: { setReportStatement: { text: '2024年逾期系疫情停工所致，已全部结清。', madeAt: '2026-12-01T02:00:00.000Z' } } });
      expect(await bankSees()).toEqual({ data: { creditReport: { statement: { text: '2024年逾期系疫情停工所致，已全部结清。' } } } });

      const replaced = await as(gateway.url, GROUP_SELF, SET_STATEMENT, { subject: GROUP, text: '逾期款项已于2025年3月结清。' }, 'SELF_QUERY');
      expect(replaced.body).toEqual({ data: { setReportStatement: { text: '逾期款项已于2025年3月结清。', madeAt: '2026-12-01T02:00:00.000Z' } } });
      expect(await bankSees()).toEqual({ data: { creditReport: { statement: { text: '逾期款项已于2025年3月结清。' } } } });

      const byBank = await as(gateway.url, BANK, SET_STATEMENT, { subject: GROUP, text: '银行代为声明' }, 'LOAN_APPROVAL');
      expect(byBank.body).toEqual({ errors: [denied(['setReportStatement'], 'recourse.statement')], data: null });
      // Even a statutory power reaches the field, not the subject's voice.
      const byRegulator = await as(gateway.url, REGULATOR, SET_STATEMENT, { subject: GROUP, text: '监管代为声明' }, 'SUPERVISION');
      expect(byRegulator.body).toEqual({
        errors: [expect.objectContaining({ path: ['setReportStatement'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })],
        data: { setReportStatement: null },
      });

      const withdrawn = await as(gateway.url, GROUP_SELF, WITHDRAW_STATEMENT, { subject: GROUP }, 'SELF_QUERY');
      expect(withdrawn.body).toEqual({ data: { withdrawReportStatement: { text: '逾期款项已于2025年3月结清。', madeAt: '2026-12-01T02:00:00.000Z' } } });
      expect(await bankSees()).toEqual({ data: { creditReport: { statement: null } } });
      const again = await as(gateway.url, GROUP_SELF, WITHDRAW_STATEMENT, { subject: GROUP }, 'SELF_QUERY');
      expect(again.body).toEqual({ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })], data: { withdrawReportStatement: null } });

      const history = await graph.stores.access.db('report_statements').where({ subject_code: GROUP }).orderBy('made_at').orderBy('state');
      expect(history.map((r: { text: string; state: string }) => [r.text, r.state])).toEqual([
        ['2024年逾期系疫情停工所致，已全部结清。', 'REPLACED'],
        ['逾期款项已于2025年3月结清。', 'WITHDRAWN'],
      ]);
    });

    it('refuses a statement longer than CG_STATEMENT_MAX_CHARS or with control characters', async () => {
      const long = await as(gateway.url, GROUP_SELF, SET_STATEMENT, { subject: GROUP, text: '长'.repeat(201) }, 'SELF_QUERY');
      expect(long.body).toEqual({
        errors: [expect.objectContaining({ message: '`text` must be at most 200 characters, got 201', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'text' }) })],
        data: { setReportStatement: null },
      });
      const bidi = await as(gateway.url, GROUP_SELF, SET_STATEMENT, { subject: GROUP, text: '声明\u202e反转' }, 'SELF_QUERY');
      expect(bidi.body).toEqual({
        errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'text' }) })],
        data: { setReportStatement: null },
      });
    });
  });

  describe("SELF_QUERY names the subject's own records only", () => {
    const NOT_OWN = "Purpose SELF_QUERY covers only the caller's own records; this report is of another subject";
    const notOwn = (path: ReadonlyArray<string | number>) => ({ message: NOT_OWN, path, extensions: { code: 'PURPOSE_NOT_ALLOWED', serviceName: 'access' } });
    let other: string;
    let person: string;
    const inquiries = async () => Number((await graph.stores.access.db('inquiry_records').count<{ n: string }[]>({ n: '*' }))[0]?.n);
    const allReports = async () => Number((await graph.stores.access.db('credit_reports').count<{ n: string }[]>({ n: '*' }))[0]?.n);
    /** What a request issued and recorded: reports and inquiry records added while it ran. */
    const issuedBy = async (run: () => Promise<unknown>) => {
      const [reports, records] = [await allReports(), await inquiries()];
      const result = await run();
      return { result, reports: (await allReports()) - reports, records: (await inquiries()) - records };
    };

    beforeAll(async () => {
      ({ company: other, person } = await seededSubjects(graph.stores.registry));
    });

    it("refuses the report of another subject's code with PURPOSE_NOT_ALLOWED, issuing and recording nothing", async () => {
      for (const code of [other, person]) {
        const { result, reports, records } = await issuedBy(() => as(gateway.url, GROUP_SELF, 'query R($code: ID!) { creditReport(code: $code) { id purpose } }', { code }, 'SELF_QUERY'));
        expect({ code, body: (result as { body: unknown }).body, reports, records }).toEqual({
          code,
          body: { data: { creditReport: null }, errors: [notOwn(['creditReport'])] },
          reports: 0,
          records: 0,
        });
      }
    });

    it('issues its own report beside a refused one in the same request, and only its own', async () => {
      const { result, reports } = await issuedBy(() =>
        as(gateway.url, GROUP_SELF, 'query S($codes: [ID!]!) { subjects(codes: $codes) { code creditReport { purpose } } }', { codes: [GROUP, other] }, 'SELF_QUERY'),
      );
      expect({ body: (result as { body: unknown }).body, reports }).toEqual({
        body: {
          data: { subjects: [{ code: GROUP, creditReport: { purpose: 'SELF_QUERY' } }, { code: other, creditReport: null }] },
          errors: [notOwn(['subjects', 1, 'creditReport'])],
        },
        reports: 1,
      });
    });

    it('issues no report of another subject reached with no code named (a search)', async () => {
      const { result, reports } = await issuedBy(() =>
        as(gateway.url, GROUP_SELF, '{ searchOrganizations(query: "北京市海淀区人民医院", first: 1) { nodes { code creditReport { id } } } }', {}, 'SELF_QUERY'),
      );
      expect({ body: (result as { body: unknown }).body, reports }).toEqual({
        body: { data: { searchOrganizations: { nodes: [{ code: other, creditReport: null }] } }, errors: [notOwn(['searchOrganizations', 'nodes', 0, 'creditReport'])] },
        reports: 0,
      });
    });

    it.each(['html', 'pdf'])("refuses another subject's report at /reports/<code>.%s with 403, issuing and recording nothing", async (format) => {
      const { result, reports, records } = await issuedBy(async () => {
        const response = await testFetch(`${gateway.url}/reports/${other}.${format}`, { headers: await callerHeaders(GROUP_SELF, 'SELF_QUERY') });
        return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
      });
      expect({ result, reports, records }).toEqual({
        result: { status: 403, type: 'application/json; charset=utf-8', body: { errors: [notOwn(['creditReport'])] } },
        reports: 0,
        records: 0,
      });
    });

    it("reads no more of another subject's profile than the public, and leaves no inquiry record under SELF_QUERY", async () => {
      const profile = 'query S($codes: [ID!]!) { subjects(codes: $codes) { code name finance { creditAccounts { totalCount } } } }';
      const { result, records } = await issuedBy(() => as(gateway.url, GROUP_SELF, profile, { codes: [other] }, 'SELF_QUERY'));
      expect({ body: (result as { body: unknown }).body, records }).toEqual({
        body: {
          data: { subjects: [{ code: other, name: '北京市海淀区人民医院', finance: { creditAccounts: null } }] },
          errors: [
            {
              ...denied(['subjects', 0, 'finance', 'creditAccounts'] as unknown as string[], 'finance.credit'),
              extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'finance.credit', serviceName: 'finance' }),
            },
          ],
        },
        records: 0,
      });
      // Its own profile, asked the same way, is recorded as its own inquiry, naming itself only.
      type Row = { id: string; principal_kind: string; purpose: string; subject_codes: string[] };
      const known = new Set((await graph.stores.access.db('inquiry_records').select<Row[]>('id')).map((r) => r.id));
      await as(gateway.url, GROUP_SELF, profile, { codes: [GROUP] }, 'SELF_QUERY');
      const added = (await graph.stores.access.db('inquiry_records').select<Row[]>('id', 'principal_kind', 'purpose', 'subject_codes')).filter((r) => !known.has(r.id));
      expect(added.map((r) => ({ kind: r.principal_kind, purpose: r.purpose, subjects: r.subject_codes }))).toEqual([{ kind: 'SUBJECT', purpose: 'SELF_QUERY', subjects: [GROUP] }]);
    });
  });
});

describe("an organization's token names its institution", () => {
  const claims = (extra: Record<string, unknown>) => ({ ...DEMO_BANK_CALLER, staff: undefined, sub: DEMO_BANK_CALLER.staff, ...extra });

  it('carries the name of a bank, a department or a regulator to the principal', () => {
    expect(principalFromClaims(claims({})).organizationName).toBe('中国工商银行上海市分行');
    expect(principalFromClaims({ ...REGULATOR }).organizationName).toBe('国家金融监督管理总局');
    expect(principalFromClaims(claims({ name: undefined })).organizationName).toBeUndefined();
  });

  it.each([
    ['a name with a line break', claims({ name: '中国工商银行\n上海' }), 'token claim "name" names the institution: 2 to 100 characters, no control characters, got "中国工商银行?上海"'],
    ['a name of one character', claims({ name: '行' }), 'token claim "name" names the institution: 2 to 100 characters, no control characters, got "行"'],
    ['a name that is no string', claims({ name: 7 }), 'token claim "name" names the institution: 2 to 100 characters, no control characters, got 7'],
    ['a subject naming itself', { ...GROUP_SELF, name: '北京诚昌控股集团有限公司' }, 'a SUBJECT token carries no "name" claim; only GOVERNMENT, CREDIT_SERVICE, REGULATOR and AUTHORITY tokens name their institution'],
  ])('refuses %s', (_what, payload, message) => {
    expect(() => principalFromClaims(payload)).toThrow(message);
  });
});
