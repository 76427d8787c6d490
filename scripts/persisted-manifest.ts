import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { MANIFEST_FORMAT, parseManifest, sha256, type Manifest, type ManifestOperation } from '../gateway/safelist';

/**
 * Builds a persisted-query manifest (Apollo's `apollo-persisted-query-manifest`, version 1) from a
 * folder of `.graphql` files, for `CG_PERSISTED_QUERIES_MANIFEST`:
 *
 *   npm run persisted-manifest -- operations --out operations/persisted-query-manifest.json
 *   npm run persisted-manifest -- operations --check operations/persisted-query-manifest.json
 *
 * Every operation is validated against the graph's API schema (from `--schema`, the committed
 * `supergraph.graphql` by default), so a manifest never lists an operation the gateway would refuse.
 *
 * Each file (subfolders included) holds one named operation and the fragments it uses. Its body is
 * the document printed by graphql-js, its id the sha256 of that body (as Apollo's generator makes
 * them); operations are listed by name. Anonymous operations, files with several operations and
 * two operations of one name are refused. `--check` fails when the manifest is not what the folder
 * builds (CI).
 */

export class ManifestBuildError extends Error {
  override readonly name = 'ManifestBuildError';
}

function graphqlFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...graphqlFiles(full));
    else if (entry.isFile() && /\.(graphql|gql)$/.test(entry.name)) found.push(full);
  }
  return found.sort();
}

/** The manifest of every operation under `folder`. */
export function buildManifest(folder: string, schema?: GraphQLSchema): Manifest {
  const files = graphqlFiles(folder);
  if (files.length === 0) throw new ManifestBuildError(`no .graphql files under ${folder}`);
  const byName = new Map<string, { operation: ManifestOperation; file: string }>();
  for (const file of files) {
    const shown = path.relative(process.cwd(), file);
    let document;
    try {
      document = parse(readFileSync(file, 'utf8'), { noLocation: true });
    } catch (error) {
      throw new ManifestBuildError(`${shown}: not valid GraphQL: ${(error as Error).message}`);
    }
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (operations.length !== 1) throw new ManifestBuildError(`${shown}: holds ${operations.length} operations; put exactly one named operation in each file`);
    const operation = operations[0] as OperationDefinitionNode;
    const name = operation.name?.value;
    if (!name) throw new ManifestBuildError(`${shown}: the operation is anonymous; name it (query Name { ... })`);
    const other = byName.get(name);
    if (other) throw new ManifestBuildError(`${shown}: an operation named ${name} is already in ${path.relative(process.cwd(), other.file)}`);
    if (schema) {
      const errors = validate(schema, document);
      if (errors.length > 0) throw new ManifestBuildError(`${shown}: ${name} does not match the graph's schema: ${errors.map((e) => e.message).join('; ')}`);
    }
    const body = print(document);
    byName.set(name, { operation: { id: sha256(body), name, type: operation.operation, body }, file });
  }
  const operations = [...byName.values()].map((e) => e.operation).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { format: MANIFEST_FORMAT, version: 1, operations };
}

/** The API schema (what callers see) of a supergraph file. */
export function apiSchemaOf(supergraphFile: string): GraphQLSchema {
  return Supergraph.build(readFileSync(supergraphFile, 'utf8')).apiSchema().toGraphQLJSSchema();
}

export function manifestText(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

function main(argv: readonly string[]): number {
  const args = [...argv];
  const flag = (name: string): string | null => {
    const at = args.indexOf(name);
    if (at < 0) return null;
    const value = args[at + 1];
    if (value === undefined || value.startsWith('--')) throw new ManifestBuildError(`${name} needs a file`);
    args.splice(at, 2);
    return value;
  };
  try {
    const out = flag('--out');
    const check = flag('--check');
    const schemaFile = flag('--schema') ?? path.resolve(__dirname, '../supergraph.graphql');
    const folder = args[0] ?? 'operations';
    const manifest = buildManifest(folder, apiSchemaOf(schemaFile));
    const text = manifestText(manifest);
    parseManifest(text); // what the gateway will read
    if (check) {
      let current = '';
      try {
        current = readFileSync(check, 'utf8');
      } catch {
        // a missing manifest is out of date
      }
      if (current !== text) {
        process.stderr.write(`${check} is not the manifest of ${folder}: run npm run persisted-manifest -- ${folder} --out ${check}\n`);
        return 1;
      }
      process.stdout.write(`${check} is up to date\n`);
      return 0;
    }
    if (out) {
      writeFileSync(out, text);
      process.stdout.write(`${out}: ${manifest.operations.length} operations\n`);
    } else {
      process.stdout.write(text);
    }
    return 0;
  } catch (error) {
    if (error instanceof ManifestBuildError) {
      process.stderr.write(`persisted-manifest: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
