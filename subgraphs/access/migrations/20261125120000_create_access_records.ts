import type { Knex } from 'knex';

export const name = '20261125120000_create_access_records';

/**
 * Consents (a subject's authorizations of organizations), special applications, and the inquiry
 * records of every non-public disclosure. Inquiry records are append-only: a trigger refuses any
 * update, delete or truncate, so not even a bug in this service can rewrite who saw what.
 */
export async function up(db: Knex): Promise<void> {
  // Lists page by (time, id) with millisecond cursors, so the times they order by are stored to the millisecond.
  const nowToTheMillisecond = db.raw(`date_trunc('milliseconds', now())`);
  await db.schema.createTable('consents', (t) => {
    t.uuid('id').primary().defaultTo(db.raw('gen_random_uuid()'));
    t.string('subject_code', 18).notNullable();
    t.string('organization', 18).notNullable();
    t.string('purpose', 40).notNullable();
    t.specificType('categories', 'text[]').notNullable();
    t.timestamp('valid_from', { useTz: true }).notNullable();
    t.timestamp('valid_until', { useTz: true }).notNullable();
    t.timestamp('granted_at', { useTz: true }).notNullable().defaultTo(nowToTheMillisecond);
    t.timestamp('revoked_at', { useTz: true });
    t.index(['subject_code', 'organization'], 'consents_subject_organization_idx');
    t.index(['subject_code', 'granted_at'], 'consents_subject_page_idx');
  });
  await db.raw('alter table consents add constraint consents_validity_check check (valid_until > valid_from)');
  await db.raw('alter table consents add constraint consents_categories_check check (cardinality(categories) > 0)');

  await db.schema.createTable('special_applications', (t) => {
    t.uuid('id').primary().defaultTo(db.raw('gen_random_uuid()'));
    t.string('subject_code', 18).notNullable();
    t.string('organization', 18).notNullable();
    t.string('applicant_staff', 80);
    t.string('purpose', 40).notNullable();
    t.specificType('categories', 'text[]').notNullable();
    t.text('reason').notNullable();
    t.timestamp('requested_until', { useTz: true }).notNullable();
    t.enu('status', ['PENDING', 'APPROVED', 'REJECTED', 'REVOKED']).notNullable().defaultTo('PENDING');
    t.timestamp('applied_at', { useTz: true }).notNullable().defaultTo(nowToTheMillisecond);
    t.timestamp('decided_at', { useTz: true });
    t.string('decided_by', 18);
    t.string('decided_by_staff', 80);
    t.text('decision_note');
    t.timestamp('valid_until', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.index(['subject_code', 'organization'], 'special_applications_subject_organization_idx');
    t.index(['subject_code', 'applied_at'], 'special_applications_subject_page_idx');
    t.index(['status', 'applied_at'], 'special_applications_status_idx');
    t.index(['organization', 'applied_at'], 'special_applications_organization_idx');
  });

  await db.schema.createTable('inquiry_records', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('request_id').notNullable().unique();
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(nowToTheMillisecond);
    t.string('principal_kind', 20).notNullable();
    t.string('organization', 18);
    t.string('staff', 80);
    t.string('purpose', 40);
    t.specificType('subject_codes', 'text[]').notNullable();
    t.specificType('categories', 'text[]').notNullable();
    t.specificType('fields', 'text[]').notNullable();
    t.jsonb('disclosures').notNullable();
    t.index(['occurred_at', 'id'], 'inquiry_records_time_idx');
    t.index(['organization', 'occurred_at'], 'inquiry_records_organization_idx');
  });
  await db.raw('create index inquiry_records_subjects_idx on inquiry_records using gin (subject_codes)');
  await db.raw(`
    create function inquiry_records_are_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'inquiry records cannot be altered or deleted' using errcode = 'insufficient_privilege';
    end
    $$`);
  await db.raw(`create trigger inquiry_records_no_update_or_delete before update or delete on inquiry_records
    for each row execute function inquiry_records_are_append_only()`);
  await db.raw(`create trigger inquiry_records_no_truncate before truncate on inquiry_records
    for each statement execute function inquiry_records_are_append_only()`);
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop trigger if exists inquiry_records_no_truncate on inquiry_records');
  await db.raw('drop trigger if exists inquiry_records_no_update_or_delete on inquiry_records');
  await db.schema.dropTableIfExists('inquiry_records');
  await db.raw('drop function if exists inquiry_records_are_append_only()');
  await db.schema.dropTableIfExists('special_applications');
  await db.schema.dropTableIfExists('consents');
}
