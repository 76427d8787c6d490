import { startSubgraphs, startGateway, urlOverrides, REGULATOR, DEMO_BANK_CALLER, type RunningGraph } from '../support/graph';
import { createRecordLoaders } from '../../shared/records';
import { ingest } from '../../shared/ingest/write';
import { taxationSector } from '../../subgraphs/taxation/sector';
import { as, MovableClock, PUDONG_COURT, PUDONG_TAX, XUHUI_TAX, seededSubjects, settingsOn } from '../support/lifeCycle';

// One describe per module: its graph starts just before its tests and stops after them (see sectors.test.ts).
describe('taxation life cycle', () => {
  let graph: RunningGraph;
  let gateway: { url: string; app: { close(): Promise<unknown> } };
  const clock = new MovableClock('2026-12-01T02:00:00Z');
  let company: string;

  const SUBMIT = `mutation Submit($records: [TaxArrearsNoticeInput!]!) {
    submitTaxArrearsNotices(records: $records) { recordType received created corrected unchanged withdrawn notices results { line documentNumber outcome id } }
  }`;
  const WITHDRAW = `mutation Withdraw($records: [WithdrawRecordInput!]!) {
    withdrawTaxationRecords(recordType: TaxArrearsNotice, records: $records) { withdrawn unchanged notices results { line outcome } }
  }`;
  const ARREARS = `query Arrears($code: ID!) { subject(code: $code) { taxation { arrearsNotices(first: 50) { totalCount nodes { id documentNumber amountOwed version change } } } } }`;
  const HISTORY = `query History($code: ID!) { subject(code: $code) { taxation { arrearsNotices(first: 50) { nodes { documentNumber version history { version change changeReason amountOwed state recordedBy } } } } } }`;

  interface ArrearsNode {
    readonly documentNumber: string;
    readonly [field: string]: unknown;
  }

  /** The arrears notices of a subject in a response of ARREARS or HISTORY. */
  function nodesOf(data: unknown): ArrearsNode[] {
    return (data as { subject: { taxation: { arrearsNotices: { nodes: ArrearsNode[] } } } }).subject.taxation.arrearsNotices.nodes;
  }

  function arrears(documentNumber: string, extra: Record<string, unknown> = {}) {
    return {
      subject: company,
      documentNumber,
      decisionDate: '2026-11-20',
      taxType: '增值税',
      amountOwed: '12000.50',
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      status: 'OUTSTANDING',
      ...extra,
    };
  }

  beforeAll(async () => {
    graph = await startSubgraphs({}, { records: settingsOn(clock), only: ['registry', 'access', 'taxation'] });
    gateway = await startGateway(urlOverrides(graph.subgraphUrls));
    ({ company } = await seededSubjects(graph.stores.registry));
  });

  afterAll(async () => {
    await gateway.app.close();
    await graph.close();
  });

  describe('a tax bureau submits arrears notices through the gateway', () => {
    it('creates a record once, then reports the same record again as unchanged, and notices the subject once', async () => {
      const first = await as(gateway.url, PUDONG_TAX, SUBMIT, { records: [arrears('沪浦税欠〔2026〕1号')] });
      expect(first.body.errors).toBeUndefined();
      expect(first.body.data).toEqual({
        submitTaxArrearsNotices: {
          recordType: 'TaxArrearsNotice', received: 1, created: 1, corrected: 0, unchanged: 0, withdrawn: 0, notices: 1,
          results: [{ line: 1, documentNumber: '沪浦税欠〔2026〕1号', outcome: 'CREATED', id: expect.stringMatching(/^TaxArrearsNotice:/) }],
        },
      });
      const again = await as(gateway.url, PUDONG_TAX, SUBMIT, { records: [arrears('沪浦税欠〔2026〕1号')] });
      expect(again.body.data).toMatchObject({ submitTaxArrearsNotices: { created: 0, unchanged: 1, notices: 0, results: [{ outcome: 'UNCHANGED' }] } });
    });

    it('refuses a batch with a bad line and writes none of it', async () => {
      const response = await as(gateway.url, PUDONG_TAX, SUBMIT, {
        records: [arrears('沪浦税欠〔2026〕2号'), arrears('沪浦税欠〔2026〕3号', { periodEnd: '2025-12-31', subject: '91310115591693856B' })],
      });
      expect(response.body.data).toEqual({ submitTaxArrearsNotices: null });
      expect(response.body.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({
            code: 'INVALID_RECORDS',
            problemCount: 2,
            problems: [
              { line: 2, field: 'subject', reason: expect.stringContaining('check character') },
              { line: 2, field: 'periodEnd', reason: expect.stringContaining('before periodStart') },
            ],
          }),
        }),
      ]);
      const list = await as(gateway.url, REGULATOR, ARREARS, { code: company }, 'SUPERVISION');
      const numbers = nodesOf(list.body.data).map((n) => n.documentNumber);
      expect(numbers).not.toContain('沪浦税欠〔2026〕2号');
    });

    it('corrects a record into a second version, with history for the subject and the current version only for others', async () => {
      const unexplained = await as(gateway.url, PUDONG_TAX, SUBMIT, { records: [arrears('沪浦税欠〔2026〕1号', { amountOwed: '9000.00' })] });
      expect(unexplained.body.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_RECORDS', problems: [{ line: 1, field: 'correctionReason' }] } });
      const corrected = await as(gateway.url, PUDONG_TAX, SUBMIT, { records: [arrears('沪浦税欠〔2026〕1号', { amountOwed: '9000.00', correctionReason: '部分税款已于 11 月缴纳' })] });
      expect(corrected.body.data).toMatchObject({ submitTaxArrearsNotices: { corrected: 1, notices: 1 } });

      const self = { kind: 'SUBJECT' as const, org: company, subject: company, grants: [], purposes: ['SELF_QUERY'] };
      const mine = await as(gateway.url, self, HISTORY, { code: company }, 'SELF_QUERY');
      expect(mine.body.errors).toBeUndefined();
      const node = nodesOf(mine.body.data).find((n) => n.documentNumber === '沪浦税欠〔2026〕1号');
      expect(node).toEqual({
        documentNumber: '沪浦税欠〔2026〕1号',
        version: 2,
        history: [
          { version: 1, change: 'SUBMITTED', changeReason: null, amountOwed: '12000.50', state: 'IN_FORCE', recordedBy: 'clerk-1' },
          { version: 2, change: 'CORRECTED', changeReason: '部分税款已于 11 月缴纳', amountOwed: '9000.00', state: 'IN_FORCE', recordedBy: 'clerk-1' },
        ],
      });
      const bank = await as(gateway.url, DEMO_BANK_CALLER, HISTORY, { code: company }, 'LOAN_APPROVAL');
      expect(bank.body.errors?.some((e) => (e.extensions as { category?: string } | undefined)?.category === 'record.history')).toBe(true);
      const pub = await as(gateway.url, null, ARREARS, { code: company });
      const mineNow = nodesOf(pub.body.data).filter((n) => n.documentNumber === '沪浦税欠〔2026〕1号');
      expect(mineNow).toEqual([{ id: expect.any(String), documentNumber: '沪浦税欠〔2026〕1号', amountOwed: '9000.00', version: 2, change: 'CORRECTED' }]);
    });

    it('withdraws a record, which then is served to no one, and withdrawing it again changes nothing', async () => {
      await as(gateway.url, PUDONG_TAX, SUBMIT, { records: [arrears('沪浦税欠〔2026〕9号')] });
      const gone = await as(gateway.url, PUDONG_TAX, WITHDRAW, { records: [{ documentNumber: '沪浦税欠〔2026〕9号', reason: '税款已缴清，撤销公告' }] });
      expect(gone.body.data).toEqual({ withdrawTaxationRecords: { withdrawn: 1, unchanged: 0, notices: 1, results: [{ line: 1, outcome: 'WITHDRAWN' }] } });
      const again = await as(gateway.url, PUDONG_TAX, WITHDRAW, { records: [{ documentNumber: '沪浦税欠〔2026〕9号', reason: '重复' }] });
      expect(again.body.data).toEqual({ withdrawTaxationRecords: { withdrawn: 0, unchanged: 1, notices: 0, results: [{ line: 1, outcome: 'UNCHANGED' }] } });
      const list = await as(gateway.url, REGULATOR, ARREARS, { code: company }, 'SUPERVISION');
      expect(nodesOf(list.body.data).map((n) => n.documentNumber)).not.toContain('沪浦税欠〔2026〕9号');
    });

    it('keeps a withdrawn record withdrawn and a corrected record on its subject', async () => {
      const revived = await as(gateway.url, PUDONG_TAX, SUBMIT, { records: [arrears('沪浦税欠〔2026〕9号', { correctionReason: '重新公告' })] });
      expect(revived.body).toEqual({
        data: { submitTaxArrearsNotices: null },
        errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_RECORDS', problems: [{ line: 1, field: 'documentNumber', reason: expect.stringContaining('withdrawn record stays withdrawn') }] }) })],
      });
      const moved = await as(gateway.url, PUDONG_TAX, SUBMIT, { records: [arrears('沪浦税欠〔2026〕1号', { subject: '91110105E0P68UJ85P', amountOwed: '9000.00', correctionReason: '对象有误' })] });
      expect(moved.body.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_RECORDS', problems: [{ line: 1, field: 'subject', reason: expect.stringContaining('keeps the record') }] } });
    });

    it('refuses text that is not one clean line, a resident ID in free text, and an amount JSON cannot carry exactly', async () => {
      const VIOLATION = `mutation V($records: [MajorTaxViolationInput!]!) { submitMajorTaxViolations(records: $records) { created } }`;
      const violation = (extra: Record<string, unknown>) => ({
        subject: company, documentNumber: '沪浦税稽〔2026〕1号', decisionDate: '2026-11-01', caseNature: '虚开增值税专用发票', facts: '经查，该公司虚开发票。',
        legalBasis: '《税收征收管理法》第六十三条', penalty: '罚款', amountInvolved: '100000.00', responsiblePersons: [{ name: '张三', role: 'LEGAL_REPRESENTATIVE' }], ...extra,
      });
      const refused = await as(gateway.url, PUDONG_TAX, VIOLATION, {
        records: [
          violation({ documentNumber: '沪浦税稽\n〔2026〕1号' }),
          violation({ documentNumber: '沪浦税稽〔2026〕2号', caseNature: '虚开\u202e发票' }),
          violation({ documentNumber: '沪浦税稽〔2026〕3号', responsiblePersons: [{ name: '110108195601040003', role: 'AGENT' }] }),
        ],
      });
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({
        code: 'INVALID_RECORDS',
        problems: [
          { line: 1, field: 'documentNumber', reason: 'must be one line (no tabs or line breaks)' },
          { line: 2, field: 'caseNature', reason: 'must not contain control characters, bidirectional overrides or invisible characters' },
          { line: 3, field: 'responsiblePersons', reason: expect.stringContaining('resident identity number') },
        ],
      });
      const inexact = await as(gateway.url, PUDONG_TAX, SUBMIT, { records: [arrears('沪浦税欠〔2026〕20号', { amountOwed: JSON.parse('1234567890123456.78') as number })] });
      expect(inexact.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('keep every digit') });
      expect(JSON.stringify(inexact.body)).not.toContain('1234567890');
    });

    it("refuses another bureau's withdrawal, a court, and every caller that is not a source authority", async () => {
      const other = await as(gateway.url, XUHUI_TAX, WITHDRAW, { records: [{ documentNumber: '沪浦税欠〔2026〕1号', reason: 'x' }] });
      expect(other.body.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_RECORDS', problems: [{ line: 1, field: 'documentNumber' }] } });
      const court = await as(gateway.url, PUDONG_COURT, SUBMIT, { records: [arrears('沪浦法〔2026〕1号')] });
      expect(court.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      const regulator = await as(gateway.url, REGULATOR, SUBMIT, { records: [arrears('沪浦税欠〔2026〕5号')] }, 'SUPERVISION');
      expect(regulator.body.data ?? null).toBeNull();
      expect(regulator.body.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'submission' } });
    });
  });

  describe('the subject is told', () => {
    const NOTICES = `query Notices($code: ID!) { subject(code: $code) { taxation { notices(first: 50) { nodes { recordType change documentNumber summary sourceAuthority { name code } howToObject } } } } }`;

    it('reads a notice of each version of its negative records, and no one else but statutory inquiry may', async () => {
      const self = { kind: 'SUBJECT' as const, org: company, subject: company, grants: [], purposes: ['SELF_QUERY'] };
      const mine = await as(gateway.url, self, NOTICES, { code: company }, 'SELF_QUERY');
      expect(mine.body.errors).toBeUndefined();
      const notices = (mine.body.data as { subject: { taxation: { notices: { nodes: Array<Record<string, unknown>> } } } }).subject.taxation.notices.nodes;
      const first = notices.filter((n) => n.documentNumber === '沪浦税欠〔2026〕1号');
      // Both versions were noticed on the test's one clock instant: their order between them is not asserted.
      expect(first).toHaveLength(2);
      expect(first).toEqual(expect.arrayContaining([
        {
          recordType: 'TaxArrearsNotice',
          change: 'CORRECTED',
          documentNumber: '沪浦税欠〔2026〕1号',
          summary: '欠缴增值税 9000.00 元（所属期 2026-01-01 至 2026-06-30）',
          sourceAuthority: { name: PUDONG_TAX.name, code: PUDONG_TAX.org },
          howToObject: expect.stringContaining('沪浦税欠〔2026〕1号'),
        },
        expect.objectContaining({ change: 'SUBMITTED', summary: '欠缴增值税 12000.50 元（所属期 2026-01-01 至 2026-06-30）' }),
      ]));
      const bank = await as(gateway.url, DEMO_BANK_CALLER, NOTICES, { code: company }, 'LOAN_APPROVAL');
      expect(bank.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'record.notice' }) })]);
      const pub = await as(gateway.url, null, NOTICES, { code: company });
      expect(pub.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'record.notice' }) })]);
    });

    it('holds a negative record back from non-statutory callers for the waiting period, but not from the subject', async () => {
      const waiting = settingsOn(clock, { noticeWaitingDays: 3 });
      const { db } = graph.stores.taxation;
      const list = taxationSector.lists.arrearsNotices;
      const report = await ingest(db, { recordType: list.recordType, table: list.table, ingest: list.ingest }, { code: PUDONG_TAX.org, name: PUDONG_TAX.name, staff: null }, [{ line: 1, values: arrears('沪浦税欠〔2026〕77号') }], { source: 'json' }, waiting);
      expect(report).toMatchObject({ created: 1, notices: 1 });
      const numbers = async (visibility: 'full' | 'all') => {
        const page = await createRecordLoaders(db, { pageSizeDefault: 50, pageSizeMax: 100 }, waiting).page(list, company, { first: 100 }, visibility);
        return page.nodes.map((n) => n.documentNumber);
      };
      expect(await numbers('full')).toContain('沪浦税欠〔2026〕77号');
      expect(await numbers('all')).not.toContain('沪浦税欠〔2026〕77号');
      clock.set('2026-12-04T02:00:00Z');
      expect(await numbers('all')).toContain('沪浦税欠〔2026〕77号');
      clock.set('2026-12-01T02:00:00Z');
    });
  });

  describe('retention runs from the end of the act', () => {
    it('keeps unpaid arrears past five years, and hides paid ones five years after their end, from everyone', async () => {
      const { db } = graph.stores.taxation;
      const list = taxationSector.lists.arrearsNotices;
      const authority = { code: PUDONG_TAX.org, name: PUDONG_TAX.name, staff: null };
      const report = await ingest(db, { recordType: list.recordType, table: list.table, ingest: list.ingest }, authority, [
        { line: 1, values: arrears('沪浦税欠〔2026〕31号', { status: 'OUTSTANDING' }) },
        { line: 2, values: arrears('沪浦税欠〔2026〕32号', { status: 'PAID', actEndedOn: '2026-11-25' }) },
      ], { source: 'json' }, settingsOn(clock));
      expect(report).toMatchObject({ created: 2 });
      const later = new MovableClock('2031-11-26T02:00:00Z');
      const numbers = async () => {
        const page = await createRecordLoaders(db, { pageSizeDefault: 50, pageSizeMax: 100 }, settingsOn(later)).page(list, company, { first: 100 }, 'full');
        return page.nodes.map((n) => n.documentNumber);
      };
      expect(await numbers()).toEqual(expect.arrayContaining(['沪浦税欠〔2026〕31号']));
      expect(await numbers()).not.toContain('沪浦税欠〔2026〕32号');
    });
  });
});
