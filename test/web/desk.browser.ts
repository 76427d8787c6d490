import type { Locator, Page } from 'playwright-core';
import { checkAccessibility, describeInBrowser, launchBrowser, screenshot, startWebStack, type WebBrowser, type WebStack } from './support';
import { as, PUDONG_TAX } from '../support/lifeCycle';
import type { TokenClaims } from '../../shared/auth/tokens';
import { DATASET_TODAY } from '../../shared/generator/random';

/**
 * The source authority's desk in Chromium, with the network cut: the tax bureau signs in through the
 * development identity provider, finds the demo group's objections oldest first with their due days,
 * answers one (the group reads the answer through the graph), decides a repair application, imports a
 * file with a bad line (refused whole, the report line by line) and withdraws one of its records.
 * Everything the subject does is done through the graph in the setup; every page is checked with axe
 * and saved as a screenshot.
 */

const GROUP = '9111010500088WXJ4C';
const SELF: TokenClaims = { kind: 'SUBJECT', org: GROUP, subject: GROUP, grants: [], purposes: ['SELF_QUERY'] };

const A = '沪浦税欠〔2026〕611号';
const B = '沪浦税欠〔2026〕612号';
const C = '沪浦税欠〔2026〕613号';
const D = '沪浦税欠〔2026〕614号';
const PENALTY = '沪浦税罚〔2026〕615号';
const UPHELD_REASONS = '经核实，欠税金额与税务处理决定书一致';
/** How many days the objection to A is past its due day. */
const A_OVERDUE_DAYS = 5;

/**
 * The test stack's subgraphs run on the test dataset's day (noon in China); the browser is set to the
 * same time, so the days left the desk counts are the graph's.
 */
const NOW = new Date(`${DATASET_TODAY}T12:00:00+08:00`);

/** A China calendar day `days` before the stack's today, YYYY-MM-DD. */
function daysAgo(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(NOW.getTime() - days * 86_400_000));
}
/** A day as the Chinese pages show it (2026年12月21日). */
function zhDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}
const daysFromToday = (day: string) => Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${DATASET_TODAY}T00:00:00Z`)) / 86_400_000);

const arrears = (documentNumber: string, extra: Record<string, unknown> = {}) => ({
  subject: GROUP,
  documentNumber,
  decisionDate: daysAgo(10),
  taxType: '增值税',
  amountOwed: '12000.50',
  periodStart: '2025-07-01',
  periodEnd: '2025-12-31',
  status: 'OUTSTANDING',
  ...extra,
});

describeInBrowser("the authority's desk", () => {
  let stack: WebStack;
  let browser: WebBrowser;
  let page: Page;
  const ids = new Map<string, string>();
  const dueOn = new Map<string, string>();

  /** A call to the graph that must succeed: its data, typed by the caller. */
  const graph = async <T>(claims: TokenClaims, query: string, variables: Record<string, unknown> = {}, purpose?: string): Promise<T> => {
    const response = await as(stack.origin, claims, query, variables, purpose);
    expect(response.body.errors).toBeUndefined();
    return response.body.data as T;
  };
  type Submitted<F extends string> = Record<F, { results: Array<{ documentNumber: string; id: string }> }>;

  /** The cells of each row of a table, as the page shows them. */
  const cells = async (rows: Locator) => Promise.all((await rows.all()).map((row) => row.locator('td').allInnerTexts()));

  /** The document numbers of the cards on the page, in order. */
  const queued = () => page.locator('ol.desk-queue > li h2 .desk-document').allInnerTexts();
  const card = (documentNumber: string) => page.locator('ol.desk-queue > li', { hasText: documentNumber });

  beforeAll(async () => {
    stack = await startWebStack({ identity: true });
    browser = await launchBrowser();
    // The tax bureau's records of the group: three arrears notices, and a penalty old enough to be repaired.
    const submitted = await graph<Submitted<'submitTaxArrearsNotices'>>(
      PUDONG_TAX,
      `mutation Submit($records: [TaxArrearsNoticeInput!]!) { submitTaxArrearsNotices(records: $records) { results { documentNumber id } } }`,
      { records: [A, B, C].map((d) => arrears(d)) },
    );
    for (const r of submitted.submitTaxArrearsNotices.results) ids.set(r.documentNumber, r.id);
    const penalty = await graph<Submitted<'submitTaxPenalties'>>(
      PUDONG_TAX,
      `mutation Submit($records: [TaxPenaltyInput!]!) { submitTaxPenalties(records: $records) { results { documentNumber id } } }`,
      {
        records: [
          {
            subject: GROUP,
            documentNumber: PENALTY,
            decisionDate: daysAgo(200),
            violation: '未按期申报',
            penaltyType: 'FINE',
            fineAmount: '2000.00',
            legalBasis: '《税收征收管理法》第六十二条',
          },
        ],
      },
    );
    ids.set(PENALTY, penalty.submitTaxPenalties.results[0]!.id);
    // The group objects to A and to B. The stack's clock stands still, so A's filing is moved back in the
    // store: filed 25 days ago, its 20 days ran out 5 days ago. The graph's queue lists B first (newest
    // first); the desk lists A first, overdue.
    for (const documentNumber of [A, B]) {
      const filed = await graph<{ fileTaxationObjection: { id: string; dueOn: string } }>(
        SELF,
        `mutation File($input: FileObjectionInput!) { fileTaxationObjection(input: $input) { id dueOn } }`,
        { input: { subject: GROUP, record: ids.get(documentNumber), reason: '该笔税款已于 2026 年 5 月缴清', evidence: '完税证明 No. 0001' } },
        'SELF_QUERY',
      );
      dueOn.set(documentNumber, filed.fileTaxationObjection.dueOn);
      if (documentNumber === A) {
        const db = stack.graph.stores.taxation.db;
        const due = daysAgo(A_OVERDUE_DAYS);
        const objection: { record_table: string; record_id: string } | undefined = await db('record_objections')
          .where({ id: filed.fileTaxationObjection.id })
          .first('record_table', 'record_id');
        await db('record_objections')
          .where({ id: filed.fileTaxationObjection.id })
          .update({ filed_at: new Date(NOW.getTime() - (A_OVERDUE_DAYS + 20) * 86_400_000), due_on: due });
        await db(objection!.record_table).where({ id: objection!.record_id }).update({ objection_due_on: due });
        dueOn.set(A, due);
      }
    }
    await graph(
      SELF,
      `mutation Apply($input: RepairApplicationInput!) { applyForTaxationRepair(input: $input) { status } }`,
      { input: { subject: GROUP, record: ids.get(PENALTY), measures: '罚款已缴清，已补办纳税申报', commitment: '今后按期申报，依法纳税' } },
      'SELF_QUERY',
    );
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('signs the authority in through the development provider and opens on its objections', async () => {
    await page.goto(`${stack.origin}/desk`);
    await page.getByRole('button', { name: '登录' }).click();
    // The development provider's own page: choose the account, give the development password it shows.
    await page.getByLabel(PUDONG_TAX.name).check();
    await page.getByLabel('密码').fill(await page.locator('code.password').innerText());
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`${stack.origin}/desk/objections`);
    await page.clock.setFixedTime(NOW);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('异议处理');
    await expect(page.locator('.desk-who').innerText()).resolves.toBe(`信息提供单位：${PUDONG_TAX.name} ${PUDONG_TAX.org}`);
    await expect(page.getByRole('navigation', { name: '工作台导航' }).getByRole('link').allInnerTexts()).resolves.toEqual([
      '异议处理',
      '信用修复申请',
      '批量导入',
      '本单位记录',
    ]);
  }, 30_000);

  it('lists the open objections oldest first, each with its due day and the days left, the overdue one marked', async () => {
    await page.locator('ol.desk-queue').waitFor();
    await expect(page.locator('.desk-summary').innerText()).resolves.toBe('待答复 2 件，其中已逾期 1 件');
    await expect(queued()).resolves.toEqual([A, B]);
    await expect(card(A).locator('h2').textContent()).resolves.toBe(`欠税公告 ${A}税务`);
    expect(daysFromToday(dueOn.get(B)!)).toBe(20);
    await expect(card(A).locator('dd').first().innerText()).resolves.toBe(`${zhDay(dueOn.get(A)!)} 已逾期 ${A_OVERDUE_DAYS} 天`);
    await expect(card(A).locator('.desk-warning').innerText()).resolves.toBe('已逾期未答复：该记录目前暂停向查询方提供，请尽快答复。');
    await expect(card(B).locator('dd').first().innerText()).resolves.toBe(`${zhDay(dueOn.get(B)!)} 还剩 20 天`);
    await checkAccessibility(page);
    await screenshot(page, 'desk-objections');
  }, 30_000);

  it("shows the graph's refusal, with its code, of an answer CORRECTED with no correction submitted", async () => {
    const b = card(B);
    await b.locator('summary').click();
    await b.getByLabel('已更正').check();
    await b.getByLabel('答复理由（将告知信用主体）').fill('已更正');
    await b.getByRole('button', { name: '提交答复' }).click();
    await b.getByRole('alert').waitFor();
    await expect(b.locator('.desk-error p').allInnerTexts()).resolves.toEqual([
      '答复未能提交',
      '该事项当前的状态不允许此操作（例如已被答复或决定，或尚未满足条件）。',
      'No correction since the objection (to version 1): submit the corrected record with a correctionReason first, then answer CORRECTED （错误代码：CONFLICT）',
    ]);
    await checkAccessibility(page);
    await screenshot(page, 'desk-objection-refused');
  }, 30_000);

  it('answers an objection from the page, confirms it, takes it off the queue, and the subject reads the answer', async () => {
    const a = card(A);
    await a.locator('summary').click();
    await a.getByLabel('维持原记录').check();
    await a.getByLabel('答复理由（将告知信用主体）').fill(UPHELD_REASONS);
    await a.getByRole('button', { name: '提交答复' }).click();
    await expect(page.locator('.desk-done p').innerText()).resolves.toBe(`已答复异议（${A}）：维持原记录。信用主体将看到本答复。`);
    await card(A).waitFor({ state: 'detached' });
    await expect(queued()).resolves.toEqual([B]);
    await screenshot(page, 'desk-objection-answered');

    const seen = await graph<{
      subject: { taxation: { objections: { nodes: Array<{ documentNumber: string }> }; arrearsNotices: { nodes: Array<{ documentNumber: string }> } } };
    }>(
      SELF,
      `query Mine($code: ID!) { subject(code: $code) { taxation { objections(first: 20) { nodes { documentNumber status answer } } arrearsNotices(first: 100) { nodes { documentNumber objectionStatus } } } } }`,
      { code: GROUP },
      'SELF_QUERY',
    );
    const taxation = seen.subject.taxation;
    expect(taxation.objections.nodes.filter((o) => [A, B].includes(o.documentNumber))).toEqual([
      { documentNumber: B, status: 'OPEN', answer: null },
      { documentNumber: A, status: 'UPHELD', answer: UPHELD_REASONS },
    ]);
    expect(taxation.arrearsNotices.nodes.filter((n) => [A, B].includes(n.documentNumber))).toEqual(
      expect.arrayContaining([
        { documentNumber: A, objectionStatus: 'UPHELD' },
        { documentNumber: B, objectionStatus: 'UNDER_OBJECTION' },
      ]),
    );
  }, 30_000);

  it('the subject, signed in to its own site, reads the outcome and the answer of its objection', async () => {
    // A browser of its own (its own sign-in session at the provider), as the subject would have.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    try {
      const mine = await context.newPage();
      await mine.goto(`${stack.origin}/me`);
      await mine.getByRole('button', { name: '登录' }).click();
      await mine.getByLabel(new RegExp(GROUP)).check();
      await mine.getByLabel('密码').fill(await mine.locator('code.password').innerText());
      await mine.getByRole('button', { name: '登录', exact: true }).click();
      await mine.waitForURL(`${stack.origin}/me`);
      await mine.getByRole('navigation', { name: '我的信用' }).getByRole('link', { name: '异议', exact: true }).click();
      await mine.getByRole('heading', { level: 1, name: '我的异议' }).waitFor();
      const answered = mine.getByRole('article', { name: new RegExp(A.replace(/[〔〕]/g, '.')) });
      await answered.locator('.answer').waitFor();
      await expect(answered.locator('.marks').innerText()).resolves.toBe('维持原记录');
      await expect(answered.locator('.answer p').innerText()).resolves.toBe(UPHELD_REASONS);
      const open = mine.getByRole('article', { name: new RegExp(B.replace(/[〔〕]/g, '.')) });
      await expect(open.locator('.marks').innerText()).resolves.toBe('处理中');
      await screenshot(mine, 'subject-objection-answered');
      await checkAccessibility(mine);
    } finally {
      await context.close();
    }
  }, 30_000);

  it('lists a pending repair application and approves it with reasons', async () => {
    await page.getByRole('link', { name: '信用修复申请' }).click();
    const application = card(PENALTY);
    await expect(application.locator('h2').textContent()).resolves.toBe(`税务行政处罚 ${PENALTY}税务`);
    await checkAccessibility(page);
    await screenshot(page, 'desk-repairs');
    await application.locator('summary').click();
    await application.getByLabel('同意修复').check();
    await application.getByLabel('决定理由（将告知信用主体）').fill('罚款已缴清，整改到位，同意修复');
    await application.getByRole('button', { name: '提交决定' }).click();
    await expect(page.locator('.desk-done p').innerText()).resolves.toBe(`已作出决定（${PENALTY}）：已同意修复。`);
    await expect(page.locator('.state.empty').innerText()).resolves.toBe('目前没有待决定的信用修复申请。');
  }, 30_000);

  it('refuses an import file with a bad line whole, and shows its report line by line', async () => {
    await page.getByRole('link', { name: '批量导入' }).click();
    await page.getByLabel('记录类型').selectOption('arrearsNotices');
    await expect(page.getByText('提交至 /imports/taxation/arrearsNotices').isVisible()).resolves.toBe(true);
    const file = [arrears(D), arrears('沪浦税欠〔2026〕616号', { decisionDate: '2026-13-20', amountOwed: '-1' })].map((r) => JSON.stringify(r)).join('\n');
    await page.getByLabel('数据文件').setInputFiles({ name: 'arrears.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${file}\n`) });
    await page.getByRole('button', { name: '上传并导入' }).click();
    const report = page.locator('.desk-report');
    await expect(report.getByRole('alert').innerText()).resolves.toBe('文件 arrears.ndjson 有 2 处问题，未写入任何记录。请改正后重新上传。');
    await expect(cells(report.locator('tbody tr'))).resolves.toEqual([
      ['2', 'decisionDate', 'must be a date YYYY-MM-DD, got "2026-13-20"'],
      ['2', 'amountOwed', 'must be at least 0.01, got -1'],
    ]);
    await checkAccessibility(page);
    await screenshot(page, 'desk-import-report');

    // Nothing was written: the good first line is not on file either.
    const seen = await graph<{ subject: { taxation: { arrearsNotices: { nodes: Array<{ documentNumber: string }> } } } }>(
      PUDONG_TAX,
      `query Arrears($code: ID!) { subject(code: $code) { taxation { arrearsNotices(first: 100) { nodes { documentNumber } } } } }`,
      { code: GROUP },
    );
    expect(seen.subject.taxation.arrearsNotices.nodes.map((n) => n.documentNumber)).not.toContain(D);
  }, 30_000);

  it('lists its own records of a subject with their marks and history, and withdraws one, which stays listed withdrawn', async () => {
    await page.getByRole('link', { name: '本单位记录' }).click();
    await page.getByLabel('记录类型').selectOption('TaxArrearsNotice');
    await page.getByLabel('信用主体代码（可选）').fill(GROUP);
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.locator('.desk-summary').innerText()).resolves.toBe('共 3 条记录');
    expect((await queued()).sort()).toEqual([A, B, C].sort());
    const record = (documentNumber: string) => page.locator('ol.desk-queue > li', { hasText: documentNumber });
    await expect(record(A).locator('.badge.warn').innerText()).resolves.toBe('异议：维持');
    await expect(record(B).locator('.badge.warn').innerText()).resolves.toBe(`异议中 · 须于 ${zhDay(dueOn.get(B)!)} 前答复`);
    await checkAccessibility(page);
    await screenshot(page, 'desk-records');

    const c = record(C);
    await c.getByText('撤销此记录').click();
    await c.getByLabel('撤销原因（如：处罚决定已被撤销）').fill('录入错误，重复报送');
    await c.getByLabel(`我确认撤销 ${C}：撤销后该记录不再向任何人提供，此文号也不能再次使用。`).check();
    await c.getByRole('button', { name: '确认撤销' }).click();
    await expect(page.locator('.desk-done p').innerText()).resolves.toBe(`已撤销记录 ${C}，并向信用主体发出 1 条通知。`);
    // The withdrawal is the record's second version: still listed, withdrawn, with its reason.
    await expect(record(C).locator('.badge.danger').innerText()).resolves.toBe('已撤销');
    expect((await queued()).sort()).toEqual([A, B, C].sort());
    await record(C).getByText('历史版本（2 个）').click();
    const versions = (await cells(record(C).locator('tbody tr'))).map((row) => [row[0], row[1], row[4]]);
    expect(versions).toEqual([
      ['1', '首次报送', '—'],
      ['2', '撤销', '录入错误，重复报送'],
    ]);
    await checkAccessibility(page);
    await screenshot(page, 'desk-records-withdrawn');
  }, 30_000);

  it('speaks English on the switch', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('navigation', { name: 'Desk navigation' }).getByRole('link').allInnerTexts()).resolves.toEqual([
      'Objections',
      'Repair applications',
      'Import a file',
      'Our records',
    ]);
    await page.getByRole('link', { name: 'Objections' }).click();
    // The records view's summary stays on the page until the objections have loaded: wait for theirs.
    await page.locator('.desk-summary', { hasText: 'open' }).waitFor();
    await expect(page.locator('.desk-summary').innerText()).resolves.toBe('1 open, 0 overdue');
    await expect(card(B).locator('dd').first().innerText()).resolves.toMatch(/ 20 days left$/);
    await checkAccessibility(page);
    await screenshot(page, 'desk-objections-en');
  }, 30_000);

  it('asked nothing of any other host, and no page failed', () => {
    expect(browser.externalRequests()).toEqual([]);
    // The refused import is a 422 by design; Chromium logs every 4xx response as a console error.
    expect(browser.pageErrors().filter((e) => !/status of 422/.test(e))).toEqual([]);
  });
});
