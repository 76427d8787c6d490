import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeSupergraph, catalogueMarkdown, CompositionError } from '../gateway/compose';
import { loadConfig } from '../shared/config';

/**
 * `npm run compose` writes supergraph.graphql; `npm run compose -- --check` fails when the committed
 * file differs from what the subgraphs' SDL composes to (CI runs the check).
 */
const ROOT = path.resolve(__dirname, '..');
const SUPERGRAPH_FILE = path.join(ROOT, 'supergraph.graphql');
const CATALOGUE_MD = path.join(ROOT, 'docs/credit-information-catalogue.md');
const CATALOGUE_JSON = path.join(ROOT, 'docs/credit-information-catalogue.json');

function main(): number {
  const check = process.argv.includes('--check');
  // The committed file carries the default local URLs, whatever this shell's environment says.
  const config = loadConfig({});
  let outputs: Array<[string, string]>;
  try {
    const result = composeSupergraph(config.subgraphs);
    for (const hint of result.hints) process.stderr.write(`hint: ${hint}\n`);
    outputs = [
      [SUPERGRAPH_FILE, result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`],
      [CATALOGUE_MD, catalogueMarkdown(result.catalogue)],
      [CATALOGUE_JSON, `${JSON.stringify(result.catalogue, null, 2)}\n`],
    ];
  } catch (error) {
    process.stderr.write(`${error instanceof CompositionError ? error.message : String(error)}\n`);
    return 1;
  }
  let stale = 0;
  for (const [file, text] of outputs) {
    const name = path.relative(ROOT, file);
    if (check) {
      let committed: string | null;
      try {
        committed = readFileSync(file, 'utf8');
      } catch {
        committed = null;
      }
      if (committed !== text) {
        process.stderr.write(`${name} is ${committed === null ? 'missing' : 'out of date with the subgraphs\' SDL'}: run \`npm run compose\` and commit it\n`);
        stale += 1;
      }
    } else {
      writeFileSync(file, text);
      process.stdout.write(`wrote ${name}\n`);
    }
  }
  if (check && stale === 0) process.stdout.write('supergraph.graphql and the catalogue are up to date\n');
  return stale === 0 ? 0 : 1;
}

process.exitCode = main();
