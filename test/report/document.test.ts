import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DENIED_TEXT, displayValue, reportDocument, type ReportResponse } from '../../gateway/report/document';
import { escapeHtml, renderHtml } from '../../gateway/report/html';
import { renderPdf } from '../../gateway/report/pdf';
import { reportOperation } from '../../gateway/reports';
import { startSubgraphs, startGateway, urlOverrides, post, callerHeaders, testFetch, type RunningGraph } from '../support/graph';
import type { FastifyInstance } from 'fastify';
import type { TokenClaims } from '../../shared/auth/tokens';
import { usccCheckCharacter } from '../../shared/identifiers';

const SECTION_TITLES = ['报告信息', '身份信息', '各行业信用概要', '各行业有效记录', '公共信息', '查询记录', '信息主体声明'];
const HOSTILE = '<script>alert("x")</script> & 我对该记录有异议';

/**
 * A report as the gateway answers it to an organization: selfReports denied (null), finance's credit
 * accounts denied (removed from the data before planning, known by their error), one record under objection.
 */
const FIXTURE: ReportResponse = {
  data: {
    creditReport: {
      id: 'R-2026-000123',
      generatedAt: '2026-12-01T02:00:00.000Z',
      requestedBy: { kind: 'CREDIT_SERVICE', institution: '上海浦东示范银行' },
      purpose: 'LOAN_APPROVAL',
      selfReports: null,
      subject: {
        code: '9111010500088WXJ4C',
        kind: 'ENTERPRISE',
        name: '北京诚昌控股集团有限公司',
        region: { code: '110105', name: '北京市朝阳区' },
        listingSummary: { recordsInForce: 1, negativeInForce: 1, underObjection: 0, repaired: 0, latestDecisionOn: '2026-03-02', worstState: null },
        abnormalOperationListings: {
          totalCount: 1,
          nodes: [{ documentNumber: '京朝市监异〔2026〕7号', decisionDate: '2026-03-02', sourceAuthority: { name: '北京市朝阳区市场监督管理局' }, objectionStatus: 'NONE', repairStatus: 'APPLIED', reason: '通过登记的住所无法联系' }],
        },
        seriousIllegalListings: { totalCount: 0, nodes: [] },
        taxation: {
          recordSummary: { recordsInForce: 2, negativeInForce: 1, underObjection: 1, repaired: 0, latestDecisionOn: '2026-11-20', worstState: 'D' },
          arrearsNotices: {
            totalCount: 1,
            nodes: [
              {
                documentNumber: '京朝税欠〔2026〕1号',
                decisionDate: '2026-11-20',
                sourceAuthority: { name: '国家税务总局北京市朝阳区税务局' },
                objectionStatus: 'UNDER_OBJECTION',
                repairStatus: 'NONE',
                statement: { text: HOSTILE, madeAt: '2026-11-25T08:00:00.000Z' },
                amountOwed: '12000.50',
              },
            ],
          },
        },
        finance: { recordSummary: { recordsInForce: 0, negativeInForce: 0, underObjection: 0, repaired: 0, latestDecisionOn: null, worstState: null } },
      },
      inquiries: [{ institution: '未具名机构', date: '2026-10-01', purpose: 'CREDIT_RATING' }],
      statement: { text: HOSTILE, madeAt: '2026-11-26T08:00:00.000Z' },
    },
  },
  errors: [
    { message: 'Unauthorized field or type', path: ['creditReport', 'selfReports'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } },
    { message: 'Unauthorized field or type', path: ['creditReport', 'subject', 'finance', 'creditAccounts'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } },
  ],
};

type Leaf = readonly [field: string, value: string | number | boolean];

/** Every value of a response's report as the document shows it, but those that differ from one report to the next. */
function leavesOf(value: unknown, field = '', skip: ReadonlySet<string> = new Set()): Leaf[] {
  if (value === null || value === undefined || skip.has(field)) return [];
  if (Array.isArray(value)) return value.flatMap((item) => leavesOf(item, field, skip));
  if (typeof value === 'object') return Object.entries(value).flatMap(([key, child]) => leavesOf(child, key, skip));
  return [[field, value as string | number | boolean]];
}

const squeezed = (text: string) => text.replace(/\s+/g, '');

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cg-report-'));
  try {
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The values of `leaves` the text does not show. */
function missingFrom(text: string, leaves: readonly Leaf[]): string[] {
  const all = squeezed(text);
  return leaves.map(([field, value]) => displayValue(field, value)).filter((shown) => !all.includes(squeezed(shown)));
}

/** The first line of each page of a PDF's text. */
const pageHeads = (text: string) => text.split('\f').map((page) => page.trim().split('\n')[0] ?? '');

describe('the report document, from the response of CreditReport', () => {
  const document = reportDocument(FIXTURE)!;

  it('escapes a hostile statement in the HTML, which carries lang="zh-CN", no script and one section per page', () => {
    const html = renderHtml(document);
    expect(html).not.toContain('<script>');
    expect(html).toContain(escapeHtml(HOSTILE));
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 我对该记录有异议');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(html.match(/<section>/g)).toHaveLength(SECTION_TITLES.length);
    expect(html).toContain('break-after: page');
  });

  it('shows every value of the response, objection and repair marks named in Chinese', () => {
    const html = renderHtml(document);
    const leaves = leavesOf(FIXTURE.data?.creditReport);
    expect(leaves.map(([field, value]) => escapeHtml(displayValue(field, value))).filter((shown) => !html.includes(shown))).toEqual([]);
    expect(html).toContain('异议中（UNDER_OBJECTION）');
    expect(html).toContain('修复申请中（APPLIED）');
  });

  it('says a denied part is not available to this caller instead of showing it empty', () => {
    expect(document.sections.map((s) => s.title)).toEqual(SECTION_TITLES);
    const header = document.sections[0]!;
    expect(header.blocks).toContainEqual({ kind: 'note', text: `本人查询次数：${DENIED_TEXT}` });
    const records = document.sections[3]!;
    expect(records.blocks).toContainEqual({ kind: 'note', text: `金融·信贷账户：${DENIED_TEXT}` });
  });

  // How fast it renders is measured by `npm run bench:report`, not asserted here (this machine is shared).
  it('makes a PDF, each section on a page of its own, showing every value', async () => {
    const pdf = await renderPdf(document);
    const text = pdfText(pdf);
    expect(missingFrom(text, leavesOf(FIXTURE.data?.creditReport))).toEqual([]);
    expect(pageHeads(text).filter((head) => SECTION_TITLES.includes(head) || head === '信用报告')).toHaveLength(SECTION_TITLES.length);
    expect(text).toContain(DENIED_TEXT);
  });
});

describe('GET /reports/<code>.pdf|.html through the gateway', () => {
  const GROUP = '9111010500088WXJ4C';
  const SELF: TokenClaims = { kind: 'SUBJECT', org: GROUP, subject: GROUP, grants: [], purposes: ['SELF_QUERY'] };
  const { body: OPERATION } = reportOperation();
  let graph: RunningGraph;
  let gateway: { url: string; app: { close(): Promise<unknown> } };

  beforeAll(async () => {
    graph = await startSubgraphs();
    gateway = await startGateway(urlOverrides(graph.subgraphUrls));
  });

  afterAll(async () => {
    await gateway?.app.close();
    await graph?.close();
  });

  const get = (file: string, headers: Record<string, string> = {}) => testFetch(`${gateway.url}/reports/${file}`, { headers });

  /** What changes from one report to the next: its number, its time, the subject's count of its own reports. */
  const VOLATILE = new Set(['id', 'generatedAt', 'selfReports']);

  describe.each([
    ['the subject itself', async () => callerHeaders(SELF, 'SELF_QUERY')],
    ['the public', async () => ({})],
  ])('for %s', (_who, headersOf) => {
    it('the PDF and the HTML show what the GraphQL response of the same operation shows', async () => {
      const headers = await headersOf();
      const graphql = await post(gateway.url, OPERATION, { code: GROUP }, headers);
      expect(graphql.status).toBe(200);
      const report = (graphql.body.data as { creditReport: { subject: unknown } }).creditReport;
      expect(report.subject).not.toBeNull();
      const leaves = leavesOf(report, '', VOLATILE);
      expect(leaves.length).toBeGreaterThan(20);

      const pdf = await get(`${GROUP}.pdf`, headers);
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="credit-report-${GROUP}.pdf"`);
      expect(pdf.headers.get('cache-control')).toBe('no-store');
      const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
      expect(missingFrom(text, leaves)).toEqual([]);

      const html = await get(`${GROUP}.html`, headers);
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
      // The report's own policy (inline styles, nothing else) stands; the listener adds what it lacks.
      const security = (response: Response) =>
        Object.fromEntries(['content-security-policy', 'x-frame-options', 'x-content-type-options', 'referrer-policy'].map((name) => [name, response.headers.get(name)]));
      expect(security(html)).toEqual({
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'",
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      expect(security(pdf)).toEqual({
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      const page = await html.text();
      expect(leaves.map(([field, value]) => escapeHtml(displayValue(field, value))).filter((shown) => !page.includes(shown))).toEqual([]);
      // What the gateway denied this caller is said to be denied, in both.
      const denials = (graphql.body.errors ?? []).filter((e) => (e.extensions as { code?: string }).code === 'UNAUTHORIZED_FIELD_OR_TYPE');
      const deniedLines = (shown: string) => shown.split(DENIED_TEXT).length - 1;
      expect([deniedLines(squeezed(text)), deniedLines(page)]).toEqual([denials.length, denials.length]);
    });
  });

  describe('on a gateway that takes operations only by id and one failed authentication a minute per address', () => {
    let strict: { url: string; app: FastifyInstance };

    beforeAll(async () => {
      strict = await startGateway({
        ...urlOverrides(graph.subgraphUrls),
        CG_PERSISTED_QUERIES: 'require-id',
        CG_PERSISTED_QUERIES_MANIFEST: path.resolve(__dirname, '../../operations/persisted-query-manifest.json'),
        CG_AUTH_FAILURES_PER_MINUTE: '1',
      });
    });

    afterAll(async () => {
      await strict?.app.close();
    });

    it('serves the report, as the operation is in the manifest', async () => {
      const unlisted = await post(strict.url, OPERATION, { code: GROUP });
      expect([unlisted.status, unlisted.body.errors?.map((e) => (e.extensions as { code: string }).code)]).toEqual([400, ['PERSISTED_QUERY_ID_REQUIRED']]);
      const html = await testFetch(`${strict.url}/reports/${GROUP}.html`);
      expect(html.status).toBe(200);
      expect(await html.text()).toContain(GROUP);
    });

    it("counts a failed authentication against the caller's address, not the gateway's own", async () => {
      const from = (address: string) => () =>
        strict.app.inject({ method: 'GET', url: `/reports/${GROUP}.pdf`, remoteAddress: address, headers: { authorization: 'Bearer not-a-token' } });
      const fromCaller = from('203.0.113.5');
      expect((await fromCaller()).statusCode).toBe(401);
      // Another caller's failure is its own: had the route asked from the gateway's address, this one would be refused.
      expect((await from('198.51.100.7')()).statusCode).toBe(401);
      const again = await fromCaller();
      expect([again.statusCode, (JSON.parse(again.body) as { errors: Array<{ extensions: { code: string } }> }).errors.map((e) => e.extensions.code)]).toEqual([429, ['RATE_LIMITED']]);
      expect(again.headers['retry-after']).toMatch(/^\d+$/);
    });
  });

  it('answers 502 SUBGRAPH_UNAVAILABLE, and no document, when a sector does not answer: a report missing a sector is never issued', async () => {
    const cut = await startGateway({ ...urlOverrides(graph.subgraphUrls), CG_CONSTRUCTION_URL: 'http://127.0.0.1:9/graphql', CG_RETRY_MAX: '0' });
    try {
      const response = await testFetch(`${cut.url}/reports/${GROUP}.pdf`);
      const body = (await response.json()) as { errors: Array<{ extensions: { code: string; serviceName?: string } }> };
      expect([response.status, body.errors.map((e) => [e.extensions.code, e.extensions.serviceName])]).toEqual([502, [['SUBGRAPH_UNAVAILABLE', 'construction']]]);
    } finally {
      await cut.app.close();
    }
  });

  it('answers 401 UNAUTHENTICATED to a bad token, 400 BAD_USER_INPUT to a bad code, 404 NOT_FOUND to an unknown subject, never a stack', async () => {
    const bad = await get(`${GROUP}.pdf`, { authorization: 'Bearer not-a-token' });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { errors: Array<{ extensions: { code: string } }> }).errors.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);

    for (const file of ['not-a-code.pdf', 'ABC.html']) {
      const response = await get(file);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
      expect(body.errors.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
      expect(JSON.stringify(body)).not.toMatch(/stacktrace|at .*\.ts:/);
    }

    const unregistered = '91110105MA0000001';
    const unknown = await get(`${unregistered}${usccCheckCharacter(unregistered)}.html`);
    expect([unknown.status, ((await unknown.json()) as { errors: Array<{ extensions: { code: string } }> }).errors.map((e) => e.extensions.code)]).toEqual([404, ['NOT_FOUND']]);
    // A natural person the public may not see reads like no subject at all.
    const person = await graph.stores.registry.db('subjects').where('code_type', 'RESIDENT_ID').orderBy('code').first<{ code: string }>('code');
    const hidden = await get(`${person.code}.html`);
    expect([hidden.status, await hidden.json()]).toEqual([404, { errors: [{ message: 'No subject with this code, or no report of it for this caller', extensions: { code: 'NOT_FOUND' } }] }]);
  });

  it('answers a path too long or malformed in the same error shape, without repeating it', async () => {
    const long = await get(`${'A'.repeat(5000)}.html`);
    expect([long.status, await long.json()]).toEqual([414, { errors: [{ message: 'A part of the request path is too long', extensions: { code: 'BAD_REQUEST' } }] }]);
    const malformed = await get('%E0%A4%A.html');
    expect([malformed.status, await malformed.json()]).toEqual([400, { errors: [{ message: 'The request path is not valid (bad percent-encoding)', extensions: { code: 'BAD_REQUEST' } }] }]);
  });

  it('serves the HTML under a policy that allows no script, no framing, no form and no base', async () => {
    const page = await get(`${GROUP}.html`);
    expect(page.status).toBe(200);
    expect([page.headers.get('content-security-policy'), page.headers.get('x-frame-options')]).toEqual([
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'",
      'DENY',
    ]);
  });
});
