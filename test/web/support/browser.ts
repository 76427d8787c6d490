import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { woffToSfnt } from '../../../gateway/report/font';

/**
 * The browser tests' Chromium (Debian's `/usr/bin/chromium`, or `CG_CHROMIUM`), driven by
 * playwright-core, with the network cut: every request to anything but 127.0.0.1 or localhost is
 * aborted and recorded, so a test asserts that a page works offline and asked nothing of the world.
 */

const ROOT = path.resolve(__dirname, '../../..');
export const SCREENSHOTS = path.join(ROOT, 'artifacts', 'screenshots');

/** The Chromium executable, or null when there is none. */
export function chromiumPath(): string | null {
  const candidate = process.env.CG_CHROMIUM || '/usr/bin/chromium';
  return existsSync(candidate) ? candidate : null;
}

/**
 * `describe` when Chromium is there; otherwise the block is skipped with a loud message, or, with
 * `CG_REQUIRE_CHROMIUM=1` (CI), fails.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (chromiumPath()) {
    describe(name, body);
    return;
  }
  const message = `CHROMIUM MISSING: ${process.env.CG_CHROMIUM || '/usr/bin/chromium'} does not exist (install Debian's chromium or set CG_CHROMIUM)`;
  if (process.env.CG_REQUIRE_CHROMIUM === '1') {
    describe(name, () => {
      it('needs Chromium (CG_REQUIRE_CHROMIUM=1)', () => {
        throw new Error(message);
      });
    });
    return;
  }
  process.stderr.write(`\n\x1b[41m\x1b[37m ${message}: the browser tests "${name}" are SKIPPED \x1b[0m\n\n`);
  describe.skip(name, body);
}

/** How long one browser step (a navigation, a click, a wait for an element) may take. */
export const ACTION_TIMEOUT_MS = 8_000;

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether a URL stays on this machine (or never leaves the page: data:, blob:, about:). */
export function isLocalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'about:') return true;
    return LOCAL_HOSTS.has(parsed.hostname);
  } catch {
    return false;
  }
}

export interface WebBrowser {
  /** The test file's Chromium, shared with the other blocks of the file (see launchBrowser). */
  readonly browser: Browser;
  /** A fresh context (cookies, storage) with the network cut to 127.0.0.1 and localhost. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a fresh context. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** Every request (and WebSocket) to anywhere else that was attempted from this handle's contexts, and aborted. */
  externalRequests(): readonly string[];
  /** Console errors, uncaught page errors and CSP reports seen on the pages of this handle's contexts. */
  pageErrors(): readonly string[];
  /** Closes this handle's contexts; Chromium itself stays for the file's other blocks (closeChromium). */
  close(): Promise<void>;
}

/**
 * The machine may have no Chinese font (a bare Debian with chromium): Chromium is given Noto Sans SC,
 * the font the PDF report embeds, as a font of the system through a fontconfig file of its own, so the
 * screenshots are legible whatever the machine has.
 */
function chineseFontConfig(): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cg-fonts-'));
  const woff = readFileSync(require.resolve('@openfonts/noto-sans-sc_all/files/noto-sans-sc-all-400.woff'));
  writeFileSync(path.join(dir, 'NotoSansSC-Regular.ttf'), woffToSfnt(woff));
  const file = path.join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${dir}</dir><cachedir>${dir}/cache</cachedir></fontconfig>`,
  );
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The file's Chromium, once launched: jest gives every test file its own copy of this module. */
let chromiumOnce: Promise<{ browser: Browser; cleanup: () => void }> | null = null;

async function startChromium(): Promise<{ browser: Browser; cleanup: () => void }> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is missing: install Debian\'s chromium or set CG_CHROMIUM');
  const fonts = chineseFontConfig();
  try {
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      env: { ...process.env, FONTCONFIG_FILE: fonts.file },
      // Names resolve to nothing but this machine, whatever a route below lets through.
      args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    return { browser, cleanup: fonts.cleanup };
  } catch (error) {
    fonts.cleanup();
    throw error;
  }
}

/**
 * Closes the test file's Chromium, when one was launched: the file's last `afterAll`
 * (test/web/browser.test.ts).
 */
export async function closeChromium(): Promise<void> {
  const running = chromiumOnce;
  chromiumOnce = null;
  if (!running) return;
  const { browser, cleanup } = await running.catch(() => ({ browser: null, cleanup: () => undefined }));
  await browser?.close();
  cleanup();
}

/**
 * A handle on the test file's Chromium, launched on the first call and kept for the file's other
 * blocks (a launch costs seconds): what the tests see of each other is nothing, as every handle
 * makes its own contexts (own cookies, storage and cache), watches only them, and closes only them.
 */
export async function launchBrowser(): Promise<WebBrowser> {
  chromiumOnce ??= startChromium();
  let browser: Browser;
  try {
    ({ browser } = await chromiumOnce);
  } catch (error) {
    chromiumOnce = null;
    throw error;
  }
  const external: string[] = [];
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];

  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('websocket', (socket) => {
      if (!isLocalUrl(socket.url())) external.push(`websocket ${socket.url()}`);
    });
  };

  const newContext = async (options: BrowserContextOptions = {}) => {
    const context = await browser.newContext({ serviceWorkers: 'block', ...options });
    contexts.push(context);
    // A step that waits longer than this failed: its own error (with Playwright's call log) comes before jest's timeout.
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (isLocalUrl(url)) return route.continue();
      external.push(`${route.request().method()} ${url}`);
      return route.abort('blockedbyclient');
    });
    context.on('page', watch);
    return context;
  };

  return {
    browser,
    newContext,
    async newPage(options) {
      const context = await newContext(options);
      // The context's 'page' event (above) watches it.
      return context.newPage();
    },
    externalRequests: () => [...external],
    pageErrors: () => [...errors],
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
    },
  };
}

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly helpUrl: string;
  readonly nodes: ReadonlyArray<{ readonly target: readonly unknown[]; readonly failureSummary?: string }>;
}

export interface AccessibilityOptions {
  /** CSS selectors left out of the check (third-party widgets a test cannot change), each with its reason in the test. */
  readonly exclude?: readonly string[];
  /** Impacts that fail the check; serious and critical by default. */
  readonly failOn?: ReadonlyArray<'minor' | 'moderate' | 'serious' | 'critical'>;
}

let axeSource: string | null = null;

/**
 * Runs axe-core (from node_modules, injected through the DevTools protocol, so the page's CSP need
 * not allow it) on the page and fails, listing each rule, its impact and the elements, when any
 * violation is serious or critical. Returns every violation found (the lesser ones too).
 */
export async function checkAccessibility(page: Page, options: AccessibilityOptions = {}): Promise<readonly AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const present = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe !== 'undefined');
  if (!present) await page.evaluate(axeSource);
  const exclude = (options.exclude ?? []).map((selector) => [selector]);
  const violations = await page.evaluate(async (excluded) => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run({ include: [['html']], exclude: excluded }, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, exclude);
  const failOn = new Set(options.failOn ?? ['serious', 'critical']);
  const failing = violations.filter((v) => v.impact !== null && failOn.has(v.impact as 'serious'));
  if (failing.length > 0) {
    const lines = failing.map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    at ${n.target.map(String).join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`)
        .join('\n');
      return `[${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element${v.nodes.length === 1 ? '' : 's'}; ${v.helpUrl})\n${nodes}`;
    });
    throw new Error(`accessibility violations on ${page.url()}:\n${lines.join('\n')}`);
  }
  return violations;
}

/** Saves a screenshot of the page's viewport as `artifacts/screenshots/<name>.png` (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name.replace(/[^A-Za-z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}
