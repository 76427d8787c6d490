import type { Knex } from 'knex';
import { envelopeColumnsV1 } from '../../../shared/migrations/v1';

export const name = '20261125080000_create_subjects';

export async function up(db: Knex): Promise<void> {
  await db.raw('create extension if not exists pg_trgm');
  await db.schema.createTable('subjects', (t) => {
    t.string('code', 18).primary();
    t.enu('code_type', ['USCC', 'RESIDENT_ID']).notNullable();
    t.enu('kind', ['LEGAL_PERSON', 'OTHER_ORGANIZATION', 'INDIVIDUAL_BUSINESS', 'NATURAL_PERSON']).notNullable();
    t.string('name', 200).notNullable();
    t.enu('status', ['ACTIVE', 'REVOKED', 'CANCELLED']).notNullable();
    t.date('established_on');
    t.decimal('registered_capital', 18, 2);
    t.string('address', 300);
    t.string('division_code', 6).notNullable();
    t.string('region_name', 60).notNullable();
    t.string('industry', 40);
    t.string('legal_rep_name', 60);
    // Personal data (RESTRICTED); kept for authorized inquiry, not served by the graph.
    t.string('legal_rep_id', 18);
    t.string('registration_authority', 200);
  });
  // Name search lists organizations only, ordered by (name, code) in byte order on every server.
  await db.raw(
    `create index subjects_org_name_order_idx on subjects ((name collate "C"), code) where kind <> 'NATURAL_PERSON'`,
  );
  await db.raw(
    `create index subjects_org_name_trgm_idx on subjects using gin (name gin_trgm_ops) where kind <> 'NATURAL_PERSON'`,
  );
  for (const table of ['abnormal_operation_listings', 'serious_illegal_listings']) {
    await db.schema.createTable(table, (t) => {
      envelopeColumnsV1(t, table);
      t.string('reason', 200).notNullable();
      t.date('listed_on').notNullable();
      t.date('removed_on');
      t.string('removal_reason', 200);
    });
  }
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('serious_illegal_listings');
  await db.schema.dropTableIfExists('abnormal_operation_listings');
  await db.schema.dropTableIfExists('subjects');
}
