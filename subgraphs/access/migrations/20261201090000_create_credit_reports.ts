import type { Knex } from 'knex';

export const name = '20261201090000_create_credit_reports';

/**
 * The credit report (issue 11): every report issued is a row of `credit_reports` (who asked, for
 * whom, why, whether it was the subject's own and beyond its free ones), append-only like the inquiry
 * records; the subject's statements on its whole report, one current per subject and the earlier ones
 * kept; and the name of the organization that queried, on each inquiry record, so that a report lists
 * institutions by name.
 */
export async function up(db: Knex): Promise<void> {
  const nowToTheMillisecond = db.raw(`date_trunc('milliseconds', now())`);
  await db.schema.createTable('credit_reports', (t) => {
    t.uuid('id').primary().defaultTo(db.raw('gen_random_uuid()'));
    t.string('subject_code', 18).notNullable();
    t.string('requester_kind', 20).notNullable();
    t.string('requester_organization', 18);
    t.string('requester_name', 100);
    t.string('purpose', 40);
    t.timestamp('generated_at', { useTz: true }).notNullable().defaultTo(nowToTheMillisecond);
    t.boolean('self').notNullable();
    t.boolean('charged').notNullable().defaultTo(false);
    t.index(['subject_code', 'generated_at'], 'credit_reports_subject_idx');
  });
  await db.raw(`create trigger credit_reports_no_update_or_delete before update or delete on credit_reports
    for each row execute function inquiry_records_are_append_only()`);

  await db.schema.createTable('report_statements', (t) => {
    t.uuid('id').primary().defaultTo(db.raw('gen_random_uuid()'));
    t.string('subject_code', 18).notNullable();
    t.text('text').notNullable();
    t.timestamp('made_at', { useTz: true }).notNullable();
    t.enu('state', ['CURRENT', 'REPLACED', 'WITHDRAWN']).notNullable().defaultTo('CURRENT');
    t.timestamp('ended_at', { useTz: true });
    t.index(['subject_code', 'made_at'], 'report_statements_subject_idx');
  });
  await db.raw(`create unique index report_statements_one_current on report_statements (subject_code) where state = 'CURRENT'`);

  await db.schema.alterTable('inquiry_records', (t) => {
    t.string('organization_name', 100);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('inquiry_records', (t) => {
    t.dropColumn('organization_name');
  });
  await db.schema.dropTableIfExists('report_statements');
  await db.raw('drop trigger if exists credit_reports_no_update_or_delete on credit_reports');
  await db.schema.dropTableIfExists('credit_reports');
}
