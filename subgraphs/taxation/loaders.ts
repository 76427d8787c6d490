import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { createRecordLoaders, type RecordLoaders, type Visibility } from '../../shared/records';
import type { SubgraphRequest } from '../../shared/subgraph/request';
import type { PageLimits } from '../../shared/pagination';
import { latestGrades } from './store';

export interface TaxationContext {
  readonly records: RecordLoaders;
  readonly latestGrades: Readonly<Record<Visibility, DataLoader<string, string | null>>>;
  readonly request: SubgraphRequest;
}

/** Fresh loaders for one request: batching and caching never cross requests. */
export function createTaxationContext(db: Knex, limits: PageLimits): Omit<TaxationContext, 'request'> {
  return {
    records: createRecordLoaders(db, limits),
    latestGrades: {
      all: new DataLoader((codes) => latestGrades(db, codes, 'all')),
      public: new DataLoader((codes) => latestGrades(db, codes, 'public')),
    },
  };
}
