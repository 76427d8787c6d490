import { spawn, type ChildProcess } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import path from 'node:path';
import type { Config } from '../shared/config';
import { configOrExit } from '../shared/process';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { DEMO_STORIES, subjectAt } from '../shared/generator/subjects';

/**
 * `npm start`: every subgraph and the gateway, each in its own process (so one can be stopped to
 * see the graph degrade), on the configured stores (embedded PGlite by default). Ctrl-C stops all.
 */

const ROOT = path.resolve(__dirname, '..');
const COLORS = [36, 32, 33, 35, 34, 31, 37];
const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  exited: boolean;
}

function prefixLines(name: string, color: number, chunk: Buffer, out: NodeJS.WriteStream): void {
  for (const line of chunk.toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    let text = line;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      const level = LEVELS[entry.level ?? 30] ?? 'info';
      text = `${level === 'info' ? '' : `${level.toUpperCase()} `}${entry.msg ?? ''}${entry.err?.message ? `: ${entry.err.message}` : ''}`;
    } catch {
      // not a log line of ours: print it as it is
    }
    out.write(`\x1b[${color}m${name.padEnd(12)}\x1b[0m ${text}\n`);
  }
}

/** What only the gateway may hold: a subgraph gets none of it (it verifies contexts with the public key). */
const GATEWAY_ONLY = ['CG_TOKEN_SECRET', 'CG_TOKEN_PRIVATE_KEY', 'CG_TOKEN_PUBLIC_KEY', 'CG_TOKEN_JWKS_URL', 'CG_CONTEXT_PRIVATE_KEY'];

function envFor(name: string): NodeJS.ProcessEnv {
  if (name === 'gateway') return process.env;
  const env = { ...process.env };
  const privateKey = env.CG_CONTEXT_PRIVATE_KEY;
  if (privateKey && !env.CG_CONTEXT_PUBLIC_KEY) {
    // The subgraphs verify with the public half of the gateway's key.
    try {
      env.CG_CONTEXT_PUBLIC_KEY = String(createPublicKey(privateKey.replace(/\\n/g, '\n')).export({ type: 'spki', format: 'pem' }));
    } catch {
      // the gateway reports the malformed key when it reads its configuration
    }
  }
  for (const variable of GATEWAY_ONLY) delete env[variable];
  return env;
}

function startChild(name: string, entry: string, color: number): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: envFor(name),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const record: Child = { name, process: child, exited: false };
  child.stdout?.on('data', (chunk: Buffer) => prefixLines(name, color, chunk, process.stdout));
  child.stderr?.on('data', (chunk: Buffer) => prefixLines(name, color, chunk, process.stderr));
  child.on('exit', (code, signal) => {
    record.exited = true;
    if (!stopping) process.stderr.write(`${name} exited (${signal ?? `code ${code}`}); the others keep running\n`);
  });
  return record;
}

async function waitHealthy(name: string, url: string, child: Child, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exited) throw new Error(`${name} exited before it was ready`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} was not healthy at ${url} within ${timeoutMs / 1000} s`);
}

let stopping = false;
const children: Child[] = [];

async function stopAll(code: number): Promise<never> {
  stopping = true;
  const running = children.filter((c) => !c.exited);
  await Promise.all(
    running.map(
      (c) =>
        new Promise<void>((resolve) => {
          c.process.once('exit', () => resolve());
          c.process.kill('SIGTERM');
          setTimeout(() => {
            c.process.kill('SIGKILL');
            resolve();
          }, 10_000).unref();
        }),
    ),
  );
  process.exit(code);
}

function banner(config: Config): string {
  const { host, port, path: gqlPath } = config.gateway;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}${gqlPath}`;
  const demo = DEMO_STORIES.map(({ index, story }) => {
    const s = subjectAt(config.demo.seed, index);
    return `    ${s.code}  ${s.name}: ${story}`;
  }).join('\n');
  const pids = children.map((c) => `${c.name} ${c.process.pid}`).join(', ');
  return [
    '',
    `Credit Graph is up: ${url}`,
    `  health:   http://${host}:${port}/health   (ops, local only: http://${config.gateway.ops.host}:${config.gateway.ops.port}/health/subgraphs)`,
    `  metrics:  http://${config.gateway.ops.host}:${config.gateway.ops.port}/metrics, and each subgraph's on ${config.subgraphOps.registry.host} ports ${SUBGRAPH_NAMES.map((name) => config.subgraphOps[name].port).join(', ')} (ops, local only)`,
    `  demo subjects (seed ${config.demo.seed}):`,
    demo,
    `  processes: ${pids}`,
    '  Ctrl-C stops everything.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const config = configOrExit('start');
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  SUBGRAPH_NAMES.forEach((name, i) => {
    children.push(startChild(name, `subgraphs/${name}/index.ts`, COLORS[i % COLORS.length] as number));
  });
  try {
    await Promise.all(
      SUBGRAPH_NAMES.map((name, i) =>
        waitHealthy(name, `http://127.0.0.1:${config.subgraphs[name].port}/health`, children[i] as Child, 180_000),
      ),
    );
    const gateway = startChild('gateway', 'gateway/index.ts', 37);
    children.push(gateway);
    await waitHealthy('gateway', `http://127.0.0.1:${config.gateway.port}/health`, gateway, 60_000);
  } catch (error) {
    process.stderr.write(`start failed: ${(error as Error).message}\n`);
    await stopAll(1);
  }
  process.stdout.write(banner(config));
}

void main();
