import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { subjectAt } from '../shared/generator/subjects';
import { SUBGRAPH_MODULES } from '../subgraphs';
import { startSubgraphs, startGateway, urlOverrides, post, callerHeaders, REGULATOR, TAX_BUREAU, type RunningGraph } from './support/graph';
import { countStatements, TEST_DATASET } from './support/stores';
import type { TokenClaims } from '../shared/auth/tokens';
import { DEVELOPMENT_TOKEN_SECRET } from '../shared/config';

/** Field authorization at the gateway, before planning, as each kind of caller meets it. */

let graph: RunningGraph;
let gateway: { app: FastifyInstance; url: string };
const group = subjectAt(TEST_DATASET.seed, 0);
const CODE = { code: group.code };

const BANK: TokenClaims = {
  kind: 'CREDIT_SERVICE',
  org: '91310000MA1FL0BANK',
  staff: 'loan-officer-3',
  grants: ['finance:RESTRICTED', 'registry:SHARED'],
  purposes: ['LOAN_APPROVAL'],
};


beforeAll(async () => {
  graph = await startSubgraphs();
  gateway = await startGateway(urlOverrides(graph.subgraphUrls));
});

afterAll(async () => {
  await gateway.app.close();
  await graph.close();
});

const unauthorized = (path: Array<string | number>, category: string, level: string, reason: string) => ({
  message: 'Unauthorized field or type',
  path,
  extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', category, level, reason },
});
const NO_GRANT = (level: string, category: string) => `requires ${level} access to ${category}; the caller holds no grant for it`;

describe('authorization: the public', () => {
  it('sees public fields; a restricted field is null at its path with an error naming what it needs', async () => {
    const response = await post(gateway.url, `query($code: ID!) { subject(code: $code) { name finance { courtJudgments { totalCount } guarantees { totalCount } } } }`, CODE);
    expect(response).toEqual({
      status: 200,
      body: {
        data: { subject: { name: group.name, finance: { courtJudgments: { totalCount: 2 }, guarantees: null } } },
        errors: [unauthorized(['subject', 'finance', 'guarantees'], 'finance.credit', 'RESTRICTED', NO_GRANT('RESTRICTED', 'finance.credit'))],
      },
    });
  });

  it('never asks a subgraph for a removed field', async () => {
    const { statements } = await countStatements(graph.stores.finance, () =>
      post(gateway.url, `query($code: ID!) { subject(code: $code) { name finance { creditAccounts { nodes { balance } } } } }`, CODE),
    );
    expect(statements).toEqual([]);
  });

  it('answers data: null when nothing of the operation is left', async () => {
    const response = await post(gateway.url, `query($code: ID!) { subject(code: $code) { taxation { registrations { totalCount } } } }`, CODE);
    expect(response.body).toEqual({
      data: null,
      errors: [unauthorized(['subject', 'taxation', 'registrations'], 'tax.registration', 'SHARED', NO_GRANT('SHARED', 'tax.registration'))],
    });
  });

  it('reports each alias and each use of a fragment at its own path', async () => {
    const response = await post(
      gateway.url,
      `query($code: ID!) {
        a: subject(code: $code) { name fin: finance { ...Credit } }
        b: subject(code: $code) { finance { ...Credit courtJudgments { totalCount } } }
      }
      fragment Credit on FinanceProfile { guarantees { totalCount } }`,
      CODE,
    );
    const reason = NO_GRANT('RESTRICTED', 'finance.credit');
    expect(response.body).toEqual({
      data: { a: { name: group.name, fin: null }, b: { finance: { courtJudgments: { totalCount: 2 }, guarantees: null } } },
      errors: [
        unauthorized(['a', 'fin', 'guarantees'], 'finance.credit', 'RESTRICTED', reason),
        unauthorized(['b', 'finance', 'guarantees'], 'finance.credit', 'RESTRICTED', reason),
      ],
    });
  });

  it('requires, for a fragment on an interface inside a concrete list, only the concrete type\'s classification', async () => {
    const response = await post(
      gateway.url,
      `query($code: ID!) { subject(code: $code) { name finance { courtJudgments { totalCount nodes { court ... on CreditRecord { decisionDate documentNumber } } } } } }`,
      CODE,
    );
    const judgments = [...SUBGRAPH_MODULES.finance.dataset.rowsFor(group, TEST_DATASET.seed).court_judgments!]
      .sort((x, y) => String(y.decision_date).localeCompare(String(x.decision_date)))
      .map((r) => ({ court: r.court, decisionDate: String(r.decision_date), documentNumber: r.document_number ?? null }));
    // Before, every implementation of CreditRecord was required, SPECIAL assets included, and the list was nulled.
    expect(response.body).toEqual({
      data: { subject: { name: group.name, finance: { courtJudgments: { totalCount: judgments.length, nodes: judgments } } } },
    });
  });

  it('neither asks for nor reports a field that @skip or @include leaves out', async () => {
    const query = `query($code: ID!, $credit: Boolean!) { subject(code: $code) { name finance { guarantees @include(if: $credit) { totalCount } courtJudgments { totalCount } } } }`;
    expect((await post(gateway.url, query, { ...CODE, credit: false })).body).toEqual({
      data: { subject: { name: group.name, finance: { courtJudgments: { totalCount: 2 } } } },
    });
    expect((await post(gateway.url, query, { ...CODE, credit: true })).body.errors).toEqual([
      unauthorized(['subject', 'finance', 'guarantees'], 'finance.credit', 'RESTRICTED', NO_GRANT('RESTRICTED', 'finance.credit')),
    ]);
  });

  it('allows __typename and introspection beside data', async () => {
    const response = await post(gateway.url, `query($code: ID!) { __typename __type(name: "Subject") { name } subject(code: $code) { __typename finance { __typename guarantees { totalCount } } } }`, CODE);
    expect(response.body).toEqual({
      data: { __typename: 'Query', __type: { name: 'Subject' }, subject: { __typename: 'Subject', finance: { __typename: 'FinanceProfile', guarantees: null } } },
      errors: [unauthorized(['subject', 'finance', 'guarantees'], 'finance.credit', 'RESTRICTED', NO_GRANT('RESTRICTED', 'finance.credit'))],
    });
  });

  it('does not reveal classifications through introspection', async () => {
    const response = await post(gateway.url, `{ __schema { directives { name } } }`);
    const names = (response.body.data as { __schema: { directives: Array<{ name: string }> } }).__schema.directives.map((d) => d.name);
    expect(names).not.toContain('classify');
  });
});

describe('authorization: callers with grants', () => {
  it('gives a tax bureau the shared tax records its grant covers, and no credit records', async () => {
    const headers = await callerHeaders(TAX_BUREAU, 'ADMINISTRATIVE_APPROVAL');
    const response = await post(
      gateway.url,
      `query($code: ID!) { subject(code: $code) { finance { summary { accountCount } } taxation { registrations { totalCount } creditRatings(first: 1) { nodes { grade } } } } }`,
      CODE,
      headers,
    );
    expect(response.body).toEqual({
      data: { subject: { finance: null, taxation: { registrations: { totalCount: 1 }, creditRatings: { nodes: [{ grade: 'D' }] } } } },
      errors: [unauthorized(['subject', 'finance', 'summary'], 'finance.credit', 'RESTRICTED', NO_GRANT('RESTRICTED', 'finance.credit'))],
    });
  });

  it('withholds restricted credit records from a bank the subject has not authorized, in the subgraph that holds them', async () => {
    const headers = await callerHeaders(BANK, 'LOAN_APPROVAL');
    const response = await post(gateway.url, `query($code: ID!) { subject(code: $code) { name finance { summary { accountCount } } } }`, CODE, headers);
    expect(response.body).toEqual({
      data: { subject: { name: group.name, finance: { summary: null } } },
      errors: [
        {
          ...unauthorized(
            ['subject', 'finance', 'summary'],
            'finance.credit',
            'RESTRICTED',
            "requires the subject's authorization for finance.credit (purpose LOAN_APPROVAL), and none is in force",
          ),
          extensions: expect.objectContaining({ serviceName: 'finance' }),
        },
      ],
    });
    expect(response.body.errors?.[0]?.extensions).toEqual({
      code: 'UNAUTHORIZED_FIELD_OR_TYPE',
      category: 'finance.credit',
      level: 'RESTRICTED',
      reason: "requires the subject's authorization for finance.credit (purpose LOAN_APPROVAL), and none is in force",
      serviceName: 'finance',
    });
  });

  it('serves restricted credit records to a regulator with a statutory power', async () => {
    const headers = await callerHeaders(REGULATOR, 'SUPERVISION');
    const response = await post(gateway.url, `query($code: ID!) { subject(code: $code) { finance { summary { accountCount } } } }`, CODE, headers);
    expect(response.body).toEqual({ data: { subject: { finance: { summary: { accountCount: 4 } } } } });
  });

  it('never shares a filtered plan between callers with different rights', async () => {
    const query = `query Same($code: ID!) { subject(code: $code) { finance { guarantees { totalCount } courtJudgments { totalCount } } } }`;
    const regulator = await callerHeaders(REGULATOR, 'SUPERVISION');
    const before = await post(gateway.url, query, CODE);
    const privileged = await post(gateway.url, query, CODE, regulator);
    const after = await post(gateway.url, query, CODE);
    expect(privileged.body).toEqual({ data: { subject: { finance: { guarantees: { totalCount: 2 }, courtJudgments: { totalCount: 2 } } } } });
    expect(after.body).toEqual(before.body);
    expect(before.body.errors).toHaveLength(1);
  });

  it('asks a caller for its purpose before it sees more than public information', async () => {
    const withoutPurpose = await post(gateway.url, `query($code: ID!) { subject(code: $code) { taxation { registrations { totalCount } } } }`, CODE, await callerHeaders(TAX_BUREAU));
    expect(withoutPurpose).toEqual({
      status: 400,
      body: { errors: [{ message: 'State the purpose of this inquiry in the x-inquiry-purpose header', extensions: { code: 'PURPOSE_REQUIRED' } }] },
    });
    const wrongPurpose = await post(gateway.url, `query($code: ID!) { subject(code: $code) { taxation { registrations { totalCount } } } }`, CODE, await callerHeaders(TAX_BUREAU, 'LOAN_APPROVAL'));
    expect(wrongPurpose).toEqual({
      status: 403,
      body: { errors: [{ message: 'Purpose "LOAN_APPROVAL" is not allowed for this caller; allowed: ADMINISTRATIVE_APPROVAL, SUPERVISION', extensions: { code: 'PURPOSE_NOT_ALLOWED' } }] },
    });
    const publicOnly = await post(gateway.url, `query($code: ID!) { subject(code: $code) { name } }`, CODE, await callerHeaders(BANK));
    expect(publicOnly.body).toEqual({ data: { subject: { name: group.name } } });
  });
});

describe('authorization: credentials', () => {
  const query = `query($code: ID!) { subject(code: $code) { name } }`;
  const refused = (message: string) => ({ status: 401, body: { errors: [{ message: `Authentication failed: ${message}`, extensions: { code: 'UNAUTHENTICATED' } }] } });

  it('refuses an expired token', async () => {
    expect(await post(gateway.url, query, CODE, await callerHeaders(BANK, 'LOAN_APPROVAL', -10))).toEqual(refused('the token has expired'));
  });

  it('refuses a token signed with another key', async () => {
    const forged = await new SignJWT({ ...BANK, grants: ['*:SPECIAL'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('credit-graph')
      .setAudience('credit-graph')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('an-attacker-secret-that-is-long-enough!!'));
    expect(await post(gateway.url, query, CODE, { authorization: `Bearer ${forged}` })).toEqual(refused('the token signature is not valid'));
  });

  it('takes the Bearer scheme in any case, as HTTP says schemes are', async () => {
    const { authorization } = await callerHeaders(BANK, 'LOAN_APPROVAL');
    const token = (authorization as string).slice('Bearer '.length);
    for (const scheme of ['bearer', 'BEARER']) {
      const answer = await post(gateway.url, query, CODE, { authorization: `${scheme} ${token}`, 'x-inquiry-purpose': 'LOAN_APPROVAL' });
      expect(answer).toEqual(await post(gateway.url, query, CODE, { authorization: `Bearer ${token}`, 'x-inquiry-purpose': 'LOAN_APPROVAL' }));
      expect(answer.status).toBe(200);
    }
  });

  it('refuses an unsigned token and a malformed header', async () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...BANK, exp: 9_999_999_999 })).toString('base64url')}.`;
    expect((await post(gateway.url, query, CODE, { authorization: `Bearer ${unsigned}` })).status).toBe(401);
    expect(await post(gateway.url, query, CODE, { authorization: 'Basic YWRtaW46YWRtaW4=' })).toEqual(
      refused('the Authorization header must be "Bearer <token>" with a signed JWT'),
    );
  });

  it('refuses a token whose grants it does not understand', async () => {
    const odd = await new SignJWT({ ...BANK, grants: ['finance:TOP_SECRET'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setIssuer('credit-graph')
      .setAudience('credit-graph')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(DEVELOPMENT_TOKEN_SECRET));
    expect(await post(gateway.url, query, CODE, { authorization: `Bearer ${odd}` })).toEqual(
      refused('grant "finance:TOP_SECRET" is not category:LEVEL (LEVEL one of PUBLIC, SHARED, RESTRICTED, SPECIAL)'),
    );
  });
});

describe('authorization modes', () => {
  it('rejects the whole operation in reject mode', async () => {
    const strict = await startGateway({ ...urlOverrides(graph.subgraphUrls), CG_AUTHZ_MODE: 'reject' });
    try {
      const response = await post(strict.url, `query($code: ID!) { subject(code: $code) { name finance { guarantees { totalCount } } } }`, CODE);
      expect(response.body).toEqual({
        data: null,
        errors: [unauthorized(['subject', 'finance', 'guarantees'], 'finance.credit', 'RESTRICTED', NO_GRANT('RESTRICTED', 'finance.credit'))],
      });
    } finally {
      await strict.app.close();
    }
  });

  it('removes nothing at the gateway in dry-run mode, and the subgraph still refuses what the caller may not see', async () => {
    const dry = await startGateway({ ...urlOverrides(graph.subgraphUrls), CG_AUTHZ_MODE: 'dry-run' });
    try {
      const { result: response, statements } = await countStatements(graph.stores.finance, () =>
        post(dry.url, `query($code: ID!) { subject(code: $code) { finance { guarantees { totalCount } } } }`, CODE),
      );
      expect(response.body).toEqual({
        data: { subject: { finance: { guarantees: null } } },
        errors: [
          {
            ...unauthorized(['subject', 'finance', 'guarantees'], 'finance.credit', 'RESTRICTED', NO_GRANT('RESTRICTED', 'finance.credit')),
            extensions: { ...unauthorized([], 'finance.credit', 'RESTRICTED', NO_GRANT('RESTRICTED', 'finance.credit')).extensions, serviceName: 'finance' },
          },
        ],
      });
      expect(statements).toEqual([]);
    } finally {
      await dry.app.close();
    }
  });
});

describe('authorization: records public only while the law publishes them', () => {
  const rowsOf = (name: keyof typeof SUBGRAPH_MODULES, index: number) =>
    SUBGRAPH_MODULES[name].dataset.rowsFor(subjectAt(TEST_DATASET.seed, index), TEST_DATASET.seed);
  const today = new Date().toISOString().slice(0, 10);
  const subjects = Array.from({ length: TEST_DATASET.subjects }, (_, i) => i);

  it('shows the public only A-grade tax ratings, and a latest grade only when it is A; a tax bureau every grade', async () => {
    // A subject once rated A whose latest grade is worse: the public must not be told "A".
    const index = subjects.find((i) => {
      const ratings = [...(rowsOf('taxation', i).tax_credit_ratings ?? [])].sort((a, b) => Number(b.year) - Number(a.year));
      return ratings.some((r) => r.grade === 'A') && ratings[0]!.grade !== 'A';
    })!;
    const ratings = rowsOf('taxation', index).tax_credit_ratings!;
    const query = `query($code: ID!) { subject(code: $code) { taxation { latestGrade creditRatings(first: 10) { totalCount nodes { year grade } } } } }`;
    const variables = { code: subjectAt(TEST_DATASET.seed, index).code };
    const publicView = await post(gateway.url, query, variables);
    const aGrades = ratings.filter((r) => r.grade === 'A').sort((a, b) => Number(b.year) - Number(a.year));
    expect(publicView.body).toEqual({
      data: {
        subject: {
          taxation: {
            latestGrade: null,
            creditRatings: { totalCount: aGrades.length, nodes: aGrades.map((r) => ({ year: r.year, grade: 'A' })) },
          },
        },
      },
    });
    const bureauView = await post(gateway.url, query, variables, await callerHeaders(TAX_BUREAU, 'ADMINISTRATIVE_APPROVAL'));
    const all = [...ratings].sort((a, b) => Number(b.year) - Number(a.year));
    expect(bureauView.body).toEqual({
      data: {
        subject: {
          taxation: {
            latestGrade: all[0]!.grade,
            creditRatings: { totalCount: all.length, nodes: all.map((r) => ({ year: r.year, grade: r.grade })) },
          },
        },
      },
    });
  });

  it('lists a dishonest debtor publicly until the obligation is performed', async () => {
    const listed = subjects.filter((i) => (rowsOf('finance', i).dishonest_debtor_listings ?? []).length > 0);
    expect(listed.length).toBeGreaterThan(0);
    for (const index of listed) {
      const rows = rowsOf('finance', index).dishonest_debtor_listings!;
      const publicRows = rows.filter((r) => r.performance !== 'PERFORMED' && (r.publicity_ends_on === null || String(r.publicity_ends_on) >= today));
      const response = await post(gateway.url, `query($code: ID!) { subject(code: $code) { finance { dishonestDebtorListings { totalCount nodes { caseNumber } } } } }`, {
        code: subjectAt(TEST_DATASET.seed, index).code,
      });
      expect(response.body).toEqual({
        data: { subject: { finance: { dishonestDebtorListings: { totalCount: publicRows.length, nodes: publicRows.map((r) => ({ caseNumber: r.case_number })) } } } },
      });
    }
  });

  it('keeps severity C bad-behaviour records from the public, and counts only what it shows', async () => {
    const index = subjects.find((i) => (rowsOf('construction', i).bad_behaviour_records ?? []).some((r) => r.severity === 'C'))!;
    const rows = rowsOf('construction', index).bad_behaviour_records!;
    const response = await post(gateway.url, `query($code: ID!) { subject(code: $code) { construction { badBehaviourRecords { totalCount nodes { severity } } } } }`, {
      code: subjectAt(TEST_DATASET.seed, index).code,
    });
    const visible = rows.filter((r) => r.severity !== 'C' && (r.publicity_ends_on === null || String(r.publicity_ends_on) >= today));
    expect(response.body).toEqual({
      data: { subject: { construction: { badBehaviourRecords: { totalCount: visible.length, nodes: visible.map((r) => ({ severity: r.severity })) } } } },
    });
  });
});
