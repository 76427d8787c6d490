import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import type { Knex } from 'knex';
import { IMPORTS_ROUTE } from '../auth/context';
import type { RecordList, RecordSettings } from '../records';
import { refuseUnauthenticated, subgraphRequestOf } from '../subgraph/http';
import { ingestFile, type FileFormat } from './files';
import { submittingAuthority, type CategoryOf } from './resolvers';
import type { IngestReport } from './write';

/**
 * A sector subgraph's import route, `POST /internal/imports/:list`: one file of one record type,
 * sent by the gateway (`gateway/imports.ts`) for the source authority it authenticated. The body is
 * the file itself, streamed into `ingest()` as it arrives, never held whole.
 *
 * The gateway's signed context is checked like every route's (subgraphHttp's hooks), against the
 * body descriptor this route derives from the request: the list, the content type, the flag, and the
 * file's length and SHA-256 as the gateway stated them in headers. The bytes read are hashed as they
 * are imported; a length or hash that differs from the signed one rolls the import back before
 * anything is committed (401, as for any body the context was not made for).
 */

export const IMPORT_SHA256_HEADER = 'x-credit-graph-import-sha256';
export const IMPORT_BYTES_HEADER = 'x-credit-graph-import-bytes';

/** The content types of an import file, and the format each is read as. */
export const IMPORT_CONTENT_TYPES: Readonly<Record<string, FileFormat>> = { 'application/x-ndjson': 'ndjson', 'text/csv': 'csv' };

/** What a context for an import is signed over, in place of a JSON body. */
export interface ImportDescriptor {
  readonly list: string;
  readonly contentType: string;
  readonly acceptLegacyCodes: boolean;
  /** Hex SHA-256 of the file. */
  readonly sha256: string;
  readonly bytes: number;
}

/** A content type's media type, lower case, without parameters. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

function descriptorOf(request: FastifyRequest): ImportDescriptor {
  const { list } = request.params as { list?: string };
  const query = request.query as { acceptLegacyCodes?: unknown };
  const sha = request.headers[IMPORT_SHA256_HEADER];
  const bytes = Number(request.headers[IMPORT_BYTES_HEADER]);
  return {
    list: String(list ?? ''),
    contentType: mediaTypeOf(request.headers['content-type']),
    acceptLegacyCodes: query.acceptLegacyCodes === 'true',
    sha256: typeof sha === 'string' ? sha : '',
    bytes: Number.isSafeInteger(bytes) && bytes >= 0 ? bytes : -1,
  };
}

/** The read body was not the signed one: roll back, refuse. */
class BodyMismatch extends Error {}

/** A report as the import route answers it: counts, or (refused) the problems line by line. */
export function importAnswer(report: IngestReport): { status: number; body: Record<string, unknown> } {
  const counts = {
    recordType: report.recordType,
    received: report.received,
    created: report.created,
    corrected: report.corrected,
    unchanged: report.unchanged,
    notices: report.notices,
    written: report.written,
  };
  if (report.problemCount > 0) {
    const first = report.problems[0];
    const where = first ? ` (first: line ${first.line}, ${first.field} ${first.reason})` : '';
    return {
      status: 422,
      body: {
        errors: [
          {
            message: `${report.problemCount} problem(s) in the file, so nothing was written${where}`,
            extensions: { code: 'INVALID_RECORDS', problems: report.problems, problemCount: report.problemCount },
          },
        ],
        report: counts,
      },
    };
  }
  return { status: report.written ? 201 : 200, body: { report: counts } };
}

function refuse(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).send({ errors: [{ message, extensions: { code } }] });
}

export interface ImportRouteOptions {
  readonly lists: Readonly<Record<string, RecordList>>;
  readonly categoryOf: CategoryOf;
  readonly db: Knex;
  readonly settings: RecordSettings;
}

/** Adds `POST /internal/imports/:list` to a sector subgraph's server (its own content types, in a scope of their own). */
export async function registerImportRoute(app: FastifyInstance, options: ImportRouteOptions): Promise<FastifyInstance> {
  await app.register(async (scope) => {
    // The body is not parsed: the route streams `request.raw`. What the context is checked against is its descriptor.
    scope.addContentTypeParser(Object.keys(IMPORT_CONTENT_TYPES), (request, _payload, done) => done(null, descriptorOf(request)));
    scope.post(IMPORTS_ROUTE, async (request, reply) => {
      const descriptor = request.body as ImportDescriptor;
      const format = IMPORT_CONTENT_TYPES[descriptor.contentType];
      const list = Object.hasOwn(options.lists, descriptor.list) ? options.lists[descriptor.list] : undefined;
      if (!format) return refuse(reply, 400, 'BAD_REQUEST', 'An import file is application/x-ndjson or text/csv');
      if (!list?.ingest) return refuse(reply, 400, 'BAD_REQUEST', `No record list "${descriptor.list.slice(0, 40)}" of this sector takes imports`);
      let authority;
      try {
        authority = submittingAuthority(subgraphRequestOf(request).principal, list, options.categoryOf);
      } catch (error) {
        if (error instanceof GraphQLError) return refuse(reply, 403, 'FORBIDDEN', error.message);
        throw error;
      }
      const hash = createHash('sha256');
      let bytes = 0;
      async function* signedBytes(): AsyncGenerator<Uint8Array> {
        for await (const chunk of request.raw as AsyncIterable<Buffer>) {
          bytes += chunk.length;
          if (bytes > descriptor.bytes) throw new BodyMismatch();
          hash.update(chunk);
          yield chunk;
        }
        // Before ingest() commits: the whole body read is the file the context was signed for.
        if (bytes !== descriptor.bytes || hash.digest('hex') !== descriptor.sha256) throw new BodyMismatch();
      }
      let report: IngestReport;
      try {
        report = await ingestFile(
          options.db,
          { recordType: list.recordType, table: list.table, ingest: list.ingest },
          authority,
          { format, source: signedBytes(), options: { acceptLegacyCodes: descriptor.acceptLegacyCodes } },
          options.settings,
        );
      } catch (error) {
        if (error instanceof BodyMismatch) return refuseUnauthenticated(reply, 'the request body is not the one the signed request context was made for');
        throw error;
      }
      const answer = importAnswer(report);
      return reply.code(answer.status).send(answer.body);
    });
  });
  return app;
}
