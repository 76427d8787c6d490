import { loadConfig, ConfigError, isSubgraphName, type Config, type ConfigRole } from './config';

/**
 * What every entry point (gateway, subgraphs, scripts) does the same way: read the configuration or
 * stop with the message that names the variable, and shut down once on SIGINT or SIGTERM.
 */

/** The keys a process needs and may hold follow from what it is (see `ConfigRole`). */
function roleOf(who: string): ConfigRole {
  if (who === 'gateway' || who === 'token') return who;
  return isSubgraphName(who) ? 'subgraph' : 'tool';
}

export function configOrExit(who: string): Config {
  try {
    return loadConfig(process.env, {}, roleOf(who));
  } catch (error) {
    process.stderr.write(`${who}: ${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(78); // EX_CONFIG
  }
}

export function closeOnSignals(log: (message: string) => void, close: () => Promise<void>): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log(`${signal} received, shutting down`);
    await close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** The most subjects a tool generates or loads: far above any dataset this runs on, far below what would overflow. */
export const MAX_SUBJECTS = 100_000_000;

/**
 * A whole number an operator wrote on a command line: decimal digits only (`_` may group them:
 * `1_000_000`), from `min` to `max`; null for anything else (`1e3`, `0x10`, `-1`, `1.5`, a number
 * past `max`), which the tool refuses with its usage line rather than guess.
 */
export function wholeNumber(raw: string, min: number, max: number): number | null {
  if (!/^\d+(_\d+)*$/.test(raw)) return null;
  const n = Number(raw.replaceAll('_', ''));
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}
