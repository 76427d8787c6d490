import { randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8, type JWTPayload } from 'jose';
import { bodyHash } from '../../shared/auth/canonical';
import { DEVELOPMENT_ONLY_CONTEXT_PRIVATE_KEY } from '../../shared/auth/developmentKeys';

/**
 * A context with exactly the claims a test chooses, signed with the tests' (development) private key:
 * for contexts the gateway would never sign (expired, long-lived, a purpose not held, another type).
 * Defaults are those of a valid regulator's context for `aud` and `body` on /graphql.
 */
export async function forgeContext(options: {
  aud: string;
  body: unknown;
  iat?: number;
  exp?: number;
  typ?: string;
  claims?: JWTPayload;
  omit?: readonly string[];
}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const iat = options.iat ?? now;
  const payload: JWTPayload = {
    iss: 'credit-graph-gateway',
    aud: options.aud,
    iat,
    exp: options.exp ?? iat + 10,
    jti: randomUUID(),
    kind: 'REGULATOR',
    org: '11100000000013127D',
    grants: ['*:RESTRICTED'],
    purposes: ['SUPERVISION'],
    statutory: true,
    purpose: 'SUPERVISION',
    rid: randomUUID(),
    route: '/graphql',
    bdh: bodyHash(options.body),
    ...options.claims,
  };
  for (const claim of options.omit ?? []) delete payload[claim];
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'EdDSA', typ: options.typ ?? 'cg-context+jwt' })
    .sign(await importPKCS8(DEVELOPMENT_ONLY_CONTEXT_PRIVATE_KEY, 'EdDSA'));
}
