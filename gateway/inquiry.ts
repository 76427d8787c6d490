import DataLoader from 'dataloader';
import { checkSubjectCode } from '../shared/identifiers';
import { CONTEXT_HEADER, decodeSubjects, type SubjectGrants } from '../shared/auth/context';
import { Disclosures, DISCLOSURES_EXTENSION, readDisclosures, type Disclosure } from '../shared/subgraph/disclosures';

/**
 * The gateway's side of per-subject decisions and inquiry records. Consents, special applications and
 * inquiry records live in the access subgraph's store; the gateway reaches two routes of it that only
 * a request signed with the internal key may call:
 * - before a fetch that concerns subjects, the grants in force for the caller (one call per request,
 *   batched over its fetches), which it signs and sends with that fetch (a body extension);
 * - before the response leaves, the request's inquiry record, built from what each subgraph reported
 *   disclosing. If that write fails, the response carries no data (fail closed).
 */

const EMPTY_GRANTS: SubjectGrants = Object.freeze({ consents: [], applications: [] });

export class AccessUnavailable extends Error {}

export class AccessClient {
  private readonly grantsUrl: string;
  private readonly recordsUrl: string;

  constructor(
    accessGraphqlUrl: string,
    private readonly timeoutMs: number,
  ) {
    this.grantsUrl = new URL('/internal/subject-grants', accessGraphqlUrl).toString();
    this.recordsUrl = new URL('/internal/inquiry-records', accessGraphqlUrl).toString();
  }

  private async post(url: string, signedContext: string, body: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: signedContext },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new AccessUnavailable(`the access subgraph does not answer (${(error as Error).name})`);
    }
    if (!response.ok) throw new AccessUnavailable(`the access subgraph answered HTTP ${response.status}`);
    return response.json();
  }

  async grants(signedContext: string, subjects: readonly string[]): Promise<Record<string, SubjectGrants>> {
    const body = (await this.post(this.grantsUrl, signedContext, { subjects })) as { subjects?: unknown };
    return decodeSubjects(body.subjects);
  }

  /**
   * Writes the inquiry records of several requests in one call and one statement (group commit).
   * The call is signed like any gateway request; each record carries its own request's context.
   * Each record has its own outcome: its id, or an error that fails only its own request.
   */
  async record(callContext: string, records: ReadonlyArray<{ readonly context: string; readonly disclosures: readonly Disclosure[] }>): Promise<Array<string | Error>> {
    const body = (await this.post(this.recordsUrl, callContext, { records })) as { results?: unknown };
    if (!Array.isArray(body.results) || body.results.length !== records.length) throw new AccessUnavailable('the access subgraph did not confirm the inquiry records');
    return body.results.map((result: unknown) => {
      const r = result as { id?: unknown; error?: { code?: unknown; message?: unknown } } | null;
      if (typeof r?.id === 'string' && r.id !== '') return r.id;
      return new AccessUnavailable(`the access subgraph did not write the inquiry record (${String(r?.error?.code ?? 'no answer')}: ${String(r?.error?.message ?? '')})`);
    });
  }
}

/** Most bytes of records one call to the access subgraph carries (its route accepts more). */
export const CALL_BYTES = 4 * 1024 * 1024;

type PendingRecord = { readonly context: string; readonly disclosures: readonly Disclosure[] };

/** Splits records, in order, into runs of at most CALL_BYTES of JSON (a larger record alone). */
export function chunksBySize(records: readonly PendingRecord[]): PendingRecord[][] {
  const chunks: PendingRecord[][] = [];
  let current: PendingRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = Buffer.byteLength(JSON.stringify(record));
    if (current.length > 0 && bytes + size > CALL_BYTES) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Group commit of inquiry records: the records of requests that finish together go out in one call,
 * and each request waits until its own record is durable. Nothing is written later or lost on a
 * failure: a request whose record failed fails closed, and only that request when the call itself
 * went through (one bad record never costs its neighbours theirs).
 */
export class InquiryWriter {
  private readonly loader: DataLoader<{ readonly context: string; readonly disclosures: readonly Disclosure[] }, string>;

  constructor(client: AccessClient, callContext: () => Promise<string>, maxBatch = 200) {
    this.loader = new DataLoader(
      async (records) => {
        // One call per chunk of at most CALL_BYTES: an oversized record goes alone and fails alone.
        const outcomes = await Promise.all(
          chunksBySize(records).map(async (chunk) => {
            try {
              return await client.record(await callContext(), chunk);
            } catch (error) {
              return chunk.map(() => error as Error);
            }
          }),
        );
        return outcomes.flat();
      },
      {
      cache: false,
      maxBatchSize: maxBatch,
      // Gather the records of every request that finished in this turn of the event loop.
      batchScheduleFn: (callback) => setImmediate(callback),
      },
    );
  }

  write(context: string, disclosures: readonly Disclosure[]): Promise<string> {
    return this.loader.load({ context, disclosures });
  }
}

/** Subject codes a subgraph fetch is about: its entity representations' codes, and any code-shaped variable. */
export function subjectCodesIn(variables: Readonly<Record<string, unknown>> | undefined): string[] {
  const codes = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4) return;
    if (typeof value === 'string') {
      // In its normal form: the subgraphs decide, and the access store keeps grants, under that form.
      const check = value.length <= 24 ? checkSubjectCode(value) : null;
      if (check?.ok) codes.add(check.code);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
    } else if (typeof value === 'object' && value !== null) {
      for (const item of Object.values(value)) visit(item, depth + 1);
    }
  };
  visit(variables, 0);
  return [...codes];
}

/**
 * What one request gathers on its way through the gateway: whether its plan reaches data that depends
 * on a subject's grants, the grants loaded for it, and what the subgraphs disclosed.
 */
export class RequestInquiry {
  /** Set by the authorizing layer once it knows the operation asks for RESTRICTED or SPECIAL data. */
  needsGrants = false;
  grantsUnavailable = false;
  private readonly disclosed = new Disclosures();
  private loader: DataLoader<string, SubjectGrants> | null = null;

  grantsFor(client: AccessClient, signedContext: () => Promise<string>, codes: readonly string[], onUnavailable: (reason: string) => void) {
    this.loader ??= new DataLoader<string, SubjectGrants>(async (batch) => {
      try {
        const found = await client.grants(await signedContext(), batch);
        return batch.map((code) => found[code] ?? EMPTY_GRANTS);
      } catch (error) {
        // Fail closed: no grant is assumed, and the subgraphs say why they deny.
        this.grantsUnavailable = true;
        onUnavailable((error as Error).message);
        return batch.map(() => EMPTY_GRANTS);
      }
    });
    return this.loader.loadMany(codes) as Promise<SubjectGrants[]>;
  }

  noteResponse(extensions: Record<string, unknown> | undefined): void {
    for (const disclosure of readDisclosures(extensions?.[DISCLOSURES_EXTENSION])) this.disclosed.add(disclosure);
  }

  disclosures(): readonly Disclosure[] {
    return this.disclosed.list();
  }
}
