import { Pool } from 'undici';
import type { Latency } from './render';

/** One request of a scenario: its headers and JSON body (a different subject each time). */
export interface BenchRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface RunResult {
  readonly latencies: number[];
  readonly failed: number;
  readonly seconds: number;
  /** The first failed answer, to say what went wrong. */
  readonly firstFailure: string | null;
}

/** `p` percentile of sorted values (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export function latencyOf(values: readonly number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

/** An HTTP/1.1 keep-alive client of one GraphQL endpoint (undici), with as many connections as the run needs. */
export class Client {
  private readonly pool: Pool;
  private readonly path: string;

  constructor(url: string, connections: number) {
    const u = new URL(url);
    this.pool = new Pool(u.origin, { connections, pipelining: 1 });
    this.path = `${u.pathname}${u.search}`;
  }

  /** Sends one request; returns its time in ms and, when it failed, why. */
  async send(request: BenchRequest): Promise<{ ms: number; failure: string | null; text: string }> {
    const t0 = performance.now();
    const response = await this.pool.request({ method: 'POST', path: this.path, headers: { 'content-type': 'application/json', ...request.headers }, body: request.body });
    const text = await response.body.text();
    const ms = performance.now() - t0;
    // An answer with any GraphQL error counts as failed: a benchmark of refusals measures nothing.
    const failure = response.statusCode !== 200 ? `HTTP ${response.statusCode}: ${text.slice(0, 300)}` : text.includes('"errors":') ? text.slice(0, 600) : null;
    return { ms, failure, text };
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

/** `count` requests, `concurrency` at a time (1: one after the other). */
export async function run(client: Client, next: (i: number) => BenchRequest, count: number, concurrency: number): Promise<RunResult> {
  const latencies: number[] = [];
  let failed = 0;
  let firstFailure: string | null = null;
  let issued = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (issued < count) {
      const i = issued;
      issued += 1;
      const { ms, failure } = await client.send(next(i));
      latencies.push(ms);
      if (failure) {
        failed += 1;
        firstFailure ??= failure;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { latencies, failed, seconds: (performance.now() - t0) / 1000, firstFailure };
}
