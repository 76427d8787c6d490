import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { Agent, fetch as undiciFetch } from 'undici';
import type { Config } from '../shared/config';
import { AuthenticationError, type Verifier } from '../shared/auth/tokens';
import { CONTEXT_HEADER, IMPORTS_ROUTE, type ContextSigner } from '../shared/auth/context';
import { IMPORT_BYTES_HEADER, IMPORT_CONTENT_TYPES, IMPORT_SHA256_HEADER, mediaTypeOf, type ImportDescriptor } from '../shared/ingest/http';
import { FILE_FIELD } from '../shared/ingest/files';
import { isSubgraphName } from '../subgraphs/names';
import { echo } from '../shared/errors';
import type { RequestLimits } from './rateLimits';

/**
 * `POST /imports/<sector>/<listField>`: a source authority's daily file, NDJSON
 * (`application/x-ndjson`) or CSV (`text/csv`), `?acceptLegacyCodes=true` to take legacy subject
 * codes (marked). The gateway authenticates the bearer token like the GraphQL route (401 without a
 * valid one, 403 unless an AUTHORITY), spools the body to a temporary file while hashing it (413 over
 * `CG_IMPORT_BYTES_MAX`, nothing sent on), then streams the file to the sector subgraph's
 * `POST /internal/imports/:list` with a context signed for that route, that list, that content type,
 * that flag and that file's length and SHA-256. The subgraph checks the authority's `submits`, imports
 * all rows or none, and its answer is the caller's: 201 written, 200 nothing changed, 422
 * `INVALID_RECORDS` with the problems line by line, 400/403 for the request.
 */

export const IMPORTS_PATH = '/imports/:sector/:list';

/** A subgraph's import may run long (a million rows): its own connections, without the fetch timeouts of GraphQL fetches. */
function importFetch(): { send: typeof fetch; close(): Promise<void> } {
  const agent = new Agent({ headersTimeout: 60 * 60_000, bodyTimeout: 60 * 60_000, connect: { timeout: 10_000 } });
  const send = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent })) as unknown as typeof fetch;
  return { send, close: () => agent.close() };
}

export interface ImportDependencies {
  readonly config: Config;
  readonly verify: Verifier;
  readonly signer: ContextSigner;
  readonly limits?: RequestLimits;
  /** How the file goes to the subgraph: tests pass theirs; by default a connection pool of its own. */
  readonly subgraphFetch?: typeof fetch;
}

function refuse(reply: FastifyReply, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): FastifyReply {
  return reply.code(status).send({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/** A refusal the rate limits threw (429), as an HTTP answer. */
function refuseLimited(reply: FastifyReply, error: GraphQLError): FastifyReply {
  const http = error.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
  for (const [name, value] of http?.headers ?? []) void reply.header(name, value);
  const { http: _http, ...extensions } = error.extensions;
  return reply.code(http?.status ?? 429).send({ errors: [{ message: error.message, extensions }] });
}

class TooLarge extends Error {}

/** Spools the request's body into `file`, hashing it; TooLarge past `max` bytes. */
async function spool(request: FastifyRequest, file: string, max: number): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  let bytes = 0;
  try {
    for await (const chunk of request.raw as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > max) throw new TooLarge();
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
    }
    out.end();
    await finished(out);
  } catch (error) {
    out.destroy();
    throw error;
  }
  return { sha256: hash.digest('hex'), bytes };
}

const LIST_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

export async function registerImports(app: FastifyInstance, deps: ImportDependencies): Promise<void> {
  const max = deps.config.records.importBytesMax;
  const own = deps.subgraphFetch ? null : importFetch();
  const send = deps.subgraphFetch ?? own!.send;
  if (own) app.addHook('onClose', () => own.close());

  await app.register(async (scope) => {
    // The body is streamed from `request.raw` by the route, never parsed or buffered.
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    scope.post(IMPORTS_PATH, async (request, reply) => {
      if (request.headers.authorization === undefined) {
        void reply.header('www-authenticate', 'Bearer');
        return refuse(reply, 401, 'UNAUTHENTICATED', 'An import needs the bearer token of a source authority');
      }
      let principal;
      try {
        principal = await deps.verify(request.headers.authorization);
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        try {
          await deps.limits?.authenticationFailed(request);
        } catch (limited) {
          if (limited instanceof GraphQLError) return refuseLimited(reply, limited);
          throw limited;
        }
        void reply.header('www-authenticate', 'Bearer');
        return refuse(reply, 401, 'UNAUTHENTICATED', `Authentication failed: ${error.message}`);
      }
      try {
        await deps.limits?.admit(principal, request, reply);
      } catch (limited) {
        if (limited instanceof GraphQLError) return refuseLimited(reply, limited);
        throw limited;
      }
      if (principal.kind !== 'AUTHORITY') return refuse(reply, 403, 'FORBIDDEN', 'Only a source authority (an AUTHORITY token) imports records');

      const { sector, list } = request.params as { sector: string; list: string };
      // Every subgraph but access keeps records; access keeps who may query whom, which nobody imports.
      if (!isSubgraphName(sector) || sector === 'access') return refuse(reply, 400, 'BAD_REQUEST', `No sector "${echo(sector)}" takes imports`);
      if (!LIST_NAME.test(list)) return refuse(reply, 400, 'BAD_REQUEST', `No record list "${echo(list)}"`);
      const contentType = mediaTypeOf(request.headers['content-type']);
      const charset = /;\s*charset="?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
      if (!IMPORT_CONTENT_TYPES[contentType] || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
        return refuse(reply, 400, 'BAD_REQUEST', 'An import file is sent as application/x-ndjson or text/csv, in UTF-8');
      }
      const flag = (request.query as { acceptLegacyCodes?: unknown }).acceptLegacyCodes;
      if (flag !== undefined && flag !== 'true' && flag !== 'false') return refuse(reply, 400, 'BAD_REQUEST', 'acceptLegacyCodes is true or false');
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared > max) {
        void reply.header('connection', 'close');
        return refuse(reply, 413, 'BAD_REQUEST', `An import file is at most ${max} bytes (CG_IMPORT_BYTES_MAX); nothing was written`);
      }

      const dir = await mkdtemp(path.join(tmpdir(), 'cg-import-'));
      try {
        const file = path.join(dir, 'body');
        let spooled;
        try {
          spooled = await spool(request, file, max);
        } catch (error) {
          if (!(error instanceof TooLarge)) throw error;
          void reply.header('connection', 'close');
          return refuse(reply, 413, 'BAD_REQUEST', `An import file is at most ${max} bytes (CG_IMPORT_BYTES_MAX); nothing was written`);
        }
        if (spooled.bytes === 0) {
          return refuse(reply, 422, 'INVALID_RECORDS', 'The file is empty, so nothing was written', {
            problems: [{ line: 0, field: FILE_FIELD, reason: 'is empty' }],
            problemCount: 1,
          });
        }
        const descriptor: ImportDescriptor = { list, contentType, acceptLegacyCodes: flag === 'true', sha256: spooled.sha256, bytes: spooled.bytes };
        const context = await deps.signer.sign({ principal, purpose: null, requestId: request.id }, { audience: sector, route: IMPORTS_ROUTE, body: descriptor });
        const url = new URL(`/internal/imports/${list}`, deps.config.subgraphs[sector].url);
        if (descriptor.acceptLegacyCodes) url.searchParams.set('acceptLegacyCodes', 'true');
        let response: Response;
        try {
          response = await send(url, {
            method: 'POST',
            headers: {
              'content-type': contentType,
              'content-length': String(spooled.bytes),
              [CONTEXT_HEADER]: context,
              [IMPORT_SHA256_HEADER]: spooled.sha256,
              [IMPORT_BYTES_HEADER]: String(spooled.bytes),
            },
            body: Readable.toWeb(createReadStream(file)),
            duplex: 'half',
          });
        } catch (error) {
          request.log.error({ err: error, sector }, 'import: the subgraph does not answer');
          return refuse(reply, 502, 'SUBGRAPH_UNAVAILABLE', `The ${sector} subgraph does not answer; send the file again (a file already written changes nothing)`, { serviceName: sector });
        }
        const text = await response.text();
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = null;
        }
        // The caller's own mistakes come back as the subgraph said them; anything else is the subgraph's failure.
        if ([200, 201, 400, 403, 422].includes(response.status) && body !== null && typeof body === 'object') return reply.code(response.status).send(body);
        // A subgraph without imports (access) has no such route: the caller named a list no sector takes.
        if (response.status === 404) return refuse(reply, 400, 'BAD_REQUEST', `No record list "${echo(list)}" of ${sector} takes imports`);
        request.log.error({ sector, status: response.status }, 'import: the subgraph failed');
        return refuse(reply, 502, 'SUBGRAPH_UNAVAILABLE', `The ${sector} subgraph failed the import; send the file again (a file already written changes nothing)`, { serviceName: sector });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
}
