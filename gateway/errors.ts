import type { GraphQLFormattedError } from 'graphql';
import { isErrorCode } from '../shared/errors';
import { echoesCapped } from '../shared/http';
import { maskFormattedError, withoutSuggestions, type ErrorLogger } from '../shared/masking';
import { LIMIT_CODES, tokenLimitMessage } from './limits';

/** The code an operation limit reported with, under Apollo's GRAPHQL_VALIDATION_FAILED wrapper. */
function limitCodeOf(original: unknown): string | null {
  const inner = (original as { originalError?: { extensions?: Record<string, unknown> } } | undefined)?.originalError;
  const code = inner?.extensions?.code;
  return typeof code === 'string' && LIMIT_CODES.has(code) ? code : null;
}

/**
 * The gateway's view of errors. An operation limit keeps its own code (Apollo files it under
 * GRAPHQL_VALIDATION_FAILED, and the parser's token limit under GRAPHQL_PARSE_FAILED). A subgraph's
 * own registered errors (BAD_USER_INPUT ...) pass through with the subgraph's name; anything else a
 * subgraph reports means that subgraph failed, and is answered as SUBGRAPH_UNAVAILABLE for that
 * subgraph only. Everything else is masked as usual. No message suggests field or type names.
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
  if (code === 'GRAPHQL_VALIDATION_FAILED') {
    const limit = limitCodeOf(original);
    if (limit) {
      const { http: _http, ...extensions } = (original as { originalError: { extensions: Record<string, unknown> } }).originalError.extensions;
      return { message: formatted.message, extensions: { ...extensions, code: limit } };
    }
  }
  const status = (original as { extensions?: { http?: { status?: unknown } } } | undefined)?.extensions?.http?.status;
  if ((code === undefined || code === 'INTERNAL_SERVER_ERROR') && typeof status === 'number' && status >= 400 && status < 500) {
    // Apollo's own refusals of a malformed request that carry no code (an APQ hash that does not match).
    return { message: echoesCapped(formatted.message), extensions: { code: 'BAD_REQUEST' } };
  }
  if (code === 'GRAPHQL_PARSE_FAILED') {
    const tokens = tokenLimitMessage(formatted.message);
    if (tokens) return { message: tokens, extensions: { code: 'MAX_TOKENS_LIMIT' } };
  }
  return maskFormattedError(withoutSuggestions(formatted), original, logger);
}
