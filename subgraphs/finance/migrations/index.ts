import type { Migration } from '../../../shared/store';
import { RECORD_KEY_MIGRATION } from '../../../shared/records';
import * as createFinanceRecords from './20261125090000_create_finance_records';
import * as createAssetRecords from './20261125130000_create_asset_records';

/** The finance store's migrations, oldest first. */
export const migrations: readonly Migration[] = [createFinanceRecords, createAssetRecords, RECORD_KEY_MIGRATION];
