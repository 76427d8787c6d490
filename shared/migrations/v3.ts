import type { Knex } from 'knex';
import type { Migration } from '../store';

/**
 * FROZEN once applied (see v1.ts): the subject's recourse of December 2026 (CIR Arts. 16, 25; SAMR
 * penalty publicity Art. 14).
 *
 * A record's marks stay on its current version, as the envelope has always carried them
 * (`objection_status`, `repair_status`), beside one new column: `objection_due_on`, the day by which
 * an open objection must be answered (null when none is open). A version's content never changes; its
 * marks are the record's present status and follow it to each new version.
 *
 * Beside the record tables, one row per step of each recourse, never updated but to close it:
 * - `record_objections`: a subject's objection to one record, and its source authority's answer;
 * - `record_statements`: a subject's own statement on one record (a new row replaces the current one);
 * - `record_repairs`: a subject's application for the early end of a record's publicity, and its
 *   source authority's decision.
 * At most one open objection, one current statement and one pending repair application per record
 * (partial unique indexes), whatever races.
 */
/**
 * The columns by which a recourse row names its record: its id, the subject, the record's type, table
 * and identity; with the authority, also the version acted on, the source authority and the document
 * number (none for records of the demo generator or legacy loads; every submission has one).
 */
function recordReference(t: Knex.CreateTableBuilder, options: { readonly withAuthority: boolean }): void {
  t.uuid('id').primary();
  t.string('subject_code', 18).notNullable();
  t.string('record_type', 60).notNullable();
  t.string('record_table', 60).notNullable();
  t.bigInteger('record_id').notNullable();
  if (!options.withAuthority) return;
  t.integer('record_version').notNullable();
  t.string('authority_name', 200).notNullable();
  t.string('authority_code', 18).notNullable();
  t.string('document_number', 80);
}

export function recordRecourseV3(tables: readonly string[]): Migration {
  return {
    name: '20261202090000_record_recourse',
    async up(db: Knex) {
      for (const table of tables) {
        await db.schema.alterTable(table, (t) => {
          t.date('objection_due_on');
        });
        // The overdue scan and the authority's queue read open objections by record; a partial index keeps it small.
        await db.raw(`create index ${table}_under_objection_idx on ?? (objection_due_on) where objection_status = 'UNDER_OBJECTION' and current`, [table]);
      }
      await db.schema.createTable('record_objections', (t) => {
        // The version objected to: a CORRECTED answer needs a later one.
        recordReference(t, { withAuthority: true });
        t.text('reason').notNullable();
        t.text('evidence');
        t.timestamp('filed_at', { useTz: true }).notNullable();
        t.string('filed_by', 64);
        t.date('due_on').notNullable();
        t.enu('status', ['OPEN', 'CORRECTED', 'UPHELD', 'UNVERIFIABLE', 'WITHDRAWN']).notNullable().defaultTo('OPEN');
        t.text('answer');
        t.timestamp('answered_at', { useTz: true });
        t.string('answered_by', 64);
        // Set once by the escalation job when the objection passed its due day unanswered.
        t.timestamp('escalated_at', { useTz: true });
        t.index(['subject_code', 'filed_at', 'id'], 'record_objections_subject_idx');
        t.index(['authority_code', 'status', 'filed_at', 'id'], 'record_objections_authority_idx');
        t.index(['status', 'due_on'], 'record_objections_due_idx');
      });
      await db.raw(`create unique index record_objections_one_open_idx on record_objections (record_table, record_id) where status = 'OPEN'`);
      await db.schema.createTable('record_statements', (t) => {
        recordReference(t, { withAuthority: false });
        t.text('text');
        t.enu('state', ['CURRENT', 'REPLACED', 'WITHDRAWN']).notNullable().defaultTo('CURRENT');
        t.timestamp('made_at', { useTz: true }).notNullable();
        t.string('made_by', 64);
        t.timestamp('ended_at', { useTz: true });
        t.index(['subject_code', 'made_at', 'id'], 'record_statements_subject_idx');
        t.index(['record_table', 'record_id', 'made_at'], 'record_statements_record_idx');
      });
      await db.raw(`create unique index record_statements_one_current_idx on record_statements (record_table, record_id) where state = 'CURRENT'`);
      await db.schema.createTable('record_repairs', (t) => {
        // The version applied for.
        recordReference(t, { withAuthority: true });
        // What the subject did to put things right, and what it commits to.
        t.text('measures').notNullable();
        t.text('commitment').notNullable();
        t.timestamp('applied_at', { useTz: true }).notNullable();
        t.string('applied_by', 64);
        t.enu('status', ['APPLIED', 'APPROVED', 'REJECTED', 'WITHDRAWN']).notNullable().defaultTo('APPLIED');
        t.text('decision');
        t.timestamp('decided_at', { useTz: true });
        t.string('decided_by', 64);
        t.index(['subject_code', 'applied_at', 'id'], 'record_repairs_subject_idx');
        t.index(['authority_code', 'status', 'applied_at', 'id'], 'record_repairs_authority_idx');
      });
      await db.raw(`create unique index record_repairs_one_pending_idx on record_repairs (record_table, record_id) where status = 'APPLIED'`);
    },
    async down(db: Knex) {
      await db.schema.dropTableIfExists('record_repairs');
      await db.schema.dropTableIfExists('record_statements');
      await db.schema.dropTableIfExists('record_objections');
      for (const table of tables) {
        await db.raw(`drop index if exists ${table}_under_objection_idx`);
        await db.schema.alterTable(table, (t) => {
          t.dropColumn('objection_due_on');
        });
      }
    },
  };
}
