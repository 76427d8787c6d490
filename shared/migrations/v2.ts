import type { Knex } from 'knex';
import type { Migration } from '../store';

/**
 * FROZEN once applied (see v1.ts): the record life cycle of December 2026.
 *
 * Every record table becomes an append-only history of versions:
 * - `record_id`: the record's identity across versions (the row id of its first version, set by a
 *   trigger when not given), `version` from 1, `current` true on the latest version only;
 * - `state`: IN_FORCE, or WITHDRAWN (a withdrawal is a version like any other);
 * - `change`, `change_reason`, `recorded_at`, `recorded_by`: who changed it, when and why;
 * - `legacy_code`: the subject code failed its check character and came in by an import's explicit flag;
 * - `served_from`: the first day a negative record is served to non-statutory callers (its notice
 *   issued, plus the waiting period); null when nothing holds it back.
 * Beside the tables: the notices subjects receive (`record_notices`), the tombstones the retention job
 * leaves (`record_tombstones`) and the log of the jobs that ran (`job_runs`).
 */

/** The life-cycle columns: what a generated (demo) row leaves to their defaults. */
export const LIFECYCLE_COLUMNS_V2: readonly string[] = [
  'record_id',
  'version',
  'current',
  'state',
  'change',
  'change_reason',
  'recorded_at',
  'recorded_by',
  'legacy_code',
  'served_from',
];

const RECORD_ID_TRIGGER = `
  create or replace function cg_record_id_default() returns trigger language plpgsql as $$
  begin
    if new.record_id is null then new.record_id := new.id; end if;
    return new;
  end $$`;

export function recordLifeCycleV2(tables: readonly string[]): Migration {
  return {
    name: '20261201090000_record_life_cycle',
    async up(db: Knex) {
      await db.raw(RECORD_ID_TRIGGER);
      for (const table of tables) {
        await db.schema.alterTable(table, (t) => {
          t.bigInteger('record_id');
          t.integer('version').notNullable().defaultTo(1);
          t.boolean('current').notNullable().defaultTo(true);
          t.enu('state', ['IN_FORCE', 'WITHDRAWN']).notNullable().defaultTo('IN_FORCE');
          t.enu('change', ['SUBMITTED', 'CORRECTED', 'WITHDRAWN']).notNullable().defaultTo('SUBMITTED');
          t.text('change_reason');
          t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
          t.string('recorded_by', 64);
          t.boolean('legacy_code').notNullable().defaultTo(false);
          t.date('served_from');
        });
        await db.raw('update ?? set record_id = id', [table]);
        await db.raw('alter table ?? alter column record_id set not null', [table]);
        await db.raw(`create trigger ${table}_record_id before insert on ?? for each row execute function cg_record_id_default()`, [table]);
        // A record's identity (authority, document number; the table is the type), among current versions.
        await db.raw(`create index ${table}_identity_idx on ?? (authority_code, document_number) where current`, [table]);
        await db.raw(`create index ${table}_record_idx on ?? (record_id, version)`, [table]);
      }
      await db.schema.createTable('record_notices', (t) => {
        t.uuid('id').primary();
        t.string('subject_code', 18).notNullable();
        t.string('record_type', 60).notNullable();
        t.string('record_table', 60).notNullable();
        t.bigInteger('record_id').notNullable();
        t.integer('record_version').notNullable();
        t.enu('change', ['SUBMITTED', 'CORRECTED', 'WITHDRAWN']).notNullable();
        t.string('authority_name', 200).notNullable();
        t.string('authority_code', 18).notNullable();
        t.string('document_number', 80).notNullable();
        t.date('decision_date').notNullable();
        t.text('summary').notNullable();
        t.timestamp('issued_at', { useTz: true }).notNullable();
        t.index(['subject_code', 'issued_at', 'id'], 'record_notices_subject_idx');
        t.index(['record_table', 'record_id'], 'record_notices_record_idx');
      });
      await db.schema.createTable('record_tombstones', (t) => {
        t.bigIncrements('id').primary();
        t.string('record_type', 60).notNullable();
        t.string('authority_code', 18);
        t.string('authority_name', 200).notNullable();
        t.date('retention_ended_on').notNullable();
        t.integer('records').notNullable();
        t.integer('versions').notNullable();
        t.integer('notices').notNullable();
        t.timestamp('deleted_at', { useTz: true }).notNullable();
        t.uuid('run_id').notNullable();
      });
      await db.schema.createTable('job_runs', (t) => {
        t.uuid('id').primary();
        t.string('job', 60).notNullable();
        t.timestamp('started_at', { useTz: true }).notNullable();
        t.timestamp('finished_at', { useTz: true });
        t.string('outcome', 20).notNullable();
        t.jsonb('details').notNullable().defaultTo('{}');
        t.index(['job', 'started_at'], 'job_runs_job_idx');
      });
    },
    async down(db: Knex) {
      await db.schema.dropTableIfExists('job_runs');
      await db.schema.dropTableIfExists('record_tombstones');
      await db.schema.dropTableIfExists('record_notices');
      for (const table of tables) {
        await db.raw(`drop trigger if exists ${table}_record_id on ??`, [table]);
        await db.schema.alterTable(table, (t) => {
          t.dropIndex([], `${table}_identity_idx`);
          t.dropIndex([], `${table}_record_idx`);
          for (const column of LIFECYCLE_COLUMNS_V2) t.dropColumn(column);
        });
      }
      await db.raw('drop function if exists cg_record_id_default()');
    },
  };
}
