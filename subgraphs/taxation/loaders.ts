import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { createRecordLoaders, type RecordLoaders, type Visibility } from '../../shared/records';
import type { ForwardedContext } from '../../shared/auth/context';
import type { PageLimits } from '../../shared/pagination';
import { latestGrades } from './store';

export interface TaxationContext {
  readonly records: RecordLoaders;
  readonly latestGrades: Readonly<Record<Visibility, DataLoader<string, string | null>>>;
  readonly forwarded?: ForwardedContext;
}

/** Fresh loaders for one request: batching and caching never cross requests. */
export function createTaxationContext(db: Knex, limits: PageLimits): TaxationContext {
  return {
    records: createRecordLoaders(db, limits),
    latestGrades: {
      all: new DataLoader((codes) => latestGrades(db, codes, 'all')),
      public: new DataLoader((codes) => latestGrades(db, codes, 'public')),
    },
  };
}
