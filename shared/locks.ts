import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';

/**
 * Lock files that say which live process holds a data folder (the whole stack, `npm start`) or one
 * embedded store (a subgraph process, `npm run migrate`). A lock is created atomically and whole: its
 * content is written to a file of its own first and then hard-linked to the lock's name, which fails
 * when the name exists, so no reader ever sees a half-written lock and two processes starting at the
 * same instant cannot both win. A lock whose holder is dead (or whose pid now belongs to another
 * process: the kernel's start time of the pid is recorded and compared) is stale, and is taken over
 * under a short guard file, so two processes taking over the same stale lock cannot both win either.
 */

export interface LockHolder {
  readonly pid: number;
  /** When the holder process started, as the kernel counts it (`/proc/<pid>/stat`), to tell a reused pid apart; null off Linux. */
  readonly processStart: string | null;
  readonly host: string;
  /** When the lock was taken (ISO 8601). */
  readonly since: string;
  /** Unique per lock taken: a takeover removes exactly the stale lock it read, never a newer one. */
  readonly nonce: string;
  /** What the holder wants others to know (the stack's ports, the store's name). */
  readonly details: Readonly<Record<string, unknown>>;
}

export class LockHeldError extends Error {
  override readonly name = 'LockHeldError';
  constructor(
    readonly file: string,
    readonly holder: LockHolder,
  ) {
    super(`${file} is held by pid ${holder.pid} on ${holder.host} since ${holder.since}`);
  }
}

export interface Lock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Removes the lock if it is still this one (idempotent, synchronous: safe in an `exit` handler). */
  release(): void;
}

/** The kernel's start time of a process (field 22 of /proc/<pid>/stat), null when unknown. */
export function processStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the holder recorded in a lock is still running: same host, pid alive, and the same process (not a reused pid). */
export function holderAlive(holder: LockHolder): boolean {
  // A lock taken on another host (a shared volume) cannot be checked from here: it counts as held.
  if (holder.host !== os.hostname()) return true;
  if (!Number.isInteger(holder.pid) || holder.pid <= 0 || !pidAlive(holder.pid)) return false;
  const start = processStartOf(holder.pid);
  return holder.processStart === null || start === null || start === holder.processStart;
}

export function readLock(file: string): LockHolder | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as LockHolder;
    if (typeof parsed.pid === 'number' && typeof parsed.nonce === 'string') return parsed;
  } catch {
    // a lock file is always written whole (see createWhole), so this is not ours: refuse to guess
  }
  throw new Error(`${file} is not a lock file this program wrote; move it away if no process uses the folder`);
}

/** Creates `file` with `content`, whole, or returns false when it exists. */
export function createWhole(file: string, content: string): boolean {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o644);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

function unlinkIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** A takeover guard older than this was left by a process that died in the middle of one. */
const GUARD_STALE_MS = 10_000;

/**
 * Takes the lock `file` for this process, or throws `LockHeldError` naming the live holder. A stale
 * lock (its holder dead) is taken over. Synchronous: it runs before anything else is opened.
 */
export function acquireLock(file: string, details: Readonly<Record<string, unknown>> = {}): Lock {
  const holder: LockHolder = {
    pid: process.pid,
    processStart: processStartOf(process.pid),
    host: os.hostname(),
    since: new Date().toISOString(),
    nonce: randomBytes(12).toString('hex'),
    details,
  };
  const content = `${JSON.stringify(holder, null, 2)}\n`;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (createWhole(file, content)) return ownLock(file, holder);
    const current = readLock(file);
    if (current === null) continue; // released between our attempt and our read
    if (holderAlive(current)) throw new LockHeldError(file, current);
    // Stale: only the process holding the guard may remove it, and only the very lock it read.
    const guard = `${file}.takeover`;
    if (!createWhole(guard, content)) {
      try {
        if (Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS) unlinkIfPresent(guard);
      } catch {
        // the guard went away meanwhile
      }
      sleepSync(20 + Math.floor(Math.random() * 30));
      continue;
    }
    try {
      const again = readLock(file);
      if (again !== null && again.nonce === current.nonce) unlinkIfPresent(file);
    } finally {
      unlinkIfPresent(guard);
    }
  }
  throw new Error(`could not take the lock ${file}: it kept changing hands`);
}

function ownLock(file: string, holder: LockHolder): Lock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (readLock(file)?.nonce === holder.nonce) unlinkSync(file);
    } catch {
      // gone already (its folder deleted): nothing left to release
    }
    process.removeListener('exit', release);
  };
  // A process that ends without closing (process.exit on a fatal error) still leaves no lock behind.
  process.on('exit', release);
  return { file, holder, release };
}

/** How long ago an ISO time was, for messages: `3 min ago`. */
export function ago(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 120) return `${seconds} s ago`;
  if (seconds < 7_200) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3_600)} h ago`;
}
