import { checkAccessibility, describeInBrowser, launchBrowser, type WebBrowser } from '.';

/**
 * The browser harness itself: a request that would leave the machine is aborted and recorded, and
 * the accessibility check fails on a serious violation with a message naming the rule and the element.
 */
describeInBrowser('the browser harness', () => {
  let browser: WebBrowser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('aborts and records every request that is not to 127.0.0.1 or localhost', async () => {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html lang="en"><title>t</title><main><h1>t</h1></main></html>');
    const outcomes = await page.evaluate(async () =>
      Promise.all(
        ['http://example.com/a.js', 'https://10.1.2.3/b', 'http://127.0.0.1:9/c'].map((url) =>
          fetch(url).then(
            () => 'answered',
            () => 'failed',
          ),
        ),
      ),
    );
    expect(outcomes).toEqual(['failed', 'failed', 'failed']);
    expect(browser.externalRequests()).toEqual(['GET http://example.com/a.js', 'GET https://10.1.2.3/b']);
  });

  it('fails the accessibility check on a serious violation, naming the rule and the element', async () => {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html lang="en"><title>t</title><main><h1>t</h1><img src="data:,"></main></html>');
    await expect(checkAccessibility(page)).rejects.toThrow(/\[critical\] image-alt: Images must have alternative text .*\n {4}at img\n/);
  });
});
