import { GraphQLError, getOperationAST, parse, print } from 'graphql';
import type {
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
  GatewaySchemaLoadOrUpdateCallback,
  GatewayExecutionResult,
} from '@apollo/server-gateway-interface';
import type { ApolloGateway } from '@apollo/gateway';
import { filterOperation, hashOf, nullAt, prepareOperation, SupergraphClassification, type AuthorizationMode, type FilterResult, type Removal } from './authorization';
import { LRUCache } from 'lru-cache';
import { isPurpose, type Principal } from '../shared/policy/principal';
import { GatewayRequest } from './request';
import type { InquiryWriter } from './inquiry';
import type { GatewayObserver } from './observe';
import { tracer, withSpan } from '../shared/telemetry';
import type { InquiryQuota } from './rateLimits';

export interface AuthorizingGatewayOptions {
  readonly mode: AuthorizationMode;
  readonly log: {
    info(details: Record<string, unknown>, message: string): void;
    error(details: Record<string, unknown>, message: string): void;
  };
  /** Writes each request's inquiry record durably before its response leaves. */
  readonly inquiries: InquiryWriter;
  /** Told of each denied field and each authorization-cache lookup (metrics). */
  readonly observer?: GatewayObserver;
  /** Counts an inquiry (an operation authorized to fetch non-public data) before anything is fetched. */
  readonly inquiryQuota?: InquiryQuota;
}

function unauthorizedError(removal: Removal): GraphQLError {
  return new GraphQLError('Unauthorized field or type', {
    path: removal.path.map((s) => s.key),
    extensions: {
      code: 'UNAUTHORIZED_FIELD_OR_TYPE',
      category: removal.requirement.category,
      level: removal.requirement.level,
      reason: removal.reason,
    },
  });
}

/** What the authorization of one operation shape decided, with the reduced operation ready to plan. */
interface Authorized {
  readonly filtered: FilterResult;
  readonly reduced: { readonly query: string; readonly document: ReturnType<typeof parse>; readonly queryHash: string } | null;
}

/**
 * The rights that decide a field before planning. Two callers with the same rights get the same
 * reduced operation, so decisions are cached per (operation, rights, @skip/@include inputs).
 */
function rightsOf(principal: Principal): string {
  return JSON.stringify([
    principal.kind,
    principal.statutory,
    principal.subject,
    principal.organization === null,
    [...principal.grants].map((g) => `${g.category}:${g.level}`).sort(),
  ]);
}

function booleanInputs(variables: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(Object.entries(variables).filter(([, v]) => typeof v === 'boolean').sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Wraps @apollo/gateway so every operation is authorized before it is planned: the inner gateway
 * only ever plans (and caches plans for) the reduced operation, keyed by that operation's own hash,
 * so callers with different rights never share a filtered plan.
 *
 * One request goes top to bottom through `execute`: the caller is read from the request object
 * (gateway/request.ts), the operation authorized and what that decided stated on the request (its
 * fetches carry grants only when it needs them), the reduced operation run, the request's inquiry
 * record written (the response withheld if it cannot be), and the removed paths answered null.
 */
export class AuthorizingGateway implements GatewayInterface {
  private classification: SupergraphClassification | null = null;
  private readonly decisions = new LRUCache<string, Authorized>({ max: 2_000 });

  constructor(
    private readonly inner: ApolloGateway,
    private readonly options: AuthorizingGatewayOptions,
  ) {
    inner.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
      this.classification = new SupergraphClassification(coreSupergraphSdl);
      this.decisions.clear();
    });
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback) {
    return this.inner.onSchemaLoadOrUpdate(callback);
  }

  async stop(): Promise<void> {
    await this.inner.stop();
  }

  async load(options: Parameters<GatewayInterface['load']>[0]) {
    const { executor } = await this.inner.load(options);
    return { executor: (requestContext: GatewayGraphQLRequestContext) => this.execute(requestContext, executor) };
  }

  private async execute(requestContext: GatewayGraphQLRequestContext, executor: GatewayExecutor): Promise<GatewayExecutionResult> {
    // Apollo hands the gateway its context untyped; the context function put the request there.
    const { request } = requestContext.context;
    const classification = this.classification;
    if (!(request instanceof GatewayRequest) || !classification) {
      // Fail closed: without a verified caller or a classification nothing is served.
      return { errors: [new GraphQLError('Authorization is not ready', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] };
    }
    const { principal, purpose } = request.caller;
    // Authorize exactly what will run: the operation the executor selects, with coerced variables.
    const prepared = prepareOperation(requestContext.schema, requestContext.document, requestContext.request.operationName, requestContext.request.variables);
    if (prepared.error) return { errors: [prepared.error] };
    const { operation, variables } = prepared;
    const key = `${requestContext.queryHash}\u0000${operation.name?.value ?? ''}\u0000${rightsOf(principal)}\u0000${booleanInputs(variables)}`;
    const span = tracer.startSpan('gateway.authorize', { attributes: { 'authorization.mode': this.options.mode } });
    let authorized = this.decisions.get(key);
    this.options.observer?.cache?.('authorization', authorized ? 'hit' : 'miss');
    span.setAttribute('authorization.cached', authorized !== undefined);
    if (!authorized) {
      const filtered = filterOperation(requestContext.schema, classification, principal, requestContext.document, operation, variables);
      const query = filtered.document && filtered.removals.length > 0 ? print(filtered.document) : null;
      authorized = {
        filtered,
        reduced: query && filtered.document ? { query, document: parse(query), queryHash: hashOf(filtered.document) } : null,
      };
      this.decisions.set(key, authorized);
    }
    const { filtered } = authorized;
    span.setAttribute('authorization.removals', filtered.removals.length);
    span.end();
    request.authorized({ disclosed: filtered.disclosed });
    if (!filtered.document && filtered.removals.length === 0) {
      return { errors: [new GraphQLError('The operation could not be authorized', { extensions: { code: 'BAD_REQUEST' } })] };
    }
    const reported = filtered.removals.filter((r) => r.reported);
    for (const removal of reported) {
      this.options.log.info(
        // `dataLevel`, not `level`: pino's `level` is the line's log level.
        { requestId: request.id, path: removal.path.map((s) => s.key), category: removal.requirement.category, dataLevel: removal.requirement.level, organization: principal.organization, mode: this.options.mode },
        this.options.mode === 'dry-run' ? 'would deny field (dry run)' : 'denied field',
      );
      if (this.options.mode !== 'dry-run') this.options.observer?.denied?.(removal.requirement.category, removal.requirement.level);
    }
    if (this.options.mode === 'dry-run' || filtered.removals.length === 0) {
      const purposeError = this.checkPurpose(principal.kind, principal.purposes, purpose, filtered.disclosed.some((r) => r.level !== 'PUBLIC'));
      if (purposeError) return { errors: [purposeError] };
      const overQuota = await this.quota(principal, filtered.disclosed);
      if (overQuota) return { errors: [overQuota] };
      return this.recorded(request, await executor(requestContext));
    }
    const errors = reported.map(unauthorizedError);
    if (this.options.mode === 'reject' || !filtered.document) return { data: null, errors };
    const purposeError = this.checkPurpose(principal.kind, principal.purposes, purpose, filtered.disclosed.some((r) => r.level !== 'PUBLIC'));
    if (purposeError) return { errors: [purposeError] };
    const overQuota = await this.quota(principal, filtered.disclosed);
    if (overQuota) return { errors: [overQuota] };

    const { query, document, queryHash } = authorized.reduced as NonNullable<Authorized['reduced']>;
    const reduced = {
      ...requestContext,
      document,
      source: query,
      queryHash,
      operation: getOperationAST(document, operation.name?.value),
      request: { ...requestContext.request, query },
    } as GatewayGraphQLRequestContext;
    const executed = await executor(reduced);
    const result = await this.recorded(request, executed);
    if (result !== executed) return result; // withheld: its inquiry record could not be written
    let data = (result.data ?? null) as Record<string, unknown> | null;
    for (const removal of filtered.removals) data = nullAt(data, removal.path);
    return { ...result, data, errors: [...errors, ...(result.errors ?? [])] };
  }

  /**
   * Every operation that disclosed data above PUBLIC leaves an inquiry record before its response:
   * if the record cannot be written, the response carries no data at all (fail closed).
   */
  private async recorded(request: GatewayRequest, result: GatewayExecutionResult): Promise<GatewayExecutionResult> {
    const record = request.inquiryRecord();
    if (!record) return result;
    try {
      // Signed when it goes out, for its disclosures: the record names who asked by a context that is
      // still valid when it arrives and good for nothing else.
      await withSpan('gateway.inquiry_record', { 'inquiry.disclosures': record.disclosures.length }, () => this.options.inquiries.write(record.caller, record.disclosures));
      return result;
    } catch (error) {
      this.options.log.error(
        { requestId: request.id, reason: (error as Error).message, disclosures: record.disclosures.length },
        'inquiry record could not be written; the response is withheld',
      );
      return {
        errors: [
          new GraphQLError('The inquiry record of this request could not be written, so its data is withheld; retry later', {
            extensions: { code: 'INQUIRY_RECORD_UNAVAILABLE', http: { status: 503 } },
          }),
        ],
      };
    }
  }

  /** An operation that will fetch non-public data is an inquiry: counted against the daily quota before any fetch. */
  private async quota(principal: Principal, disclosed: FilterResult['disclosed']) {
    if (!this.options.inquiryQuota || !disclosed.some((r) => r.level !== 'PUBLIC')) return null;
    return this.options.inquiryQuota.consumeInquiry(principal);
  }

  /** A principal other than the public states a purpose allowed to it before it sees non-public data. */
  private checkPurpose(kind: string, allowed: readonly string[], purpose: string | null, nonPublic: boolean): GraphQLError | null {
    if (!nonPublic || kind === 'PUBLIC') return null;
    if (!purpose) {
      return new GraphQLError('State the purpose of this inquiry in the x-inquiry-purpose header', {
        extensions: { code: 'PURPOSE_REQUIRED', http: { status: 400 } },
      });
    }
    if (!isPurpose(purpose) || !allowed.includes(purpose)) {
      return new GraphQLError(
        `Purpose "${purpose}" is not allowed for this caller; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none'}`,
        { extensions: { code: 'PURPOSE_NOT_ALLOWED', http: { status: 403 } } },
      );
    }
    return null;
  }
}
