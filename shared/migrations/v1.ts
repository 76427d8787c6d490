import type { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import type { Migration } from '../store';

/**
 * FROZEN: what the applied migrations of November 2026 created. Migrations that ran never change, so
 * nothing here may change either: a new column, index or status value is a new migration (and, if
 * several sectors need it, a `v2.ts` beside this file). What the code reads today is in
 * `shared/records.ts` and `shared/schema/common.graphql`; this file is history.
 */

/** The envelope columns of a record table, and the index every per-subject list is read through. */
export function envelopeColumnsV1(table: Knex.CreateTableBuilder, tableName: string): void {
  table.bigIncrements('id').primary();
  table.string('subject_code', 18).notNullable();
  table.string('authority_name', 200).notNullable();
  table.string('authority_code', 18);
  table.string('document_number', 80);
  table.date('decision_date').notNullable();
  table.date('act_ended_on');
  table.date('publicity_ends_on');
  table.enu('objection_status', ['NONE', 'UNDER_OBJECTION', 'CORRECTED', 'UPHELD', 'UNVERIFIABLE']).notNullable().defaultTo('NONE');
  table.enu('repair_status', ['NONE', 'APPLIED', 'REPAIRED', 'REJECTED']).notNullable().defaultTo('NONE');
  table.index(['subject_code', 'decision_date', 'id'], `${tableName}_subject_page_idx`);
}

/** The store's own key that seals record ids and cursors (`shared/records.ts`), made once per store. */
export const CREATE_RECORD_KEY_V1: Migration = {
  name: '20261130190000_create_record_key',
  async up(db: Knex) {
    await db.schema.createTable('record_key', (table) => {
      table.integer('id').primary();
      table.binary('key').notNullable();
    });
    await db('record_key').insert({ id: 1, key: randomBytes(32) });
  },
  async down(db: Knex) {
    await db.schema.dropTableIfExists('record_key');
  },
};
