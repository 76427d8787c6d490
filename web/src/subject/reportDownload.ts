import { GraphQLRequestError, type GraphQLErrorBody, type RequestContext } from '../app/graphql';

/**
 * The credit report as a PDF document (`GET /reports/<code>.pdf`), asked with the subject's own token
 * and purpose like every request of the site, and saved under the name the gateway gives it. The
 * gateway answers a refusal with the GraphQL errors as JSON: they are thrown as a GraphQLRequestError,
 * with their codes. Every download issues (and counts) a report.
 */
export async function downloadReportPdf(context: RequestContext, code: string): Promise<void> {
  const headers: Record<string, string> = { accept: 'application/pdf' };
  if (context.accessToken) headers.authorization = `Bearer ${context.accessToken}`;
  if (context.purpose) headers['x-inquiry-purpose'] = context.purpose;
  const response = await fetch(`/reports/${encodeURIComponent(code)}.pdf`, { headers });
  if (!response.ok) {
    let errors: GraphQLErrorBody[] = [];
    try {
      const body = (await response.json()) as { errors?: GraphQLErrorBody[] };
      errors = body.errors ?? [];
    } catch {
      // not JSON: the status says what happened
    }
    throw new GraphQLRequestError(errors.length > 0 ? errors : [{ message: `HTTP ${response.status}`, extensions: { code: 'HTTP_ERROR' } }], response.status);
  }
  const blob = await response.blob();
  const named = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = named ?? `credit-report-${code}.pdf`;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The download has started from the URL: it may go once the click has been handled.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
