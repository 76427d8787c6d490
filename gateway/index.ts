import pino from 'pino';
import { loadConfig, ConfigError, type Config } from '../shared/config';
import { buildGateway } from './server';

/** The gateway process: configure, load the supergraph, listen, shut down cleanly on a signal. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`gateway: ${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(78); // EX_CONFIG
  }
  const logger = pino({ name: 'gateway', level: config.logLevel });
  let gateway;
  try {
    gateway = await buildGateway({ config, logger });
  } catch (error) {
    logger.fatal(`cannot start the gateway: ${(error as Error).message}`);
    process.exit(1);
  }
  const { app } = gateway;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info(`${signal} received, shutting down`);
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
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
