import { startSubgraphs, startGateway, urlOverrides, REGULATOR, DEMO_BANK_CALLER, type RunningGraph } from '../support/graph';
import { as, MovableClock, PUDONG_MARKET, PUDONG_TAX, XUHUI_TAX, seededSubjects, settingsOn } from '../support/lifeCycle';
import { startObjectionEscalation } from '../../shared/recourse/objections';
import { subgraphMetricsOf } from '../../shared/subgraph/metrics';
import { taxationSector } from '../../subgraphs/taxation/sector';
import { recordKey, sealRowId } from '../../shared/records';
import { authority } from '../../shared/ingest/authorities';

/**
 * Objections (CIR Art. 25) through the gateway, as the subject, its source authority, a bank, the
 * public and a regulator: filed, marked at once, answered each of the three ways, left overdue and
 * escalated; then in a second sector (Ecommerce, on Mercurius) and on the registry's listings.
 */
describe('objections to records', () => {
  let graph: RunningGraph;
  let gateway: { url: string; app: { close(): Promise<unknown> } };
  const clock = new MovableClock('2026-12-01T02:00:00Z');
  let company: string;
  let person: string;
  /** Record ids by document number, as their submissions reported them. */
  const ids = new Map<string, string>();

  const self = (code: string) => ({ kind: 'SUBJECT' as const, org: code, subject: code, grants: [], purposes: ['SELF_QUERY'] });
  /** A minute later each time: objections filed in a known order. */
  const tick = () => clock.set(new Date(clock.now().getTime() + 60_000));

  const OBJECTION = 'id recordType recordId documentNumber sourceAuthority { name code } reason evidence filedAt dueOn status overdue escalatedAt answer answeredAt recordVersion';
  const FILE = `mutation File($input: FileObjectionInput!) { fileTaxationObjection(input: $input) { ${OBJECTION} } }`;
  const ANSWER = `mutation Answer($input: AnswerObjectionInput!) { answerTaxationObjection(input: $input) { documentNumber status answer answeredAt recordVersion } }`;
  const ARREARS = `query Arrears($code: ID!) { subject(code: $code) { taxation { arrearsNotices(first: 50) { nodes { documentNumber version objectionStatus } } } } }`;
  const MINE = `query Mine($code: ID!) { subject(code: $code) { taxation { objections(first: 20) { totalCount nodes { documentNumber status answer recordVersion overdue } } } } }`;
  const QUEUE = `query Queue($status: ObjectionState) { taxationObjectionQueue(status: $status, first: 20) { nodes { documentNumber status reason } } }`;
  const OVERDUE = `{ taxationOverdueObjections(first: 20) { nodes { documentNumber status overdue dueOn escalatedAt } } }`;
  const SUBMIT = `mutation Submit($records: [TaxArrearsNoticeInput!]!) { submitTaxArrearsNotices(records: $records) { results { documentNumber id } } }`;

  const A_CORRECTED = '沪浦税欠〔2026〕101号';
  const A_UPHELD = '沪浦税欠〔2026〕102号';
  const A_UNVERIFIABLE = '沪浦税欠〔2026〕103号';
  const A_OVERDUE = '沪浦税欠〔2026〕104号';
  const TAX = { name: PUDONG_TAX.name, code: PUDONG_TAX.org };

  /** A mutation's whole answer when its subgraph refused it. */
  const refused = (field: string, code: string, message: unknown, extensions: Record<string, unknown> = {}, serviceName = 'taxation') => ({
    data: { [field]: null },
    errors: [{ message, path: [field], extensions: { code, serviceName, ...extensions } }],
  });
  const NOT_YOURS = 'Only the subject of a record objects to it, as itself: no record of yours in force has this id';

  function arrears(documentNumber: string, extra: Record<string, unknown> = {}) {
    return { subject: company, documentNumber, decisionDate: '2026-11-20', taxType: '增值税', amountOwed: '12000.50', periodStart: '2026-01-01', periodEnd: '2026-06-30', status: 'OUTSTANDING', ...extra };
  }

  /** The arrears notices of `documents` a caller sees: document number, version and mark. */
  async function arrearsSeenBy(claims: Parameters<typeof as>[1], purpose: string | undefined, documents: readonly string[]) {
    const response = await as(gateway.url, claims, ARREARS, { code: company }, purpose);
    expect(response.body.errors).toBeUndefined();
    const nodes = (response.body.data as { subject: { taxation: { arrearsNotices: { nodes: Array<{ documentNumber: string }> } } } }).subject.taxation.arrearsNotices.nodes;
    return nodes.filter((n) => documents.includes(n.documentNumber));
  }

  const file = (documentNumber: string, extra: Record<string, unknown> = {}, claims = self(company)) =>
    as(gateway.url, claims, FILE, { input: { subject: claims.subject, record: ids.get(documentNumber), reason: '税款已于 2026 年 10 月缴清', ...extra } }, 'SELF_QUERY');

  /** The id of the objection to a record, from the authority's queue. */
  async function objectionTo(documentNumber: string): Promise<string> {
    const response = await as(gateway.url, PUDONG_TAX, `{ taxationObjectionQueue(first: 20) { nodes { id documentNumber } } }`);
    const nodes = (response.body.data as { taxationObjectionQueue: { nodes: Array<{ id: string; documentNumber: string }> } }).taxationObjectionQueue.nodes;
    return nodes.find((n) => n.documentNumber === documentNumber)!.id;
  }

  const answer = async (documentNumber: string, outcome: string, claims = PUDONG_TAX) =>
    as(gateway.url, claims, ANSWER, { input: { objection: await objectionTo(documentNumber), outcome, reasons: '经核实' } });

  beforeAll(async () => {
    graph = await startSubgraphs({}, { records: settingsOn(clock), only: ['registry', 'access', 'taxation', 'ecommerce'] });
    gateway = await startGateway(urlOverrides(graph.subgraphUrls));
    ({ company, person } = await seededSubjects(graph.stores.registry));
    const submitted = await as(gateway.url, PUDONG_TAX, SUBMIT, { records: [A_CORRECTED, A_UPHELD, A_UNVERIFIABLE, A_OVERDUE].map((d) => arrears(d)) });
    for (const r of (submitted.body.data as { submitTaxArrearsNotices: { results: Array<{ documentNumber: string; id: string }> } }).submitTaxArrearsNotices.results) ids.set(r.documentNumber, r.id);
  });

  afterAll(async () => {
    await gateway.app.close();
    await graph.close();
  });

  describe('a subject objects to a taxation record and its source authority answers', () => {
    it('files the objection and marks the record UNDER_OBJECTION at once, for the subject, a bank and the public', async () => {
      tick();
      const filed = await file(A_CORRECTED, { evidence: '缴款书编号 3101152026100012\n银行回单一份' });
      expect(filed.body).toEqual({
        data: {
          fileTaxationObjection: {
            id: expect.stringMatching(/^[0-9a-f-]{36}$/),
            recordType: 'TaxArrearsNotice',
            recordId: ids.get(A_CORRECTED),
            documentNumber: A_CORRECTED,
            sourceAuthority: TAX,
            reason: '税款已于 2026 年 10 月缴清',
            evidence: '缴款书编号 3101152026100012\n银行回单一份',
            filedAt: '2026-12-01T02:01:00.000Z',
            dueOn: '2026-12-21',
            status: 'OPEN',
            overdue: false,
            escalatedAt: null,
            answer: null,
            answeredAt: null,
            recordVersion: 1,
          },
        },
      });
      const marked = [{ documentNumber: A_CORRECTED, version: 1, objectionStatus: 'UNDER_OBJECTION' }];
      expect(await arrearsSeenBy(self(company), 'SELF_QUERY', [A_CORRECTED])).toEqual(marked);
      expect(await arrearsSeenBy(DEMO_BANK_CALLER, 'LOAN_APPROVAL', [A_CORRECTED])).toEqual(marked);
      expect(await arrearsSeenBy(null, undefined, [A_CORRECTED])).toEqual(marked);
    });

    it('refuses a second open objection, another subject, and input it cannot take', async () => {
      const second = await file(A_CORRECTED);
      expect(second.body).toEqual(refused('fileTaxationObjection', 'CONFLICT', 'This record already has an open objection, to be answered by 2026-12-21: one open objection per record'));
      // Another subject gets the same answer whether the record exists or not.
      const stranger = await file(A_UPHELD, {}, self(person));
      expect(stranger.body).toEqual(refused('fileTaxationObjection', 'FORBIDDEN', NOT_YOURS));
      const forged = await file(A_UPHELD, { record: 'TaxArrearsNotice:AAAAAAAAAAAAAAAAAAAAAA' });
      expect(forged.body).toEqual(refused('fileTaxationObjection', 'BAD_USER_INPUT', '`input.record` is not the id of a record of taxation', { argumentName: 'input.record' }));
      const hidden = await file(A_UPHELD, { reason: '税款\u202e已缴清' });
      expect(hidden.body).toEqual(
        refused('fileTaxationObjection', 'BAD_USER_INPUT', '`input.reason` must not contain control characters, bidirectional overrides or invisible characters', { argumentName: 'input.reason' }),
      );
      expect(await arrearsSeenBy(null, undefined, [A_UPHELD])).toEqual([{ documentNumber: A_UPHELD, version: 1, objectionStatus: 'NONE' }]);
    });

    it("refuses another bureau's answer and CORRECTED before a correction; a correction keeps the mark, the answer sets CORRECTED, and a second answer is refused", async () => {
      const FORBIDDEN_ANSWER = "Only the record's source authority, submitting its record type, answers an objection to it (or no such objection exists)";
      const other = await answer(A_CORRECTED, 'UPHELD', XUHUI_TAX);
      expect(other.body).toEqual(refused('answerTaxationObjection', 'FORBIDDEN', FORBIDDEN_ANSWER));
      // The same bureau with a token that submits only credit ratings neither answers nor lists an objection to arrears.
      const ratingsOnly = { ...PUDONG_TAX, submits: ['tax.rating'] };
      const objection = await objectionTo(A_CORRECTED);
      const narrow = await as(gateway.url, ratingsOnly, ANSWER, { input: { objection, outcome: 'UPHELD', reasons: '经核实' } });
      expect(narrow.body).toEqual(refused('answerTaxationObjection', 'FORBIDDEN', FORBIDDEN_ANSWER));
      const narrowQueue = await as(gateway.url, ratingsOnly, QUEUE, {});
      expect(narrowQueue.body).toEqual({ data: { taxationObjectionQueue: { nodes: [] } } });
      const unknown = await as(gateway.url, PUDONG_TAX, ANSWER, { input: { objection: '00000000-0000-4000-8000-000000000000', outcome: 'UPHELD', reasons: '经核实' } });
      expect(unknown.body).toEqual(refused('answerTaxationObjection', 'FORBIDDEN', FORBIDDEN_ANSWER));
      const early = await answer(A_CORRECTED, 'CORRECTED');
      expect(early.body).toEqual(
        refused('answerTaxationObjection', 'CONFLICT', 'No correction since the objection (to version 1): submit the corrected record with a correctionReason first, then answer CORRECTED'),
      );

      await as(gateway.url, PUDONG_TAX, SUBMIT, { records: [arrears(A_CORRECTED, { amountOwed: '0.01', correctionReason: '核实后更正欠税金额' })] });
      expect(await arrearsSeenBy(null, undefined, [A_CORRECTED])).toEqual([{ documentNumber: A_CORRECTED, version: 2, objectionStatus: 'UNDER_OBJECTION' }]);
      const corrected = await answer(A_CORRECTED, 'CORRECTED');
      expect(corrected.body).toEqual({
        data: { answerTaxationObjection: { documentNumber: A_CORRECTED, status: 'CORRECTED', answer: '经核实', answeredAt: '2026-12-01T02:01:00.000Z', recordVersion: 1 } },
      });
      expect(await arrearsSeenBy(DEMO_BANK_CALLER, 'LOAN_APPROVAL', [A_CORRECTED])).toEqual([{ documentNumber: A_CORRECTED, version: 2, objectionStatus: 'CORRECTED' }]);
      const twice = await answer(A_CORRECTED, 'UPHELD');
      expect(twice.body).toEqual(refused('answerTaxationObjection', 'CONFLICT', 'This objection was already answered (CORRECTED); an answer is final'));
    });

    it('answers UPHELD: the record stays, marked UPHELD', async () => {
      tick();
      await file(A_UPHELD);
      const upheld = await answer(A_UPHELD, 'UPHELD');
      expect(upheld.body.data).toEqual({ answerTaxationObjection: { documentNumber: A_UPHELD, status: 'UPHELD', answer: '经核实', answeredAt: '2026-12-01T02:02:00.000Z', recordVersion: 1 } });
      expect(await arrearsSeenBy(null, undefined, [A_UPHELD])).toEqual([{ documentNumber: A_UPHELD, version: 1, objectionStatus: 'UPHELD' }]);
    });

    it('answers UNVERIFIABLE: the record is withdrawn with the answer, gone from every list, and its withdrawal noticed', async () => {
      tick();
      await file(A_UNVERIFIABLE);
      const unverifiable = await answer(A_UNVERIFIABLE, 'UNVERIFIABLE');
      expect(unverifiable.body.data).toEqual({ answerTaxationObjection: { documentNumber: A_UNVERIFIABLE, status: 'UNVERIFIABLE', answer: '经核实', answeredAt: '2026-12-01T02:03:00.000Z', recordVersion: 1 } });
      expect(await arrearsSeenBy(self(company), 'SELF_QUERY', [A_UNVERIFIABLE])).toEqual([]);
      expect(await arrearsSeenBy(REGULATOR, 'SUPERVISION', [A_UNVERIFIABLE])).toEqual([]);
      const versions = await graph.stores.taxation.db('tax_arrears_notices').where({ document_number: A_UNVERIFIABLE }).orderBy('version').select('version', 'state', 'change', 'change_reason', 'objection_status', 'objection_due_on');
      expect(versions).toEqual([
        { version: 1, state: 'IN_FORCE', change: 'SUBMITTED', change_reason: null, objection_status: 'UNDER_OBJECTION', objection_due_on: expect.anything() },
        { version: 2, state: 'WITHDRAWN', change: 'WITHDRAWN', change_reason: 'objection unverifiable: 经核实', objection_status: 'UNVERIFIABLE', objection_due_on: null },
      ]);
      const notices = await as(gateway.url, self(company), `query N($code: ID!) { subject(code: $code) { taxation { notices(first: 1) { nodes { documentNumber change summary } } } } }`, { code: company }, 'SELF_QUERY');
      expect(notices.body.data).toEqual({ subject: { taxation: { notices: { nodes: [{ documentNumber: A_UNVERIFIABLE, change: 'WITHDRAWN', summary: '撤回：objection unverifiable: 经核实' }] } } } });
    });

    it("shows every step in the subject's objections and in the authority's queue, to them and not to a bank or the authority", async () => {
      tick();
      await file(A_OVERDUE);
      const mine = await as(gateway.url, self(company), MINE, { code: company }, 'SELF_QUERY');
      expect(mine.body).toEqual({
        data: {
          subject: {
            taxation: {
              objections: {
                totalCount: 4,
                nodes: [
                  { documentNumber: A_OVERDUE, status: 'OPEN', answer: null, recordVersion: 1, overdue: false },
                  { documentNumber: A_UNVERIFIABLE, status: 'UNVERIFIABLE', answer: '经核实', recordVersion: 1, overdue: false },
                  { documentNumber: A_UPHELD, status: 'UPHELD', answer: '经核实', recordVersion: 1, overdue: false },
                  { documentNumber: A_CORRECTED, status: 'CORRECTED', answer: '经核实', recordVersion: 1, overdue: false },
                ],
              },
            },
          },
        },
      });
      const open = await as(gateway.url, PUDONG_TAX, QUEUE, { status: 'OPEN' });
      expect(open.body).toEqual({ data: { taxationObjectionQueue: { nodes: [{ documentNumber: A_OVERDUE, status: 'OPEN', reason: '税款已于 2026 年 10 月缴清' }] } } });
      const others = await as(gateway.url, XUHUI_TAX, QUEUE, {});
      expect(others.body).toEqual({ data: { taxationObjectionQueue: { nodes: [] } } });
      // A bank without the subject's consent, and the source authority itself, do not read the subject's own list.
      for (const [claims, purpose] of [[DEMO_BANK_CALLER, 'LOAN_APPROVAL'], [PUDONG_TAX, undefined]] as const) {
        const other = await as(gateway.url, claims, MINE, { code: company }, purpose);
        expect(other.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'recourse.objection' }) })]);
      }
    });
  });

  describe('an objection left unanswered past its due day', () => {
    const log: string[] = [];
    const logger = { info: (m: string) => log.push(m), warn: (m: string) => log.push(m) };
    const metric = async (name: string) => {
      const text = await subgraphMetricsOf(graph.subgraphs.taxation).text();
      return text.split('\n').find((line) => line.startsWith(`credit_graph_${name}{subgraph="taxation"}`));
    };

    it('withholds the record from a bank and the public, not from the subject or a regulator, and lists it for regulators', async () => {
      clock.set('2026-12-22T02:00:00Z');
      const marked = [{ documentNumber: A_OVERDUE, version: 1, objectionStatus: 'UNDER_OBJECTION' }];
      expect(await arrearsSeenBy(DEMO_BANK_CALLER, 'LOAN_APPROVAL', [A_OVERDUE])).toEqual([]);
      expect(await arrearsSeenBy(null, undefined, [A_OVERDUE])).toEqual([]);
      expect(await arrearsSeenBy(self(company), 'SELF_QUERY', [A_OVERDUE])).toEqual(marked);
      expect(await arrearsSeenBy(REGULATOR, 'SUPERVISION', [A_OVERDUE])).toEqual(marked);
      const overdue = await as(gateway.url, REGULATOR, OVERDUE, {}, 'SUPERVISION');
      expect(overdue.body).toEqual({ data: { taxationOverdueObjections: { nodes: [{ documentNumber: A_OVERDUE, status: 'OPEN', overdue: true, dueOn: '2026-12-21', escalatedAt: null }] } } });
      const bank = await as(gateway.url, DEMO_BANK_CALLER, OVERDUE, {}, 'LOAN_APPROVAL');
      expect(bank.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'recourse.oversight' }) })]);
      expect(await metric('objections_overdue')).toBe('credit_graph_objections_overdue{subgraph="taxation"} 1');
    });

    it('is escalated once by the job, counted, and released by the answer', async () => {
      const metrics = subgraphMetricsOf(graph.subgraphs.taxation);
      const job = startObjectionEscalation(taxationSector, graph.stores.taxation.db, '5 0 1 1 *', settingsOn(clock), logger, (n) => metrics.objectionsEscalated(n))!;
      await job.runNow();
      await job.runNow();
      await job.stop();
      expect(log.filter((line) => line.includes('escalated'))).toEqual([expect.stringMatching(/^objection [0-9a-f-]{36} to a TaxArrearsNotice of authority \w{18} is unanswered past its due day 2026-12-21: escalated$/)]);
      expect(await metric('objections_escalated_total')).toBe('credit_graph_objections_escalated_total{subgraph="taxation"} 1');
      const overdue = await as(gateway.url, REGULATOR, OVERDUE, {}, 'SUPERVISION');
      expect(overdue.body.data).toEqual({ taxationOverdueObjections: { nodes: [expect.objectContaining({ documentNumber: A_OVERDUE, escalatedAt: '2026-12-22T02:00:00.000Z' })] } });

      await answer(A_OVERDUE, 'UPHELD');
      expect(await arrearsSeenBy(DEMO_BANK_CALLER, 'LOAN_APPROVAL', [A_OVERDUE])).toEqual([{ documentNumber: A_OVERDUE, version: 1, objectionStatus: 'UPHELD' }]);
      expect(await metric('objections_overdue')).toBe('credit_graph_objections_overdue{subgraph="taxation"} 0');
    });
  });

  describe('in every sector, from the same declaration', () => {
    it('lets a subject object to an Ecommerce penalty (Mercurius) and to a registry listing (Subject.listingObjections)', async () => {
      const penalty = await as(gateway.url, PUDONG_MARKET, `mutation S($records: [CounterfeitPenaltyInput!]!) { submitCounterfeitPenalties(records: $records) { results { id } } }`, {
        records: [{ subject: company, documentNumber: '沪浦市监罚〔2026〕301号', decisionDate: '2026-11-20', actEndedOn: '2026-09-30', goods: '假冒注册商标的运动鞋', illegalIncome: '4800.00', confiscatedValue: '3000.00', fineAmount: '9600.00' }],
      });
      const penaltyId = (penalty.body.data as { submitCounterfeitPenalties: { results: Array<{ id: string }> } }).submitCounterfeitPenalties.results[0]!.id;
      const listing = await as(gateway.url, PUDONG_MARKET, `mutation S($records: [AbnormalOperationListingInput!]!) { submitAbnormalOperationListings(records: $records) { results { id } } }`, {
        records: [{ subject: company, documentNumber: '沪浦市监异〔2026〕301号', decisionDate: '2026-11-20', reason: '未按规定期限公示年度报告', listedOn: '2026-11-20' }],
      });
      const listingId = (listing.body.data as { submitAbnormalOperationListings: { results: Array<{ id: string }> } }).submitAbnormalOperationListings.results[0]!.id;

      const input = (record: string) => ({ input: { subject: company, record, reason: '已整改' } });
      const ecommerce = await as(gateway.url, self(company), `mutation F($input: FileObjectionInput!) { fileEcommerceObjection(input: $input) { recordType status dueOn } }`, input(penaltyId), 'SELF_QUERY');
      expect(ecommerce.body).toEqual({ data: { fileEcommerceObjection: { recordType: 'CounterfeitPenalty', status: 'OPEN', dueOn: '2027-01-11' } } });
      const registry = await as(gateway.url, self(company), `mutation F($input: FileObjectionInput!) { fileRegistryObjection(input: $input) { recordType status } }`, input(listingId), 'SELF_QUERY');
      expect(registry.body).toEqual({ data: { fileRegistryObjection: { recordType: 'AbnormalOperationListing', status: 'OPEN' } } });
      // A record of another sector is not this sector's to object to.
      const crossed = await as(gateway.url, self(company), `mutation F($input: FileObjectionInput!) { fileEcommerceObjection(input: $input) { status } }`, input(listingId), 'SELF_QUERY');
      expect(crossed.body).toEqual(refused('fileEcommerceObjection', 'BAD_USER_INPUT', '`input.record` is not the id of a record of ecommerce', { argumentName: 'input.record' }, 'ecommerce'));

      const lists = await as(
        gateway.url,
        self(company),
        `query L($code: ID!) { subject(code: $code) { listingObjections(first: 5) { nodes { documentNumber status } } ecommerce { objections(first: 5) { nodes { documentNumber status } } } } }`,
        { code: company },
        'SELF_QUERY',
      );
      expect(lists.body).toEqual({
        data: {
          subject: {
            listingObjections: { nodes: [{ documentNumber: '沪浦市监异〔2026〕301号', status: 'OPEN' }] },
            ecommerce: { objections: { nodes: [{ documentNumber: '沪浦市监罚〔2026〕301号', status: 'OPEN' }] } },
          },
        },
      });
      const answered = await as(gateway.url, PUDONG_MARKET, `{ registryObjectionQueue(status: OPEN, first: 5) { nodes { documentNumber } } ecommerceObjectionQueue(first: 5) { nodes { documentNumber } } }`);
      expect(answered.body).toEqual({
        data: { registryObjectionQueue: { nodes: [{ documentNumber: '沪浦市监异〔2026〕301号' }] }, ecommerceObjectionQueue: { nodes: [{ documentNumber: '沪浦市监罚〔2026〕301号' }] } },
      });
    });

    it('closes an open objection as WITHDRAWN when its source authority withdraws the record, and takes no answer after', async () => {
      const WITHDRAWN_DOC = '沪浦税欠〔2026〕105号';
      const submitted = await as(gateway.url, PUDONG_TAX, SUBMIT, { records: [arrears(WITHDRAWN_DOC)] });
      ids.set(WITHDRAWN_DOC, (submitted.body.data as { submitTaxArrearsNotices: { results: Array<{ id: string }> } }).submitTaxArrearsNotices.results[0]!.id);
      tick();
      expect((await file(WITHDRAWN_DOC)).body.errors).toBeUndefined();
      const objection = await objectionTo(WITHDRAWN_DOC);
      const withdrawn = await as(gateway.url, PUDONG_TAX, `mutation W($records: [WithdrawRecordInput!]!) { withdrawTaxationRecords(recordType: TaxArrearsNotice, records: $records) { withdrawn } }`, {
        records: [{ documentNumber: WITHDRAWN_DOC, reason: '登记错误' }],
      });
      expect(withdrawn.body).toEqual({ data: { withdrawTaxationRecords: { withdrawn: 1 } } });
      const mine = await as(gateway.url, self(company), `query M($code: ID!) { subject(code: $code) { taxation { objections(first: 1) { nodes { documentNumber status answer } } } } }`, { code: company }, 'SELF_QUERY');
      expect(mine.body).toEqual({ data: { subject: { taxation: { objections: { nodes: [{ documentNumber: WITHDRAWN_DOC, status: 'WITHDRAWN', answer: '记录已撤回：登记错误' }] } } } } });
      const late = await as(gateway.url, PUDONG_TAX, ANSWER, { input: { objection, outcome: 'UPHELD', reasons: '经核实' } });
      expect(late.body).toEqual(refused('answerTaxationObjection', 'CONFLICT', 'This objection was already answered (WITHDRAWN); an answer is final'));
    });

    it('takes an objection to a record that came without a document number, and withdraws it when its source cannot verify it', async () => {
      const db = graph.stores.ecommerce.db;
      const shop = await db('online_shops').whereNull('document_number').where({ current: true, state: 'IN_FORCE' }).orderBy('id').first<{ subject_code: string; record_id: string; authority_name: string; authority_code: string }>();
      const owner = self(shop.subject_code);
      const record = `OnlineShop:${sealRowId(await recordKey(db), Number(shop.record_id))}`;
      const filed = await as(gateway.url, owner, `mutation F($input: FileObjectionInput!) { fileEcommerceObjection(input: $input) { recordType documentNumber status } }`, { input: { subject: owner.subject, record, reason: '网店已于 2026 年 6 月关闭' } }, 'SELF_QUERY');
      expect(filed.body).toEqual({ data: { fileEcommerceObjection: { recordType: 'OnlineShop', documentNumber: null, status: 'OPEN' } } });
      // The shop's source authority, as its token names it (the demo data's authority).
      const source = { ...authority(shop.authority_name, '310115', ['ecommerce.shop']), org: shop.authority_code };
      const queue = await as(gateway.url, source, `{ ecommerceObjectionQueue(status: OPEN, first: 5) { nodes { id recordId documentNumber } } }`);
      const objection = (queue.body.data as { ecommerceObjectionQueue: { nodes: Array<{ id: string; recordId: string }> } }).ecommerceObjectionQueue.nodes.find((n) => n.recordId === record)!;
      const answered = await as(gateway.url, source, `mutation A($input: AnswerObjectionInput!) { answerEcommerceObjection(input: $input) { documentNumber status } }`, { input: { objection: objection.id, outcome: 'UNVERIFIABLE', reasons: '无法核实' } });
      expect(answered.body).toEqual({ data: { answerEcommerceObjection: { documentNumber: null, status: 'UNVERIFIABLE' } } });
      const versions = await db('online_shops').where({ record_id: shop.record_id }).orderBy('version').select('version', 'state', 'change_reason', 'objection_status');
      expect(versions).toEqual([
        { version: 1, state: 'IN_FORCE', change_reason: null, objection_status: 'UNDER_OBJECTION' },
        { version: 2, state: 'WITHDRAWN', change_reason: 'objection unverifiable: 无法核实', objection_status: 'UNVERIFIABLE' },
      ]);
    });
  });
});
