import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeSupergraph, CompositionError } from '../gateway/compose';
import { loadConfig } from '../shared/config';

/**
 * `npm run compose` writes supergraph.graphql; `npm run compose -- --check` fails when the committed
 * file differs from what the subgraphs' SDL composes to (CI runs the check).
 */
const SUPERGRAPH_FILE = path.resolve(__dirname, '../supergraph.graphql');

function main(): number {
  const check = process.argv.includes('--check');
  // The committed file carries the default local URLs, whatever this shell's environment says.
  const config = loadConfig({});
  let sdl: string;
  try {
    const result = composeSupergraph(config.subgraphs);
    for (const hint of result.hints) process.stderr.write(`hint: ${hint}\n`);
    sdl = result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`;
  } catch (error) {
    process.stderr.write(`${error instanceof CompositionError ? error.message : String(error)}\n`);
    return 1;
  }
  if (check) {
    let committed = '';
    try {
      committed = readFileSync(SUPERGRAPH_FILE, 'utf8');
    } catch {
      process.stderr.write('supergraph.graphql is missing: run `npm run compose`\n');
      return 1;
    }
    if (committed !== sdl) {
      process.stderr.write('supergraph.graphql is out of date with the subgraphs\' SDL: run `npm run compose` and commit it\n');
      return 1;
    }
    process.stdout.write('supergraph.graphql is up to date\n');
    return 0;
  }
  writeFileSync(SUPERGRAPH_FILE, sdl);
  process.stdout.write(`wrote ${path.relative(process.cwd(), SUPERGRAPH_FILE)}\n`);
  return 0;
}

process.exitCode = main();
