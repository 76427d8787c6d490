import { startSubgraphs, startGateway, urlOverrides, REGULATOR, DEMO_BANK_CALLER, type RunningGraph } from '../support/graph';
import { as, MovableClock, PUDONG_HEALTH, PUDONG_MARKET, PUDONG_MEDICAL_INSURANCE, seededSubjects, settingsOn } from '../support/lifeCycle';
import { howToObject } from '../../shared/ingest/resolvers';

// One describe per module: its graph starts just before its tests and stops after them (see sectors.test.ts).
describe('healthcare life cycle', () => {
  /**
   * The healthcare record life cycle through the gateway: the medical-insurance bureau submits,
   * corrects and withdraws fund violations and staff scores; the health commission licences,
   * registrations and assessments; each subject reads the notices of its negative records.
   */

  let graph: RunningGraph;
  let gateway: { url: string; app: { close(): Promise<unknown> } };
  const clock = new MovableClock('2026-12-01T02:00:00Z');
  let company: string;
  let person: string;

  const SUBMIT_VIOLATIONS = `mutation Submit($records: [InsuranceFundViolationInput!]!) {
    submitInsuranceFundViolations(records: $records) { recordType received created corrected unchanged withdrawn notices results { line documentNumber outcome } }
  }`;
  const SUBMIT_SCORES = `mutation Submit($records: [InsuranceStaffScoreInput!]!) { submitInsuranceStaffScores(records: $records) { created notices } }`;
  const SUBMIT_LICENCES = `mutation Submit($records: [PracticeLicenceInput!]!) { submitPracticeLicences(records: $records) { created notices } }`;
  const SUBMIT_ASSESSMENTS = `mutation Submit($records: [PeriodicAssessmentInput!]!) { submitPeriodicAssessments(records: $records) { created notices } }`;
  const SUBMIT_CLINICAL = `mutation Submit($records: [ClinicalRecordInput!]!) { submitClinicalRecords(records: $records) { created notices } }`;
  const WITHDRAW = `mutation Withdraw($records: [WithdrawRecordInput!]!) {
    withdrawHealthcareRecords(recordType: InsuranceFundViolation, records: $records) { withdrawn unchanged notices results { line outcome } }
  }`;
  const VIOLATIONS = `query Violations($code: ID!) { subject(code: $code) { healthcare { insuranceFundViolations(first: 50) { nodes { documentNumber fineAmount publicityEndsOn version change } } } } }`;
  const VIOLATION_HISTORY = `query History($code: ID!) { subject(code: $code) { healthcare { insuranceFundViolations(first: 50) { nodes { documentNumber version history { version change changeReason fineMultiple fineAmount state recordedBy } } } } } }`;
  const LICENCES = `query Licences($code: ID!) { subject(code: $code) { healthcare { practiceLicences(first: 50) { nodes { documentNumber departments validUntil } } } } }`;
  const NOTICES = `query Notices($code: ID!) { subject(code: $code) { healthcare { notices(first: 20) { totalCount nodes { summary change howToObject } } } } }`;

  interface Node {
    readonly documentNumber: string;
    readonly [field: string]: unknown;
  }

  function nodesOf(data: unknown, list: string, documents: readonly string[]): Node[] {
    const nodes = (data as { subject: { healthcare: Record<string, { nodes: Node[] }> } }).subject.healthcare[list]!.nodes;
    return nodes.filter((n) => documents.includes(n.documentNumber));
  }

  /** Each submission a minute after the last, so that notices (newest first) come in a known order. */
  function submit(claims: Parameters<typeof as>[1], query: string, records: readonly unknown[]) {
    clock.set(new Date(clock.now().getTime() + 60_000));
    return as(gateway.url, claims, query, { records });
  }

  const self = (code: string) => ({ kind: 'SUBJECT' as const, org: code, subject: code, grants: [], purposes: ['SELF_QUERY'] });
  const objectTo = (claims: { name: string; org: string }, documentNumber: string) =>
    howToObject({ authority_name: claims.name, authority_code: claims.org, document_number: documentNumber }, 'fileHealthcareObjection', 20);

  const HEAVY = '沪浦医保罚〔2026〕11号';
  const LIGHT = '沪浦医保罚〔2026〕12号';
  const WITHDRAWN = '沪浦医保罚〔2026〕13号';

  function violation(documentNumber: string, extra: Record<string, unknown> = {}) {
    return {
      subject: company,
      documentNumber,
      decisionDate: '2026-11-20',
      actEndedOn: '2026-08-31',
      violation: '串换药品、医用耗材、诊疗项目和服务设施',
      recoveredAmount: '100000.00',
      fineMultiple: '2',
      fineAmount: '200000.00',
      suspendedMonths: 6,
      ...extra,
    };
  }

  const summaryOf = (fine: string, recovered = '100000.00', months = 6) =>
    `医保基金违法违规：串换药品、医用耗材、诊疗项目和服务设施，追回 ${recovered} 元，罚款 ${fine} 元，暂停结算 ${months} 个月`;

  beforeAll(async () => {
    graph = await startSubgraphs({}, { records: settingsOn(clock), only: ['registry', 'access', 'healthcare'] });
    gateway = await startGateway(urlOverrides(graph.subgraphUrls));
    ({ company, person } = await seededSubjects(graph.stores.registry));
  });

  afterAll(async () => {
    await gateway.app.close();
    await graph.close();
  });

  describe('the medical-insurance bureau submits fund violations through the gateway', () => {
    it('creates each violation once with its publicity term by kind (a warning alone 3 months, others 3 years), then reports the same again as unchanged', async () => {
      const first = await submit(PUDONG_MEDICAL_INSURANCE, SUBMIT_VIOLATIONS, [
        violation(HEAVY),
        violation(LIGHT, { recoveredAmount: '5000.00', fineMultiple: '0', fineAmount: '0', suspendedMonths: 0 }),
      ]);
      expect(first.body).toEqual({
        data: {
          submitInsuranceFundViolations: {
            recordType: 'InsuranceFundViolation', received: 2, created: 2, corrected: 0, unchanged: 0, withdrawn: 0, notices: 2,
            results: [
              { line: 1, documentNumber: HEAVY, outcome: 'CREATED' },
              { line: 2, documentNumber: LIGHT, outcome: 'CREATED' },
            ],
          },
        },
      });
      const list = await as(gateway.url, REGULATOR, VIOLATIONS, { code: company }, 'SUPERVISION');
      expect(list.body.errors).toBeUndefined();
      expect(nodesOf(list.body.data, 'insuranceFundViolations', [HEAVY, LIGHT])).toEqual([
        { documentNumber: LIGHT, fineAmount: '0.00', publicityEndsOn: '2027-02-20', version: 1, change: 'SUBMITTED' },
        { documentNumber: HEAVY, fineAmount: '200000.00', publicityEndsOn: '2029-11-20', version: 1, change: 'SUBMITTED' },
      ]);
      const again = await submit(PUDONG_MEDICAL_INSURANCE, SUBMIT_VIOLATIONS, [violation(HEAVY)]);
      expect(again.body).toEqual({
        data: {
          submitInsuranceFundViolations: {
            recordType: 'InsuranceFundViolation', received: 1, created: 0, corrected: 0, unchanged: 1, withdrawn: 0, notices: 0,
            results: [{ line: 1, documentNumber: HEAVY, outcome: 'UNCHANGED' }],
          },
        },
      });
    });

    it('refuses a batch with bad lines, naming each line and field, and writes none of it', async () => {
      const response = await submit(PUDONG_MEDICAL_INSURANCE, SUBMIT_VIOLATIONS, [
        violation('沪浦医保罚〔2026〕14号'),
        violation('沪浦医保罚〔2026〕15号', { fineMultiple: '1.5', suspendedMonths: 13 }),
        violation('沪浦医保罚〔2026〕16号', { fineAmount: '250000.00', actEndedOn: '2026-11-21' }),
      ]);
      // The refused mutation's own field is null; the report nothing was written is in its error.
      expect(Object.values(response.body.data as object)).toEqual([null]);
      expect(response.body.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({
            code: 'INVALID_RECORDS',
            problemCount: 4,
            problems: [
              { line: 2, field: 'suspendedMonths', reason: 'must be between 0 and 12, got 13' },
              { line: 2, field: 'fineMultiple', reason: 'must be 0 (no fine) or from 2 to 5 with at most one decimal, got 1.5' },
              { line: 3, field: 'decisionDate', reason: 'is before actEndedOn (2026-11-20 < 2026-11-21)' },
              { line: 3, field: 'fineAmount', reason: 'is not 2 times the amount recovered (100000.00)' },
            ],
          }),
        }),
      ]);
      const scores = await submit(PUDONG_MEDICAL_INSURANCE, SUBMIT_SCORES, [
        { subject: person, documentNumber: '沪浦医保记分〔2026〕9号', decisionDate: '2026-11-20', year: 2026, pointsDeducted: 12, paymentQualification: 'SUSPENDED', reasons: ['分解住院'] },
      ]);
      expect(scores.body.errors?.[0]?.extensions).toEqual(
        expect.objectContaining({
          code: 'INVALID_RECORDS',
          problems: [{ line: 1, field: 'paymentQualification', reason: 'must be TERMINATED at 12 points deducted (12 or more end it)' }],
        }),
      );
      const list = await as(gateway.url, REGULATOR, VIOLATIONS, { code: company }, 'SUPERVISION');
      expect(nodesOf(list.body.data, 'insuranceFundViolations', ['沪浦医保罚〔2026〕14号'])).toEqual([]);
    });

    it('corrects a violation into a second version: the subject sees its history, a bank with consent only the current version', async () => {
      const unexplained = await submit(PUDONG_MEDICAL_INSURANCE, SUBMIT_VIOLATIONS, [violation(HEAVY, { fineMultiple: '3', fineAmount: '300000.00' })]);
      expect(unexplained.body.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_RECORDS', problems: [{ line: 1, field: 'correctionReason' }] } });
      const corrected = await submit(PUDONG_MEDICAL_INSURANCE, SUBMIT_VIOLATIONS, [violation(HEAVY, { fineMultiple: '3', fineAmount: '300000.00', correctionReason: '复核认定为骗取医保基金' })]);
      expect(corrected.body.data).toMatchObject({ submitInsuranceFundViolations: { corrected: 1, notices: 1, results: [{ outcome: 'CORRECTED' }] } });

      const mine = await as(gateway.url, self(company), VIOLATION_HISTORY, { code: company }, 'SELF_QUERY');
      expect(mine.body.errors).toBeUndefined();
      expect(nodesOf(mine.body.data, 'insuranceFundViolations', [HEAVY])).toEqual([
        {
          documentNumber: HEAVY,
          version: 2,
          history: [
            { version: 1, change: 'SUBMITTED', changeReason: null, fineMultiple: '2.0', fineAmount: '200000.00', state: 'IN_FORCE', recordedBy: 'clerk-1' },
            { version: 2, change: 'CORRECTED', changeReason: '复核认定为骗取医保基金', fineMultiple: '3.0', fineAmount: '300000.00', state: 'IN_FORCE', recordedBy: 'clerk-1' },
          ],
        },
      ]);
      const bank = await as(gateway.url, DEMO_BANK_CALLER, VIOLATIONS, { code: company }, 'LOAN_APPROVAL');
      expect(bank.body.errors).toBeUndefined();
      expect(nodesOf(bank.body.data, 'insuranceFundViolations', [HEAVY])).toEqual([{ documentNumber: HEAVY, fineAmount: '300000.00', publicityEndsOn: '2029-11-20', version: 2, change: 'CORRECTED' }]);
      const bankHistory = await as(gateway.url, DEMO_BANK_CALLER, VIOLATION_HISTORY, { code: company }, 'LOAN_APPROVAL');
      expect(bankHistory.body.errors?.map((e) => e.extensions)).toContainEqual(expect.objectContaining({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'record.history' }));
    });

    it('withdraws a violation, which then is served to no one, and withdrawing it again changes nothing', async () => {
      await submit(PUDONG_MEDICAL_INSURANCE, SUBMIT_VIOLATIONS, [violation(WITHDRAWN)]);
      const gone = await submit(PUDONG_MEDICAL_INSURANCE, WITHDRAW, [{ documentNumber: WITHDRAWN, reason: '处罚决定已被撤销' }]);
      expect(gone.body).toEqual({ data: { withdrawHealthcareRecords: { withdrawn: 1, unchanged: 0, notices: 1, results: [{ line: 1, outcome: 'WITHDRAWN' }] } } });
      const again = await submit(PUDONG_MEDICAL_INSURANCE, WITHDRAW, [{ documentNumber: WITHDRAWN, reason: '重复' }]);
      expect(again.body).toEqual({ data: { withdrawHealthcareRecords: { withdrawn: 0, unchanged: 1, notices: 0, results: [{ line: 1, outcome: 'UNCHANGED' }] } } });
      const list = await as(gateway.url, REGULATOR, VIOLATIONS, { code: company }, 'SUPERVISION');
      expect(nodesOf(list.body.data, 'insuranceFundViolations', [WITHDRAWN])).toEqual([]);
    });

    it('refuses a market regulator, and the health commission for what the insurance bureau or no one submits', async () => {
      const market = await submit(PUDONG_MARKET, SUBMIT_VIOLATIONS, [violation('沪浦市监〔2026〕1号')]);
      expect(Object.values(market.body.data as object)).toEqual([null]);
      expect(market.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      const health = await submit(PUDONG_HEALTH, SUBMIT_VIOLATIONS, [violation('沪浦卫〔2026〕1号')]);
      expect(health.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', category: 'health.insurance' } });
      const clinical = await submit(PUDONG_HEALTH, SUBMIT_CLINICAL, [
        { subject: person, documentNumber: 'MZ20261120001', decisionDate: '2026-11-20', institutionName: '上海市浦东新区人民医院', visitType: 'OUTPATIENT', diagnosisChapter: '循环系统疾病' },
      ]);
      expect(clinical.body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', category: 'health.clinical' } });
    });
  });

  describe('each subject is told of its negative records only', () => {
    it('sends no notice for a licence, a passed assessment or a score that keeps the qualification, and one for a failed assessment and a terminated qualification', async () => {
      const licence = await submit(PUDONG_HEALTH, SUBMIT_LICENCES, [
        { subject: company, documentNumber: 'PDY2026112000001', decisionDate: '2026-11-20', licenceNumber: 'PDY00001231011500001', institutionType: 'GENERAL_HOSPITAL', hospitalGrade: '二级甲等', beds: 420, departments: ['内科', '外科', '儿科'], validUntil: '2031-11-19' },
      ]);
      expect(licence.body).toEqual({ data: { submitPracticeLicences: { created: 1, notices: 0 } } });
      const licences = await as(gateway.url, null, LICENCES, { code: company });
      expect(nodesOf(licences.body.data, 'practiceLicences', ['PDY2026112000001'])).toEqual([{ documentNumber: 'PDY2026112000001', departments: ['内科', '外科', '儿科'], validUntil: '2031-11-19' }]);

      const assessment = (documentNumber: string, result: string) => ({ subject: person, documentNumber, decisionDate: '2025-03-15', period: '2022-2024', result });
      const passed = await submit(PUDONG_HEALTH, SUBMIT_ASSESSMENTS, [assessment('沪浦卫考〔2025〕1号', 'QUALIFIED')]);
      expect(passed.body).toEqual({ data: { submitPeriodicAssessments: { created: 1, notices: 0 } } });
      const failed = await submit(PUDONG_HEALTH, SUBMIT_ASSESSMENTS, [assessment('沪浦卫考〔2025〕2号', 'UNQUALIFIED')]);
      expect(failed.body).toEqual({ data: { submitPeriodicAssessments: { created: 1, notices: 1 } } });

      const score = (documentNumber: string, pointsDeducted: number, paymentQualification: string) => ({
        subject: person, documentNumber, decisionDate: '2026-11-20', year: 2026, pointsDeducted, paymentQualification, reasons: ['分解住院', '超量开药'],
      });
      const kept = await submit(PUDONG_MEDICAL_INSURANCE, SUBMIT_SCORES, [score('沪浦医保记分〔2026〕1号', 6, 'ACTIVE')]);
      expect(kept.body).toEqual({ data: { submitInsuranceStaffScores: { created: 1, notices: 0 } } });
      const ended = await submit(PUDONG_MEDICAL_INSURANCE, SUBMIT_SCORES, [score('沪浦医保记分〔2026〕2号', 12, 'TERMINATED')]);
      expect(ended.body).toEqual({ data: { submitInsuranceStaffScores: { created: 1, notices: 1 } } });
    });

    it('shows each subject, as itself, the notices of its own negative records, newest first, with how to object', async () => {
      const mine = await as(gateway.url, self(person), NOTICES, { code: person }, 'SELF_QUERY');
      expect(mine.body).toEqual({
        data: {
          subject: {
            healthcare: {
              notices: {
                totalCount: 2,
                nodes: [
                  { summary: '2026 年度医保支付资格记分 12 分，支付资格：TERMINATED', change: 'SUBMITTED', howToObject: objectTo(PUDONG_MEDICAL_INSURANCE, '沪浦医保记分〔2026〕2号') },
                  { summary: '医师定期考核（2022-2024）结果：UNQUALIFIED', change: 'SUBMITTED', howToObject: objectTo(PUDONG_HEALTH, '沪浦卫考〔2025〕2号') },
                ],
              },
            },
          },
        },
      });
      const theirs = await as(gateway.url, self(company), NOTICES, { code: company }, 'SELF_QUERY');
      expect(theirs.body.errors).toBeUndefined();
      const { totalCount, nodes } = (theirs.body.data as { subject: { healthcare: { notices: { totalCount: number; nodes: unknown[] } } } }).subject.healthcare.notices;
      expect(totalCount).toBe(5);
      expect(nodes.slice(0, 3)).toEqual([
        { summary: '撤回：处罚决定已被撤销', change: 'WITHDRAWN', howToObject: objectTo(PUDONG_MEDICAL_INSURANCE, WITHDRAWN) },
        { summary: summaryOf('200000.00'), change: 'SUBMITTED', howToObject: objectTo(PUDONG_MEDICAL_INSURANCE, WITHDRAWN) },
        { summary: summaryOf('300000.00'), change: 'CORRECTED', howToObject: objectTo(PUDONG_MEDICAL_INSURANCE, HEAVY) },
      ]);
      // The first two were sent together, at the same instant: in either order.
      expect(nodes.slice(3)).toHaveLength(2);
      expect(nodes.slice(3)).toEqual(
        expect.arrayContaining([
          { summary: summaryOf('200000.00'), change: 'SUBMITTED', howToObject: objectTo(PUDONG_MEDICAL_INSURANCE, HEAVY) },
          { summary: summaryOf('0', '5000.00', 0), change: 'SUBMITTED', howToObject: objectTo(PUDONG_MEDICAL_INSURANCE, LIGHT) },
        ]),
      );
    });
  });
});
