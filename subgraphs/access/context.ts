import type { Knex } from 'knex';
import type { ForwardedContext } from '../../shared/auth/context';
import type { Config } from '../../shared/config';

export interface AccessContext {
  readonly db: Knex;
  readonly limits: Config['limits'];
  readonly forwarded?: ForwardedContext;
}

export function createAccessContext(db: Knex, limits: Config['limits']): AccessContext {
  return { db, limits };
}
