import type { GraphQLFormattedError } from 'graphql';
import { isErrorCode } from './errors';
import { echoesCapped } from './http';

export interface ErrorLogger {
  error(details: Record<string, unknown>, message: string): void;
}

/** graphql-js's "Did you mean ...?" hints, which would tell a stranger the schema's names. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * An error without did-you-mean suggestions (graphql-armor's block-field-suggestions, for any error)
 * and with what it repeats of the caller's input capped to a short prefix.
 */
export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = echoesCapped(formatted.message.replace(SUGGESTION, '')).trim();
  return message === formatted.message ? formatted : { ...formatted, message };
}

/**
 * What a client may see of an error: registered codes pass with their message (and without any
 * stack trace or suggestion); anything else is logged in full and answered as INTERNAL_SERVER_ERROR.
 */
export function maskFormattedError(formatted: GraphQLFormattedError, original: unknown, logger: ErrorLogger): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions ?? {};
    const shown = withoutSuggestions(formatted);
    return { ...shown, message: withoutEchoedValue(shown.message), extensions };
  }
  logger.error({ err: original, path: formatted.path }, 'unexpected error while executing an operation');
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/**
 * graphql-js repeats a whole invalid variable value in its message (`Variable "$records" got invalid
 * value { ...every field... }; Field "x" is not defined`): the value goes, the reason stays. A caller
 * knows what it sent; an error never carries it back (nor into logs that collect error messages).
 */
export function withoutEchoedValue(message: string): string {
  return message.replace(/^(Variable "\$[_A-Za-z][_0-9A-Za-z]*") got invalid value [\s\S]*?; ([\s\S]*)$/, '$1 got an invalid value; $2');
}

