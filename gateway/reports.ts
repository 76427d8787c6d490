import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parse, print } from 'graphql';
import { ERROR_CODES, isErrorCode } from '../shared/errors';
import { PURPOSE_HEADER } from './context';
import { sha256 } from './safelist';
import { reportDocument, type ReportResponse } from './report/document';
import { renderHtml } from './report/html';
import { renderPdf } from './report/pdf';
import { reportFont } from './report/font';
import { PROJECT_ROOT } from '../shared/projectRoot';

/**
 * `GET /reports/<code>.pdf` and `GET /reports/<code>.html`: the subject's credit report as a
 * document, in Chinese. The route runs ONE fixed operation, `operations/credit-report.graphql`
 * (`CreditReport`), and renders its response (gateway/report/): the document is a pure function of
 * what the graph answered that caller.
 *
 * How the operation runs: as a loopback request to the gateway's own GraphQL route (`app.inject`),
 * a POST with the caller's `authorization` and `x-inquiry-purpose` headers and the caller's address
 * (`remoteAddress: request.ip`, which already honours the trusted proxies). Chosen over calling
 * Apollo's `executeHTTPGraphQLRequest` because the GraphQL route is more than Apollo: the safelist
 * is a Fastify hook on it, and so are the metrics, the request log and load shedding. Through the
 * route itself, authentication, rate limits (counted once, for the caller's principal or address),
 * the safelist, operation limits, permissions and the inquiry record are those of a POST of the
 * operation, with nothing copied here that could drift. Load shedding sees two requests in flight
 * while a report is made (this one and its POST), so a saturated gateway refuses the POST with 503,
 * as it would refuse it sent directly. The inner request has its own request id
 * (the one in the inquiry record and the report row): the document's answer carries it in
 * `x-graphql-request-id`. Nothing travels over the network; no token is kept.
 *
 * Answers: 200 with the document (`cache-control: no-store`, a `Content-Disposition` naming
 * `credit-report-<code>.<ext>`); otherwise the GraphQL errors as JSON with the status of their code:
 * the GraphQL route's own refusals as it answered them (401, 400 limits and safelist, 403 purpose,
 * 429, 503), 400 BAD_USER_INPUT for a malformed code, 404 NOT_FOUND for no such subject (the report's
 * `subject` null: the same for a natural person the caller may not see), 502 when a subgraph failed
 * (a report with a sector missing would read as a clean record in that sector), 503 when the inquiry
 * record could not be written.
 */

export const REPORTS_PATH = '/reports/:file';
export const REPORT_OPERATION_FILE = path.join(PROJECT_ROOT, 'operations', 'credit-report.graphql');
/** A code as the URL may carry it: anything else is refused before a request is made. */
const FILE = /^([0-9A-Za-z]{1,32})\.(pdf|html)$/;

/** The operation as the persisted-query manifest lists it: the printed body, and its sha256 as its id. */
export function reportOperation(file = REPORT_OPERATION_FILE): { readonly body: string; readonly id: string } {
  const body = print(parse(readFileSync(file, 'utf8'), { noLocation: true }));
  return { body, id: sha256(body) };
}

interface ErrorBody {
  readonly errors: ReadonlyArray<{ readonly message: string; readonly extensions: { readonly code: string } & Record<string, unknown> }>;
}

function refuse(reply: FastifyReply, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ errors: [{ message, extensions: { ...extensions, code } }] } satisfies ErrorBody);
}

/** The HTTP status of a GraphQL error code on this route: its documented status, or 502 for what is a failure of the graph. */
function statusOf(code: unknown): number {
  if (code === 'FORBIDDEN') return 403;
  if (!isErrorCode(code)) return 502;
  const status: number = ERROR_CODES[code].status;
  return status === 200 || status === 500 ? 502 : status;
}

/** Headers of the GraphQL route's answer the caller needs from a refusal (rate limits, authentication). */
const PASSED_HEADERS = ['www-authenticate', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'];

export function registerReports(app: FastifyInstance, graphqlPath: string): void {
  const operation = reportOperation();
  // The typeface is unwrapped once, at start, not by the first caller (gateway/report/font.ts).
  reportFont();

  // No HEAD route: every GET issues a report, and a HEAD must not issue one unseen.
  app.get(REPORTS_PATH, { exposeHeadRoute: false }, async (request: FastifyRequest, reply: FastifyReply) => {
    const file = FILE.exec((request.params as { file: string }).file);
    if (!file) return refuse(reply, 400, 'BAD_USER_INPUT', 'Ask for /reports/<code>.pdf or /reports/<code>.html, <code> a subject code');
    const [, code, format] = file as unknown as [string, string, 'pdf' | 'html'];

    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (typeof request.headers.authorization === 'string') headers.authorization = request.headers.authorization;
    const purpose = request.headers[PURPOSE_HEADER];
    if (typeof purpose === 'string') headers[PURPOSE_HEADER] = purpose;
    const answer = await app.inject({
      method: 'POST',
      url: graphqlPath,
      remoteAddress: request.ip,
      headers,
      // By body and by id: served alike whether persisted queries are off, a safelist or id-only.
      payload: JSON.stringify({ query: operation.body, operationName: 'CreditReport', variables: { code }, extensions: { persistedQuery: { version: 1, sha256Hash: operation.id } } }),
    });
    const innerId = answer.headers['x-request-id'];
    if (typeof innerId === 'string') void reply.header('x-graphql-request-id', innerId);
    let response: ReportResponse & Partial<ErrorBody>;
    try {
      response = JSON.parse(answer.body) as ReportResponse & Partial<ErrorBody>;
    } catch {
      request.log.error({ status: answer.statusCode }, 'report: the GraphQL route did not answer JSON');
      return refuse(reply, 502, 'INTERNAL_SERVER_ERROR', 'The report could not be made');
    }
    if (answer.statusCode !== 200) {
      for (const name of PASSED_HEADERS) {
        const value = answer.headers[name];
        if (value !== undefined) void reply.header(name, value);
      }
      return reply.code(answer.statusCode).header('cache-control', 'no-store').send({ errors: response.errors ?? [] });
    }
    const errors = response.errors ?? [];
    const failed = errors.find((e) => e.extensions?.code !== 'UNAUTHORIZED_FIELD_OR_TYPE');
    const report = response.data?.creditReport as { subject?: unknown } | null | undefined;
    if (failed) {
      // A part of the report failed, or there is none (the caller's mistake, or the graph's failure): never half a report.
      const refused = errors.filter((e) => e.extensions?.code !== 'UNAUTHORIZED_FIELD_OR_TYPE');
      return reply.code(statusOf(failed.extensions?.code)).header('cache-control', 'no-store').send({ errors: refused });
    }
    // No report (a natural person the caller may not see) and no subject the registry knows read alike: no such subject.
    if (!report || report.subject === null || report.subject === undefined) return refuse(reply, 404, 'NOT_FOUND', 'No subject with this code, or no report of it for this caller');

    const document = reportDocument(response);
    if (!document) return refuse(reply, 502, 'INTERNAL_SERVER_ERROR', 'The report could not be made');
    void reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
    if (format === 'html') {
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'")
        .header('x-frame-options', 'DENY')
        .header('content-disposition', `inline; filename="credit-report-${code}.html"`)
        .send(renderHtml(document));
    }
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="credit-report-${code}.pdf"`)
      .send(await renderPdf(document));
  });
}
