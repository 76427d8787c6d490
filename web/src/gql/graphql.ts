/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** A source authority answers an objection to one of its records. */
export type AnswerObjectionInput = {
  objection: string | number;
  outcome: ObjectionOutcome;
  /** Why (one line, at most 500 characters): shown to the subject. */
  reasons: string;
};

/** The record types of construction a source authority submits. */
export type ConstructionRecordType =
  | 'BadBehaviourRecord'
  | 'ConstructionProject'
  | 'GoodBehaviourRecord'
  | 'MarketBlacklisting'
  | 'QualificationCertificate'
  | 'RegisteredPractitioner'
  | 'WageArrearsListing';

/** The record types of ecommerce a source authority submits. */
export type EcommerceRecordType =
  | 'ComplaintStatistic'
  | 'CounterfeitPenalty'
  | 'IpNoticeOutcome'
  | 'OnlineShop'
  | 'PlatformMeasure';

/** The record types of finance a source authority submits. */
export type FinanceRecordType =
  | 'AssetRecord'
  | 'CourtJudgment'
  | 'CreditAccount'
  | 'DishonestDebtorListing'
  | 'Guarantee';

/** The record types of healthcare a source authority submits. */
export type HealthcareRecordType =
  | 'ClinicalRecord'
  | 'InsuranceFundViolation'
  | 'InsuranceStaffScore'
  | 'PeriodicAssessment'
  | 'PhysicianRegistration'
  | 'PracticeLicence';

/** How a source authority answers an objection. */
export type ObjectionOutcome =
  /** It has submitted a correction of the record (a `submit…` with `correctionReason`) since the objection was filed. */
  | 'CORRECTED'
  /** It cannot verify the record: the record is withdrawn with the answer. */
  | 'UNVERIFIABLE'
  /** The record stands as it is. */
  | 'UPHELD';

/** Where one objection stands: OPEN until its source authority answers it. */
export type ObjectionState =
  /** The source authority corrected the record (a later version). */
  | 'CORRECTED'
  | 'OPEN'
  /** The source authority could not verify the record: it was withdrawn (FCRA §1681i(a)(5)(A)). */
  | 'UNVERIFIABLE'
  /** The source authority confirmed the record as it is. */
  | 'UPHELD'
  /** The source authority withdrew the record before answering: nothing is left to object to (the answer says why). */
  | 'WITHDRAWN';

/** Where an objection to a record stands (CIR Art. 25). */
export type ObjectionStatus =
  | 'CORRECTED'
  | 'NONE'
  | 'UNDER_OBJECTION'
  | 'UNVERIFIABLE'
  | 'UPHELD';

/** What a record version did. */
export type RecordChange =
  | 'CORRECTED'
  | 'SUBMITTED'
  | 'WITHDRAWN';

/** Whether a record version is in force. */
export type RecordState =
  | 'IN_FORCE'
  | 'WITHDRAWN';

/** The record types of registry a source authority submits. */
export type RegistryRecordType =
  | 'AbnormalOperationListing'
  | 'SeriousIllegalListing';

/** Where a credit-repair application stands: APPLIED (pending), APPROVED or REJECTED by the record's source authority. */
export type RepairApplicationStatus =
  | 'APPLIED'
  | 'APPROVED'
  | 'REJECTED'
  /** The source authority withdrew the record before deciding: nothing is left to repair (the decision says why). */
  | 'WITHDRAWN';

/** The source authority's decision on a repair application, with its reasons. */
export type RepairDecisionInput = {
  application: string | number;
  approve: boolean;
  reasons: string;
};

/** Where a credit-repair application for a record stands. */
export type RepairStatus =
  | 'APPLIED'
  | 'NONE'
  | 'REJECTED'
  | 'REPAIRED';

export type SubjectKind =
  | 'INDIVIDUAL_BUSINESS'
  | 'LEGAL_PERSON'
  | 'NATURAL_PERSON'
  | 'OTHER_ORGANIZATION';

/** Registration status: 存续 (active), 吊销 (licence revoked), 注销 (deregistered). */
export type SubjectStatus =
  | 'ACTIVE'
  | 'CANCELLED'
  | 'REVOKED';

/** What happened to one submitted row. */
export type SubmissionOutcome =
  /** A new version of the record on file under the same document number. */
  | 'CORRECTED'
  /** A new record, version 1. */
  | 'CREATED'
  /** The same record as on file: nothing written. */
  | 'UNCHANGED'
  /** The record was withdrawn (a new version in state WITHDRAWN). */
  | 'WITHDRAWN';

/** The record types of taxation a source authority submits. */
export type TaxationRecordType =
  | 'MajorTaxViolation'
  | 'TaxArrearsNotice'
  | 'TaxCreditRating'
  | 'TaxPenalty'
  | 'TaxRegistration';

/** A record the caller submitted in error, to withdraw. */
export type WithdrawRecordInput = {
  documentNumber: string;
  /** Why it is withdrawn (e.g. the penalty was revoked). */
  reason: string;
};

export type DeskAnswerConstructionObjectionMutationVariables = Exact<{
  input: AnswerObjectionInput;
}>;


export type DeskAnswerConstructionObjectionMutation = { answerConstructionObjection: { id: string, status: ObjectionState, answer: string | null, answeredAt: string | null } | null };

export type DeskAnswerEcommerceObjectionMutationVariables = Exact<{
  input: AnswerObjectionInput;
}>;


export type DeskAnswerEcommerceObjectionMutation = { answerEcommerceObjection: { id: string, status: ObjectionState, answer: string | null, answeredAt: string | null } | null };

export type DeskAnswerFinanceObjectionMutationVariables = Exact<{
  input: AnswerObjectionInput;
}>;


export type DeskAnswerFinanceObjectionMutation = { answerFinanceObjection: { id: string, status: ObjectionState, answer: string | null, answeredAt: string | null } | null };

export type DeskAnswerHealthcareObjectionMutationVariables = Exact<{
  input: AnswerObjectionInput;
}>;


export type DeskAnswerHealthcareObjectionMutation = { answerHealthcareObjection: { id: string, status: ObjectionState, answer: string | null, answeredAt: string | null } | null };

export type DeskAnswerRegistryObjectionMutationVariables = Exact<{
  input: AnswerObjectionInput;
}>;


export type DeskAnswerRegistryObjectionMutation = { answerRegistryObjection: { id: string, status: ObjectionState, answer: string | null, answeredAt: string | null } | null };

export type DeskAnswerTaxationObjectionMutationVariables = Exact<{
  input: AnswerObjectionInput;
}>;


export type DeskAnswerTaxationObjectionMutation = { answerTaxationObjection: { id: string, status: ObjectionState, answer: string | null, answeredAt: string | null } | null };

export type DeskDecideConstructionRepairMutationVariables = Exact<{
  input: RepairDecisionInput;
}>;


export type DeskDecideConstructionRepairMutation = { decideConstructionRepair: { id: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null } | null };

export type DeskDecideEcommerceRepairMutationVariables = Exact<{
  input: RepairDecisionInput;
}>;


export type DeskDecideEcommerceRepairMutation = { decideEcommerceRepair: { id: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null } | null };

export type DeskDecideFinanceRepairMutationVariables = Exact<{
  input: RepairDecisionInput;
}>;


export type DeskDecideFinanceRepairMutation = { decideFinanceRepair: { id: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null } | null };

export type DeskDecideHealthcareRepairMutationVariables = Exact<{
  input: RepairDecisionInput;
}>;


export type DeskDecideHealthcareRepairMutation = { decideHealthcareRepair: { id: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null } | null };

export type DeskDecideRegistryRepairMutationVariables = Exact<{
  input: RepairDecisionInput;
}>;


export type DeskDecideRegistryRepairMutation = { decideRegistryRepair: { id: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null } | null };

export type DeskDecideTaxationRepairMutationVariables = Exact<{
  input: RepairDecisionInput;
}>;


export type DeskDecideTaxationRepairMutation = { decideTaxationRepair: { id: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null } | null };

export type DeskObjectionQueueQueryVariables = Exact<{
  status?: ObjectionState | null | undefined;
  first: number;
  registry: boolean;
  registryAfter?: string | null | undefined;
  finance: boolean;
  financeAfter?: string | null | undefined;
  taxation: boolean;
  taxationAfter?: string | null | undefined;
  construction: boolean;
  constructionAfter?: string | null | undefined;
  ecommerce: boolean;
  ecommerceAfter?: string | null | undefined;
  healthcare: boolean;
  healthcareAfter?: string | null | undefined;
}>;


export type DeskObjectionQueueQuery = { registryObjectionQueue?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, recordId: string, recordVersion: number, documentNumber: string | null, reason: string, evidence: string | null, filedAt: string, dueOn: string, status: ObjectionState, overdue: boolean, escalatedAt: string | null, answer: string | null, answeredAt: string | null }> } | null, financeObjectionQueue?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, recordId: string, recordVersion: number, documentNumber: string | null, reason: string, evidence: string | null, filedAt: string, dueOn: string, status: ObjectionState, overdue: boolean, escalatedAt: string | null, answer: string | null, answeredAt: string | null }> } | null, taxationObjectionQueue?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, recordId: string, recordVersion: number, documentNumber: string | null, reason: string, evidence: string | null, filedAt: string, dueOn: string, status: ObjectionState, overdue: boolean, escalatedAt: string | null, answer: string | null, answeredAt: string | null }> } | null, constructionObjectionQueue?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, recordId: string, recordVersion: number, documentNumber: string | null, reason: string, evidence: string | null, filedAt: string, dueOn: string, status: ObjectionState, overdue: boolean, escalatedAt: string | null, answer: string | null, answeredAt: string | null }> } | null, ecommerceObjectionQueue?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, recordId: string, recordVersion: number, documentNumber: string | null, reason: string, evidence: string | null, filedAt: string, dueOn: string, status: ObjectionState, overdue: boolean, escalatedAt: string | null, answer: string | null, answeredAt: string | null }> } | null, healthcareObjectionQueue?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, recordId: string, recordVersion: number, documentNumber: string | null, reason: string, evidence: string | null, filedAt: string, dueOn: string, status: ObjectionState, overdue: boolean, escalatedAt: string | null, answer: string | null, answeredAt: string | null }> } | null };

export type DeskQueuedObjectionFragment = { id: string, recordType: string, recordId: string, recordVersion: number, documentNumber: string | null, reason: string, evidence: string | null, filedAt: string, dueOn: string, status: ObjectionState, overdue: boolean, escalatedAt: string | null, answer: string | null, answeredAt: string | null };

export type DeskRepairQueueQueryVariables = Exact<{
  status?: RepairApplicationStatus | null | undefined;
  first: number;
  registry: boolean;
  registryAfter?: string | null | undefined;
  finance: boolean;
  financeAfter?: string | null | undefined;
  taxation: boolean;
  taxationAfter?: string | null | undefined;
  construction: boolean;
  constructionAfter?: string | null | undefined;
  ecommerce: boolean;
  ecommerceAfter?: string | null | undefined;
  healthcare: boolean;
  healthcareAfter?: string | null | undefined;
}>;


export type DeskRepairQueueQuery = { registryRepairQueue?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, measures: string, commitment: string, appliedAt: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null }> } | null, financeRepairQueue?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, measures: string, commitment: string, appliedAt: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null }> } | null, taxationRepairQueue?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, measures: string, commitment: string, appliedAt: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null }> } | null, constructionRepairQueue?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, measures: string, commitment: string, appliedAt: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null }> } | null, ecommerceRepairQueue?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, measures: string, commitment: string, appliedAt: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null }> } | null, healthcareRepairQueue?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, measures: string, commitment: string, appliedAt: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null }> } | null };

export type DeskQueuedRepairFragment = { id: string, recordType: string, recordId: string, documentNumber: string | null, measures: string, commitment: string, appliedAt: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null };

export type DeskSubmissionsQueryVariables = Exact<{
  subject?: string | number | null | undefined;
  first: number;
  registry: boolean;
  registryType?: RegistryRecordType | null | undefined;
  registryAfter?: string | null | undefined;
  finance: boolean;
  financeType?: FinanceRecordType | null | undefined;
  financeAfter?: string | null | undefined;
  taxation: boolean;
  taxationType?: TaxationRecordType | null | undefined;
  taxationAfter?: string | null | undefined;
  construction: boolean;
  constructionType?: ConstructionRecordType | null | undefined;
  constructionAfter?: string | null | undefined;
  ecommerce: boolean;
  ecommerceType?: EcommerceRecordType | null | undefined;
  ecommerceAfter?: string | null | undefined;
  healthcare: boolean;
  healthcareType?: HealthcareRecordType | null | undefined;
  healthcareAfter?: string | null | undefined;
}>;


export type DeskSubmissionsQuery = { registrySubmissions?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, subject: string, documentNumber: string | null, version: number, state: RecordState, change: RecordChange, changeReason: string | null, recordedAt: string, recordedBy: string | null, decisionDate: string, publicityEndsOn: string | null, summary: string, objectionStatus: ObjectionStatus, objectionDueOn: string | null, repairStatus: RepairStatus, legacyCode: boolean, history: Array<{ version: number, state: RecordState, change: RecordChange, changeReason: string | null, recordedAt: string, recordedBy: string | null, summary: string }> }> } | null, financeSubmissions?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, subject: string, documentNumber: string | null, version: number, state: RecordState, change: RecordChange, changeReason: string | null, recordedAt: string, recordedBy: string | null, decisionDate: string, publicityEndsOn: string | null, summary: string, objectionStatus: ObjectionStatus, objectionDueOn: string | null, repairStatus: RepairStatus, legacyCode: boolean, history: Array<{ version: number, state: RecordState, change: RecordChange, changeReason: string | null, recordedAt: string, recordedBy: string | null, summary: string }> }> } | null, taxationSubmissions?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, subject: string, documentNumber: string | null, version: number, state: RecordState, change: RecordChange, changeReason: string | null, recordedAt: string, recordedBy: string | null, decisionDate: string, publicityEndsOn: string | null, summary: string, objectionStatus: ObjectionStatus, objectionDueOn: string | null, repairStatus: RepairStatus, legacyCode: boolean, history: Array<{ version: number, state: RecordState, change: RecordChange, changeReason: string | null, recordedAt: string, recordedBy: string | null, summary: string }> }> } | null, constructionSubmissions?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, subject: string, documentNumber: string | null, version: number, state: RecordState, change: RecordChange, changeReason: string | null, recordedAt: string, recordedBy: string | null, decisionDate: string, publicityEndsOn: string | null, summary: string, objectionStatus: ObjectionStatus, objectionDueOn: string | null, repairStatus: RepairStatus, legacyCode: boolean, history: Array<{ version: number, state: RecordState, change: RecordChange, changeReason: string | null, recordedAt: string, recordedBy: string | null, summary: string }> }> } | null, ecommerceSubmissions?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, subject: string, documentNumber: string | null, version: number, state: RecordState, change: RecordChange, changeReason: string | null, recordedAt: string, recordedBy: string | null, decisionDate: string, publicityEndsOn: string | null, summary: string, objectionStatus: ObjectionStatus, objectionDueOn: string | null, repairStatus: RepairStatus, legacyCode: boolean, history: Array<{ version: number, state: RecordState, change: RecordChange, changeReason: string | null, recordedAt: string, recordedBy: string | null, summary: string }> }> } | null, healthcareSubmissions?: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, recordType: string, subject: string, documentNumber: string | null, version: number, state: RecordState, change: RecordChange, changeReason: string | null, recordedAt: string, recordedBy: string | null, decisionDate: string, publicityEndsOn: string | null, summary: string, objectionStatus: ObjectionStatus, objectionDueOn: string | null, repairStatus: RepairStatus, legacyCode: boolean, history: Array<{ version: number, state: RecordState, change: RecordChange, changeReason: string | null, recordedAt: string, recordedBy: string | null, summary: string }> }> } | null };

export type DeskSubmittedRecordFragment = { id: string, recordType: string, subject: string, documentNumber: string | null, version: number, state: RecordState, change: RecordChange, changeReason: string | null, recordedAt: string, recordedBy: string | null, decisionDate: string, publicityEndsOn: string | null, summary: string, objectionStatus: ObjectionStatus, objectionDueOn: string | null, repairStatus: RepairStatus, legacyCode: boolean, history: Array<{ version: number, state: RecordState, change: RecordChange, changeReason: string | null, recordedAt: string, recordedBy: string | null, summary: string }> };

export type DeskWithdrawConstructionRecordsMutationVariables = Exact<{
  recordType: ConstructionRecordType;
  records: Array<WithdrawRecordInput> | WithdrawRecordInput;
}>;


export type DeskWithdrawConstructionRecordsMutation = { withdrawConstructionRecords: { recordType: string, received: number, withdrawn: number, unchanged: number, notices: number, results: Array<{ line: number, documentNumber: string, outcome: SubmissionOutcome, id: string }> } | null };

export type DeskWithdrawEcommerceRecordsMutationVariables = Exact<{
  recordType: EcommerceRecordType;
  records: Array<WithdrawRecordInput> | WithdrawRecordInput;
}>;


export type DeskWithdrawEcommerceRecordsMutation = { withdrawEcommerceRecords: { recordType: string, received: number, withdrawn: number, unchanged: number, notices: number, results: Array<{ line: number, documentNumber: string, outcome: SubmissionOutcome, id: string }> } | null };

export type DeskWithdrawFinanceRecordsMutationVariables = Exact<{
  recordType: FinanceRecordType;
  records: Array<WithdrawRecordInput> | WithdrawRecordInput;
}>;


export type DeskWithdrawFinanceRecordsMutation = { withdrawFinanceRecords: { recordType: string, received: number, withdrawn: number, unchanged: number, notices: number, results: Array<{ line: number, documentNumber: string, outcome: SubmissionOutcome, id: string }> } | null };

export type DeskWithdrawHealthcareRecordsMutationVariables = Exact<{
  recordType: HealthcareRecordType;
  records: Array<WithdrawRecordInput> | WithdrawRecordInput;
}>;


export type DeskWithdrawHealthcareRecordsMutation = { withdrawHealthcareRecords: { recordType: string, received: number, withdrawn: number, unchanged: number, notices: number, results: Array<{ line: number, documentNumber: string, outcome: SubmissionOutcome, id: string }> } | null };

export type DeskWithdrawRegistryRecordsMutationVariables = Exact<{
  recordType: RegistryRecordType;
  records: Array<WithdrawRecordInput> | WithdrawRecordInput;
}>;


export type DeskWithdrawRegistryRecordsMutation = { withdrawRegistryRecords: { recordType: string, received: number, withdrawn: number, unchanged: number, notices: number, results: Array<{ line: number, documentNumber: string, outcome: SubmissionOutcome, id: string }> } | null };

export type DeskWithdrawTaxationRecordsMutationVariables = Exact<{
  recordType: TaxationRecordType;
  records: Array<WithdrawRecordInput> | WithdrawRecordInput;
}>;


export type DeskWithdrawTaxationRecordsMutation = { withdrawTaxationRecords: { recordType: string, received: number, withdrawn: number, unchanged: number, notices: number, results: Array<{ line: number, documentNumber: string, outcome: SubmissionOutcome, id: string }> } | null };

export type MyProfileQueryVariables = Exact<{
  code: string | number;
}>;


export type MyProfileQuery = { subject: { code: string, name: string, kind: SubjectKind, status: SubjectStatus } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const DeskQueuedObjectionFragmentDoc = new TypedDocumentString(`
    fragment DeskQueuedObjection on Objection {
  id
  recordType
  recordId
  recordVersion
  documentNumber
  reason
  evidence
  filedAt
  dueOn
  status
  overdue
  escalatedAt
  answer
  answeredAt
}
    `, {"fragmentName":"DeskQueuedObjection"}) as unknown as TypedDocumentString<DeskQueuedObjectionFragment, unknown>;
export const DeskQueuedRepairFragmentDoc = new TypedDocumentString(`
    fragment DeskQueuedRepair on RepairApplication {
  id
  recordType
  recordId
  documentNumber
  measures
  commitment
  appliedAt
  status
  decision
  decidedAt
}
    `, {"fragmentName":"DeskQueuedRepair"}) as unknown as TypedDocumentString<DeskQueuedRepairFragment, unknown>;
export const DeskSubmittedRecordFragmentDoc = new TypedDocumentString(`
    fragment DeskSubmittedRecord on SubmittedRecord {
  id
  recordType
  subject
  documentNumber
  version
  state
  change
  changeReason
  recordedAt
  recordedBy
  decisionDate
  publicityEndsOn
  summary
  objectionStatus
  objectionDueOn
  repairStatus
  legacyCode
  history {
    version
    state
    change
    changeReason
    recordedAt
    recordedBy
    summary
  }
}
    `, {"fragmentName":"DeskSubmittedRecord"}) as unknown as TypedDocumentString<DeskSubmittedRecordFragment, unknown>;
export const DeskAnswerConstructionObjectionDocument = new TypedDocumentString(`
    mutation DeskAnswerConstructionObjection($input: AnswerObjectionInput!) {
  answerConstructionObjection(input: $input) {
    id
    status
    answer
    answeredAt
  }
}
    `) as unknown as TypedDocumentString<DeskAnswerConstructionObjectionMutation, DeskAnswerConstructionObjectionMutationVariables>;
export const DeskAnswerEcommerceObjectionDocument = new TypedDocumentString(`
    mutation DeskAnswerEcommerceObjection($input: AnswerObjectionInput!) {
  answerEcommerceObjection(input: $input) {
    id
    status
    answer
    answeredAt
  }
}
    `) as unknown as TypedDocumentString<DeskAnswerEcommerceObjectionMutation, DeskAnswerEcommerceObjectionMutationVariables>;
export const DeskAnswerFinanceObjectionDocument = new TypedDocumentString(`
    mutation DeskAnswerFinanceObjection($input: AnswerObjectionInput!) {
  answerFinanceObjection(input: $input) {
    id
    status
    answer
    answeredAt
  }
}
    `) as unknown as TypedDocumentString<DeskAnswerFinanceObjectionMutation, DeskAnswerFinanceObjectionMutationVariables>;
export const DeskAnswerHealthcareObjectionDocument = new TypedDocumentString(`
    mutation DeskAnswerHealthcareObjection($input: AnswerObjectionInput!) {
  answerHealthcareObjection(input: $input) {
    id
    status
    answer
    answeredAt
  }
}
    `) as unknown as TypedDocumentString<DeskAnswerHealthcareObjectionMutation, DeskAnswerHealthcareObjectionMutationVariables>;
export const DeskAnswerRegistryObjectionDocument = new TypedDocumentString(`
    mutation DeskAnswerRegistryObjection($input: AnswerObjectionInput!) {
  answerRegistryObjection(input: $input) {
    id
    status
    answer
    answeredAt
  }
}
    `) as unknown as TypedDocumentString<DeskAnswerRegistryObjectionMutation, DeskAnswerRegistryObjectionMutationVariables>;
export const DeskAnswerTaxationObjectionDocument = new TypedDocumentString(`
    mutation DeskAnswerTaxationObjection($input: AnswerObjectionInput!) {
  answerTaxationObjection(input: $input) {
    id
    status
    answer
    answeredAt
  }
}
    `) as unknown as TypedDocumentString<DeskAnswerTaxationObjectionMutation, DeskAnswerTaxationObjectionMutationVariables>;
export const DeskDecideConstructionRepairDocument = new TypedDocumentString(`
    mutation DeskDecideConstructionRepair($input: RepairDecisionInput!) {
  decideConstructionRepair(input: $input) {
    id
    status
    decision
    decidedAt
  }
}
    `) as unknown as TypedDocumentString<DeskDecideConstructionRepairMutation, DeskDecideConstructionRepairMutationVariables>;
export const DeskDecideEcommerceRepairDocument = new TypedDocumentString(`
    mutation DeskDecideEcommerceRepair($input: RepairDecisionInput!) {
  decideEcommerceRepair(input: $input) {
    id
    status
    decision
    decidedAt
  }
}
    `) as unknown as TypedDocumentString<DeskDecideEcommerceRepairMutation, DeskDecideEcommerceRepairMutationVariables>;
export const DeskDecideFinanceRepairDocument = new TypedDocumentString(`
    mutation DeskDecideFinanceRepair($input: RepairDecisionInput!) {
  decideFinanceRepair(input: $input) {
    id
    status
    decision
    decidedAt
  }
}
    `) as unknown as TypedDocumentString<DeskDecideFinanceRepairMutation, DeskDecideFinanceRepairMutationVariables>;
export const DeskDecideHealthcareRepairDocument = new TypedDocumentString(`
    mutation DeskDecideHealthcareRepair($input: RepairDecisionInput!) {
  decideHealthcareRepair(input: $input) {
    id
    status
    decision
    decidedAt
  }
}
    `) as unknown as TypedDocumentString<DeskDecideHealthcareRepairMutation, DeskDecideHealthcareRepairMutationVariables>;
export const DeskDecideRegistryRepairDocument = new TypedDocumentString(`
    mutation DeskDecideRegistryRepair($input: RepairDecisionInput!) {
  decideRegistryRepair(input: $input) {
    id
    status
    decision
    decidedAt
  }
}
    `) as unknown as TypedDocumentString<DeskDecideRegistryRepairMutation, DeskDecideRegistryRepairMutationVariables>;
export const DeskDecideTaxationRepairDocument = new TypedDocumentString(`
    mutation DeskDecideTaxationRepair($input: RepairDecisionInput!) {
  decideTaxationRepair(input: $input) {
    id
    status
    decision
    decidedAt
  }
}
    `) as unknown as TypedDocumentString<DeskDecideTaxationRepairMutation, DeskDecideTaxationRepairMutationVariables>;
export const DeskObjectionQueueDocument = new TypedDocumentString(`
    query DeskObjectionQueue($status: ObjectionState, $first: Int!, $registry: Boolean!, $registryAfter: String, $finance: Boolean!, $financeAfter: String, $taxation: Boolean!, $taxationAfter: String, $construction: Boolean!, $constructionAfter: String, $ecommerce: Boolean!, $ecommerceAfter: String, $healthcare: Boolean!, $healthcareAfter: String) {
  registryObjectionQueue(status: $status, first: $first, after: $registryAfter) @include(if: $registry) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskQueuedObjection
    }
  }
  financeObjectionQueue(status: $status, first: $first, after: $financeAfter) @include(if: $finance) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskQueuedObjection
    }
  }
  taxationObjectionQueue(status: $status, first: $first, after: $taxationAfter) @include(if: $taxation) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskQueuedObjection
    }
  }
  constructionObjectionQueue(
    status: $status
    first: $first
    after: $constructionAfter
  ) @include(if: $construction) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskQueuedObjection
    }
  }
  ecommerceObjectionQueue(status: $status, first: $first, after: $ecommerceAfter) @include(if: $ecommerce) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskQueuedObjection
    }
  }
  healthcareObjectionQueue(
    status: $status
    first: $first
    after: $healthcareAfter
  ) @include(if: $healthcare) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskQueuedObjection
    }
  }
}
    fragment DeskQueuedObjection on Objection {
  id
  recordType
  recordId
  recordVersion
  documentNumber
  reason
  evidence
  filedAt
  dueOn
  status
  overdue
  escalatedAt
  answer
  answeredAt
}`) as unknown as TypedDocumentString<DeskObjectionQueueQuery, DeskObjectionQueueQueryVariables>;
export const DeskRepairQueueDocument = new TypedDocumentString(`
    query DeskRepairQueue($status: RepairApplicationStatus, $first: Int!, $registry: Boolean!, $registryAfter: String, $finance: Boolean!, $financeAfter: String, $taxation: Boolean!, $taxationAfter: String, $construction: Boolean!, $constructionAfter: String, $ecommerce: Boolean!, $ecommerceAfter: String, $healthcare: Boolean!, $healthcareAfter: String) {
  registryRepairQueue(status: $status, first: $first, after: $registryAfter) @include(if: $registry) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskQueuedRepair
    }
  }
  financeRepairQueue(status: $status, first: $first, after: $financeAfter) @include(if: $finance) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskQueuedRepair
    }
  }
  taxationRepairQueue(status: $status, first: $first, after: $taxationAfter) @include(if: $taxation) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskQueuedRepair
    }
  }
  constructionRepairQueue(
    status: $status
    first: $first
    after: $constructionAfter
  ) @include(if: $construction) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskQueuedRepair
    }
  }
  ecommerceRepairQueue(status: $status, first: $first, after: $ecommerceAfter) @include(if: $ecommerce) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskQueuedRepair
    }
  }
  healthcareRepairQueue(status: $status, first: $first, after: $healthcareAfter) @include(if: $healthcare) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskQueuedRepair
    }
  }
}
    fragment DeskQueuedRepair on RepairApplication {
  id
  recordType
  recordId
  documentNumber
  measures
  commitment
  appliedAt
  status
  decision
  decidedAt
}`) as unknown as TypedDocumentString<DeskRepairQueueQuery, DeskRepairQueueQueryVariables>;
export const DeskSubmissionsDocument = new TypedDocumentString(`
    query DeskSubmissions($subject: ID, $first: Int!, $registry: Boolean!, $registryType: RegistryRecordType, $registryAfter: String, $finance: Boolean!, $financeType: FinanceRecordType, $financeAfter: String, $taxation: Boolean!, $taxationType: TaxationRecordType, $taxationAfter: String, $construction: Boolean!, $constructionType: ConstructionRecordType, $constructionAfter: String, $ecommerce: Boolean!, $ecommerceType: EcommerceRecordType, $ecommerceAfter: String, $healthcare: Boolean!, $healthcareType: HealthcareRecordType, $healthcareAfter: String) {
  registrySubmissions(
    subject: $subject
    recordType: $registryType
    first: $first
    after: $registryAfter
  ) @include(if: $registry) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskSubmittedRecord
    }
  }
  financeSubmissions(
    subject: $subject
    recordType: $financeType
    first: $first
    after: $financeAfter
  ) @include(if: $finance) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskSubmittedRecord
    }
  }
  taxationSubmissions(
    subject: $subject
    recordType: $taxationType
    first: $first
    after: $taxationAfter
  ) @include(if: $taxation) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskSubmittedRecord
    }
  }
  constructionSubmissions(
    subject: $subject
    recordType: $constructionType
    first: $first
    after: $constructionAfter
  ) @include(if: $construction) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskSubmittedRecord
    }
  }
  ecommerceSubmissions(
    subject: $subject
    recordType: $ecommerceType
    first: $first
    after: $ecommerceAfter
  ) @include(if: $ecommerce) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskSubmittedRecord
    }
  }
  healthcareSubmissions(
    subject: $subject
    recordType: $healthcareType
    first: $first
    after: $healthcareAfter
  ) @include(if: $healthcare) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      ...DeskSubmittedRecord
    }
  }
}
    fragment DeskSubmittedRecord on SubmittedRecord {
  id
  recordType
  subject
  documentNumber
  version
  state
  change
  changeReason
  recordedAt
  recordedBy
  decisionDate
  publicityEndsOn
  summary
  objectionStatus
  objectionDueOn
  repairStatus
  legacyCode
  history {
    version
    state
    change
    changeReason
    recordedAt
    recordedBy
    summary
  }
}`) as unknown as TypedDocumentString<DeskSubmissionsQuery, DeskSubmissionsQueryVariables>;
export const DeskWithdrawConstructionRecordsDocument = new TypedDocumentString(`
    mutation DeskWithdrawConstructionRecords($recordType: ConstructionRecordType!, $records: [WithdrawRecordInput!]!) {
  withdrawConstructionRecords(recordType: $recordType, records: $records) {
    recordType
    received
    withdrawn
    unchanged
    notices
    results {
      line
      documentNumber
      outcome
      id
    }
  }
}
    `) as unknown as TypedDocumentString<DeskWithdrawConstructionRecordsMutation, DeskWithdrawConstructionRecordsMutationVariables>;
export const DeskWithdrawEcommerceRecordsDocument = new TypedDocumentString(`
    mutation DeskWithdrawEcommerceRecords($recordType: EcommerceRecordType!, $records: [WithdrawRecordInput!]!) {
  withdrawEcommerceRecords(recordType: $recordType, records: $records) {
    recordType
    received
    withdrawn
    unchanged
    notices
    results {
      line
      documentNumber
      outcome
      id
    }
  }
}
    `) as unknown as TypedDocumentString<DeskWithdrawEcommerceRecordsMutation, DeskWithdrawEcommerceRecordsMutationVariables>;
export const DeskWithdrawFinanceRecordsDocument = new TypedDocumentString(`
    mutation DeskWithdrawFinanceRecords($recordType: FinanceRecordType!, $records: [WithdrawRecordInput!]!) {
  withdrawFinanceRecords(recordType: $recordType, records: $records) {
    recordType
    received
    withdrawn
    unchanged
    notices
    results {
      line
      documentNumber
      outcome
      id
    }
  }
}
    `) as unknown as TypedDocumentString<DeskWithdrawFinanceRecordsMutation, DeskWithdrawFinanceRecordsMutationVariables>;
export const DeskWithdrawHealthcareRecordsDocument = new TypedDocumentString(`
    mutation DeskWithdrawHealthcareRecords($recordType: HealthcareRecordType!, $records: [WithdrawRecordInput!]!) {
  withdrawHealthcareRecords(recordType: $recordType, records: $records) {
    recordType
    received
    withdrawn
    unchanged
    notices
    results {
      line
      documentNumber
      outcome
      id
    }
  }
}
    `) as unknown as TypedDocumentString<DeskWithdrawHealthcareRecordsMutation, DeskWithdrawHealthcareRecordsMutationVariables>;
export const DeskWithdrawRegistryRecordsDocument = new TypedDocumentString(`
    mutation DeskWithdrawRegistryRecords($recordType: RegistryRecordType!, $records: [WithdrawRecordInput!]!) {
  withdrawRegistryRecords(recordType: $recordType, records: $records) {
    recordType
    received
    withdrawn
    unchanged
    notices
    results {
      line
      documentNumber
      outcome
      id
    }
  }
}
    `) as unknown as TypedDocumentString<DeskWithdrawRegistryRecordsMutation, DeskWithdrawRegistryRecordsMutationVariables>;
export const DeskWithdrawTaxationRecordsDocument = new TypedDocumentString(`
    mutation DeskWithdrawTaxationRecords($recordType: TaxationRecordType!, $records: [WithdrawRecordInput!]!) {
  withdrawTaxationRecords(recordType: $recordType, records: $records) {
    recordType
    received
    withdrawn
    unchanged
    notices
    results {
      line
      documentNumber
      outcome
      id
    }
  }
}
    `) as unknown as TypedDocumentString<DeskWithdrawTaxationRecordsMutation, DeskWithdrawTaxationRecordsMutationVariables>;
export const MyProfileDocument = new TypedDocumentString(`
    query MyProfile($code: ID!) {
  subject(code: $code) {
    code
    name
    kind
    status
  }
}
    `) as unknown as TypedDocumentString<MyProfileQuery, MyProfileQueryVariables>;