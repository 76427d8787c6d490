import { categoryCovers } from '../shared/policy/categories';
import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { Caller, SubjectGrants } from '../shared/auth/context';
import type { Requirement } from '../shared/policy/decide';
import type { Principal } from '../shared/policy/principal';
import { Disclosures, DISCLOSURES_EXTENSION, readDisclosures } from '../shared/subgraph/disclosures';
import type { AccessClient, PendingRecord } from './inquiry';

/**
 * One request through the gateway, created once by the context function and carried in Apollo's
 * context as `{ request }`. Each part of the gateway reads what it needs of it, in the order a request
 * goes: the authorizing gateway states what the authorization decided, the data source signs each
 * fetch for the caller with the grants of the fetch's subjects and hands back what the subgraph
 * disclosed, and the inquiry record is written from the caller and those disclosures.
 */

/** Apollo's context on the gateway: the request, nothing else. */
export interface GatewayContext {
  readonly request: GatewayRequest;
}

/** What a request needs of the gateway's parts, handed over when the request is created. */
export interface RequestDependencies {
  /** Where grants are looked up. */
  readonly access: AccessClient;
  readonly log: { warn(details: Record<string, unknown>, message: string): void };
  /** The request's overall deadline from its creation (`CG_REQUEST_DEADLINE_MS`); none when absent. */
  readonly deadlineMs?: number;
}

/** What the authorization decided about the operation that runs, as far as its fetches need it. */
export interface Authorization {
  /** The classifications of every field the (reduced) operation still selects. */
  readonly disclosed: readonly Requirement[];
}

/** What one fetch carries about the subjects it concerns, signed with it. */
export interface FetchGrants {
  readonly subjects: Readonly<Record<string, SubjectGrants>>;
  /** The grants could not be loaded: none is assumed, and the subgraphs say so when they deny. */
  readonly unavailable: boolean;
}

const NO_GRANTS: SubjectGrants = Object.freeze({ consents: [], applications: [] });

/**
 * Categories of views over a subject's record lists (a credit report, a sector's summary counts):
 * public fields whose answer is what each list shows this caller, so they depend on its consents as
 * the lists themselves do.
 */
const VIEWS_OVER_LISTS: readonly string[] = ['report'];

/**
 * Grants matter only for RESTRICTED data without a statutory power (consents), for SPECIAL data
 * (special applications) and for views over lists that may hold either, asked by an organization for
 * a purpose: only then are they loaded.
 */
function grantsMatter(principal: Principal, purpose: string | null, disclosed: readonly Requirement[]): boolean {
  return (
    principal.kind !== 'SUBJECT' &&
    principal.organization !== null &&
    purpose !== null &&
    disclosed.some((r) => r.level === 'SPECIAL' || (r.level === 'RESTRICTED' && !principal.statutory) || VIEWS_OVER_LISTS.some((view) => categoryCovers(view, r.category)))
  );
}

export class GatewayRequest {
  /** Who asks, for what purpose, under which request id: what every fetch's context is signed for. */
  readonly caller: Required<Caller>;
  private authorization: Authorization | null = null;
  /** The grants of each subject, looked up once per request in one call per batch of its fetches; null when the call failed. */
  private readonly grants: DataLoader<string, SubjectGrants | null>;
  private readonly disclosed = new Disclosures();
  /** Epoch milliseconds after which no fetch is sent for this request (Infinity for none). */
  readonly deadline: number;

  constructor(principal: Principal, purpose: string | null, dependencies: RequestDependencies, id: string = randomUUID()) {
    // Only a purpose the principal holds is ever signed: the context function has refused any other
    // already, and the rule stays where the caller of every signed context is made.
    this.deadline = Date.now() + (dependencies.deadlineMs ?? Number.POSITIVE_INFINITY);
    const held = purpose !== null && principal.purposes.includes(purpose) ? purpose : null;
    this.caller = Object.freeze({ principal, purpose: held, requestId: id });
    const { access, log } = dependencies;
    this.grants = new DataLoader(async (subjects) => {
      try {
        const found = await access.grants(this.caller, subjects);
        return subjects.map((subject) => found[subject] ?? NO_GRANTS);
      } catch (error) {
        // Fail closed: no grant is assumed for these subjects for the rest of the request.
        log.warn({ requestId: id, reason: (error as Error).message }, 'subject grants could not be loaded; none is assumed');
        return subjects.map(() => null);
      }
    });
  }

  /** Identifies the request in logs, in the subgraphs' contexts and in its inquiry record. */
  get id(): string {
    return this.caller.requestId;
  }

  /** Milliseconds left before the request's deadline (0 once it has passed). */
  remainingMs(): number {
    return Math.max(0, this.deadline - Date.now());
  }

  /** Records what the authorization decided, before the operation is planned. */
  authorized(authorization: Authorization): void {
    this.authorization = authorization;
  }

  /** Whether the operation that runs asks for data that depends on a subject's grants. */
  get needsGrants(): boolean {
    return this.authorization !== null && grantsMatter(this.caller.principal, this.caller.purpose, this.authorization.disclosed);
  }

  /**
   * The grants one fetch carries for the subjects it concerns, or null when it carries none (no
   * subject, or nothing asked for depends on grants).
   */
  async grantsFor(subjects: readonly string[]): Promise<FetchGrants | null> {
    if (subjects.length === 0 || !this.needsGrants) return null;
    const found = await Promise.all(subjects.map((subject) => this.grants.load(subject)));
    return {
      subjects: Object.fromEntries(subjects.map((subject, i) => [subject, found[i] ?? NO_GRANTS])),
      unavailable: found.some((grants) => grants === null),
    };
  }

  /** Takes what a subgraph reported disclosing in its response (`extensions.disclosures`). */
  noteResponse(extensions: Readonly<Record<string, unknown>> | undefined): void {
    for (const disclosure of readDisclosures(extensions?.[DISCLOSURES_EXTENSION])) this.disclosed.add(disclosure);
  }

  /**
   * The request's inquiry record: who asked, and everything above PUBLIC the subgraphs disclosed to
   * them; null when nothing above PUBLIC was disclosed, which leaves no record.
   */
  inquiryRecord(): PendingRecord | null {
    const disclosures = this.disclosed.list();
    return disclosures.length > 0 ? { caller: this.caller, disclosures } : null;
  }
}
