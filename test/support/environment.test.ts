import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { FileTimers } from './environment';

/**
 * The test environment's promise: nothing a test file started outlives it (environment.ts says why a
 * leftover timer or handle kept the whole file in the worker's memory).
 */

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('a file’s timers', () => {
  it('are cleared when the file ends, whether pending timeouts or intervals, and those it cleared itself stay cleared', async () => {
    const timers = new FileTimers();
    const global = { setTimeout, setInterval, clearTimeout, clearInterval };
    timers.install(global);
    const fired: string[] = [];
    global.setTimeout(() => fired.push('timeout'), 30);
    global.setInterval(() => fired.push('interval'), 30);
    const cleared = global.setTimeout(() => fired.push('cleared'), 10);
    global.clearTimeout(cleared);
    global.setTimeout(() => fired.push('before the end'), 1);
    await sleep(10);
    timers.clear();
    await sleep(80);
    expect(fired).toEqual(['before the end']);
  });

  it('still fire while the file runs, with their arguments, and promisify as Node’s own', async () => {
    const timers = new FileTimers();
    const global = { setTimeout, setInterval, clearTimeout, clearInterval };
    timers.install(global);
    const got = await new Promise<string>((resolve) => global.setTimeout((value: string) => resolve(value), 1, 'argument'));
    expect(got).toBe('argument');
    await expect(promisify(global.setTimeout)(1, 'promised')).resolves.toBe('promised');
    let ticks = 0;
    const interval = global.setInterval(() => (ticks += 1), 1);
    await sleep(30);
    global.clearInterval(interval);
    expect(ticks).toBeGreaterThan(1);
    timers.clear();
  });

  it('are those of this file’s globals: the environment installed them here', async () => {
    const fired: string[] = [];
    // Installed by the environment: the file's setTimeout is not Node's own.
    expect(setTimeout).not.toBe((await import('node:timers')).setTimeout);
    setTimeout(() => fired.push('fired'), 1);
    await sleep(20);
    expect(fired).toEqual(['fired']);
  });
});

it('gives every caller of monitorEventLoopDelay the worker’s one histogram, so no file starts one that outlives it', () => {
  expect(monitorEventLoopDelay()).toBe(monitorEventLoopDelay({ resolution: 20 }));
});
