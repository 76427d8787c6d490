import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquireLock, processStartOf } from '../../shared/locks';
import { SUBGRAPH_NAMES } from '../../subgraphs/names';

/**
 * `npm start` (scripts/start.ts) on a data folder another stack holds: refused before anything is
 * spawned or opened, with the running one named. The running stack is played by this test process
 * holding the folder's lock as `npm start` takes it; its store folder must stay untouched.
 */

const ROOT = path.resolve(__dirname, '../..');
let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'cg-second-start-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function start(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '', CG_DATA_DIR: dataDir, ...env };
  delete childEnv.CG_DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

it('refuses a second stack on the same data folder before opening anything, naming the running one', async () => {
  const store = path.join(dataDir, 'access');
  mkdirSync(store);
  writeFileSync(path.join(store, 'PG_VERSION'), '17\n');
  const before = statSync(store).mtimeMs;
  const lock = acquireLock(path.join(dataDir, 'stack.lock'), {
    gateway: 'http://127.0.0.1:4600/graphql',
    ops: 'http://127.0.0.1:4690',
    subgraphs: Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, 4601 + i])),
  });
  try {
    const { code, stderr } = await start({ CG_GATEWAY_PORT: '4610' });
    expect(code).toBe(1);
    expect(stderr).toBe(
      `npm start: another Credit Graph stack is running on the data folder ${dataDir}: pid ${process.pid} on ${os.hostname()}, started ${lock.holder.since} (${stderr.match(/\((\d+ s ago)\)/)?.[1]}); ` +
        'gateway http://127.0.0.1:4600/graphql; ops http://127.0.0.1:4690; subgraph ports registry 4601, finance 4602, taxation 4603, construction 4604, ecommerce 4605, healthcare 4606, access 4607. ' +
        `Nothing was started and no store was opened. Stop that one first (Ctrl-C in its terminal, or kill ${process.pid}), or start this one on its own CG_DATA_DIR and ports.\n`,
    );
    expect(readdirSync(dataDir).sort()).toEqual(['access', 'stack.lock']);
    expect(readdirSync(store)).toEqual(['PG_VERSION']);
    expect(statSync(store).mtimeMs).toBe(before);
  } finally {
    lock.release();
  }
});

it('refuses while a store is open in a process outside any stack (npm run subgraph), before spawning anything', async () => {
  const lock = acquireLock(path.join(dataDir, 'finance.lock'), { store: 'finance' });
  try {
    const { code, stderr } = await start({});
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(`^npm start: the finance store in ${path.join(dataDir, 'finance')} is open in another process \\(pid ${process.pid}, since .*\\), outside any stack\\. Nothing was started\\. Stop that process first\\.\\n$`),
    );
    expect(readdirSync(dataDir).sort()).toEqual(['access', 'finance.lock']);
  } finally {
    lock.release();
  }
});

it('takes over the lock of a stack that died (kill -9), and of a pid since reused by another process', () => {
  const file = path.join(dataDir, 'stale.lock');
  const dead = { pid: 2 ** 22 + 7, processStart: '1', host: os.hostname(), since: new Date(0).toISOString(), nonce: 'dead', details: {} };
  writeFileSync(file, JSON.stringify(dead));
  const taken = acquireLock(file);
  expect(taken.holder.pid).toBe(process.pid);
  taken.release();
  // Our own pid, but recorded with another start time: the process that held it is gone.
  writeFileSync(file, JSON.stringify({ ...dead, pid: process.pid, processStart: `${Number(processStartOf(process.pid)) - 1}`, nonce: 'reused' }));
  const again = acquireLock(file);
  expect(again.holder.nonce).not.toBe('reused');
  again.release();
  expect(readdirSync(dataDir)).not.toContain('stale.lock');
});
