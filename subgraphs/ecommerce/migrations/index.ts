import type { Migration } from '../../../shared/store';
import { RECORD_KEY_MIGRATION } from '../../../shared/records';
import * as createEcommerceRecords from './20261125090400_create_ecommerce_records';

/** The e-commerce store's migrations, oldest first. */
export const migrations: readonly Migration[] = [createEcommerceRecords, RECORD_KEY_MIGRATION];
