import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { print, parse } from 'graphql';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../shared/config';
import { buildGateway } from '../gateway/server';
import { normalizeBody, parseManifest, sha256, MALFORMED_PERSISTED_QUERY, MANIFEST_FORMAT, type ManifestOperation } from '../gateway/safelist';
import type { SafelistOutcome } from '../gateway/observe';
import { apiSchemaOf, buildManifest, manifestText } from '../scripts/persisted-manifest';
import { serveInProcess } from './support/inProcess';
import { SUPERGRAPH_FILE, testFetch } from './support/graph';

/**
 * The persisted-query safelist at the gateway (gateway/safelist.ts): each mode over HTTP, ids and
 * bodies, POST and GET, Apollo's own APQ kept from registering anything, the manifest reloaded when
 * its file changes, and the script that builds a manifest from a folder of operations. The
 * operations here need no subgraph (`__typename`), so no subgraph runs.
 */

const LISTED = 'query Listed { __typename }';
const OTHER = 'query Other { __typename }';
const listedOp = (body: string, name: string): ManifestOperation => ({ id: sha256(body), name, type: 'query', body });
const manifestOf = (...operations: ManifestOperation[]) => JSON.stringify({ format: MANIFEST_FORMAT, version: 1, operations });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cg-safelist-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Started {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly logs: Array<Record<string, unknown>>;
  readonly outcomes: SafelistOutcome[];
}

let fileCount = 0;
async function gatewayWith(mode: string, manifest: string | null, extra: Record<string, string> = {}): Promise<Started> {
  fileCount += 1;
  const file = path.join(dir, `manifest-${fileCount}.json`);
  if (manifest !== null) writeFileSync(file, manifest);
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = loadConfig(
    {},
    { CG_SUPERGRAPH: SUPERGRAPH_FILE, CG_PERSISTED_QUERIES: mode, CG_PERSISTED_QUERIES_MANIFEST: file, CG_RATE_LIMIT_RPS: 'off', ...extra },
  );
  const outcomes: SafelistOutcome[] = [];
  const { app } = await buildGateway({ config, logger: pino({ level: 'info' }, sink), subgraphFetch: testFetch, observer: { safelist: (o) => outcomes.push(o) } });
  return { app, url: serveInProcess(app, 'gateway'), logs, outcomes };
}

async function send(url: string, body: Record<string, unknown>) {
  const response = await testFetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function get(url: string, params: Record<string, string>) {
  const response = await testFetch(`${url}/graphql?${new URLSearchParams(params).toString()}`, { headers: { 'apollo-require-preflight': 'true' } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const byId = (id: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } });
const OK = { status: 200, body: { data: { __typename: 'Query' } } };
const notInList = (message: string) => ({ status: 400, body: { errors: [{ message, extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' } }] } });
const UNLISTED_BODY = notInList('This operation is not in the list of allowed operations');
const UNLISTED_ID = notInList('This persisted query id is not in the list of allowed operations');

describe('the manifest', () => {
  it('compares bodies as Apollo Router does: whitespace, commas, comments and the order of definitions do not matter', () => {
    const listed = 'fragment A on Query { __typename }   query SomeOp { ...A ...B }  fragment,,, B on Query{__typename  } # yeah';
    const sent = '#comment\n  fragment, B on Query  , { __typename }  query SomeOp {  ...A ...B }  fragment    \nA on Query { __typename }';
    expect(normalizeBody(sent)).toBe(normalizeBody(listed));
    expect(normalizeBody('query SomeOp { ...B ...A } fragment A on Query { __typename } fragment B on Query { __typename }')).not.toBe(normalizeBody(listed));
    // A body that does not parse is compared as it is.
    expect(normalizeBody('}}}')).toBe('}}}');
  });

  it.each([
    ['not JSON', '{', /^not JSON/],
    ['another format', JSON.stringify({ format: 'other', version: 1, operations: [] }), /"format" must be "apollo-persisted-query-manifest"/],
    ['another version', JSON.stringify({ format: MANIFEST_FORMAT, version: 2, operations: [] }), /"version" must be 1/],
    ['an id twice', manifestOf(listedOp(LISTED, 'Listed'), { ...listedOp(OTHER, 'Other'), id: sha256(LISTED) }), /operations\[1\]\.id "[0-9a-f]{64}" is listed twice/],
    ['a body that is not GraphQL', manifestOf({ id: 'x', name: 'Broken', type: 'query', body: 'query {' }), /operations\[0\] \(Broken\): its body is not valid GraphQL/],
    ['an unknown type', manifestOf({ ...listedOp(LISTED, 'Listed'), type: 'select' as 'query' }), /operations\[0\]\.type must be query, mutation or subscription/],
  ])('refuses a manifest with %s', (_case, text, message) => {
    expect(() => parseManifest(text)).toThrow(message);
  });

  it('is a clear error at start when it cannot be used, naming the file and the reason', async () => {
    await expect(gatewayWith('safelist', '{"format":"apollo-persisted-query-manifest","version":1}')).rejects.toThrow(
      /^cannot use the persisted-query manifest .*manifest-\d+\.json \(CG_PERSISTED_QUERIES_MANIFEST\): "operations" must be an array$/,
    );
    await expect(gatewayWith('safelist', null)).rejects.toThrow(/cannot use the persisted-query manifest .* ENOENT/);
  });

  it('is required by every mode but off', () => {
    expect(() => loadConfig({}, { CG_PERSISTED_QUERIES: 'safelist' })).toThrow(
      'Invalid configuration: CG_PERSISTED_QUERIES=safelist needs a manifest: set CG_PERSISTED_QUERIES_MANIFEST to its file',
    );
  });
});

describe('CG_PERSISTED_QUERIES=safelist', () => {
  let gateway: Started;
  beforeAll(async () => {
    gateway = await gatewayWith('safelist', manifestOf(listedOp(LISTED, 'Listed')));
  });
  afterAll(() => gateway.app.close());

  it('serves a listed body, also reformatted and commented', async () => {
    expect(await send(gateway.url, { query: LISTED })).toEqual(OK);
    expect(await send(gateway.url, { query: '# the listed one\nquery   Listed {\n  __typename\n}\n' })).toEqual(OK);
  });

  it('serves a listed id, without a body or with the matching body', async () => {
    expect(await send(gateway.url, byId(sha256(LISTED)))).toEqual(OK);
    expect(await send(gateway.url, { query: print(parse(LISTED)), ...byId(sha256(LISTED)) })).toEqual(OK);
  });

  it('refuses an unlisted body, an unknown id and a listed id sent with another body, with 400 and PERSISTED_QUERY_NOT_IN_LIST', async () => {
    expect(await send(gateway.url, { query: OTHER })).toEqual(UNLISTED_BODY);
    expect(await send(gateway.url, byId(sha256(OTHER)))).toEqual(UNLISTED_ID);
    expect(await send(gateway.url, { query: OTHER, ...byId(sha256(LISTED)) })).toEqual(notInList('The operation sent does not match the persisted query of that id'));
  });

  it("gives Apollo Server's automatic persisted queries no way to register an unlisted operation", async () => {
    // APQ registration: the body with its own hash. Refused, and the hash alone stays unknown.
    expect(await send(gateway.url, { query: OTHER, ...byId(sha256(OTHER)) })).toEqual(UNLISTED_ID);
    expect(await send(gateway.url, byId(sha256(OTHER)))).toEqual(UNLISTED_ID);
  });

  it('applies to GET as to POST', async () => {
    expect(await get(gateway.url, { query: LISTED })).toEqual(OK);
    expect(await get(gateway.url, { extensions: JSON.stringify(byId(sha256(LISTED)).extensions) })).toEqual(OK);
    expect(await get(gateway.url, { query: OTHER })).toEqual(UNLISTED_BODY);
    expect(await get(gateway.url, { extensions: JSON.stringify(byId(sha256(OTHER)).extensions) })).toEqual(UNLISTED_ID);
    expect(await get(gateway.url, { query: OTHER, extensions: JSON.stringify(byId(sha256(OTHER)).extensions) })).toEqual(UNLISTED_ID);
  });

  it('reports each decision to the observer', () => {
    expect(gateway.outcomes.filter((o) => o === 'listed').length).toBeGreaterThanOrEqual(6);
    expect(gateway.outcomes).toContain('refused');
    expect(gateway.outcomes).not.toContain('unlisted_logged');
  });
});

describe('CG_PERSISTED_QUERIES=require-id', () => {
  let gateway: Started;
  beforeAll(async () => {
    gateway = await gatewayWith('require-id', manifestOf(listedOp(LISTED, 'Listed')));
  });
  afterAll(() => gateway.app.close());

  it('serves only ids: a body, even a listed one, is refused with PERSISTED_QUERY_ID_REQUIRED', async () => {
    expect(await send(gateway.url, byId(sha256(LISTED)))).toEqual(OK);
    const idRequired = {
      status: 400,
      body: {
        errors: [
          {
            message: 'This endpoint serves only persisted queries: send the operation id in extensions.persistedQuery.sha256Hash',
            extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED' },
          },
        ],
      },
    };
    expect(await send(gateway.url, { query: LISTED })).toEqual(idRequired);
    expect(await get(gateway.url, { query: LISTED })).toEqual(idRequired);
    expect(await send(gateway.url, byId(sha256(OTHER)))).toEqual(UNLISTED_ID);
  });
});

describe('CG_PERSISTED_QUERIES=log-unknown', () => {
  let gateway: Started;
  beforeAll(async () => {
    gateway = await gatewayWith('log-unknown', manifestOf(listedOp(LISTED, 'Listed')));
  });
  afterAll(() => gateway.app.close());

  it('serves an unlisted operation and logs its name and hash, never its body or variables', async () => {
    const secret = 'query Other($hide: Boolean!) { __typename @skip(if: $hide) }';
    expect(await send(gateway.url, { query: secret, operationName: 'Other', variables: { hide: false, note: 'personal data' } })).toEqual(OK);
    const warned = gateway.logs.filter((l) => l.msg === 'unknown operation: not in the persisted-query manifest (served: log-unknown)');
    expect(warned).toEqual([expect.objectContaining({ level: 40, operationName: 'Other', sha256: sha256(secret) })]);
    const everything = JSON.stringify(gateway.logs);
    expect(everything).not.toContain('personal data');
    expect(everything).not.toContain('$hide');
    expect(gateway.outcomes).toEqual(['unlisted_logged']);
  });

  it('serves listed operations by body and by id without a warning', async () => {
    const before = gateway.logs.length;
    expect(await send(gateway.url, { query: LISTED })).toEqual(OK);
    expect(await send(gateway.url, byId(sha256(LISTED)))).toEqual(OK);
    expect(gateway.logs.slice(before).filter((l) => l.level === 40)).toEqual([]);
  });
});

describe('CG_PERSISTED_QUERIES=off', () => {
  it("leaves Apollo Server's automatic persisted queries as they are", async () => {
    const gateway = await gatewayWith('off', null);
    try {
      expect(await send(gateway.url, byId(sha256(OTHER)))).toEqual({
        status: 200,
        body: { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] },
      });
      expect(await send(gateway.url, { query: OTHER, ...byId(sha256(OTHER)) })).toEqual(OK);
      expect(await send(gateway.url, byId(sha256(OTHER)))).toEqual(OK);
      expect(gateway.outcomes).toEqual([]);
    } finally {
      await gateway.app.close();
    }
  });
});

describe('a malformed persistedQuery extension', () => {
  const MALFORMED = { status: 400, body: { errors: [{ message: MALFORMED_PERSISTED_QUERY, extensions: { code: 'BAD_REQUEST' } }] } };
  const malformed: ReadonlyArray<readonly [string, unknown]> = [
    ['a string', 'x'],
    ['a number', 1],
    ['true', true],
    ['an array', [sha256(LISTED)]],
    ['an empty object', {}],
    ['no sha256Hash', { version: 1 }],
    ['a sha256Hash that is a number', { version: 1, sha256Hash: 5 }],
    ['a sha256Hash that is an object', { version: 1, sha256Hash: { id: sha256(LISTED) } }],
    ['an empty sha256Hash', { version: 1, sha256Hash: '' }],
    ['no version', { sha256Hash: sha256(LISTED) }],
    ['version 2', { version: 2, sha256Hash: sha256(LISTED) }],
    ['version "1"', { version: '1', sha256Hash: sha256(LISTED) }],
  ];

  describe.each(['off', 'log-unknown', 'safelist', 'require-id'])('CG_PERSISTED_QUERIES=%s', (mode) => {
    let gateway: Started;
    beforeAll(async () => {
      gateway = await gatewayWith(mode, manifestOf(listedOp(LISTED, 'Listed')));
    });
    afterAll(() => gateway.app.close());

    it.each(malformed)("is the caller's error: 400 BAD_REQUEST for %s, by POST with or without a body, by GET and in a batch", async (_case, persistedQuery) => {
      const before = gateway.logs.length;
      const extensions = { persistedQuery };
      expect(await send(gateway.url, { query: LISTED, extensions })).toEqual(MALFORMED);
      expect(await send(gateway.url, { extensions })).toEqual(MALFORMED);
      expect(await get(gateway.url, { query: LISTED, extensions: JSON.stringify(extensions) })).toEqual(MALFORMED);
      const batch = await testFetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([byId(sha256(LISTED)), { query: LISTED, extensions }]),
      });
      expect({ status: batch.status, body: await batch.json() }).toEqual(MALFORMED);
      // Nothing is logged as a failure of the gateway, and no stack.
      const logged = gateway.logs.slice(before);
      expect(logged.filter((l) => (l.level as number) >= 50)).toEqual([]);
      expect(JSON.stringify(logged)).not.toMatch(/stack|\n\s+at /);
    });

    it('takes a persistedQuery of null for none, as Apollo Server does', async () => {
      const answer = await send(gateway.url, { query: LISTED, extensions: { persistedQuery: null } });
      expect(answer).toEqual(
        mode === 'require-id'
          ? {
              status: 400,
              body: {
                errors: [
                  {
                    message: 'This endpoint serves only persisted queries: send the operation id in extensions.persistedQuery.sha256Hash',
                    extensions: { code: 'PERSISTED_QUERY_ID_REQUIRED' },
                  },
                ],
              },
            }
          : OK,
      );
    });
  });
});

describe('the safelist and literal normalization', () => {
  // Both normalize to one operation with a variable: the safelist decides on the text the caller sent.
  const FLAGGED = 'query Flag { __typename @include(if: true) }';
  const UNFLAGGED = 'query Flag { __typename @include(if: false) }';

  it('serves a listed body with literals, by body and by id, and refuses the same operation with another literal', async () => {
    const gateway = await gatewayWith('safelist', manifestOf(listedOp(FLAGGED, 'Flag')));
    try {
      expect(await send(gateway.url, { query: FLAGGED })).toEqual(OK);
      expect(await send(gateway.url, byId(sha256(FLAGGED)))).toEqual(OK);
      expect(await get(gateway.url, { query: FLAGGED })).toEqual(OK);
      expect(await send(gateway.url, { query: UNFLAGGED })).toEqual(UNLISTED_BODY);
      expect(await get(gateway.url, { query: UNFLAGGED })).toEqual(UNLISTED_BODY);
    } finally {
      await gateway.app.close();
    }
  });

  it("leaves the text of an automatic persisted query as its hash names it (CG_PERSISTED_QUERIES=off)", async () => {
    const gateway = await gatewayWith('off', null);
    try {
      expect(await send(gateway.url, { query: FLAGGED, ...byId(sha256(FLAGGED)) })).toEqual(OK);
      expect(await send(gateway.url, byId(sha256(FLAGGED)))).toEqual(OK);
      expect(await send(gateway.url, { query: UNFLAGGED, ...byId(sha256(UNFLAGGED)) })).toEqual({ status: 200, body: { data: {} } });
    } finally {
      await gateway.app.close();
    }
  });
});

describe('hot reload', () => {
  it('follows the manifest file, and keeps the manifest in force when a new one is broken', async () => {
    const gateway = await gatewayWith('safelist', manifestOf(listedOp(LISTED, 'Listed')));
    const file = path.join(dir, `manifest-${fileCount}.json`);
    const until = async (check: () => Promise<boolean>) => {
      const deadline = Date.now() + 5_000;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error('the manifest was not reloaded within 5 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      expect(await send(gateway.url, { query: OTHER })).toEqual(UNLISTED_BODY);
      // Replaced atomically (written aside, renamed over), as deployments do.
      writeFileSync(`${file}.next`, manifestOf(listedOp(OTHER, 'Other')));
      const { renameSync } = await import('node:fs');
      renameSync(`${file}.next`, file);
      await until(async () => (await send(gateway.url, { query: OTHER })).status === 200);
      expect(await send(gateway.url, { query: LISTED })).toEqual(UNLISTED_BODY);

      // Written in place: the poll may also catch the file half written (refused as not JSON, and kept).
      writeFileSync(file, '{"format":"apollo-persisted-query-manifest","version":1,"operations":[{"id":"x"}]}');
      const refusal = (l: Record<string, unknown>) => l.msg === 'persisted-query manifest not reloaded: the new file cannot be used, the previous manifest stays in force';
      await until(() => Promise.resolve(gateway.logs.some((l) => refusal(l) && l.reason === 'operations[0].body must be a non-empty string')));
      expect(gateway.logs.filter(refusal).at(-1)).toEqual(expect.objectContaining({ level: 50, reason: 'operations[0].body must be a non-empty string', kept: 1 }));
      expect(await send(gateway.url, { query: OTHER })).toEqual(OK);
      expect(await send(gateway.url, { query: LISTED })).toEqual(UNLISTED_BODY);
    } finally {
      await gateway.app.close();
    }
  });
});

describe('scripts/persisted-manifest.ts', () => {
  const folder = (files: Record<string, string>) => {
    const at = mkdtempSync(path.join(dir, 'ops-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(at, name), text);
    return at;
  };

  it('lists one operation per file by name, its body printed by graphql-js and its id the sha256 of that body', () => {
    const at = folder({
      'b.graphql': 'query Zeta { __typename }',
      'a.graphql': '# comment\nquery   Alpha { ...F }  fragment F on Query { __typename }',
      'notes.txt': 'not an operation',
    });
    const alpha = 'query Alpha {\n  ...F\n}\n\nfragment F on Query {\n  __typename\n}';
    expect(buildManifest(at)).toEqual({
      format: MANIFEST_FORMAT,
      version: 1,
      operations: [
        { id: sha256(alpha), name: 'Alpha', type: 'query', body: alpha },
        { id: sha256('query Zeta {\n  __typename\n}'), name: 'Zeta', type: 'query', body: 'query Zeta {\n  __typename\n}' },
      ],
    });
    expect(manifestText(buildManifest(at))).toBe(manifestText(buildManifest(at)));
  });

  it.each([
    ['an anonymous operation', { 'a.graphql': '{ __typename }' }, /a\.graphql: the operation is anonymous/],
    ['two operations in a file', { 'a.graphql': 'query A { __typename } query B { __typename }' }, /a\.graphql: holds 2 operations/],
    ['two operations of one name', { 'a.graphql': 'query A { __typename }', 'b.graphql': 'query A { __typename }' }, /b\.graphql: an operation named A is already in .*a\.graphql/],
    ['an operation the schema refuses', { 'a.graphql': 'query A { nope }' }, /a\.graphql: A does not match the graph's schema: Cannot query field "nope" on type "Query"/],
  ])('refuses %s', (_case, files, message) => {
    expect(() => buildManifest(folder(files), apiSchemaOf(SUPERGRAPH_FILE))).toThrow(message);
  });

  it('keeps the committed example manifest the manifest of operations/, valid against the supergraph', () => {
    const root = path.resolve(__dirname, '..');
    const built = buildManifest(path.join(root, 'operations'), apiSchemaOf(SUPERGRAPH_FILE));
    expect(readFileSync(path.join(root, 'operations/persisted-query-manifest.json'), 'utf8')).toBe(manifestText(built));
    // The README's examples, and every operation of the web front ends (operations/site, operations/desk): one file each.
    const files = (folder: string): string[] =>
      readdirSync(folder, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(folder, e.name)) : e.name.endsWith('.graphql') ? [e.name] : []));
    expect(built.operations.map((o) => o.name)).toEqual(expect.arrayContaining(['CreditReport', 'LoanApprovalSummary', 'PublicSubject', 'SupervisionProfile', 'MyProfile']));
    expect(built.operations).toHaveLength(files(path.join(root, 'operations')).length);
  });
});
