import pino from 'pino';
import { configOrExit, closeOnSignals } from '../shared/process';
import { buildGateway } from './server';

/** The gateway process: configure, load the supergraph, listen, shut down cleanly on a signal. */
async function main(): Promise<void> {
  const config = configOrExit('gateway');
  const logger = pino({ name: 'gateway', level: config.logLevel });
  let gateway;
  try {
    gateway = await buildGateway({ config, logger });
  } catch (error) {
    logger.fatal(`cannot start the gateway: ${(error as Error).message}`);
    process.exit(1);
  }
  const { app } = gateway;
  closeOnSignals((m) => logger.info(m), () => app.close());
  const { host, port, path } = config.gateway;
  try {
    await app.listen({ host, port });
  } catch (error) {
    logger.fatal(`cannot listen on ${host}:${port}: ${(error as Error).message}`);
    process.exit(1);
  }
  logger.info(`gateway ready at http://${host}:${port}${path} (supergraph: ${config.gateway.supergraph.mode})`);
}

void main();
