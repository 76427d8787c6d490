import { startSubgraphs, startGateway, urlOverrides, REGULATOR, DEMO_BANK_CALLER, type RunningGraph } from '../support/graph';
import { as, BEIJING_BANK, MovableClock, PUDONG_COURT, SHANGHAI_HOUSING, seededSubjects, settingsOn } from '../support/lifeCycle';
import { howToObject } from '../../shared/ingest/resolvers';

// One describe per module: its graph starts just before its tests and stops after them (see sectors.test.ts).
describe('finance life cycle', () => {
  let graph: RunningGraph;
  let gateway: { url: string; app: { close(): Promise<unknown> } };
  const clock = new MovableClock('2026-12-01T02:00:00Z');
  let company: string;

  const SUBMIT_LISTINGS = `mutation Submit($records: [DishonestDebtorListingInput!]!) {
    submitDishonestDebtorListings(records: $records) { recordType received created corrected unchanged withdrawn notices results { line documentNumber outcome id } }
  }`;
  const SUBMIT_ACCOUNTS = `mutation Submit($records: [CreditAccountInput!]!) {
    submitCreditAccounts(records: $records) { recordType received created corrected unchanged withdrawn notices results { line documentNumber outcome } }
  }`;
  const SUBMIT_JUDGMENTS = `mutation Submit($records: [CourtJudgmentInput!]!) {
    submitCourtJudgments(records: $records) { created notices results { line documentNumber outcome } }
  }`;
  const WITHDRAW = `mutation Withdraw($recordType: FinanceRecordType!, $records: [WithdrawRecordInput!]!) {
    withdrawFinanceRecords(recordType: $recordType, records: $records) { withdrawn unchanged notices results { line outcome } }
  }`;
  const LISTINGS = `query Listings($code: ID!) { subject(code: $code) { finance { dishonestDebtorListings(first: 50) { nodes { documentNumber performance publicityEndsOn version change } } } } }`;
  const HISTORY = `query History($code: ID!) { subject(code: $code) { finance { dishonestDebtorListings(first: 50) { nodes { documentNumber version history { version change changeReason performance state recordedBy } } } } } }`;
  const NOTICES = `query Notices($code: ID!) { subject(code: $code) { finance { notices(first: 100) { nodes { documentNumber summary change howToObject } } } } }`;
  const SUMMARY = `query Summary($code: ID!) { subject(code: $code) { finance { summary { accountCount openAccountCount overdueAccountCount totalBalance } } } }`;

  interface Node {
    readonly documentNumber: string;
    readonly [field: string]: unknown;
  }

  function listingsOf(data: unknown): Node[] {
    return (data as { subject: { finance: { dishonestDebtorListings: { nodes: Node[] } } } }).subject.finance.dishonestDebtorListings.nodes;
  }

  function noticesOf(data: unknown, documentNumber: string): Node[] {
    return (data as { subject: { finance: { notices: { nodes: Node[] } } } }).subject.finance.notices.nodes.filter((n) => n.documentNumber === documentNumber);
  }

  const self = () => ({ kind: 'SUBJECT' as const, org: company, subject: company, grants: [], purposes: ['SELF_QUERY'] });

  function listing(documentNumber: string, extra: Record<string, unknown> = {}) {
    return {
      subject: company,
      documentNumber,
      decisionDate: '2026-11-20',
      court: '上海市浦东新区人民法院',
      caseNumber: '（2026）沪0115民初1234号',
      obligation: '支付货款及利息共计人民币 350,000 元',
      performance: 'UNPERFORMED',
      dishonestConduct: '有履行能力而拒不履行生效法律文书确定义务',
      listedOn: '2026-11-20',
      ...extra,
    };
  }

  function account(documentNumber: string, extra: Record<string, unknown> = {}) {
    return {
      subject: company,
      documentNumber,
      decisionDate: '2026-11-30',
      institutionName: '北京银行股份有限公司上海分行',
      accountType: 'LOAN',
      amount: '1000000.00',
      balance: '800000.00',
      classification: 'NORMAL',
      overdueBucket: 'CURRENT',
      openedOn: '2025-01-15',
      dueOn: '2028-01-15',
      repaymentGrid: `#${'N'.repeat(23)}`,
      status: 'OPEN',
      ...extra,
    };
  }

  beforeAll(async () => {
    graph = await startSubgraphs({}, { records: settingsOn(clock), only: ['registry', 'access', 'finance'] });
    gateway = await startGateway(urlOverrides(graph.subgraphUrls));
    ({ company } = await seededSubjects(graph.stores.registry));
  });

  afterAll(async () => {
    await gateway.app.close();
    await graph.close();
  });

  describe('a court lists dishonest judgment debtors through the gateway', () => {
    it('creates a listing once with a notice, then reports the same listing again as unchanged', async () => {
      const first = await as(gateway.url, PUDONG_COURT, SUBMIT_LISTINGS, { records: [listing('（2026）沪0115执1001号')] });
      expect(first.body).toEqual({
        data: {
          submitDishonestDebtorListings: {
            recordType: 'DishonestDebtorListing', received: 1, created: 1, corrected: 0, unchanged: 0, withdrawn: 0, notices: 1,
            results: [{ line: 1, documentNumber: '（2026）沪0115执1001号', outcome: 'CREATED', id: expect.stringMatching(/^DishonestDebtorListing:/) }],
          },
        },
      });
      const again = await as(gateway.url, PUDONG_COURT, SUBMIT_LISTINGS, { records: [listing('（2026）沪0115执1001号')] });
      expect(again.body.data).toEqual({
        submitDishonestDebtorListings: {
          recordType: 'DishonestDebtorListing', received: 1, created: 0, corrected: 0, unchanged: 1, withdrawn: 0, notices: 0,
          results: [{ line: 1, documentNumber: '（2026）沪0115执1001号', outcome: 'UNCHANGED', id: (first.body.data as { submitDishonestDebtorListings: { results: Array<{ id: string }> } }).submitDishonestDebtorListings.results[0]!.id }],
        },
      });
    });

    it('tells the subject of the listing: what, from whom, and how to object; the listing has no fixed publicity end', async () => {
      const mine = await as(gateway.url, self(), NOTICES, { code: company }, 'SELF_QUERY');
      expect(mine.body.errors).toBeUndefined();
      expect(noticesOf(mine.body.data, '（2026）沪0115执1001号')).toEqual([
        {
          documentNumber: '（2026）沪0115执1001号',
          summary: '被上海市浦东新区人民法院列入失信被执行人名单（案号 （2026）沪0115民初1234号，列入日期 2026-11-20）：有履行能力而拒不履行生效法律文书确定义务；履行情况：UNPERFORMED',
          change: 'SUBMITTED',
          howToObject: howToObject({ authority_name: PUDONG_COURT.name, authority_code: PUDONG_COURT.org, document_number: '（2026）沪0115执1001号' }, 'fileFinanceObjection', 20),
        },
      ]);
      const list = await as(gateway.url, null, LISTINGS, { code: company });
      expect(listingsOf(list.body.data).filter((n) => n.documentNumber === '（2026）沪0115执1001号')).toEqual([
        { documentNumber: '（2026）沪0115执1001号', performance: 'UNPERFORMED', publicityEndsOn: null, version: 1, change: 'SUBMITTED' },
      ]);
    });

    it('refuses a batch with bad lines, naming each line and field, and writes none of it', async () => {
      const response = await as(gateway.url, PUDONG_COURT, SUBMIT_LISTINGS, {
        records: [
          listing('（2026）沪0115执1002号'),
          listing('（2026）沪0115执1003号', { obligation: '   ', delistedOn: '2026-11-01' }),
          listing('（2026）沪0115执1004号', { caseNumber: '号'.repeat(81), subject: '91310115591693856B' }),
        ],
      });
      // The refused mutation's own field is null; the report nothing was written is in its error.
      expect(Object.values(response.body.data as object)).toEqual([null]);
      expect(response.body.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({
            code: 'INVALID_RECORDS',
            problemCount: 4,
            problems: [
              { line: 2, field: 'obligation', reason: 'must not be empty' },
              { line: 2, field: 'delistedOn', reason: 'is before listedOn (2026-11-01 < 2026-11-20)' },
              { line: 3, field: 'subject', reason: expect.stringContaining('check character') },
              { line: 3, field: 'caseNumber', reason: 'must be at most 80 characters, got 81' },
            ],
          }),
        }),
      ]);
      const list = await as(gateway.url, REGULATOR, LISTINGS, { code: company }, 'SUPERVISION');
      expect(listingsOf(list.body.data).map((n) => n.documentNumber)).not.toContain('（2026）沪0115执1002号');
    });

    it('corrects a listing into a second version: the subject sees both, a bank with consent only the current one and no history', async () => {
      const corrected = await as(gateway.url, PUDONG_COURT, SUBMIT_LISTINGS, {
        records: [listing('（2026）沪0115执1001号', { performance: 'PARTIALLY_PERFORMED', correctionReason: '被执行人已履行部分款项' })],
      });
      expect(corrected.body.data).toMatchObject({ submitDishonestDebtorListings: { created: 0, corrected: 1, unchanged: 0, notices: 1, results: [{ outcome: 'CORRECTED' }] } });

      const mine = await as(gateway.url, self(), HISTORY, { code: company }, 'SELF_QUERY');
      expect(mine.body.errors).toBeUndefined();
      expect(listingsOf(mine.body.data).filter((n) => n.documentNumber === '（2026）沪0115执1001号')).toEqual([
        {
          documentNumber: '（2026）沪0115执1001号',
          version: 2,
          history: [
            { version: 1, change: 'SUBMITTED', changeReason: null, performance: 'UNPERFORMED', state: 'IN_FORCE', recordedBy: 'clerk-1' },
            { version: 2, change: 'CORRECTED', changeReason: '被执行人已履行部分款项', performance: 'PARTIALLY_PERFORMED', state: 'IN_FORCE', recordedBy: 'clerk-1' },
          ],
        },
      ]);
      const bank = await as(gateway.url, DEMO_BANK_CALLER, LISTINGS, { code: company }, 'LOAN_APPROVAL');
      expect(bank.body.errors).toBeUndefined();
      expect(listingsOf(bank.body.data).filter((n) => n.documentNumber === '（2026）沪0115执1001号')).toEqual([
        { documentNumber: '（2026）沪0115执1001号', performance: 'PARTIALLY_PERFORMED', publicityEndsOn: null, version: 2, change: 'CORRECTED' },
      ]);
      const bankHistory = await as(gateway.url, DEMO_BANK_CALLER, HISTORY, { code: company }, 'LOAN_APPROVAL');
      expect(bankHistory.body.errors?.some((e) => (e.extensions as { category?: string } | undefined)?.category === 'record.history')).toBe(true);
    });

    it('withdraws a listing, which then is served to no one, and withdrawing it again changes nothing', async () => {
      const gone = await as(gateway.url, PUDONG_COURT, WITHDRAW, { recordType: 'DishonestDebtorListing', records: [{ documentNumber: '（2026）沪0115执1001号', reason: '失信决定已撤销' }] });
      expect(gone.body).toEqual({ data: { withdrawFinanceRecords: { withdrawn: 1, unchanged: 0, notices: 1, results: [{ line: 1, outcome: 'WITHDRAWN' }] } } });
      const again = await as(gateway.url, PUDONG_COURT, WITHDRAW, { recordType: 'DishonestDebtorListing', records: [{ documentNumber: '（2026）沪0115执1001号', reason: '重复' }] });
      expect(again.body).toEqual({ data: { withdrawFinanceRecords: { withdrawn: 0, unchanged: 1, notices: 0, results: [{ line: 1, outcome: 'UNCHANGED' }] } } });
      const list = await as(gateway.url, REGULATOR, LISTINGS, { code: company }, 'SUPERVISION');
      expect(listingsOf(list.body.data).map((n) => n.documentNumber)).not.toContain('（2026）沪0115执1001号');
    });

    it('notices a judgment against the subject, not one it brought as plaintiff, and refuses an enforcement case without its status', async () => {
      const judgment = (documentNumber: string, role: string, extra: Record<string, unknown> = {}) => ({
        subject: company, documentNumber, decisionDate: '2026-10-15', court: '上海市浦东新区人民法院', caseNumber: documentNumber,
        caseType: 'CIVIL_JUDGMENT', cause: '买卖合同纠纷', role, amount: '230000.00', outcome: '判决被告支付原告货款及利息', enforcementStatus: 'NOT_APPLICABLE', ...extra,
      });
      const refused = await as(gateway.url, PUDONG_COURT, SUBMIT_JUDGMENTS, { records: [judgment('（2026）沪0115执88号', 'DEFENDANT', { caseType: 'ENFORCEMENT', role: 'RESPONDENT' })] });
      expect(refused.body.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({
            code: 'INVALID_RECORDS',
            problems: [
              { line: 1, field: 'role', reason: 'must be PLAINTIFF or DEFENDANT' },
              { line: 1, field: 'enforcementStatus', reason: 'is NOT_APPLICABLE for an ENFORCEMENT case' },
            ],
          }),
        }),
      ]);
      const submitted = await as(gateway.url, PUDONG_COURT, SUBMIT_JUDGMENTS, { records: [judgment('（2026）沪0115民初501号', 'DEFENDANT'), judgment('（2026）沪0115民初502号', 'PLAINTIFF')] });
      expect(submitted.body).toEqual({
        data: {
          submitCourtJudgments: {
            created: 2, notices: 1,
            results: [
              { line: 1, documentNumber: '（2026）沪0115民初501号', outcome: 'CREATED' },
              { line: 2, documentNumber: '（2026）沪0115民初502号', outcome: 'CREATED' },
            ],
          },
        },
      });
      const mine = await as(gateway.url, self(), NOTICES, { code: company }, 'SELF_QUERY');
      expect(noticesOf(mine.body.data, '（2026）沪0115民初501号').map((n) => n.change)).toEqual(['SUBMITTED']);
      expect(noticesOf(mine.body.data, '（2026）沪0115民初502号')).toEqual([]);
    });

    it('refuses an authority of another sector, and a bank writing court records (FORBIDDEN)', async () => {
      const housing = await as(gateway.url, SHANGHAI_HOUSING, SUBMIT_LISTINGS, { records: [listing('（2026）沪0115执1005号')] });
      // The refused mutation's own field is null; the report nothing was written is in its error.
      expect(Object.values(housing.body.data as object)).toEqual([null]);
      expect(housing.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', category: 'finance.judicial' }) })]);
      const bank = await as(gateway.url, BEIJING_BANK, SUBMIT_LISTINGS, { records: [listing('（2026）沪0115执1006号')] });
      expect(bank.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', category: 'finance.judicial' }) })]);
      const court = await as(gateway.url, PUDONG_COURT, SUBMIT_ACCOUNTS, { records: [account('BJB-0001')] });
      expect(court.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', category: 'finance.credit' }) })]);
    });
  });

  describe('a bank reports credit accounts through the gateway', () => {
    it('notices the subject of an overdue account but not of a normal one, and the summary counts only accounts in force', async () => {
      const summary = async () => {
        const response = await as(gateway.url, self(), SUMMARY, { code: company }, 'SELF_QUERY');
        expect(response.body.errors).toBeUndefined();
        return (response.body.data as { subject: { finance: { summary: { accountCount: number; openAccountCount: number; overdueAccountCount: number; totalBalance: string } } } }).subject.finance.summary;
      };
      const before = await summary();
      const submitted = await as(gateway.url, BEIJING_BANK, SUBMIT_ACCOUNTS, {
        records: [
          account('BJB-2025-0001'),
          account('BJB-2025-0002', { classification: 'SUBSTANDARD', overdueBucket: 'M3', balance: '950000.00', repaymentGrid: `#${'N'.repeat(20)}123` }),
        ],
      });
      expect(submitted.body).toEqual({
        data: {
          submitCreditAccounts: {
            recordType: 'CreditAccount', received: 2, created: 2, corrected: 0, unchanged: 0, withdrawn: 0, notices: 1,
            results: [
              { line: 1, documentNumber: 'BJB-2025-0001', outcome: 'CREATED' },
              { line: 2, documentNumber: 'BJB-2025-0002', outcome: 'CREATED' },
            ],
          },
        },
      });
      const mine = await as(gateway.url, self(), NOTICES, { code: company }, 'SELF_QUERY');
      expect(noticesOf(mine.body.data, 'BJB-2025-0001')).toEqual([]);
      expect(noticesOf(mine.body.data, 'BJB-2025-0002')).toEqual([
        {
          documentNumber: 'BJB-2025-0002',
          summary: '北京银行股份有限公司上海分行报送的LOAN账户（发放日 2025-01-15，金额 1000000.00 元，余额 950000.00 元）：五级分类 SUBSTANDARD，逾期状态 M3，账户状态 OPEN',
          change: 'SUBMITTED',
          howToObject: howToObject({ authority_name: BEIJING_BANK.name, authority_code: BEIJING_BANK.org, document_number: 'BJB-2025-0002' }, 'fileFinanceObjection', 20),
        },
      ]);
      const during = await summary();
      expect(during).toEqual({
        accountCount: before.accountCount + 2,
        openAccountCount: before.openAccountCount + 2,
        overdueAccountCount: before.overdueAccountCount + 1,
        totalBalance: (Number(before.totalBalance) + 1_750_000).toFixed(2),
      });

      const withdrawn = await as(gateway.url, BEIJING_BANK, WITHDRAW, { recordType: 'CreditAccount', records: [{ documentNumber: 'BJB-2025-0002', reason: '误报' }] });
      expect(withdrawn.body.data).toEqual({ withdrawFinanceRecords: { withdrawn: 1, unchanged: 0, notices: 1, results: [{ line: 1, outcome: 'WITHDRAWN' }] } });
      expect(await summary()).toEqual({
        accountCount: before.accountCount + 1,
        openAccountCount: before.openAccountCount + 1,
        overdueAccountCount: before.overdueAccountCount,
        totalBalance: (Number(before.totalBalance) + 800_000).toFixed(2),
      });
    });

    it('refuses an account whose grid, amounts or dates do not hold together', async () => {
      const response = await as(gateway.url, BEIJING_BANK, SUBMIT_ACCOUNTS, {
        records: [account('BJB-2025-0003', { repaymentGrid: 'NNNX', balance: '-1', dueOn: '2024-01-01', status: 'CLOSED' })],
      });
      expect(response.body.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({
            code: 'INVALID_RECORDS',
            problems: [
              { line: 1, field: 'balance', reason: 'must be at least 0, got -1' },
              { line: 1, field: 'repaymentGrid', reason: 'must be 24 or 60 months of N, 1-7, D, Z, C, G or #' },
              { line: 1, field: 'dueOn', reason: 'is before openedOn (2024-01-01 < 2025-01-15)' },
            ],
          }),
        }),
      ]);
    });
  });
});
