import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { createRecordLoaders, type RecordLoaders } from '../../shared/records';
import type { SubgraphRequest } from '../../shared/subgraph/request';
import type { PageLimits } from '../../shared/pagination';
import { creditSummaries, type CreditSummary } from './store';

export interface FinanceContext {
  readonly records: RecordLoaders;
  readonly request: SubgraphRequest;
  readonly summaries: DataLoader<string, CreditSummary>;
}

/** Fresh loaders for one request: batching and caching never cross requests. */
export function createFinanceContext(db: Knex, limits: PageLimits): Omit<FinanceContext, 'request'> {
  return {
    records: createRecordLoaders(db, limits),
    summaries: new DataLoader((codes) => creditSummaries(db, codes)),
  };
}
