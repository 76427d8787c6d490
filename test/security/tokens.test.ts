import type { FastifyInstance } from 'fastify';
import { SignJWT, type JWTPayload } from 'jose';
import { DEVELOPMENT_TOKEN_SECRET, loadConfig } from '../../shared/config';
import { signToken, AuthenticationError, type TokenClaims } from '../../shared/auth/tokens';
import { startGateway, testFetch } from '../support/graph';

/**
 * Bearer tokens, per principal kind, through a gateway built in-process (no subgraph is needed: a
 * refused token stops before planning). Every refusal is 401 UNAUTHENTICATED with a clear message
 * that echoes at most a short prefix of the offending value, and no stack trace. The token command
 * signs through the same validation, so it refuses what the gateway would refuse.
 */

let gateway: { app: FastifyInstance; url: string };

beforeAll(async () => {
  gateway = await startGateway({ CG_REGISTRY_URL: 'http://127.0.0.1:9/graphql' });
});

afterAll(async () => {
  await gateway.app.close();
});

const REGULATOR = { kind: 'REGULATOR', org: '11100000000013127D', grants: ['*:RESTRICTED'], purposes: ['SUPERVISION'], statutory: true };
const BANK = { kind: 'CREDIT_SERVICE', org: '91310000132209224R', grants: ['finance:RESTRICTED'], purposes: ['LOAN_APPROVAL'] };
const TAX_AUTHORITY = { kind: 'AUTHORITY', org: '113101158AQ3U46C6U', name: '国家税务总局上海市浦东新区税务局', submits: ['tax'], grants: [], purposes: [] };
const GROUP = { kind: 'SUBJECT', org: '9111010500088WXJ4C', subject: '9111010500088WXJ4C', purposes: ['SELF_QUERY'] };
const PERSON = { kind: 'SUBJECT', org: '110108195601040003', subject: '110108195601040003', purposes: ['SELF_QUERY'] };

/** A token with exactly these claims, signed with the development key (what a careless or hostile issuer could make). */
async function craft(claims: JWTPayload, times: { iat?: number | null; exp?: number | null } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const iat = times.iat === undefined ? now : times.iat;
  const exp = times.exp === undefined ? now + 600 : times.exp;
  return new SignJWT({ ...claims, ...(iat === null ? {} : { iat }), ...(exp === null ? {} : { exp }) })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('credit-graph')
    .setAudience('credit-graph')
    .sign(new TextEncoder().encode(DEVELOPMENT_TOKEN_SECRET));
}

async function ask(token: string) {
  const response = await testFetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  return { status: response.status, body: await response.json() };
}

const refused = (message: string) => ({ status: 401, body: { errors: [{ message: `Authentication failed: ${message}`, extensions: { code: 'UNAUTHENTICATED' } }] } });
const accepted = { status: 200, body: { data: { __typename: 'Query' } } };

describe('tokens the gateway accepts', () => {
  it.each([
    ['a regulator with a statutory power', REGULATOR],
    ['a government department with a statutory power', { ...REGULATOR, kind: 'GOVERNMENT', org: '11110000000029373Q' }],
    ['a credit service body', BANK],
    ['an organization acting as itself', GROUP],
    ['a natural person acting as itself (resident ID)', PERSON],
    ['a member of staff named within bounds', { ...BANK, sub: 'loan.officer-3@bank' }],
    ['64 grants', { ...BANK, grants: Array.from({ length: 64 }, () => 'finance:SHARED') }],
    ['a source authority with its name and the categories it submits', TAX_AUTHORITY],
  ])('%s', async (_what, claims) => {
    expect(await ask(await craft(claims as JWTPayload))).toEqual(accepted);
  });
});

describe('tokens the gateway refuses', () => {
  it.each([
    ['a SUBJECT carrying grants', { ...GROUP, grants: ['finance:RESTRICTED'] }, 'a SUBJECT token carries no grants: a subject sees its own records by SELF_QUERY'],
    ['a SUBJECT with a statutory power', { ...GROUP, statutory: true }, 'a SUBJECT principal holds no statutory power; only REGULATOR and GOVERNMENT may'],
    ['a SUBJECT acting for another organization', { ...GROUP, org: '91310000132209224R' }, 'a SUBJECT acts only for itself: token claim "org" must equal claim "subject"'],
    ['a SUBJECT with a wrong check character', { ...GROUP, subject: '9111010500088WXJ4D', org: '9111010500088WXJ4D' }, 'token claim "subject" is not a valid subject code: not a valid Unified Social Credit Code: check character is \'D\' but should be \'C\''],
    ['a SUBJECT written in lower case', { ...GROUP, subject: '9111010500088wxj4c', org: '9111010500088wxj4c' }, 'token claim "subject" is not a valid subject code: write it in capitals, without spaces'],
    ['a SUBJECT without a subject claim', { ...GROUP, subject: undefined }, 'a SUBJECT token must name the subject it acts as in claim "subject"'],
    ['a SUBJECT with another purpose', { ...GROUP, purposes: ['LOAN_APPROVAL'] }, 'a SUBJECT token has exactly one purpose, SELF_QUERY'],
    ['a SUBJECT with SELF_QUERY and another purpose', { ...GROUP, purposes: ['SELF_QUERY', 'SUPERVISION'] }, 'a SUBJECT token has exactly one purpose, SELF_QUERY'],
    ['a SUBJECT without a purpose', { ...GROUP, purposes: [] }, 'a SUBJECT token has exactly one purpose, SELF_QUERY'],
    ['a credit service body naming a subject', { ...BANK, subject: '9111010500088WXJ4C' }, 'a CREDIT_SERVICE token carries no "subject" claim; only a SUBJECT acts as a subject'],
    ['a credit service body holding SELF_QUERY', { ...BANK, purposes: ['SELF_QUERY'] }, 'a CREDIT_SERVICE token may not hold SELF_QUERY, which is for a subject acting as itself'],
    ['a credit service body with a statutory power', { ...BANK, statutory: true }, 'a CREDIT_SERVICE principal holds no statutory power; only REGULATOR and GOVERNMENT may'],
    ['a statutory claim that is not a boolean', { ...REGULATOR, statutory: 'yes' }, 'token claim "statutory" must be a boolean'],
    ['an org with a wrong check character', { ...BANK, org: '91310000132209224X' }, 'token claim "org" is not a valid Unified Social Credit Code: check character is \'X\' but should be \'R\''],
    ['an org that is a resident ID', { ...BANK, org: '110108195601040003' }, 'token claim "org" is not a valid Unified Social Credit Code: check character is \'3\' but should be \'F\''],
    ['an org of the wrong length', { ...BANK, org: 'BANK' }, 'token claim "org" is not a valid Unified Social Credit Code: a Unified Social Credit Code has 18 characters, got 4'],
    ['an org with spaces around it', { ...BANK, org: ' 91310000132209224R' }, 'token claim "org" is not a valid Unified Social Credit Code: write it in capitals, without spaces'],
    ['no org', { ...BANK, org: undefined }, 'token claim "org" is missing'],
    ['the PUBLIC kind', { ...BANK, kind: 'PUBLIC' }, 'token claim "kind" must be one of GOVERNMENT, CREDIT_SERVICE, REGULATOR, SUBJECT, AUTHORITY, got "PUBLIC"'],
    ['an unknown kind, echoed only in part', { ...BANK, kind: 'K'.repeat(5_000) }, `token claim "kind" must be one of GOVERNMENT, CREDIT_SERVICE, REGULATOR, SUBJECT, AUTHORITY, got "${'K'.repeat(24)}…"`],
    ['staff over 64 characters', { ...BANK, sub: 's'.repeat(65) }, `token claim "sub" (staff) must be 1 to 64 letters, digits or ._@- characters, got "${'s'.repeat(24)}…"`],
    ['staff with spaces and line breaks', { ...BANK, sub: 'officer 1\nadmin' }, 'token claim "sub" (staff) must be 1 to 64 letters, digits or ._@- characters, got "officer 1?admin"'],
    ['staff that is not a string', { ...BANK, sub: 42 }, 'token claim "sub" (staff) must be 1 to 64 letters, digits or ._@- characters, got 42'],
    ['65 grants', { ...BANK, grants: Array.from({ length: 65 }, () => 'finance:SHARED') }, 'token claim "grants" holds 65 entries; at most 64 are accepted'],
    ['17 purposes', { ...BANK, purposes: Array.from({ length: 17 }, () => 'LOAN_APPROVAL') }, 'token claim "purposes" holds 17 entries; at most 16 are accepted'],
    ['grants that are not a list', { ...BANK, grants: 'finance:RESTRICTED' }, 'token claim "grants" must be an array of strings'],
    ['a grant over 80 characters', { ...BANK, grants: [`finance:${'A'.repeat(100)}`] }, `grant "finance:${'A'.repeat(16)}…" is not category:LEVEL of at most 80 characters`],
    ['an unknown purpose', { ...BANK, purposes: ['CURIOSITY'] }, 'token claim "purposes" has an unknown purpose "CURIOSITY"'],
    ['an AUTHORITY without a name', { ...TAX_AUTHORITY, name: undefined }, 'an AUTHORITY token names the authority in claim "name": 2 to 100 characters, no control characters, got undefined'],
    ['an AUTHORITY named with a line break', { ...TAX_AUTHORITY, name: '税务局\nadmin' }, 'an AUTHORITY token names the authority in claim "name": 2 to 100 characters, no control characters, got "税务局?admin"'],
    ['an AUTHORITY that submits nothing', { ...TAX_AUTHORITY, submits: [] }, 'an AUTHORITY token lists the categories of records it submits in claim "submits"'],
    ['an AUTHORITY submitting everything', { ...TAX_AUTHORITY, submits: ['*'] }, 'token claim "submits" has "*", which is no category of credit records in the catalogue'],
    ['an AUTHORITY submitting inquiry records', { ...TAX_AUTHORITY, submits: ['access.inquiry'] }, 'token claim "submits" has "access.inquiry", which is no category of credit records in the catalogue'],
    ['an AUTHORITY submitting an unknown category', { ...TAX_AUTHORITY, submits: ['taxes'] }, 'token claim "submits" has "taxes", which is no category of credit records in the catalogue'],
    ['an AUTHORITY with a statutory power', { ...TAX_AUTHORITY, statutory: true }, 'an AUTHORITY principal holds no statutory power; only REGULATOR and GOVERNMENT may'],
    ['a regulator claiming to submit records', { ...REGULATOR, submits: ['tax'] }, 'a REGULATOR token carries no "submits" claim; only a source AUTHORITY submits records'],
  ])('%s', async (_what, claims, message) => {
    expect(await ask(await craft(claims as JWTPayload))).toEqual(refused(message));
  });

  it('a token without an issue time', async () => {
    expect(await ask(await craft(BANK, { iat: null }))).toEqual(refused('the token is not valid here: missing required "iat" claim'));
  });

  it('a token without an expiry', async () => {
    expect(await ask(await craft(BANK, { exp: null }))).toEqual(refused('the token is not valid here: missing required "exp" claim'));
  });

  it('a token that expired seconds ago: no clock tolerance on exp', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await ask(await craft(BANK, { iat: now - 3600, exp: now - 5 }))).toEqual(refused('the token has expired'));
  });

  it('a token issued in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await ask(await craft(BANK, { iat: now + 3600, exp: now + 7200 }))).toEqual(refused('the token is issued in the future (claim "iat")'));
  });

  it('a token living longer than CG_TOKEN_MAX_LIFETIME', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await ask(await craft(BANK, { iat: now, exp: now + 90_000 }))).toEqual(
      refused('the token lives 90000 seconds; at most 86400 are accepted (CG_TOKEN_MAX_LIFETIME)'),
    );
  });
});

describe('npm run token refuses what the gateway would refuse', () => {
  const auth = loadConfig({}).auth;

  it.each([
    ['a SUBJECT with grants', { ...GROUP, grants: ['finance:RESTRICTED'] }, 'a SUBJECT token carries no grants: a subject sees its own records by SELF_QUERY'],
    ['an org with a wrong check character', { ...BANK, org: '91310000132209224X' }, 'token claim "org" is not a valid Unified Social Credit Code: check character is \'X\' but should be \'R\''],
    ['a credit service body with a statutory power', { ...BANK, statutory: true }, 'a CREDIT_SERVICE principal holds no statutory power; only REGULATOR and GOVERNMENT may'],
    ['staff with spaces', { ...BANK, staff: 'loan officer' }, 'token claim "sub" (staff) must be 1 to 64 letters, digits or ._@- characters, got "loan officer"'],
  ])('%s', async (_what, claims, message) => {
    await expect(signToken(auth, claims as unknown as TokenClaims, 3600)).rejects.toThrow(new AuthenticationError(message));
  });

  it('a lifetime over CG_TOKEN_MAX_LIFETIME', async () => {
    await expect(signToken(auth, BANK as TokenClaims, 86_401)).rejects.toThrow(
      new AuthenticationError('the token lives 86401 seconds; at most 86400 are accepted (CG_TOKEN_MAX_LIFETIME)'),
    );
  });

  it('a lifetime over a shorter configured maximum', async () => {
    const short = loadConfig({ CG_TOKEN_MAX_LIFETIME: '8h' }).auth;
    await expect(signToken(short, BANK as TokenClaims, 9 * 3600)).rejects.toThrow(
      new AuthenticationError('the token lives 32400 seconds; at most 28800 are accepted (CG_TOKEN_MAX_LIFETIME)'),
    );
  });
});
