import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { SUBGRAPH_NAMES } from '../subgraphs/names';

/**
 * An applied migration never changes, not even through code it imports: migrations import only knex's
 * types, Node built-ins and the frozen, versioned helpers of shared/migrations/v<N>.ts, and a frozen
 * helper keeps its exact text (a change is a new version beside it).
 */

const ROOT = path.resolve(__dirname, '..');
const FROZEN = /^\.\.\/\.\.\/\.\.\/shared\/migrations\/v\d+$/;
const FROZEN_HELPERS: Record<string, string> = {
  'shared/migrations/v1.ts': '71f37d922a4e93f9c198815db85a65964ca6f419f7da9e54b1fcd4da64d84f67',
};

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^import [^;]*? from '([^']+)';/gm)].map((m) => m[1]!);
}

describe('migrations', () => {
  it.each(SUBGRAPH_NAMES)('of %s import nothing that can change after they ran', (name) => {
    const dir = path.join(ROOT, 'subgraphs', name, 'migrations');
    const files = readdirSync(dir).filter((file) => /^\d{14}_.*\.ts$/.test(file));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const movable = importsOf(path.join(dir, file)).filter((from) => from !== 'knex' && !from.startsWith('node:') && !FROZEN.test(from));
      expect({ file, movable }).toEqual({ file, movable: [] });
    }
  });

  it.each(Object.entries(FROZEN_HELPERS))('keep the frozen helper %s as it was', (file, sha256) => {
    expect(createHash('sha256').update(readFileSync(path.join(ROOT, file))).digest('hex')).toBe(sha256);
  });
});
