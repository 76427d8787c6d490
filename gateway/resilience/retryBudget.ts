/**
 * A retry budget (Finagle's and Envoy's idea): over a sliding window, retries may add at most
 * `percent` of the requests sent, plus `minPerSecond` per second of the window so that a quiet
 * subgraph can still be retried. When a subgraph is down for good, retries stop adding load to it
 * after the budget is spent instead of multiplying every fetch by the retry count.
 */
export interface RetryBudgetOptions {
  readonly percent: number;
  readonly minPerSecond: number;
  readonly windowSeconds: number;
}

interface Bucket {
  second: number;
  requests: number;
  retries: number;
}

export class RetryBudget {
  private readonly buckets: Bucket[];

  constructor(
    private readonly options: RetryBudgetOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.buckets = Array.from({ length: options.windowSeconds }, () => ({ second: -1, requests: 0, retries: 0 }));
  }

  private current(): Bucket {
    const second = Math.floor(this.now() / 1000);
    const bucket = this.buckets[second % this.buckets.length] as Bucket;
    if (bucket.second !== second) {
      bucket.second = second;
      bucket.requests = 0;
      bucket.retries = 0;
    }
    return bucket;
  }

  private totals(): { requests: number; retries: number } {
    const oldest = Math.floor(this.now() / 1000) - this.buckets.length + 1;
    let requests = 0;
    let retries = 0;
    for (const bucket of this.buckets) {
      if (bucket.second < oldest) continue;
      requests += bucket.requests;
      retries += bucket.retries;
    }
    return { requests, retries };
  }

  /** A first attempt was sent. */
  noteRequest(): void {
    this.current().requests += 1;
  }

  /** Takes one retry from the budget, or says there is none left. */
  tryRetry(): boolean {
    const bucket = this.current();
    const { requests, retries } = this.totals();
    const allowed = this.options.minPerSecond * this.options.windowSeconds + (requests * this.options.percent) / 100;
    if (retries + 1 > allowed) return false;
    bucket.retries += 1;
    return true;
  }
}
