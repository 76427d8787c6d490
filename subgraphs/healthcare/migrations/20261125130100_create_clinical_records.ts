import type { Knex } from 'knex';
import { envelopeColumnsV1 } from '../../../shared/migrations/v1';

export const name = '20261125130100_create_clinical_records';

/**
 * Clinical records of natural persons (SPECIAL): the visit, the institution, a coarse diagnosis
 * chapter. Never served to a credit service body (CIR Art. 14), whatever it holds.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('clinical_records', (t) => {
    envelopeColumnsV1(t, 'clinical_records');
    t.string('institution_name', 200).notNullable();
    t.enu('visit_type', ['OUTPATIENT', 'INPATIENT', 'EMERGENCY']).notNullable();
    t.string('diagnosis_chapter', 60).notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('clinical_records');
}
