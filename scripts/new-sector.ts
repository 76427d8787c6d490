import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SUBGRAPH_PORTS } from '../subgraphs/names';

/**
 * `npm run new-sector -- <name>`: scaffolds a working sector subgraph. It writes the sector's folder
 * (SDL with one record list, its declaration, migration, dataset, tests, entry point), registers it
 * (`subgraphs/names.ts`, `subgraphs/index.ts`), adds its information category, a docker-compose
 * service, and regenerates the supergraph, the catalogue and the README tables. Untouched, the sector
 * composes, starts and passes its own tests; then make it yours (docs/sector-teams.md).
 */

const ROOT = path.resolve(__dirname, '..');
const NAME = /^[a-z][a-z0-9]{1,30}$/;

function fail(message: string): never {
  process.stderr.write(`new-sector: ${message}\n`);
  process.exit(2);
}

const name = process.argv[2] ?? '';
if (!NAME.test(name)) fail('usage: npm run new-sector -- <name>  (lower-case letters and digits, e.g. transport)');
if (Object.hasOwn(DEFAULT_SUBGRAPH_PORTS, name)) fail(`a subgraph named ${name} exists already`);
const dir = path.join(ROOT, 'subgraphs', name);
if (existsSync(dir)) fail(`subgraphs/${name} exists already`);

const Pascal = `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
const UPPER = name.toUpperCase();
const port = Math.max(...Object.values(DEFAULT_SUBGRAPH_PORTS)) + 1;
const table = `${name}_penalties`;
const category = `${name}.penalty`;
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const migration = `${stamp}_create_${name}_records`;

const created: string[] = [];
const edited = new Set<string>();

function write(relative: string, text: string): void {
  const file = path.join(ROOT, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  created.push(relative);
}

/** Inserts `text` before the first line that `before` matches; the file must have one. */
function insertBefore(relative: string, before: RegExp, text: string): void {
  const file = path.join(ROOT, relative);
  const source = readFileSync(file, 'utf8');
  const match = before.exec(source);
  if (!match) fail(`${relative} has no line matching ${before}: add the sector there by hand`);
  writeFileSync(file, `${source.slice(0, match.index)}${text}${source.slice(match.index)}`);
  edited.add(relative);
}

write(
  `subgraphs/${name}/schema.graphql`,
  `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@composeDirective", "@listSize"])
  @link(url: "https://credit-graph.org/classification/v1.0", import: ["@classify"])
  @composeDirective(name: "@classify")

# The ${name} sector's SDL. shared/subgraph/sdl.ts adds, so you do not repeat them: the envelope's fields to a
# type that implements CreditRecord, the XConnection and XEdge types (and @listSize) of a field that
# returns XConnection, and publicWhen (declared with the list in sector.ts). \`npm run compose\` shows the result.

type Subject @key(fields: "code") {
  code: ID! @classify(category: "registry.identity", level: "PUBLIC")
  "The subject's ${name} profile."
  ${name}: ${Pascal}Profile @classify(category: "structure", level: "PUBLIC")
}

type ${Pascal}Profile {
  "Administrative penalties decided by ${name} authorities, newest first."
  penalties(first: Int, after: String): ${Pascal}PenaltyConnection @classify(category: "${category}", level: "SHARED")
}

enum ${Pascal}PenaltyType {
  WARNING
  FINE
  CONFISCATION
}

"An administrative penalty decided by a ${name} authority."
type ${Pascal}Penalty implements CreditRecord @classify(category: "${category}", level: "SHARED") {
  penaltyType: ${Pascal}PenaltyType!
  "What the subject did."
  violation: String!
  "The fine in yuan; zero without a fine."
  fineAmount: Decimal!
}
`,
);

write(
  `subgraphs/${name}/sector.ts`,
  `import path from 'node:path';
import { defineRecordSector } from '../../shared/subgraph/sector';
import { enumValues } from '../../shared/subgraph/sdl';
import { WHILE_PUBLICITY_LASTS } from '../../shared/records';
import { CREATE_RECORD_KEY_V1 } from '../../shared/migrations/v1';
import { recordLifeCycleV2 } from '../../shared/migrations/v2';
import { migrationsIn } from '../../shared/migrations/folder';
import { amount, oneOf, text } from '../../shared/ingest/fields';
import { ${name}Dataset } from './dataset';

/** The ${name} sector: what it records about subjects, which of it is public, and how its authorities submit it. */
export const ${name}Sector = defineRecordSector({
  name: '${name}',
  dir: __dirname,
  lists: {
    // Penalties are published while their publicity lasts; shared only afterwards.
    penalties: {
      recordType: '${Pascal}Penalty',
      table: '${table}',
      publicWhen: WHILE_PUBLICITY_LASTS,
      // What a source authority submits (\`submit${Pascal}Penalties\`): one declaration for the mutation, the import and the checks.
      ingest: {
        fields: {
          penaltyType: oneOf('${Pascal}PenaltyType', enumValues(__dirname, '${Pascal}PenaltyType')),
          violation: text({ max: 200 }),
          fineAmount: amount(),
        },
        // Penalties are negative information: their subject is told, and they leave after the retention period.
        negative: 'true',
        // SAMR penalty publicity Art. 13: a warning 3 months, other penalties 3 years.
        publicityTerm: "case when penalty_type = 'WARNING' then decision_date + interval '3 months' else decision_date + interval '3 years' end",
        describe: (r) => \`行政处罚（\${String(r.penaltyType)}）：\${String(r.violation)}\`,
      },
    },
  },
  // Every file of migrations/, oldest first, then the store's record key and the record life cycle (shared, frozen).
  migrations: [...migrationsIn(path.join(__dirname, 'migrations')), CREATE_RECORD_KEY_V1, recordLifeCycleV2(['${table}'])],
  dataset: ${name}Dataset,
});
`,
);

write(
  `subgraphs/${name}/migrations/${migration}.ts`,
  `import type { Knex } from 'knex';
import { envelopeColumnsV1 } from '../../../shared/migrations/v1';

export const name = '${migration}';

/** Once applied, never edited: a change to the table is a new migration. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('${table}', (t) => {
    envelopeColumnsV1(t, '${table}');
    t.enu('penalty_type', ['WARNING', 'FINE', 'CONFISCATION']).notNullable();
    t.string('violation', 200).notNullable();
    t.decimal('fine_amount', 18, 2).notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('${table}');
}
`,
);

write(
  `subgraphs/${name}/dataset.ts`,
  `import { Random, addDays, addYears, DATASET_TODAY } from '../../shared/generator/random';
import { authority } from '../../shared/generator/authorities';
import { envelope, withEnvelope, provinceAbbr, type Row } from '../../shared/generator/envelope';
import type { SubjectProfile } from '../../shared/generator/subjects';
import type { DatasetPlan } from '../../shared/seed';

/** What the demo and load generator records in the ${name} store: the riskier a subject, the more penalties. */

const TABLES = ['${table}'] as const;
const VIOLATIONS = ['未按规定办理许可', '超范围经营', '拒不配合监督检查', '提供虚假材料'];

function rowsFor(subject: SubjectProfile, r: Random): Record<(typeof TABLES)[number], Row[]> {
  const penalties: Row[] = [];
  // The demo group (index 0) has one penalty whose publicity has ended and one still published.
  const count = subject.index === 0 ? 2 : subject.risk === 'HIGH' ? r.int(1, 3) : subject.risk === 'MODERATE' ? r.int(0, 1) : 0;
  const regulator = authority('MARKET_REGULATION', subject.division);
  for (let i = 0; i < count; i += 1) {
    const decided = subject.index === 0 ? (i === 0 ? '2022-03-18' : '2025-05-20') : addDays(DATASET_TODAY, -r.int(30, 1_700));
    const penaltyType = r.pick(['WARNING', 'FINE', 'CONFISCATION'] as const);
    penalties.push(withEnvelope(envelope(subject.code, regulator, \`\${provinceAbbr(subject.division.province)}${UPPER}罚〔\${decided.slice(0, 4)}〕\${r.int(1, 3000)}号\`, decided, {
        publicityEndsOn: addYears(decided, 3),
      }), {
      penalty_type: penaltyType,
      violation: r.pick(VIOLATIONS),
      fine_amount: penaltyType === 'WARNING' ? '0.00' : (r.int(1, 500) * 1000).toFixed(2),
    }));
  }
  return { ${table}: penalties };
}

export const ${name}Dataset: DatasetPlan = {
  tables: TABLES,
  rowsFor: (subject, seed) => rowsFor(subject, new Random(seed, subject.index, '${name}')),
};
`,
);

write(
  `subgraphs/${name}/index.ts`,
  `import { runSubgraph } from '../../shared/subgraph/run';
import { ${name}Sector } from './sector';

void runSubgraph(${name}Sector);
`,
);

write(
  `subgraphs/${name}/test/${name}.subgraph.test.ts`,
  `import { ${name}Sector } from '../sector';
import { describeSectorRecords } from '../../../test/support/sectorSuite';
import { inject, entities, gatewayHeaders } from '../../../test/support/graphql';
import { PUBLIC_PRINCIPAL } from '../../../shared/policy/principal';

const ${name} = describeSectorRecords(${name}Sector, '${name}', ${name}Sector.lists);

describe('${name}: penalties', () => {
  it('shows the public only the penalties whose publicity lasts, and a regulator all of them', async () => {
    const group = ${name}.subjects[0]!;
    const today = new Date().toISOString().slice(0, 10);
    const rows = ${name}.rowsOf(group).${table}!;
    const documents = (published: boolean) =>
      rows
        .filter((row) => !published || row.publicity_ends_on === null || String(row.publicity_ends_on) >= today)
        .sort((a, b) => String(b.decision_date).localeCompare(String(a.decision_date)))
        .map((row) => ({ documentNumber: row.document_number }));
    const op = entities([group.code], '${name} { penalties { totalCount nodes { documentNumber } } }');

    const asPublic = await inject(${name}.app, op.query, op.variables, await gatewayHeaders(PUBLIC_PRINCIPAL, null));
    const published = documents(true);
    expect(asPublic.body).toEqual({ data: { _entities: [{ code: group.code, ${name}: { penalties: { totalCount: published.length, nodes: published } } }] } });

    const asRegulator = await inject(${name}.app, op.query, op.variables);
    expect(asRegulator.body).toEqual({ data: { _entities: [{ code: group.code, ${name}: { penalties: { totalCount: rows.length, nodes: documents(false) } } }] } });
    expect(published.length).toBeLessThan(rows.length);
  });
});
`,
);

insertBefore('subgraphs/names.ts', /^ {2}access: /m, `  ${name}: ${port},\n`);
insertBefore('subgraphs/index.ts', /^import \{ accessSubgraph \}/m, `import { ${name}Sector } from './${name}/sector';\n`);
insertBefore('subgraphs/index.ts', /^ {2}access: accessSubgraph,/m, `  ${name}: ${name}Sector,\n`);
insertBefore(
  'shared/policy/categories.ts',
  /^ {2}\{ category: 'structure'/m,
  `  { category: '${category}', holds: 'Administrative penalties decided by ${name} authorities.', basis: '"Double publicity" of licences and penalties, for the publicity term' },\n`,
);

const compose = 'docker-compose.yml';
insertBefore(
  compose,
  /^ {2}gateway:\n/m,
  `  ${name}:
    <<: *subgraph
    command: ["node", "--enable-source-maps", "dist/subgraphs/${name}/index.js"]
    environment:
      NODE_ENV: production
      LOG_LEVEL: info
      CG_DATABASE_URL: postgres://credit:credit@postgres:5432/postgres
      CG_SUBGRAPH_HOST: 0.0.0.0
      CG_CONTEXT_PUBLIC_KEY: \${CG_CONTEXT_PUBLIC_KEY:?set CG_CONTEXT_PUBLIC_KEY to the public half of your Ed25519 context key pair (README, Configuration)}
      CG_${UPPER}_PORT: "${port}"
      CG_AUTO_SEED: "false"
      CG_SUBGRAPH_OPS_HOST: 0.0.0.0
      CG_${UPPER}_OPS_PORT: "${port + 90}"
      OTEL_SERVICE_NAME: ${name}
      OTEL_TRACES_EXPORTER: otlp
      OTEL_EXPORTER_OTLP_ENDPOINT: http://jaeger:4318
    expose: ["${port}", "${port + 90}"]
    healthcheck:
      test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:${port}/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
      interval: 10s
      timeout: 3s
      start_period: 60s
      retries: 5

`,
);
insertBefore(compose, /^ {6}CG_ACCESS_URL: /m, `      CG_${UPPER}_URL: http://${name}:${port}/graphql\n`);
{
  const file = path.join(ROOT, compose);
  const source = readFileSync(file, 'utf8');
  const updated = source.replace(/^( {4}depends_on: \[.*)(, access\])$/m, `$1, ${name}$2`);
  if (updated === source) fail(`${compose}: the gateway's depends_on list has no "access" at its end; add ${name} by hand`);
  writeFileSync(file, updated);
  edited.add(compose);
}

// Prometheus scrapes the new subgraph's ops port (ops/prometheus/prometheus.yml).
{
  const prometheus = 'ops/prometheus/prometheus.yml';
  const file = path.join(ROOT, prometheus);
  writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n  - job_name: ${name}\n    static_configs:\n      - targets: ["${name}:${port + 90}"]\n`);
  edited.add(prometheus);
}

// The generated files follow the SDL and the registry: regenerate them now, as CI checks them.
for (const script of ['compose', 'docs']) {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', `${script}.ts`)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
}

process.stdout.write(`${created.map((f) => `created      ${f}`).join('\n')}
${[...edited].map((f) => `edited       ${f}`).join('\n')}
regenerated  supergraph.graphql, docs/credit-information-catalogue.{md,json}, the README tables

The ${name} sector serves Subject.${name} on port ${port} (CG_${UPPER}_PORT). Next:
  npm test -- subgraphs/${name}        its own tests
  npm run subgraph -- ${name}          run it alone
  npm start                            the whole graph, with it
Make it yours: docs/sector-teams.md (a field, a record type, a public-rows rule).
`);
