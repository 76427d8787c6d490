import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { subgraphEnvironment, type Config } from '../shared/config';
import { configOrExit } from '../shared/process';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { DEMO_STORIES, subjectAt } from '../shared/generator/subjects';
import { acquireLock, ago, holderAlive, LockHeldError, readLock, type Lock, type LockHolder } from '../shared/locks';
import { storeLockFileOf } from '../shared/store';
import { Supervisor } from '../shared/supervisor';
import { ensureWebBuilt } from './webBuild';
import { currentServiceBuild } from './serviceBuild';
import { DEVELOPMENT_PASSWORD } from '../identity/provider';

/**
 * `npm start`: every subgraph, the development sign-in provider (outside production) and the gateway, each in its own process (so one can be stopped to
 * see the graph degrade), on the configured stores (embedded PGlite by default), kept running: a
 * crashed process is restarted with backoff (`shared/supervisor.ts`). Before anything opens a store
 * it takes the data folder's lock (`<data>/stack.lock`): a second `npm start` on the same folder is
 * refused with the running one's pid, start time and ports. Ctrl-C stops all.
 */

const ROOT = path.resolve(__dirname, '..');
const COLORS = [36, 32, 33, 35, 34, 31, 37];
const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

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

function envFor(name: string): NodeJS.ProcessEnv {
  return name === 'gateway' ? process.env : subgraphEnvironment(process.env);
}

/**
 * The development sign-in provider runs outside production when CG_OIDC_ISSUER is unset or names it;
 * the gateway then trusts it (CG_OIDC_ISSUER). Production signs in at the provider CG_OIDC_ISSUER names.
 */
function developmentIdentity(config: Config): { issuer: string } | null {
  if (config.nodeEnv === 'production') return null;
  const own = `http://127.0.0.1:${config.identity.port}`;
  const configured = process.env.CG_OIDC_ISSUER?.trim();
  if (configured && configured !== own) return null;
  return { issuer: own };
}

function banner(config: Config, identity: { issuer: string } | null): string {
  const { host, port, path: gqlPath } = config.gateway;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}${gqlPath}`;
  const demo = DEMO_STORIES.map(({ index, story }) => {
    const s = subjectAt(config.demo.seed, index);
    return `    ${s.code}  ${s.name}: ${story}`;
  }).join('\n');
  const pids = supervisor.pids().map((c) => `${c.name} ${c.pid}`).join(', ');
  return [
    '',
    `Credit Graph is up: ${url}`,
    `  web:      http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/${config.gateway.explorer ? `   (explorer: http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/explorer)` : ''}`,
    `  health:   http://${host}:${port}/health   (ops, local only: http://${config.gateway.ops.host}:${config.gateway.ops.port}/health/subgraphs)`,
    `  metrics:  http://${config.gateway.ops.host}:${config.gateway.ops.port}/metrics, and each subgraph's on ${config.subgraphOps.registry.host} ports ${SUBGRAPH_NAMES.map((name) => config.subgraphOps[name].port).join(', ')} (ops, local only)`,
    ...(stackLock ? [`  data:     ${path.dirname(stackLock.file)} (locked for this stack: ${stackLock.file})`] : []),
    ...(identity
      ? [
          `  sign in:  http://127.0.0.1:${port}/ (the site), at the development provider ${identity.issuer} as a demo subject or authority, password ${DEVELOPMENT_PASSWORD}`,
        ]
      : config.gateway.oidc
        ? [`  sign in:  http://127.0.0.1:${port}/ (the site), at ${config.gateway.oidc.issuer}`]
        : []),
    `  demo subjects (seed ${config.demo.seed}):`,
    demo,
    `  processes: ${pids}`,
    '  A crashed process is restarted (with backoff). Ctrl-C stops everything.',
    '',
  ].join('\n');
}

/** The data folder of the embedded stores, or null when every store is on a PostgreSQL server. */
function embeddedDataFolder(config: Config): string | null {
  for (const name of SUBGRAPH_NAMES) {
    const { store } = config.subgraphs[name];
    if (store.kind === 'pglite' && store.dataDir) return path.dirname(store.dataDir);
  }
  return null;
}

function describeStack(holder: LockHolder): string {
  const d = holder.details as { gateway?: string; ops?: string; subgraphs?: Record<string, number> };
  const ports = Object.entries(d.subgraphs ?? {}).map(([name, p]) => `${name} ${p}`).join(', ');
  return [
    `pid ${holder.pid} on ${holder.host}, started ${holder.since} (${ago(holder.since)})`,
    d.gateway ? `gateway ${d.gateway}` : '',
    d.ops ? `ops ${d.ops}` : '',
    ports ? `subgraph ports ${ports}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/**
 * The data folder's lock, taken before any child is spawned (so before any store is opened), and a
 * check that no store is open in a process outside a stack (`npm run subgraph`, `npm run migrate`).
 */
function lockDataFolder(config: Config): Lock | null {
  const folder = embeddedDataFolder(config);
  if (!folder) return null;
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    fail(`cannot create the data folder ${folder} (${(error as NodeJS.ErrnoException).code ?? String(error)}); check CG_DATA_DIR`);
  }
  const { host, port, path: gqlPath } = config.gateway;
  let lock: Lock;
  try {
    lock = acquireLock(path.join(folder, 'stack.lock'), {
      gateway: `http://${host}:${port}${gqlPath}`,
      ops: `http://${config.gateway.ops.host}:${config.gateway.ops.port}`,
      subgraphs: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, config.subgraphs[name].port])),
      cwd: process.cwd(),
    });
  } catch (error) {
    if (error instanceof LockHeldError) {
      fail(
        `another Credit Graph stack is running on the data folder ${folder}: ${describeStack(error.holder)}. ` +
          `Nothing was started and no store was opened. Stop that one first (Ctrl-C in its terminal, or kill ${error.holder.pid}), ` +
          'or start this one on its own CG_DATA_DIR and ports.',
      );
    }
    const code = (error as NodeJS.ErrnoException).code;
    fail(`cannot lock the data folder ${folder} (${code ?? (error as Error).message}): is it writable for this user?`);
  }
  for (const name of SUBGRAPH_NAMES) {
    const { store } = config.subgraphs[name];
    if (store.kind !== 'pglite' || !store.dataDir) continue;
    const holder = readLock(storeLockFileOf(store.dataDir));
    if (holder && holderAlive(holder) && holder.pid !== process.pid) {
      lock.release();
      fail(
        `the ${name} store in ${store.dataDir} is open in another process (pid ${holder.pid}, since ${holder.since}, ${ago(holder.since)}), outside any stack. ` +
          'Nothing was started. Stop that process first.',
      );
    }
  }
  return lock;
}

function fail(message: string): never {
  process.stderr.write(`npm start: ${message}\n`);
  process.exit(1);
}

let stackLock: Lock | null = null;
let supervisor: Supervisor;

async function main(): Promise<void> {
  const config = configOrExit('start');
  stackLock = lockDataFolder(config);
  // The site and the explorer (web/dist), built when missing or stale; without them the graph still runs.
  try {
    ensureWebBuilt();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}: the gateway serves the graph, and its pages say how to build them\n`);
  }
  // The subgraphs and the gateway run compiled (scripts/serviceBuild.ts), from a build of the sources as
  // they are now: made in about a second when there is none yet, so an edited file is never run stale.
  let build: string;
  try {
    build = await currentServiceBuild((line) => process.stderr.write(`${line}\n`));
  } catch (error) {
    stackLock?.release();
    fail(`the services could not be compiled: ${(error as Error).message}`);
  }
  supervisor = new Supervisor(config.supervisor, {
    log: (line) => process.stderr.write(`\x1b[1msupervisor\x1b[0m   ${line}\n`),
    output: (name, stream, chunk) => {
      const color = name === 'gateway' || name === 'identity' ? 37 : (COLORS[SUBGRAPH_NAMES.indexOf(name as never) % COLORS.length] as number);
      prefixLines(name, color, chunk, stream === 'stdout' ? process.stdout : process.stderr);
    },
    gaveUp: (name) => {
      if (supervisor.isStopping) return;
      if (name === 'gateway') {
        process.stderr.write('the gateway cannot run: stopping everything\n');
        void stopAll(1);
      } else if (name === 'identity') {
        process.stderr.write('the graph runs on without the development sign-in provider (the site cannot sign in; tokens of npm run token still work); fix the cause above and start again\n');
      } else {
        process.stderr.write(`the graph runs on without ${name} (its fields are null, SUBGRAPH_UNAVAILABLE); fix the cause above and start again\n`);
      }
    },
  });
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await supervisor.stop();
    stackLock?.release();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const identity = developmentIdentity(config);
  const gatewayEnv = identity ? { ...envFor('gateway'), CG_OIDC_ISSUER: identity.issuer } : envFor('gateway');
  if (identity) {
    supervisor.start({
      name: 'identity',
      entry: 'identity/index.ts',
      cwd: ROOT,
      // What a subgraph is given: no key only the gateway may hold.
      env: { ...subgraphEnvironment(process.env), CG_OIDC_ISSUER: identity.issuer },
      readyUrl: `${identity.issuer}/.well-known/openid-configuration`,
    });
  }
  for (const name of SUBGRAPH_NAMES) {
    supervisor.start({
      name,
      entry: `subgraphs/${name}/index.ts`,
      build,
      cwd: ROOT,
      env: envFor(name),
      readyUrl: `http://127.0.0.1:${config.subgraphs[name].port}/health/ready`,
      // A restarted subgraph never creates its embedded store anew: if it vanished, it refuses.
      restartEnv: { CG_STORE_MUST_EXIST: 'true' },
    });
  }
  try {
    // The first start creates and seeds every store at once: minutes on a small, busy machine.
    const waiting = setInterval(() => {
      const pending = supervisor.pids().filter((c) => c.state !== 'running').map((c) => c.name);
      process.stderr.write(`still starting: ${pending.join(', ')}\n`);
    }, 30_000);
    // The sign-in provider is not needed to serve the graph: one that does not come up is said, not fatal.
    const identityReady = identity
      ? supervisor.ready('identity', 120_000).then(
          () => true,
          (error: Error) => (process.stderr.write(`the development sign-in provider is not up: ${error.message}\n`), false),
        )
      : Promise.resolve(false);
    await Promise.all(SUBGRAPH_NAMES.map((name) => supervisor.ready(name, 900_000))).finally(() => clearInterval(waiting));
    await identityReady;
    supervisor.start({ name: 'gateway', entry: 'gateway/index.ts', build, cwd: ROOT, env: gatewayEnv, readyUrl: `http://127.0.0.1:${config.gateway.port}/health` });
    await supervisor.ready('gateway', 60_000);
  } catch (error) {
    process.stderr.write(`start failed: ${(error as Error).message}\n`);
    await stopAll(1);
  }
  process.stdout.write(banner(config, identity));
}

void main();
