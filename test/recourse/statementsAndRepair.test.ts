import { startSubgraphs, startGateway, urlOverrides, DEMO_BANK_CALLER, TAX_BUREAU, type RunningGraph } from '../support/graph';
import { as, MovableClock, PUDONG_MARKET, PUDONG_TAX, XUHUI_TAX, seededSubjects, settingsOn } from '../support/lifeCycle';

/**
 * A subject's own statements and credit repair through the gateway, as the subject, its source
 * authorities, a bank, a government department and the public: taxation (Apollo), the registry's
 * listings (on `Subject`) and e-commerce (Mercurius).
 */
describe('own statements and credit repair', () => {
  let graph: RunningGraph;
  let gateway: { url: string; app: { close(): Promise<unknown> } };
  const clock = new MovableClock('2026-12-01T02:00:00Z');
  let company: string;
  let person: string;

  const self = (code: string) => ({ kind: 'SUBJECT' as const, org: code, subject: code, grants: [], purposes: ['SELF_QUERY'] });
  const mine = (query: string, variables: Record<string, unknown>) => as(gateway.url, self(company), query, variables, 'SELF_QUERY');

  const SUBMIT_PENALTIES = `mutation S($records: [TaxPenaltyInput!]!) { submitTaxPenalties(records: $records) { results { id } } }`;
  const SET = `mutation Set($input: RecordStatementInput!) { setTaxationStatement(input: $input) { recordType recordId text state endedAt } }`;
  const WITHDRAW = `mutation W($subject: ID!, $record: ID!) { withdrawTaxationStatement(subject: $subject, record: $record) { text state endedAt } }`;
  const PENALTIES = `query P($code: ID!) { subject(code: $code) { taxation { penalties(first: 50) { nodes { documentNumber repairStatus statement { text state } } } } } }`;
  const APPLY = `mutation A($input: RepairApplicationInput!) { applyForTaxationRepair(input: $input) { id recordType documentNumber sourceAuthority { code } status decision } }`;
  const DECIDE = `mutation D($input: RepairDecisionInput!) { decideTaxationRepair(input: $input) { documentNumber status decision } }`;

  /** A refusal as the gateway answers it: the message, the code and the rule, from the subgraph that refused. */
  const refusal = (message: unknown, extensions: Record<string, unknown>, service = 'taxation') =>
    expect.objectContaining({ message, extensions: { ...extensions, serviceName: service } });

  function penalty(documentNumber: string, extra: Record<string, unknown> = {}) {
    return { subject: company, documentNumber, decisionDate: '2026-11-20', violation: '未按期申报', penaltyType: 'FINE', fineAmount: '2000.00', legalBasis: '《税收征收管理法》第六十二条', ...extra };
  }

  async function submitPenalty(documentNumber: string, extra: Record<string, unknown> = {}): Promise<string> {
    const response = await as(gateway.url, PUDONG_TAX, SUBMIT_PENALTIES, { records: [penalty(documentNumber, extra)] });
    return (response.body.data as { submitTaxPenalties: { results: Array<{ id: string }> } }).submitTaxPenalties.results[0]!.id;
  }

  /** The penalties of the company a caller sees, by document number. */
  async function penaltiesAs(claims: Parameters<typeof as>[1], purpose: string | undefined, documents: readonly string[]) {
    const response = await as(gateway.url, claims, PENALTIES, { code: company }, purpose);
    expect(response.body.errors).toBeUndefined();
    const nodes = (response.body.data as { subject: { taxation: { penalties: { nodes: Array<{ documentNumber: string }> } } } }).subject.taxation.penalties.nodes;
    return nodes.filter((n) => documents.includes(n.documentNumber));
  }

  beforeAll(async () => {
    graph = await startSubgraphs({}, { records: settingsOn(clock), only: ['registry', 'access', 'taxation', 'ecommerce'] });
    gateway = await startGateway(urlOverrides(graph.subgraphUrls));
    ({ company, person } = await seededSubjects(graph.stores.registry));
  });

  afterAll(async () => {
    await gateway.app.close();
    await graph.close();
  });

  describe('a statement on a record', () => {
    const DOC = '沪浦税罚〔2026〕101号';
    let record: string;

    beforeAll(async () => {
      record = await submitPenalty(DOC);
    });

    it('is set by the subject and seen with the record by a bank and by the public', async () => {
      const set = await mine(SET, { input: { subject: company, record, text: '罚款已于 2026 年 11 月 25 日缴清。' } });
      expect(set.body).toEqual({ data: { setTaxationStatement: { recordType: 'TaxPenalty', recordId: record, text: '罚款已于 2026 年 11 月 25 日缴清。', state: 'CURRENT', endedAt: null } } });
      const seen = [{ documentNumber: DOC, repairStatus: 'NONE', statement: { text: '罚款已于 2026 年 11 月 25 日缴清。', state: 'CURRENT' } }];
      expect(await penaltiesAs(DEMO_BANK_CALLER, 'LOAN_APPROVAL', [DOC])).toEqual(seen);
      expect(await penaltiesAs(null, undefined, [DOC])).toEqual(seen);
    });

    it('is replaced, then withdrawn, and the subject reads its history newest first', async () => {
      clock.set('2026-12-01T03:00:00Z');
      const replaced = await mine(SET, { input: { subject: company, record, text: '另：已完成纳税申报辅导。' } });
      expect(replaced.body.errors).toBeUndefined();
      expect(await penaltiesAs(null, undefined, [DOC])).toEqual([{ documentNumber: DOC, repairStatus: 'NONE', statement: { text: '另：已完成纳税申报辅导。', state: 'CURRENT' } }]);
      clock.set('2026-12-01T04:00:00Z');
      const withdrawn = await mine(WITHDRAW, { subject: company, record });
      expect(withdrawn.body).toEqual({ data: { withdrawTaxationStatement: { text: '另：已完成纳税申报辅导。', state: 'WITHDRAWN', endedAt: '2026-12-01T04:00:00.000Z' } } });
      expect(await penaltiesAs(null, undefined, [DOC])).toEqual([{ documentNumber: DOC, repairStatus: 'NONE', statement: null }]);
      const again = await mine(WITHDRAW, { subject: company, record });
      expect(again.body.errors).toEqual([refusal('The record has no current statement to withdraw', { code: 'CONFLICT', rule: 'CURRENT_STATEMENT' })]);

      const history = await mine(`query H($code: ID!) { subject(code: $code) { taxation { statements(first: 10) { totalCount nodes { text state madeAt endedAt } } } } }`, { code: company });
      expect(history.body).toEqual({
        data: {
          subject: {
            taxation: {
              statements: {
                totalCount: 2,
                nodes: [
                  { text: '另：已完成纳税申报辅导。', state: 'WITHDRAWN', madeAt: '2026-12-01T03:00:00.000Z', endedAt: '2026-12-01T04:00:00.000Z' },
                  { text: '罚款已于 2026 年 11 月 25 日缴清。', state: 'REPLACED', madeAt: '2026-12-01T02:00:00.000Z', endedAt: '2026-12-01T03:00:00.000Z' },
                ],
              },
            },
          },
        },
      });
    });

    it("follows a natural person's record under the subject-type ceiling: a department with a grant sees it with the record, the public sees neither", async () => {
      const response = await as(gateway.url, PUDONG_TAX, SUBMIT_PENALTIES, { records: [penalty('沪浦税罚〔2026〕102号', { subject: person })] });
      const target = (response.body.data as { submitTaxPenalties: { results: Array<{ id: string }> } }).submitTaxPenalties.results[0]!.id;
      const set = await as(gateway.url, self(person), SET, { input: { subject: person, record: target, text: '已缴清罚款。' } }, 'SELF_QUERY');
      expect(set.body.errors).toBeUndefined();
      const QUERY = `query P($code: ID!) { subject(code: $code) { taxation { penalties(first: 5) { nodes { documentNumber statement { text } } } } } }`;
      const department = await as(gateway.url, TAX_BUREAU, QUERY, { code: person }, 'SUPERVISION');
      expect(department.body).toEqual({ data: { subject: { taxation: { penalties: { nodes: [{ documentNumber: '沪浦税罚〔2026〕102号', statement: { text: '已缴清罚款。' } }] } } } } });
      const pub = await as(gateway.url, null, QUERY, { code: person });
      // A person the caller may not see answers as an unknown code does.
      expect(pub.body).toEqual({ data: { subject: null } });
    });

    it('refuses 201 characters, and a subject acting on a record that is not its own', async () => {
      const long = await mine(SET, { input: { subject: company, record, text: '好'.repeat(201) } });
      expect(long.body).toEqual({
        data: { setTaxationStatement: null },
        errors: [refusal('`text` must be at most 200 characters, got 201', { code: 'BAD_USER_INPUT', argumentName: 'text' })],
      });
      // A record id with anything after its sealed part is no record id.
      const trailing = await mine(SET, { input: { subject: company, record: `${record}:AAAAAAAAAAAAAAAAAAAAAA`, text: '已缴清罚款。' } });
      expect(trailing.body).toEqual({ data: { setTaxationStatement: null }, errors: [refusal('`record` is not the id of a record of this sector', { code: 'BAD_USER_INPUT', argumentName: 'record' })] });
      const other = await as(gateway.url, self(person), SET, { input: { subject: person, record, text: '不是我的记录' } }, 'SELF_QUERY');
      expect(other.body).toEqual({ data: { setTaxationStatement: null }, errors: [refusal(expect.stringContaining('Only the subject itself'), { code: 'FORBIDDEN' })] });
    });
  });

  describe('credit repair of a penalty', () => {
    const DOC = '沪浦税罚〔2026〕201号';
    const REJECTED = '沪浦税罚〔2026〕202号';
    let record: string;
    let application: string;
    const apply = (target: string) => mine(APPLY, { input: { subject: company, record: target, measures: '罚款已缴清，已补办申报。', commitment: '今后按期申报。' } });

    beforeAll(async () => {
      clock.set('2026-12-01T05:00:00Z');
      record = await submitPenalty(DOC);
    });

    it('is refused before the minimum publicity term, and applied for after it', async () => {
      const early = await apply(record);
      expect(early.body).toEqual({
        data: { applyForTaxationRepair: null },
        errors: [refusal(expect.stringContaining('Not before 2027-02-20: the minimum publicity term is 3 months from the decision'), { code: 'CONFLICT', rule: 'MINIMUM_TERM', admissibleFrom: '2027-02-20' })],
      });
      clock.set('2027-02-21T02:00:00Z');
      const applied = await apply(record);
      expect(applied.body).toEqual({
        data: { applyForTaxationRepair: { id: expect.any(String), recordType: 'TaxPenalty', documentNumber: DOC, sourceAuthority: { code: PUDONG_TAX.org }, status: 'APPLIED', decision: null } },
      });
      application = (applied.body.data as { applyForTaxationRepair: { id: string } }).applyForTaxationRepair.id;
      const twice = await apply(record);
      expect(twice.body.errors).toEqual([refusal(expect.any(String), { code: 'CONFLICT', rule: 'PENDING_APPLICATION' })]);
      const queue = await as(gateway.url, PUDONG_TAX, `{ taxationRepairQueue(status: APPLIED) { nodes { id documentNumber measures } } }`);
      expect(queue.body).toEqual({ data: { taxationRepairQueue: { nodes: [{ id: application, documentNumber: DOC, measures: '罚款已缴清，已补办申报。' }] } } });
    });

    it('is decided by the source authority only: approved, the record leaves the public view and stays in the government’s, marked REPAIRED', async () => {
      const other = await as(gateway.url, XUHUI_TAX, DECIDE, { input: { application, approve: true, reasons: '同意' } });
      expect(other.body).toEqual({ data: { decideTaxationRepair: null }, errors: [refusal(expect.stringContaining('Only the record’s source authority'), { code: 'FORBIDDEN' })] });
      // The same bureau with a token that submits only credit ratings neither decides nor lists a penalty's repair.
      const ratingsOnly = { ...PUDONG_TAX, submits: ['tax.rating'] };
      const narrow = await as(gateway.url, ratingsOnly, DECIDE, { input: { application, approve: true, reasons: '同意' } });
      expect(narrow.body).toEqual({ data: { decideTaxationRepair: null }, errors: [refusal(expect.stringContaining('Only the record’s source authority'), { code: 'FORBIDDEN' })] });
      const narrowQueue = await as(gateway.url, ratingsOnly, `{ taxationRepairQueue(first: 5) { nodes { id } } }`);
      expect(narrowQueue.body).toEqual({ data: { taxationRepairQueue: { nodes: [] } } });
      const approved = await as(gateway.url, PUDONG_TAX, DECIDE, { input: { application, approve: true, reasons: '已履行处罚，同意提前停止公示' } });
      expect(approved.body).toEqual({ data: { decideTaxationRepair: { documentNumber: DOC, status: 'APPROVED', decision: '已履行处罚，同意提前停止公示' } } });
      expect(await penaltiesAs(null, undefined, [DOC])).toEqual([]);
      expect(await penaltiesAs(DEMO_BANK_CALLER, 'LOAN_APPROVAL', [DOC])).toEqual([]);
      expect(await penaltiesAs(TAX_BUREAU, 'SUPERVISION', [DOC])).toEqual([{ documentNumber: DOC, repairStatus: 'REPAIRED', statement: null }]);
      const again = await as(gateway.url, PUDONG_TAX, DECIDE, { input: { application, approve: false, reasons: '重复' } });
      expect(again.body.errors).toEqual([refusal('The application was already decided: APPROVED', { code: 'CONFLICT', rule: 'ALREADY_DECIDED' })]);
      const repairedAgain = await apply(record);
      expect(repairedAgain.body.errors).toEqual([refusal(expect.any(String), { code: 'CONFLICT', rule: 'ALREADY_REPAIRED' })]);
    });

    it('is rejected with reasons (the record stays public, marked REJECTED), and the subject reads its applications', async () => {
      const target = await submitPenalty(REJECTED, { decisionDate: '2026-11-01' });
      const applied = await apply(target);
      const id = (applied.body.data as { applyForTaxationRepair: { id: string } }).applyForTaxationRepair.id;
      const rejected = await as(gateway.url, PUDONG_TAX, DECIDE, { input: { application: id, approve: false, reasons: '罚款尚未缴清' } });
      expect(rejected.body).toEqual({ data: { decideTaxationRepair: { documentNumber: REJECTED, status: 'REJECTED', decision: '罚款尚未缴清' } } });
      expect(await penaltiesAs(null, undefined, [REJECTED])).toEqual([{ documentNumber: REJECTED, repairStatus: 'REJECTED', statement: null }]);
      const history = await mine(`query R($code: ID!) { subject(code: $code) { taxation { repairApplications(first: 10) { nodes { documentNumber status decision } } } } }`, { code: company });
      expect(history.body).toEqual({
        data: {
          subject: {
            taxation: {
              repairApplications: {
                nodes: expect.arrayContaining([
                  { documentNumber: DOC, status: 'APPROVED', decision: '已履行处罚，同意提前停止公示' },
                  { documentNumber: REJECTED, status: 'REJECTED', decision: '罚款尚未缴清' },
                ]),
              },
            },
          },
        },
      });
    });

    it('closes a pending application and the current statement as WITHDRAWN when the source authority withdraws the record, and takes no decision after', async () => {
      const target = await submitPenalty('沪浦税罚〔2026〕203号', { decisionDate: '2026-11-01' });
      const stated = await mine(SET, { input: { subject: company, record: target, text: '罚款已缴清。' } });
      expect(stated.body.errors).toBeUndefined();
      const applied = await apply(target);
      const id = (applied.body.data as { applyForTaxationRepair: { id: string } }).applyForTaxationRepair.id;
      const withdrawn = await as(gateway.url, PUDONG_TAX, `mutation W($records: [WithdrawRecordInput!]!) { withdrawTaxationRecords(recordType: TaxPenalty, records: $records) { withdrawn } }`, {
        records: [{ documentNumber: '沪浦税罚〔2026〕203号', reason: '处罚决定已撤销' }],
      });
      expect(withdrawn.body).toEqual({ data: { withdrawTaxationRecords: { withdrawn: 1 } } });
      const late = await as(gateway.url, PUDONG_TAX, DECIDE, { input: { application: id, approve: true, reasons: '同意' } });
      expect(late.body).toEqual({ data: { decideTaxationRepair: null }, errors: [refusal('The application was already decided: WITHDRAWN', { code: 'CONFLICT', rule: 'ALREADY_DECIDED' })] });
      // The test's clock stands still: the subject's lists are read whole and the record's rows picked out.
      const history = await mine(`query R($code: ID!) { subject(code: $code) { taxation { repairApplications(first: 50) { nodes { recordId documentNumber status decision } } } } }`, { code: company });
      const applications = (history.body.data as { subject: { taxation: { repairApplications: { nodes: Array<{ recordId: string }> } } } }).subject.taxation.repairApplications.nodes;
      expect(applications.filter((a) => a.recordId === target)).toEqual([{ recordId: target, documentNumber: '沪浦税罚〔2026〕203号', status: 'WITHDRAWN', decision: '记录已撤回：处罚决定已撤销' }]);
      const statements = await mine(`query S($code: ID!) { subject(code: $code) { taxation { statements(first: 50) { nodes { recordId text state } } } } }`, { code: company });
      const mineOnRecord = (statements.body.data as { subject: { taxation: { statements: { nodes: Array<{ recordId: string }> } } } }).subject.taxation.statements.nodes;
      expect(mineOnRecord.filter((n) => n.recordId === target)).toEqual([{ recordId: target, text: '罚款已缴清。', state: 'WITHDRAWN' }]);
    });

    it('never repairs a licence revocation', async () => {
      const VIOLATION = `mutation V($records: [MajorTaxViolationInput!]!) { submitMajorTaxViolations(records: $records) { results { id } } }`;
      const submitted = await as(gateway.url, PUDONG_TAX, VIOLATION, {
        records: [{
          subject: company, documentNumber: '沪浦税稽〔2026〕301号', decisionDate: '2026-06-01', caseNature: '偷税', facts: '经查，该公司少缴税款。',
          legalBasis: '《税收征收管理法》第六十三条', penalty: '罚款，并提请吊销营业执照', amountInvolved: '500000.00', responsiblePersons: [],
        }],
      });
      const id = (submitted.body.data as { submitMajorTaxViolations: { results: Array<{ id: string }> } }).submitMajorTaxViolations.results[0]!.id;
      const refused = await apply(id);
      expect(refused.body).toEqual({
        data: { applyForTaxationRepair: null },
        errors: [refusal('This record is never repaired: a licence revocation, closure or business suspension is never repaired (SAMR penalty publicity Art. 14)', { code: 'CONFLICT', rule: 'NEVER_REPAIRED' })],
      });
    });
  });

  describe('the registry’s listings, on Subject', () => {
    const SUBMIT = (type: string) => `mutation S($records: [${type}Input!]!) { submit${type}s(records: $records) { results { id } } }`;
    const listing = (documentNumber: string) => ({ subject: company, documentNumber, decisionDate: '2027-01-10', reason: '未按规定期限公示年度报告', listedOn: '2027-01-10' });
    const APPLY_LISTING = `mutation A($input: RepairApplicationInput!) { applyForRegistryRepair(input: $input) { id status } }`;
    const LISTINGS = `query L($code: ID!) { subject(code: $code) { abnormalOperationListings(first: 10) { nodes { documentNumber repairStatus statement { text } } } } }`;

    it('takes a statement and, once no other listing is in force, a repair the bank still sees', async () => {
      const abnormal = await as(gateway.url, PUDONG_MARKET, SUBMIT('AbnormalOperationListing'), { records: [listing('沪浦市监异〔2027〕1号')] });
      await as(gateway.url, PUDONG_MARKET, SUBMIT('SeriousIllegalListing'), { records: [listing('沪浦市监严〔2027〕2号')] });
      const record = (abnormal.body.data as { submitAbnormalOperationListings: { results: Array<{ id: string }> } }).submitAbnormalOperationListings.results[0]!.id;

      const stated = await mine(`mutation S($input: RecordStatementInput!) { setRegistryStatement(input: $input) { state } }`, { input: { subject: company, record, text: '年度报告已补报。' } });
      expect(stated.body).toEqual({ data: { setRegistryStatement: { state: 'CURRENT' } } });
      const statements = await mine(`query H($code: ID!) { subject(code: $code) { listingStatements(first: 5) { nodes { recordType text } } } }`, { code: company });
      expect(statements.body).toEqual({ data: { subject: { listingStatements: { nodes: [{ recordType: 'AbnormalOperationListing', text: '年度报告已补报。' }] } } } });

      const input = { subject: company, record, measures: '已补报年度报告并公示。', commitment: '按期公示年度报告。' };
      const blocked = await mine(APPLY_LISTING, { input });
      expect(blocked.body.errors).toEqual([refusal(expect.stringContaining('Another listing of the subject (a SeriousIllegalListing) is in force'), { code: 'CONFLICT', rule: 'OTHER_LISTING' }, 'registry')]);
      await as(gateway.url, PUDONG_MARKET, `mutation { withdrawRegistryRecords(recordType: SeriousIllegalListing, records: [{ documentNumber: "沪浦市监严〔2027〕2号", reason: "列入有误" }]) { withdrawn } }`);
      const applied = await mine(APPLY_LISTING, { input });
      const id = (applied.body.data as { applyForRegistryRepair: { id: string; status: string } }).applyForRegistryRepair.id;
      expect(applied.body).toEqual({ data: { applyForRegistryRepair: { id, status: 'APPLIED' } } });
      await as(gateway.url, PUDONG_MARKET, `mutation D($input: RepairDecisionInput!) { decideRegistryRepair(input: $input) { status } }`, { input: { application: id, approve: true, reasons: '已改正' } });

      const pub = await as(gateway.url, null, LISTINGS, { code: company });
      expect(pub.body).toEqual({ data: { subject: { abnormalOperationListings: { nodes: [] } } } });
      const bank = await as(gateway.url, DEMO_BANK_CALLER, LISTINGS, { code: company }, 'LOAN_APPROVAL');
      expect(bank.body).toEqual({ data: { subject: { abnormalOperationListings: { nodes: [{ documentNumber: '沪浦市监异〔2027〕1号', repairStatus: 'REPAIRED', statement: { text: '年度报告已补报。' } }] } } } });
    });
  });

  describe('e-commerce (Mercurius)', () => {
    it('shows a counterfeit penalty’s statement to the public and takes its repair application', async () => {
      const submitted = await as(gateway.url, PUDONG_MARKET, `mutation S($records: [CounterfeitPenaltyInput!]!) { submitCounterfeitPenalties(records: $records) { results { id } } }`, {
        records: [{ subject: company, documentNumber: '沪浦市监罚〔2026〕401号', decisionDate: '2026-11-10', goods: '仿冒运动鞋', illegalIncome: '3000.00', confiscatedValue: '8000.00', fineAmount: '20000.00' }],
      });
      const record = (submitted.body.data as { submitCounterfeitPenalties: { results: Array<{ id: string }> } }).submitCounterfeitPenalties.results[0]!.id;
      await mine(`mutation S($input: RecordStatementInput!) { setEcommerceStatement(input: $input) { state } }`, { input: { subject: company, record, text: '已下架全部涉案商品。' } });
      const pub = await as(gateway.url, null, `query C($code: ID!) { subject(code: $code) { ecommerce { counterfeitPenalties(first: 5) { nodes { statement { text state } } } } } }`, { code: company });
      expect(pub.body).toEqual({ data: { subject: { ecommerce: { counterfeitPenalties: { nodes: [{ statement: { text: '已下架全部涉案商品。', state: 'CURRENT' } }] } } } } });
      const applied = await mine(`mutation A($input: RepairApplicationInput!) { applyForEcommerceRepair(input: $input) { status } }`, {
        input: { subject: company, record, measures: '罚款已缴清，涉案商品已销毁。', commitment: '不再销售假冒商品。' },
      });
      expect(applied.body).toEqual({ data: { applyForEcommerceRepair: { status: 'APPLIED' } } });
    });
  });
});
