import type { FastifyInstance } from 'fastify';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accessSubgraph } from '../subgraphs/access/server';
import { openStore, isStoreFault, markerFileOf, StoreError, storeLockFileOf, type Store } from '../shared/store';
import { ensureTestSnapshot, testDeps, TEST_DATASET, TEST_SIGNER } from './support/stores';
import { REGULATOR_PRINCIPAL } from './support/graphql';
import { subjectAt } from '../shared/generator/subjects';
import { CONTEXT_HEADER, INQUIRY_RECORD_USE, INQUIRY_RECORDS_ROUTE } from '../shared/auth/context';
import { PUBLIC_PRINCIPAL } from '../shared/policy/principal';

/**
 * An embedded store on a real folder, as a subgraph process has it (opened from the seeded test
 * snapshot, so without initdb): what happens when the folder fails under it, and when a store that
 * existed is gone at the next start.
 */

const ROOT = path.resolve(__dirname, '..');
let dataDir: string;
let storeDir: string;
let store: Store;
let app: FastifyInstance;

const group = subjectAt(TEST_DATASET.seed, 0);
const disclosure = { subject: group.code, field: 'FinanceProfile.summary', category: 'finance.credit', level: 'RESTRICTED', basis: 'statutory' };

async function postRecord(requestId: string) {
  const disclosures = [disclosure];
  const context = await TEST_SIGNER.sign({ principal: REGULATOR_PRINCIPAL, purpose: 'SUPERVISION', requestId }, { audience: 'access', route: INQUIRY_RECORD_USE, body: disclosures });
  const body = { records: [{ context, disclosures }] };
  const header = await TEST_SIGNER.sign({ principal: PUBLIC_PRINCIPAL, purpose: null }, { audience: 'access', route: INQUIRY_RECORDS_ROUTE, body });
  const response = await app.inject({
    method: 'POST',
    url: INQUIRY_RECORDS_ROUTE,
    headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: header },
    payload: JSON.stringify(body),
  });
  return { status: response.statusCode, body: response.json<unknown>() };
}

const get = async (url: string) => {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json<unknown>() };
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'cg-store-failure-'));
  storeDir = path.join(dataDir, 'access');
  const snapshot = await ensureTestSnapshot(accessSubgraph, true);
  if (!snapshot) throw new Error('these tests need the embedded store (no CG_DATABASE_URL)');
  store = await openStore('access', { kind: 'pglite', dataDir: storeDir }, { loadDataDir: new Blob([readFileSync(snapshot)]) });
  app = await accessSubgraph.buildServer(testDeps(store));
});

afterAll(async () => {
  await app?.close();
  await store?.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('an embedded store on its folder', () => {
  it('records beside the folder that the store exists and which process holds it', () => {
    expect(readdirSync(dataDir).sort()).toEqual(['access', 'access.lock', 'access.store']);
    expect(JSON.parse(readFileSync(storeLockFileOf(storeDir), 'utf8'))).toMatchObject({ pid: process.pid, details: { store: 'access' } });
    expect(JSON.parse(readFileSync(markerFileOf(storeDir), 'utf8'))).toMatchObject({ store: 'access' });
  });

  it('refuses a second open of the same store while it is held, naming the holder, and the first keeps working', async () => {
    const second = openStore('access', { kind: 'pglite', dataDir: storeDir });
    await expect(second).rejects.toThrow(new RegExp(`the access store in ${storeDir} is open in another process \\(pid ${process.pid} `));
    await expect(second).rejects.toMatchObject({ exitCode: 75 });
    expect(await store.db('inquiry_records').count<{ n: number }[]>({ n: '*' })).toEqual([{ n: expect.any(Number) }]);
  });

  it('is ready and confirms an inquiry record while its folder is there', async () => {
    expect(await get('/health/ready')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get('/health')).toEqual({ status: 200, body: { status: 'ok' } });
    const requestId = randomUUID();
    const written = await postRecord(requestId);
    expect(written).toEqual({ status: 200, body: { results: [{ id: expect.any(String) }] } });
  });

  it('once its folder is deleted: not ready at once, live, and no inquiry record is confirmed', async () => {
    rmSync(storeDir, { recursive: true, force: true });
    // PGlite goes on "committing" into the files it has open: the write is refused all the same.
    expect(await postRecord(randomUUID())).toEqual({
      status: 503,
      body: { errors: [{ message: 'the subgraph store is unavailable; nothing was confirmed', extensions: { code: 'STORE_UNAVAILABLE' } }] },
    });
    expect(await get('/health/ready')).toEqual({ status: 503, body: { status: 'unavailable' } });
    expect(await get('/health')).toEqual({ status: 503, body: { status: 'unavailable' } });
    expect(await get('/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(store.health.reason).toBe(`the store folder ${storeDir} is gone (ENOENT)`);
  });

  it('is never created anew where it existed: the next open refuses, creates nothing, and says how to restore or re-initialise', async () => {
    await store.close().catch(() => undefined);
    expect(existsSync(storeLockFileOf(storeDir))).toBe(false);
    const reopened = openStore('access', { kind: 'pglite', dataDir: storeDir });
    await expect(reopened).rejects.toThrow(StoreError);
    await expect(reopened).rejects.toMatchObject({ exitCode: 78 });
    await expect(reopened).rejects.toThrow(
      new RegExp(`the access store was created in ${storeDir} on .* and is gone or emptied\\. Nothing was created in its place\\. Restore the folder from a backup, or, to start this store afresh deliberately .* delete ${markerFileOf(storeDir)}`),
    );
    expect(readdirSync(dataDir).sort()).toEqual(['access.store']);
  });
});

describe('store failures', () => {
  it('turns failed, without any request, when a probe finds the folder gone', async () => {
    const snapshot = (await ensureTestSnapshot(accessSubgraph, false)) as string;
    const dir = path.join(dataDir, 'probed', 'access');
    const probed = await openStore('access', { kind: 'pglite', dataDir: dir }, { loadDataDir: new Blob([readFileSync(snapshot)]), probeIntervalMs: 50 });
    try {
      const failed = new Promise<string>((resolve) => probed.health.onFailure(resolve));
      expect(probed.health.ok).toBe(true);
      rmSync(dir, { recursive: true, force: true });
      expect(await failed).toBe(`the store folder ${dir} is gone (ENOENT)`);
    } finally {
      await probed.close().catch(() => undefined);
    }
  });

  it("tells the store's own failures from the caller's", () => {
    const sql = (code: string, message = 'x') => Object.assign(new Error(message), { code });
    // What PGlite answered once its folder was made read-only, and what the append-only trigger raises.
    expect(isStoreFault(sql('42501', 'could not open file "base/5/2650": Permission denied'))).toBe(true);
    expect(isStoreFault(sql('42501', 'inquiry records cannot be altered or deleted'))).toBe(false);
    for (const fault of ['58P01', '58030', '53100', 'XX001', '08006', '57P01', 'ECONNREFUSED', 'EROFS']) expect([fault, isStoreFault(sql(fault))]).toEqual([fault, true]);
    for (const caller of ['23505', '22P02', '42P01', '40001', '57014']) expect([caller, isStoreFault(sql(caller))]).toEqual([caller, false]);
    expect(isStoreFault(new Error('PGlite is closed'))).toBe(true);
    expect(isStoreFault(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'))).toBe(false);
  });

  it('refuses a read-only data folder at once with a clear message and exit code 78, without opening anything', () => {
    const folder = path.join(dataDir, 'read-only');
    chmodSync(dataDir, 0o755);
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'keep'), '');
    const asRoot = process.getuid?.() === 0;
    // root writes through any mode bits: the child keeps uid 0 but loses the capabilities that
    // override them, so the folder's own bits hold for it (and it can still read the checkout, wherever
    // that is, which another user might not)
    chmodSync(folder, 0o555);
    const script = `require('./shared/store').openStore('access', { kind: 'pglite', dataDir: ${JSON.stringify(path.join(folder, 'access'))} }).then(() => process.exit(0), (e) => { process.stderr.write(e.message); process.exit(e.exitCode); })`;
    const command = asRoot ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search', process.execPath] : [process.execPath];
    const started = Date.now();
    const result = spawnSync(command[0] as string, [...command.slice(1), '--require', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', TMPDIR: '/tmp' }, timeout: 12_000 });
    expect({ status: result.status, stderr: result.stderr }).toEqual({
      status: 78,
      stderr: `the data folder ${folder} is not writable (EACCES): the access store cannot be opened safely; make it writable for this user (or mount it read-write) and start again`,
    });
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(readdirSync(folder)).toEqual(['keep']);
  });
});
