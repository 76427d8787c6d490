import { parseArgs } from 'node:util';
import { configOrExit } from '../shared/process';
import { signToken, principalFromClaims, AuthenticationError, type TokenClaims } from '../shared/auth/tokens';
import { signContext } from '../shared/auth/context';
import { checkSubjectCode } from '../shared/identifiers';
import { isPurpose, PURPOSES, type PrincipalKind } from '../shared/policy/principal';

/**
 * `npm run --silent token -- --org <id> --grant <category>:<LEVEL> [--grant ...] [--purpose <code> ...]
 *   [--subject <code>] [--kind <kind>] [--staff <id>] [--statutory] [--ttl <duration>]`
 * prints a bearer token signed with the configured key. With `--context` it prints instead the
 * 60-second request context the gateway would forward for that caller (header
 * `x-credit-graph-context`), to query one subgraph directly.
 */
const USAGE =
  'usage: npm run --silent token -- --org <id> --grant <category>:<LEVEL> [--grant ...] [--purpose <code> ...] ' +
  '[--subject <code>] [--kind GOVERNMENT|CREDIT_SERVICE|REGULATOR|SUBJECT] [--staff <id>] [--statutory] [--ttl 1h] [--context]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

/** `90s`, `30m`, `8h`, `7d`, or plain seconds. */
export function parseTtl(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!match) fail(`--ttl must look like 90s, 30m, 8h or 7d, got "${text}"`);
  const n = Number(match[1]);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  if (n <= 0) fail('--ttl must be positive');
  return n * unit;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        org: { type: 'string' },
        grant: { type: 'string', multiple: true },
        purpose: { type: 'string', multiple: true },
        subject: { type: 'string' },
        kind: { type: 'string' },
        staff: { type: 'string' },
        statutory: { type: 'boolean' },
        ttl: { type: 'string' },
        context: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const config = configOrExit('token');
  if (!values.org) fail('--org is required');
  let subject: string | undefined;
  if (values.subject) {
    const check = checkSubjectCode(values.subject);
    if (!check.ok) fail(`--subject: ${check.reason}`);
    subject = check.code;
  }
  const kind = (values.kind ?? (subject ? 'SUBJECT' : values.statutory ? 'REGULATOR' : 'CREDIT_SERVICE')) as PrincipalKind;
  if (!['GOVERNMENT', 'CREDIT_SERVICE', 'REGULATOR', 'SUBJECT'].includes(kind)) fail(`--kind: unknown kind "${kind}"`);
  const purposes = values.purpose ?? [];
  for (const p of purposes) if (!isPurpose(p)) fail(`--purpose: unknown purpose "${p}" (known: ${Object.keys(PURPOSES).join(', ')})`);
  const claims: TokenClaims = {
    kind,
    org: values.org,
    ...(values.staff ? { staff: values.staff } : {}),
    grants: values.grant ?? [],
    purposes,
    ...(subject ? { subject } : {}),
    ...(values.statutory ? { statutory: true } : {}),
  };
  try {
    if (values.context) {
      // What the gateway would forward for this caller: for a sector team querying its subgraph alone.
      const principal = principalFromClaims({ ...claims, sub: claims.staff });
      process.stdout.write(`${await signContext(config.auth.internalSecret, { principal, purpose: purposes[0] ?? null })}\n`);
      return;
    }
    process.stdout.write(`${await signToken(config.auth, claims, parseTtl(values.ttl ?? '1h'))}\n`);
  } catch (error) {
    fail(error instanceof AuthenticationError ? error.message : (error as Error).message);
  }
}

if (require.main === module) void main();
