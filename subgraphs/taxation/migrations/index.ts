import type { Migration } from '../../../shared/store';
import { RECORD_KEY_MIGRATION } from '../../../shared/records';
import * as createTaxationRecords from './20261125090100_create_taxation_records';

/** The taxation store's migrations, oldest first. */
export const migrations: readonly Migration[] = [createTaxationRecords, RECORD_KEY_MIGRATION];
