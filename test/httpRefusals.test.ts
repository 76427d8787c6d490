import Fastify, { type FastifyInstance } from 'fastify';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { GRAPHQL_SHAPED_FRAMEWORK_ERRORS } from '../shared/http';

/**
 * What Node's HTTP parser refuses before Fastify routes anything (headers over the size limit, bytes
 * that are not HTTP) answers in the GraphQL error shape too, over a real socket: the only place it happens.
 */
describe('refusals of the HTTP parser', () => {
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    app = Fastify({ logger: false, ...GRAPHQL_SHAPED_FRAMEWORK_ERRORS });
    app.get('/', async () => 'ok');
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });

  afterAll(() => app.close());

  function raw(request: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(request));
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as unknown;

  it('answers 431 with a BAD_REQUEST error to headers over the limit, without repeating them', async () => {
    const answer = await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Padding: ${'x'.repeat(100_000)}\r\n\r\n`);
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(bodyOf(answer)).toEqual({ errors: [{ message: 'The request line and headers are over the size limit', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('answers 400 with a BAD_REQUEST error to bytes that are not HTTP', async () => {
    const answer = await raw('NOT HTTP AT ALL\r\n\r\n');
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(bodyOf(answer)).toEqual({ errors: [{ message: 'The request is not valid HTTP', extensions: { code: 'BAD_REQUEST' } }] });
  });
});
