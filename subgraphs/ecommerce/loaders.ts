import type { Knex } from 'knex';
import { createRecordLoaders, type RecordLoaders } from '../../shared/records';
import type { ForwardedContext } from '../../shared/auth/context';
import type { PageLimits } from '../../shared/pagination';

export interface EcommerceContext {
  readonly records: RecordLoaders;
  readonly forwarded?: ForwardedContext;
}

/** Fresh loaders for one request: batching and caching never cross requests. */
export function createEcommerceContext(db: Knex, limits: PageLimits): EcommerceContext {
  return { records: createRecordLoaders(db, limits) };
}
