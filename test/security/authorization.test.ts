import type { FastifyInstance } from 'fastify';
import { subjectAt } from '../../shared/generator/subjects';
import { residentIdCheckCharacter, usccCheckCharacter } from '../../shared/identifiers';
import type { TokenClaims } from '../../shared/auth/tokens';
import { startSubgraphs, startGateway, urlOverrides, post, callerHeaders, DEMO_BANK_CALLER, REGULATOR, TAX_BUREAU, type RunningGraph, testFetch } from '../support/graph';
import { TEST_DATASET } from '../support/stores';
import { DEMO_BANK } from '../../subgraphs/access/dataset';
import { SUBGRAPH_MODULES } from '../../subgraphs';

/**
 * Hostile callers against the authorization of the graph, through the gateway: each class of the
 * ways through that were found, and each of its variants. Every test asserts the whole response.
 * - The operation authorized is the operation that runs: variable defaults, @skip/@include in every
 *   position, operation selection.
 * - A purpose is checked against the token before anything is signed, decided or recorded.
 * - Natural persons are never identified to a caller who may not see them: a person's code answers
 *   exactly as an unknown code does.
 * - Neither over- nor under-denial where categories and interfaces nest.
 */

let graph: RunningGraph;
let gateway: { app: FastifyInstance; url: string };

const group = subjectAt(TEST_DATASET.seed, 0);
const physician = subjectAt(TEST_DATASET.seed, 3);
const persons = Array.from({ length: TEST_DATASET.subjects }, (_, i) => subjectAt(TEST_DATASET.seed, i)).filter((s) => s.kind === 'NATURAL_PERSON');
/** A well-formed resident identity number that names no one in the registry. */
const NOBODY = `11010519491231004${residentIdCheckCharacter('11010519491231004')}`;

const BANK = DEMO_BANK_CALLER;
/** A lender that may read credit records but holds no grant on the identity of persons. */
const LENDER: TokenClaims = {
  kind: 'CREDIT_SERVICE',
  org: `91440300MA5F0LEND${usccCheckCharacter('91440300MA5F0LEND')}`,
  grants: ['finance:RESTRICTED'],
  purposes: ['LOAN_APPROVAL'],
};
const itself = (code: string): TokenClaims => ({ kind: 'SUBJECT', org: code, subject: code, grants: [], purposes: ['SELF_QUERY'] });

const unauthorized = (path: Array<string | number>, category: string, level: string, reason: string) => ({
  message: 'Unauthorized field or type',
  path,
  extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', category, level, reason },
});
const NO_GRANT = (level: string, category: string) => `requires ${level} access to ${category}; the caller holds no grant for it`;
const inquiryRecords = async () => Number((await graph.stores.access.db('inquiry_records').count<{ n: string }[]>({ n: '*' }))[0]!.n);

beforeAll(async () => {
  graph = await startSubgraphs();
  gateway = await startGateway(urlOverrides(graph.subgraphUrls));
});

afterAll(async () => {
  await gateway?.app.close();
  await graph?.close();
});

describe('the operation authorized is the operation that runs', () => {
  const registrationsRemoved = {
    status: 200,
    body: { data: null, errors: [unauthorized(['subject', 'taxation', 'registrations'], 'tax.registration', 'SHARED', NO_GRANT('SHARED', 'tax.registration'))] },
  };

  it.each([
    ['@include with a variable defaulting to true, left out', 'query($code: ID!, $i: Boolean = true) { subject(code: $code) { taxation { registrations @include(if: $i) { totalCount } } } }'],
    ['@skip with a variable defaulting to false, left out', 'query($code: ID!, $s: Boolean = false) { subject(code: $code) { taxation { registrations @skip(if: $s) { totalCount } } } }'],
    ['@include on a fragment spread', 'query($code: ID!, $i: Boolean = true) { subject(code: $code) { taxation { ...R @include(if: $i) } } } fragment R on TaxationProfile { registrations { totalCount } }'],
    ['@include on an inline fragment', 'query($code: ID!, $i: Boolean = true) { subject(code: $code) { taxation { ... @include(if: $i) { registrations { totalCount } } } } }'],
    ['@skip defaulting to false inside a fragment', 'query($code: ID!, $s: Boolean = false) { subject(code: $code) { ...S } } fragment S on Subject { taxation { registrations @skip(if: $s) { totalCount } } }'],
  ])('decides %s by the coerced value, as the executor will', async (_label, query) => {
    expect(await post(gateway.url, query, { code: group.code })).toEqual(registrationsRemoved);
  });

  it('decides the operation that operationName selects, not another of the document', async () => {
    const document = `query A($code: ID!) { subject(code: $code) { name } } query B($code: ID!, $i: Boolean = true) { subject(code: $code) { taxation { registrations @include(if: $i) { totalCount } } } }`;
    const response = await testFetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document, operationName: 'B', variables: { code: group.code } }),
    });
    expect({ status: response.status, body: await response.json() }).toEqual(registrationsRemoved);
  });

  it.each([
    ['an operation name the document does not contain', { operationName: 'Nope' }, 'The document has no operation named "Nope"'],
    ['no operation name for a document with several', {}, 'The document has several operations: name the one to run in `operationName`'],
    ['an empty operation name', { operationName: '' }, 'The document has no operation named ""'],
    ['a very long unknown operation name, echoing only its prefix', { operationName: 'X'.repeat(5000) }, `The document has no operation named "${'X'.repeat(24)}…"`],
  ])('refuses %s with 400 and a code', async (_label, extra, message) => {
    const response = await testFetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query A { __typename } query B { __typename }', ...extra }),
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 400,
      body: { errors: [{ message, extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] },
    });
  });

  it('refuses variables that do not coerce, echoing only a short prefix of them', async () => {
    const query = 'query($code: ID!, $i: Boolean!) { subject(code: $code) { name @include(if: $i) } }';
    expect(await post(gateway.url, query, { code: group.code, i: 'yes'.repeat(1000) })).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: `Variable "$i" got an invalid value; Boolean cannot represent a non boolean value: "${'yes'.repeat(8)}…"`,
            locations: [{ line: 1, column: 19 }],
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ],
      },
    });
  });

  it('refuses a condition variable with a default sent explicitly as null, before any subgraph is asked', async () => {
    const query = 'query($code: ID!, $i: Boolean = true) { subject(code: $code) { finance { courtJudgments @include(if: $i) { totalCount } } } }';
    expect(await post(gateway.url, query, { code: group.code, i: null })).toEqual({
      status: 400,
      body: { errors: [{ message: 'Variable "$i" is null, but @include(if:) takes a Boolean', extensions: { code: 'BAD_USER_INPUT' } }] },
    });
  });

  it('serves a denied field under an allowed purpose to no one: the purpose check sees the defaulted field', async () => {
    const query = 'query($code: ID!, $i: Boolean = true) { subject(code: $code) { finance { summary @include(if: $i) { accountCount } } } }';
    const before = await inquiryRecords();
    expect(await post(gateway.url, query, { code: group.code }, await callerHeaders(BANK))).toEqual({
      status: 400,
      body: { errors: [{ message: 'State the purpose of this inquiry in the x-inquiry-purpose header', extensions: { code: 'PURPOSE_REQUIRED' } }] },
    });
    expect(await inquiryRecords()).toBe(before);
  });
});

describe('a purpose is checked against the token before anything is signed or recorded', () => {
  const query = 'query($code: ID!, $i: Boolean = true) { subject(code: $code) { taxation { registrations @include(if: $i) { totalCount } } } }';
  const notAllowed = (message: string) => ({ status: 403, body: { errors: [{ message, extensions: { code: 'PURPOSE_NOT_ALLOWED' } }] } });

  it.each([
    ['a purpose its token does not hold', 'JUDICIAL', 'Purpose "JUDICIAL" is not allowed for this caller; allowed: ADMINISTRATIVE_APPROVAL, SUPERVISION'],
    ['a purpose in lower case', 'supervision', '"supervision" is not a purpose of inquiry; known: LOAN_APPROVAL, POST_LOAN_MANAGEMENT, GUARANTEE_REVIEW, CREDIT_CARD_APPROVAL, ADMINISTRATIVE_APPROVAL, SUPERVISION, JUDICIAL, CREDIT_RATING, SELF_QUERY'],
    ['two purposes in one header', 'SUPERVISION, JUDICIAL', '"SUPERVISION, JUDICIAL" is not a purpose of inquiry; known: LOAN_APPROVAL, POST_LOAN_MANAGEMENT, GUARANTEE_REVIEW, CREDIT_CARD_APPROVAL, ADMINISTRATIVE_APPROVAL, SUPERVISION, JUDICIAL, CREDIT_RATING, SELF_QUERY'],
    ['a very long purpose, echoed only by its prefix', 'J'.repeat(4000), `"${'J'.repeat(24)}…" is not a purpose of inquiry; known: LOAN_APPROVAL, POST_LOAN_MANAGEMENT, GUARANTEE_REVIEW, CREDIT_CARD_APPROVAL, ADMINISTRATIVE_APPROVAL, SUPERVISION, JUDICIAL, CREDIT_RATING, SELF_QUERY`],
  ])('refuses %s, whatever the operation asks for, and records nothing', async (_label, purpose, message) => {
    const before = await inquiryRecords();
    const headers = { ...(await callerHeaders(TAX_BUREAU)), 'x-inquiry-purpose': purpose };
    expect(await post(gateway.url, query, { code: group.code }, headers)).toEqual(notAllowed(message));
    expect(await post(gateway.url, 'query($code: ID!) { subject(code: $code) { name } }', { code: group.code }, headers)).toEqual(notAllowed(message));
    expect(await inquiryRecords()).toBe(before);
  });

  it('refuses the public any purpose: it holds none', async () => {
    expect(await post(gateway.url, query, { code: group.code }, { 'x-inquiry-purpose': 'JUDICIAL' })).toEqual(
      notAllowed('Purpose "JUDICIAL" is not allowed for this caller; allowed: none'),
    );
  });

  it('records exactly the allowed purpose the request stated', async () => {
    const response = await post(gateway.url, query, { code: group.code }, await callerHeaders(TAX_BUREAU, 'SUPERVISION'));
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const latest = await graph.stores.access.db('inquiry_records').orderBy('id', 'desc').first();
    expect({ organization: latest.organization, purpose: latest.purpose, fields: latest.fields }).toEqual({
      organization: TAX_BUREAU.org,
      purpose: 'SUPERVISION',
      fields: ['TaxationProfile.registrations'],
    });
  });
});

describe('natural persons are never identified to a caller who may not see them', () => {
  const PROFILE = `query($code: ID!) { subject(code: $code) { code name kind codeType region { name } healthcare { physicianRegistrations { totalCount nodes { institutionName } } } taxation { creditRatings { totalCount } } } }`;
  const unknown = { status: 200, body: { data: { subject: null } } };

  it('answers a person\'s code to the public exactly as an unknown code', async () => {
    expect(persons.length).toBeGreaterThan(1);
    const nobody = await post(gateway.url, PROFILE, { code: NOBODY });
    expect(nobody).toEqual(unknown);
    for (const person of persons) expect(await post(gateway.url, PROFILE, { code: person.code })).toEqual(unknown);
  });

  it('answers a batch of guessed numbers with nulls only, persons and unknown alike', async () => {
    const codes = [...persons.map((p) => p.code), NOBODY, group.code];
    const response = await post(gateway.url, 'query($codes: [ID!]!) { subjects(codes: $codes) { code name healthcare { physicianRegistrations { totalCount } } } }', { codes });
    expect(response).toEqual({
      status: 200,
      body: { data: { subjects: [...persons.map(() => null), null, { code: group.code, name: group.name, healthcare: { physicianRegistrations: { totalCount: 0 } } }] } },
    });
  });

  it('hides persons across aliases as well', async () => {
    const response = await post(gateway.url, 'query($a: ID!, $b: ID!) { a: subject(code: $a) { name } b: subject(code: $b) { kind } }', { a: physician.code, b: NOBODY });
    expect(response).toEqual({ status: 200, body: { data: { a: null, b: null } } });
  });

  it('hides a person from a caller without a grant on persons\' identity, whatever else it holds', async () => {
    expect(await post(gateway.url, PROFILE, { code: physician.code }, await callerHeaders(LENDER, 'LOAN_APPROVAL'))).toEqual(unknown);
  });

  it('hides a person from a caller with such a grant who states no purpose', async () => {
    expect(await post(gateway.url, 'query($code: ID!) { subject(code: $code) { name } }', { code: physician.code }, await callerHeaders(TAX_BUREAU))).toEqual(unknown);
  });

  it('shows a person to a department whose grant covers persons\' identity, under an allowed purpose, and records it', async () => {
    const before = await inquiryRecords();
    const response = await post(gateway.url, 'query($code: ID!) { subject(code: $code) { code name kind } }', { code: physician.code }, await callerHeaders(TAX_BUREAU, 'SUPERVISION'));
    expect(response).toEqual({ status: 200, body: { data: { subject: { code: physician.code, name: physician.name, kind: 'NATURAL_PERSON' } } } });
    expect(await inquiryRecords()).toBe(before + 1);
    const latest = await graph.stores.access.db('inquiry_records').orderBy('id', 'desc').first();
    expect({ subjects: latest.subject_codes, categories: latest.categories, fields: latest.fields, purpose: latest.purpose }).toEqual({
      subjects: [physician.code],
      categories: ['registry.identity'],
      fields: ['Subject.code', 'Subject.kind', 'Subject.name'],
      purpose: 'SUPERVISION',
    });
  });

  it('shows the person to itself', async () => {
    const response = await post(gateway.url, 'query($code: ID!) { subject(code: $code) { code name } }', { code: physician.code }, await callerHeaders(itself(physician.code), 'SELF_QUERY'));
    expect(response).toEqual({ status: 200, body: { data: { subject: { code: physician.code, name: physician.name } } } });
  });

  it("withholds a person's records that would be public for an organization from a caller without a grant for them", async () => {
    const response = await post(
      gateway.url,
      'query($code: ID!) { subject(code: $code) { name healthcare { physicianRegistrations { totalCount nodes { institutionName } } } } }',
      { code: physician.code },
      await callerHeaders(TAX_BUREAU, 'SUPERVISION'),
    );
    expect(response).toEqual({
      status: 200,
      body: {
        data: { subject: { name: physician.name, healthcare: { physicianRegistrations: null } } },
        errors: [
          {
            message: 'Unauthorized field or type',
            path: ['subject', 'healthcare', 'physicianRegistrations'],
            extensions: {
              code: 'UNAUTHORIZED_FIELD_OR_TYPE',
              category: 'health.practitioner',
              // PUBLIC for an organization's records; a person's are personal data.
              level: 'SHARED',
              reason: NO_GRANT('SHARED', 'health.practitioner'),
              serviceName: 'healthcare',
            },
          },
        ],
      },
    });
  });
});

describe('neither over- nor under-denial where categories and types nest', () => {
  const APPLY = `mutation($input: SpecialApplicationInput!) { applyForSpecialAccess(input: $input) { id status } }`;
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

  it.each([['health'], ['health.clinical']])('refuses a credit service body an application for %s, which reaches clinical data', async (category) => {
    const response = await post(
      gateway.url,
      APPLY,
      { input: { subject: physician.code, purpose: 'LOAN_APPROVAL', categories: [category], reason: 'Underwriting a medical loan for the applicant', validUntil: inDays(10) } },
      await callerHeaders(BANK, 'LOAN_APPROVAL'),
    );
    expect(response).toEqual({
      status: 200,
      body: {
        data: null,
        errors: [
          {
            message: `${category} is never disclosed to credit service bodies, whatever the application`,
            path: ['applyForSpecialAccess'],
            extensions: { code: 'FORBIDDEN', serviceName: 'access' },
          },
        ],
      },
    });
    expect(await graph.stores.access.db('special_applications').where({ organization: DEMO_BANK, subject_code: physician.code })).toEqual([]);
  });

  it("serves a bank a list it may see through a fragment on the records' interface", async () => {
    const response = await post(
      gateway.url,
      'query($code: ID!) { subject(code: $code) { finance { courtJudgments { totalCount nodes { ... on CreditRecord { decisionDate } } } } } }',
      { code: group.code },
      await callerHeaders(BANK, 'LOAN_APPROVAL'),
    );
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const judgments = (response.body.data as { subject: { finance: { courtJudgments: { totalCount: number; nodes: unknown[] } } } }).subject.finance.courtJudgments;
    expect(judgments.nodes).toHaveLength(judgments.totalCount);
  });
});

describe('ids and cursors reveal no record a caller may not see', () => {
  const RATINGS = 'query($code: ID!, $after: String) { subject(code: $code) { taxation { creditRatings(first: 1, after: $after) { totalCount edges { cursor node { id year grade } } } } } }';
  type Page = { subject: { taxation: { creditRatings: { totalCount: number; edges: Array<{ cursor: string; node: { id: string; year: number; grade: string } }> } } } };

  it('shows the public the A grades under ids and cursors that say nothing of the rows between them', async () => {
    // A subject with public A grades and hidden worse ones (consecutive rows in one table).
    const index = Array.from({ length: TEST_DATASET.subjects }, (_, i) => i).find((i) => {
      const grades = (SUBGRAPH_MODULES.taxation.dataset.rowsFor(subjectAt(TEST_DATASET.seed, i), TEST_DATASET.seed).tax_credit_ratings ?? []).map((r) => r.grade);
      return grades.filter((g) => g === 'A').length >= 2 && grades.some((g) => g !== 'A');
    })!;
    const code = subjectAt(TEST_DATASET.seed, index).code;
    const seen: Array<{ cursor: string; id: string; year: number }> = [];
    let after: string | null = null;
    for (;;) {
      const response = await post(gateway.url, RATINGS, { code, after });
      expect(response.body.errors).toBeUndefined();
      const page = (response.body.data as Page).subject.taxation.creditRatings;
      if (page.edges.length === 0) break;
      const edge = page.edges[0]!;
      expect(edge.node.grade).toBe('A');
      seen.push({ cursor: edge.cursor, id: edge.node.id, year: edge.node.year });
      after = edge.cursor;
    }
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const { cursor, id } of seen) {
      // `TaxCreditRating:<22 opaque characters>`, and a cursor of [date, the same opaque token]: no row number anywhere.
      expect(id).toMatch(/^TaxCreditRating:[A-Za-z0-9_-]{22}$/);
      const [date, token] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
      expect({ date: /^\d{4}-\d{2}-\d{2}$/.test(date), token }).toEqual({ date: true, token: id.split(':')[1] });
    }
  });

  it('refuses a cursor whose row part this store did not seal', async () => {
    const forged = Buffer.from(JSON.stringify(['2025-01-01', 'AAAAAAAAAAAAAAAAAAAAAA'])).toString('base64url');
    const numeric = Buffer.from(JSON.stringify(['2025-01-01', 934])).toString('base64url');
    for (const after of [forged, numeric]) {
      expect((await post(gateway.url, RATINGS, { code: group.code, after })).body).toEqual({
        data: { subject: { taxation: { creditRatings: null } } },
        errors: [
          {
            message: '`after` is not a cursor issued by this list; pass the endCursor of a previous page',
            path: ['subject', 'taxation', 'creditRatings'],
            extensions: { code: 'BAD_USER_INPUT', argumentName: 'after', serviceName: 'taxation' },
          },
        ],
      });
    }
  });
});

describe('errors repeat at most a short prefix of what the caller sent', () => {
  it('in a date-time the access subgraph refuses, which its scalar repeats without quotes', async () => {
    const since = `2024-01-01T00:00:00${'Z'.repeat(200)}`;
    const response = await post(gateway.url, `query($since: DateTime) { inquiryRecords(filter: { since: $since }, first: 1) { totalCount } }`, { since }, await callerHeaders(REGULATOR, 'SUPERVISION'));
    expect(response.status).toBe(200);
    const [error] = response.body.errors ?? [];
    expect((error?.extensions as { code?: string } | undefined)?.code).toBe('BAD_USER_INPUT');
    expect(String(error?.message)).toContain(`2024-01-01T00:00:00${'Z'.repeat(5)}…`);
    expect(String(error?.message)).not.toContain('Z'.repeat(6));
  });
});
