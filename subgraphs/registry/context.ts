import type { Knex } from 'knex';
import { createRecordLoaders, DEFAULT_RECORD_SETTINGS, type RecordLoaders, type RecordSettings } from '../../shared/records';
import type { Config } from '../../shared/config';
import type { SubgraphRequest } from '../../shared/subgraph/request';
import { REGISTRY_LISTS, SUBJECT_LOOKUP, type SubjectRow } from './store';

export interface RegistryContext {
  readonly request: SubgraphRequest;
  readonly db: Knex;
  readonly limits: Config['limits'];
  readonly records: RecordLoaders;
  /** A subject's row by code: read in the same statement as its listings (`records.lookup`). */
  readonly subject: (code: string) => Promise<SubjectRow | null>;
  /** The store and settings the listings' submissions and notices use (`shared/ingest/resolvers.ts`). */
  readonly lifeCycle: { readonly db: Knex; readonly settings: RecordSettings; readonly limits: Config['limits'] };
}

/** Fresh loaders for one request: batching and caching never cross requests. */
export function createRegistryContext(db: Knex, limits: Config['limits'], settings: RecordSettings = DEFAULT_RECORD_SETTINGS): Omit<RegistryContext, 'request'> {
  const records = createRecordLoaders(db, limits, settings, REGISTRY_LISTS, { lookup: SUBJECT_LOOKUP });
  return {
    db,
    limits,
    records,
    subject: (code) => records.lookup(code) as Promise<SubjectRow | null>,
    lifeCycle: { db, settings, limits },
  };
}
