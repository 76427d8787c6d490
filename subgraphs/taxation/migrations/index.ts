import type { Migration } from '../../../shared/store';
import * as createTaxationRecords from './20261125090100_create_taxation_records';

/** The taxation store's migrations, oldest first. */
export const migrations: readonly Migration[] = [createTaxationRecords];
