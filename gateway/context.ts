import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { FastifyRequest } from 'fastify';
import { AuthenticationError, type Verifier } from '../shared/auth/tokens';
import type { Principal } from '../shared/policy/principal';
import { RequestInquiry } from './inquiry';

/** What the gateway knows about the caller of one request, verified once and carried unchanged. */
export interface RequestAuth {
  readonly principal: Principal;
  /** The purpose of inquiry the request states (header `x-inquiry-purpose`). */
  readonly purpose: string | null;
  /** Identifies the request in logs, in the subgraphs' context and in inquiry records. */
  readonly requestId: string;
}

export interface GatewayContext {
  readonly auth: RequestAuth;
  /** Grants loaded and disclosures gathered for this request's inquiry record. */
  readonly inquiry: RequestInquiry;
}

export function contextFunction(verify: Verifier) {
  return async (request: FastifyRequest): Promise<GatewayContext> => {
    let principal: Principal;
    try {
      principal = await verify(request.headers.authorization);
    } catch (error) {
      if (error instanceof AuthenticationError) {
        throw new GraphQLError(`Authentication failed: ${error.message}`, {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) } },
        });
      }
      throw error;
    }
    const purpose = request.headers['x-inquiry-purpose'];
    return {
      auth: Object.freeze({ principal, purpose: typeof purpose === 'string' && purpose !== '' ? purpose : null, requestId: randomUUID() }),
      inquiry: new RequestInquiry(),
    };
  };
}
