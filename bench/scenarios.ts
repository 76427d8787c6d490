import { signToken, type TokenClaims } from '../shared/auth/tokens';
import type { Config } from '../shared/config';
import { Random } from '../shared/generator/random';
import { subjectAt, type SubjectProfile } from '../shared/generator/subjects';
import { accessDataset } from '../subgraphs/access/dataset';
import type { ScenarioName } from './args';
import type { BenchRequest } from './load';
import { buildOperations, creditReportOperation, listsIn, loadCatalogue } from './operations';

/**
 * The scenarios: who asks what, of which subjects. Subjects are drawn at random (seeded) from the
 * dataset's generator (shared/generator/subjects.ts: `subjectAt(seed, i)`, the subjects the demo seed
 * and `npm run load` write); only organizations, since a natural person is not public. Subject codes
 * travel as variables, as clients send them.
 */

export interface Scenario {
  readonly name: ScenarioName;
  readonly description: string;
  readonly caller: string;
  readonly lists: number;
  /** The `n`-th request of a run whose sequence is `stream` (the same stream gives the same requests, for A/B rounds). */
  requests(stream: number): (n: number) => BenchRequest;
  /** One request per subject of the pool (or per batch of them): the warm-up reads each once. */
  readonly everySubject?: { readonly count: number; request(n: number): BenchRequest };
  /** Checks a successful answer carries data (a subject that is not in the store answers null). */
  readonly expect: (json: unknown) => string | null;
}

export const REGULATOR_CLAIMS: TokenClaims = {
  kind: 'REGULATOR',
  org: '11100000000013127D',
  name: '国家金融监督管理总局',
  grants: ['*:RESTRICTED'],
  purposes: ['SUPERVISION'],
  statutory: true,
};

interface Consented {
  readonly subject: string;
  readonly bank: string;
  readonly purpose: string;
}

/** Subjects with a consent in force today to a bank, from the access dataset's own generator. */
export function consentedSubjects(seed: number, subjects: number, want: number, today = new Date()): Consented[] {
  const out: Consented[] = [];
  const r = new Random(seed, 0, 'bench-consents');
  for (let tries = 0; out.length < want && tries < want * 50; tries += 1) {
    const index = tries === 0 ? 0 : r.int(0, subjects - 1);
    const profile = subjectAt(seed, index);
    for (const row of accessDataset.rowsFor(profile, seed).consents ?? []) {
      const from = new Date(String(row.valid_from));
      const until = new Date(String(row.valid_until));
      if (row.revoked_at === null && from <= today && today < until) {
        out.push({ subject: profile.code, bank: String(row.organization), purpose: String(row.purpose) });
        break;
      }
    }
  }
  return out;
}

/** `want` distinct organizations drawn at random among the first `subjects` of the dataset. */
export function organizations(seed: number, subjects: number, want: number): SubjectProfile[] {
  const r = new Random(seed, 0, 'bench-organizations');
  const seen = new Set<number>();
  const out: SubjectProfile[] = [];
  const target = Math.min(want, subjects);
  for (let tries = 0; out.length < target && tries < target * 20; tries += 1) {
    const index = r.int(0, subjects - 1);
    if (seen.has(index)) continue;
    seen.add(index);
    const profile = subjectAt(seed, index);
    if (profile.kind !== 'NATURAL_PERSON') out.push(profile);
  }
  return out;
}

const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

function pickFrom<T>(items: readonly T[], stream: number, name: string): (n: number) => T {
  const r = new Random(stream, 0, name);
  return () => r.pick(items);
}

const hasSubject = (json: unknown) => ((json as { data?: { subject?: unknown } }).data?.subject ? null : 'the subject is null (not in the store?)');

export interface ScenarioSetup {
  readonly config: Config;
  /** Seed of the dataset (CG_DEMO_SEED) and how many subjects it holds. */
  readonly datasetSeed: number;
  readonly subjects: number;
  /** Seed of the benchmark's own draws. */
  readonly seed: number;
  readonly batchSize: number;
  /** Organizations drawn for the scenarios to pick from. */
  readonly pool: number;
}

export async function buildScenarios(names: readonly ScenarioName[], setup: ScenarioSetup): Promise<Scenario[]> {
  const operations = buildOperations(loadCatalogue());
  const orgs = organizations(setup.datasetSeed, setup.subjects, setup.pool);
  const codes = orgs.map((o) => o.code);
  const publicHeaders = {};
  const regulator = { authorization: `Bearer ${await signToken(setup.config.auth, REGULATOR_CLAIMS, 6 * 3600)}`, 'x-inquiry-purpose': 'SUPERVISION' };
  const all: Record<ScenarioName, () => Promise<Scenario>> = {
    'public-profile': async () => ({
      name: 'public-profile',
      description: 'the public full profile of one subject: every list the public may see, first page each, with totalCount',
      caller: 'public',
      lists: listsIn(operations.publicProfile),
      requests: (stream) => {
        const code = pickFrom(codes, stream, 'public-profile');
        return () => ({ headers: publicHeaders, body: body(operations.publicProfile, { code: code(0) }) });
      },
      everySubject: { count: codes.length, request: (n) => ({ headers: publicHeaders, body: body(operations.publicProfile, { code: codes[n] }) }) },
      expect: hasSubject,
    }),
    regulator: async () => ({
      name: 'regulator',
      description: 'a regulator (statutory, *:RESTRICTED) reading every record list and summary up to RESTRICTED of one subject; leaves an inquiry record',
      caller: 'REGULATOR',
      lists: listsIn(operations.regulator),
      requests: (stream) => {
        const code = pickFrom(codes, stream, 'regulator');
        return () => ({ headers: regulator, body: body(operations.regulator, { code: code(0) }) });
      },
      everySubject: { count: codes.length, request: (n) => ({ headers: regulator, body: body(operations.regulator, { code: codes[n] }) }) },
      expect: hasSubject,
    }),
    'bank-consent': async () => {
      const consented = consentedSubjects(setup.datasetSeed, setup.subjects, 200);
      if (consented.length === 0) throw new Error('no subject of the dataset has a consent in force to a bank');
      const tokens = new Map<string, string>();
      for (const c of consented) {
        const key = `${c.bank}/${c.purpose}`;
        if (!tokens.has(key)) {
          tokens.set(key, await signToken(setup.config.auth, { kind: 'CREDIT_SERVICE', org: c.bank, grants: ['finance:RESTRICTED', 'registry:SHARED'], purposes: [c.purpose] }, 6 * 3600));
        }
      }
      const ask = (c: Consented): BenchRequest => ({
        headers: { authorization: `Bearer ${tokens.get(`${c.bank}/${c.purpose}`) as string}`, 'x-inquiry-purpose': c.purpose },
        body: body(operations.bankConsent, { code: c.subject }),
      });
      return {
        name: 'bank-consent',
        description: `a bank reading the credit accounts and guarantees of a subject that consented (${consented.length} consents in force, from the access dataset); leaves an inquiry record`,
        caller: 'CREDIT_SERVICE under consent',
        lists: listsIn(operations.bankConsent),
        requests: (stream) => {
          const one = pickFrom(consented, stream, 'bank-consent');
          return () => ask(one(0));
        },
        everySubject: { count: consented.length, request: (n) => ask(consented[n] as Consented) },
        expect: hasSubject,
      };
    },
    'batch-100': async () => ({
      name: 'batch-100',
      description: `the public full profile of ${setup.batchSize} subjects in one subjects(codes:) request`,
      caller: 'public',
      lists: listsIn(operations.batch) * setup.batchSize,
      requests: (stream) => {
        const r = new Random(stream, 0, 'batch');
        return () => {
          const batch = new Set<string>();
          while (batch.size < Math.min(setup.batchSize, codes.length)) batch.add(r.pick(codes));
          return { headers: publicHeaders, body: body(operations.batch, { codes: [...batch] }) };
        };
      },
      everySubject: {
        count: Math.ceil(codes.length / setup.batchSize),
        request: (n) => ({ headers: publicHeaders, body: body(operations.batch, { codes: codes.slice(n * setup.batchSize, (n + 1) * setup.batchSize) }) }),
      },
      expect: (json) => {
        const list = (json as { data?: { subjects?: unknown[] } }).data?.subjects ?? [];
        return list.filter(Boolean).length === 0 ? 'no subject of the batch was found' : null;
      },
    }),
    'search-selective': async () => ({
      name: 'search-selective',
      description: "searchOrganizations by one organization's full name (a selective term), first page with totalCount",
      caller: 'public',
      lists: 1,
      requests: (stream) => {
        const org = pickFrom(orgs, stream, 'search-selective');
        return () => ({ headers: publicHeaders, body: body(operations.search, { query: org(0).name }) });
      },
      expect: (json) => ((json as { data?: { searchOrganizations?: { totalCount?: number } } }).data?.searchOrganizations?.totalCount ? null : 'the search found nothing'),
    }),
    'search-broad': async () => ({
      name: 'search-broad',
      description: 'searchOrganizations(query: "北京"), first page with totalCount',
      caller: 'public',
      lists: 1,
      requests: () => () => ({ headers: publicHeaders, body: body(operations.search, { query: '北京' }) }),
      expect: (json) => ((json as { data?: { searchOrganizations?: { totalCount?: number } } }).data?.searchOrganizations?.totalCount ? null : 'the search found nothing'),
    }),
    'credit-report': async () => {
      const own = orgs.slice(0, 50);
      const tokens = await Promise.all(
        own.map(async (o) => ({ code: o.code, token: await signToken(setup.config.auth, { kind: 'SUBJECT', org: o.code, subject: o.code, grants: [], purposes: ['SELF_QUERY'] }, 6 * 3600) })),
      );
      const query = creditReportOperation();
      const ask = (t: { code: string; token: string }): BenchRequest => ({ headers: { authorization: `Bearer ${t.token}`, 'x-inquiry-purpose': 'SELF_QUERY' }, body: body(query, { code: t.code }) });
      return {
        name: 'credit-report',
        description: 'operations/credit-report.graphql, the whole credit report, asked by the subject itself (issues a report and an inquiry record)',
        caller: 'SUBJECT (itself)',
        lists: listsIn(query),
        requests: (stream) => {
          const one = pickFrom(tokens, stream, 'credit-report');
          return () => ask(one(0));
        },
        everySubject: { count: tokens.length, request: (n) => ask(tokens[n] as { code: string; token: string }) },
        expect: (json) => ((json as { data?: { creditReport?: unknown } }).data?.creditReport ? null : 'no report'),
      };
    },
  };
  const out: Scenario[] = [];
  for (const name of names) out.push(await all[name]());
  return out;
}

