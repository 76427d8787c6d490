import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Migration } from '../store';

/** `<yyyymmddhhmmss>_<what it does>.ts`: the timestamp orders them. */
const MIGRATION_FILE = /^(\d{14}_[a-z0-9_]+)\.[cm]?[tj]s$/;

/**
 * The migrations of a subgraph's `migrations/` folder, oldest first: every timestamped file in it,
 * each exporting `name` (its file name), `up` and `down`. Adding a migration is adding its file.
 */
export function migrationsIn(dir: string): Migration[] {
  const files = readdirSync(dir).filter((file) => MIGRATION_FILE.test(file) && !file.endsWith('.d.ts')).sort();
  return files.map((file) => {
    // Synchronous on purpose: a subgraph's module (and its migrations) is known when it is imported.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(path.join(dir, file)) as Partial<Migration>;
    const expected = file.replace(/\.[cm]?[tj]s$/, '');
    if (loaded.name !== expected || typeof loaded.up !== 'function' || typeof loaded.down !== 'function') {
      throw new Error(`${path.join(dir, file)} must export name = '${expected}', up and down`);
    }
    return { name: expected, up: loaded.up, down: loaded.down };
  });
}
