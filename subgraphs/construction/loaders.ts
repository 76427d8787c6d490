import type { Knex } from 'knex';
import { createRecordLoaders, type RecordLoaders } from '../../shared/records';
import type { PageLimits } from '../../shared/pagination';

export interface ConstructionContext {
  readonly records: RecordLoaders;
}

/** Fresh loaders for one request: batching and caching never cross requests. */
export function createConstructionContext(db: Knex, limits: PageLimits): ConstructionContext {
  return { records: createRecordLoaders(db, limits) };
}
