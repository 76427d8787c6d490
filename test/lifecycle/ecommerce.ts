import { startSubgraphs, startGateway, urlOverrides, REGULATOR, DEMO_BANK_CALLER, type RunningGraph } from '../support/graph';
import { as, authority, MovableClock, PUDONG_MARKET, PUDONG_TAX, seededSubjects, settingsOn } from '../support/lifeCycle';

// One describe per module: its graph starts just before its tests and stops after them (see sectors.test.ts).
describe('ecommerce life cycle', () => {
  /**
   * The e-commerce record life cycle through the gateway, on its Mercurius subgraph: a market regulator
   * submits, corrects and withdraws counterfeit penalties and platform measures; a platform submits
   * shops and IP-notice outcomes; the subject reads the notices of the negative ones.
   */

  let graph: RunningGraph;
  let gateway: { url: string; app: { close(): Promise<unknown> } };
  const clock = new MovableClock('2026-12-01T02:00:00Z');
  let company: string;

  /** A platform operator as the source authority of its shops and IP-notice outcomes. */
  const TAOBAO = authority('浙江淘宝网络有限公司', '330106', ['ecommerce.shop', 'ecommerce.ip'], 'ops-2');

  const SUBMIT_PENALTIES = `mutation Submit($records: [CounterfeitPenaltyInput!]!) {
    submitCounterfeitPenalties(records: $records) { recordType received created corrected unchanged withdrawn notices results { line documentNumber outcome id } }
  }`;
  const SUBMIT_MEASURES = `mutation Submit($records: [PlatformMeasureInput!]!) {
    submitPlatformMeasures(records: $records) { created notices results { line outcome } }
  }`;
  const SUBMIT_SHOPS = `mutation Submit($records: [OnlineShopInput!]!) { submitOnlineShops(records: $records) { created notices } }`;
  const SUBMIT_IP = `mutation Submit($records: [IpNoticeOutcomeInput!]!) { submitIpNoticeOutcomes(records: $records) { created notices } }`;
  const WITHDRAW = `mutation Withdraw($records: [WithdrawRecordInput!]!) {
    withdrawEcommerceRecords(recordType: PlatformMeasure, records: $records) { withdrawn unchanged notices results { line outcome } }
  }`;
  const PENALTIES = `query Penalties($code: ID!) { subject(code: $code) { ecommerce { counterfeitPenalties(first: 50) { nodes { documentNumber fineAmount publicityEndsOn version change } } } } }`;
  const PENALTY_HISTORY = `query History($code: ID!) { subject(code: $code) { ecommerce { counterfeitPenalties(first: 50) { nodes { documentNumber version history { version change changeReason fineAmount state recordedBy } } } } } }`;
  const MEASURES = `query Measures($code: ID!) { subject(code: $code) { ecommerce { platformMeasures(first: 50) { nodes { documentNumber measure } } } } }`;
  const NOTICES = `query Notices($code: ID!) { subject(code: $code) { ecommerce { notices(first: 20) { totalCount nodes { summary change howToObject } } } } }`;

  interface Node {
    readonly documentNumber: string;
    readonly [field: string]: unknown;
  }

  /** The nodes of one e-commerce list in a response, only those of the documents named (the seeded ones aside). */
  function nodesOf(data: unknown, list: string, documents: readonly string[]): Node[] {
    const nodes = (data as { subject: { ecommerce: Record<string, { nodes: Node[] }> } }).subject.ecommerce[list]!.nodes;
    return nodes.filter((n) => documents.includes(n.documentNumber));
  }

  /** Each submission a minute after the last, so that notices (newest first) come in a known order. */
  function submit(claims: Parameters<typeof as>[1], query: string, records: readonly unknown[]) {
    clock.set(new Date(clock.now().getTime() + 60_000));
    return as(gateway.url, claims, query, { records });
  }

  const HEAVY = '沪浦市监处罚〔2026〕101号';
  const LIGHT = '沪浦市监处罚〔2026〕102号';
  const MEASURE = 'PM20261120000001';

  function penalty(documentNumber: string, extra: Record<string, unknown> = {}) {
    return {
      subject: company,
      documentNumber,
      decisionDate: '2026-11-20',
      actEndedOn: '2026-09-30',
      goods: '假冒注册商标的运动鞋',
      illegalIncome: '48000.00',
      confiscatedValue: '30000.00',
      fineAmount: '96000.00',
      ...extra,
    };
  }

  function measure(documentNumber: string, extra: Record<string, unknown> = {}) {
    return { subject: company, documentNumber, decisionDate: '2026-11-20', platform: '淘宝', shopName: '示范旗舰店', measure: 'SUSPENSION', reason: '售卖假冒商品', startsOn: '2026-11-20', endsOn: '2026-12-20', ...extra };
  }

  const objectTo = (claims: { name: string; org: string }, documentNumber: string) =>
    `如对该信息有异议，可通过 fileEcommerceObjection（record 填本通知的 recordId）提出异议，由信息提供单位${claims.name}（统一社会信用代码 ${claims.org}，文书编号 ${documentNumber}）在 20 日内答复；` +
    '异议期间该信息标注“异议中”，逾期未答复的，答复前该信息不向本人和依法查询者以外的查询者提供。';

  beforeAll(async () => {
    graph = await startSubgraphs({}, { records: settingsOn(clock), only: ['registry', 'access', 'ecommerce'] });
    gateway = await startGateway(urlOverrides(graph.subgraphUrls));
    ({ company } = await seededSubjects(graph.stores.registry));
  });

  afterAll(async () => {
    await gateway.app.close();
    await graph.close();
  });

  describe('a market regulator submits counterfeit penalties to the e-commerce subgraph (Mercurius) through the gateway', () => {
    it('creates each penalty once with its publicity term by kind (a warning alone 3 months, others 3 years), then reports the same penalty again as unchanged', async () => {
      const first = await submit(PUDONG_MARKET, SUBMIT_PENALTIES, [penalty(HEAVY), penalty(LIGHT, { illegalIncome: '0', confiscatedValue: '0', fineAmount: '0' })]);
      expect(first.body).toEqual({
        data: {
          submitCounterfeitPenalties: {
            recordType: 'CounterfeitPenalty', received: 2, created: 2, corrected: 0, unchanged: 0, withdrawn: 0, notices: 2,
            results: [
              { line: 1, documentNumber: HEAVY, outcome: 'CREATED', id: expect.stringMatching(/^CounterfeitPenalty:/) },
              { line: 2, documentNumber: LIGHT, outcome: 'CREATED', id: expect.stringMatching(/^CounterfeitPenalty:/) },
            ],
          },
        },
      });
      const list = await as(gateway.url, REGULATOR, PENALTIES, { code: company }, 'SUPERVISION');
      expect(list.body.errors).toBeUndefined();
      // Newest first: of one decision date, the later line.
      expect(nodesOf(list.body.data, 'counterfeitPenalties', [HEAVY, LIGHT])).toEqual([
        { documentNumber: LIGHT, fineAmount: '0.00', publicityEndsOn: '2027-02-20', version: 1, change: 'SUBMITTED' },
        { documentNumber: HEAVY, fineAmount: '96000.00', publicityEndsOn: '2029-11-20', version: 1, change: 'SUBMITTED' },
      ]);

      const again = await submit(PUDONG_MARKET, SUBMIT_PENALTIES, [penalty(HEAVY)]);
      expect(again.body).toEqual({
        data: {
          submitCounterfeitPenalties: {
            recordType: 'CounterfeitPenalty', received: 1, created: 0, corrected: 0, unchanged: 1, withdrawn: 0, notices: 0,
            // The same record: the same id.
            results: [{ line: 1, documentNumber: HEAVY, outcome: 'UNCHANGED', id: (first.body.data as { submitCounterfeitPenalties: { results: Array<{ id: string }> } }).submitCounterfeitPenalties.results[0]!.id }],
          },
        },
      });
    });

    it('refuses a batch with bad lines, naming each line and field, and writes none of it', async () => {
      const response = await submit(PUDONG_MARKET, SUBMIT_PENALTIES, [
        penalty('沪浦市监处罚〔2026〕103号'),
        penalty('沪浦市监处罚〔2026〕104号', { fineAmount: '-5.00', actEndedOn: '2026-11-25', subject: '91310115591693856B' }),
      ]);
      // The refused mutation's own field is null; the report nothing was written is in its error.
      expect(Object.values(response.body.data as object)).toEqual([null]);
      expect(response.body.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({
            code: 'INVALID_RECORDS',
            problemCount: 3,
            problems: [
              { line: 2, field: 'subject', reason: expect.stringContaining('check character') },
              { line: 2, field: 'fineAmount', reason: 'must be at least 0, got -5.00' },
              { line: 2, field: 'decisionDate', reason: 'is before actEndedOn (2026-11-20 < 2026-11-25)' },
            ],
          }),
        }),
      ]);
      const measures = await submit(PUDONG_MARKET, SUBMIT_MEASURES, [measure('PM20261120000009', { measure: 'TERMINATION', startsOn: '2026-11-21', endsOn: '2026-11-20' })]);
      expect(measures.body.errors?.[0]?.extensions).toEqual(
        expect.objectContaining({
          code: 'INVALID_RECORDS',
          problems: [
            { line: 1, field: 'endsOn', reason: 'is before startsOn (2026-11-20 < 2026-11-21)' },
            { line: 1, field: 'endsOn', reason: 'must be empty for a TERMINATION (it does not end)' },
          ],
        }),
      );
      const list = await as(gateway.url, REGULATOR, PENALTIES, { code: company }, 'SUPERVISION');
      expect(nodesOf(list.body.data, 'counterfeitPenalties', ['沪浦市监处罚〔2026〕103号', '沪浦市监处罚〔2026〕104号'])).toEqual([]);
    });

    it('corrects a penalty into a second version: the subject sees its history, a bank with consent only the current version', async () => {
      const unexplained = await submit(PUDONG_MARKET, SUBMIT_PENALTIES, [penalty(HEAVY, { fineAmount: '48000.00' })]);
      expect(unexplained.body.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_RECORDS', problems: [{ line: 1, field: 'correctionReason' }] } });
      const corrected = await submit(PUDONG_MARKET, SUBMIT_PENALTIES, [penalty(HEAVY, { fineAmount: '48000.00', correctionReason: '复议决定变更罚款数额' })]);
      expect(corrected.body.data).toMatchObject({ submitCounterfeitPenalties: { created: 0, corrected: 1, unchanged: 0, notices: 1, results: [{ outcome: 'CORRECTED' }] } });

      const self = { kind: 'SUBJECT' as const, org: company, subject: company, grants: [], purposes: ['SELF_QUERY'] };
      const mine = await as(gateway.url, self, PENALTY_HISTORY, { code: company }, 'SELF_QUERY');
      expect(mine.body.errors).toBeUndefined();
      expect(nodesOf(mine.body.data, 'counterfeitPenalties', [HEAVY])).toEqual([
        {
          documentNumber: HEAVY,
          version: 2,
          history: [
            { version: 1, change: 'SUBMITTED', changeReason: null, fineAmount: '96000.00', state: 'IN_FORCE', recordedBy: 'clerk-1' },
            { version: 2, change: 'CORRECTED', changeReason: '复议决定变更罚款数额', fineAmount: '48000.00', state: 'IN_FORCE', recordedBy: 'clerk-1' },
          ],
        },
      ]);
      const bank = await as(gateway.url, DEMO_BANK_CALLER, PENALTIES, { code: company }, 'LOAN_APPROVAL');
      expect(bank.body.errors).toBeUndefined();
      expect(nodesOf(bank.body.data, 'counterfeitPenalties', [HEAVY])).toEqual([{ documentNumber: HEAVY, fineAmount: '48000.00', publicityEndsOn: '2029-11-20', version: 2, change: 'CORRECTED' }]);
      const bankHistory = await as(gateway.url, DEMO_BANK_CALLER, PENALTY_HISTORY, { code: company }, 'LOAN_APPROVAL');
      expect(bankHistory.body.errors?.map((e) => e.extensions)).toContainEqual(expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'record.history' }));
    });

    it('withdraws a platform measure, which then is served to no one, and withdrawing it again changes nothing', async () => {
      const created = await submit(PUDONG_MARKET, SUBMIT_MEASURES, [measure(MEASURE)]);
      expect(created.body).toEqual({ data: { submitPlatformMeasures: { created: 1, notices: 1, results: [{ line: 1, outcome: 'CREATED' }] } } });
      const gone = await submit(PUDONG_MARKET, WITHDRAW, [{ documentNumber: MEASURE, reason: '平台已撤销该措施' }]);
      expect(gone.body).toEqual({ data: { withdrawEcommerceRecords: { withdrawn: 1, unchanged: 0, notices: 1, results: [{ line: 1, outcome: 'WITHDRAWN' }] } } });
      const again = await submit(PUDONG_MARKET, WITHDRAW, [{ documentNumber: MEASURE, reason: '重复' }]);
      expect(again.body).toEqual({ data: { withdrawEcommerceRecords: { withdrawn: 0, unchanged: 1, notices: 0, results: [{ line: 1, outcome: 'UNCHANGED' }] } } });
      const list = await as(gateway.url, REGULATOR, MEASURES, { code: company }, 'SUPERVISION');
      expect(list.body.errors).toBeUndefined();
      expect(nodesOf(list.body.data, 'platformMeasures', [MEASURE])).toEqual([]);
    });

    it('refuses a tax bureau, and a market regulator for the shops it does not submit', async () => {
      const tax = await submit(PUDONG_TAX, SUBMIT_PENALTIES, [penalty('沪浦税罚〔2026〕1号')]);
      expect(Object.values(tax.body.data as object)).toEqual([null]);
      expect(tax.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      const taxWithdraws = await submit(PUDONG_TAX, WITHDRAW, [{ documentNumber: MEASURE, reason: 'x' }]);
      expect(taxWithdraws.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      const shops = await submit(PUDONG_MARKET, SUBMIT_SHOPS, [
        { subject: company, documentNumber: 'SHOP-1', decisionDate: '2026-11-20', platform: '淘宝', shopName: '示范旗舰店', url: 'https://shop1.taobao.com', licenceDisplayed: true, openedOn: '2026-01-05', status: 'OPERATING' },
      ]);
      expect(shops.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', category: 'ecommerce.shop' } });
    });
  });

  describe('the subject is told of negative records only', () => {
    it('sends no notice for a shop or a rejected IP notice, and one when the listings were removed', async () => {
      const shop = await submit(TAOBAO, SUBMIT_SHOPS, [
        { subject: company, documentNumber: 'SHOP-1', decisionDate: '2026-11-20', platform: '淘宝', shopName: '示范旗舰店', url: 'https://shop1.taobao.com', licenceDisplayed: true, openedOn: '2026-01-05', status: 'OPERATING' },
      ]);
      expect(shop.body).toEqual({ data: { submitOnlineShops: { created: 1, notices: 0 } } });
      const ip = { subject: company, decisionDate: '2026-11-18', platform: '淘宝', rightsHolder: '耐克（中国）商业有限公司', ipType: 'TRADEMARK', listingsAffected: 12 };
      const rejected = await submit(TAOBAO, SUBMIT_IP, [{ ...ip, documentNumber: 'IPR2026111800001', outcome: 'NOTICE_REJECTED' }]);
      expect(rejected.body).toEqual({ data: { submitIpNoticeOutcomes: { created: 1, notices: 0 } } });
      const removed = await submit(TAOBAO, SUBMIT_IP, [{ ...ip, documentNumber: 'IPR2026111800002', outcome: 'LISTINGS_REMOVED' }]);
      expect(removed.body).toEqual({ data: { submitIpNoticeOutcomes: { created: 1, notices: 1 } } });
    });

    it("shows the subject, as itself, every notice of this sector's negative records, newest first, with how to object", async () => {
      const self = { kind: 'SUBJECT' as const, org: company, subject: company, grants: [], purposes: ['SELF_QUERY'] };
      const response = await as(gateway.url, self, NOTICES, { code: company }, 'SELF_QUERY');
      const penaltyOf = (fine: string, income = '48000.00', confiscated = '30000.00') =>
        `销售假冒伪劣商品（假冒注册商标的运动鞋）受到行政处罚：违法所得 ${income} 元，没收货值 ${confiscated} 元，罚款 ${fine} 元`;
      expect(response.body.errors).toBeUndefined();
      const { totalCount, nodes } = (response.body.data as { subject: { ecommerce: { notices: { totalCount: number; nodes: unknown[] } } } }).subject.ecommerce.notices;
      expect(totalCount).toBe(6);
      expect(nodes.slice(0, 4)).toEqual([
                  { summary: '耐克（中国）商业有限公司在淘宝的知识产权（TRADEMARK）通知涉及 12 个商品链接，处理结果：LISTINGS_REMOVED', change: 'SUBMITTED', howToObject: objectTo(TAOBAO, 'IPR2026111800002') },
                  { summary: '撤回：平台已撤销该措施', change: 'WITHDRAWN', howToObject: objectTo(PUDONG_MARKET, MEASURE) },
                  { summary: '淘宝对网店“示范旗舰店”采取SUSPENSION措施：售卖假冒商品', change: 'SUBMITTED', howToObject: objectTo(PUDONG_MARKET, MEASURE) },
                  { summary: penaltyOf('48000.00'), change: 'CORRECTED', howToObject: objectTo(PUDONG_MARKET, HEAVY) },
      ]);
      // The first two were sent together, at the same instant: in either order.
      expect(nodes.slice(4)).toHaveLength(2);
      expect(nodes.slice(4)).toEqual(
        expect.arrayContaining([
          { summary: penaltyOf('96000.00'), change: 'SUBMITTED', howToObject: objectTo(PUDONG_MARKET, HEAVY) },
          { summary: penaltyOf('0', '0', '0'), change: 'SUBMITTED', howToObject: objectTo(PUDONG_MARKET, LIGHT) },
        ]),
      );
    });
  });
});
