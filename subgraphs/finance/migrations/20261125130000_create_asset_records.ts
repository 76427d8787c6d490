import type { Knex } from 'knex';
import { envelopeColumnsV1 } from '../../../shared/migrations/v1';

export const name = '20261125130000_create_asset_records';

/** Assets and income a subject declared or an authority registered: special data (SPECIAL). */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('asset_records', (t) => {
    envelopeColumnsV1(t, 'asset_records');
    t.enu('asset_type', ['REAL_ESTATE', 'VEHICLE', 'DEPOSIT', 'EQUITY', 'ANNUAL_INCOME']).notNullable();
    t.string('description', 200).notNullable();
    t.decimal('value', 18, 2).notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('asset_records');
}
