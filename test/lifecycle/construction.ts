import { startSubgraphs, startGateway, urlOverrides, REGULATOR, DEMO_BANK_CALLER, type RunningGraph } from '../support/graph';
import { as, MovableClock, PUDONG_TAX, SHANGHAI_HOUSING, seededSubjects, settingsOn } from '../support/lifeCycle';
import { howToObject } from '../../shared/ingest/resolvers';

// One describe per module: its graph starts just before its tests and stops after them (see sectors.test.ts).
describe('construction life cycle', () => {
  let graph: RunningGraph;
  let gateway: { url: string; app: { close(): Promise<unknown> } };
  const clock = new MovableClock('2026-12-01T02:00:00Z');
  let company: string;

  const REPORT = 'recordType received created corrected unchanged withdrawn notices results { line documentNumber outcome }';
  const SUBMIT_BAD = `mutation Submit($records: [BadBehaviourRecordInput!]!) { submitBadBehaviourRecords(records: $records) { ${REPORT} } }`;
  const SUBMIT_GOOD = `mutation Submit($records: [GoodBehaviourRecordInput!]!) { submitGoodBehaviourRecords(records: $records) { ${REPORT} } }`;
  const SUBMIT_WAGE = `mutation Submit($records: [WageArrearsListingInput!]!) { submitWageArrearsListings(records: $records) { ${REPORT} } }`;
  const SUBMIT_BLACKLIST = `mutation Submit($records: [MarketBlacklistingInput!]!) { submitMarketBlacklistings(records: $records) { ${REPORT} } }`;
  const WITHDRAW = `mutation Withdraw($recordType: ConstructionRecordType!, $records: [WithdrawRecordInput!]!) {
    withdrawConstructionRecords(recordType: $recordType, records: $records) { withdrawn unchanged notices results { line outcome } }
  }`;
  const BAD = `query Bad($code: ID!) { subject(code: $code) { construction { badBehaviourRecords(first: 50) { nodes { documentNumber severity penalty publicityEndsOn version change } } } } }`;
  const HISTORY = `query History($code: ID!) { subject(code: $code) { construction { badBehaviourRecords(first: 50) { nodes { documentNumber version history { version change changeReason penalty state recordedBy } } } } } }`;
  const LISTINGS = `query Listings($code: ID!) { subject(code: $code) { construction {
    wageArrearsListings(first: 50) { nodes { documentNumber listedOn publicityEndsOn } }
    blacklistings(first: 50) { nodes { documentNumber listedOn removedOn publicityEndsOn } }
  } } }`;
  const NOTICES = `query Notices($code: ID!) { subject(code: $code) { construction { notices(first: 100) { nodes { documentNumber summary change howToObject } } } } }`;

  interface Node {
    readonly documentNumber: string;
    readonly [field: string]: unknown;
  }

  function badOf(data: unknown, documentNumber: string): Node[] {
    return (data as { subject: { construction: { badBehaviourRecords: { nodes: Node[] } } } }).subject.construction.badBehaviourRecords.nodes.filter((n) => n.documentNumber === documentNumber);
  }

  function noticesOf(data: unknown, documentNumber: string): Node[] {
    return (data as { subject: { construction: { notices: { nodes: Node[] } } } }).subject.construction.notices.nodes.filter((n) => n.documentNumber === documentNumber);
  }

  const self = () => ({ kind: 'SUBJECT' as const, org: company, subject: company, grants: [], purposes: ['SELF_QUERY'] });

  function badBehaviour(documentNumber: string, extra: Record<string, unknown> = {}) {
    return {
      subject: company,
      documentNumber,
      decisionDate: '2026-11-20',
      severity: 'A',
      behaviourCode: 'D1-1',
      description: '未取得施工许可证擅自施工',
      projectName: '浦东新区张江科学城 12 号地块',
      penalty: '罚款并暂扣安全生产许可证',
      ...extra,
    };
  }

  beforeAll(async () => {
    graph = await startSubgraphs({}, { records: settingsOn(clock), only: ['registry', 'access', 'construction'] });
    gateway = await startGateway(urlOverrides(graph.subgraphUrls));
    ({ company } = await seededSubjects(graph.stores.registry));
  });

  afterAll(async () => {
    await gateway.app.close();
    await graph.close();
  });

  describe('a housing authority submits construction-market records through the gateway', () => {
    it('creates a bad-behaviour record once, published for 3 years, then reports the same record again as unchanged', async () => {
      const first = await as(gateway.url, SHANGHAI_HOUSING, SUBMIT_BAD, { records: [badBehaviour('沪建不良〔2026〕1号'), badBehaviour('沪建不良〔2026〕2号', { severity: 'C', behaviourCode: 'D6-4', description: '施工现场扬尘防治措施不到位', penalty: '责令限期整改' })] });
      expect(first.body).toEqual({
        data: {
          submitBadBehaviourRecords: {
            recordType: 'BadBehaviourRecord', received: 2, created: 2, corrected: 0, unchanged: 0, withdrawn: 0, notices: 2,
            results: [
              { line: 1, documentNumber: '沪建不良〔2026〕1号', outcome: 'CREATED' },
              { line: 2, documentNumber: '沪建不良〔2026〕2号', outcome: 'CREATED' },
            ],
          },
        },
      });
      const again = await as(gateway.url, SHANGHAI_HOUSING, SUBMIT_BAD, { records: [badBehaviour('沪建不良〔2026〕1号')] });
      expect(again.body.data).toEqual({
        submitBadBehaviourRecords: {
          recordType: 'BadBehaviourRecord', received: 1, created: 0, corrected: 0, unchanged: 1, withdrawn: 0, notices: 0,
          results: [{ line: 1, documentNumber: '沪建不良〔2026〕1号', outcome: 'UNCHANGED' }],
        },
      });
      const list = await as(gateway.url, REGULATOR, BAD, { code: company }, 'SUPERVISION');
      expect([...badOf(list.body.data, '沪建不良〔2026〕1号'), ...badOf(list.body.data, '沪建不良〔2026〕2号')]).toEqual([
        { documentNumber: '沪建不良〔2026〕1号', severity: 'A', penalty: '罚款并暂扣安全生产许可证', publicityEndsOn: '2029-11-20', version: 1, change: 'SUBMITTED' },
        { documentNumber: '沪建不良〔2026〕2号', severity: 'C', penalty: '责令限期整改', publicityEndsOn: null, version: 1, change: 'SUBMITTED' },
      ]);
    });

    it('tells the subject of a bad-behaviour record, and of no good-behaviour record', async () => {
      const good = await as(gateway.url, SHANGHAI_HOUSING, SUBMIT_GOOD, { records: [{ subject: company, documentNumber: '沪建优〔2026〕7号', decisionDate: '2026-11-25', awardName: '上海市建设工程白玉兰奖', level: 'MUNICIPAL' }] });
      expect(good.body.data).toEqual({
        submitGoodBehaviourRecords: {
          recordType: 'GoodBehaviourRecord', received: 1, created: 1, corrected: 0, unchanged: 0, withdrawn: 0, notices: 0,
          results: [{ line: 1, documentNumber: '沪建优〔2026〕7号', outcome: 'CREATED' }],
        },
      });
      const mine = await as(gateway.url, self(), NOTICES, { code: company }, 'SELF_QUERY');
      expect(mine.body.errors).toBeUndefined();
      expect(noticesOf(mine.body.data, '沪建优〔2026〕7号')).toEqual([]);
      expect(noticesOf(mine.body.data, '沪建不良〔2026〕1号')).toEqual([
        {
          documentNumber: '沪建不良〔2026〕1号',
          summary: '建筑市场不良行为记录（A 类，D1-1）：未取得施工许可证擅自施工；处理：罚款并暂扣安全生产许可证',
          change: 'SUBMITTED',
          howToObject: howToObject({ authority_name: SHANGHAI_HOUSING.name, authority_code: SHANGHAI_HOUSING.org, document_number: '沪建不良〔2026〕1号' }, 'fileConstructionObjection', 20),
        },
      ]);
    });

    it('publishes a wage-arrears listing for 3 years and a blacklisting until its removal or for one year', async () => {
      const wage = await as(gateway.url, SHANGHAI_HOUSING, SUBMIT_WAGE, {
        records: [{ subject: company, documentNumber: '沪人社欠薪〔2026〕3号', decisionDate: '2026-11-10', projectName: '临港新片区 A-3 地块', workersAffected: 42, amountOwed: '865000.00', listedOn: '2026-11-12', settled: false }],
      });
      expect(wage.body.data).toMatchObject({ submitWageArrearsListings: { created: 1, notices: 1 } });
      const blacklist = await as(gateway.url, SHANGHAI_HOUSING, SUBMIT_BLACKLIST, {
        records: [
          { subject: company, documentNumber: '沪建黑〔2026〕1号', decisionDate: '2026-10-08', reason: '发生较大生产安全事故', listedOn: '2026-10-08' },
          { subject: company, documentNumber: '沪建黑〔2025〕4号', decisionDate: '2025-03-01', reason: '转包工程', listedOn: '2025-03-01', removedOn: '2025-09-01' },
        ],
      });
      expect(blacklist.body.data).toMatchObject({ submitMarketBlacklistings: { created: 2, notices: 2 } });
      const list = await as(gateway.url, REGULATOR, LISTINGS, { code: company }, 'SUPERVISION');
      const construction = (list.body.data as { subject: { construction: { wageArrearsListings: { nodes: Node[] }; blacklistings: { nodes: Node[] } } } }).subject.construction;
      expect(construction.wageArrearsListings.nodes.filter((n) => n.documentNumber.startsWith('沪人社欠薪'))).toEqual([
        { documentNumber: '沪人社欠薪〔2026〕3号', listedOn: '2026-11-12', publicityEndsOn: '2029-11-12' },
      ]);
      expect(construction.blacklistings.nodes.filter((n) => n.documentNumber.startsWith('沪建黑'))).toEqual([
        { documentNumber: '沪建黑〔2026〕1号', listedOn: '2026-10-08', removedOn: null, publicityEndsOn: '2027-10-08' },
        { documentNumber: '沪建黑〔2025〕4号', listedOn: '2025-03-01', removedOn: '2025-09-01', publicityEndsOn: '2025-09-01' },
      ]);
    });

    it('refuses a batch with bad lines, naming each line and field, and writes none of it', async () => {
      const response = await as(gateway.url, SHANGHAI_HOUSING, SUBMIT_WAGE, {
        records: [
          { subject: company, documentNumber: '沪人社欠薪〔2026〕4号', decisionDate: '2026-11-10', projectName: '临港新片区 B-1 地块', workersAffected: 10, amountOwed: '120000.00', listedOn: '2026-11-12', settled: false },
          { subject: company, documentNumber: '沪人社欠薪〔2026〕5号', decisionDate: '2027-01-10', projectName: '项'.repeat(201), workersAffected: 0, amountOwed: '0', listedOn: '2026-11-12', settled: false },
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
              { line: 2, field: 'projectName', reason: 'must be at most 200 characters, got 201' },
              { line: 2, field: 'workersAffected', reason: 'must be between 1 and 1000000, got 0' },
              { line: 2, field: 'amountOwed', reason: 'must be at least 0.01, got 0' },
              { line: 2, field: 'decisionDate', reason: 'is in the future (2027-01-10; today is 2026-12-01)' },
            ],
          }),
        }),
      ]);
      const list = await as(gateway.url, REGULATOR, LISTINGS, { code: company }, 'SUPERVISION');
      const wage = (list.body.data as { subject: { construction: { wageArrearsListings: { nodes: Node[] } } } }).subject.construction.wageArrearsListings.nodes;
      expect(wage.map((n) => n.documentNumber)).not.toContain('沪人社欠薪〔2026〕4号');
    });

    it('corrects a record into a second version: the subject sees both, a bank with consent only the current one and no history', async () => {
      const corrected = await as(gateway.url, SHANGHAI_HOUSING, SUBMIT_BAD, { records: [badBehaviour('沪建不良〔2026〕1号', { penalty: '罚款', correctionReason: '复议后变更处理结果' })] });
      expect(corrected.body.data).toMatchObject({ submitBadBehaviourRecords: { created: 0, corrected: 1, unchanged: 0, notices: 1, results: [{ outcome: 'CORRECTED' }] } });
      const mine = await as(gateway.url, self(), HISTORY, { code: company }, 'SELF_QUERY');
      expect(mine.body.errors).toBeUndefined();
      expect(badOf(mine.body.data, '沪建不良〔2026〕1号')).toEqual([
        {
          documentNumber: '沪建不良〔2026〕1号',
          version: 2,
          history: [
            { version: 1, change: 'SUBMITTED', changeReason: null, penalty: '罚款并暂扣安全生产许可证', state: 'IN_FORCE', recordedBy: 'clerk-1' },
            { version: 2, change: 'CORRECTED', changeReason: '复议后变更处理结果', penalty: '罚款', state: 'IN_FORCE', recordedBy: 'clerk-1' },
          ],
        },
      ]);
      const bank = await as(gateway.url, DEMO_BANK_CALLER, BAD, { code: company }, 'LOAN_APPROVAL');
      expect(bank.body.errors).toBeUndefined();
      expect(badOf(bank.body.data, '沪建不良〔2026〕1号')).toEqual([
        { documentNumber: '沪建不良〔2026〕1号', severity: 'A', penalty: '罚款', publicityEndsOn: '2029-11-20', version: 2, change: 'CORRECTED' },
      ]);
      const bankHistory = await as(gateway.url, DEMO_BANK_CALLER, HISTORY, { code: company }, 'LOAN_APPROVAL');
      expect(bankHistory.body.errors?.some((e) => (e.extensions as { category?: string } | undefined)?.category === 'record.history')).toBe(true);
    });

    it('withdraws a record, which then is served to no one, and withdrawing it again changes nothing', async () => {
      const gone = await as(gateway.url, SHANGHAI_HOUSING, WITHDRAW, { recordType: 'BadBehaviourRecord', records: [{ documentNumber: '沪建不良〔2026〕2号', reason: '认定错误，予以撤销' }] });
      expect(gone.body).toEqual({ data: { withdrawConstructionRecords: { withdrawn: 1, unchanged: 0, notices: 1, results: [{ line: 1, outcome: 'WITHDRAWN' }] } } });
      const again = await as(gateway.url, SHANGHAI_HOUSING, WITHDRAW, { recordType: 'BadBehaviourRecord', records: [{ documentNumber: '沪建不良〔2026〕2号', reason: '重复' }] });
      expect(again.body).toEqual({ data: { withdrawConstructionRecords: { withdrawn: 0, unchanged: 1, notices: 0, results: [{ line: 1, outcome: 'UNCHANGED' }] } } });
      const list = await as(gateway.url, REGULATOR, BAD, { code: company }, 'SUPERVISION');
      expect(badOf(list.body.data, '沪建不良〔2026〕2号')).toEqual([]);
    });

    it('refuses an authority of another sector (FORBIDDEN)', async () => {
      const tax = await as(gateway.url, PUDONG_TAX, SUBMIT_BAD, { records: [badBehaviour('沪建不良〔2026〕9号')] });
      // The refused mutation's own field is null; the report nothing was written is in its error.
      expect(Object.values(tax.body.data as object)).toEqual([null]);
      expect(tax.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', category: 'construction.conduct' }) })]);
      const withdrawal = await as(gateway.url, PUDONG_TAX, WITHDRAW, { recordType: 'BadBehaviourRecord', records: [{ documentNumber: '沪建不良〔2026〕1号', reason: 'x' }] });
      expect(withdrawal.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', category: 'construction.conduct' }) })]);
    });
  });
});
