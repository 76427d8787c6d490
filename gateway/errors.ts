import type { GraphQLFormattedError } from 'graphql';
import { isErrorCode } from '../shared/errors';
import { maskFormattedError, type ErrorLogger } from '../shared/masking';

/**
 * The gateway's view of errors. A subgraph's own registered errors (BAD_USER_INPUT ...) pass through
 * with the subgraph's name; anything else a subgraph reports means that subgraph failed, and is
 * answered as SUBGRAPH_UNAVAILABLE for that subgraph only. Everything else is masked as usual.
 */
export function formatGatewayError(formatted: GraphQLFormattedError, original: unknown, logger: ErrorLogger): GraphQLFormattedError {
  const serviceName = formatted.extensions?.serviceName;
  const code = formatted.extensions?.code;
  if (typeof serviceName === 'string' && (!isErrorCode(code) || code === 'INTERNAL_SERVER_ERROR')) {
    logger.error({ err: original, serviceName, path: formatted.path }, 'subgraph failed');
    return {
      message: `The ${serviceName} subgraph failed; its fields are null`,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName },
    };
  }
  return maskFormattedError(formatted, original, logger);
}
