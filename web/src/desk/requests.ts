import { graphqlRequest, type RequestContext } from '../app/graphql';
import {
  DeskAnswerConstructionObjectionDocument,
  DeskAnswerEcommerceObjectionDocument,
  DeskAnswerFinanceObjectionDocument,
  DeskAnswerHealthcareObjectionDocument,
  DeskAnswerRegistryObjectionDocument,
  DeskAnswerTaxationObjectionDocument,
  DeskDecideConstructionRepairDocument,
  DeskDecideEcommerceRepairDocument,
  DeskDecideFinanceRepairDocument,
  DeskDecideHealthcareRepairDocument,
  DeskDecideRegistryRepairDocument,
  DeskDecideTaxationRepairDocument,
  DeskObjectionQueueDocument,
  DeskRepairQueueDocument,
  DeskWithdrawConstructionRecordsDocument,
  DeskWithdrawEcommerceRecordsDocument,
  DeskWithdrawFinanceRecordsDocument,
  DeskWithdrawHealthcareRecordsDocument,
  DeskWithdrawRegistryRecordsDocument,
  DeskWithdrawTaxationRecordsDocument,
  type AnswerObjectionInput,
  type ConstructionRecordType,
  type DeskQueuedObjectionFragment,
  type DeskQueuedRepairFragment,
  type EcommerceRecordType,
  type FinanceRecordType,
  type HealthcareRecordType,
  type ObjectionState,
  type RegistryRecordType,
  type RepairApplicationStatus,
  type RepairDecisionInput,
  type TaxationRecordType,
  type WithdrawRecordInput,
} from '../gql/graphql';
import { SECTORS, type Sector } from './sectors';

/**
 * The desk's calls to the graph, all with the authority's own token (the request context of the
 * signed-in user): its queues across the sectors it submits to, and its answers, decisions and
 * withdrawals, each through the sector's own mutation.
 */

/** Largest page the graph serves (CG_PAGE_SIZE_MAX's default). */
const PAGE = 100;
/** Pages read per queue at most: 1,000 open items per sector is far past any desk's day. */
const MAX_PAGES = 10;

interface Page<N> {
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly nodes: readonly N[];
}

export type InSector<N> = N & { readonly sector: Sector };

export interface QueueItems<N> {
  readonly items: ReadonlyArray<InSector<N>>;
  /** Some sector had more than MAX_PAGES pages: the desk shows what it read and says so. */
  readonly truncated: boolean;
}

/** `{ registry: true, registryAfter: '…', finance: false, … }`: which queues to read, and from where. */
function sectorVariables(pending: ReadonlySet<Sector>, after: ReadonlyMap<Sector, string>) {
  return Object.fromEntries(
    SECTORS.flatMap((s) => [
      [s, pending.has(s)],
      [`${s}After`, after.get(s) ?? null],
    ]),
  ) as Record<Sector, boolean> & Record<`${Sector}After`, string | null>;
}

/**
 * Every page of the queues of `sectors`: the graph serves each queue newest first; the desk reads
 * them whole (one request per round, each sector from its own cursor) to order them oldest first.
 */
async function readQueues<R, N>(
  sectors: readonly Sector[],
  load: (variables: ReturnType<typeof sectorVariables>) => Promise<R>,
  pageOf: (result: R, sector: Sector) => Page<N> | null | undefined,
): Promise<QueueItems<N>> {
  const pending = new Set(sectors);
  const after = new Map<Sector, string>();
  const items: Array<InSector<N>> = [];
  for (let round = 0; round < MAX_PAGES && pending.size > 0; round += 1) {
    const result = await load(sectorVariables(pending, after));
    for (const sector of [...pending]) {
      const page = pageOf(result, sector);
      for (const node of page?.nodes ?? []) items.push({ ...node, sector });
      if (page?.pageInfo.hasNextPage && page.pageInfo.endCursor) after.set(sector, page.pageInfo.endCursor);
      else pending.delete(sector);
    }
  }
  return { items, truncated: pending.size > 0 };
}

export type QueuedObjection = InSector<DeskQueuedObjectionFragment>;
export type QueuedRepair = InSector<DeskQueuedRepairFragment>;

export function readObjectionQueues(
  context: RequestContext,
  sectors: readonly Sector[],
  status: ObjectionState | null,
): Promise<QueueItems<DeskQueuedObjectionFragment>> {
  return readQueues(
    sectors,
    (variables) => graphqlRequest(context, DeskObjectionQueueDocument, { status, first: PAGE, ...variables }),
    (result, sector) => result[`${sector}ObjectionQueue`],
  );
}

export function readRepairQueues(
  context: RequestContext,
  sectors: readonly Sector[],
  status: RepairApplicationStatus | null,
): Promise<QueueItems<DeskQueuedRepairFragment>> {
  return readQueues(
    sectors,
    (variables) => graphqlRequest(context, DeskRepairQueueDocument, { status, first: PAGE, ...variables }),
    (result, sector) => result[`${sector}RepairQueue`],
  );
}

export interface AnsweredObjection {
  readonly id: string;
  readonly status: ObjectionState;
  readonly answer: string | null;
  readonly answeredAt: string | null;
}

/** `answer<Sector>Objection`: the sector's own mutation. */
export function answerObjection(context: RequestContext, sector: Sector, input: AnswerObjectionInput): Promise<AnsweredObjection | null> {
  const variables = { input };
  switch (sector) {
    case 'registry':
      return graphqlRequest(context, DeskAnswerRegistryObjectionDocument, variables).then((r) => r.answerRegistryObjection);
    case 'finance':
      return graphqlRequest(context, DeskAnswerFinanceObjectionDocument, variables).then((r) => r.answerFinanceObjection);
    case 'taxation':
      return graphqlRequest(context, DeskAnswerTaxationObjectionDocument, variables).then((r) => r.answerTaxationObjection);
    case 'construction':
      return graphqlRequest(context, DeskAnswerConstructionObjectionDocument, variables).then((r) => r.answerConstructionObjection);
    case 'ecommerce':
      return graphqlRequest(context, DeskAnswerEcommerceObjectionDocument, variables).then((r) => r.answerEcommerceObjection);
    case 'healthcare':
      return graphqlRequest(context, DeskAnswerHealthcareObjectionDocument, variables).then((r) => r.answerHealthcareObjection);
  }
}

export interface DecidedRepair {
  readonly id: string;
  readonly status: RepairApplicationStatus;
  readonly decision: string | null;
  readonly decidedAt: string | null;
}

/** `decide<Sector>Repair`: the sector's own mutation. */
export function decideRepair(context: RequestContext, sector: Sector, input: RepairDecisionInput): Promise<DecidedRepair | null> {
  const variables = { input };
  switch (sector) {
    case 'registry':
      return graphqlRequest(context, DeskDecideRegistryRepairDocument, variables).then((r) => r.decideRegistryRepair);
    case 'finance':
      return graphqlRequest(context, DeskDecideFinanceRepairDocument, variables).then((r) => r.decideFinanceRepair);
    case 'taxation':
      return graphqlRequest(context, DeskDecideTaxationRepairDocument, variables).then((r) => r.decideTaxationRepair);
    case 'construction':
      return graphqlRequest(context, DeskDecideConstructionRepairDocument, variables).then((r) => r.decideConstructionRepair);
    case 'ecommerce':
      return graphqlRequest(context, DeskDecideEcommerceRepairDocument, variables).then((r) => r.decideEcommerceRepair);
    case 'healthcare':
      return graphqlRequest(context, DeskDecideHealthcareRepairDocument, variables).then((r) => r.decideHealthcareRepair);
  }
}

export interface WithdrawalReport {
  readonly recordType: string;
  readonly received: number;
  readonly withdrawn: number;
  readonly unchanged: number;
  readonly notices: number;
}

/** `withdraw<Sector>Records` for one record type (the catalogue's record types are the sector's enum values). */
export function withdrawRecords(context: RequestContext, sector: Sector, recordType: string, records: WithdrawRecordInput[]): Promise<WithdrawalReport | null> {
  switch (sector) {
    case 'registry':
      return graphqlRequest(context, DeskWithdrawRegistryRecordsDocument, { recordType: recordType as RegistryRecordType, records }).then(
        (r) => r.withdrawRegistryRecords,
      );
    case 'finance':
      return graphqlRequest(context, DeskWithdrawFinanceRecordsDocument, { recordType: recordType as FinanceRecordType, records }).then(
        (r) => r.withdrawFinanceRecords,
      );
    case 'taxation':
      return graphqlRequest(context, DeskWithdrawTaxationRecordsDocument, { recordType: recordType as TaxationRecordType, records }).then(
        (r) => r.withdrawTaxationRecords,
      );
    case 'construction':
      return graphqlRequest(context, DeskWithdrawConstructionRecordsDocument, { recordType: recordType as ConstructionRecordType, records }).then(
        (r) => r.withdrawConstructionRecords,
      );
    case 'ecommerce':
      return graphqlRequest(context, DeskWithdrawEcommerceRecordsDocument, { recordType: recordType as EcommerceRecordType, records }).then(
        (r) => r.withdrawEcommerceRecords,
      );
    case 'healthcare':
      return graphqlRequest(context, DeskWithdrawHealthcareRecordsDocument, { recordType: recordType as HealthcareRecordType, records }).then(
        (r) => r.withdrawHealthcareRecords,
      );
  }
}
