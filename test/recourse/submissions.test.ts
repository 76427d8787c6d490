import { startSubgraphs, startGateway, urlOverrides, REGULATOR, DEMO_BANK_CALLER, type RunningGraph } from '../support/graph';
import { as, authority, MovableClock, PUDONG_MARKET, seededSubjects, settingsOn } from '../support/lifeCycle';
import { gatewayHeaders, inject } from '../support/graphql';
import { countStatements } from '../support/stores';
import { principalFromClaims, type TokenClaims } from '../../shared/auth/tokens';
import { PUBLIC_PRINCIPAL } from '../../shared/policy/principal';
import { checkSubjectCode } from '../../shared/identifiers';
import { submissionResolvers } from '../../shared/recourse/submissions';
import { taxationSector } from '../../subgraphs/taxation/sector';

/**
 * A source authority's own records (`<sector>Submissions`), through the gateway and at the subgraph: the
 * authority reads what it submitted, corrected and withdrew, with each record's history; no other
 * authority, subject, bank, regulator or anonymous caller reads them.
 */
describe("a source authority's own records", () => {
  let graph: RunningGraph;
  let gateway: { url: string; app: { close(): Promise<unknown> } };
  const clock = new MovableClock('2026-12-01T02:00:00Z');
  let company: string;
  let person: string;
  /** Authorities of the test alone: the demo dataset holds no record of theirs. */
  const OWN_TAX = authority('国家税务总局上海市测试区税务局', '310199', ['tax'], 'clerk-9');
  const OTHER_TAX = authority('国家税务总局上海市另一测试区税务局', '310198', ['tax']);
  const tick = () => clock.set(new Date(clock.now().getTime() + 60_000));

  const D1 = '沪测税欠〔2026〕1号';
  const D2 = '沪测税欠〔2026〕2号';
  const D3 = '沪测税欠〔2026〕3号';
  const ids = new Map<string, string>();

  const SUBMIT = `mutation Submit($records: [TaxArrearsNoticeInput!]!) { submitTaxArrearsNotices(records: $records) { results { documentNumber id } } }`;
  const WITHDRAW = `mutation W($records: [WithdrawRecordInput!]!) { withdrawTaxationRecords(recordType: TaxArrearsNotice, records: $records) { withdrawn } }`;
  const RECORD = `id recordType subject documentNumber version state change changeReason recordedAt recordedBy decisionDate actEndedOn publicityEndsOn summary
    objectionStatus objectionDueOn repairStatus legacyCode history { version state change changeReason recordedAt recordedBy summary }`;
  const MINE = `query Mine($subject: ID, $first: Int, $after: String) {
    taxationSubmissions(subject: $subject, recordType: TaxArrearsNotice, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${RECORD} } }
  }`;
  const BRIEF = `query Brief($first: Int, $after: String) { taxationSubmissions(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { documentNumber version state } } }`;

  function arrears(documentNumber: string, extra: Record<string, unknown> = {}) {
    return { subject: company, documentNumber, decisionDate: '2026-11-20', taxType: '增值税', amountOwed: '12000.50', periodStart: '2026-01-01', periodEnd: '2026-06-30', status: 'OUTSTANDING', ...extra };
  }
  const summary = (amount: string) => `欠缴增值税 ${amount} 元（所属期 2026-01-01 至 2026-06-30）`;

  beforeAll(async () => {
    graph = await startSubgraphs({}, { records: settingsOn(clock), only: ['registry', 'access', 'taxation', 'ecommerce'] });
    gateway = await startGateway(urlOverrides(graph.subgraphUrls));
    ({ company, person } = await seededSubjects(graph.stores.registry));
    for (const claims of [OWN_TAX, OTHER_TAX]) {
      expect(await graph.stores.taxation.db('tax_arrears_notices').where({ authority_code: claims.org }).count({ n: '*' })).toEqual([{ n: 0 }]);
    }
    // Three records a minute apart; then the first is corrected and the second withdrawn, a minute apart each.
    for (const documentNumber of [D1, D2, D3]) {
      tick();
      const submitted = await as(gateway.url, OWN_TAX, SUBMIT, { records: [arrears(documentNumber)] });
      const [result] = (submitted.body.data as { submitTaxArrearsNotices: { results: Array<{ id: string }> } }).submitTaxArrearsNotices.results;
      ids.set(documentNumber, result!.id);
    }
    tick();
    await as(gateway.url, OWN_TAX, SUBMIT, { records: [arrears(D1, { amountOwed: '8000.00', correctionReason: '核实后更正欠税金额' })] });
    tick();
    const withdrawn = await as(gateway.url, OWN_TAX, WITHDRAW, { records: [{ documentNumber: D2, reason: '登记错误' }] });
    expect(withdrawn.body).toEqual({ data: { withdrawTaxationRecords: { withdrawn: 1 } } });
  });

  afterAll(async () => {
    await gateway.app.close();
    await graph.close();
  });

  /** The first version of a record, as submitted at `at`. */
  const v1 = (at: string) => ({ version: 1, state: 'IN_FORCE', change: 'SUBMITTED', changeReason: null, recordedAt: at, recordedBy: 'clerk-9', summary: summary('12000.50') });

  it('lists its records newest change first, the withdrawn one in state WITHDRAWN, each with its history', async () => {
    const response = await as(gateway.url, OWN_TAX, MINE, { subject: company, first: 10 });
    const envelope = { recordType: 'TaxArrearsNotice', subject: company, decisionDate: '2026-11-20', actEndedOn: null, publicityEndsOn: null, objectionStatus: 'NONE', objectionDueOn: null, repairStatus: 'NONE', legacyCode: false, recordedBy: 'clerk-9' };
    expect(response.body).toEqual({
      data: {
        taxationSubmissions: {
          totalCount: 3,
          pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
          nodes: [
            {
              ...envelope,
              id: ids.get(D2),
              documentNumber: D2,
              version: 2,
              state: 'WITHDRAWN',
              change: 'WITHDRAWN',
              changeReason: '登记错误',
              recordedAt: '2026-12-01T02:05:00.000Z',
              summary: summary('12000.50'),
              history: [
                v1('2026-12-01T02:02:00.000Z'),
                { version: 2, state: 'WITHDRAWN', change: 'WITHDRAWN', changeReason: '登记错误', recordedAt: '2026-12-01T02:05:00.000Z', recordedBy: 'clerk-9', summary: summary('12000.50') },
              ],
            },
            {
              ...envelope,
              id: ids.get(D1),
              documentNumber: D1,
              version: 2,
              state: 'IN_FORCE',
              change: 'CORRECTED',
              changeReason: '核实后更正欠税金额',
              recordedAt: '2026-12-01T02:04:00.000Z',
              summary: summary('8000.00'),
              history: [
                v1('2026-12-01T02:01:00.000Z'),
                { version: 2, state: 'IN_FORCE', change: 'CORRECTED', changeReason: '核实后更正欠税金额', recordedAt: '2026-12-01T02:04:00.000Z', recordedBy: 'clerk-9', summary: summary('8000.00') },
              ],
            },
            {
              ...envelope,
              id: ids.get(D3),
              documentNumber: D3,
              version: 1,
              state: 'IN_FORCE',
              change: 'SUBMITTED',
              changeReason: null,
              recordedAt: '2026-12-01T02:03:00.000Z',
              summary: summary('12000.50'),
              history: [v1('2026-12-01T02:03:00.000Z')],
            },
          ],
        },
      },
    });
  });

  it('reads a page with its histories in one statement, and counts in one more only when totalCount is selected', async () => {
    const withCount = await countStatements(graph.stores.taxation, () => as(gateway.url, OWN_TAX, MINE, { subject: company, first: 10 }));
    expect(withCount.statements).toEqual([expect.stringMatching(/^select \* from \(\(select \d+ as tag/), expect.stringMatching(/^select \(select count\(\*\)/)]);
    const withoutCount = await countStatements(graph.stores.taxation, () => as(gateway.url, OWN_TAX, `query { taxationSubmissions(first: 10) { nodes { documentNumber history { version } } } }`));
    expect(withoutCount.statements).toHaveLength(1);
  });

  it('shows the marks an objection puts on a record, with its due day, and keeps its place', async () => {
    const self = { kind: 'SUBJECT' as const, org: company, subject: company, grants: [], purposes: ['SELF_QUERY'] };
    const filed = await as(gateway.url, self, `mutation F($input: FileObjectionInput!) { fileTaxationObjection(input: $input) { status } }`, { input: { subject: company, record: ids.get(D3), reason: '已缴清' } }, 'SELF_QUERY');
    expect(filed.body).toEqual({ data: { fileTaxationObjection: { status: 'OPEN' } } });
    const response = await as(gateway.url, OWN_TAX, `query { taxationSubmissions(first: 10) { nodes { documentNumber version objectionStatus objectionDueOn repairStatus } } }`);
    expect(response.body).toEqual({
      data: {
        taxationSubmissions: {
          nodes: [
            { documentNumber: D2, version: 2, objectionStatus: 'NONE', objectionDueOn: null, repairStatus: 'NONE' },
            { documentNumber: D1, version: 2, objectionStatus: 'NONE', objectionDueOn: null, repairStatus: 'NONE' },
            { documentNumber: D3, version: 1, objectionStatus: 'UNDER_OBJECTION', objectionDueOn: '2026-12-21', repairStatus: 'NONE' },
          ],
        },
      },
    });
  });

  it('pages newest first with the cursor of the previous page, every record once', async () => {
    const first = await as(gateway.url, OWN_TAX, BRIEF, { first: 2 });
    expect(first.body).toEqual({
      data: {
        taxationSubmissions: {
          totalCount: 3,
          pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
          nodes: [
            { documentNumber: D2, version: 2, state: 'WITHDRAWN' },
            { documentNumber: D1, version: 2, state: 'IN_FORCE' },
          ],
        },
      },
    });
    const after = (first.body.data as { taxationSubmissions: { pageInfo: { endCursor: string } } }).taxationSubmissions.pageInfo.endCursor;
    const second = await as(gateway.url, OWN_TAX, BRIEF, { first: 2, after });
    expect(second.body).toEqual({
      data: { taxationSubmissions: { totalCount: 3, pageInfo: { hasNextPage: false, endCursor: expect.any(String) }, nodes: [{ documentNumber: D3, version: 1, state: 'IN_FORCE' }] } },
    });
    const forged = await as(gateway.url, OWN_TAX, BRIEF, { first: 2, after: Buffer.from(JSON.stringify(['2026-12-01T02:00:00.000000Z', 'TaxArrearsNotice', 'AAAAAAAAAAAAAAAAAAAAAA'])).toString('base64url') });
    expect(forged.body).toEqual({
      data: { taxationSubmissions: null },
      errors: [
        {
          message: '`after` is not a cursor issued by this list; pass the endCursor of a previous page',
          path: ['taxationSubmissions'],
          extensions: { code: 'BAD_USER_INPUT', argumentName: 'after', serviceName: 'taxation' },
        },
      ],
    });
  });

  it('lists nothing of them to another authority, nor of another subject or a record type it does not submit', async () => {
    expect((await as(gateway.url, OTHER_TAX, BRIEF, { first: 10 })).body).toEqual({
      data: { taxationSubmissions: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } },
    });
    const otherSubject = await as(gateway.url, OWN_TAX, MINE, { subject: person, first: 10 });
    expect(otherSubject.body).toEqual({ data: { taxationSubmissions: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } } });
    // The same bureau with a token that submits only credit ratings lists no arrears notice.
    const ratingsOnly = { ...OWN_TAX, submits: ['tax.rating'] };
    expect((await as(gateway.url, ratingsOnly, BRIEF, { first: 10 })).body).toEqual({
      data: { taxationSubmissions: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } },
    });
  });

  it('refuses a malformed subject code with the identifier check', async () => {
    const malformed = company.slice(0, 17) + (company.endsWith('C') ? 'D' : 'C');
    expect(checkSubjectCode(malformed)).toEqual(expect.objectContaining({ ok: false, reason: expect.stringContaining('check character') }));
    const response = await as(gateway.url, OWN_TAX, MINE, { subject: malformed, first: 1 });
    expect(response.body).toEqual({
      data: { taxationSubmissions: null },
      errors: [
        {
          message: `Invalid subject code "${malformed}": ${(checkSubjectCode(malformed) as { reason: string }).reason}`,
          path: ['taxationSubmissions'],
          extensions: { code: 'BAD_USER_INPUT', argumentName: 'subject', serviceName: 'taxation' },
        },
      ],
    });
  });

  describe('refuses every caller but a source authority', () => {
    const self = (code: string): TokenClaims => ({ kind: 'SUBJECT', org: code, subject: code, grants: [], purposes: ['SELF_QUERY'] });
    const reason = 'only a source authority (an AUTHORITY token) submits, corrects and withdraws records';
    const callers = (): Array<[string, TokenClaims | null, string | undefined]> => [
      ['the subject', self(company), 'SELF_QUERY'],
      ['a bank', DEMO_BANK_CALLER, 'LOAN_APPROVAL'],
      ['a regulator', REGULATOR, 'SUPERVISION'],
      ['the public', null, undefined],
    ];

    it('at the gateway', async () => {
      for (const [caller, claims, purpose] of callers()) {
        const response = await as(gateway.url, claims, MINE, { subject: company, first: 10 }, purpose);
        expect({ caller, body: response.body }).toEqual({
          caller,
          body: {
            errors: [
              {
                message: 'Unauthorized field or type',
                path: ['taxationSubmissions'],
                extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'submission', level: 'RESTRICTED', reason },
              },
            ],
            data: null,
          },
        });
      }
    });

    it('at the subgraph', async () => {
      for (const [caller, claims, purpose] of callers()) {
        const principal = claims ? principalFromClaims({ ...claims }) : PUBLIC_PRINCIPAL;
        const response = await inject(graph.subgraphs.taxation, MINE, { subject: company, first: 10 }, await gatewayHeaders(principal, purpose ?? null));
        expect({ caller, body: response.body }).toEqual({
          caller,
          body: {
            data: { taxationSubmissions: null },
            errors: [
              {
                message: 'Unauthorized field or type',
                locations: [{ line: 2, column: 5 }],
                path: ['taxationSubmissions'],
                extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', category: 'submission', level: 'RESTRICTED', reason },
              },
            ],
          },
        });
      }
    });

    it('in its resolver too, whatever reached it', async () => {
      const resolve = submissionResolvers('taxation', taxationSector.lists, () => 'tax.arrears').Query!.taxationSubmissions as (...args: unknown[]) => Promise<unknown>;
      const context = { request: { principal: principalFromClaims({ ...self(company) }) }, lifeCycle: { db: graph.stores.taxation.db, limits: { pageSizeDefault: 20, pageSizeMax: 100 } } };
      await expect(resolve(null, {}, context, { fieldNodes: [], fragments: {}, variableValues: {} })).rejects.toMatchObject({
        message: 'Only a source authority (an AUTHORITY token that submits records) reads the records it submitted',
        extensions: { code: 'FORBIDDEN' },
      });
    });
  });

  it('pages through records recorded at the same instant one by one, each once', async () => {
    tick();
    const batch = ['沪另税欠〔2026〕1号', '沪另税欠〔2026〕2号', '沪另税欠〔2026〕3号'];
    await as(gateway.url, OTHER_TAX, SUBMIT, { records: batch.map((d) => arrears(d)) });
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 4; page += 1) {
      const response = await as(gateway.url, OTHER_TAX, BRIEF, { first: 1, after });
      const { nodes, pageInfo } = (response.body.data as { taxationSubmissions: { nodes: Array<{ documentNumber: string }>; pageInfo: { hasNextPage: boolean; endCursor: string } } }).taxationSubmissions;
      seen.push(...nodes.map((n) => n.documentNumber));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    // One submission, one instant: the last line was written last.
    expect(seen).toEqual([...batch].reverse());
  });

  it('serves the registry and Ecommerce (on Mercurius) too, from the same declaration', async () => {
    tick();
    const listing = await as(gateway.url, PUDONG_MARKET, `mutation S($records: [AbnormalOperationListingInput!]!) { submitAbnormalOperationListings(records: $records) { results { id } } }`, {
      records: [{ subject: company, documentNumber: '沪浦市监异〔2026〕901号', decisionDate: '2026-11-20', reason: '未按规定期限公示年度报告', listedOn: '2026-11-20' }],
    });
    const listingId = (listing.body.data as { submitAbnormalOperationListings: { results: Array<{ id: string }> } }).submitAbnormalOperationListings.results[0]!.id;
    const penalty = await as(gateway.url, PUDONG_MARKET, `mutation S($records: [CounterfeitPenaltyInput!]!) { submitCounterfeitPenalties(records: $records) { results { id } } }`, {
      records: [{ subject: company, documentNumber: '沪浦市监罚〔2026〕901号', decisionDate: '2026-11-20', actEndedOn: '2026-09-30', goods: '假冒注册商标的运动鞋', illegalIncome: '4800.00', confiscatedValue: '3000.00', fineAmount: '9600.00' }],
    });
    const penaltyId = (penalty.body.data as { submitCounterfeitPenalties: { results: Array<{ id: string }> } }).submitCounterfeitPenalties.results[0]!.id;
    const response = await as(
      gateway.url,
      PUDONG_MARKET,
      `query R($subject: ID) {
        registrySubmissions(subject: $subject, recordType: AbnormalOperationListing, first: 1) { nodes { id documentNumber change history { version change } } }
        ecommerceSubmissions(subject: $subject, recordType: CounterfeitPenalty, first: 1) { nodes { id documentNumber change history { version change } } }
      }`,
      { subject: company },
    );
    expect(response.body).toEqual({
      data: {
        registrySubmissions: { nodes: [{ id: listingId, documentNumber: '沪浦市监异〔2026〕901号', change: 'SUBMITTED', history: [{ version: 1, change: 'SUBMITTED' }] }] },
        ecommerceSubmissions: { nodes: [{ id: penaltyId, documentNumber: '沪浦市监罚〔2026〕901号', change: 'SUBMITTED', history: [{ version: 1, change: 'SUBMITTED' }] }] },
      },
    });
  });

  it('leaves out a negative record past its retention, as every list does (CIR Art. 16)', async () => {
    const PENALTIES = `query P($subject: ID) { ecommerceSubmissions(subject: $subject, recordType: CounterfeitPenalty, first: 5) { totalCount nodes { documentNumber } } }`;
    const before = await as(gateway.url, PUDONG_MARKET, PENALTIES, { subject: company });
    expect(before.body).toEqual({ data: { ecommerceSubmissions: { totalCount: 1, nodes: [{ documentNumber: '沪浦市监罚〔2026〕901号' }] } } });
    // Its act ended on 2026-09-30: kept five years, to 2031-09-30.
    clock.set('2031-10-01T02:00:00Z');
    const after = await as(gateway.url, PUDONG_MARKET, PENALTIES, { subject: company });
    expect(after.body).toEqual({ data: { ecommerceSubmissions: { totalCount: 0, nodes: [] } } });
  });
});
