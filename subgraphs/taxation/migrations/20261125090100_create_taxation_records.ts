import type { Knex } from 'knex';
import { envelopeColumnsV1 } from '../../../shared/migrations/v1';

export const name = '20261125090100_create_taxation_records';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('tax_registrations', (t) => {
    envelopeColumnsV1(t, 'tax_registrations');
    t.string('taxpayer_identification_number', 20).notNullable();
    t.enu('taxpayer_type', ['GENERAL_VAT_TAXPAYER', 'SMALL_SCALE_TAXPAYER', 'INDIVIDUAL_TAXPAYER']).notNullable();
    t.date('registered_on').notNullable();
    t.enu('status', ['NORMAL', 'NON_FILING', 'DEREGISTERED']).notNullable();
  });
  await db.schema.createTable('tax_credit_ratings', (t) => {
    envelopeColumnsV1(t, 'tax_credit_ratings');
    t.integer('year').notNullable();
    t.enu('grade', ['A', 'B', 'M', 'C', 'D']).notNullable();
    // The numeric score behind the grade is RESTRICTED; kept for authorized inquiry only.
    t.integer('score').notNullable();
    t.unique(['subject_code', 'year']);
  });
  await db.schema.createTable('tax_arrears_notices', (t) => {
    envelopeColumnsV1(t, 'tax_arrears_notices');
    t.string('tax_type', 40).notNullable();
    t.decimal('amount_owed', 18, 2).notNullable();
    t.date('period_start').notNullable();
    t.date('period_end').notNullable();
    t.enu('status', ['OUTSTANDING', 'PARTIALLY_PAID', 'PAID']).notNullable();
  });
  await db.schema.createTable('major_tax_violations', (t) => {
    envelopeColumnsV1(t, 'major_tax_violations');
    t.string('case_nature', 80).notNullable();
    t.text('facts').notNullable();
    t.text('legal_basis').notNullable();
    t.text('penalty').notNullable();
    t.decimal('amount_involved', 18, 2).notNullable();
    t.jsonb('responsible_persons').notNullable();
  });
  await db.schema.createTable('tax_penalties', (t) => {
    envelopeColumnsV1(t, 'tax_penalties');
    t.string('violation', 200).notNullable();
    t.enu('penalty_type', ['WARNING', 'FINE', 'CONFISCATION', 'SUSPENSION_OF_INVOICES']).notNullable();
    t.decimal('fine_amount', 18, 2).notNullable();
    t.text('legal_basis').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of ['tax_penalties', 'major_tax_violations', 'tax_arrears_notices', 'tax_credit_ratings', 'tax_registrations']) {
    await db.schema.dropTableIfExists(table);
  }
}
