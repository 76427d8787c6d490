import { generateKeyPair, exportSPKI, exportPKCS8 } from 'jose';
import { createVerifier, signToken, parseGrant, AuthenticationError } from '../shared/auth/tokens';
import { loadConfig, ConfigError } from '../shared/config';
import { PUBLIC_PRINCIPAL } from '../shared/policy/principal';
import { parseTtl } from '../scripts/token';

const auth = loadConfig({}).auth;
const bank = { kind: 'CREDIT_SERVICE', org: '91310000132209224R', staff: 'officer-1', grants: ['finance:RESTRICTED'], purposes: ['LOAN_APPROVAL'] } as const;

describe('bearer tokens', () => {
  it('turns a valid token into the principal it describes, and no header into the public', async () => {
    const verify = await createVerifier(auth);
    const token = await signToken(auth, bank, 60);
    expect(await verify(`Bearer ${token}`)).toEqual({
      kind: 'CREDIT_SERVICE',
      organization: '91310000132209224R',
      staff: 'officer-1',
      grants: [{ category: 'finance', level: 'RESTRICTED' }],
      purposes: ['LOAN_APPROVAL'],
      subject: null,
      statutory: false,
    });
    expect(await verify(undefined)).toBe(PUBLIC_PRINCIPAL);
  });

  it('refuses a token for another audience or issuer', async () => {
    const verify = await createVerifier(auth);
    const other = loadConfig({ CG_TOKEN_AUDIENCE: 'someone-else' }).auth;
    await expect(verify(`Bearer ${await signToken(other, bank, 60)}`)).rejects.toThrow(
      new AuthenticationError('the token is not valid here: unexpected "aud" claim value'),
    );
  });

  it('refuses to sign claims the gateway would refuse', async () => {
    await expect(signToken(auth, { ...bank, purposes: ['CURIOSITY'] }, 60)).rejects.toThrow(
      new AuthenticationError('token claim "purposes" has an unknown purpose "CURIOSITY"'),
    );
    await expect(signToken(auth, { ...bank, kind: 'SUBJECT' }, 60)).rejects.toThrow(
      new AuthenticationError('a SUBJECT token must name the subject it acts as in claim "subject"'),
    );
  });

  it('verifies with a public key in production and signs with the private key beside it', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const config = loadConfig(
      { NODE_ENV: 'production', CG_TOKEN_PUBLIC_KEY: await exportSPKI(publicKey), CG_TOKEN_PRIVATE_KEY: await exportPKCS8(privateKey) },
      {},
      'token',
    ).auth;
    const verify = await createVerifier(config);
    expect((await verify(`Bearer ${await signToken(config, bank, 60)}`)).organization).toBe(bank.org);
    // A token made with the development key is worthless there.
    await expect(verify(`Bearer ${await signToken(auth, bank, 60)}`)).rejects.toThrow(AuthenticationError);
  });

  it('needs a real key in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' }, {}, 'token')).toThrow(
      new ConfigError('Invalid configuration: in production set CG_TOKEN_PUBLIC_KEY, CG_TOKEN_JWKS_URL or CG_TOKEN_SECRET'),
    );
    expect(() => loadConfig({ CG_TOKEN_SECRET: 'short' })).toThrow('CG_TOKEN_SECRET is invalid: use at least 32 characters');
  });

  it.each([
    ['finance:RESTRICTED', { category: 'finance', level: 'RESTRICTED' }],
    ['*:SHARED', { category: '*', level: 'SHARED' }],
    ['tax.rating:PUBLIC', { category: 'tax.rating', level: 'PUBLIC' }],
  ])('reads the grant %s', (text, grant) => {
    expect(parseGrant(text)).toEqual(grant);
  });

  it.each(['finance', 'finance:restricted', 'fin:SHARED', 'a:b:c'])('refuses the grant %s', (text) => {
    expect(() => parseGrant(text)).toThrow(AuthenticationError);
  });

  it.each([
    ['90s', 90],
    ['30m', 1800],
    ['8h', 28_800],
    ['7d', 604_800],
    ['120', 120],
  ])('reads the token lifetime %s as %d seconds', (text, seconds) => {
    expect(parseTtl(text)).toBe(seconds);
  });
});
