import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { SupervisorConfig } from './config';

/**
 * Runs processes and keeps them running (`npm start`): a process that crashes (a non-zero exit or a
 * signal, outside shutdown) is restarted after a delay that doubles with every quick failure in a
 * row (one that ran less than `stableMs`), and given up on after `maxQuickFailures` of them, or at
 * once when it exits with 78 (EX_CONFIG: its configuration or its store needs an operator, which no
 * retry fixes). Every restart and every give-up is said on the console. Each child gets an IPC
 * channel and `shared/supervised.ts`, so it ends when the supervisor does, even by `kill -9`.
 */

export type RestartPolicy = Pick<SupervisorConfig, 'restartDelayMs' | 'restartDelayMaxMs' | 'stableMs' | 'maxQuickFailures'>;

export interface ChildSpec {
  readonly name: string;
  /** The script to run (TypeScript runs through tsx, unless `build` holds it compiled) and its arguments. */
  readonly entry: string;
  /**
   * A compiled build of the services (`scripts/serviceBuild.ts`): the child runs the entry's compiled
   * file from it with plain Node (source maps on), and the build's own `shared/supervised.js`.
   */
  readonly build?: string;
  readonly args?: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Where the child answers 200 once it is ready (its `/health/ready`). */
  readonly readyUrl?: string;
  /** Added to the environment of a restart once the child has been ready (`CG_STORE_MUST_EXIST`). */
  readonly restartEnv?: NodeJS.ProcessEnv;
}

export interface SupervisorIo {
  /** A line of the supervisor's own. */
  log(line: string): void;
  /** What a child wrote. */
  output(name: string, stream: 'stdout' | 'stderr', chunk: Buffer): void;
  /** The supervisor gave up on a child (after saying why). */
  gaveUp?(name: string): void;
}

type State = 'starting' | 'running' | 'restarting' | 'exited' | 'gave-up';

interface Managed {
  readonly spec: ChildSpec;
  process: ChildProcess | null;
  state: State;
  startedAt: number;
  /** Quick failures in a row. */
  failures: number;
  wasReady: boolean;
  downSince: number | null;
  timer: NodeJS.Timeout | null;
  readonly waiters: Array<{ resolve: () => void; reject: (error: Error) => void }>;
}

const PRELOAD = path.join(__dirname, 'supervised.ts');

/**
 * V8's young generation for every service process: 32 MB semi-spaces instead of Node 20's 16 MB. A
 * request allocates many short-lived objects (parsed JSON, rows, resolver results); with the default
 * size, scavenges took 11 to 15 % of a busy subgraph's CPU. Measured with `npm run bench` on 1 M
 * subjects, back to back: 30.6 → 27.2 ms of CPU per public profile, 60 → 69 requests/s (64 MB did no
 * better). The image sets the same flag (Dockerfile, NODE_OPTIONS).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];

/** The compiled file of a TypeScript entry point (`subgraphs/finance/index.ts`) in a build of the services. */
export function compiledEntry(build: string, entry: string): string {
  return path.join(build, entry.replace(/\.ts$/, '.js'));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

/** The delay before restart number `failures` (1 = the first quick failure). */
export function restartDelay(policy: RestartPolicy, failures: number): number {
  return Math.min(policy.restartDelayMs * 2 ** Math.max(0, failures - 1), policy.restartDelayMaxMs);
}

export class Supervisor {
  private readonly children = new Map<string, Managed>();
  private stopping = false;

  constructor(
    private readonly policy: RestartPolicy,
    private readonly io: SupervisorIo,
  ) {}

  get isStopping(): boolean {
    return this.stopping;
  }

  pids(): Array<{ name: string; pid: number | undefined; state: State }> {
    return [...this.children.values()].map((c) => ({ name: c.spec.name, pid: c.process?.pid, state: c.state }));
  }

  start(spec: ChildSpec): void {
    const managed: Managed = { spec, process: null, state: 'starting', startedAt: 0, failures: 0, wasReady: false, downSince: null, timer: null, waiters: [] };
    this.children.set(spec.name, managed);
    this.spawn(managed);
  }

  /** Resolves once the child answers its ready URL (through restarts); rejects when given up on or after `timeoutMs`. */
  ready(name: string, timeoutMs: number): Promise<void> {
    const managed = this.children.get(name);
    if (!managed) return Promise.reject(new Error(`no process named ${name}`));
    if (managed.wasReady && managed.state === 'running') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} was not ready within ${seconds(timeoutMs)}`)), timeoutMs);
      managed.waiters.push({
        resolve: () => (clearTimeout(timer), resolve()),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
    });
  }

  private spawn(managed: Managed): void {
    const { spec } = managed;
    const restart = managed.wasReady && spec.restartEnv ? spec.restartEnv : {};
    const run = spec.build
      ? ['--enable-source-maps', '--require', compiledEntry(spec.build, 'shared/supervised.ts'), compiledEntry(spec.build, spec.entry)]
      : ['--import', 'tsx', '--import', PRELOAD, spec.entry];
    const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...run, ...(spec.args ?? [])], {
      cwd: spec.cwd,
      env: { ...spec.env, ...restart },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    managed.process = child;
    managed.startedAt = Date.now();
    managed.state = managed.downSince === null ? 'starting' : 'restarting';
    child.stdout?.on('data', (chunk: Buffer) => this.io.output(spec.name, 'stdout', chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.io.output(spec.name, 'stderr', chunk));
    child.on('error', (error) => this.io.log(`${spec.name}: cannot start: ${error.message}`));
    child.once('exit', (code, signal) => this.exited(managed, child, code, signal));
    if (spec.readyUrl) void this.watchReady(managed, child);
    else this.becameReady(managed);
  }

  private becameReady(managed: Managed): void {
    managed.state = 'running';
    managed.wasReady = true;
    if (managed.downSince !== null) {
      this.io.log(`${managed.spec.name} is ready again (pid ${managed.process?.pid}), ${seconds(Date.now() - managed.downSince)} after it went down`);
      managed.downSince = null;
    }
    for (const waiter of managed.waiters.splice(0)) waiter.resolve();
  }

  private async watchReady(managed: Managed, child: ChildProcess): Promise<void> {
    const url = managed.spec.readyUrl as string;
    while (managed.process === child && child.exitCode === null && child.signalCode === null && !this.stopping) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
        await response.arrayBuffer();
        if (response.ok) {
          if (managed.process === child) this.becameReady(managed);
          return;
        }
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private exited(managed: Managed, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (managed.process !== child) return;
    const { name } = managed.spec;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (this.stopping) {
      managed.state = 'exited';
      return;
    }
    const now = Date.now();
    const ran = now - managed.startedAt;
    if (managed.downSince === null) managed.downSince = now;
    if (code === 0 && !signal) {
      managed.state = 'exited';
      this.io.log(`${name} exited by itself (code 0) after ${seconds(ran)}; not restarted`);
      this.giveUp(managed, `${name} stopped`);
      return;
    }
    if (code === 78) {
      this.io.log(`${name} exited (code 78: its configuration or its store needs an operator, see its last message); not restarting it`);
      this.giveUp(managed, `${name} needs an operator (exit 78)`);
      return;
    }
    managed.failures = ran >= this.policy.stableMs ? 1 : managed.failures + 1;
    if (managed.failures > this.policy.maxQuickFailures) {
      this.io.log(
        `${name} exited (${how}) ${managed.failures} times in a row, each within ${seconds(this.policy.stableMs)} of its start; giving up on it (see its messages above)`,
      );
      this.giveUp(managed, `${name} kept failing`);
      return;
    }
    const delay = restartDelay(this.policy, managed.failures);
    managed.state = 'restarting';
    this.io.log(`${name} exited (${how}) after ${seconds(ran)}; restarting it in ${seconds(delay)} (attempt ${managed.failures} of ${this.policy.maxQuickFailures})`);
    managed.timer = setTimeout(() => {
      managed.timer = null;
      if (!this.stopping) this.spawn(managed);
    }, delay);
  }

  private giveUp(managed: Managed, why: string): void {
    managed.state = 'gave-up';
    for (const waiter of managed.waiters.splice(0)) waiter.reject(new Error(why));
    this.io.gaveUp?.(managed.spec.name);
  }

  /** SIGTERM to every child (SIGKILL after `graceMs`), no more restarts; resolves when all have exited. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    const running: Promise<void>[] = [];
    for (const managed of this.children.values()) {
      if (managed.timer) clearTimeout(managed.timer);
      managed.timer = null;
      for (const waiter of managed.waiters.splice(0)) waiter.reject(new Error('stopping'));
      const child = managed.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      running.push(
        new Promise<void>((resolve) => {
          const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => (clearTimeout(kill), resolve()));
          child.kill('SIGTERM');
        }),
      );
    }
    await Promise.all(running);
  }
}
