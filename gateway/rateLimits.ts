import { GraphQLError } from 'graphql';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type IRateLimiterOptions } from 'rate-limiter-flexible';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal, PrincipalKind } from '../shared/policy/principal';
import { BURST_WINDOW_SECONDS, PRINCIPAL_KINDS, type RateLimitsConfig } from '../shared/safelistAndRateLimits';
import type { GatewayObserver, RateLimitKind } from './observe';

/**
 * Rate limits and quotas per principal, counted in Redis when `CG_REDIS_URL` is set (so every
 * gateway instance shares them) and in the process otherwise:
 * - requests per second per principal, per kind, with a burst allowance past it;
 * - inquiries (requests for non-public data, which leave an inquiry record) per UTC day per
 *   organization or subject, per kind: the daily quota a credit service body is licensed for;
 * - failed authentications per minute per client address, so tokens cannot be guessed at speed.
 *
 * A principal is an organization (by its id), a subject (by its code) or, for the public, a client
 * address (`request.ip`, which honours Fastify's `trustProxy`). Limits are checked after the token
 * is verified, with that verified principal; an inquiry is counted once the operation is authorized
 * and before anything is fetched. Over a limit: HTTP 429, `RATE_LIMITED` in the GraphQL error shape,
 * `Retry-After` and the IETF draft's `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`
 * (also sent on every request that is admitted).
 *
 * Redis counts through `RateLimiterRedis` with an in-memory `insuranceLimiter`: while Redis is
 * unreachable or slow, each process counts on its own with the same limits (logged), which is
 * never an open door and never a 5xx.
 */

export interface RateLimitsLog {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

export interface RateLimitsOptions {
  readonly log: RateLimitsLog;
  readonly observer?: GatewayObserver;
  /** How long a Redis command may take before the process counts on its own, in ms (1000). */
  readonly redisCommandTimeoutMs?: number;
}

/** What the context function and the authorizing gateway call (gateway/context.ts, gateway/authorizingGateway.ts). */
export interface RequestLimits {
  /** A bearer token failed verification: counts it for the address (throws 429 past the limit). */
  authenticationFailed(request: FastifyRequest): Promise<void>;
  /** Counts one request of the verified principal; throws 429 past its rate, else sets the RateLimit headers. */
  admit(principal: Principal, request: FastifyRequest, reply?: FastifyReply): Promise<void>;
}

/** Counts inquiries before anything is fetched (gateway/authorizingGateway.ts). */
export interface InquiryQuota {
  /** Counts one inquiry of `principal`; a 429 `RATE_LIMITED` error when its daily quota is spent, else null. */
  consumeInquiry(principal: Principal): Promise<GraphQLError | null>;
}

/** The key a principal is counted under: its organization, its subject code or, for the public, its address. */
export function principalKey(principal: Principal, address: string): string {
  if (principal.organization) return `org:${principal.organization}`;
  if (principal.subject) return `subject:${principal.subject}`;
  return `ip:${address}`;
}

type StoreLimiter = RateLimiterMemory | RateLimiterRedis;
type Limiter = StoreLimiter | BurstyRateLimiter;

function secondsOf(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** The headers of a limit, as the IETF RateLimit header draft names them. */
function headersOf(limit: number, res: RateLimiterRes, refused: boolean): Array<[string, string]> {
  const reset = String(secondsOf(res.msBeforeNext));
  const headers: Array<[string, string]> = [
    ['ratelimit-limit', String(limit)],
    ['ratelimit-remaining', String(refused ? 0 : Math.max(0, res.remainingPoints))],
    ['ratelimit-reset', reset],
  ];
  if (refused) headers.push(['retry-after', reset]);
  return headers;
}

export function rateLimitedError(message: string, limit: RateLimitKind | 'authentication', headers: Array<[string, string]>): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'RATE_LIMITED', limit, http: { status: 429, headers: new Map(headers) } },
  });
}

/** Seconds from `now` to the next UTC midnight, and the UTC day `now` is in. */
function utcDay(now: number): { day: string; secondsLeft: number } {
  const date = new Date(now);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
  return { day: date.toISOString().slice(0, 10), secondsLeft: Math.max(1, Math.ceil((midnight - now) / 1000)) };
}

export class RateLimits implements RequestLimits, InquiryQuota {
  private readonly requests = new Map<PrincipalKind, { readonly limit: number; readonly limiter: Limiter }>();
  private readonly inquiries = new Map<PrincipalKind, { readonly limit: number; readonly limiter: Limiter }>();
  private readonly authFailures: { readonly limit: number; readonly limiter: StoreLimiter } | null;
  private readonly observer: GatewayObserver;
  private lastInsuranceLog = 0;
  /** Principals whose refusal was logged in the last 10 s: a flood is one log line per caller, not one per request. */
  private readonly logged = new LRUCache<string, true>({ max: 10_000, ttl: 10_000 });

  private constructor(
    private readonly config: RateLimitsConfig,
    private readonly options: RateLimitsOptions,
    private readonly redis: Redis | null,
  ) {
    this.observer = options.observer ?? {};
    const { requestsPerSecond, burst, inquiriesPerDay } = config;
    for (const kind of PRINCIPAL_KINDS) {
      const rps = requestsPerSecond[kind];
      if (rps !== undefined) {
        const main = this.limiter(`rps:${kind}`, rps, 1);
        const extra = burst[kind] ?? 0;
        this.requests.set(kind, {
          limit: rps,
          limiter: extra > 0 ? new BurstyRateLimiter(main, this.limiter(`burst:${kind}`, extra, BURST_WINDOW_SECONDS)) : main,
        });
      }
      const quota = inquiriesPerDay[kind];
      if (quota !== undefined) this.inquiries.set(kind, { limit: quota, limiter: this.limiter(`inquiries:${kind}`, quota, 86_400) });
    }
    this.authFailures = config.authFailuresPerMinute > 0 ? { limit: config.authFailuresPerMinute, limiter: this.limiter('authfail', config.authFailuresPerMinute, 60) } : null;
  }

  /** The limits of `config`; with a Redis URL, one Redis connection shared by every limit (closed by `close`). */
  static create(config: RateLimitsConfig, options: RateLimitsOptions): RateLimits {
    let redis: Redis | null = null;
    if (config.redisUrl) {
      redis = new Redis(config.redisUrl, {
        // A command waits for nothing: offline, or slower than the timeout, it fails and the process counts on its own.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: options.redisCommandTimeoutMs ?? 1_000,
        connectTimeout: 2_000,
        retryStrategy: (times) => Math.min(times * 250, 2_000),
      });
      let down = false;
      redis.on('error', (error: Error) => {
        if (down) return;
        down = true;
        options.log.warn({ reason: error.message }, 'Redis unreachable: rate limits and quotas are counted per gateway process until it is back');
      });
      redis.on('ready', () => {
        if (down) options.log.info({}, 'Redis is back: rate limits and quotas are shared across gateway instances again');
        down = false;
      });
    }
    return new RateLimits(config, options, redis);
  }

  /** Whether the counts are shared through Redis (whether or not it is reachable right now). */
  get shared(): boolean {
    return this.redis !== null;
  }

  private limiter(name: string, points: number, duration: number): StoreLimiter {
    const keyPrefix = `${this.config.redisPrefix}rl:${name}`;
    const memory = (opts: IRateLimiterOptions) => new RateLimiterMemory(opts);
    if (!this.redis) return memory({ keyPrefix, points, duration });
    // The insurance counts in this process while Redis cannot; its use is logged (at most every 30 s).
    const insurance = memory({ keyPrefix, points, duration });
    const consume = insurance.consume.bind(insurance);
    insurance.consume = (key, pointsToConsume, consumeOptions) => {
      this.insured();
      return consume(key, pointsToConsume, consumeOptions);
    };
    return new RateLimiterRedis({ storeClient: this.redis, keyPrefix, points, duration, rejectIfRedisNotReady: true, insuranceLimiter: insurance });
  }

  private insured(): void {
    // Redis is connected but did not answer (stopped, overloaded): drop the connection, so the
    // following requests count in the process at once (not ready) instead of each waiting the
    // command timeout, until the reconnection's ready check is answered.
    if (this.redis?.status === 'ready') this.redis.disconnect(true);
    const now = Date.now();
    if (now - this.lastInsuranceLog < 30_000) return;
    this.lastInsuranceLog = now;
    this.options.log.warn({}, 'Redis did not answer in time: this gateway process counts rate limits and quotas on its own for now');
  }

  /** One point of `limiter` for `key`: the result, refused or not. Errors other than a refusal propagate. */
  private async take(limiter: Limiter, key: string, customDuration?: number): Promise<{ res: RateLimiterRes; refused: boolean }> {
    try {
      // customDuration sets a new key's lifetime (the rest of a UTC day); the typings ask for a Mongo-only field.
      return { res: await limiter.consume(key, 1, (customDuration === undefined ? {} : { customDuration }) as never), refused: false };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { res: rejection, refused: true };
      throw rejection;
    }
  }

  async authenticationFailed(request: FastifyRequest): Promise<void> {
    if (!this.authFailures) return;
    const { res, refused } = await this.take(this.authFailures.limiter, `ip:${request.ip}`);
    if (refused) this.refuseAuthentication(res, request.ip);
  }

  /** Logs a refusal once per caller and limit every 10 s (the observer still counts every one). */
  private logRefusal(key: string, details: Record<string, unknown>, message: string): void {
    if (this.logged.has(key)) return;
    this.logged.set(key, true);
    this.options.log.warn(details, message);
  }

  private refuseAuthentication(res: RateLimiterRes, address: string): never {
    const limit = this.authFailures?.limit ?? 0;
    this.observer.rateLimited?.('PUBLIC', 'requests');
    this.logRefusal(`auth:${address}`, { limit }, 'too many failed authentications from one address; its further failures are refused for now');
    throw rateLimitedError(`Too many failed authentications from this address; retry in ${secondsOf(res.msBeforeNext)} s`, 'authentication', headersOf(limit, res, true));
  }

  async admit(principal: Principal, request: FastifyRequest, reply?: FastifyReply): Promise<void> {
    const entry = this.requests.get(principal.kind);
    if (!entry) return;
    const key = principalKey(principal, request.ip);
    const { res, refused } = await this.take(entry.limiter, key);
    const headers = headersOf(entry.limit, res, refused);
    if (refused) {
      this.observer.rateLimited?.(principal.kind, 'requests');
      // The organization is named; a subject's code and a public address are personal data, and are not.
      this.logRefusal(`rps:${key}`, { kind: principal.kind, organization: principal.kind === 'SUBJECT' ? null : principal.organization, limit: entry.limit }, 'request rate limit reached');
      throw rateLimitedError(`Too many requests: at most ${entry.limit} per second for this caller; retry in ${secondsOf(res.msBeforeNext)} s`, 'requests', headers);
    }
    if (reply) for (const [name, value] of headers) void reply.header(name, value);
  }

  async consumeInquiry(principal: Principal, now: number = Date.now()): Promise<GraphQLError | null> {
    const entry = this.inquiries.get(principal.kind);
    if (!entry) return null;
    const key = principal.organization ? `org:${principal.organization}` : principal.subject ? `subject:${principal.subject}` : null;
    if (!key) return null; // the public makes no inquiries: it sees only public data
    const { day, secondsLeft } = utcDay(now);
    const { res, refused } = await this.take(entry.limiter, `${key}:${day}`, secondsLeft);
    if (!refused) return null;
    this.observer.rateLimited?.(principal.kind, 'inquiries');
    this.logRefusal(`quota:${key}`, { kind: principal.kind, organization: principal.kind === 'SUBJECT' ? null : principal.organization, quota: entry.limit }, 'daily inquiry quota spent');
    // The quota resets at UTC midnight, whatever the window the store keeps.
    const reset = { ...res, msBeforeNext: secondsLeft * 1000 } as RateLimiterRes;
    return rateLimitedError(`The daily inquiry quota of this caller (${entry.limit}) is spent; it resets at 00:00 UTC`, 'inquiries', headersOf(entry.limit, reset, true));
  }

  async close(): Promise<void> {
    if (!this.redis) return;
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }
}
