import { readFileSync } from 'node:fs';
import { startSubgraphs, startGateway, urlOverrides, post, callerHeaders, REGULATOR, SUPERGRAPH_FILE, type RunningGraph } from './support/graph';
import { countStatements } from './support/stores';
import { usccCheckCharacter } from '../shared/identifiers';

/**
 * What one request costs each subgraph's store: the public's full profile of a subject (every list
 * the public may see, in every sector, first page and totalCount) is one statement per subgraph, the
 * registry's included (the subject's row is read with its listings).
 */

/**
 * Every list the supergraph lets the public see (PUBLIC, or with `publicWhen`) on `Subject` and each
 * sector's profile; with `summaries`, each sector's `recordSummary`, the registry's `listingSummary` and
 * taxation's `latestGrade` too (the fields a profile computes from its lists).
 */
function publicProfileQuery(summaries = false): string {
  const sdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
  const publicLists = (block: string) =>
    [...block.matchAll(/^\s+(\w+)\(first: Int, after: String\): \w+Connection .*@classify\(category: "[^"]+", level: "(\w+)"(, publicWhen: "[^"]+")?\)/gm)]
      .filter((m) => m[2] === 'PUBLIC' || m[3])
      .map((m) => `${m[1]}(first: 2) { totalCount pageInfo { hasNextPage endCursor } nodes { id decisionDate } }`);
  const sectors: string[] = [];
  for (const m of sdl.matchAll(/^type (\w+)Profile[^{]*\{([\s\S]*?)^\}/gm)) {
    const lists = publicLists(m[2]!);
    if (summaries && /^\s+recordSummary: SectorSummary/m.test(m[2]!)) lists.push(`recordSummary { ${SUMMARY} }`);
    if (summaries && /^\s+latestGrade: /m.test(m[2]!)) lists.push('latestGrade');
    if (lists.length > 0) sectors.push(`${m[1]!.charAt(0).toLowerCase()}${m[1]!.slice(1)} { ${lists.join(' ')} }`);
  }
  const subject = /^type Subject\b[^{]*\{([\s\S]*?)^\}/m.exec(sdl)![1]!;
  const listing = summaries ? `listingSummary { ${SUMMARY} }` : '';
  return `query PublicProfile($code: ID!) { subject(code: $code) { name kind status ${publicLists(subject).join(' ')} ${listing} ${sectors.join(' ')} } }`;
}

const SUMMARY = 'recordsInForce negativeInForce underObjection repaired latestDecisionOn worstState';

interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: unknown[];
}

let graph: RunningGraph;
let gateway: Awaited<ReturnType<typeof startGateway>>;

beforeAll(async () => {
  graph = await startSubgraphs();
  gateway = await startGateway(urlOverrides(graph.subgraphUrls));
});

afterAll(async () => {
  // Either may be missing when the setup failed: its own error is the one to read.
  await (gateway as typeof gateway | undefined)?.app.close();
  await (graph as RunningGraph | undefined)?.close();
});

/** An organization with the most construction records: records in most sectors. */
async function busySubject(): Promise<string> {
  return (
    await graph.stores.construction.db.raw<{ rows: Array<{ code: string }> }>(
      "select subject_code as code from construction_projects where subject_code like '9%' group by 1 order by count(*) desc, 1 limit 1",
    )
  ).rows[0]!.code;
}

/** Runs `query` through the gateway, counting the statements each subgraph's store was sent meanwhile. */
async function withStatements(
  query: string,
  variables: string | Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<{ response: Awaited<ReturnType<typeof post>>; statements: Record<string, number> }> {
  const statements: Record<string, number> = {};
  const counted = (Object.keys(graph.stores) as Array<keyof RunningGraph['stores']>).reduce<() => Promise<Awaited<ReturnType<typeof post>>>>(
    (inner, name) => async () => {
      const { result, statements: sent } = await countStatements(graph.stores[name], inner);
      statements[name] = sent.length;
      return result;
    },
    () => post(gateway.url, query, typeof variables === 'string' ? { code: variables } : variables, headers),
  );
  return { response: await counted(), statements };
}

it("costs one statement per subgraph, the registry's included, for the public's full profile of a subject", async () => {
  const { response, statements } = await withStatements(publicProfileQuery(), await busySubject());

  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
  expect(statements).toEqual({ registry: 1, finance: 1, taxation: 1, construction: 1, ecommerce: 1, healthcare: 1, access: 0 });
  // Each list's page agrees with its count.
  const subject = (response.body.data as { subject: Record<string, unknown> }).subject;
  const connections = [subject, ...Object.values(subject).filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null && !('totalCount' in v))]
    .flatMap((holder) => Object.values(holder).filter((v): v is Connection => typeof v === 'object' && v !== null && 'totalCount' in v));
  expect(connections.length).toBeGreaterThanOrEqual(15);
  expect(connections.some((c) => c.totalCount > 0)).toBe(true);
  for (const c of connections) {
    expect(c.nodes).toHaveLength(Math.min(2, c.totalCount));
    expect(c.pageInfo.hasNextPage).toBe(c.totalCount > 2);
  }
});

it("costs one statement per sector for every summary of a subject, whatever the number of lists it counts", async () => {
  const sdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
  const summary = SUMMARY;
  const sectors = [...sdl.matchAll(/^type (\w+)Profile[^{]*\{([\s\S]*?)^\}/gm)]
    .filter((m) => /^\s+recordSummary: SectorSummary/m.test(m[2]!))
    .map((m) => `${m[1]!.charAt(0).toLowerCase()}${m[1]!.slice(1)} { recordSummary { ${summary} } }`);
  expect(sectors).toHaveLength(5);
  const query = `query Summaries($code: ID!) { subject(code: $code) { listingSummary { ${summary} } ${sectors.join(' ')} } }`;

  const { response, statements } = await withStatements(query, await busySubject());

  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
  expect(statements).toEqual({ registry: 1, finance: 1, taxation: 1, construction: 1, ecommerce: 1, healthcare: 1, access: 0 });
  const subject = (response.body.data as { subject: Record<string, { recordSummary?: { recordsInForce: number } }> }).subject;
  expect(Object.values(subject).some((profile) => (profile.recordSummary?.recordsInForce ?? 0) > 0)).toBe(true);
});

it("reads a sector's summary and taxation's latest grade in the same statement as its pages: the public's full profile with them costs what the profile alone costs", async () => {
  const { response, statements } = await withStatements(publicProfileQuery(true), await busySubject());

  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
  expect(statements).toEqual({ registry: 1, finance: 1, taxation: 1, construction: 1, ecommerce: 1, healthcare: 1, access: 0 });
  // What the public sees of a sector adds up to its summary: every list it sees is a public list of the profile.
  const subject = (response.body.data as { subject: Record<string, unknown> }).subject;
  const totalOf = (holder: Record<string, unknown>) =>
    Object.values(holder)
      .filter((v): v is Connection => typeof v === 'object' && v !== null && 'totalCount' in v)
      .reduce((n, c) => n + c.totalCount, 0);
  const profiles = Object.values(subject).filter((v): v is Record<string, unknown> & { recordSummary: { recordsInForce: number } } => typeof v === 'object' && v !== null && 'recordSummary' in v);
  expect(profiles).toHaveLength(5);
  for (const profile of profiles) expect(profile.recordSummary.recordsInForce).toBe(totalOf(profile));
  expect((subject.listingSummary as { recordsInForce: number }).recordsInForce).toBe(totalOf(subject));
  expect(profiles.reduce((n, p) => n + p.recordSummary.recordsInForce, 0)).toBeGreaterThan(0);
  expect(subject.taxation).toHaveProperty('latestGrade');
});

/** The organization with most listings in the registry's store: listings on both lists. */
async function listedSubject(): Promise<string> {
  return (
    await graph.stores.registry.db.raw<{ rows: Array<{ code: string }> }>(
      `select subject_code as code from (
         select subject_code from abnormal_operation_listings union all select subject_code from serious_illegal_listings
       ) l group by 1 order by count(*) desc, 1 limit 1`,
    )
  ).rows[0]!.code;
}

const LISTING = 'totalCount pageInfo { hasNextPage } nodes { id listedOn }';

describe("the registry reads a subject's row and its listings in one statement", () => {
  it('for a batch of subjects, their listings and summaries', async () => {
    const codes = [await listedSubject(), await busySubject(), '9111010500088WXJ4C'];
    const query = `query Batch($codes: [ID!]!) { subjects(codes: $codes) { code name abnormalOperationListings { ${LISTING} } seriousIllegalListings(first: 1) { ${LISTING} } listingSummary { ${SUMMARY} } } }`;

    const { response, statements } = await withStatements(query, { codes });

    expect(response.body.errors).toBeUndefined();
    expect(statements.registry).toBe(1);
    const subjects = (response.body.data as { subjects: Array<{ code: string; abnormalOperationListings: Connection; seriousIllegalListings: Connection; listingSummary: { recordsInForce: number } }> }).subjects;
    expect(subjects.map((s) => s.code)).toEqual(codes);
    expect(subjects[0]!.abnormalOperationListings.totalCount + subjects[0]!.seriousIllegalListings.totalCount).toBeGreaterThan(0);
    for (const s of subjects) expect(s.listingSummary.recordsInForce).toBe(s.abnormalOperationListings.totalCount + s.seriousIllegalListings.totalCount);
  });

  it('answers null for an unknown code, reading nothing more', async () => {
    const query = `query Unknown($code: ID!) { subject(code: $code) { name abnormalOperationListings { ${LISTING} } listingSummary { ${SUMMARY} } } }`;

    const unknown = '91110000MA0000000';
    const { response, statements } = await withStatements(query, `${unknown}${usccCheckCharacter(unknown)}`);

    expect(response.body).toEqual({ data: { subject: null } });
    expect(statements.registry).toBe(1);
  });

  it('serves aliases, fragments, @skip and different pages of one list as their own fields would', async () => {
    const code = await listedSubject();
    const query = `query Pages($code: ID!, $skip: Boolean!) {
      subject(code: $code) {
        one: abnormalOperationListings(first: 1) { nodes { id } }
        skipped: seriousIllegalListings @skip(if: $skip) { totalCount }
        ...Listings
      }
    }
    fragment Listings on Subject { all: abnormalOperationListings(first: 50) { ${LISTING} } serious: seriousIllegalListings { ${LISTING} } }`;

    const { response, statements } = await withStatements(query, { code, skip: true });

    expect(response.body.errors).toBeUndefined();
    expect(statements.registry).toBe(1);
    const subject = (response.body.data as { subject: { one: { nodes: Array<{ id: string }> }; all: Omit<Connection, 'nodes'> & { nodes: Array<{ id: string }> }; serious: Connection } }).subject;
    expect(subject).not.toHaveProperty('skipped');
    expect(subject.all.nodes).toHaveLength(subject.all.totalCount);
    expect(subject.one.nodes).toEqual(subject.all.nodes.slice(0, 1).map(({ id }) => ({ id })));
  });

  it('still refuses a cursor it did not issue, with the error its field gives', async () => {
    const query = `query Bad($code: ID!) { subject(code: $code) { name abnormalOperationListings(after: "bm90IGEgY3Vyc29y") { ${LISTING} } } }`;

    const { response } = await withStatements(query, await listedSubject());

    expect(response.body.errors).toEqual([expect.objectContaining({ path: ['subject', 'abnormalOperationListings'], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    expect((response.body.data as { subject: { name: string; abnormalOperationListings: null } }).subject).toEqual({ name: expect.any(String), abnormalOperationListings: null });
  });
});

it("reads finance's credit summary in the same statement as the credit accounts", async () => {
  const code = (
    await graph.stores.finance.db.raw<{ rows: Array<{ code: string }> }>('select subject_code as code from credit_accounts group by 1 order by count(*) desc, 1 limit 1')
  ).rows[0]!.code;
  const query = `query Credit($code: ID!) { subject(code: $code) { finance {
    summary { accountCount openAccountCount totalBalance overdueAccountCount worstClassification }
    creditAccounts(first: 2) { totalCount nodes { id } }
  } } }`;

  const { response, statements } = await withStatements(query, code, await callerHeaders(REGULATOR, 'SUPERVISION'));

  expect(response.body.errors).toBeUndefined();
  expect(statements.finance).toBe(1);
  const finance = (response.body.data as { subject: { finance: { summary: { accountCount: number }; creditAccounts: Connection } } }).subject.finance;
  expect(finance.summary.accountCount).toBeGreaterThan(0);
  expect(finance.creditAccounts.nodes).toHaveLength(Math.min(2, finance.creditAccounts.totalCount));
});
