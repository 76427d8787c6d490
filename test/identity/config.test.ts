import { loadConfig } from '../../shared/config';

/** The sign-in settings: what the gateway trusts, what the site is told, and what the development provider serves. */

describe('the sign-in settings', () => {
  it('trust no provider unless CG_OIDC_ISSUER names one', () => {
    const config = loadConfig({});
    expect(config.gateway.oidc).toBeNull();
    expect(config.auth.oidc).toBeNull();
    expect(config.identity).toEqual({
      host: '127.0.0.1',
      port: 4080,
      issuer: 'http://127.0.0.1:4080',
      siteOrigins: ['http://127.0.0.1:4000', 'http://localhost:4000'],
      clientId: 'credit-graph-site',
    });
  });

  it('give the gateway and the site the provider CG_OIDC_ISSUER names', () => {
    const config = loadConfig({ CG_OIDC_ISSUER: 'http://127.0.0.1:4080', CG_GATEWAY_PORT: '4100', CG_IDENTITY_SITE_ORIGINS: 'http://localhost:5173' });
    const oidc = { issuer: 'http://127.0.0.1:4080', jwksUrl: null, clientId: 'credit-graph-site', scope: 'openid profile', kinds: ['SUBJECT', 'AUTHORITY'] };
    expect(config.gateway.oidc).toEqual(oidc);
    expect(config.auth.oidc).toEqual(oidc);
    expect(config.identity.siteOrigins).toEqual(['http://127.0.0.1:4100', 'http://localhost:4100', 'http://localhost:5173']);
  });

  it.each([
    [{ CG_OIDC_KINDS: 'SUBJECT,PUBLIC' }, 'Invalid configuration: CG_OIDC_KINDS is invalid: "PUBLIC" is not one of SUBJECT, AUTHORITY, GOVERNMENT, CREDIT_SERVICE, REGULATOR'],
    [{ CG_OIDC_KINDS: 'SUBJECT,SUBJECT' }, 'Invalid configuration: CG_OIDC_KINDS is invalid: a kind is named twice'],
    [{ CG_OIDC_KINDS: ' ' }, 'Invalid configuration: CG_OIDC_KINDS is invalid: name at least one kind of SUBJECT, AUTHORITY, GOVERNMENT, CREDIT_SERVICE, REGULATOR'],
    [{ CG_OIDC_ISSUER: 'not a url' }, 'Invalid configuration: CG_OIDC_ISSUER is invalid: not a URL: "not a url"'],
    [{ CG_OIDC_ISSUER: 'http://127.0.0.1:4080?x=1' }, 'Invalid configuration: CG_OIDC_ISSUER is invalid: no query, fragment or credentials, got "http://127.0.0.1:4080?x=1"'],
    [{ CG_OIDC_ISSUER: 'credit-graph' }, 'Invalid configuration: CG_OIDC_ISSUER is invalid: not a URL: "credit-graph"'],
    [{ CG_OIDC_ISSUER: 'http://a.test', CG_TOKEN_ISSUER: 'http://a.test' }, 'Invalid configuration: CG_OIDC_ISSUER must differ from CG_TOKEN_ISSUER: the issuer of a token chooses the key it is checked with'],
    [{ CG_OIDC_JWKS_URL: 'http://127.0.0.1:4080/jwks' }, 'Invalid configuration: CG_OIDC_JWKS_URL is set without CG_OIDC_ISSUER, whose keys it would hold'],
    [{ CG_OIDC_ISSUER: 'http://127.0.0.1:4080', CG_OIDC_SCOPE: 'profile' }, 'Invalid configuration: CG_OIDC_SCOPE is invalid: OpenID Connect sign-in needs the scope "openid"'],
    [{ CG_IDENTITY_SITE_ORIGINS: 'http://localhost:5173/app' }, 'Invalid configuration: CG_IDENTITY_SITE_ORIGINS is invalid: "http://localhost:5173/app" is not an origin (scheme, host and port only)'],
  ])('refuse %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('trust only an https provider in production', () => {
    const production = { NODE_ENV: 'production', CG_TOKEN_SECRET: 'a-production-secret-of-at-least-32-characters', CG_CONTEXT_PRIVATE_KEY: '', CG_CONTEXT_PUBLIC_KEY: '' };
    expect(() => loadConfig({ ...production, CG_OIDC_ISSUER: 'http://127.0.0.1:4080' }, {}, 'tool')).toThrow('Invalid configuration: CG_OIDC_ISSUER must be an https:// URL in production');
    expect(loadConfig({ ...production, CG_OIDC_ISSUER: 'https://id.example.gov.cn/realms/credit' }, {}, 'tool').gateway.oidc?.issuer).toBe('https://id.example.gov.cn/realms/credit');
  });
});
