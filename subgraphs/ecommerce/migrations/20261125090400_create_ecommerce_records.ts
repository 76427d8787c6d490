import type { Knex } from 'knex';
import { envelopeColumnsV1 } from '../../../shared/migrations/v1';

export const name = '20261125090400_create_ecommerce_records';

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('online_shops', (t) => {
    envelopeColumnsV1(t, 'online_shops');
    t.string('platform', 40).notNullable();
    t.string('shop_name', 200).notNullable();
    t.string('url', 300).notNullable();
    t.boolean('licence_displayed').notNullable();
    t.date('opened_on').notNullable();
    t.enu('status', ['OPERATING', 'SUSPENDED', 'CLOSED']).notNullable();
  });
  await db.schema.createTable('platform_measures', (t) => {
    envelopeColumnsV1(t, 'platform_measures');
    t.string('platform', 40).notNullable();
    t.string('shop_name', 200).notNullable();
    t.enu('measure', ['WARNING', 'RESTRICTION', 'SUSPENSION', 'TERMINATION']).notNullable();
    t.text('reason').notNullable();
    t.date('starts_on').notNullable();
    t.date('ends_on');
  });
  await db.schema.createTable('ip_notice_outcomes', (t) => {
    envelopeColumnsV1(t, 'ip_notice_outcomes');
    t.string('platform', 40).notNullable();
    t.string('rights_holder', 200).notNullable();
    t.enu('ip_type', ['TRADEMARK', 'COPYRIGHT', 'PATENT']).notNullable();
    t.integer('listings_affected').notNullable();
    t.enu('outcome', ['LISTINGS_REMOVED', 'RESTORED_AFTER_COUNTER_NOTICE', 'NOTICE_REJECTED']).notNullable();
  });
  await db.schema.createTable('counterfeit_penalties', (t) => {
    envelopeColumnsV1(t, 'counterfeit_penalties');
    t.string('goods', 200).notNullable();
    t.decimal('illegal_income', 18, 2).notNullable();
    t.decimal('confiscated_value', 18, 2).notNullable();
    t.decimal('fine_amount', 18, 2).notNullable();
  });
  await db.schema.createTable('complaint_statistics', (t) => {
    envelopeColumnsV1(t, 'complaint_statistics');
    t.string('period', 8).notNullable();
    t.integer('complaints').notNullable();
    t.integer('resolved').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of ['complaint_statistics', 'counterfeit_penalties', 'ip_notice_outcomes', 'platform_measures', 'online_shops']) {
    await db.schema.dropTableIfExists(table);
  }
}
