import type { Migration } from '../../../shared/store';
import { CREATE_RECORD_KEY_V1 } from '../../../shared/migrations/v1';
import * as createSubjects from './20261125080000_create_subjects';

/** The registry store's migrations, oldest first. */
export const migrations: readonly Migration[] = [createSubjects, CREATE_RECORD_KEY_V1];
