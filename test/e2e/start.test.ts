import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SUBGRAPH_NAMES } from '../../subgraphs/names';
import { subjectAt } from '../../shared/generator/subjects';
import { TEST_DATASET } from '../support/stores';
import { WARM_STORES } from '../support/storePool';
import { freePort } from '../../shared/ports';

/**
 * The top of the pyramid: the graph started as `npm start` starts it (seven subgraph processes on
 * their own embedded stores, created and seeded on the way, then the gateway), over real ports, and
 * queried over HTTP. Everything else tests the same code in-process.
 */

const ROOT = path.resolve(__dirname, '../..');
/**
 * Nine processes (the services compiled once by npm start, the sign-in provider through tsx) on two
 * cores: the one test allowed to be slow. Each store's folder starts as the seeded test snapshot's
 * data directory (a PGlite dump is one, as a tarball), so the subgraphs open, migrate and seed
 * nothing; without the snapshots they build them.
 */
const STARTUP_MS = 90_000;

function unpackSnapshots(dataDir: string): void {
  const snapshots = JSON.parse(process.env[WARM_STORES] ?? '{}') as Record<string, string>;
  for (const [name, file] of Object.entries(snapshots)) {
    mkdirSync(path.join(dataDir, name), { recursive: true });
    execFileSync('tar', ['-xzf', file, '-C', path.join(dataDir, name)], { stdio: 'ignore' });
  }
}

let started: ChildProcess | null = null;
let output = '';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cg-start-'));

afterAll(async () => {
  if (started && started.exitCode === null) {
    const exited = new Promise((resolve) => started?.once('exit', resolve));
    started.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

it(
  'starts every subgraph and the gateway as npm start does, and answers a query across the sectors',
  async () => {
    unpackSnapshots(dataDir);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CG_DATA_DIR: dataDir,
      CG_DEMO_SUBJECTS: String(TEST_DATASET.subjects),
      CG_DEMO_SEED: String(TEST_DATASET.seed),
      CG_GATEWAY_PORT: String(await freePort()),
      CG_GATEWAY_OPS_PORT: String(await freePort()),
      CG_IDENTITY_PORT: String(await freePort()),
      NODE_OPTIONS: '',
    };
    delete env.CG_DATABASE_URL;
    for (const name of SUBGRAPH_NAMES) {
      env[`CG_${name.toUpperCase()}_PORT`] = String(await freePort());
      env[`CG_${name.toUpperCase()}_OPS_PORT`] = String(await freePort());
    }
    started = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<never>((_resolve, reject) => started?.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`))));
    const up = new Promise<void>((resolve) => {
      const check = () => (output.includes('Credit Graph is up') ? resolve() : setTimeout(check, 200));
      check();
    });
    await Promise.race([up, exited]);

    const group = subjectAt(TEST_DATASET.seed, 0);
    const response = await fetch(`http://127.0.0.1:${env.CG_GATEWAY_PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ subject(code: "${group.code}") { code name taxation { arrearsNotices { totalCount } } ecommerce { shops { totalCount } } } }` }),
    });
    const body = (await response.json()) as { data?: { subject: { code: string; name: string } }; errors?: unknown };
    expect(response.status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.subject).toEqual(expect.objectContaining({ code: group.code, name: group.name }));

    // Outside production the development sign-in provider runs too, and the banner says where to sign in.
    const issuer = `http://127.0.0.1:${env.CG_IDENTITY_PORT}`;
    expect(output).toContain(`sign in:  http://127.0.0.1:${env.CG_GATEWAY_PORT}/ (the site), at the development provider ${issuer}`);
    expect(((await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { issuer: string }).issuer).toBe(issuer);

    // The services run compiled, from the build npm start made of the sources (scripts/serviceBuild.ts), not through tsx.
    const pids = Object.fromEntries([...(/processes: (.*)/.exec(output)?.[1] ?? '').matchAll(/(\w+) (\d+)/g)].map((m) => [m[1], Number(m[2])]));
    const commandOf = (name: string) => readFileSync(`/proc/${pids[name]}/cmdline`, 'utf8').split('\0').filter(Boolean);
    for (const [name, entry] of [['registry', 'subgraphs/registry/index.js'], ['gateway', 'gateway/index.js']] as const) {
      const command = commandOf(name);
      expect(command).not.toContain('tsx');
      expect(command.at(-1)).toMatch(new RegExp(`/node_modules/\\.cache/credit-graph-services/[0-9a-f]{16}/${entry.replace(/\./g, '\\.')}$`));
    }

    // Each process serves its metrics on its own ops port; the public port does not.
    const metrics = async (port: string | undefined) => {
      const answer = await fetch(`http://127.0.0.1:${port}/metrics`);
      return { status: answer.status, text: await answer.text() };
    };
    expect((await metrics(env.CG_GATEWAY_PORT)).status).toBe(404);
    expect((await metrics(env.CG_GATEWAY_OPS_PORT)).text).toMatch(/^credit_graph_gateway_requests_total\{operation_name="\(anonymous\)",operation_type="query",outcome="ok"\} 1$/m);
    expect((await metrics(env.CG_TAXATION_OPS_PORT)).text).toMatch(/^credit_graph_subgraph_requests_total\{subgraph="taxation",route="\/graphql",outcome="ok"\} [1-9]/m);
  },
  STARTUP_MS,
);
