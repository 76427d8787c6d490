import { createHash } from 'node:crypto';
import { readFileSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import { Kind, parse, print, type DefinitionNode, type DocumentNode } from 'graphql';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { PersistedQueriesConfig, PersistedQueriesMode } from '../shared/safelistAndRateLimits';
import type { GatewayObserver } from './observe';

/**
 * Persisted queries and the operation safelist, as Apollo Router has them: a manifest of the
 * operations first-party clients may run, in Apollo's persisted-query manifest format, read from a
 * file and read again when it changes. A client names an operation by its id in
 * `extensions.persistedQuery.sha256Hash` (Apollo clients' way), with or without its body, or sends
 * the body. What a request may run is settled here, in a Fastify hook on the GraphQL route, before
 * Apollo Server sees the request: an id is replaced by the listed body and the extension removed,
 * so Apollo Server's own APQ cache never registers or serves an operation while a safelist holds
 * (and Apollo Server's APQ is turned off in those modes besides: `apolloPersistedQueries`).
 *
 * Bodies are compared as Apollo Router compares them: parsed, their definitions sorted (operations
 * by name, then fragments by name) and printed again, so whitespace, commas, comments and the order
 * of definitions do not matter; a body that does not parse is compared as it is.
 */

export const MANIFEST_FORMAT = 'apollo-persisted-query-manifest';

export interface ManifestOperation {
  readonly id: string;
  readonly name: string;
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly body: string;
}

export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly version: 1;
  readonly operations: readonly ManifestOperation[];
}

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/** sha256 of a text, hex: the id Apollo's manifest generator gives an operation's body. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function sortedDocument(document: DocumentNode): DocumentNode {
  const nameOf = (d: DefinitionNode) => ('name' in d && d.name ? d.name.value : '');
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  const byName = (a: DefinitionNode, b: DefinitionNode) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0);
  return { ...document, definitions: [...[...operations].sort(byName), ...[...fragments].sort(byName)] };
}

/**
 * A body as the safelist compares it (Apollo Router's normalization): definitions sorted, ignored
 * characters gone. A body that does not parse (or has more tokens than `maxTokens`) stays as it is.
 */
export function normalizeBody(body: string, maxTokens?: number): string {
  try {
    return print(sortedDocument(parse(body, { noLocation: true, ...(maxTokens ? { maxTokens } : {}) })));
  } catch {
    return body;
  }
}

const OPERATION_TYPES = new Set(['query', 'mutation', 'subscription']);

/** Reads a manifest's text, refusing anything but Apollo's format, version 1, with well-formed operations. */
export function parseManifest(text: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`not JSON: ${(error as Error).message}`);
  }
  const manifest = raw as { format?: unknown; version?: unknown; operations?: unknown };
  if (typeof raw !== 'object' || raw === null || manifest.format !== MANIFEST_FORMAT) {
    throw new ManifestError(`"format" must be "${MANIFEST_FORMAT}"`);
  }
  if (manifest.version !== 1) throw new ManifestError('"version" must be 1');
  if (!Array.isArray(manifest.operations)) throw new ManifestError('"operations" must be an array');
  const ids = new Set<string>();
  const operations: ManifestOperation[] = [];
  manifest.operations.forEach((entry: unknown, index) => {
    const op = entry as Partial<Record<keyof ManifestOperation, unknown>> | null;
    const where = `operations[${index}]`;
    if (typeof op !== 'object' || op === null) throw new ManifestError(`${where} is not an object`);
    if (typeof op.id !== 'string' || op.id === '') throw new ManifestError(`${where}.id must be a non-empty string`);
    if (typeof op.body !== 'string' || op.body.trim() === '') throw new ManifestError(`${where}.body must be a non-empty string`);
    if (typeof op.name !== 'string') throw new ManifestError(`${where}.name must be a string`);
    if (typeof op.type !== 'string' || !OPERATION_TYPES.has(op.type)) throw new ManifestError(`${where}.type must be query, mutation or subscription`);
    if (ids.has(op.id)) throw new ManifestError(`${where}.id "${op.id.slice(0, 64)}" is listed twice`);
    try {
      parse(op.body, { noLocation: true });
    } catch (error) {
      throw new ManifestError(`${where} (${op.name || op.id.slice(0, 16)}): its body is not valid GraphQL: ${(error as Error).message}`);
    }
    ids.add(op.id);
    operations.push({ id: op.id, name: op.name, type: op.type as ManifestOperation['type'], body: op.body });
  });
  return { format: MANIFEST_FORMAT, version: 1, operations };
}

/** A manifest ready to answer: by id, and by normalized body. */
class OperationList {
  readonly byId = new Map<string, ManifestOperation & { readonly normalized: string }>();
  readonly byBody = new Map<string, ManifestOperation>();
  /** The exact texts listed, to skip parsing for a client that sends a listed body as it is. */
  readonly exact = new Map<string, ManifestOperation>();

  constructor(readonly manifest: Manifest) {
    for (const op of manifest.operations) {
      const normalized = normalizeBody(op.body);
      this.byId.set(op.id, { ...op, normalized });
      this.byBody.set(normalized, op);
      this.exact.set(op.body, op);
    }
  }
}

export type SafelistCode = 'PERSISTED_QUERY_NOT_IN_LIST' | 'PERSISTED_QUERY_ID_REQUIRED' | 'BAD_REQUEST';

/** The answer to a `persistedQuery` extension that is not `{ version: 1, sha256Hash }`, in every mode. */
export const MALFORMED_PERSISTED_QUERY = 'extensions.persistedQuery must be an object { "version": 1, "sha256Hash": "<operation id>" }';

/** What the safelist decided about one operation of a request. */
export type Resolution =
  /** Run as sent: `query` is the body to run (the listed one when an id was resolved), `id` the listed id if any. */
  | { readonly kind: 'run'; readonly query: string | undefined; readonly id: string | null; readonly resolvedId: boolean; readonly outcome: 'listed' | 'unlisted_logged' | 'off' | 'apq' }
  | { readonly kind: 'refuse'; readonly code: SafelistCode; readonly message: string };

/** The parts of a GraphQL request the safelist reads. */
export interface OperationRequest {
  readonly query?: unknown;
  readonly operationName?: unknown;
  readonly extensions?: unknown;
}

interface PersistedQueryExtension {
  readonly version?: unknown;
  readonly sha256Hash?: unknown;
}

/**
 * The `persistedQuery` extension of a request: null when there is none (absent, or JSON null, as
 * Apollo Server reads it), 'malformed' when it is anything but `{ version: 1, sha256Hash: "<id>" }`.
 */
export function persistedQueryOf(extensions: unknown): { readonly sha256Hash: string } | 'malformed' | null {
  if (typeof extensions !== 'object' || extensions === null) return null;
  const pq = (extensions as { persistedQuery?: unknown }).persistedQuery;
  if (pq === undefined || pq === null) return null;
  if (typeof pq !== 'object' || Array.isArray(pq)) return 'malformed';
  const { version, sha256Hash } = pq as PersistedQueryExtension;
  return version === 1 && typeof sha256Hash === 'string' && sha256Hash !== '' ? { sha256Hash } : 'malformed';
}

export interface SafelistLog {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export interface PersistedQueriesOptions {
  readonly log: SafelistLog;
  readonly observer?: GatewayObserver;
  /** The gateway's token limit, so a stranger's unlisted body costs no more to compare than to refuse. */
  readonly maxTokens?: number;
  /** How often the manifest file is checked for a change, in milliseconds (500). */
  readonly watchIntervalMs?: number;
}

const NO_OBSERVER: GatewayObserver = {};

/** An operation name as a log may carry it: short, printable, the client's own word. */
function loggedName(name: unknown): string | null {
  return typeof name === 'string' && name !== '' ? name.slice(0, 100).replace(/\p{Cc}/gu, '?') : null;
}

/**
 * The persisted-query manifest and the mode it is enforced in. `open` reads the manifest (a broken
 * one is an error at start); `register` hooks it into the GraphQL route; the file is watched and
 * read again when it changes (a broken new manifest keeps the old one, and says why in the log).
 */
export class PersistedQueries {
  private list: OperationList | null;
  private watched: string | null = null;
  /** Refusals logged in the last 10 s, by code and operation: a flood of one operation is one log line. */
  private readonly logged = new LRUCache<string, true>({ max: 10_000, ttl: 10_000 });

  private constructor(
    readonly mode: PersistedQueriesMode,
    private readonly file: string | null,
    list: OperationList | null,
    private readonly options: PersistedQueriesOptions,
  ) {
    this.list = list;
  }

  /** Reads the manifest of `config`; throws with the file and the reason when it cannot be used. */
  static open(config: PersistedQueriesConfig, options: PersistedQueriesOptions): PersistedQueries {
    if (config.mode === 'off') return new PersistedQueries('off', null, null, options);
    if (!config.manifest) throw new Error(`CG_PERSISTED_QUERIES=${config.mode} needs CG_PERSISTED_QUERIES_MANIFEST`);
    let list: OperationList;
    try {
      list = new OperationList(parseManifest(readFileSync(config.manifest, 'utf8')));
    } catch (error) {
      throw new Error(`cannot use the persisted-query manifest ${config.manifest} (CG_PERSISTED_QUERIES_MANIFEST): ${(error as Error).message}`, { cause: error });
    }
    const queries = new PersistedQueries(config.mode, config.manifest, list, options);
    options.log.info({ mode: config.mode, operations: list.byId.size, manifest: config.manifest }, 'persisted-query manifest loaded');
    return queries;
  }

  /** How many operations the manifest in force lists. */
  get size(): number {
    return this.list?.byId.size ?? 0;
  }

  /**
   * What Apollo Server's `persistedQueries` option must be: its automatic persisted queries (which
   * register any operation a client sends with its hash) are off while a safelist holds.
   */
  get apolloPersistedQueries(): false | undefined {
    return this.mode === 'safelist' || this.mode === 'require-id' ? false : undefined;
  }

  /** Reads the manifest file again; keeps the one in force when the new one cannot be used. */
  reload(): boolean {
    if (!this.file) return false;
    try {
      const list = new OperationList(parseManifest(readFileSync(this.file, 'utf8')));
      this.list = list;
      this.options.log.info({ operations: list.byId.size, manifest: this.file }, 'persisted-query manifest reloaded');
      return true;
    } catch (error) {
      this.options.log.error(
        { manifest: this.file, reason: (error as Error).message, kept: this.size },
        'persisted-query manifest not reloaded: the new file cannot be used, the previous manifest stays in force',
      );
      return false;
    }
  }

  /** Starts watching the manifest file for changes (polling its stat, which survives atomic renames). */
  watch(): void {
    if (!this.file || this.watched) return;
    this.watched = this.file;
    watchFile(this.file, { interval: this.options.watchIntervalMs ?? 500, persistent: false }, (current: Stats, previous: Stats) => {
      if (current.mtimeMs === previous.mtimeMs && current.size === previous.size && current.ino === previous.ino) return;
      if (current.nlink === 0 && current.size === 0 && current.mtimeMs === 0) {
        this.options.log.error({ manifest: this.file }, 'persisted-query manifest file is gone; the previous manifest stays in force');
        return;
      }
      this.reload();
    });
  }

  close(): void {
    if (this.watched) unwatchFile(this.watched);
    this.watched = null;
  }

  /** Decides one operation. Pure but for logging and the observer. */
  resolve(operation: OperationRequest): Resolution {
    const observer = this.options.observer ?? NO_OBSERVER;
    const query = typeof operation.query === 'string' && operation.query !== '' ? operation.query : undefined;
    const list = this.list;
    // A malformed extension is the caller's error in every mode (Apollo Server's APQ, when on, would
    // refuse it in its own words; with APQ off it would fail as an internal error).
    const pq = persistedQueryOf(operation.extensions);
    if (pq === 'malformed') return { kind: 'refuse', code: 'BAD_REQUEST', message: MALFORMED_PERSISTED_QUERY };
    if (this.mode === 'off' || !list) return { kind: 'run', query, id: null, resolvedId: false, outcome: 'off' };
    const refuse = (code: SafelistCode, message: string, details: { readonly operationName: string | null; readonly id?: string; readonly sha256?: string }): Resolution => {
      observer.safelist?.('refused');
      const key = `${code}:${details.id ?? details.sha256 ?? ''}`;
      if (!this.logged.has(key)) {
        this.logged.set(key, true);
        this.options.log.warn({ ...details, mode: this.mode, code }, 'operation refused by the persisted-query safelist');
      }
      return { kind: 'refuse', code, message };
    };
    const operationName = loggedName(operation.operationName);
    if (pq) {
      const id = pq.sha256Hash;
      const listed = list.byId.get(id);
      if (listed) {
        if (query !== undefined && query !== listed.body && normalizeBody(query, this.options.maxTokens) !== listed.normalized) {
          return refuse('PERSISTED_QUERY_NOT_IN_LIST', 'The operation sent does not match the persisted query of that id', {
            operationName,
            id: id.slice(0, 64),
          });
        }
        observer.safelist?.('listed');
        return { kind: 'run', query: listed.body, id, resolvedId: true, outcome: 'listed' };
      }
      if (this.mode !== 'log-unknown') {
        return refuse('PERSISTED_QUERY_NOT_IN_LIST', 'This persisted query id is not in the list of allowed operations', { operationName, id: id.slice(0, 64) });
      }
      // log-unknown serves everything: an id it does not list is Apollo Server's automatic persisted
      // query (APQ), which it looks up or registers as usual.
      observer.safelist?.('unlisted_logged');
      this.options.log.warn(
        { operationName, id: id.slice(0, 64), ...(query !== undefined ? { sha256: sha256(query) } : {}) },
        'unknown operation: a persisted query id not in the manifest (served: log-unknown)',
      );
      return { kind: 'run', query, id: null, resolvedId: false, outcome: 'apq' };
    }
    if (query === undefined) return { kind: 'run', query, id: null, resolvedId: false, outcome: 'off' }; // Apollo refuses an empty request
    if (this.mode === 'require-id') {
      return refuse(
        'PERSISTED_QUERY_ID_REQUIRED',
        'This endpoint serves only persisted queries: send the operation id in extensions.persistedQuery.sha256Hash',
        { operationName, sha256: sha256(query) },
      );
    }
    const listed = list.exact.get(query) ?? list.byBody.get(normalizeBody(query, this.options.maxTokens));
    if (listed) {
      observer.safelist?.('listed');
      return { kind: 'run', query, id: listed.id, resolvedId: false, outcome: 'listed' };
    }
    if (this.mode === 'safelist') {
      return refuse('PERSISTED_QUERY_NOT_IN_LIST', 'This operation is not in the list of allowed operations', { operationName, sha256: sha256(query) });
    }
    observer.safelist?.('unlisted_logged');
    this.options.log.warn({ operationName, sha256: sha256(query) }, 'unknown operation: not in the persisted-query manifest (served: log-unknown)');
    return { kind: 'run', query, id: null, resolvedId: false, outcome: 'unlisted_logged' };
  }

  /**
   * Hooks the safelist into the GraphQL route at `path` (POST bodies and GET query strings). With
   * the safelist off the hook still refuses a malformed `persistedQuery` extension, as in every mode.
   */
  register(app: FastifyInstance, path: string): void {
    app.addHook('preHandler', async (request, reply) => {
      if (request.routeOptions.url !== path) return;
      return this.handle(request, reply);
    });
    app.addHook('onClose', async () => this.close());
    this.watch();
  }

  private refusal(reply: FastifyReply, code: SafelistCode, message: string) {
    return reply
      .code(400)
      .header('cache-control', 'no-store')
      .header('content-type', 'application/json; charset=utf-8')
      .send({ errors: [{ message, extensions: { code } }] });
  }

  private async handle(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    if (request.method === 'POST') {
      const body = request.body;
      const operations = Array.isArray(body) ? body : [body];
      for (const operation of operations) {
        if (typeof operation !== 'object' || operation === null) continue; // Apollo refuses the malformed body
        const resolution = this.resolve(operation as OperationRequest);
        if (resolution.kind === 'refuse') return this.refusal(reply, resolution.code, resolution.message);
        if (resolution.resolvedId) {
          const op = operation as { query?: unknown; extensions?: Record<string, unknown> };
          op.query = resolution.query;
          const { persistedQuery: _resolved, ...rest } = op.extensions ?? {};
          op.extensions = rest;
        }
      }
      return;
    }
    if (request.method === 'GET') {
      const url = new URL(request.url, 'http://gateway.invalid');
      const params = url.searchParams;
      let extensions: unknown;
      const extensionsText = params.get('extensions');
      if (extensionsText !== null) {
        try {
          extensions = JSON.parse(extensionsText);
        } catch {
          // Apollo Server answers a malformed `extensions` parameter; the body alone is checked here
          if (this.mode === 'require-id') return this.refusal(reply, 'PERSISTED_QUERY_ID_REQUIRED', 'The extensions parameter is not JSON');
          extensions = undefined;
        }
      }
      const resolution = this.resolve({ query: params.get('query') ?? undefined, operationName: params.get('operationName') ?? undefined, extensions });
      if (resolution.kind === 'refuse') return this.refusal(reply, resolution.code, resolution.message);
      if (resolution.resolvedId && resolution.query !== undefined) {
        params.set('query', resolution.query);
        const { persistedQuery: _resolved, ...rest } = extensions as Record<string, unknown>;
        if (Object.keys(rest).length > 0) params.set('extensions', JSON.stringify(rest));
        else params.delete('extensions');
        request.raw.url = `${url.pathname}?${params.toString()}`;
      }
    }
    return;
  }
}
