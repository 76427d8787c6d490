import type { Migration } from '../../../shared/store';
import { RECORD_KEY_MIGRATION } from '../../../shared/records';
import * as createSubjects from './20261125080000_create_subjects';

/** The registry store's migrations, oldest first. */
export const migrations: readonly Migration[] = [createSubjects, RECORD_KEY_MIGRATION];
