import type { Knex } from 'knex';
import { createRecordLoaders, type RecordLoaders } from '../../shared/records';
import type { SubgraphRequest } from '../../shared/subgraph/request';
import type { PageLimits } from '../../shared/pagination';

export interface HealthcareContext {
  readonly records: RecordLoaders;
  readonly request: SubgraphRequest;
}

/** Fresh loaders for one request: batching and caching never cross requests. */
export function createHealthcareContext(db: Knex, limits: PageLimits): Omit<HealthcareContext, 'request'> {
  return { records: createRecordLoaders(db, limits) };
}
