import type { Page } from 'playwright-core';
import { checkAccessibility, describeInBrowser, launchBrowser, screenshot, startWebStack, type WebBrowser, type WebStack } from './support';

/**
 * The explorer (web/explorer, GraphiQL bundled) in Chromium with the network cut to 127.0.0.1: it
 * loads and runs with nothing from outside, the development principal picker fills the headers,
 * a query's result shows, a denied field is listed with its category and level, and the page passes
 * axe. The gateway serves web/dist (built by `pretest`) over the subgraphs the demo query reaches.
 */

const GROUP = '北京诚昌控股集团有限公司';

describeInBrowser('the explorer', () => {
  let stack: WebStack;
  let browser: WebBrowser;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startWebStack({ only: ['registry', 'finance', 'taxation', 'access'] }), launchBrowser()]);
  }, 20_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** Opens the explorer and waits until GraphiQL has the schema (the operation editor and the picker are there). */
  async function openExplorer(): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(stack.explorerUrl);
    await page.getByRole('heading', { level: 1, name: /Credit Graph explorer/ }).waitFor();
    await page.locator('.graphiql-query-editor .view-lines').waitFor();
    return page;
  }

  /** Picks a demo principal, runs the operation in the editor and returns the request the explorer sent. */
  async function runAs(page: Page, principal: string): Promise<{ headers: Record<string, string>; body: { operationName?: string } }> {
    await page.getByLabel('Demo principal').selectOption(principal);
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url() === stack.graphqlUrl && r.method() === 'POST' && (r.postDataJSON() as { operationName?: string }).operationName === 'DemoGroup'),
      page.getByRole('button', { name: /Execute query/ }).click(),
    ]);
    await request.response();
    return { headers: await request.allHeaders(), body: request.postDataJSON() as { operationName?: string } };
  }

  it('works with the network cut: picks the regulator, runs the demo query, shows the group with nothing denied', async () => {
    const page = await openExplorer();
    const sent = await runAs(page, 'regulator');
    expect(sent.headers['authorization']).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sent.headers['x-inquiry-purpose']).toBe('SUPERVISION');
    await page.locator('.graphiql-response .view-lines', { hasText: GROUP }).waitFor();
    // Monaco draws spaces as no-break spaces.
    const response = (await page.locator('.graphiql-response .view-lines').innerText()).replace(/\u00a0/g, ' ');
    expect(response).toContain('"worstClassification": "LOSS"');
    expect(await page.getByRole('region', { name: /Denied fields/ }).innerText()).toBe('未授权字段 · Denied fields (0)\n\nNone: nothing was removed from the last response.');
    await screenshot(page, 'explorer-regulator');
    await checkAccessibility(page, {
      // GraphiQL's own tab strip puts its button inside role="tab" (upstream markup, not ours).
      exclude: ['.graphiql-tabs'],
    });
    expect(browser.externalRequests()).toEqual([]);
    expect(browser.pageErrors()).toEqual([]);
  });

  it('lists a denied field with its category and level', async () => {
    const page = await openExplorer();
    const sent = await runAs(page, 'public');
    expect(sent.headers['authorization']).toBeUndefined();
    const panel = page.getByRole('region', { name: /Denied fields/ });
    await panel.getByRole('row').nth(1).waitFor();
    const rows = (await panel.getByRole('row').allInnerTexts()).map((row) => row.split('\t'));
    expect(rows).toEqual([
      ['Path · 路径', 'Category · 类别', 'Level · 级别', 'Reason · 原因'],
      ['subject.finance.summary', 'finance.credit', 'RESTRICTED', 'requires RESTRICTED access to finance.credit; the caller holds no grant for it'],
    ]);
    // The response editor shows the errors first (Monaco draws only the lines in view).
    await page.locator('.graphiql-response .view-lines', { hasText: 'UNAUTHORIZED_FIELD_OR_TYPE' }).waitFor();
    await screenshot(page, 'explorer-denied-field');
    await checkAccessibility(page, { exclude: ['.graphiql-tabs'] });
    expect(browser.externalRequests()).toEqual([]);
    expect(browser.pageErrors()).toEqual([]);
  });

  it('is where a browser opening the GraphQL endpoint lands', async () => {
    const page = await browser.newPage();
    await page.goto(stack.graphqlUrl);
    expect(page.url()).toBe(stack.explorerUrl);
    await page.getByRole('heading', { level: 1, name: /Credit Graph explorer/ }).waitFor();
  });
});
