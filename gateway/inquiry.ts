import DataLoader from 'dataloader';
import {
  CONTEXT_HEADER,
  INQUIRY_RECORD_USE,
  INQUIRY_RECORDS_ROUTE,
  PUBLIC_CALLER,
  SUBJECT_GRANTS_ROUTE,
  decodeSubjects,
  type Caller,
  type ContextSigner,
  type SubjectGrants,
} from '../shared/auth/context';
import type { Disclosure } from '../shared/subgraph/disclosures';
import type { GatewayObserver } from './observe';
import type { SubgraphReply, SubgraphSend } from './resilience/send';

/**
 * The gateway's side of per-subject decisions and inquiry records. Consents, special applications and
 * inquiry records live in the access subgraph's store; the gateway reaches two routes of it that only
 * a request with the gateway's signed context (made for that route and that JSON body) may call:
 * - before a fetch that concerns subjects, the grants in force for the caller (one call per request,
 *   batched over its fetches), which it signs and sends with that fetch (a body extension);
 * - before the response leaves, the request's inquiry record, built from what each subgraph reported
 *   disclosing. If that write fails, the response carries no data (fail closed).
 */

export class AccessUnavailable extends Error {}

/** A string the access subgraph sent, or the fallback for anything else. */
const textOf = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);

/** One inquiry record on its way to the access subgraph: who asked, and what was disclosed to them. */
export interface PendingRecord {
  readonly caller: Caller;
  readonly disclosures: readonly Disclosure[];
}

export class AccessClient {
  private readonly grantsUrl: string;
  private readonly recordsUrl: string;

  constructor(
    accessGraphqlUrl: string,
    private readonly timeoutMs: number,
    private readonly signer: ContextSigner,
    private readonly send: SubgraphSend = fetch,
    private readonly audience = 'access',
  ) {
    this.grantsUrl = new URL(SUBJECT_GRANTS_ROUTE, accessGraphqlUrl).toString();
    this.recordsUrl = new URL(INQUIRY_RECORDS_ROUTE, accessGraphqlUrl).toString();
  }

  /** Posts `body` with a context signed for exactly this route and this body. */
  private async post(url: string, route: string, caller: Caller, body: unknown): Promise<unknown> {
    const text = JSON.stringify(body);
    const context = await this.signer.sign(caller, { audience: this.audience, route, body: JSON.parse(text) });
    let response: SubgraphReply;
    try {
      response = await this.send(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: context },
        body: text,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new AccessUnavailable(`the access subgraph does not answer (${(error as Error).name})`);
    }
    if (!response.ok) throw new AccessUnavailable(`the access subgraph answered HTTP ${response.status}`);
    return response.json();
  }

  async grants(caller: Caller, subjects: readonly string[]): Promise<Record<string, SubjectGrants>> {
    const body = (await this.post(this.grantsUrl, SUBJECT_GRANTS_ROUTE, caller, { subjects })) as { subjects?: unknown };
    return decodeSubjects(body.subjects);
  }

  /**
   * Writes the inquiry records of several requests in one call and one statement (group commit).
   * The call is signed like any gateway request (as the public, for its body); each record carries
   * its own request's context, signed for that record's disclosures. Each record has its own
   * outcome: its id, or an error that fails only its own request.
   */
  async record(records: readonly PendingRecord[]): Promise<Array<string | Error>> {
    const signed = await Promise.all(
      records.map(async ({ caller, disclosures }) => {
        const plain = JSON.parse(JSON.stringify(disclosures)) as unknown;
        return { context: await this.signer.sign(caller, { audience: this.audience, route: INQUIRY_RECORD_USE, body: plain }), disclosures: plain };
      }),
    );
    const body = (await this.post(this.recordsUrl, INQUIRY_RECORDS_ROUTE, PUBLIC_CALLER, { records: signed })) as { results?: unknown };
    if (!Array.isArray(body.results) || body.results.length !== records.length) throw new AccessUnavailable('the access subgraph did not confirm the inquiry records');
    return body.results.map((result: unknown) => {
      const r = result as { id?: unknown; error?: { code?: unknown; message?: unknown } } | null;
      if (typeof r?.id === 'string' && r.id !== '') return r.id;
      return new AccessUnavailable(`the access subgraph did not write the inquiry record (${textOf(r?.error?.code, 'no answer')}: ${textOf(r?.error?.message, '')})`);
    });
  }
}

/** Most bytes of records one call to the access subgraph carries (its route accepts more). */
export const CALL_BYTES = 4 * 1024 * 1024;

/** Splits records, in order, into runs of at most CALL_BYTES of disclosures (a larger record alone). */
export function chunksBySize<T extends { readonly disclosures: readonly Disclosure[] }>(records: readonly T[]): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = Buffer.byteLength(JSON.stringify(record.disclosures));
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
  private readonly loader: DataLoader<PendingRecord, string>;

  constructor(
    client: AccessClient,
    maxBatch = 200,
    /** Told how long each record took to be durable, its disclosures, and whether it was written. */
    private readonly observer?: GatewayObserver,
  ) {
    this.loader = new DataLoader(
      async (records) => {
        // One call per chunk of at most CALL_BYTES: an oversized record goes alone and fails alone.
        const outcomes = await Promise.all(
          chunksBySize(records).map(async (chunk) => {
            try {
              return await client.record(chunk);
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

  async write(caller: Caller, disclosures: readonly Disclosure[]): Promise<string> {
    const started = performance.now();
    const report = (ok: boolean) => this.observer?.inquiryWrite?.({ durationMs: performance.now() - started, disclosures: disclosures.length, ok });
    try {
      const id = await this.loader.load({ caller, disclosures });
      report(true);
      return id;
    } catch (error) {
      report(false);
      throw error;
    }
  }
}
