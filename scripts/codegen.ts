import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { printSchema } from 'graphql';
import { generate } from '@graphql-codegen/cli';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { apiSchemaOf, buildManifest, manifestText } from './persisted-manifest';

/**
 * The typed client of the web front ends, from ONE set of operations (`operations/site` for the
 * subject's pages, `operations/desk` for the authority's desk, and `operations/credit-report.graphql`,
 * the report the PDF route renders, which the site shows as it is):
 * - `operations/persisted-query-manifest.json`: the safelist's manifest of every operation under
 *   `operations/` (the site's among them), so the site runs with the safelist in `require-id` mode;
 * - `web/src/gql/`: graphql-codegen's client preset, a TypeScript type for each operation's
 *   variables and result (`documentMode: 'string'`: an operation is its printed text);
 * - `web/src/gql/persisted-ids.json`: each web operation's id in the manifest, by name: the site
 *   sends the id, never the body.
 *
 *   npm run codegen            writes them
 *   npm run codegen -- --check fails when any is not what the operations make (CI)
 */

const ROOT = path.resolve(__dirname, '..');
const OPERATIONS = path.join(ROOT, 'operations');
const MANIFEST = path.join(OPERATIONS, 'persisted-query-manifest.json');
const WEB_FOLDERS = ['site', 'desk'].map((folder) => path.join(OPERATIONS, folder));
/** Operations of the graph's own the site runs as they are: the credit report (the one the PDF route renders). */
const SHARED_OPERATIONS = [path.join(OPERATIONS, 'credit-report.graphql')];
const OUT = path.join(ROOT, 'web/src/gql');
const IDS = path.join(OUT, 'persisted-ids.json');

function graphqlFiles(folder: string): string[] {
  const found: string[] = [];
  if (!existsSync(folder)) return found;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...graphqlFiles(full));
    else if (entry.isFile() && /\.(graphql|gql)$/.test(entry.name)) found.push(full);
  }
  return found.sort();
}

function operationNamesIn(files: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) for (const match of readFileSync(file, 'utf8').matchAll(/\b(?:query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/g)) names.add(match[1] as string);
  return names;
}

/** Every generated file, by path, with its text. */
async function outputs(): Promise<Map<string, string>> {
  const schema = apiSchemaOf(path.join(ROOT, 'supergraph.graphql'));
  const manifest = buildManifest(OPERATIONS, schema);
  const files = new Map<string, string>([[MANIFEST, manifestText(manifest)]]);
  const webFiles = [...SHARED_OPERATIONS, ...WEB_FOLDERS.flatMap(graphqlFiles)];
  const webNames = operationNamesIn(webFiles);
  const ids = Object.fromEntries(manifest.operations.filter((o) => webNames.has(o.name)).map((o) => [o.name, o.id]));
  files.set(IDS, `${JSON.stringify(ids, null, 2)}\n`);
  if (webFiles.length === 0) return files;
  // graphql-codegen reads the schema from a file: the API schema (what callers see), not the supergraph.
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'cg-codegen-'));
  try {
    const schemaFile = path.join(scratch, 'schema.graphql');
    writeFileSync(schemaFile, printSchema(schema));
    const config: CodegenConfig = {
      schema: schemaFile,
      documents: webFiles,
      silent: true,
      generates: {
        [`${OUT}/`]: {
          preset: 'client',
          presetConfig: { fragmentMasking: false },
          config: {
            documentMode: 'string',
            useTypeImports: true,
            enumsAsTypes: true,
            skipTypename: true,
            avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
            scalars: { Date: 'string', DateTime: 'string', Decimal: 'string' },
          },
        },
      },
    };
    const generated = (await generate(config, false)) as ReadonlyArray<{ filename: string; content: string }>;
    for (const file of generated) files.set(path.resolve(file.filename), file.content);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return files;
}

async function main(argv: readonly string[]): Promise<number> {
  const check = argv.includes('--check');
  const files = await outputs();
  const stale: string[] = [];
  for (const [file, text] of files) {
    let current: string | null = null;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // missing: stale
    }
    if (current === text) continue;
    if (check) stale.push(path.relative(ROOT, file));
    else writeFileSync(file, text);
  }
  if (check) {
    if (stale.length > 0) {
      process.stderr.write(`not what the operations make: ${stale.join(', ')}; run npm run codegen\n`);
      return 1;
    }
    process.stdout.write(`${files.size} generated files are up to date\n`);
    return 0;
  }
  process.stdout.write(`wrote ${[...files.keys()].map((f) => path.relative(ROOT, f)).join(', ')}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`codegen: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
