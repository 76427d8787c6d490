import type { Knex } from 'knex';
import { envelopeColumnsV1 } from '../../../shared/migrations/v1';

export const name = '20261125090000_create_finance_records';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('credit_accounts', (t) => {
    envelopeColumnsV1(t, 'credit_accounts');
    t.string('institution_name', 200).notNullable();
    t.enu('account_type', ['LOAN', 'CREDIT_CARD', 'MORTGAGE', 'FINANCIAL_LEASE']).notNullable();
    t.decimal('amount', 18, 2).notNullable();
    t.decimal('balance', 18, 2).notNullable();
    t.enu('classification', ['NORMAL', 'SPECIAL_MENTION', 'SUBSTANDARD', 'DOUBTFUL', 'LOSS']).notNullable();
    t.enu('overdue_bucket', ['CURRENT', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7_PLUS']).notNullable();
    t.date('opened_on').notNullable();
    t.date('due_on');
    t.string('repayment_grid', 60).notNullable();
    t.enu('status', ['OPEN', 'CLOSED', 'WRITTEN_OFF']).notNullable();
  });
  await db.schema.createTable('guarantees', (t) => {
    envelopeColumnsV1(t, 'guarantees');
    t.string('creditor_name', 200).notNullable();
    t.string('debtor_name', 200).notNullable();
    t.enu('guarantee_type', ['GENERAL', 'JOINT_AND_SEVERAL', 'MORTGAGE', 'PLEDGE']).notNullable();
    t.decimal('amount', 18, 2).notNullable();
    t.date('starts_on').notNullable();
    t.date('ends_on').notNullable();
    t.enu('status', ['ACTIVE', 'RELEASED', 'CALLED']).notNullable();
  });
  await db.schema.createTable('dishonest_debtor_listings', (t) => {
    envelopeColumnsV1(t, 'dishonest_debtor_listings');
    t.string('court', 200).notNullable();
    t.string('case_number', 80).notNullable();
    t.text('obligation').notNullable();
    t.enu('performance', ['UNPERFORMED', 'PARTIALLY_PERFORMED', 'PERFORMED']).notNullable();
    t.string('dishonest_conduct', 200).notNullable();
    t.date('listed_on').notNullable();
    t.date('delisted_on');
  });
  await db.schema.createTable('court_judgments', (t) => {
    envelopeColumnsV1(t, 'court_judgments');
    t.string('court', 200).notNullable();
    t.string('case_number', 80).notNullable();
    t.enu('case_type', ['CIVIL_JUDGMENT', 'ENFORCEMENT']).notNullable();
    t.string('cause', 200).notNullable();
    t.string('role', 20).notNullable();
    t.decimal('amount', 18, 2).notNullable();
    t.text('outcome').notNullable();
    t.enu('enforcement_status', ['NOT_APPLICABLE', 'IN_ENFORCEMENT', 'CONCLUDED', 'TERMINATED_NO_ASSETS']).notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of ['court_judgments', 'dishonest_debtor_listings', 'guarantees', 'credit_accounts']) {
    await db.schema.dropTableIfExists(table);
  }
}
