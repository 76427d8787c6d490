import { parse, validate } from 'graphql';
import { parseBenchArgs, SCENARIOS, UsageError } from '../bench/args';
import { buildOperations, listsIn, loadCatalogue } from '../bench/operations';
import { fileNameOf, renderPage, renderResult, type BenchResult, type Measurement } from '../bench/render';
import { consentedSubjects, organizations } from '../bench/scenarios';
import { cpuBetween, cpuMsOf } from '../bench/stack';
import { latencyOf } from '../bench/load';

/** `npm run bench`'s arguments, its operations and its report; the measuring itself is a script, never a test. */

describe('npm run bench: arguments', () => {
  it('defaults to every scenario on embedded PGlite, 200 requests at 16 connections, public-profile against stock', () => {
    expect(parseBenchArgs([])).toEqual({
      store: 'pglite',
      url: null,
      subjects: null,
      scenarios: [...SCENARIOS],
      requests: 200,
      concurrency: 16,
      warmup: 20,
      pool: 500,
      stock: ['public-profile'],
      floor: [],
      rounds: 2,
      out: 'docs/benchmarks',
      portBase: 0,
      allowWrites: false,
      seed: 0,
      runtime: 'compiled',
    });
  });

  it('takes scenarios in any order and runs them in the catalogue order, compared only where they run', () => {
    const options = parseBenchArgs(['--store', 'postgres', '--scenario', 'search-broad,public-profile', '--stock', 'public-profile,batch-100', '--requests', '50', '--allow-writes']);
    expect(options).toMatchObject({ store: 'postgres', scenarios: ['public-profile', 'search-broad'], stock: ['public-profile'], requests: 50, allowWrites: true });
    expect(parseBenchArgs(['--stock', 'none']).stock).toEqual([]);
    expect(parseBenchArgs(['--scenario', 'public-profile,batch-100', '--floor', 'batch-100,public-profile,search-broad']).floor).toEqual(['public-profile', 'batch-100']);
  });

  it('refuses what it cannot run, saying what is wrong', () => {
    const refusal = (argv: string[]) => {
      try {
        parseBenchArgs(argv);
      } catch (error) {
        return error instanceof UsageError ? error.message : `not a usage error: ${String(error)}`;
      }
      return 'accepted';
    };
    expect(refusal(['--scenario', 'public-profile,everything'])).toBe('--scenario: unknown scenario "everything" (known: public-profile, regulator, bank-consent, batch-100, search-selective, search-broad, credit-report)');
    expect(refusal(['--stock', 'regulator'])).toBe('--stock: the stock gateway serves public callers only, not regulator (public: public-profile, batch-100, search-selective, search-broad)');
    expect(refusal(['--floor', 'credit-report'])).toBe('--floor: the floor serves public callers only, not credit-report (public: public-profile, batch-100, search-selective, search-broad)');
    expect(refusal(['--floor', 'public-profile', '--url', 'http://127.0.0.1:4000/graphql'])).toBe('--floor needs the stack the benchmark starts, not --url');
    expect(refusal(['--store', 'mysql'])).toBe('--store must be pglite or postgres: "mysql"');
    expect(refusal(['--runtime', 'bun'])).toBe('--runtime must be compiled or tsx: "bun"');
    expect(refusal(['--requests', '0'])).toBe('--requests must be a whole number from 1 to 1000000: "0"');
    for (const written of ['1e3', '0x10', '-5', '1.5', ' 7', '99999999999999999999']) {
      expect(refusal([`--requests=${written}`])).toBe(`--requests must be a whole number from 1 to 1000000: "${written}"`);
    }
    expect(refusal(['--subjects', '100000001'])).toBe('--subjects must be a whole number from 1 to 100000000: "100000001"');
    expect(refusal(['--url', 'localhost'])).toBe('--url is not a URL: "localhost"');
    expect(refusal(['--url', 'ftp://gateway.example/graphql'])).toBe('--url must be an http or https URL of a gateway: "ftp://gateway.example/graphql"');
    expect(refusal(['--url', 'file:///etc/passwd'])).toBe('--url must be an http or https URL of a gateway: "file:///etc/passwd"');
    expect(refusal(['--scenario', ',,'])).toMatch(/^--scenario names no scenario/);
    expect(refusal(['--fast'])).toMatch(/Unknown option '--fast'/);
  });
});

describe('npm run bench: operations written from the catalogue', () => {
  const catalogue = loadCatalogue();
  const operations = buildOperations(catalogue);

  it('are valid against the supergraph and pass subject codes as variables', () => {
    for (const text of [operations.publicProfile, operations.regulator, operations.bankConsent, operations.batch, operations.search]) {
      expect(validate(catalogue.schema, parse(text))).toEqual([]);
      expect(text).not.toMatch(/code: "/);
    }
  });

  it('ask the public for every list it may see (public, or public while a record is) and nothing above', () => {
    const profile = operations.publicProfile;
    expect(listsIn(profile)).toBe(20);
    expect(profile).toContain('courtJudgments { totalCount nodes {');
    expect(profile).toContain('dishonestDebtorListings { totalCount nodes {'); // public while its publicity lasts
    expect(profile).not.toContain('creditAccounts'); // RESTRICTED
    expect(profile).not.toContain('creditReport'); // issuing a report is a write: a scenario of its own
    expect(profile).not.toContain('inquiryRecords');
  });

  it('ask a regulator for the restricted lists too, never special data', () => {
    expect(operations.regulator).toContain('creditAccounts { totalCount');
    expect(operations.regulator).not.toContain('assets');
    expect(listsIn(operations.regulator)).toBeGreaterThan(listsIn(operations.publicProfile));
    expect(operations.bankConsent).toMatch(/^query LoanApproval\(\$code: ID!\) \{ subject\(code: \$code\) \{ name finance \{ summary \{ .* \} creditAccounts \{ totalCount nodes \{ .* \} \} guarantees \{ totalCount nodes \{ .* \} \} \} \} \}$/);
  });

  it('draw organizations only, and subjects whose consent to a bank is in force', () => {
    const orgs = organizations(2014, 400, 50);
    expect(orgs).toHaveLength(50);
    expect(orgs.every((o) => o.kind !== 'NATURAL_PERSON' && o.index < 400)).toBe(true);
    const consented = consentedSubjects(2014, 400, 5, new Date('2026-12-01T00:00:00Z'));
    expect(consented[0]).toEqual({ subject: '9111010500088WXJ4C', bank: '91310000132209224R', purpose: 'LOAN_APPROVAL' });
    expect(consented).toHaveLength(5);
  });
});

describe('npm run bench: measuring and reporting', () => {
  it('reads this process\'s CPU from /proc and sums CPU over processes that came and went', () => {
    expect(cpuMsOf(process.pid)).toEqual(expect.any(Number));
    expect(cpuMsOf(2 ** 30)).toBeNull();
    expect(cpuBetween(new Map([[1, 100], [2, 50]]), new Map([[1, 130], [3, 20]]))).toBe(50);
    expect(latencyOf([5, 1, 4, 2, 3])).toEqual({ p50: 3, p95: 5, p99: 5, max: 5 });
  });

  const measurement = (p50: number, rps: number, gateway: number): Measurement => ({
    requests: 400,
    failed: 0,
    sequential: { p50, p95: p50 * 2, p99: p50 * 3, max: p50 * 4 },
    concurrent: { requestsPerSecond: rps, latency: { p50: 90, p95: 120, p99: 150, max: 200 } },
    cpuMsPerRequest: { gateway, subgraphs: 20, postgres: 5, total: gateway + 25 },
    statementsPerRequest: { total: 6, bySubgraph: { registry: 1, finance: 5, access: 0 } },
  });
  const result: BenchResult = {
    date: '2026-12-01T12:00:00.000Z',
    commit: '0123456789abcdef',
    machine: { cpus: 2, cpuModel: 'Test CPU', memoryGb: 8, node: 'v20.19.0', platform: 'linux 6.1' },
    store: 'postgres',
    subjects: 1_000_000,
    requests: 200,
    concurrency: 16,
    rounds: 2,
    notes: ['a note'],
    scenarios: [
      { name: 'public-profile', description: 'd', caller: 'public', lists: 20, ours: measurement(12, 160, 8), stock: measurement(10, 200, 10) },
      { name: 'regulator', description: 'd', caller: 'REGULATOR', lists: 28, ours: null, stock: null, skipped: 'writes to the access store' },
    ],
  };

  it('renders a result as a Markdown table with the machine, the stock ratios and the notes', () => {
    expect(renderResult(result).split('\n')).toEqual([
      '## PostgreSQL, 1,000,000 subjects',
      '',
      '2026-12-01T12:00:00.000Z, commit `0123456789`; 2 cores (Test CPU), 8 GB, Node v20.19.0 on linux 6.1; 200 requests per run, concurrent runs at 16 connections, 2 round(s).',
      '',
      '| scenario | caller | lists | p50 ms | p95 ms | p99 ms | req/s | CPU ms/req: all (gateway / subgraphs / PostgreSQL) | SQL statements/req | failed |',
      '|---|---|---:|---:|---:|---:|---:|---|---|---:|',
      '| public-profile | public | 20 | 12.0 | 24.0 | 36.0 | 160 | 33.0 (8.0 / 20.0 / 5.0) | 6.0 (registry 1.0, finance 5.0) | 0 |',
      '| regulator | REGULATOR | 28 | skipped: writes to the access store | | | | | | |',
      '',
      'Against stock `@apollo/gateway` over the same subgraph processes, in the same run (A/B rounds alternate). Ratio = ours / stock: above 1× is what enforcement costs.',
      '',
      '| scenario | p50 ms ours / stock | ratio | p95 ms ours / stock | ratio | req/s ours / stock | ratio | gateway CPU ms/req ours / stock | ratio |',
      '|---|---|---:|---|---:|---|---:|---|---:|',
      '| public-profile | 12.0 / 10.0 | 1.20× | 24.0 / 20.0 | 1.20× | 160 / 200 | 0.80× | 8.0 / 10.0 | 0.80× |',
      '',
      '- a note',
      '',
    ]);
  });

  it('renders the floor beside ours, CPU split by process group, when the run measured it', () => {
    const floored: BenchResult = {
      ...result,
      notes: [],
      scenarios: [{ name: 'public-profile', description: 'd', caller: 'public', lists: 20, ours: measurement(12, 160, 8), stock: null, floor: { ...measurement(6, 300, 4), cpuMsPerRequest: { gateway: 4, subgraphs: 3, postgres: 0, total: 7 } } }],
    };
    expect(renderResult(floored).split('\n').slice(8)).toEqual([
      'Against the floor, in the same run: stock `@apollo/gateway` over stock Apollo Server subgraphs that answer from recorded data, with no store and no checks ' +
        '(`--floor`; bench/floorSubgraph.ts). The same query plans and answers with no work done: no gateway and subgraphs on these libraries spend less on this machine.',
      '',
      '| scenario | p50 ms ours / floor | p95 ms ours / floor | req/s ours / floor | CPU ms/req ours / floor: all | gateway | subgraphs | PostgreSQL |',
      '|---|---|---|---|---|---|---|---|',
      '| public-profile | 12.0 / 6.0 | 24.0 / 12.0 | 160 / 300 | 33.0 / 7.0 | 8.0 / 4.0 | 20.0 / 3.0 | 5.0 / 0.0 |',
      '',
    ]);
  });

  it('puts PostgreSQL results before PGlite ones on the page, one file per store and size', () => {
    const pglite: BenchResult = { ...result, store: 'pglite', subjects: 400, scenarios: [] };
    const page = renderPage([pglite, result]);
    expect(page.indexOf('## PostgreSQL, 1,000,000 subjects')).toBeLessThan(page.indexOf('## embedded PGlite, 400 subjects'));
    expect(page).toMatch(/^# Benchmarks\n/);
    expect(fileNameOf(result)).toBe('postgres-1000000.json');
    expect(fileNameOf(pglite)).toBe('pglite-400.json');
  });
});
