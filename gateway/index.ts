import { startTelemetry } from '../shared/telemetry';
import pino from 'pino';
import { configOrExit, closeOnSignals } from '../shared/process';
import { buildGateway } from './server';

/** The gateway process: configure, load the supergraph, listen, shut down cleanly on a signal. */
async function main(): Promise<void> {
  const config = configOrExit('gateway');
  const telemetry = await startTelemetry('gateway');
  const logger = pino({ name: 'gateway', level: config.logLevel });
  let gateway;
  try {
    gateway = await buildGateway({ config, logger });
  } catch (error) {
    logger.fatal(`cannot start the gateway: ${(error as Error).message}`);
    process.exit(1);
  }
  const { app, ops } = gateway;
  closeOnSignals((m) => logger.info(m), async () => {
    await app.close();
    await telemetry?.shutdown();
  });
  const { host, port, path } = config.gateway;
  for (const [listener, at] of [[ops, config.gateway.ops], [app, { host, port }]] as const) {
    try {
      await listener.listen({ host: at.host, port: at.port });
    } catch (error) {
      logger.fatal(`cannot listen on ${at.host}:${at.port}: ${(error as Error).message}`);
      process.exit(1);
    }
  }
  logger.info(`gateway ready at http://${host}:${port}${path} (supergraph: ${config.gateway.supergraph.mode}); ops at http://${config.gateway.ops.host}:${config.gateway.ops.port}/health/subgraphs`);
}

void main();
