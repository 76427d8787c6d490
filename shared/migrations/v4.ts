import type { Knex } from 'knex';
import type { Migration } from '../store';

/**
 * FROZEN once applied (see v1.ts): a source authority's own records of December 2026
 * (`<sector>Submissions`, `shared/recourse/submissions.ts`).
 *
 * The authority's list reads the current versions of its own records, newest change first: per record
 * table, an index over (authority, recording instant, row) of the current versions, so a page is an
 * index scan of its first rows whatever the authority has submitted.
 */
export function recordSubmissionsV4(tables: readonly string[]): Migration {
  return {
    name: '20261203090000_record_submissions',
    async up(db: Knex) {
      for (const table of tables) {
        await db.raw(`create index ${table}_submitted_idx on ?? (authority_code, recorded_at desc, id desc) where current`, [table]);
      }
    },
    async down(db: Knex) {
      for (const table of tables) await db.raw(`drop index if exists ${table}_submitted_idx`);
    },
  };
}
