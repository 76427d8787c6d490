import type { Knex } from 'knex';
import type { SubgraphRequest } from '../../shared/subgraph/request';
import type { Config } from '../../shared/config';

export interface AccessContext {
  readonly db: Knex;
  readonly limits: Config['limits'];
  readonly request: SubgraphRequest;
}

export function createAccessContext(db: Knex, limits: Config['limits']): Omit<AccessContext, 'request'> {
  return { db, limits };
}
