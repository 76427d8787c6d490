import type { Knex } from 'knex';
import { createRecordLoaders, type RecordLoaders } from '../../shared/records';
import type { ForwardedContext } from '../../shared/auth/context';
import type { PageLimits } from '../../shared/pagination';

export interface ConstructionContext {
  readonly records: RecordLoaders;
  readonly forwarded?: ForwardedContext;
}

/** Fresh loaders for one request: batching and caching never cross requests. */
export function createConstructionContext(db: Knex, limits: PageLimits): ConstructionContext {
  return { records: createRecordLoaders(db, limits) };
}
