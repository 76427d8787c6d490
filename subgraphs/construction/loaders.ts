import type { Knex } from 'knex';
import { createRecordLoaders, type RecordLoaders } from '../../shared/records';
import type { SubgraphRequest } from '../../shared/subgraph/request';
import type { PageLimits } from '../../shared/pagination';

export interface ConstructionContext {
  readonly records: RecordLoaders;
  readonly request: SubgraphRequest;
}

/** Fresh loaders for one request: batching and caching never cross requests. */
export function createConstructionContext(db: Knex, limits: PageLimits): Omit<ConstructionContext, 'request'> {
  return { records: createRecordLoaders(db, limits) };
}
