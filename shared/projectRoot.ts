import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The project's folder: the nearest folder above this module holding the project's `package.json`.
 * The same from the TypeScript sources and from a compiled build of them (`npm run build`, or the
 * build `npm start` runs from, under `node_modules/.cache`), so that what lives beside the code
 * rather than inside it (`web/dist`, `operations/`) is found from either.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'credit-graph') return dir;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '..');
  }
}

export const PROJECT_ROOT = findProjectRoot(__dirname);

/** Where `npm run build:web` writes the web front ends, and the gateway serves them from. */
export const WEB_DIST = path.join(PROJECT_ROOT, 'web', 'dist');
