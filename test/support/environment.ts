import { TestEnvironment } from 'jest-environment-node';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import perfHooks from 'node:perf_hooks';
import { promisify } from 'node:util';
import { STORE_POOL, storePool, WARM_STORES } from './storePool';

/*
 * Nothing a test file started may outlive it. Jest runs every hook and test inside an AsyncLocalStorage
 * of its own (jest-circus's test context), and Node hands that context to every timer or handle
 * started there; the context holds the hook's function, and with it everything the file built:
 * servers, schemas, stores. A timer still pending when the file ends (a rate limiter's daily window
 * runs until midnight) or a handle never closed kept the whole file alive in the worker: the workers
 * ended a run with 1.7 GB of heap each and the last files ran two to five times slower, for the garbage
 * collector's work. So each file's timers are cleared when it ends (FileTimers), and the one handle a
 * service never closes, the event-loop delay monitor of its process metrics, is one per worker.
 */

/**
 * One event-loop delay monitor per worker, as a service has one per process: prom-client's default
 * metrics (collected once per process by shared/metrics.ts) start a `monitorEventLoopDelay` histogram
 * and never close it, and every test file loads prom-client afresh. Node's own module is shared by
 * every file of the worker: each file now gets the worker's histogram, made here, outside any test.
 */
const workerDelay = perfHooks.monitorEventLoopDelay();
perfHooks.monitorEventLoopDelay = () => workerDelay;

type Timer = ReturnType<typeof setTimeout>;

/** The timers a file set (through its global setTimeout and setInterval) that may still be pending. */
export class FileTimers {
  private readonly pending = new Set<Timer>();
  /** The size at which fired and cleared timers are dropped next: twice what was left the last time, so a file holding many live ones is not scanned at every new one. */
  private pruneAt = 1_000;

  install(global: Pick<typeof globalThis, 'setTimeout' | 'setInterval' | 'clearTimeout' | 'clearInterval'>): void {
    const track = (timer: Timer): Timer => {
      this.pending.add(timer);
      // Fired and cleared timers are dropped now and then, so that a file setting many keeps few.
      if (this.pending.size > this.pruneAt) {
        for (const t of this.pending) if ((t as Timer & { _destroyed?: boolean })._destroyed) this.pending.delete(t);
        this.pruneAt = Math.max(1_000, 2 * this.pending.size);
      }
      return timer;
    };
    const forget = (timer: unknown) => {
      if (timer && typeof timer === 'object') this.pending.delete(timer as Timer);
    };
    type Callback = (...args: unknown[]) => void;
    const setTimeoutTracked = (callback: Callback, ms?: number, ...args: unknown[]) => track(setTimeout(callback, ms, ...args));
    const setIntervalTracked = (callback: Callback, ms?: number, ...args: unknown[]) => track(setInterval(callback, ms, ...args));
    // util.promisify(setTimeout) keeps working: the promise form (which no test file's teardown could reach anyway) is Node's own.
    global.setTimeout = Object.assign(setTimeoutTracked, { [promisify.custom]: (setTimeout as unknown as Record<symbol, unknown>)[promisify.custom] }) as unknown as typeof setTimeout;
    global.setInterval = setIntervalTracked as unknown as typeof setInterval;
    global.clearTimeout = (timer) => {
      forget(timer);
      clearTimeout(timer);
    };
    global.clearInterval = (timer) => {
      forget(timer);
      clearInterval(timer);
    };
  }

  clear(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }
}

/**
 * Node's test environment, plus the worker's store pool (storePool.ts), and each file's timers cleared
 * when it ends. Jest loads this module once per worker and builds one environment per test file.
 */
export default class CreditGraphEnvironment extends TestEnvironment {
  private readonly timers = new FileTimers();

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.global[STORE_POOL] = storePool;
    // A pooled store was opened outside this file's global object, so the dates its rows hold are the
    // worker's; with the worker's Date here too, `instanceof Date` holds for them (GraphQL's DateTime
    // serializes only Dates), as it does for the dates a file makes itself.
    this.global.Date = Date;
    this.timers.install(this.global);
  }

  override async setup(): Promise<void> {
    await super.setup();
    // Unset on a PostgreSQL run and when jest runs without its global setup: then nothing is pooled ahead.
    const warm = process.env[WARM_STORES];
    if (warm && !process.env.CG_DATABASE_URL) await storePool.warm(JSON.parse(warm) as Record<string, string>);
  }

  override async teardown(): Promise<void> {
    this.timers.clear();
    await super.teardown();
  }
}
