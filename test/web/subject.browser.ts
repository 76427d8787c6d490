import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { checkAccessibility, describeInBrowser, launchBrowser, screenshot, startWebStack, type WebBrowser, type WebStack } from './support';
import { DEMO_BANK_CALLER, callerHeaders, testFetch } from '../support/graph';
import { parseManifest } from '../../gateway/safelist';

/**
 * The subject's site (/me) in Chromium with the network cut to 127.0.0.1, as the demo group: it signs
 * in through the development identity provider, reads its credit report (every section) and downloads
 * the PDF, objects to a tax penalty and sees the record marked, attaches a statement, and reads who
 * queried it (the bank, in the table and the chart). Every page passes axe and is screenshotted
 * (artifacts/screenshots/subject-*.png).
 *
 * The gateway runs with the safelist in `require-id` mode and the committed manifest: the site runs
 * unchanged, every request it sends naming a listed operation by its id alone.
 */

const MANIFEST = path.resolve(__dirname, '../../operations/persisted-query-manifest.json');

const GROUP = '北京诚昌控股集团有限公司';
const GROUP_CODE = '9111010500088WXJ4C';
const BANK = '中国工商银行上海市分行';

describeInBrowser("the subject's site", () => {
  let stack: WebStack;
  let browser: WebBrowser;
  let page: Page;
  /** The body of every request the pages sent to the graph. */
  const graphRequests: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    [stack, browser] = await Promise.all([
      startWebStack({ identity: true, env: { CG_PERSISTED_QUERIES: 'require-id', CG_PERSISTED_QUERIES_MANIFEST: MANIFEST } }),
      launchBrowser(),
    ]);
    // The bank the group authorized (seeded consent) runs its listed loan-approval summary twice: two inquiries.
    const bank = await callerHeaders(DEMO_BANK_CALLER, 'LOAN_APPROVAL');
    const summary = parseManifest(readFileSync(MANIFEST, 'utf8')).operations.find((o) => o.name === 'LoanApprovalSummary')!;
    for (let i = 0; i < 2; i += 1) {
      const response = await testFetch(`${stack.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bank },
        body: JSON.stringify({ variables: { code: GROUP_CODE }, extensions: { persistedQuery: { version: 1, sha256Hash: summary.id } } }),
      });
      const body = (await response.json()) as { errors?: unknown };
      expect(body.errors).toBeUndefined();
    }
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on('request', (request: Request) => {
      if (new URL(request.url()).pathname === '/graphql' && request.method() === 'POST') graphRequests.push(JSON.parse(request.postData() ?? '{}') as Record<string, unknown>);
    });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** Goes to a page of the area through its navigation, as a reader does, and waits for its heading. */
  async function open(link: string, heading: string): Promise<void> {
    await page.getByRole('navigation', { name: '我的信用' }).getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.getByRole('status').filter({ hasText: '正在加载' }).waitFor({ state: 'detached' });
  }

  it('signs in through the development identity provider and lands on its overview', async () => {
    await page.goto(`${stack.origin}/`);
    await page.getByRole('button', { name: '登录' }).click();
    // The provider's own sign-in page: choose the demo group, enter the development password it shows.
    await page.getByLabel(new RegExp(GROUP)).check();
    const password = await page.locator('code.password').innerText();
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${stack.origin}/me`);
    await page.getByRole('heading', { level: 1, name: '我的信用概览' }).waitFor();
    await page.getByRole('table', { name: '各行业信用记录' }).waitFor();
    expect(await page.locator('dl.facts').innerText()).toContain(GROUP);
    const rows = await page.getByRole('table', { name: '各行业信用记录' }).locator('tbody th').allInnerTexts();
    expect(rows).toEqual(['市场监管（公示名录）', '税务', '金融', '工程建设', '电子商务', '医疗卫生']);
    await screenshot(page, 'subject-overview');
    await checkAccessibility(page);
  });

  it('reads its credit report with every section of the PDF, and downloads the PDF', async () => {
    await open('信用报告', '本人信用报告');
    await page.getByRole('button', { name: '生成信用报告' }).click();
    await page.getByRole('heading', { level: 2, name: '报告信息' }).waitFor();
    const report = page.getByRole('article', { name: '本人信用报告' });
    expect(await report.locator('h2').allInnerTexts()).toEqual(['报告信息', '身份信息', '各行业信用概要', '各行业有效记录', '公共信息', '查询记录（近两年）', '信息主体声明']);
    expect(await report.locator('h3').allInnerTexts()).toEqual(['税务', '金融', '工程建设', '电子商务', '医疗卫生']);
    const text = await report.innerText();
    expect(text).toContain(GROUP);
    expect(text).toContain('本人查询');
    expect(text).toContain(BANK);
    await screenshot(page, 'subject-report');
    await checkAccessibility(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 PDF 报告' }).click()]);
    expect(download.suggestedFilename()).toBe(`credit-report-${GROUP_CODE}.pdf`);
    expect(readFileSync(await download.path()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByRole('status').filter({ hasText: 'PDF 报告已开始下载' }).waitFor();
  });

  it('objects to a tax penalty: the form checks the reason, then the record is marked under objection with its due day', async () => {
    await open('信用记录', '我的信用记录');
    await page.getByRole('navigation', { name: '行业' }).getByRole('link', { name: '税务' }).click();
    const penalties = page.getByRole('region', { name: /税务行政处罚/ });
    const record = penalties.getByRole('article').first();
    await record.waitFor();
    await record.getByRole('button', { name: '提出异议' }).click();
    await record.getByRole('button', { name: '提交异议' }).click();
    expect(await record.locator('.field-error').allInnerTexts()).toEqual(['此项必填。']);
    await record.getByLabel(/异议理由/).fill('罚款金额应为 5000 元');
    await record.getByRole('button', { name: '提交异议' }).click();
    const done = record.getByRole('status').filter({ hasText: '异议已提交' });
    await done.waitFor();
    expect(await done.innerText()).toMatch(/^异议已提交。记录已标注“异议中”，信息提供单位应于 \d{4}年\d{1,2}月\d{1,2}日 前答复。/);
    await record.locator('.marks', { hasText: '异议中' }).waitFor();
    expect(await record.getByRole('button', { name: '异议处理中' }).isDisabled()).toBe(true);
    await screenshot(page, 'subject-records-objection');
    await checkAccessibility(page);

    await open('异议', '我的异议');
    const objection = page.getByRole('article').first();
    const shown = await objection.innerText();
    expect(shown).toContain('税务行政处罚');
    expect(shown).toContain('处理中');
    expect(shown).toContain('罚款金额应为 5000 元');
    expect(shown).toMatch(/等待信息提供单位答复，答复期限 \d{4}年\d{1,2}月\d{1,2}日。/);
    await screenshot(page, 'subject-objections');
    await checkAccessibility(page);
  });

  it('attaches its own statement to a record, shown with the record and in its statements', async () => {
    await open('信用记录', '我的信用记录');
    await page.getByRole('navigation', { name: '行业' }).getByRole('link', { name: '税务' }).click();
    const record = page.getByRole('region', { name: /欠税公告/ }).getByRole('article').first();
    await record.getByRole('button', { name: '添加本人声明' }).click();
    await record.getByLabel(/声明内容/).fill('欠缴税款已于 2022 年 9 月补缴。');
    await record.getByRole('button', { name: '提交声明' }).click();
    await record.getByRole('status').filter({ hasText: '本人声明已添加。' }).waitFor();
    await record.locator('blockquote', { hasText: '欠缴税款已于 2022 年 9 月补缴。' }).waitFor();
    await checkAccessibility(page);

    await open('本人声明', '本人声明');
    const row = page.getByRole('row', { name: /欠缴税款已于 2022 年 9 月补缴。/ });
    expect(await row.innerText()).toMatch(/税务\s+欠税公告\s+欠缴税款已于 2022 年 9 月补缴。\s+.+\s+当前有效/);
    await screenshot(page, 'subject-statements');
    await checkAccessibility(page);
  });

  it('reads who queried it: the bank in the table, and the chart by institution with its text alternative', async () => {
    await open('查询记录', '谁查询过我');
    const table = page.getByRole('region', { name: '查询明细' });
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    for (const row of await rows.all()) expect(await row.innerText()).toMatch(new RegExp(`${BANK}[\\s\\S]*信用服务机构\\s+贷款审批`));
    const chart = page.getByRole('img', { name: /共有 1 家机构查询了 2 次；查询最多的是中国工商银行上海市分行（2 次）/ });
    await chart.locator('svg').waitFor();
    await page.getByLabel('按用途').check();
    await page.getByRole('img', { name: /最常见的用途是贷款审批（2 次）/ }).waitFor();
    await screenshot(page, 'subject-inquiries');
    await checkAccessibility(page);
  });

  it('shows its consents, repair applications and notices, each passing axe', async () => {
    for (const [link, heading, name] of [
      ['授权管理', '授权管理', 'subject-consents'],
      ['信用修复', '信用修复', 'subject-repair'],
      ['通知', '信息告知', 'subject-notices'],
    ] as const) {
      await open(link, heading);
      await screenshot(page, name);
      await checkAccessibility(page);
    }
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('信息告知');
  });

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Notices' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('navigation', { name: 'My credit' }).getByRole('link').allInnerTexts()).toEqual([
      'Overview', 'Credit report', 'My records', 'Objections', 'Credit repair', 'My statements', 'Consents', 'Who queried me', 'Notices',
    ]);
    await screenshot(page, 'subject-notices-en');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: '信息告知' }).waitFor();
    expect(browser.externalRequests()).toEqual([]);
    expect(browser.pageErrors()).toEqual([]);
  });

  it('sent every operation by its id alone, which the gateway in require-id mode served', () => {
    expect(graphRequests.length).toBeGreaterThan(10);
    expect(graphRequests.filter((body) => 'query' in body)).toEqual([]);
    for (const body of graphRequests) expect(body.extensions).toEqual({ persistedQuery: { version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });
});
