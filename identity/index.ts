import pino from 'pino';
import { configOrExit, closeOnSignals } from '../shared/process';
import { IdentityProviderRefused, startIdentityProvider } from './provider';

/**
 * The development sign-in provider's process (`npm start` runs it outside production, supervised
 * like the subgraphs; ready when its discovery document answers). NODE_ENV=production stops it at
 * once with exit 78: production signs in at a real provider (CG_OIDC_ISSUER).
 */
async function main(): Promise<void> {
  const config = configOrExit('identity');
  const logger = pino({ name: 'identity', level: config.logLevel });
  let provider;
  try {
    provider = await startIdentityProvider({
      host: config.identity.host,
      port: config.identity.port,
      issuer: config.identity.issuer,
      siteOrigins: config.identity.siteOrigins,
      audience: config.auth.audience,
      clientId: config.identity.clientId,
      seed: config.demo.seed,
      tokenMaxLifetimeSeconds: config.auth.tokenMaxLifetimeSeconds,
      nodeEnv: config.nodeEnv,
      log: (level, message, fields) => logger[level](fields ?? {}, message),
    });
  } catch (error) {
    logger.fatal(`cannot start the identity provider: ${(error as Error).message}`);
    process.exit(error instanceof IdentityProviderRefused ? 78 : 1);
  }
  closeOnSignals((m) => logger.info(m), () => provider.close());
  logger.info(`development identity provider ready at ${provider.issuer} (sign in at ${provider.issuer}/auth via the site), for ${config.identity.siteOrigins.join(', ')}`);
}

void main();
