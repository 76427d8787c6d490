import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { restartDelay, SERVICE_NODE_FLAGS, Supervisor, type RestartPolicy } from '../shared/supervisor';
import { freePort } from '../shared/ports';

/**
 * The supervisor `npm start` runs, over real child processes: a tiny script in place of a subgraph
 * (test/support/supervisedChild.ts), so that restarts take milliseconds, not a subgraph's start.
 */

const ROOT = path.resolve(__dirname, '..');
const CHILD = path.join(__dirname, 'support', 'supervisedChild.ts');
const POLICY: RestartPolicy = { restartDelayMs: 100, restartDelayMaxMs: 400, stableMs: 10_000, maxQuickFailures: 3 };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cg-supervisor-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Start {
  start: number;
  pid: number;
  at: number;
  mustExist: string | null;
  execArgv: string[];
}

async function supervise(name: string, plan: string, policy = POLICY) {
  const port = await freePort();
  const log = path.join(dir, `${name}.log`);
  const lines: string[] = [];
  const gaveUp: string[] = [];
  const supervisor = new Supervisor(policy, { log: (line) => lines.push(line), output: () => undefined, gaveUp: (n) => gaveUp.push(n) });
  supervisor.start({
    name,
    entry: CHILD,
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', CHILD_LOG: log, CHILD_PLAN: plan, CHILD_PORT: String(port) },
    readyUrl: `http://127.0.0.1:${port}/`,
    restartEnv: { CG_STORE_MUST_EXIST: 'true' },
  });
  const starts = (): Start[] =>
    readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Start);
  return { supervisor, lines, gaveUp, starts, port };
}

it('doubles the restart delay per quick failure, up to its ceiling', () => {
  expect([1, 2, 3, 4, 5].map((n) => restartDelay(POLICY, n))).toEqual([100, 200, 400, 400, 400]);
});

it('restarts a crashed child with a growing delay, says so each time, and reports it ready again', async () => {
  const { supervisor, lines, starts } = await supervise('flaky', 'exit:3,exit:3,serve');
  try {
    await supervisor.ready('flaky', 14_000);
    const [first, second, third] = starts();
    expect(starts().map((s) => s.start)).toEqual([1, 2, 3]);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(100);
    expect(third!.at - second!.at).toBeGreaterThanOrEqual(200);
    expect(lines).toEqual([
      expect.stringMatching(/^flaky exited \(code 3\) after \d+\.\d s; restarting it in 0\.1 s \(attempt 1 of 3\)$/),
      expect.stringMatching(/^flaky exited \(code 3\) after \d+\.\d s; restarting it in 0\.2 s \(attempt 2 of 3\)$/),
      expect.stringMatching(/^flaky is ready again \(pid \d+\), \d+\.\d s after it went down$/),
    ]);
    expect(supervisor.pids()).toEqual([{ name: 'flaky', pid: third!.pid, state: 'running' }]);
  } finally {
    await supervisor.stop();
  }
});

it("runs every child with the services' Node flags (a 32 MB young generation), restarts included", async () => {
  const { supervisor, starts } = await supervise('flagged', 'exit:3,serve');
  try {
    await supervisor.ready('flagged', 14_000);
    expect(SERVICE_NODE_FLAGS).toEqual(['--max-semi-space-size=32']);
    expect(starts().map((s) => s.execArgv.filter((flag) => !flag.startsWith('--import') && !flag.includes('tsx') && !flag.includes('supervised')))).toEqual([
      ['--max-semi-space-size=32'],
      ['--max-semi-space-size=32'],
    ]);
  } finally {
    await supervisor.stop();
  }
});

it('restarts a child killed by a signal, and a restart of a child that was ready may not create its store', async () => {
  const { supervisor, lines, starts } = await supervise('killed', 'serve');
  try {
    await supervisor.ready('killed', 14_000);
    process.kill(starts()[0]!.pid, 'SIGKILL');
    await new Promise<void>((resolve) => {
      const check = () => (lines.some((l) => l.startsWith('killed is ready again')) ? resolve() : setTimeout(check, 50));
      check();
    });
    expect(lines[0]).toMatch(/^killed exited \(signal SIGKILL\) after .*; restarting it in 0\.1 s \(attempt 1 of 3\)$/);
    expect(starts().map((s) => s.mustExist)).toEqual([null, 'true']);
  } finally {
    await supervisor.stop();
  }
});

it('gives up after too many quick failures in a row, and says so', async () => {
  const { supervisor, lines, gaveUp, starts } = await supervise('broken', 'exit:1', { ...POLICY, maxQuickFailures: 2 });
  await expect(supervisor.ready('broken', 14_000)).rejects.toThrow('broken kept failing');
  expect(starts()).toHaveLength(3);
  expect(lines[lines.length - 1]).toBe('broken exited (code 1) 3 times in a row, each within 10 s of its start; giving up on it (see its messages above)');
  expect(gaveUp).toEqual(['broken']);
  expect(supervisor.pids()).toEqual([{ name: 'broken', pid: expect.any(Number), state: 'gave-up' }]);
});

it('does not retry a configuration error (exit 78)', async () => {
  const { supervisor, lines, starts } = await supervise('misconfigured', 'exit:78');
  await expect(supervisor.ready('misconfigured', 14_000)).rejects.toThrow('misconfigured needs an operator (exit 78)');
  expect(starts()).toHaveLength(1);
  expect(lines).toEqual(['misconfigured exited (code 78: its configuration or its store needs an operator, see its last message); not restarting it']);
});

it('stops its children on stop, and restarts none of them', async () => {
  const { supervisor, lines, starts } = await supervise('stopped', 'serve');
  await supervisor.ready('stopped', 14_000);
  await supervisor.stop();
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(starts()).toHaveLength(1);
  expect(lines).toEqual([]);
  expect(() => process.kill(starts()[0]!.pid, 0)).toThrow();
});

it('leaves no orphan when the supervisor itself is killed with SIGKILL: the child notices and ends', async () => {
  const port = await freePort();
  const harness = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'support', 'supervisorHarness.ts')], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', CHILD_LOG: path.join(dir, 'orphan.log'), CHILD_PLAN: 'serve', CHILD_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const childPid = await new Promise<number>((resolve, reject) => {
    let out = '';
    harness.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /ready (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    harness.once('exit', (code) => reject(new Error(`the harness exited (${code})`)));
  });
  harness.kill('SIGKILL');
  const killedAt = Date.now();
  while (Date.now() - killedAt < 5_000) {
    try {
      process.kill(childPid, 0);
    } catch {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(() => process.kill(childPid, 0)).toThrow();
  expect(Date.now() - killedAt).toBeLessThan(5_000);
});
