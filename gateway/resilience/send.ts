import { STATUS_CODES } from 'node:http';
import type { FetcherResponse } from '@apollo/utils.fetcher';

/**
 * How the gateway talks to a subgraph, narrowed to what it sends and reads: a POST or GET of a JSON
 * string with plain headers, and an answer read in full. Node's `fetch` is one such send (tests route
 * it to in-process servers); the gateway's own (`subgraphPool`) goes through undici's dispatcher
 * directly, without the WHATWG Request, Response and streams that a fetch builds and consumes for
 * each call.
 */
export interface SubgraphSendInit {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

/** What the gateway reads of an answer; a WHATWG `Response` has all of it. */
export interface SubgraphReply {
  readonly status: number;
  readonly ok: boolean;
  readonly statusText: string;
  readonly headers: Iterable<[string, string]> & { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export type SubgraphSend = (url: string, init: SubgraphSendInit) => Promise<SubgraphReply>;

/**
 * An answer whose body has been read in full (within the fetch's time limit): what the guarded fetch
 * hands @apollo/gateway's data source, which reads it as a fetch Response (`FetcherResponse`). It is
 * immutable, so its body can be read any number of times and a clone is itself.
 */
export class SubgraphAnswer implements FetcherResponse, SubgraphReply {
  readonly redirected = false;
  readonly bodyUsed = false;

  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    readonly url: string,
    private readonly body: string,
  ) {}

  /** An answer read in full from any reply (a fetch Response, say). */
  static async of(url: string, reply: SubgraphReply): Promise<SubgraphAnswer> {
    if (reply instanceof SubgraphAnswer) return reply;
    return new SubgraphAnswer(reply.status, reply.statusText || (STATUS_CODES[reply.status] ?? ''), new Headers([...reply.headers]), url, await reply.text());
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(this.body, 'utf8');
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }

  clone(): SubgraphAnswer {
    return this;
  }
}
