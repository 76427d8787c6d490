import type { Knex } from 'knex';
import { envelopeColumnsV1 } from '../../../shared/migrations/v1';

export const name = '20261125090200_create_construction_records';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('qualification_certificates', (t) => {
    envelopeColumnsV1(t, 'qualification_certificates');
    t.string('certificate_number', 40).notNullable();
    t.enu('category', ['GENERAL_CONTRACTING', 'SPECIALIZED_CONTRACTING', 'LABOUR_SERVICES', 'DESIGN', 'SUPERVISION']).notNullable();
    t.enu('grade', ['SPECIAL', 'FIRST', 'SECOND', 'THIRD']).notNullable();
    t.string('scope', 200).notNullable();
    t.date('valid_until').notNullable();
  });
  await db.schema.createTable('registered_practitioners', (t) => {
    envelopeColumnsV1(t, 'registered_practitioners');
    t.string('practitioner_name', 60).notNullable();
    t.string('registration_number', 40).notNullable();
    t.enu('category', [
      'FIRST_CLASS_CONSTRUCTOR',
      'SECOND_CLASS_CONSTRUCTOR',
      'REGISTERED_ARCHITECT',
      'REGISTERED_STRUCTURAL_ENGINEER',
      'REGISTERED_SUPERVISION_ENGINEER',
      'REGISTERED_COST_ENGINEER',
    ]).notNullable();
    t.string('specialty', 60).notNullable();
    t.string('employer_name', 200).notNullable();
    t.date('valid_until').notNullable();
  });
  await db.schema.createTable('construction_projects', (t) => {
    envelopeColumnsV1(t, 'construction_projects');
    t.string('project_code', 40).notNullable();
    t.string('project_name', 200).notNullable();
    t.enu('role', ['GENERAL_CONTRACTOR', 'SUBCONTRACTOR', 'DESIGNER', 'SUPERVISOR']).notNullable();
    t.decimal('contract_amount', 18, 2).notNullable();
    t.string('location', 200).notNullable();
    t.date('started_on').notNullable();
    t.date('completed_on');
    t.enu('status', ['IN_PROGRESS', 'COMPLETED', 'SUSPENDED']).notNullable();
  });
  await db.schema.createTable('good_behaviour_records', (t) => {
    envelopeColumnsV1(t, 'good_behaviour_records');
    t.string('award_name', 200).notNullable();
    t.enu('level', ['NATIONAL', 'PROVINCIAL', 'MUNICIPAL']).notNullable();
    t.string('project_name', 200);
  });
  await db.schema.createTable('bad_behaviour_records', (t) => {
    envelopeColumnsV1(t, 'bad_behaviour_records');
    t.enu('severity', ['A', 'B', 'C']).notNullable();
    t.string('behaviour_code', 20).notNullable();
    t.text('description').notNullable();
    t.string('project_name', 200);
    t.text('penalty').notNullable();
  });
  await db.schema.createTable('market_blacklistings', (t) => {
    envelopeColumnsV1(t, 'market_blacklistings');
    t.text('reason').notNullable();
    t.date('listed_on').notNullable();
    t.date('removed_on');
  });
  await db.schema.createTable('wage_arrears_listings', (t) => {
    envelopeColumnsV1(t, 'wage_arrears_listings');
    t.string('project_name', 200).notNullable();
    t.integer('workers_affected').notNullable();
    t.decimal('amount_owed', 18, 2).notNullable();
    t.date('listed_on').notNullable();
    t.boolean('settled').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of [
    'wage_arrears_listings',
    'market_blacklistings',
    'bad_behaviour_records',
    'good_behaviour_records',
    'construction_projects',
    'registered_practitioners',
    'qualification_certificates',
  ]) {
    await db.schema.dropTableIfExists(table);
  }
}
