import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquireLock, LockHeldError } from '../shared/locks';

/** Lock files between real processes: taken by one only, even when several try at the same instant. */

const ROOT = path.resolve(__dirname, '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cg-locks-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A process that loads the lock module, waits for "go" on stdin, tries the lock, prints won/held, holds it until stdin closes. */
const CONTENDER = `
const { acquireLock } = require('./shared/locks');
process.stdout.write('loaded\\n');
process.stdin.once('data', () => {
  try { acquireLock(process.env.LOCK_FILE); process.stdout.write('won\\n'); } catch (e) { process.stdout.write(e.name === 'LockHeldError' ? 'held\\n' : 'error ' + e.message + '\\n'); }
});
process.stdin.on('end', () => process.exit(0));
`;

it('lets exactly one of several processes starting at the same instant take a stale lock', async () => {
  const file = path.join(dir, 'race.lock');
  // A stale lock to take over: the race goes through the takeover guard too.
  writeFileSync(file, JSON.stringify({ pid: 2 ** 22 + 9, processStart: '1', host: os.hostname(), since: new Date(0).toISOString(), nonce: 'stale', details: {} }));
  const contenders = [0, 1, 2, 3].map(() => {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', CONTENDER], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '', LOCK_FILE: file }, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const said = (word: RegExp) => new Promise<string>((resolve) => {
      const check = () => { const m = word.exec(out); if (m) resolve(m[0]); else setTimeout(check, 20); };
      check();
    });
    return { child, said };
  });
  await Promise.all(contenders.map((c) => c.said(/loaded/)));
  for (const c of contenders) c.child.stdin.write('go\n');
  const outcomes = await Promise.all(contenders.map((c) => c.said(/won|held|error.*/)));
  const winner = contenders[outcomes.indexOf('won')]!;
  expect(outcomes.sort()).toEqual(['held', 'held', 'held', 'won']);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: winner.child.pid });
  for (const c of contenders) c.child.stdin.end();
  await Promise.all(contenders.map((c) => new Promise((resolve) => (c.child.exitCode !== null ? resolve(null) : c.child.once('exit', resolve)))));
  // The winner released it on exit: free again.
  acquireLock(file).release();
});

it('refuses a lock a live process holds, naming it, and releases only its own', () => {
  const file = path.join(dir, 'held.lock');
  const mine = acquireLock(file, { what: 'first' });
  expect(() => acquireLock(file)).toThrow(LockHeldError);
  try {
    acquireLock(file);
  } catch (error) {
    expect((error as LockHeldError).holder).toEqual(mine.holder);
  }
  mine.release();
  mine.release();
  const next = acquireLock(file);
  mine.release(); // an old handle never removes a newer lock
  expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(next.holder);
  next.release();
});
