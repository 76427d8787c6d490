import type { Migration } from '../../../shared/store';
import * as createAccessRecords from './20261125120000_create_access_records';

/** The access store's migrations, oldest first. */
export const migrations: readonly Migration[] = [createAccessRecords];
