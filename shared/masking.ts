import type { GraphQLFormattedError } from 'graphql';
import { isErrorCode } from './errors';

export interface ErrorLogger {
  error(details: Record<string, unknown>, message: string): void;
}

/**
 * What a client may see of an error: registered codes pass with their message (and without any
 * stack trace); anything else is logged in full and answered as INTERNAL_SERVER_ERROR.
 */
export function maskFormattedError(formatted: GraphQLFormattedError, original: unknown, logger: ErrorLogger): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  logger.error({ err: original, path: formatted.path }, 'unexpected error while executing an operation');
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
