import type { Knex } from 'knex';
import { createRecordLoaders, type RecordLoaders } from '../../shared/records';
import type { ForwardedContext } from '../../shared/auth/context';
import type { PageLimits } from '../../shared/pagination';

export interface HealthcareContext {
  readonly records: RecordLoaders;
  readonly forwarded?: ForwardedContext;
}

/** Fresh loaders for one request: batching and caching never cross requests. */
export function createHealthcareContext(db: Knex, limits: PageLimits): HealthcareContext {
  return { records: createRecordLoaders(db, limits) };
}
