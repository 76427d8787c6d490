import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { FETCH_BAD_PORTS, freePort } from '../shared/ports';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, subgraphEnvironment, type Config } from '../shared/config';
import { Supervisor } from '../shared/supervisor';
import { SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/names';
import { currentServiceBuild } from '../scripts/serviceBuild';

/**
 * The stack the benchmark measures, as users run it: every subgraph and the gateway in a process
 * of its own (shared/supervisor.ts, as `npm start`), plus stock @apollo/gateway (bench/stockGateway.ts)
 * over the same subgraph processes, so that the CPU of each can be read from /proc.
 */

const ROOT = path.resolve(__dirname, '..');

export interface StackPorts {
  readonly gateway: number;
  readonly gatewayOps: number;
  readonly stock: number;
  /** The floor's stock gateway, over the floor subgraphs (`--floor`). */
  readonly floor: number;
  readonly subgraphs: Readonly<Record<SubgraphName, { port: number; ops: number; floor: number }>>;
}


/**
 * From `base`: gateway, its ops, stock gateway, floor gateway, then subgraph i on base+10+i, its ops on
 * base+20+i and its floor subgraph on base+30+i; base 0: ports the system says are free.
 */
export async function portsFrom(base: number): Promise<StackPorts> {
  const next = base === 0 ? freePort : async (offset: number) => {
    const port = base + offset;
    // fetch() refuses these (the Fetch standard's "bad ports"), and health checks go through fetch.
    if (FETCH_BAD_PORTS.has(port)) throw new Error(`port ${port} (from --port-base ${base}) is one fetch() refuses to connect to; choose another --port-base`);
    return port;
  };
  const subgraphs = {} as Record<SubgraphName, { port: number; ops: number; floor: number }>;
  for (const [i, name] of SUBGRAPH_NAMES.entries()) subgraphs[name] = { port: await next(10 + i), ops: await next(20 + i), floor: await next(30 + i) };
  return { gateway: await next(0), gatewayOps: await next(1), stock: await next(2), floor: await next(3), subgraphs };
}

export interface StackOptions {
  readonly store: 'pglite' | 'postgres';
  readonly subjects: number | null;
  readonly ports: StackPorts;
  /** Gateway settings the benchmark needs (rate limits off, ...), said in the results. */
  readonly gatewayEnv: Readonly<Record<string, string>>;
  /** A name the subgraphs' PostgreSQL connections carry (`application_name`), to find their backends. */
  readonly applicationName: string;
  readonly log: (line: string) => void;
  /** Compiled (scripts/serviceBuild.ts, as npm start runs them) or through tsx. */
  readonly runtime: 'compiled' | 'tsx';
  /** Also start the floor: a floor subgraph per subgraph (bench/floorSubgraph.ts) and a stock gateway over them. */
  readonly floor: boolean;
}

export class Stack {
  readonly supervisor: Supervisor;
  readonly config: Config;
  private readonly dataDir: string | null;

  private constructor(
    options: StackOptions,
    readonly env: NodeJS.ProcessEnv,
  ) {
    this.dataDir = options.store === 'pglite' ? (env.CG_DATA_DIR as string) : null;
    this.config = loadConfig(env);
    this.supervisor = new Supervisor(
      { ...this.config.supervisor, maxQuickFailures: 0 },
      {
        log: (line) => options.log(`supervisor: ${line}`),
        output: (name, _stream, chunk) => {
          // Warnings and errors only: a benchmark's console is its figures.
          for (const line of chunk.toString('utf8').split('\n')) {
            if (/"level":(50|60)|^\S*Error\b/.test(line)) options.log(`${name}: ${line.slice(0, 400)}`);
          }
        },
      },
    );
  }

  static environment(options: StackOptions, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
    const { ports } = options;
    const env: NodeJS.ProcessEnv = {
      ...base,
      NODE_ENV: base.NODE_ENV ?? 'development',
      APOLLO_TELEMETRY_DISABLED: '1',
      CG_GATEWAY_PORT: String(ports.gateway),
      CG_GATEWAY_OPS_PORT: String(ports.gatewayOps),
      // Nothing but the requests measured: no retention or escalation runs, no store probe every 2 s.
      CG_RETENTION_SCHEDULE: 'off',
      CG_OBJECTION_ESCALATION_SCHEDULE: 'off',
      CG_STORE_PROBE_MS: '3600000',
      PGAPPNAME: options.applicationName,
      ...options.gatewayEnv,
    };
    for (const name of SUBGRAPH_NAMES) {
      const upper = name.toUpperCase();
      env[`CG_${upper}_PORT`] = String(ports.subgraphs[name].port);
      env[`CG_${upper}_OPS_PORT`] = String(ports.subgraphs[name].ops);
      env[`CG_${upper}_URL`] = `http://127.0.0.1:${ports.subgraphs[name].port}/graphql`;
    }
    if (options.store === 'pglite') {
      // A fresh embedded store per run, seeded with the demo dataset.
      for (const key of Object.keys(env)) if (/^CG_([A-Z]+_)?DATABASE_URL$/.test(key)) delete env[key];
      env.CG_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'cg-bench-'));
      env.CG_AUTO_SEED = 'true';
      if (options.subjects !== null) env.CG_DEMO_SUBJECTS = String(options.subjects);
    } else {
      if (!env.CG_DATABASE_URL && !SUBGRAPH_NAMES.every((n) => env[`CG_${n.toUpperCase()}_DATABASE_URL`])) {
        throw new Error('--store postgres needs CG_DATABASE_URL (and CG_DATABASE_PREFIX) naming the loaded stores');
      }
      // Never seed a server store: an empty one stays empty (and the benchmark says its subjects are unknown).
      env.CG_AUTO_SEED = 'false';
    }
    return env;
  }

  static async start(options: StackOptions): Promise<Stack> {
    const stack = new Stack(options, Stack.environment(options));
    const { supervisor } = stack;
    const env = subgraphEnvironment(stack.env);
    // Compiled, as npm start and the image run them (scripts/serviceBuild.ts), unless told otherwise.
    const build = options.runtime === 'compiled' ? await currentServiceBuild(options.log) : undefined;
    for (const name of SUBGRAPH_NAMES) {
      supervisor.start({ name, entry: `subgraphs/${name}/index.ts`, build, cwd: ROOT, env, readyUrl: `http://127.0.0.1:${options.ports.subgraphs[name].port}/health/ready` });
    }
    const waiting = setInterval(() => {
      options.log(`still starting: ${supervisor.pids().filter((c) => c.state !== 'running').map((c) => c.name).join(', ')}`);
    }, 30_000);
    try {
      await Promise.all(SUBGRAPH_NAMES.map((name) => supervisor.ready(name, 900_000)));
      supervisor.start({ name: 'gateway', entry: 'gateway/index.ts', build, cwd: ROOT, env: stack.env, readyUrl: `http://127.0.0.1:${options.ports.gateway}/health` });
      supervisor.start({ name: 'stock', entry: 'bench/stockGateway.ts', build, args: ['--port', String(options.ports.stock)], cwd: ROOT, env: stack.env });
      if (options.floor) {
        for (const name of SUBGRAPH_NAMES) {
          const port = options.ports.subgraphs[name].floor;
          supervisor.start({ name: `floor-${name}`, entry: 'bench/floorSubgraph.ts', build, args: ['--subgraph', name, '--port', String(port)], cwd: ROOT, env: stack.env, readyUrl: `http://127.0.0.1:${port}/health` });
        }
        // The floor's gateway is the stock one, its subgraph URLs pointing at the floor subgraphs.
        const floorEnv = { ...stack.env };
        for (const name of SUBGRAPH_NAMES) floorEnv[`CG_${name.toUpperCase()}_URL`] = `http://127.0.0.1:${options.ports.subgraphs[name].floor}/`;
        supervisor.start({ name: 'floor', entry: 'bench/stockGateway.ts', build, args: ['--port', String(options.ports.floor)], cwd: ROOT, env: floorEnv });
      }
      await supervisor.ready('gateway', 120_000);
      await waitForGraphql(`http://127.0.0.1:${options.ports.stock}/`, 120_000);
      if (options.floor) {
        await Promise.all(SUBGRAPH_NAMES.map((name) => supervisor.ready(`floor-${name}`, 120_000)));
        await waitForGraphql(`http://127.0.0.1:${options.ports.floor}/`, 120_000);
      }
    } catch (error) {
      await stack.stop();
      throw error;
    } finally {
      clearInterval(waiting);
    }
    return stack;
  }

  pidOf(name: string): number {
    const pid = this.supervisor.pids().find((c) => c.name === name)?.pid;
    if (pid === undefined) throw new Error(`${name} has no process`);
    return pid;
  }

  async stop(): Promise<void> {
    await this.supervisor.stop();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

async function waitForGraphql(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}', signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on Linux). */
const TICK_MS = 10;

/** User + system CPU of one process, in ms; null when it is gone. */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/** Every process named `postgres` (the server's own and its backends). */
export function postgresPids(): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/**
 * The PostgreSQL backends serving this stack's subgraphs (their connections carry `application_name`),
 * or, when the server cannot be asked, every `postgres` process on the machine (which then counts other
 * users' work too: the results say which).
 */
export class PostgresProcesses {
  private constructor(
    private readonly client: pg.Client | null,
    private readonly applicationName: string,
  ) {}

  static async open(url: string | undefined, applicationName: string): Promise<PostgresProcesses> {
    if (!url) return new PostgresProcesses(null, applicationName);
    const client = new pg.Client({ connectionString: url, application_name: 'cg-bench-observer' });
    try {
      await client.connect();
      return new PostgresProcesses(client, applicationName);
    } catch {
      return new PostgresProcesses(null, applicationName);
    }
  }

  get scope(): 'backends of this stack' | 'every postgres process' {
    return this.client ? 'backends of this stack' : 'every postgres process';
  }

  async pids(): Promise<number[]> {
    if (!this.client) return postgresPids();
    const { rows } = await this.client.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [this.applicationName]);
    return rows.map((r) => r.pid);
  }

  async close(): Promise<void> {
    await this.client?.end().catch(() => undefined);
  }
}

/** CPU ms of a set of processes at one moment; processes that appear later count from zero. */
export type CpuSnapshot = Map<number, number>;

export function snapshot(pids: readonly number[]): CpuSnapshot {
  const out: CpuSnapshot = new Map();
  for (const pid of pids) {
    const ms = cpuMsOf(pid);
    if (ms !== null) out.set(pid, ms);
  }
  return out;
}

export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

const STATEMENTS = /^credit_graph_subgraph_store_query_duration_seconds_count(?:\{[^}]*\})?\s+([0-9.eE+-]+)/;

/** SQL statements a subgraph has counted so far (its ops `/metrics`). */
export async function statementsOf(opsPort: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${opsPort}/metrics`, { signal: AbortSignal.timeout(5_000) });
  const text = await response.text();
  let total = 0;
  for (const line of text.split('\n')) {
    const m = STATEMENTS.exec(line);
    if (m) total += Number(m[1]);
  }
  return total;
}
