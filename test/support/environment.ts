import { TestEnvironment } from 'jest-environment-node';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { STORE_POOL, storePool, WARM_STORES } from './storePool';

/**
 * Node's test environment, plus the worker's store pool (storePool.ts). Jest loads this module once
 * per worker and builds one environment per test file.
 */
export default class CreditGraphEnvironment extends TestEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.global[STORE_POOL] = storePool;
    // A pooled store was opened outside this file's global object, so the dates its rows hold are the
    // worker's; with the worker's Date here too, `instanceof Date` holds for them (GraphQL's DateTime
    // serializes only Dates), as it does for the dates a file makes itself.
    this.global.Date = Date;
  }

  override async setup(): Promise<void> {
    await super.setup();
    // Unset on a PostgreSQL run and when jest runs without its global setup: then nothing is pooled ahead.
    const warm = process.env[WARM_STORES];
    if (warm && !process.env.CG_DATABASE_URL) await storePool.warm(JSON.parse(warm) as Record<string, string>);
  }
}
