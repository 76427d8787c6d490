import { GraphQLError } from 'graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticationError, type Verifier } from '../shared/auth/tokens';
import { isPurpose, PURPOSES, type Principal } from '../shared/policy/principal';
import { echo } from '../shared/errors';
import { GatewayRequest, type GatewayContext, type RequestDependencies } from './request';
import type { RequestLimits } from './rateLimits';

export const PURPOSE_HEADER = 'x-inquiry-purpose';

function purposeNotAllowed(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'PURPOSE_NOT_ALLOWED', http: { status: 403 } } });
}

/**
 * The purpose the request states, checked against the caller's token before anything is decided,
 * signed or recorded: only a purpose among the token's purposes is ever carried on. Stating one the
 * token does not hold (the public holds none) is refused, whatever the operation asks for.
 */
export function statedPurpose(principal: Principal, header: string | string[] | undefined): string | null {
  if (header === undefined || header === '') return null;
  if (typeof header !== 'string') throw purposeNotAllowed(`State one purpose of inquiry in ${PURPOSE_HEADER}, not several`);
  const purpose = header.trim();
  if (!isPurpose(purpose)) {
    throw purposeNotAllowed(`"${echo(purpose)}" is not a purpose of inquiry; known: ${Object.keys(PURPOSES).join(', ')}`);
  }
  if (!principal.purposes.includes(purpose)) {
    throw purposeNotAllowed(
      `Purpose "${purpose}" is not allowed for this caller; allowed: ${principal.purposes.length > 0 ? principal.purposes.join(', ') : 'none'}`,
    );
  }
  return purpose;
}

/**
 * Apollo's context function: verifies the caller once, counts the request against the verified
 * caller's rate limit (gateway/rateLimits.ts), checks the purpose it states, and creates the one
 * request object the rest of the gateway reads.
 */
export function contextFunction(verify: Verifier, dependencies: RequestDependencies, limits?: RequestLimits) {
  return async (request: FastifyRequest, reply?: FastifyReply): Promise<GatewayContext> => {
    let principal: Principal;
    try {
      principal = await verify(request.headers.authorization);
    } catch (error) {
      if (error instanceof AuthenticationError) {
        await limits?.authenticationFailed(request);
        throw new GraphQLError(`Authentication failed: ${error.message}`, {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) } },
        });
      }
      throw error;
    }
    await limits?.admit(principal, request, reply);
    // The request's id is Fastify's (gateway/requestLog.ts): the one in x-request-id, the logs and the inquiry record.
    return { request: new GatewayRequest(principal, statedPurpose(principal, request.headers[PURPOSE_HEADER]), dependencies, request.id) };
  };
}
