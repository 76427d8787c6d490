import type { Knex } from 'knex';
import { envelopeColumnsV1 } from '../../../shared/migrations/v1';

export const name = '20261125090300_create_healthcare_records';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('practice_licences', (t) => {
    envelopeColumnsV1(t, 'practice_licences');
    t.string('licence_number', 40).notNullable();
    t.enu('institution_type', [
      'GENERAL_HOSPITAL',
      'TCM_HOSPITAL',
      'MATERNAL_AND_CHILD_HOSPITAL',
      'STOMATOLOGICAL_HOSPITAL',
      'COMMUNITY_HEALTH_CENTRE',
      'CLINIC',
      'PHARMACY',
    ]).notNullable();
    t.string('hospital_grade', 20);
    t.integer('beds').notNullable();
    t.jsonb('departments').notNullable();
    t.date('valid_until').notNullable();
  });
  await db.schema.createTable('physician_registrations', (t) => {
    envelopeColumnsV1(t, 'physician_registrations');
    t.string('registration_number', 40).notNullable();
    t.enu('category', ['CLINICAL', 'TRADITIONAL_CHINESE_MEDICINE', 'DENTAL', 'PUBLIC_HEALTH']).notNullable();
    t.string('practice_scope', 100).notNullable();
    t.string('institution_name', 200).notNullable();
    t.enu('status', ['REGISTERED', 'SUSPENDED', 'CANCELLED']).notNullable();
  });
  await db.schema.createTable('periodic_assessments', (t) => {
    envelopeColumnsV1(t, 'periodic_assessments');
    t.string('period', 20).notNullable();
    t.enu('result', ['QUALIFIED', 'BASICALLY_QUALIFIED', 'UNQUALIFIED']).notNullable();
  });
  await db.schema.createTable('insurance_staff_scores', (t) => {
    envelopeColumnsV1(t, 'insurance_staff_scores');
    t.integer('year').notNullable();
    t.integer('points_deducted').notNullable();
    t.enu('payment_qualification', ['ACTIVE', 'SUSPENDED', 'TERMINATED']).notNullable();
    t.jsonb('reasons').notNullable();
  });
  await db.schema.createTable('insurance_fund_violations', (t) => {
    envelopeColumnsV1(t, 'insurance_fund_violations');
    t.text('violation').notNullable();
    t.decimal('recovered_amount', 18, 2).notNullable();
    t.decimal('fine_multiple', 4, 1).notNullable();
    t.decimal('fine_amount', 18, 2).notNullable();
    t.integer('suspended_months').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of [
    'insurance_fund_violations',
    'insurance_staff_scores',
    'periodic_assessments',
    'physician_registrations',
    'practice_licences',
  ]) {
    await db.schema.dropTableIfExists(table);
  }
}
