import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { createRecordLoaders, type RecordLoaders } from '../../shared/records';
import type { PageLimits } from '../../shared/pagination';
import { latestGrades } from './store';

export interface TaxationContext {
  readonly records: RecordLoaders;
  readonly latestGrades: DataLoader<string, string | null>;
}

/** Fresh loaders for one request: batching and caching never cross requests. */
export function createTaxationContext(db: Knex, limits: PageLimits): TaxationContext {
  return {
    records: createRecordLoaders(db, limits),
    latestGrades: new DataLoader((codes) => latestGrades(db, codes)),
  };
}
