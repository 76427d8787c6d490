import { recordSettingsOf } from '../ingest/settings';
import { startRetentionSchedule } from '../ingest/retention';
import { startObjectionEscalation } from '../recourse/objections';
import { subgraphMetricsOf } from './metrics';
import { startTelemetry } from '../telemetry';
import pino from 'pino';
import { requestIdMixin } from '../requestScope';
import { isSubgraphName, type Config } from '../config';
import { configOrExit, closeOnSignals } from '../process';
import { openStore, migrate, StoreError, type Store } from '../store';
import { datasetInfo, loadDataset } from '../seed';
import type { SubgraphModule } from './types';
import type { StoreConfig } from '../config';
import { serveSubgraphOps } from './ops';

/**
 * Prepares a subgraph's store: migrations, then (on an empty store with auto-seed on) the demo
 * dataset. Returns whether a dataset was loaded.
 */
export async function prepareStore(
  module: SubgraphModule,
  store: Store,
  storeConfig: StoreConfig,
  demo: Config['demo'],
  log: (message: string) => void,
): Promise<void> {
  const applied = await migrate(store, module.migrations);
  if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
  if (!demo.autoSeed || (await datasetInfo(store)) !== null) return;
  log(`loading the demo dataset (${demo.subjects} subjects, seed ${demo.seed})`);
  const result = await loadDataset(store, storeConfig, module.dataset, { seed: demo.seed, subjects: demo.subjects });
  log(`demo dataset loaded: ${Object.entries(result.rows).map(([t, n]) => `${t} ${n}`).join(', ')}`);
}

/**
 * A failed store: the subgraph already answers not-ready and confirms nothing (see `subgraphHealth`);
 * it exits shortly after, without waiting on the store, so its supervisor restarts it on a store
 * opened afresh (or refuses to, when the store is gone).
 */
function exitWhenStoreFails(name: string, store: Store, logger: pino.Logger): void {
  store.health.onFailure((reason) => {
    logger.fatal(`the ${name} store failed: ${reason}; not ready, confirming nothing, exiting to be restarted`);
    setTimeout(() => process.exit(1), 500);
  });
}

/** The whole life of a subgraph process: configure, open, migrate, seed, listen, shut down on a signal. */
export async function runSubgraph(module: SubgraphModule): Promise<void> {
  const config = configOrExit(module.name);
  if (!isSubgraphName(module.name)) {
    process.stderr.write(`${module.name}: not in subgraphs/names.ts, so it has no port or store configured\n`);
    process.exit(78);
  }
  const own = config.subgraphs[module.name];
  const telemetry = await startTelemetry(module.name);
  const logger = pino({ name: module.name, level: config.logLevel, mixin: requestIdMixin });
  let store: Store;
  try {
    store = await openStore(module.name, own.store, {
      mustExist: config.supervisor.storeMustExist,
      probeIntervalMs: config.supervisor.storeProbeMs,
    });
  } catch (error) {
    logger.fatal(`cannot open the ${module.name} store: ${(error as Error).message}`);
    // 78: an operator must act (read-only folder, a store that vanished), 75: held by another process.
    process.exit(error instanceof StoreError ? error.exitCode : 1);
  }
  try {
    await prepareStore(module, store, own.store, config.demo, (m) => logger.info(m));
  } catch (error) {
    logger.fatal(`cannot prepare the ${module.name} store: ${(error as Error).message}`);
    await store.close().catch(() => undefined);
    process.exit(1);
  }
  exitWhenStoreFails(module.name, store, logger);
  const { publicKeyPem, ttlSeconds } = config.auth.context;
  if (!publicKeyPem) {
    logger.fatal('no key to verify request contexts with: set CG_CONTEXT_PUBLIC_KEY');
    process.exit(78);
  }
  const records = recordSettingsOf(config.records);
  const app = await module.buildServer({ store, limits: config.limits, context: { publicKeyPem, ttlSeconds }, logger, records });
  // Expired records leave on a schedule inside the process (CG_RETENTION_SCHEDULE): no cron outside.
  const retention = startRetentionSchedule(module, store.db, config.records.retentionSchedule, records, logger);
  // Objections left unanswered past their due day are escalated the same way (CG_OBJECTION_ESCALATION_SCHEDULE).
  const metrics = subgraphMetricsOf(app);
  const escalation = startObjectionEscalation(module, store.db, config.records.objectionEscalationSchedule, records, logger, (n) => metrics.objectionsEscalated(n));
  closeOnSignals(
    (m) => logger.info(m),
    async () => {
      await retention?.stop();
      await escalation?.stop();
      await app.close();
      await store.close();
      await telemetry?.shutdown();
    },
  );
  if (!(await serveSubgraphOps(module.name, app, config, logger))) {
    await store.close();
    process.exit(1);
  }
  try {
    await app.listen({ host: own.host, port: own.port });
  } catch (error) {
    logger.fatal(`cannot listen on ${own.host}:${own.port}: ${(error as Error).message}`);
    await store.close();
    process.exit(1);
  }
  logger.info(`${module.name} subgraph ready at http://${own.host}:${own.port}/graphql (store: ${own.store.kind})`);
}
