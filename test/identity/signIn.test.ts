import { generateKeyPair, SignJWT } from 'jose';
import { startIdentityProvider, DEVELOPMENT_PASSWORD, IdentityProviderRefused, type IdentityProvider } from '../../identity/provider';
import { loadConfig } from '../../shared/config';
import { createVerifier, signToken, type Verifier } from '../../shared/auth/tokens';
import { demoAccounts } from '../../shared/auth/demoPrincipals';
import { PUDONG_TAX } from '../../shared/ingest/authorities';
import { freePort } from '../../shared/ports';
import {
  Browser, CALLBACK, SITE, authorizeParams, authorizeUrl, claimsOf, exchange, headerOf, pkce, signIn, signWith, startFakeIssuer, startSignIn, type FakeIssuer,
} from './flow';

/**
 * The development provider and the gateway's trust in it, over HTTP on 127.0.0.1: a browser's whole
 * sign-in (authorization request, the sign-in form, implicit consent, the code exchanged with its
 * PKCE verifier) gives an access token that the gateway's verifier turns into the right principal,
 * and everything a hostile caller tries instead is refused.
 */

const GROUP = '9111010500088WXJ4C';
const PHYSICIAN = '110108195601040003';
const TAX_CLERK = `clerk-1@${PUDONG_TAX.org}`;

let provider: IdentityProvider;
let verify: Verifier;

beforeAll(async () => {
  provider = await startIdentityProvider({ port: 0, siteOrigins: [SITE] });
  verify = await createVerifier(loadConfig({}, { CG_OIDC_ISSUER: provider.issuer }).auth);
});

afterAll(() => provider.close());

describe('signing in at the development provider', () => {
  it('gives a demo subject an access token the gateway reads as that subject acting as itself', async () => {
    const { accessToken, idToken, tokenResponse } = await signIn(provider.issuer, GROUP, DEVELOPMENT_PASSWORD);
    expect(tokenResponse).toEqual({ access_token: accessToken, id_token: idToken, expires_in: 3600, scope: '', token_type: 'Bearer' });
    expect(headerOf(accessToken)).toEqual({ alg: 'ES256', typ: 'at+jwt', kid: expect.any(String) });
    expect(await verify(`Bearer ${accessToken}`)).toEqual({
      kind: 'SUBJECT',
      organization: GROUP,
      staff: GROUP,
      grants: [],
      purposes: ['SELF_QUERY'],
      subject: GROUP,
      statutory: false,
    });
    // The site shows the name from the ID token (for the site, not for the graph).
    expect(claimsOf(idToken)).toEqual(expect.objectContaining({ sub: GROUP, name: '北京诚昌控股集团有限公司', aud: 'credit-graph-site', iss: provider.issuer, nonce: 'nonce-1' }));
    // An ID token is no access token (RFC 9068 `typ: at+jwt`), whatever its audience.
    await expect(verify(`Bearer ${idToken}`)).rejects.toThrow('the token is not valid here: unexpected "typ" JWT header value');
  });

  it('gives a natural person an access token for its resident ID', async () => {
    const { accessToken } = await signIn(provider.issuer, PHYSICIAN, DEVELOPMENT_PASSWORD);
    expect(await verify(`Bearer ${accessToken}`)).toEqual(expect.objectContaining({ kind: 'SUBJECT', organization: PHYSICIAN, subject: PHYSICIAN }));
  });

  it('gives a demo authority an AUTHORITY token with its name and the categories it submits, its staff being the account', async () => {
    const { accessToken } = await signIn(provider.issuer, TAX_CLERK, DEVELOPMENT_PASSWORD);
    expect(claimsOf(accessToken)).toEqual({
      kind: 'AUTHORITY',
      org: PUDONG_TAX.org,
      name: '国家税务总局上海市浦东新区税务局',
      grants: [],
      purposes: [],
      submits: ['tax'],
      sub: TAX_CLERK,
      jti: expect.any(String),
      iat: expect.any(Number),
      exp: expect.any(Number),
      client_id: 'credit-graph-site',
      iss: provider.issuer,
      aud: 'credit-graph',
    });
    expect(await verify(`Bearer ${accessToken}`)).toEqual({
      kind: 'AUTHORITY',
      organization: PUDONG_TAX.org,
      staff: TAX_CLERK,
      grants: [],
      purposes: [],
      subject: null,
      statutory: false,
      organizationName: '国家税务总局上海市浦东新区税务局',
      authorityName: '国家税务总局上海市浦东新区税务局',
      submits: ['tax'],
    });
  });

  it('offers every demo subject and authority on a Chinese page with an English switch, the password shown, and no script', async () => {
    const { uid, page } = await startSignIn(new Browser(), provider.issuer, authorizeParams(pkce().challenge));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(
      `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self' ${SITE}; base-uri 'none'; frame-ancestors 'none'`,
    );
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h1>登录信用图谱</h1>');
    expect(html).toContain(`<code class="password">${DEVELOPMENT_PASSWORD}</code>`);
    expect(html).toContain(`<a class="lang" href="/interaction/${uid}?lang=en" lang="en" hreflang="en">English</a>`);
    expect(html).toContain('<label for="password">密码</label>');
    for (const account of demoAccounts(2014)) expect(html).toContain(`value="${account.id}"`);
    expect(html).not.toMatch(/<script|\sstyle=|\son[a-z]+=|https?:\/\//);

    const english = await (await fetch(`${provider.issuer}/interaction/${uid}?lang=en`, { headers: { cookie: '' } })).text();
    // Without the interaction's cookie no page is shown: the interaction belongs to its browser.
    expect(english).toContain('interaction_expired');
  });

  it('shows the page in English on the switch', async () => {
    const browser = new Browser();
    const { uid } = await startSignIn(browser, provider.issuer, authorizeParams(pkce().challenge));
    const html = await (await browser.get(`${provider.issuer}/interaction/${uid}?lang=en`)).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Sign in to Credit Graph</h1>');
    expect(html).toContain('<label for="password">Password</label>');
    // Account names stay marked as Chinese on the English page.
    expect(html).toContain('<span class="name" lang="zh-CN">北京诚昌控股集团有限公司</span>');
  });

  it('shows the page in the language the site asks for (ui_locales)', async () => {
    const { page } = await startSignIn(new Browser(), provider.issuer, authorizeParams(pkce().challenge, { ui_locales: 'en' }));
    expect(await page.text()).toContain('<h1>Sign in to Credit Graph</h1>');
  });
});

describe('signing out', () => {
  it('ends the session at the provider and returns to the site', async () => {
    const browser = new Browser();
    const { idToken } = await signIn(provider.issuer, GROUP, DEVELOPMENT_PASSWORD, browser);
    const url = new URL(`${provider.issuer}/session/end`);
    url.searchParams.set('id_token_hint', idToken);
    url.searchParams.set('post_logout_redirect_uri', `${SITE}/`);
    url.searchParams.set('state', 'bye');
    const confirm = await browser.get(url.href);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain('<h1>退出信用图谱？</h1>');
    // The site named this session's ID token: the provider's own script (not inline) confirms at once.
    expect(html).toContain('<script src="/assets/sign-out.js" defer></script>');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] as string;
    const back = await browser.post(`${provider.issuer}/session/end/confirm`, { xsrf, logout: 'yes' });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`${SITE}/?state=bye`);

    // Signed out: a new sign-in asks for the account again.
    const { page } = await startSignIn(browser, provider.issuer, authorizeParams(pkce().challenge));
    expect(await page.text()).toContain('<h1>登录信用图谱</h1>');
  });

  it("asks before signing out when the hint is another person's ID token (a sign-out link made by someone else)", async () => {
    const victim = new Browser();
    await signIn(provider.issuer, GROUP, DEVELOPMENT_PASSWORD, victim);
    const { idToken: othersToken } = await signIn(provider.issuer, PHYSICIAN, DEVELOPMENT_PASSWORD, new Browser());
    const url = new URL(`${provider.issuer}/session/end`);
    url.searchParams.set('id_token_hint', othersToken);
    url.searchParams.set('post_logout_redirect_uri', `${SITE}/`);
    const html = await (await victim.get(url.href)).text();
    expect(html).toContain('<h1>退出信用图谱？</h1>');
    expect(html).not.toContain('<script');
  });

  it('asks before signing out when the site did not name the session', async () => {
    const browser = new Browser();
    await signIn(provider.issuer, GROUP, DEVELOPMENT_PASSWORD, browser);
    const html = await (await browser.get(`${provider.issuer}/session/end`)).text();
    expect(html).toContain('<h1>退出信用图谱？</h1>');
    expect(html).not.toContain('<script');
  });
});

describe('what the provider refuses', () => {
  it('refuses a wrong password with the page again, the error said, and no code', async () => {
    const browser = new Browser();
    const { uid } = await startSignIn(browser, provider.issuer, authorizeParams(pkce().challenge));
    const answer = await browser.post(`${provider.issuer}/interaction/${uid}/login`, { account: GROUP, password: 'guess', lang: 'zh' });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('location')).toBeNull();
    const html = await answer.text();
    expect(html).toContain('<p class="error" role="alert" id="form-error">密码不正确，请输入上方显示的开发密码。</p>');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain(`value="${GROUP}" checked`);
  });

  it('refuses an account that is not a demo account', async () => {
    const browser = new Browser();
    const { uid } = await startSignIn(browser, provider.issuer, authorizeParams(pkce().challenge));
    const answer = await browser.post(`${provider.issuer}/interaction/${uid}/login`, { account: 'admin', password: DEVELOPMENT_PASSWORD, lang: 'en' });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain('<p class="error" role="alert" id="form-error">Choose one of the demo accounts.</p>');
  });

  it('requires PKCE, and only S256', async () => {
    const redirectOf = async (params: Record<string, string | undefined>) => {
      const answer = await new Browser().get(authorizeUrl(provider.issuer, params));
      await answer.arrayBuffer();
      const location = new URL(answer.headers.get('location') ?? '');
      return { status: answer.status, to: `${location.origin}${location.pathname}`, error: location.searchParams.get('error'), description: location.searchParams.get('error_description') };
    };
    expect(await redirectOf(authorizeParams(undefined))).toEqual({
      status: 303, to: CALLBACK, error: 'invalid_request', description: 'Authorization Server policy requires PKCE to be used for this request',
    });
    const { verifier } = pkce();
    expect(await redirectOf(authorizeParams(verifier, { code_challenge_method: 'plain' }))).toEqual({
      status: 303, to: CALLBACK, error: 'invalid_request', description: 'not supported value of code_challenge_method',
    });
  });

  it('refuses a resource other than the graph as the client\'s error (invalid_target), never a server error', async () => {
    const answer = await new Browser().get(authorizeUrl(provider.issuer, authorizeParams(pkce().challenge, { resource: 'urn:other' })));
    await answer.arrayBuffer();
    const location = new URL(answer.headers.get('location') ?? '');
    expect({ status: answer.status, to: `${location.origin}${location.pathname}`, error: location.searchParams.get('error') }).toEqual({
      status: 303,
      to: CALLBACK,
      error: 'invalid_target',
    });
  });

  it('refuses a code exchanged without its verifier or with another', async () => {
    const browser = new Browser();
    const { challenge } = pkce();
    const { uid } = await startSignIn(browser, provider.issuer, authorizeParams(challenge));
    const callback = await browser.followToSite(await browser.post(`${provider.issuer}/interaction/${uid}/login`, { account: GROUP, password: DEVELOPMENT_PASSWORD }), provider.issuer);
    const code = callback.searchParams.get('code') as string;
    expect(await exchange(provider.issuer, code, pkce().verifier)).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'grant request is invalid' } });
    // A code is good once: refused after a failed attempt too.
    expect(await exchange(provider.issuer, code, undefined)).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'grant request is invalid' } });
  });

  it('sends nobody to a redirect URI the site did not register', async () => {
    const answer = await new Browser().get(authorizeUrl(provider.issuer, authorizeParams(pkce().challenge, { redirect_uri: 'http://127.0.0.1:6399/signin/callback' })));
    expect(answer.status).toBe(400);
    expect(answer.headers.get('location')).toBeNull();
    const html = await answer.text();
    expect(html).toContain('<code>invalid_redirect_uri</code>');
    expect(html).not.toContain('6399');
  });

  it("lets only the site's origins call the token endpoint from a browser", async () => {
    const call = async (origin: string) => {
      const answer = await fetch(`${provider.issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x', redirect_uri: CALLBACK, client_id: 'credit-graph-site', code_verifier: pkce().verifier }).toString(),
      });
      return { status: answer.status, allowed: answer.headers.get('access-control-allow-origin'), body: await answer.json() };
    };
    expect(await call(SITE)).toEqual({ status: 400, allowed: SITE, body: { error: 'invalid_grant', error_description: 'grant request is invalid' } });
    expect(await call('http://127.0.0.1:6399')).toEqual({
      status: 400,
      allowed: null,
      body: { error: 'invalid_request', error_description: 'origin http://127.0.0.1:6399 not allowed for client: credit-graph-site' },
    });
  });

  it('refuses to start in production', async () => {
    await expect(startIdentityProvider({ port: 0, siteOrigins: [SITE], nodeEnv: 'production' })).rejects.toThrow(IdentityProviderRefused);
  });
});

describe('what the gateway trusts of the provider', () => {
  let fake: FakeIssuer;
  beforeAll(async () => {
    fake = await startFakeIssuer();
  });
  afterAll(() => fake.close());

  const subjectClaims = { kind: 'SUBJECT', org: GROUP, subject: GROUP, grants: [], purposes: ['SELF_QUERY'], sub: GROUP };

  it("refuses a token with the provider's issuer signed by another key, known or not", async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const { accessToken } = await signIn(provider.issuer, GROUP, DEVELOPMENT_PASSWORD);
    const sameKid = await signWith(privateKey, subjectClaims, { issuer: provider.issuer, kid: String(headerOf(accessToken).kid), ttlSeconds: 600 });
    await expect(verify(`Bearer ${sameKid}`)).rejects.toThrow('the token signature is not valid');
    const otherKid = await signWith(privateKey, subjectClaims, { issuer: provider.issuer, kid: 'another-key', ttlSeconds: 600 });
    await expect(verify(`Bearer ${otherKid}`)).rejects.toThrow('the token is signed by a key its issuer does not publish');
  });

  it("refuses HS256 and alg none with the provider's issuer, even with the gateway's own secret", async () => {
    const now = Math.floor(Date.now() / 1000);
    const hs256 = await new SignJWT({ ...subjectClaims, iat: now, exp: now + 600 })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(provider.issuer)
      .setAudience('credit-graph')
      .sign(new TextEncoder().encode('credit-graph-development-only-secret-never-use-in-production'));
    await expect(verify(`Bearer ${hs256}`)).rejects.toThrow('the token is signed with an algorithm this graph does not accept');
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const none = `${part({ alg: 'none' })}.${part({ ...subjectClaims, iss: provider.issuer, aud: 'credit-graph', iat: now, exp: now + 600 })}.c2lnbmF0dXJl`;
    await expect(verify(`Bearer ${none}`)).rejects.toThrow('the token is signed with an algorithm this graph does not accept');
  });

  it('refuses a kind outside CG_OIDC_KINDS, however well signed', async () => {
    const trusting = await createVerifier(loadConfig({}, { CG_OIDC_ISSUER: fake.url }).auth);
    const regulator = await fake.sign({ kind: 'REGULATOR', org: '11100000000013127D', grants: ['*:RESTRICTED'], statutory: true, purposes: ['SUPERVISION'], sub: 'inspector-7' });
    await expect(trusting(`Bearer ${regulator}`)).rejects.toThrow(
      "the sign-in provider's tokens may name only SUBJECT, AUTHORITY principals (CG_OIDC_KINDS), not REGULATOR",
    );
    const onlySubjects = await createVerifier(loadConfig({}, { CG_OIDC_ISSUER: provider.issuer, CG_OIDC_KINDS: 'SUBJECT' }).auth);
    const { accessToken } = await signIn(provider.issuer, TAX_CLERK, DEVELOPMENT_PASSWORD);
    await expect(onlySubjects(`Bearer ${accessToken}`)).rejects.toThrow(
      "the sign-in provider's tokens may name only SUBJECT principals (CG_OIDC_KINDS), not AUTHORITY",
    );
  });

  it('refuses an expired token, and one that lives longer than CG_TOKEN_MAX_LIFETIME', async () => {
    const trusting = await createVerifier(loadConfig({}, { CG_OIDC_ISSUER: fake.url, CG_TOKEN_MAX_LIFETIME: '1h' }).auth);
    const now = Math.floor(Date.now() / 1000);
    await expect(trusting(`Bearer ${await fake.sign(subjectClaims, { iat: now - 700, ttlSeconds: 600 })}`)).rejects.toThrow('the token has expired');
    await expect(trusting(`Bearer ${await fake.sign(subjectClaims, { ttlSeconds: 7200 })}`)).rejects.toThrow(
      'the token lives 7200 seconds; at most 3600 are accepted (CG_TOKEN_MAX_LIFETIME)',
    );
    expect((await trusting(`Bearer ${await fake.sign(subjectClaims)}`)).subject).toBe(GROUP);
    // Signed by the issuer's key, but a JWT of another type (an ID token, a logout token...): not an access token.
    await expect(trusting(`Bearer ${await fake.sign(subjectClaims, { typ: 'JWT' })}`)).rejects.toThrow('the token is not valid here: unexpected "typ" JWT header value');
  });

  it('refuses claims principalFromClaims refuses, as for any token', async () => {
    const trusting = await createVerifier(loadConfig({}, { CG_OIDC_ISSUER: fake.url }).auth);
    await expect(trusting(`Bearer ${await fake.sign({ ...subjectClaims, purposes: ['LOAN_APPROVAL'] })}`)).rejects.toThrow('a SUBJECT token has exactly one purpose, SELF_QUERY');
  });

  it('says the provider cannot be reached, asks it again only after a while, and finds it when it is up', async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const asked: string[] = [];
    const counting: typeof fetch = (input, init) => (asked.push(input instanceof Request ? input.url : input.toString()), fetch(input, init));
    const trusting = await createVerifier(loadConfig({}, { CG_OIDC_ISSUER: issuer }).auth, { fetch: counting, oidcRetryAfterMs: 200 });
    const token = await fake.sign(subjectClaims, { issuer });
    const message = "the token's issuer cannot be reached to check its signature (its discovery document could not be fetched); retry later";
    await expect(trusting(`Bearer ${token}`)).rejects.toThrow(message);
    await expect(trusting(`Bearer ${token}`)).rejects.toThrow(message);
    expect(asked).toEqual([`${issuer}/.well-known/openid-configuration`]);

    const back = await startIdentityProvider({ port, siteOrigins: [SITE] });
    try {
      const { accessToken } = await signIn(back.issuer, GROUP, DEVELOPMENT_PASSWORD);
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect((await trusting(`Bearer ${accessToken}`)).subject).toBe(GROUP);
      expect(asked).toEqual([`${issuer}/.well-known/openid-configuration`, `${issuer}/.well-known/openid-configuration`]);
      // A token of another key with the same issuer is still refused.
      await expect(trusting(`Bearer ${token}`)).rejects.toThrow('the token is signed by a key its issuer does not publish');
    } finally {
      await back.close();
    }
  });

  it("says so when the provider's keys cannot be fetched after discovery", async () => {
    const jwksDown = `http://127.0.0.1:${await freePort()}/jwks`;
    const trusting = await createVerifier(loadConfig({}, { CG_OIDC_ISSUER: fake.url, CG_OIDC_JWKS_URL: jwksDown }).auth);
    await expect(trusting(`Bearer ${await fake.sign(subjectClaims)}`)).rejects.toThrow(
      "the token's issuer cannot be reached to check its signature (its keys could not be read); retry later",
    );
  });

  it('refuses a discovery document that names another issuer', async () => {
    const posing = await createVerifier(loadConfig({}, { CG_OIDC_ISSUER: `${fake.url}/` }).auth);
    await expect(posing(`Bearer ${await fake.sign(subjectClaims, { issuer: `${fake.url}/` })}`)).rejects.toThrow(
      "the token's issuer cannot be reached to check its signature (its discovery document names another issuer); retry later",
    );
  });

  it("still verifies the gateway's own tokens as before", async () => {
    const auth = loadConfig({}, { CG_OIDC_ISSUER: provider.issuer }).auth;
    const own = await signToken(auth, { kind: 'SUBJECT', org: GROUP, subject: GROUP, grants: [], purposes: ['SELF_QUERY'] }, 600);
    expect((await verify(`Bearer ${own}`)).subject).toBe(GROUP);
  });
});

describe('when the provider restarts or stops', () => {
  it('refuses the tokens of a provider that is gone, with the reason, never a crash', async () => {
    const port = await freePort();
    const ephemeral = await startIdentityProvider({ port, siteOrigins: [SITE] });
    const trusting = await createVerifier(loadConfig({}, { CG_OIDC_ISSUER: ephemeral.issuer }).auth);
    const { accessToken } = await signIn(ephemeral.issuer, GROUP, DEVELOPMENT_PASSWORD);
    await ephemeral.close();
    // A fresh gateway (no keys fetched yet) cannot check it.
    await expect(trusting(`Bearer ${accessToken}`)).rejects.toThrow(
      "the token's issuer cannot be reached to check its signature (its discovery document could not be fetched); retry later",
    );
  });
});
