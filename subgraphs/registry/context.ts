import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { createRecordLoaders, type RecordLoaders } from '../../shared/records';
import type { Config } from '../../shared/config';
import type { SubgraphRequest } from '../../shared/subgraph/request';
import { subjectsByCode, type SubjectRow } from './store';

export interface RegistryContext {
  readonly request: SubgraphRequest;
  readonly db: Knex;
  readonly limits: Config['limits'];
  readonly records: RecordLoaders;
  readonly subjects: DataLoader<string, SubjectRow | null>;
}

/** Fresh loaders for one request: batching and caching never cross requests. */
export function createRegistryContext(db: Knex, limits: Config['limits']): Omit<RegistryContext, 'request'> {
  return {
    db,
    limits,
    records: createRecordLoaders(db, limits),
    subjects: new DataLoader((codes) => subjectsByCode(db, codes)),
  };
}
