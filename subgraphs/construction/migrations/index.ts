import type { Migration } from '../../../shared/store';
import { RECORD_KEY_MIGRATION } from '../../../shared/records';
import * as createConstructionRecords from './20261125090200_create_construction_records';

/** The construction store's migrations, oldest first. */
export const migrations: readonly Migration[] = [createConstructionRecords, RECORD_KEY_MIGRATION];
