import { startSubgraphs, startGateway, urlOverrides, REGULATOR, DEMO_BANK_CALLER, type RunningGraph } from '../support/graph';
import { as, MovableClock, PUDONG_HEALTH, PUDONG_MARKET, seededSubjects, settingsOn } from '../support/lifeCycle';
import { howToObject } from '../../shared/ingest/resolvers';

// One describe per module: its graph starts just before its tests and stops after them (see sectors.test.ts).
describe('registry life cycle', () => {
  /**
   * The registry's listings through the gateway: a market regulator lists a company on the
   * abnormal-operation and serious-illegal lists, removes it by a correction, withdraws a listing made
   * in error; the company reads the notices on `Subject.listingNotices`.
   */

  let graph: RunningGraph;
  let gateway: { url: string; app: { close(): Promise<unknown> } };
  const clock = new MovableClock('2026-12-01T02:00:00Z');
  let company: string;

  const SUBMIT_ABNORMAL = `mutation Submit($records: [AbnormalOperationListingInput!]!) {
    submitAbnormalOperationListings(records: $records) { recordType received created corrected unchanged withdrawn notices results { line documentNumber outcome } }
  }`;
  const SUBMIT_SERIOUS = `mutation Submit($records: [SeriousIllegalListingInput!]!) {
    submitSeriousIllegalListings(records: $records) { recordType received created corrected unchanged withdrawn notices results { line documentNumber outcome } }
  }`;
  const WITHDRAW = `mutation Withdraw($records: [WithdrawRecordInput!]!) {
    withdrawRegistryRecords(recordType: SeriousIllegalListing, records: $records) { withdrawn unchanged notices results { line outcome } }
  }`;
  const LISTINGS = `query Listings($code: ID!) { subject(code: $code) {
    abnormalOperationListings(first: 50) { nodes { documentNumber reason removedOn publicityEndsOn version change } }
    seriousIllegalListings(first: 50) { nodes { documentNumber reason removedOn publicityEndsOn version change } }
  } }`;
  const HISTORY = `query History($code: ID!) { subject(code: $code) { abnormalOperationListings(first: 50) { nodes { documentNumber version history { version change changeReason removedOn state recordedBy } } } } }`;
  const NOTICES = `query Notices($code: ID!) { subject(code: $code) { listingNotices(first: 20) { totalCount nodes { summary change howToObject } } } }`;

  interface Node {
    readonly documentNumber: string;
    readonly [field: string]: unknown;
  }

  function nodesOf(data: unknown, list: string, documents: readonly string[]): Node[] {
    const nodes = (data as { subject: Record<string, { nodes: Node[] }> }).subject[list]!.nodes;
    return nodes.filter((n) => documents.includes(n.documentNumber));
  }

  /** Each submission a minute after the last, so that notices (newest first) come in a known order. */
  function submit(claims: Parameters<typeof as>[1], query: string, records: readonly unknown[]) {
    clock.set(new Date(clock.now().getTime() + 60_000));
    return as(gateway.url, claims, query, { records });
  }

  const self = (code: string) => ({ kind: 'SUBJECT' as const, org: code, subject: code, grants: [], purposes: ['SELF_QUERY'] });
  const objectTo = (claims: { name: string; org: string }, documentNumber: string) =>
    howToObject({ authority_name: claims.name, authority_code: claims.org, document_number: documentNumber }, 'fileRegistryObjection', 20);

  const ABNORMAL = '沪浦市监异〔2026〕21号';
  const SERIOUS = '沪浦市监严〔2026〕22号';
  const MISTAKE = '沪浦市监严〔2026〕23号';
  const REASON = '未按规定期限公示年度报告';

  function listing(documentNumber: string, extra: Record<string, unknown> = {}) {
    return { subject: company, documentNumber, decisionDate: '2026-11-20', reason: REASON, listedOn: '2026-11-20', ...extra };
  }

  beforeAll(async () => {
    graph = await startSubgraphs({}, { records: settingsOn(clock), only: ['registry', 'access'] });
    gateway = await startGateway(urlOverrides(graph.subgraphUrls));
    ({ company } = await seededSubjects(graph.stores.registry));
  });

  afterAll(async () => {
    await gateway.app.close();
    await graph.close();
  });

  describe('a market regulator lists a company through the gateway', () => {
    it('creates each listing once, published until removed (abnormal operation) or for 3 years (serious illegal), then reports the same again as unchanged', async () => {
      const abnormal = await submit(PUDONG_MARKET, SUBMIT_ABNORMAL, [listing(ABNORMAL)]);
      expect(abnormal.body).toEqual({
        data: {
          submitAbnormalOperationListings: {
            recordType: 'AbnormalOperationListing', received: 1, created: 1, corrected: 0, unchanged: 0, withdrawn: 0, notices: 1,
            results: [{ line: 1, documentNumber: ABNORMAL, outcome: 'CREATED' }],
          },
        },
      });
      const serious = await submit(PUDONG_MARKET, SUBMIT_SERIOUS, [listing(SERIOUS, { reason: '被列入经营异常名录届满3年仍未履行相关义务' })]);
      expect(serious.body.data).toMatchObject({ submitSeriousIllegalListings: { created: 1, notices: 1 } });
      const list = await as(gateway.url, REGULATOR, LISTINGS, { code: company }, 'SUPERVISION');
      expect(list.body.errors).toBeUndefined();
      expect(nodesOf(list.body.data, 'abnormalOperationListings', [ABNORMAL])).toEqual([
        { documentNumber: ABNORMAL, reason: REASON, removedOn: null, publicityEndsOn: null, version: 1, change: 'SUBMITTED' },
      ]);
      expect(nodesOf(list.body.data, 'seriousIllegalListings', [SERIOUS])).toEqual([
        { documentNumber: SERIOUS, reason: '被列入经营异常名录届满3年仍未履行相关义务', removedOn: null, publicityEndsOn: '2029-11-20', version: 1, change: 'SUBMITTED' },
      ]);
      const again = await submit(PUDONG_MARKET, SUBMIT_ABNORMAL, [listing(ABNORMAL)]);
      expect(again.body).toEqual({
        data: {
          submitAbnormalOperationListings: {
            recordType: 'AbnormalOperationListing', received: 1, created: 0, corrected: 0, unchanged: 1, withdrawn: 0, notices: 0,
            results: [{ line: 1, documentNumber: ABNORMAL, outcome: 'UNCHANGED' }],
          },
        },
      });
    });

    it('refuses a batch with bad lines, naming each line and field, and writes none of it', async () => {
      const response = await submit(PUDONG_MARKET, SUBMIT_ABNORMAL, [
        listing('沪浦市监异〔2026〕24号'),
        listing('沪浦市监异〔2026〕25号', { removedOn: '2026-11-01', removalReason: '已补报' }),
        listing('沪浦市监异〔2026〕26号', { removalReason: '已补报', reason: '' }),
      ]);
      // The refused mutation's own field is null; the report nothing was written is in its error.
      expect(Object.values(response.body.data as object)).toEqual([null]);
      expect(response.body.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({
            code: 'INVALID_RECORDS',
            problemCount: 3,
            problems: [
              { line: 2, field: 'removedOn', reason: 'is before listedOn (2026-11-01 < 2026-11-20)' },
              { line: 3, field: 'reason', reason: 'must not be empty' },
              { line: 3, field: 'removalReason', reason: 'is given without removedOn' },
            ],
          }),
        }),
      ]);
      const list = await as(gateway.url, REGULATOR, LISTINGS, { code: company }, 'SUPERVISION');
      expect(nodesOf(list.body.data, 'abnormalOperationListings', ['沪浦市监异〔2026〕24号'])).toEqual([]);
    });

    it('removes a listing by a correction: the subject sees its history, a bank with consent only the current version, published until the removal', async () => {
      const removal = { removedOn: '2026-11-28', removalReason: '已补报年度报告并公示', actEndedOn: '2026-11-28' };
      const unexplained = await submit(PUDONG_MARKET, SUBMIT_ABNORMAL, [listing(ABNORMAL, removal)]);
      expect(unexplained.body.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_RECORDS', problems: [{ line: 1, field: 'correctionReason' }] } });
      const corrected = await submit(PUDONG_MARKET, SUBMIT_ABNORMAL, [listing(ABNORMAL, { ...removal, correctionReason: '依申请移出经营异常名录' })]);
      expect(corrected.body.data).toMatchObject({ submitAbnormalOperationListings: { corrected: 1, notices: 1, results: [{ outcome: 'CORRECTED' }] } });

      const mine = await as(gateway.url, self(company), HISTORY, { code: company }, 'SELF_QUERY');
      expect(mine.body.errors).toBeUndefined();
      expect(nodesOf(mine.body.data, 'abnormalOperationListings', [ABNORMAL])).toEqual([
        {
          documentNumber: ABNORMAL,
          version: 2,
          history: [
            { version: 1, change: 'SUBMITTED', changeReason: null, removedOn: null, state: 'IN_FORCE', recordedBy: 'clerk-1' },
            { version: 2, change: 'CORRECTED', changeReason: '依申请移出经营异常名录', removedOn: '2026-11-28', state: 'IN_FORCE', recordedBy: 'clerk-1' },
          ],
        },
      ]);
      const bank = await as(gateway.url, DEMO_BANK_CALLER, LISTINGS, { code: company }, 'LOAN_APPROVAL');
      expect(bank.body.errors).toBeUndefined();
      expect(nodesOf(bank.body.data, 'abnormalOperationListings', [ABNORMAL])).toEqual([
        { documentNumber: ABNORMAL, reason: REASON, removedOn: '2026-11-28', publicityEndsOn: '2026-11-28', version: 2, change: 'CORRECTED' },
      ]);
      const bankHistory = await as(gateway.url, DEMO_BANK_CALLER, HISTORY, { code: company }, 'LOAN_APPROVAL');
      expect(bankHistory.body.errors?.map((e) => e.extensions)).toContainEqual(expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'record.history' }));
    });

    it('withdraws a listing made in error, which then is served to no one, and withdrawing it again changes nothing', async () => {
      await submit(PUDONG_MARKET, SUBMIT_SERIOUS, [listing(MISTAKE)]);
      const gone = await submit(PUDONG_MARKET, WITHDRAW, [{ documentNumber: MISTAKE, reason: '列入决定错误，予以撤销' }]);
      expect(gone.body).toEqual({ data: { withdrawRegistryRecords: { withdrawn: 1, unchanged: 0, notices: 1, results: [{ line: 1, outcome: 'WITHDRAWN' }] } } });
      const again = await submit(PUDONG_MARKET, WITHDRAW, [{ documentNumber: MISTAKE, reason: '重复' }]);
      expect(again.body).toEqual({ data: { withdrawRegistryRecords: { withdrawn: 0, unchanged: 1, notices: 0, results: [{ line: 1, outcome: 'UNCHANGED' }] } } });
      const list = await as(gateway.url, REGULATOR, LISTINGS, { code: company }, 'SUPERVISION');
      expect(nodesOf(list.body.data, 'seriousIllegalListings', [MISTAKE])).toEqual([]);
    });

    it('refuses an authority of another sector, and every caller that is not a source authority', async () => {
      const health = await submit(PUDONG_HEALTH, SUBMIT_ABNORMAL, [listing('沪浦卫〔2026〕2号')]);
      expect(Object.values(health.body.data as object)).toEqual([null]);
      expect(health.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', category: 'registry.listing' } });
      const healthWithdraws = await submit(PUDONG_HEALTH, WITHDRAW, [{ documentNumber: SERIOUS, reason: 'x' }]);
      expect(healthWithdraws.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      const regulator = await as(gateway.url, REGULATOR, SUBMIT_ABNORMAL, { records: [listing('沪浦市监异〔2026〕27号')] }, 'SUPERVISION');
      expect(regulator.body.data ?? null).toBeNull();
      expect(regulator.body.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'submission' } });
    });
  });

  describe('the company is told on Subject.listingNotices, and listings leave with their retention', () => {
    it('shows the subject, as itself, the notices of its listings, newest first, with how to object; others are refused', async () => {
      const mine = await as(gateway.url, self(company), NOTICES, { code: company }, 'SELF_QUERY');
      expect(mine.body).toEqual({
        data: {
          subject: {
            listingNotices: {
              totalCount: 5,
              nodes: [
                { summary: '撤回：列入决定错误，予以撤销', change: 'WITHDRAWN', howToObject: objectTo(PUDONG_MARKET, MISTAKE) },
                { summary: `列入严重违法失信名单（2026-11-20）：${REASON}`, change: 'SUBMITTED', howToObject: objectTo(PUDONG_MARKET, MISTAKE) },
                { summary: `列入经营异常名录（2026-11-20）：${REASON}；已于 2026-11-28 移出`, change: 'CORRECTED', howToObject: objectTo(PUDONG_MARKET, ABNORMAL) },
                { summary: '列入严重违法失信名单（2026-11-20）：被列入经营异常名录届满3年仍未履行相关义务', change: 'SUBMITTED', howToObject: objectTo(PUDONG_MARKET, SERIOUS) },
                { summary: `列入经营异常名录（2026-11-20）：${REASON}`, change: 'SUBMITTED', howToObject: objectTo(PUDONG_MARKET, ABNORMAL) },
              ],
            },
          },
        },
      });
      const bank = await as(gateway.url, DEMO_BANK_CALLER, NOTICES, { code: company }, 'LOAN_APPROVAL');
      expect(bank.body.errors?.map((e) => e.extensions)).toContainEqual(expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'record.notice' }));
    });

    it('serves a listing 5 years after it ended and then to no one', async () => {
      clock.set('2031-11-28T02:00:00Z');
      const last = await as(gateway.url, REGULATOR, LISTINGS, { code: company }, 'SUPERVISION');
      expect(nodesOf(last.body.data, 'abnormalOperationListings', [ABNORMAL])).toHaveLength(1);
      clock.set('2031-11-29T02:00:00Z');
      const gone = await as(gateway.url, REGULATOR, LISTINGS, { code: company }, 'SUPERVISION');
      expect(gone.body.errors).toBeUndefined();
      expect(nodesOf(gone.body.data, 'abnormalOperationListings', [ABNORMAL])).toEqual([]);
    });
  });
});
