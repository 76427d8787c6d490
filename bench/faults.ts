import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../shared/config';
import { signToken, type TokenClaims } from '../shared/auth/tokens';
import { subjectAt } from '../shared/generator/subjects';
import { SUBGRAPH_NAMES, DEFAULT_SUBGRAPH_PORTS } from '../subgraphs/names';

/**
 * `npm run bench:faults`: the fault drill an SRE runs before production, on a stack of its own.
 *
 * It starts `npm start` (the supervisor) on a fresh data folder and ports of its own, keeps a steady
 * load of queries that each write an inquiry record, and then, one process at a time, kills it with
 * SIGKILL and freezes it with SIGSTOP for a few seconds, measuring how long until the graph answers
 * again. It tries a second start on the same data folder (which must be refused). At the end it counts
 * the inquiry records the stack holds against the responses that disclosed data: every disclosed
 * response must have its record (lost must be 0). It prints one table.
 */

const ROOT = path.resolve(__dirname, '..');
const { values: options } = parseArgs({
  options: {
    'port-base': { type: 'string', default: '5400' },
    concurrency: { type: 'string', default: '4' },
    'stop-seconds': { type: 'string', default: '3' },
    only: { type: 'string' },
  },
});
const BASE = Number(options['port-base']);
const CONCURRENCY = Number(options.concurrency);
const STOP_MS = Number(options['stop-seconds']) * 1000;
const ORGANIZATION = '91310000MA1FL8XQ37';
const SEED = 2014;

/** The drill's own ports: the gateway at BASE, subgraphs at BASE+1.., their ops listeners at BASE+90... */
function environment(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    APOLLO_TELEMETRY_DISABLED: '1',
    LOG_LEVEL: 'warn',
    CG_DATA_DIR: dataDir,
    CG_DEMO_SUBJECTS: '60',
    CG_DEMO_SEED: String(SEED),
    CG_GATEWAY_PORT: String(BASE),
    CG_GATEWAY_OPS_PORT: String(BASE + 90),
    CG_RATE_LIMIT_RPS: 'PUBLIC=1000,SUBJECT=1000,CREDIT_SERVICE=1000,GOVERNMENT=1000,REGULATOR=1000',
  };
  delete env.CG_DATABASE_URL;
  for (const name of SUBGRAPH_NAMES) {
    const offset = DEFAULT_SUBGRAPH_PORTS[name] - 4000;
    env[`CG_${name.toUpperCase()}_PORT`] = String(BASE + offset);
    env[`CG_${name.toUpperCase()}_OPS_PORT`] = String(BASE + 90 + offset);
  }
  return env;
}

const GRAPHQL = `http://127.0.0.1:${BASE}/graphql`;
/** SHARED e-commerce data: every answer that holds it was recorded as an inquiry first. */
const QUERY = 'query Drill($code: ID!) { subject(code: $code) { ecommerce { platformMeasures { totalCount } } } }';
const RECORDS = 'query DrillCount($org: ID!, $since: DateTime!) { inquiryRecords(filter: { organization: $org, since: $since }, first: 1) { totalCount } }';

interface Tally {
  confirmed: number;
  failed: number;
  serverErrors: number;
  statuses: Map<number, number>;
}

function tally(): Tally {
  return { confirmed: 0, failed: 0, serverErrors: 0, statuses: new Map() };
}

async function ask(query: string, variables: Record<string, unknown>, headers: Record<string, string>, timeoutMs = 5_000) {
  const response = await fetch(GRAPHQL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] } };
}

function disclosed(body: { data?: Record<string, unknown> | null }): boolean {
  const subject = body.data?.subject as { ecommerce?: { platformMeasures?: { totalCount?: number } | null } | null } | undefined;
  return typeof subject?.ecommerce?.platformMeasures?.totalCount === 'number';
}

/** The supervisor's children, by the entry they run. */
function children(supervisor: number): Map<string, number> {
  const found = new Map<string, number>();
  const text = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(supervisor)], { encoding: 'utf8' });
  for (const line of text.split('\n')) {
    const match = /^\s*(\d+)\s+.*?(?:subgraphs\/([a-z]+)\/index\.ts|gateway\/index\.ts)/.exec(line);
    if (match) found.set(match[2] ?? 'gateway', Number(match[1]));
  }
  return found;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'credit-graph-drill-'));
  const env = environment(dataDir);
  const config = loadConfig({});
  const claims: TokenClaims = { kind: 'CREDIT_SERVICE', org: ORGANIZATION, staff: 'drill', grants: ['ecommerce:SHARED'], purposes: ['CREDIT_RATING'] };
  const caller = { authorization: `Bearer ${await signToken(config.auth, claims, 3_600)}`, 'x-inquiry-purpose': 'CREDIT_RATING' };
  const regulator: TokenClaims = { kind: 'REGULATOR', org: '11100000000013127D', staff: 'inspector-7', grants: ['*:RESTRICTED'], purposes: ['SUPERVISION'], statutory: true };
  const inspector = { authorization: `Bearer ${await signToken(config.auth, regulator, 3_600)}`, 'x-inquiry-purpose': 'SUPERVISION' };
  const codes = Array.from({ length: 20 }, (_, i) => subjectAt(SEED, i).code);

  process.stdout.write(`drill: starting a stack on ${dataDir} (gateway :${BASE})\n`);
  const started = Date.now();
  const stack: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  stack.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  stack.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const answers = async () => {
    const { status, body } = await ask(QUERY, { code: codes[0] }, caller, 2_000);
    return status === 200 && disclosed(body);
  };
  const up = await waitFor(answers, 240_000);
  if (up === null) {
    process.stderr.write(`drill: the stack did not come up\n${log.slice(-4000)}\n`);
    stack.kill('SIGTERM');
    process.exit(1);
  }
  process.stdout.write(`drill: up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  const since = new Date().toISOString();

  let phase = 'steady';
  const tallies = new Map<string, Tally>();
  let running = true;
  const worker = async (w: number) => {
    for (let i = 0; running; i += 1) {
      const t = tallies.get(phase) ?? tallies.set(phase, tally()).get(phase)!;
      try {
        const { status, body } = await ask(QUERY, { code: codes[(w * 7 + i) % codes.length] }, caller);
        t.statuses.set(status, (t.statuses.get(status) ?? 0) + 1);
        if (status >= 500) t.serverErrors += 1;
        if (status === 200 && disclosed(body)) t.confirmed += 1;
        else t.failed += 1;
      } catch {
        t.failed += 1;
        t.statuses.set(0, (t.statuses.get(0) ?? 0) + 1);
      }
    }
  };
  const load = Array.from({ length: CONCURRENCY }, (_, w) => worker(w));
  await new Promise((resolve) => setTimeout(resolve, 3_000));

  const rows: string[][] = [];
  const targets = [...SUBGRAPH_NAMES, 'gateway'].filter((n) => !options.only || options.only.split(',').includes(n));
  for (const name of targets) {
    for (const fault of ['SIGKILL', 'SIGSTOP'] as const) {
      const pid = children(stack.pid!).get(name);
      if (pid === undefined) {
        rows.push([name, fault, 'no such process', '', '']);
        continue;
      }
      phase = `${name} ${fault}`;
      const at = Date.now();
      process.kill(pid, fault);
      if (fault === 'SIGSTOP') {
        await new Promise((resolve) => setTimeout(resolve, STOP_MS));
        process.kill(pid, 'SIGCONT');
      } else {
        // Let the failure be seen before measuring the way back.
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const back = await waitFor(answers, 120_000);
      const recovered = back === null ? 'never (120 s)' : `${((Date.now() - at) / 1000).toFixed(1)} s`;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const t = tallies.get(phase) ?? tally();
      const newPid = children(stack.pid!).get(name);
      rows.push([name, fault, recovered, `${t.serverErrors} of ${t.confirmed + t.failed}`, fault === 'SIGKILL' ? `pid ${pid} → ${newPid ?? 'none'}` : '']);
      phase = 'steady';
    }
  }

  // A second stack on the same data folder must be refused before it opens anything.
  phase = 'second start';
  const secondAt = Date.now();
  const second = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env: { ...env, CG_GATEWAY_PORT: String(BASE + 50) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let secondLog = '';
  second.stdout?.on('data', (chunk: Buffer) => (secondLog += chunk.toString()));
  second.stderr?.on('data', (chunk: Buffer) => (secondLog += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      second.kill('SIGKILL');
      resolve(null);
    }, 30_000);
    second.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  rows.push(['second start', '', code === null ? 'NOT refused (still running after 30 s)' : `refused in ${((Date.now() - secondAt) / 1000).toFixed(1)} s (exit ${code})`, '', secondLog.trim().split('\n')[0]?.slice(0, 100) ?? '']);

  running = false;
  await Promise.all(load);
  const counted = await ask(RECORDS, { org: ORGANIZATION, since }, inspector);
  const recorded = (counted.body.data?.inquiryRecords as { totalCount?: number } | undefined)?.totalCount;
  const all = [...tallies.values()].reduce((a, t) => ({ confirmed: a.confirmed + t.confirmed, failed: a.failed + t.failed, serverErrors: a.serverErrors + t.serverErrors }), { confirmed: 0, failed: 0, serverErrors: 0 });

  stack.kill('SIGTERM');
  await new Promise((resolve) => stack.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });

  const table = [['process', 'fault', 'answers again after', '5xx during', 'note'], ...rows];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
  for (const row of table) process.stdout.write(`${row.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
  process.stdout.write(
    `\nresponses that disclosed data: ${all.confirmed}; inquiry records: ${recorded ?? `unreadable (${JSON.stringify(counted.body).slice(0, 200)})`}; ` +
      `lost: ${recorded === undefined ? '?' : Math.max(0, all.confirmed - recorded)}; other responses: ${all.failed}, of which 5xx: ${all.serverErrors}\n`,
  );
  process.exit(recorded !== undefined && recorded >= all.confirmed ? 0 : 1);
}

void main();
