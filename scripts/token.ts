import { parseArgs } from 'node:util';
import { configOrExit } from '../shared/process';
import { parseDuration } from '../shared/config';
import { signToken, principalFromClaims, AuthenticationError, type TokenClaims } from '../shared/auth/tokens';
import { ContextSigner, GRAPHQL_ROUTE } from '../shared/auth/context';
import { isSubgraphName, SUBGRAPH_NAMES } from '../subgraphs/names';
import type { PrincipalKind } from '../shared/policy/principal';

/**
 * `npm run --silent token -- --org <id> --grant <category>:<LEVEL> [--grant ...] [--purpose <code> ...]
 *   [--subject <code>] [--kind <kind>] [--staff <id>] [--statutory] [--ttl <duration>]`
 * and, for a source authority, `--kind AUTHORITY --org <its USCC> --name <its name> --submits <category> [--submits ...]`.
 * A GOVERNMENT, CREDIT_SERVICE or REGULATOR token may name its institution too (`--name 中国工商银行上海市分行`):
 * inquiry records keep the name, and credit reports list who queried by it.
 * prints a bearer token signed with the configured key, after the validation the gateway applies
 * (`principalFromClaims`, and a lifetime within CG_TOKEN_MAX_LIFETIME).
 *
 * With `--context --subgraph <name> --body '<json>' [--route /graphql]` it prints instead the request
 * context the gateway would sign for that caller, that subgraph and exactly that body (header
 * `x-credit-graph-context`, valid for CG_CONTEXT_TTL_SECONDS), to query one subgraph directly. The
 * context states the first `--purpose`.
 */
const USAGE =
  'usage: npm run --silent token -- --org <id> --grant <category>:<LEVEL> [--grant ...] [--purpose <code> ...] ' +
  '[--subject <code>] [--kind GOVERNMENT|CREDIT_SERVICE|REGULATOR|SUBJECT|AUTHORITY] [--name <institution name>] [--submits <category> ...] [--staff <id>] [--statutory] [--ttl 1h]\n' +
  `       npm run --silent token -- --context --subgraph <${SUBGRAPH_NAMES.join('|')}> --body '<the JSON body you will send>' [--route /graphql] <the same principal options>`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

/** `90s`, `30m`, `8h`, `7d`, or plain seconds. */
export function parseTtl(text: string): number {
  const seconds = parseDuration(text);
  if (seconds === null) fail(`--ttl must look like 90s, 30m, 8h or 7d, got "${text.slice(0, 16)}"`);
  return seconds;
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
        name: { type: 'string' },
        submits: { type: 'string', multiple: true },
        ttl: { type: 'string' },
        context: { type: 'boolean' },
        subgraph: { type: 'string' },
        body: { type: 'string' },
        route: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const config = configOrExit('token');
  if (!values.org) fail('--org is required');
  const kind = (values.kind ?? (values.subject ? 'SUBJECT' : values.submits ? 'AUTHORITY' : values.statutory ? 'REGULATOR' : 'CREDIT_SERVICE')) as PrincipalKind;
  const purposes = values.purpose ?? [];
  const claims: TokenClaims = {
    kind,
    org: values.org,
    ...(values.staff !== undefined ? { staff: values.staff } : {}),
    grants: values.grant ?? [],
    purposes,
    ...(values.subject !== undefined ? { subject: values.subject } : {}),
    ...(values.statutory ? { statutory: true } : {}),
    ...(values.name !== undefined ? { name: values.name } : {}),
    ...(values.submits !== undefined ? { submits: values.submits } : {}),
  };
  try {
    if (values.context) {
      // What the gateway would forward with one fetch: for a sector team querying its subgraph alone.
      const subgraph = values.subgraph ?? '';
      if (!isSubgraphName(subgraph)) fail(`--context needs --subgraph, one of ${SUBGRAPH_NAMES.join(', ')}`);
      if (values.body === undefined) fail('--context needs --body: the exact JSON body you will send (a context is good for that body only)');
      let body: unknown;
      try {
        body = JSON.parse(values.body);
      } catch {
        fail('--body is not JSON');
      }
      if (values.ttl !== undefined) fail(`--ttl does not apply to --context: a context lives CG_CONTEXT_TTL_SECONDS (${config.auth.context.ttlSeconds} s)`);
      const { privateKeyPem, ttlSeconds } = config.auth.context;
      if (!privateKeyPem) fail('set CG_CONTEXT_PRIVATE_KEY to sign request contexts');
      const principal = principalFromClaims({ ...claims, staff: undefined, sub: claims.staff });
      const signer = new ContextSigner(privateKeyPem, ttlSeconds);
      const route = values.route ?? GRAPHQL_ROUTE;
      process.stdout.write(`${await signer.sign({ principal, purpose: purposes[0] ?? null }, { audience: subgraph, route, body })}\n`);
      return;
    }
    for (const option of ['subgraph', 'body', 'route'] as const) if (values[option] !== undefined) fail(`--${option} applies only to --context`);
    process.stdout.write(`${await signToken(config.auth, claims, parseTtl(values.ttl ?? '1h'))}\n`);
  } catch (error) {
    fail(error instanceof AuthenticationError ? `refused: ${error.message}` : (error as Error).message);
  }
}

if (require.main === module) void main();
