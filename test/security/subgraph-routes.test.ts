import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { SUBGRAPH_NAMES } from '../../subgraphs/names';
import { SUBGRAPH_MODULES } from '../../subgraphs';
import type { Store } from '../../shared/store';
import { openTestStore, testDeps } from '../support/stores';
import { rawRequest } from '../support/rawHttp';

/**
 * Refuse by default: every route of every subgraph (Apollo and Mercurius alike, the access
 * subgraph's /internal routes included) needs the gateway's signed context, except GET and HEAD
 * /health, decided on the route Fastify matched and the method, never on the raw URL. Unknown routes
 * answer exactly like known ones (401 before any 404). Each request is written raw on a socket, so no
 * client normalises the target first.
 */

const MISSING = {
  status: 401,
  body: { errors: [{ message: 'subgraphs answer only the gateway: the signed request context is missing', extensions: { code: 'UNAUTHENTICATED' } }] },
};
const JSON_HEADERS = { 'content-type': 'application/json' };
const SDL = JSON.stringify({ query: '{ _service { sdl } }' });
const ENTITIES = JSON.stringify({
  query: 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }',
  variables: { r: [{ __typename: 'Subject', code: '9111010500088WXJ4C' }] },
});

/** Method, request target (`{port}` is the server's), body ('' for none): none of them may reach a handler. */
const REFUSED: ReadonlyArray<readonly [string, string, string]> = [
  ['POST', '/graphql', SDL],
  ['POST', '/graphql', ENTITIES],
  ['POST', '/%67raphql', SDL],
  ['POST', '/%67%72%61%70%68%71%6C', SDL],
  ['POST', '/GRAPHQL', SDL],
  ['POST', 'http://127.0.0.1:{port}/graphql', SDL],
  ['POST', 'http://evil.example/graphql', SDL],
  ['POST', 'http://127.0.0.1:{port}//graphql', SDL],
  ['POST', '//graphql', SDL],
  ['POST', '///graphql', SDL],
  ['POST', '/graphql/', SDL],
  ['POST', '/graphql//', SDL],
  ['POST', '/./graphql', SDL],
  ['POST', '/x/../graphql', SDL],
  ['POST', '/graphql%00', SDL],
  ['POST', '/graphql;x', SDL],
  ['POST', '/graphql?', SDL],
  ['POST', '/graphql?query=%7B__typename%7D', SDL],
  ['POST', '/graphql#fragment', SDL],
  ['POST', '/%zz', SDL],
  ['GET', '/graphql?query=%7B__typename%7D', ''],
  ['GET', '/graphql?query=%7B_service%7Bsdl%7D%7D', ''],
  ['GET', '/%67raphql?query=%7B__typename%7D', ''],
  ['HEAD', '/graphql', ''],
  ['OPTIONS', '/graphql', ''],
  ['OPTIONS', '*', ''],
  ['PUT', '/graphql', SDL],
  ['DELETE', '/graphql', ''],
  ['PATCH', '/graphql', SDL],
  ['POST', '/internal/subject-grants', '{"subjects":["9111010500088WXJ4C"]}'],
  ['POST', '/internal/inquiry-records', '{"records":[]}'],
  ['POST', '/%69nternal/subject-grants', '{"subjects":["9111010500088WXJ4C"]}'],
  ['POST', 'http://127.0.0.1:{port}/internal/inquiry-records', '{"records":[]}'],
  ['POST', '/internal//inquiry-records', '{"records":[]}'],
  ['GET', '/internal/subject-grants', ''],
  ['GET', '/graphiql', ''],
  ['GET', '/nothing-here', ''],
  ['POST', '/health', SDL],
  ['OPTIONS', '/health', ''],
  ['DELETE', '/health', ''],
  ['GET', '/health/', ''],
  ['GET', '//health', ''],
  ['GET', '/HEALTH', ''],
];

/** What answers without a context: the health checks, on the route Fastify matched, however it is written. */
const OPEN: ReadonlyArray<readonly [string, string]> = [
  ['GET', '/health'],
  ['GET', '/health/ready'],
  ['GET', '/health/live'],
  ['GET', '/health?verbose=1'],
  ['GET', '/%68ealth'],
  ['GET', 'http://127.0.0.1:{port}/health'],
];

describe.each(SUBGRAPH_NAMES)('the %s subgraph', (name) => {
  let store: Store;
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    // The worker's pooled store: these requests never reach it, so borrowing costs nothing.
    store = await openTestStore(SUBGRAPH_MODULES[name]);
    app = await SUBGRAPH_MODULES[name].buildServer(testDeps(store));
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const send = (method: string, target: string, body = '') =>
    rawRequest(port, method, target.replace('{port}', String(port)), body === '' ? {} : { headers: JSON_HEADERS, body });

  it.each(REFUSED)('refuses %s %s without a context, and answers nothing', async (method, target, body) => {
    const { status, body: answer } = await send(method, target, body);
    expect({ status, body: answer }).toEqual(method === 'HEAD' ? { status: 401, body: '' } : MISSING);
  });

  it.each(OPEN)('answers %s %s without a context: the health check only', async (method, target) => {
    const { status, body } = await send(method, target);
    expect({ status, body }).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('answers HEAD /health without a context, with no body', async () => {
    const { status, body } = await send('HEAD', '/health');
    expect({ status, body }).toEqual({ status: 200, body: '' });
  });

  it('refuses through fastify.inject too: a request without a context to its GraphQL route', async () => {
    const response = await app.inject({ method: 'POST', url: '/graphql', headers: JSON_HEADERS, payload: SDL });
    expect({ status: response.statusCode, body: response.json() }).toEqual(MISSING);
  });
});
