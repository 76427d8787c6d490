import type { Migration } from '../../../shared/store';
import { RECORD_KEY_MIGRATION } from '../../../shared/records';
import * as createHealthcareRecords from './20261125090300_create_healthcare_records';
import * as createClinicalRecords from './20261125130100_create_clinical_records';

/** The healthcare store's migrations, oldest first. */
export const migrations: readonly Migration[] = [createHealthcareRecords, createClinicalRecords, RECORD_KEY_MIGRATION];
