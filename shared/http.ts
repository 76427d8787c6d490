import type { FastifyInstance, FastifyError } from 'fastify';

/**
 * HTTP-level failures (a body that is not JSON, a body too large, an unknown route) answer in the
 * same shape as GraphQL errors, with a registered code and no framework internals.
 */
export function graphqlShapedHttpErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unexpected error outside GraphQL execution');
      return reply.code(500).send({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    }
    return reply.code(status).send({ errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }] });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      errors: [{ message: `No route ${request.method} ${request.url.split('?')[0]}`, extensions: { code: 'NOT_FOUND' } }],
    }),
  );
}
