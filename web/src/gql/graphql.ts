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

export type ArrearsStatus =
  | 'OUTSTANDING'
  | 'PAID'
  | 'PARTIALLY_PAID';

export type AssessmentResult =
  | 'BASICALLY_QUALIFIED'
  | 'QUALIFIED'
  | 'UNQUALIFIED';

export type AwardLevel =
  | 'MUNICIPAL'
  | 'NATIONAL'
  | 'PROVINCIAL';

/** Severity of a bad-behaviour record: A is the gravest; C records are shared, not published. */
export type BehaviourSeverity =
  | 'A'
  | 'B'
  | 'C';

/** The record types of construction a source authority submits. */
export type ConstructionRecordType =
  | 'BadBehaviourRecord'
  | 'ConstructionProject'
  | 'GoodBehaviourRecord'
  | 'MarketBlacklisting'
  | 'QualificationCertificate'
  | 'RegisteredPractitioner'
  | 'WageArrearsListing';

export type CourtCaseType =
  | 'CIVIL_JUDGMENT'
  | 'ENFORCEMENT';

export type CreditAccountStatus =
  | 'CLOSED'
  | 'OPEN'
  | 'WRITTEN_OFF';

export type CreditAccountType =
  | 'CREDIT_CARD'
  | 'FINANCIAL_LEASE'
  | 'LOAN'
  | 'MORTGAGE';

/** The record types of ecommerce a source authority submits. */
export type EcommerceRecordType =
  | 'ComplaintStatistic'
  | 'CounterfeitPenalty'
  | 'IpNoticeOutcome'
  | 'OnlineShop'
  | 'PlatformMeasure';

export type EnforcementStatus =
  | 'CONCLUDED'
  | 'IN_ENFORCEMENT'
  | 'NOT_APPLICABLE'
  | 'TERMINATED_NO_ASSETS';

/** A subject objects to one of its records in force. */
export type FileObjectionInput = {
  /** What shows it (at most 2,000 characters, line breaks allowed). */
  evidence?: string | null | undefined;
  /** Why the record is wrong (one line, at most 500 characters). */
  reason: string;
  /** The record's id, as its sector serves it (`TaxArrearsNotice:…`). */
  record: string | number;
  /** The subject objecting: the caller itself (a token with its own code as `subject`). */
  subject: string | number;
};

/** The record types of finance a source authority submits. */
export type FinanceRecordType =
  | 'AssetRecord'
  | 'CourtJudgment'
  | 'CreditAccount'
  | 'DishonestDebtorListing'
  | 'Guarantee';

export type GrantConsentInput = {
  /** Categories of the catalogue (a category covers its sub-categories), e.g. `finance.credit`. */
  categories: Array<string>;
  /** The organization authorized to query (its Unified Social Credit Code). */
  organization: string | number;
  purpose: InquiryPurpose;
  /** The subject giving the authorization: the caller itself. */
  subject: string | number;
  /** When the authorization starts; now when omitted. */
  validFrom?: string | null | undefined;
  validUntil: string;
};

export type GuaranteeStatus =
  | 'ACTIVE'
  | 'CALLED'
  | 'RELEASED';

export type GuaranteeType =
  | 'GENERAL'
  | 'JOINT_AND_SEVERAL'
  | 'MORTGAGE'
  | 'PLEDGE';

/** The record types of healthcare a source authority submits. */
export type HealthcareRecordType =
  | 'ClinicalRecord'
  | 'InsuranceFundViolation'
  | 'InsuranceStaffScore'
  | 'PeriodicAssessment'
  | 'PhysicianRegistration'
  | 'PracticeLicence';

/** Purposes of inquiry, as stated in the `x-inquiry-purpose` header. */
export type InquiryPurpose =
  | 'ADMINISTRATIVE_APPROVAL'
  | 'CREDIT_CARD_APPROVAL'
  | 'CREDIT_RATING'
  | 'GUARANTEE_REVIEW'
  | 'JUDICIAL'
  | 'LOAN_APPROVAL'
  | 'POST_LOAN_MANAGEMENT'
  | 'SELF_QUERY'
  | 'SUPERVISION';

export type InstitutionType =
  | 'CLINIC'
  | 'COMMUNITY_HEALTH_CENTRE'
  | 'GENERAL_HOSPITAL'
  | 'MATERNAL_AND_CHILD_HOSPITAL'
  | 'PHARMACY'
  | 'STOMATOLOGICAL_HOSPITAL'
  | 'TCM_HOSPITAL';

export type IpNoticeOutcomeType =
  | 'LISTINGS_REMOVED'
  | 'NOTICE_REJECTED'
  | 'RESTORED_AFTER_COUNTER_NOTICE';

export type IpType =
  | 'COPYRIGHT'
  | 'PATENT'
  | 'TRADEMARK';

/** The five-level loan classification (正常/关注/次级/可疑/损失). */
export type LoanClassification =
  | 'DOUBTFUL'
  | 'LOSS'
  | 'NORMAL'
  | 'SPECIAL_MENTION'
  | 'SUBSTANDARD';

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

/** How long the account is overdue: current, or 1 to 7+ months. */
export type OverdueBucket =
  | 'CURRENT'
  | 'M1'
  | 'M2'
  | 'M3'
  | 'M4'
  | 'M5'
  | 'M6'
  | 'M7_PLUS';

export type PaymentQualification =
  | 'ACTIVE'
  | 'SUSPENDED'
  | 'TERMINATED';

export type Performance =
  | 'PARTIALLY_PERFORMED'
  | 'PERFORMED'
  | 'UNPERFORMED';

export type PhysicianCategory =
  | 'CLINICAL'
  | 'DENTAL'
  | 'PUBLIC_HEALTH'
  | 'TRADITIONAL_CHINESE_MEDICINE';

export type PlatformMeasureType =
  | 'RESTRICTION'
  | 'SUSPENSION'
  | 'TERMINATION'
  | 'WARNING';

export type PractitionerCategory =
  | 'FIRST_CLASS_CONSTRUCTOR'
  | 'REGISTERED_ARCHITECT'
  | 'REGISTERED_COST_ENGINEER'
  | 'REGISTERED_STRUCTURAL_ENGINEER'
  | 'REGISTERED_SUPERVISION_ENGINEER'
  | 'SECOND_CLASS_CONSTRUCTOR';

export type ProjectRole =
  | 'DESIGNER'
  | 'GENERAL_CONTRACTOR'
  | 'SUBCONTRACTOR'
  | 'SUPERVISOR';

export type ProjectStatus =
  | 'COMPLETED'
  | 'IN_PROGRESS'
  | 'SUSPENDED';

export type QualificationCategory =
  | 'DESIGN'
  | 'GENERAL_CONTRACTING'
  | 'LABOUR_SERVICES'
  | 'SPECIALIZED_CONTRACTING'
  | 'SUPERVISION';

/** Qualification grades: SPECIAL (特级), then first to third grade. */
export type QualificationGrade =
  | 'FIRST'
  | 'SECOND'
  | 'SPECIAL'
  | 'THIRD';

/** What a record version did. */
export type RecordChange =
  | 'CORRECTED'
  | 'SUBMITTED'
  | 'WITHDRAWN';

/** Whether a record version is in force. */
export type RecordState =
  | 'IN_FORCE'
  | 'WITHDRAWN';

/** A subject's statement on one of its own records; it replaces the current one. */
export type RecordStatementInput = {
  record: string | number;
  /** The subject acting as itself: the record's subject, whose authorization this act rests on. */
  subject: string | number;
  /** At most `CG_STATEMENT_MAX_CHARS` characters (200), one line or several. */
  text: string;
};

export type RegistrationStatus =
  | 'CANCELLED'
  | 'REGISTERED'
  | 'SUSPENDED';

/** The record types of registry a source authority submits. */
export type RegistryRecordType =
  | 'AbnormalOperationListing'
  | 'SeriousIllegalListing';

/** A subject's application for credit repair of one of its records. */
export type RepairApplicationInput = {
  commitment: string;
  measures: string;
  record: string | number;
  /** The subject acting as itself: the record's subject, whose authorization this act rests on. */
  subject: string | number;
};

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

export type ShopStatus =
  | 'CLOSED'
  | 'OPERATING'
  | 'SUSPENDED';

/** Where a subject's own statement on a record stands: CURRENT (shown with the record), REPLACED by a newer one, or WITHDRAWN by the subject. */
export type StatementState =
  | 'CURRENT'
  | 'REPLACED'
  | 'WITHDRAWN';

export type SubjectCodeType =
  | 'RESIDENT_ID'
  | 'USCC';

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

/** Tax credit grades (纳税信用等级): A, B, M (new or small), C, D. */
export type TaxCreditGrade =
  | 'A'
  | 'B'
  | 'C'
  | 'D'
  | 'M';

export type TaxPenaltyType =
  | 'CONFISCATION'
  | 'FINE'
  | 'SUSPENSION_OF_INVOICES'
  | 'WARNING';

export type TaxRegistrationStatus =
  | 'DEREGISTERED'
  | 'NON_FILING'
  | 'NORMAL';

/** The record types of taxation a source authority submits. */
export type TaxationRecordType =
  | 'MajorTaxViolation'
  | 'TaxArrearsNotice'
  | 'TaxCreditRating'
  | 'TaxPenalty'
  | 'TaxRegistration';

export type TaxpayerType =
  | 'GENERAL_VAT_TAXPAYER'
  | 'INDIVIDUAL_TAXPAYER'
  | 'SMALL_SCALE_TAXPAYER';

/** A record the caller submitted in error, to withdraw. */
export type WithdrawRecordInput = {
  documentNumber: string;
  /** Why it is withdrawn (e.g. the penalty was revoked). */
  reason: string;
};

export type CreditReportQueryVariables = Exact<{
  code: string | number;
}>;


export type CreditReportQuery = { creditReport: { id: string, generatedAt: string, purpose: InquiryPurpose | null, requestedBy: { kind: string, institution: string | null }, selfReports: { year: number, used: number, freePerYear: number, freeRemaining: number, charged: boolean } | null, subject: { code: string, codeType: SubjectCodeType, kind: SubjectKind, name: string, status: SubjectStatus, establishedOn: string | null, registeredCapital: string | null, address: string | null, industry: string | null, registrationAuthority: string | null, region: { code: string, name: string }, legalRepresentative: { name: string } | null, listingSummary: { recordsInForce: number, negativeInForce: number, underObjection: number, repaired: number, latestDecisionOn: string | null, worstState: string | null } | null, abnormalOperationListings: { totalCount: number, nodes: Array<{ reason: string, listedOn: string, removedOn: string | null, removalReason: string | null, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, seriousIllegalListings: { totalCount: number, nodes: Array<{ reason: string, listedOn: string, removedOn: string | null, removalReason: string | null, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, taxation: { recordSummary: { recordsInForce: number, negativeInForce: number, underObjection: number, repaired: number, latestDecisionOn: string | null, worstState: string | null } | null, registrations: { totalCount: number, nodes: Array<{ taxpayerType: TaxpayerType, registeredOn: string, status: TaxRegistrationStatus, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, creditRatings: { totalCount: number, nodes: Array<{ year: number, grade: TaxCreditGrade, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, arrearsNotices: { totalCount: number, nodes: Array<{ taxType: string, amountOwed: string, periodEnd: string, status: ArrearsStatus, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, majorViolations: { totalCount: number, nodes: Array<{ caseNature: string, penalty: string, amountInvolved: string, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, penalties: { totalCount: number, nodes: Array<{ violation: string, penaltyType: TaxPenaltyType, fineAmount: string, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null } | null, finance: { recordSummary: { recordsInForce: number, negativeInForce: number, underObjection: number, repaired: number, latestDecisionOn: string | null, worstState: string | null } | null, creditAccounts: { totalCount: number, nodes: Array<{ institutionName: string, accountType: CreditAccountType, amount: string, balance: string, classification: LoanClassification, overdueBucket: OverdueBucket, status: CreditAccountStatus, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, guarantees: { totalCount: number, nodes: Array<{ creditorName: string, debtorName: string, guaranteeType: GuaranteeType, amount: string, status: GuaranteeStatus, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, dishonestDebtorListings: { totalCount: number, nodes: Array<{ court: string, caseNumber: string, obligation: string, performance: Performance, listedOn: string, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, courtJudgments: { totalCount: number, nodes: Array<{ court: string, caseNumber: string, cause: string, amount: string, outcome: string, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null } | null, construction: { recordSummary: { recordsInForce: number, negativeInForce: number, underObjection: number, repaired: number, latestDecisionOn: string | null, worstState: string | null } | null, qualifications: { totalCount: number, nodes: Array<{ category: QualificationCategory, grade: QualificationGrade, validUntil: string, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, practitioners: { totalCount: number, nodes: Array<{ practitionerName: string, category: PractitionerCategory, validUntil: string, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, projects: { totalCount: number, nodes: Array<{ projectName: string, role: ProjectRole, contractAmount: string, status: ProjectStatus, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, goodBehaviourRecords: { totalCount: number, nodes: Array<{ awardName: string, level: AwardLevel, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, badBehaviourRecords: { totalCount: number, nodes: Array<{ severity: BehaviourSeverity, description: string, penalty: string, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, blacklistings: { totalCount: number, nodes: Array<{ reason: string, listedOn: string, removedOn: string | null, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, wageArrearsListings: { totalCount: number, nodes: Array<{ projectName: string, workersAffected: number, amountOwed: string, settled: boolean, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null } | null, ecommerce: { recordSummary: { recordsInForce: number, negativeInForce: number, underObjection: number, repaired: number, latestDecisionOn: string | null, worstState: string | null } | null, shops: { totalCount: number, nodes: Array<{ platform: string, shopName: string, status: ShopStatus, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, platformMeasures: { totalCount: number, nodes: Array<{ platform: string, shopName: string, measure: PlatformMeasureType, reason: string, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, ipNoticeOutcomes: { totalCount: number, nodes: Array<{ platform: string, ipType: IpType, outcome: IpNoticeOutcomeType, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, counterfeitPenalties: { totalCount: number, nodes: Array<{ goods: string, fineAmount: string, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, complaintStatistics: { totalCount: number, nodes: Array<{ period: string, complaints: number, resolved: number, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null } | null, healthcare: { recordSummary: { recordsInForce: number, negativeInForce: number, underObjection: number, repaired: number, latestDecisionOn: string | null, worstState: string | null } | null, practiceLicences: { totalCount: number, nodes: Array<{ institutionType: InstitutionType, hospitalGrade: string | null, beds: number, validUntil: string, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, physicianRegistrations: { totalCount: number, nodes: Array<{ category: PhysicianCategory, institutionName: string, status: RegistrationStatus, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, periodicAssessments: { totalCount: number, nodes: Array<{ period: string, result: AssessmentResult, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, insuranceStaffScores: { totalCount: number, nodes: Array<{ year: number, pointsDeducted: number, paymentQualification: PaymentQualification, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, insuranceFundViolations: { totalCount: number, nodes: Array<{ violation: string, recoveredAmount: string, fineAmount: string, suspendedMonths: number, documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null } | null } | null, inquiries: Array<{ institution: string, date: string, purpose: InquiryPurpose | null }> | null, statement: { text: string, madeAt: string } | null } | null };

export type SummaryFragment = { recordsInForce: number, negativeInForce: number, underObjection: number, repaired: number, latestDecisionOn: string | null, worstState: string | null };

type Envelope_AbnormalOperationListing_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_AssetRecord_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_BadBehaviourRecord_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_ComplaintStatistic_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_ConstructionProject_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_CounterfeitPenalty_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_CourtJudgment_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_CreditAccount_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_DishonestDebtorListing_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_GoodBehaviourRecord_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_Guarantee_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_InsuranceFundViolation_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_InsuranceStaffScore_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_IpNoticeOutcome_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_MajorTaxViolation_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_MarketBlacklisting_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_OnlineShop_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_PeriodicAssessment_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_PhysicianRegistration_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_PlatformMeasure_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_PracticeLicence_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_QualificationCertificate_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_RegisteredPractitioner_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_SeriousIllegalListing_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_TaxArrearsNotice_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_TaxCreditRating_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_TaxPenalty_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_TaxRegistration_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type Envelope_WageArrearsListing_Fragment = { documentNumber: string | null, decisionDate: string, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

export type EnvelopeFragment =
  | Envelope_AbnormalOperationListing_Fragment
  | Envelope_AssetRecord_Fragment
  | Envelope_BadBehaviourRecord_Fragment
  | Envelope_ComplaintStatistic_Fragment
  | Envelope_ConstructionProject_Fragment
  | Envelope_CounterfeitPenalty_Fragment
  | Envelope_CourtJudgment_Fragment
  | Envelope_CreditAccount_Fragment
  | Envelope_DishonestDebtorListing_Fragment
  | Envelope_GoodBehaviourRecord_Fragment
  | Envelope_Guarantee_Fragment
  | Envelope_InsuranceFundViolation_Fragment
  | Envelope_InsuranceStaffScore_Fragment
  | Envelope_IpNoticeOutcome_Fragment
  | Envelope_MajorTaxViolation_Fragment
  | Envelope_MarketBlacklisting_Fragment
  | Envelope_OnlineShop_Fragment
  | Envelope_PeriodicAssessment_Fragment
  | Envelope_PhysicianRegistration_Fragment
  | Envelope_PlatformMeasure_Fragment
  | Envelope_PracticeLicence_Fragment
  | Envelope_QualificationCertificate_Fragment
  | Envelope_RegisteredPractitioner_Fragment
  | Envelope_SeriousIllegalListing_Fragment
  | Envelope_TaxArrearsNotice_Fragment
  | Envelope_TaxCreditRating_Fragment
  | Envelope_TaxPenalty_Fragment
  | Envelope_TaxRegistration_Fragment
  | Envelope_WageArrearsListing_Fragment
;

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

export type ApplyForConstructionRepairMutationVariables = Exact<{
  input: RepairApplicationInput;
}>;


export type ApplyForConstructionRepairMutation = { applyForConstructionRepair: { id: string, recordType: string, recordId: string, documentNumber: string | null, status: RepairApplicationStatus, appliedAt: string } | null };

export type ApplyForEcommerceRepairMutationVariables = Exact<{
  input: RepairApplicationInput;
}>;


export type ApplyForEcommerceRepairMutation = { applyForEcommerceRepair: { id: string, recordType: string, recordId: string, documentNumber: string | null, status: RepairApplicationStatus, appliedAt: string } | null };

export type ApplyForFinanceRepairMutationVariables = Exact<{
  input: RepairApplicationInput;
}>;


export type ApplyForFinanceRepairMutation = { applyForFinanceRepair: { id: string, recordType: string, recordId: string, documentNumber: string | null, status: RepairApplicationStatus, appliedAt: string } | null };

export type ApplyForHealthcareRepairMutationVariables = Exact<{
  input: RepairApplicationInput;
}>;


export type ApplyForHealthcareRepairMutation = { applyForHealthcareRepair: { id: string, recordType: string, recordId: string, documentNumber: string | null, status: RepairApplicationStatus, appliedAt: string } | null };

export type ApplyForRegistryRepairMutationVariables = Exact<{
  input: RepairApplicationInput;
}>;


export type ApplyForRegistryRepairMutation = { applyForRegistryRepair: { id: string, recordType: string, recordId: string, documentNumber: string | null, status: RepairApplicationStatus, appliedAt: string } | null };

export type ApplyForTaxationRepairMutationVariables = Exact<{
  input: RepairApplicationInput;
}>;


export type ApplyForTaxationRepairMutation = { applyForTaxationRepair: { id: string, recordType: string, recordId: string, documentNumber: string | null, status: RepairApplicationStatus, appliedAt: string } | null };

export type FileConstructionObjectionMutationVariables = Exact<{
  input: FileObjectionInput;
}>;


export type FileConstructionObjectionMutation = { fileConstructionObjection: { id: string, recordType: string, recordId: string, documentNumber: string | null, status: ObjectionState, dueOn: string, filedAt: string } | null };

export type FileEcommerceObjectionMutationVariables = Exact<{
  input: FileObjectionInput;
}>;


export type FileEcommerceObjectionMutation = { fileEcommerceObjection: { id: string, recordType: string, recordId: string, documentNumber: string | null, status: ObjectionState, dueOn: string, filedAt: string } | null };

export type FileFinanceObjectionMutationVariables = Exact<{
  input: FileObjectionInput;
}>;


export type FileFinanceObjectionMutation = { fileFinanceObjection: { id: string, recordType: string, recordId: string, documentNumber: string | null, status: ObjectionState, dueOn: string, filedAt: string } | null };

export type FileHealthcareObjectionMutationVariables = Exact<{
  input: FileObjectionInput;
}>;


export type FileHealthcareObjectionMutation = { fileHealthcareObjection: { id: string, recordType: string, recordId: string, documentNumber: string | null, status: ObjectionState, dueOn: string, filedAt: string } | null };

export type FileRegistryObjectionMutationVariables = Exact<{
  input: FileObjectionInput;
}>;


export type FileRegistryObjectionMutation = { fileRegistryObjection: { id: string, recordType: string, recordId: string, documentNumber: string | null, status: ObjectionState, dueOn: string, filedAt: string } | null };

export type FileTaxationObjectionMutationVariables = Exact<{
  input: FileObjectionInput;
}>;


export type FileTaxationObjectionMutation = { fileTaxationObjection: { id: string, recordType: string, recordId: string, documentNumber: string | null, status: ObjectionState, dueOn: string, filedAt: string } | null };

export type GrantConsentMutationVariables = Exact<{
  input: GrantConsentInput;
}>;


export type GrantConsentMutation = { grantConsent: { id: string, organization: string, purpose: InquiryPurpose, categories: Array<string>, validFrom: string, validUntil: string, inForce: boolean } };

export type MyConsentsQueryVariables = Exact<{
  code: string | number;
  after?: string | null | undefined;
}>;


export type MyConsentsQuery = { subject: { code: string, consents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, organization: string, purpose: InquiryPurpose, categories: Array<string>, validFrom: string, validUntil: string, grantedAt: string, revokedAt: string | null, inForce: boolean }> } | null } | null };

export type MyConstructionRecordsQueryVariables = Exact<{
  code: string | number;
}>;


export type MyConstructionRecordsQuery = { subject: { code: string, construction: { qualifications: { totalCount: number, nodes: Array<{ certificateNumber: string, category: QualificationCategory, grade: QualificationGrade, scope: string, validUntil: string, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, practitioners: { totalCount: number, nodes: Array<{ practitionerName: string, registrationNumber: string, category: PractitionerCategory, specialty: string, employerName: string, validUntil: string, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, projects: { totalCount: number, nodes: Array<{ projectCode: string, projectName: string, role: ProjectRole, contractAmount: string, location: string, startedOn: string, completedOn: string | null, status: ProjectStatus, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, goodBehaviourRecords: { totalCount: number, nodes: Array<{ awardName: string, level: AwardLevel, projectName: string | null, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, badBehaviourRecords: { totalCount: number, nodes: Array<{ severity: BehaviourSeverity, behaviourCode: string, description: string, projectName: string | null, penalty: string, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, blacklistings: { totalCount: number, nodes: Array<{ reason: string, listedOn: string, removedOn: string | null, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, wageArrearsListings: { totalCount: number, nodes: Array<{ projectName: string, workersAffected: number, amountOwed: string, listedOn: string, settled: boolean, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, objections: { nodes: Array<{ id: string, recordId: string, status: ObjectionState, dueOn: string, overdue: boolean }> } | null } | null } | null };

type ConstructionRecordEnvelope_AbnormalOperationListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_AssetRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_BadBehaviourRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_ComplaintStatistic_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_ConstructionProject_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_CounterfeitPenalty_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_CourtJudgment_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_CreditAccount_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_DishonestDebtorListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_GoodBehaviourRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_Guarantee_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_InsuranceFundViolation_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_InsuranceStaffScore_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_IpNoticeOutcome_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_MajorTaxViolation_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_MarketBlacklisting_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_OnlineShop_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_PeriodicAssessment_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_PhysicianRegistration_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_PlatformMeasure_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_PracticeLicence_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_QualificationCertificate_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_RegisteredPractitioner_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_SeriousIllegalListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_TaxArrearsNotice_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_TaxCreditRating_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_TaxPenalty_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_TaxRegistration_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type ConstructionRecordEnvelope_WageArrearsListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

export type ConstructionRecordEnvelopeFragment =
  | ConstructionRecordEnvelope_AbnormalOperationListing_Fragment
  | ConstructionRecordEnvelope_AssetRecord_Fragment
  | ConstructionRecordEnvelope_BadBehaviourRecord_Fragment
  | ConstructionRecordEnvelope_ComplaintStatistic_Fragment
  | ConstructionRecordEnvelope_ConstructionProject_Fragment
  | ConstructionRecordEnvelope_CounterfeitPenalty_Fragment
  | ConstructionRecordEnvelope_CourtJudgment_Fragment
  | ConstructionRecordEnvelope_CreditAccount_Fragment
  | ConstructionRecordEnvelope_DishonestDebtorListing_Fragment
  | ConstructionRecordEnvelope_GoodBehaviourRecord_Fragment
  | ConstructionRecordEnvelope_Guarantee_Fragment
  | ConstructionRecordEnvelope_InsuranceFundViolation_Fragment
  | ConstructionRecordEnvelope_InsuranceStaffScore_Fragment
  | ConstructionRecordEnvelope_IpNoticeOutcome_Fragment
  | ConstructionRecordEnvelope_MajorTaxViolation_Fragment
  | ConstructionRecordEnvelope_MarketBlacklisting_Fragment
  | ConstructionRecordEnvelope_OnlineShop_Fragment
  | ConstructionRecordEnvelope_PeriodicAssessment_Fragment
  | ConstructionRecordEnvelope_PhysicianRegistration_Fragment
  | ConstructionRecordEnvelope_PlatformMeasure_Fragment
  | ConstructionRecordEnvelope_PracticeLicence_Fragment
  | ConstructionRecordEnvelope_QualificationCertificate_Fragment
  | ConstructionRecordEnvelope_RegisteredPractitioner_Fragment
  | ConstructionRecordEnvelope_SeriousIllegalListing_Fragment
  | ConstructionRecordEnvelope_TaxArrearsNotice_Fragment
  | ConstructionRecordEnvelope_TaxCreditRating_Fragment
  | ConstructionRecordEnvelope_TaxPenalty_Fragment
  | ConstructionRecordEnvelope_TaxRegistration_Fragment
  | ConstructionRecordEnvelope_WageArrearsListing_Fragment
;

export type MyEcommerceRecordsQueryVariables = Exact<{
  code: string | number;
}>;


export type MyEcommerceRecordsQuery = { subject: { code: string, ecommerce: { shops: { totalCount: number, nodes: Array<{ platform: string, shopName: string, url: string, licenceDisplayed: boolean, openedOn: string, status: ShopStatus, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, platformMeasures: { totalCount: number, nodes: Array<{ platform: string, shopName: string, measure: PlatformMeasureType, reason: string, startsOn: string, endsOn: string | null, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, ipNoticeOutcomes: { totalCount: number, nodes: Array<{ platform: string, rightsHolder: string, ipType: IpType, listingsAffected: number, outcome: IpNoticeOutcomeType, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, counterfeitPenalties: { totalCount: number, nodes: Array<{ goods: string, illegalIncome: string, confiscatedValue: string, fineAmount: string, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, complaintStatistics: { totalCount: number, nodes: Array<{ period: string, complaints: number, resolved: number, resolutionRate: number, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, objections: { nodes: Array<{ id: string, recordId: string, status: ObjectionState, dueOn: string, overdue: boolean }> } | null } | null } | null };

type EcommerceRecordEnvelope_AbnormalOperationListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_AssetRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_BadBehaviourRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_ComplaintStatistic_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_ConstructionProject_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_CounterfeitPenalty_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_CourtJudgment_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_CreditAccount_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_DishonestDebtorListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_GoodBehaviourRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_Guarantee_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_InsuranceFundViolation_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_InsuranceStaffScore_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_IpNoticeOutcome_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_MajorTaxViolation_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_MarketBlacklisting_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_OnlineShop_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_PeriodicAssessment_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_PhysicianRegistration_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_PlatformMeasure_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_PracticeLicence_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_QualificationCertificate_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_RegisteredPractitioner_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_SeriousIllegalListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_TaxArrearsNotice_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_TaxCreditRating_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_TaxPenalty_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_TaxRegistration_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type EcommerceRecordEnvelope_WageArrearsListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

export type EcommerceRecordEnvelopeFragment =
  | EcommerceRecordEnvelope_AbnormalOperationListing_Fragment
  | EcommerceRecordEnvelope_AssetRecord_Fragment
  | EcommerceRecordEnvelope_BadBehaviourRecord_Fragment
  | EcommerceRecordEnvelope_ComplaintStatistic_Fragment
  | EcommerceRecordEnvelope_ConstructionProject_Fragment
  | EcommerceRecordEnvelope_CounterfeitPenalty_Fragment
  | EcommerceRecordEnvelope_CourtJudgment_Fragment
  | EcommerceRecordEnvelope_CreditAccount_Fragment
  | EcommerceRecordEnvelope_DishonestDebtorListing_Fragment
  | EcommerceRecordEnvelope_GoodBehaviourRecord_Fragment
  | EcommerceRecordEnvelope_Guarantee_Fragment
  | EcommerceRecordEnvelope_InsuranceFundViolation_Fragment
  | EcommerceRecordEnvelope_InsuranceStaffScore_Fragment
  | EcommerceRecordEnvelope_IpNoticeOutcome_Fragment
  | EcommerceRecordEnvelope_MajorTaxViolation_Fragment
  | EcommerceRecordEnvelope_MarketBlacklisting_Fragment
  | EcommerceRecordEnvelope_OnlineShop_Fragment
  | EcommerceRecordEnvelope_PeriodicAssessment_Fragment
  | EcommerceRecordEnvelope_PhysicianRegistration_Fragment
  | EcommerceRecordEnvelope_PlatformMeasure_Fragment
  | EcommerceRecordEnvelope_PracticeLicence_Fragment
  | EcommerceRecordEnvelope_QualificationCertificate_Fragment
  | EcommerceRecordEnvelope_RegisteredPractitioner_Fragment
  | EcommerceRecordEnvelope_SeriousIllegalListing_Fragment
  | EcommerceRecordEnvelope_TaxArrearsNotice_Fragment
  | EcommerceRecordEnvelope_TaxCreditRating_Fragment
  | EcommerceRecordEnvelope_TaxPenalty_Fragment
  | EcommerceRecordEnvelope_TaxRegistration_Fragment
  | EcommerceRecordEnvelope_WageArrearsListing_Fragment
;

export type MyFinanceRecordsQueryVariables = Exact<{
  code: string | number;
}>;


export type MyFinanceRecordsQuery = { subject: { code: string, finance: { creditAccounts: { totalCount: number, nodes: Array<{ institutionName: string, accountType: CreditAccountType, amount: string, balance: string, classification: LoanClassification, overdueBucket: OverdueBucket, openedOn: string, dueOn: string | null, status: CreditAccountStatus, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, guarantees: { totalCount: number, nodes: Array<{ creditorName: string, debtorName: string, guaranteeType: GuaranteeType, amount: string, startsOn: string, endsOn: string, status: GuaranteeStatus, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, dishonestDebtorListings: { totalCount: number, nodes: Array<{ court: string, caseNumber: string, obligation: string, performance: Performance, dishonestConduct: string, listedOn: string, delistedOn: string | null, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, courtJudgments: { totalCount: number, nodes: Array<{ court: string, caseNumber: string, caseType: CourtCaseType, cause: string, role: string, amount: string, outcome: string, enforcementStatus: EnforcementStatus, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, objections: { nodes: Array<{ id: string, recordId: string, status: ObjectionState, dueOn: string, overdue: boolean }> } | null } | null } | null };

type FinanceRecordEnvelope_AbnormalOperationListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_AssetRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_BadBehaviourRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_ComplaintStatistic_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_ConstructionProject_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_CounterfeitPenalty_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_CourtJudgment_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_CreditAccount_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_DishonestDebtorListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_GoodBehaviourRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_Guarantee_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_InsuranceFundViolation_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_InsuranceStaffScore_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_IpNoticeOutcome_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_MajorTaxViolation_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_MarketBlacklisting_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_OnlineShop_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_PeriodicAssessment_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_PhysicianRegistration_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_PlatformMeasure_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_PracticeLicence_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_QualificationCertificate_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_RegisteredPractitioner_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_SeriousIllegalListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_TaxArrearsNotice_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_TaxCreditRating_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_TaxPenalty_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_TaxRegistration_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type FinanceRecordEnvelope_WageArrearsListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

export type FinanceRecordEnvelopeFragment =
  | FinanceRecordEnvelope_AbnormalOperationListing_Fragment
  | FinanceRecordEnvelope_AssetRecord_Fragment
  | FinanceRecordEnvelope_BadBehaviourRecord_Fragment
  | FinanceRecordEnvelope_ComplaintStatistic_Fragment
  | FinanceRecordEnvelope_ConstructionProject_Fragment
  | FinanceRecordEnvelope_CounterfeitPenalty_Fragment
  | FinanceRecordEnvelope_CourtJudgment_Fragment
  | FinanceRecordEnvelope_CreditAccount_Fragment
  | FinanceRecordEnvelope_DishonestDebtorListing_Fragment
  | FinanceRecordEnvelope_GoodBehaviourRecord_Fragment
  | FinanceRecordEnvelope_Guarantee_Fragment
  | FinanceRecordEnvelope_InsuranceFundViolation_Fragment
  | FinanceRecordEnvelope_InsuranceStaffScore_Fragment
  | FinanceRecordEnvelope_IpNoticeOutcome_Fragment
  | FinanceRecordEnvelope_MajorTaxViolation_Fragment
  | FinanceRecordEnvelope_MarketBlacklisting_Fragment
  | FinanceRecordEnvelope_OnlineShop_Fragment
  | FinanceRecordEnvelope_PeriodicAssessment_Fragment
  | FinanceRecordEnvelope_PhysicianRegistration_Fragment
  | FinanceRecordEnvelope_PlatformMeasure_Fragment
  | FinanceRecordEnvelope_PracticeLicence_Fragment
  | FinanceRecordEnvelope_QualificationCertificate_Fragment
  | FinanceRecordEnvelope_RegisteredPractitioner_Fragment
  | FinanceRecordEnvelope_SeriousIllegalListing_Fragment
  | FinanceRecordEnvelope_TaxArrearsNotice_Fragment
  | FinanceRecordEnvelope_TaxCreditRating_Fragment
  | FinanceRecordEnvelope_TaxPenalty_Fragment
  | FinanceRecordEnvelope_TaxRegistration_Fragment
  | FinanceRecordEnvelope_WageArrearsListing_Fragment
;

export type MyHealthcareRecordsQueryVariables = Exact<{
  code: string | number;
}>;


export type MyHealthcareRecordsQuery = { subject: { code: string, healthcare: { practiceLicences: { totalCount: number, nodes: Array<{ licenceNumber: string, institutionType: InstitutionType, hospitalGrade: string | null, beds: number, departments: Array<string>, validUntil: string, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, physicianRegistrations: { totalCount: number, nodes: Array<{ registrationNumber: string, category: PhysicianCategory, practiceScope: string, institutionName: string, status: RegistrationStatus, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, periodicAssessments: { totalCount: number, nodes: Array<{ period: string, result: AssessmentResult, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, insuranceStaffScores: { totalCount: number, nodes: Array<{ year: number, pointsDeducted: number, paymentQualification: PaymentQualification, reasons: Array<string>, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, insuranceFundViolations: { totalCount: number, nodes: Array<{ violation: string, recoveredAmount: string, fineMultiple: string, fineAmount: string, suspendedMonths: number, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, objections: { nodes: Array<{ id: string, recordId: string, status: ObjectionState, dueOn: string, overdue: boolean }> } | null } | null } | null };

type HealthcareRecordEnvelope_AbnormalOperationListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_AssetRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_BadBehaviourRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_ComplaintStatistic_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_ConstructionProject_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_CounterfeitPenalty_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_CourtJudgment_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_CreditAccount_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_DishonestDebtorListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_GoodBehaviourRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_Guarantee_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_InsuranceFundViolation_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_InsuranceStaffScore_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_IpNoticeOutcome_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_MajorTaxViolation_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_MarketBlacklisting_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_OnlineShop_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_PeriodicAssessment_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_PhysicianRegistration_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_PlatformMeasure_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_PracticeLicence_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_QualificationCertificate_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_RegisteredPractitioner_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_SeriousIllegalListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_TaxArrearsNotice_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_TaxCreditRating_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_TaxPenalty_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_TaxRegistration_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type HealthcareRecordEnvelope_WageArrearsListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

export type HealthcareRecordEnvelopeFragment =
  | HealthcareRecordEnvelope_AbnormalOperationListing_Fragment
  | HealthcareRecordEnvelope_AssetRecord_Fragment
  | HealthcareRecordEnvelope_BadBehaviourRecord_Fragment
  | HealthcareRecordEnvelope_ComplaintStatistic_Fragment
  | HealthcareRecordEnvelope_ConstructionProject_Fragment
  | HealthcareRecordEnvelope_CounterfeitPenalty_Fragment
  | HealthcareRecordEnvelope_CourtJudgment_Fragment
  | HealthcareRecordEnvelope_CreditAccount_Fragment
  | HealthcareRecordEnvelope_DishonestDebtorListing_Fragment
  | HealthcareRecordEnvelope_GoodBehaviourRecord_Fragment
  | HealthcareRecordEnvelope_Guarantee_Fragment
  | HealthcareRecordEnvelope_InsuranceFundViolation_Fragment
  | HealthcareRecordEnvelope_InsuranceStaffScore_Fragment
  | HealthcareRecordEnvelope_IpNoticeOutcome_Fragment
  | HealthcareRecordEnvelope_MajorTaxViolation_Fragment
  | HealthcareRecordEnvelope_MarketBlacklisting_Fragment
  | HealthcareRecordEnvelope_OnlineShop_Fragment
  | HealthcareRecordEnvelope_PeriodicAssessment_Fragment
  | HealthcareRecordEnvelope_PhysicianRegistration_Fragment
  | HealthcareRecordEnvelope_PlatformMeasure_Fragment
  | HealthcareRecordEnvelope_PracticeLicence_Fragment
  | HealthcareRecordEnvelope_QualificationCertificate_Fragment
  | HealthcareRecordEnvelope_RegisteredPractitioner_Fragment
  | HealthcareRecordEnvelope_SeriousIllegalListing_Fragment
  | HealthcareRecordEnvelope_TaxArrearsNotice_Fragment
  | HealthcareRecordEnvelope_TaxCreditRating_Fragment
  | HealthcareRecordEnvelope_TaxPenalty_Fragment
  | HealthcareRecordEnvelope_TaxRegistration_Fragment
  | HealthcareRecordEnvelope_WageArrearsListing_Fragment
;

export type MyInquiryRecordsQueryVariables = Exact<{
  code: string | number;
  since?: string | null | undefined;
  after?: string | null | undefined;
}>;


export type MyInquiryRecordsQuery = { inquiryRecords: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, occurredAt: string, principalKind: string, organization: string | null, organizationName: string | null, staff: string | null, purpose: InquiryPurpose | null, categories: Array<string> }> } };

export type MyNoticesQueryVariables = Exact<{
  code: string | number;
}>;


export type MyNoticesQuery = { subject: { code: string, listingNotices: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, change: RecordChange, documentNumber: string, decisionDate: string, summary: string, issuedAt: string, howToObject: string, sourceAuthority: { name: string } }> } | null, taxation: { notices: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, change: RecordChange, documentNumber: string, decisionDate: string, summary: string, issuedAt: string, howToObject: string, sourceAuthority: { name: string } }> } | null } | null, finance: { notices: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, change: RecordChange, documentNumber: string, decisionDate: string, summary: string, issuedAt: string, howToObject: string, sourceAuthority: { name: string } }> } | null } | null, construction: { notices: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, change: RecordChange, documentNumber: string, decisionDate: string, summary: string, issuedAt: string, howToObject: string, sourceAuthority: { name: string } }> } | null } | null, ecommerce: { notices: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, change: RecordChange, documentNumber: string, decisionDate: string, summary: string, issuedAt: string, howToObject: string, sourceAuthority: { name: string } }> } | null } | null, healthcare: { notices: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, change: RecordChange, documentNumber: string, decisionDate: string, summary: string, issuedAt: string, howToObject: string, sourceAuthority: { name: string } }> } | null } | null } | null };

export type MyNoticeFragment = { id: string, recordType: string, recordId: string, change: RecordChange, documentNumber: string, decisionDate: string, summary: string, issuedAt: string, howToObject: string, sourceAuthority: { name: string } };

export type MyObjectionsQueryVariables = Exact<{
  code: string | number;
}>;


export type MyObjectionsQuery = { subject: { code: string, listingObjections: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, reason: string, evidence: string | null, filedAt: string, dueOn: string, status: ObjectionState, overdue: boolean, answer: string | null, answeredAt: string | null, recordVersion: number, sourceAuthority: { name: string } }> } | null, taxation: { objections: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, reason: string, evidence: string | null, filedAt: string, dueOn: string, status: ObjectionState, overdue: boolean, answer: string | null, answeredAt: string | null, recordVersion: number, sourceAuthority: { name: string } }> } | null } | null, finance: { objections: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, reason: string, evidence: string | null, filedAt: string, dueOn: string, status: ObjectionState, overdue: boolean, answer: string | null, answeredAt: string | null, recordVersion: number, sourceAuthority: { name: string } }> } | null } | null, construction: { objections: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, reason: string, evidence: string | null, filedAt: string, dueOn: string, status: ObjectionState, overdue: boolean, answer: string | null, answeredAt: string | null, recordVersion: number, sourceAuthority: { name: string } }> } | null } | null, ecommerce: { objections: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, reason: string, evidence: string | null, filedAt: string, dueOn: string, status: ObjectionState, overdue: boolean, answer: string | null, answeredAt: string | null, recordVersion: number, sourceAuthority: { name: string } }> } | null } | null, healthcare: { objections: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, reason: string, evidence: string | null, filedAt: string, dueOn: string, status: ObjectionState, overdue: boolean, answer: string | null, answeredAt: string | null, recordVersion: number, sourceAuthority: { name: string } }> } | null } | null } | null };

export type MyObjectionFragment = { id: string, recordType: string, recordId: string, documentNumber: string | null, reason: string, evidence: string | null, filedAt: string, dueOn: string, status: ObjectionState, overdue: boolean, answer: string | null, answeredAt: string | null, recordVersion: number, sourceAuthority: { name: string } };

export type MyOverviewQueryVariables = Exact<{
  code: string | number;
}>;


export type MyOverviewQuery = { subject: { code: string, name: string, kind: SubjectKind, status: SubjectStatus, listingSummary: { recordsInForce: number, negativeInForce: number, underObjection: number, repaired: number, latestDecisionOn: string | null, worstState: string | null } | null, taxation: { recordSummary: { recordsInForce: number, negativeInForce: number, underObjection: number, repaired: number, latestDecisionOn: string | null, worstState: string | null } | null } | null, finance: { recordSummary: { recordsInForce: number, negativeInForce: number, underObjection: number, repaired: number, latestDecisionOn: string | null, worstState: string | null } | null } | null, construction: { recordSummary: { recordsInForce: number, negativeInForce: number, underObjection: number, repaired: number, latestDecisionOn: string | null, worstState: string | null } | null } | null, ecommerce: { recordSummary: { recordsInForce: number, negativeInForce: number, underObjection: number, repaired: number, latestDecisionOn: string | null, worstState: string | null } | null } | null, healthcare: { recordSummary: { recordsInForce: number, negativeInForce: number, underObjection: number, repaired: number, latestDecisionOn: string | null, worstState: string | null } | null } | null } | null };

export type OverviewSummaryFragment = { recordsInForce: number, negativeInForce: number, underObjection: number, repaired: number, latestDecisionOn: string | null, worstState: string | null };

export type MyProfileQueryVariables = Exact<{
  code: string | number;
}>;


export type MyProfileQuery = { subject: { code: string, name: string, kind: SubjectKind, status: SubjectStatus } | null };

export type MyRegistryRecordsQueryVariables = Exact<{
  code: string | number;
}>;


export type MyRegistryRecordsQuery = { subject: { code: string, abnormalOperationListings: { totalCount: number, nodes: Array<{ reason: string, listedOn: string, removedOn: string | null, removalReason: string | null, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, seriousIllegalListings: { totalCount: number, nodes: Array<{ reason: string, listedOn: string, removedOn: string | null, removalReason: string | null, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, listingObjections: { nodes: Array<{ id: string, recordId: string, status: ObjectionState, dueOn: string, overdue: boolean }> } | null } | null };

type RegistryRecordEnvelope_AbnormalOperationListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_AssetRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_BadBehaviourRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_ComplaintStatistic_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_ConstructionProject_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_CounterfeitPenalty_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_CourtJudgment_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_CreditAccount_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_DishonestDebtorListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_GoodBehaviourRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_Guarantee_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_InsuranceFundViolation_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_InsuranceStaffScore_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_IpNoticeOutcome_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_MajorTaxViolation_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_MarketBlacklisting_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_OnlineShop_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_PeriodicAssessment_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_PhysicianRegistration_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_PlatformMeasure_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_PracticeLicence_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_QualificationCertificate_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_RegisteredPractitioner_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_SeriousIllegalListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_TaxArrearsNotice_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_TaxCreditRating_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_TaxPenalty_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_TaxRegistration_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type RegistryRecordEnvelope_WageArrearsListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

export type RegistryRecordEnvelopeFragment =
  | RegistryRecordEnvelope_AbnormalOperationListing_Fragment
  | RegistryRecordEnvelope_AssetRecord_Fragment
  | RegistryRecordEnvelope_BadBehaviourRecord_Fragment
  | RegistryRecordEnvelope_ComplaintStatistic_Fragment
  | RegistryRecordEnvelope_ConstructionProject_Fragment
  | RegistryRecordEnvelope_CounterfeitPenalty_Fragment
  | RegistryRecordEnvelope_CourtJudgment_Fragment
  | RegistryRecordEnvelope_CreditAccount_Fragment
  | RegistryRecordEnvelope_DishonestDebtorListing_Fragment
  | RegistryRecordEnvelope_GoodBehaviourRecord_Fragment
  | RegistryRecordEnvelope_Guarantee_Fragment
  | RegistryRecordEnvelope_InsuranceFundViolation_Fragment
  | RegistryRecordEnvelope_InsuranceStaffScore_Fragment
  | RegistryRecordEnvelope_IpNoticeOutcome_Fragment
  | RegistryRecordEnvelope_MajorTaxViolation_Fragment
  | RegistryRecordEnvelope_MarketBlacklisting_Fragment
  | RegistryRecordEnvelope_OnlineShop_Fragment
  | RegistryRecordEnvelope_PeriodicAssessment_Fragment
  | RegistryRecordEnvelope_PhysicianRegistration_Fragment
  | RegistryRecordEnvelope_PlatformMeasure_Fragment
  | RegistryRecordEnvelope_PracticeLicence_Fragment
  | RegistryRecordEnvelope_QualificationCertificate_Fragment
  | RegistryRecordEnvelope_RegisteredPractitioner_Fragment
  | RegistryRecordEnvelope_SeriousIllegalListing_Fragment
  | RegistryRecordEnvelope_TaxArrearsNotice_Fragment
  | RegistryRecordEnvelope_TaxCreditRating_Fragment
  | RegistryRecordEnvelope_TaxPenalty_Fragment
  | RegistryRecordEnvelope_TaxRegistration_Fragment
  | RegistryRecordEnvelope_WageArrearsListing_Fragment
;

export type MyRepairApplicationsQueryVariables = Exact<{
  code: string | number;
}>;


export type MyRepairApplicationsQuery = { subject: { code: string, listingRepairApplications: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, measures: string, commitment: string, appliedAt: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null, sourceAuthority: { name: string } }> } | null, taxation: { repairApplications: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, measures: string, commitment: string, appliedAt: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null, sourceAuthority: { name: string } }> } | null } | null, finance: { repairApplications: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, measures: string, commitment: string, appliedAt: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null, sourceAuthority: { name: string } }> } | null } | null, construction: { repairApplications: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, measures: string, commitment: string, appliedAt: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null, sourceAuthority: { name: string } }> } | null } | null, ecommerce: { repairApplications: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, measures: string, commitment: string, appliedAt: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null, sourceAuthority: { name: string } }> } | null } | null, healthcare: { repairApplications: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, documentNumber: string | null, measures: string, commitment: string, appliedAt: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null, sourceAuthority: { name: string } }> } | null } | null } | null };

export type MyRepairApplicationFragment = { id: string, recordType: string, recordId: string, documentNumber: string | null, measures: string, commitment: string, appliedAt: string, status: RepairApplicationStatus, decision: string | null, decidedAt: string | null, sourceAuthority: { name: string } };

export type MyStatementsQueryVariables = Exact<{
  code: string | number;
}>;


export type MyStatementsQuery = { subject: { code: string, listingStatements: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, text: string | null, madeAt: string, state: StatementState, endedAt: string | null }> } | null, taxation: { statements: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, text: string | null, madeAt: string, state: StatementState, endedAt: string | null }> } | null } | null, finance: { statements: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, text: string | null, madeAt: string, state: StatementState, endedAt: string | null }> } | null } | null, construction: { statements: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, text: string | null, madeAt: string, state: StatementState, endedAt: string | null }> } | null } | null, ecommerce: { statements: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, text: string | null, madeAt: string, state: StatementState, endedAt: string | null }> } | null } | null, healthcare: { statements: { totalCount: number, nodes: Array<{ id: string, recordType: string, recordId: string, text: string | null, madeAt: string, state: StatementState, endedAt: string | null }> } | null } | null } | null };

export type MyStatementFragment = { id: string, recordType: string, recordId: string, text: string | null, madeAt: string, state: StatementState, endedAt: string | null };

export type MyTaxationRecordsQueryVariables = Exact<{
  code: string | number;
}>;


export type MyTaxationRecordsQuery = { subject: { code: string, taxation: { registrations: { totalCount: number, nodes: Array<{ taxpayerIdentificationNumber: string, taxpayerType: TaxpayerType, registeredOn: string, status: TaxRegistrationStatus, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, creditRatings: { totalCount: number, nodes: Array<{ year: number, grade: TaxCreditGrade, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, arrearsNotices: { totalCount: number, nodes: Array<{ taxType: string, amountOwed: string, periodStart: string, periodEnd: string, status: ArrearsStatus, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, majorViolations: { totalCount: number, nodes: Array<{ caseNature: string, facts: string, legalBasis: string, penalty: string, amountInvolved: string, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, penalties: { totalCount: number, nodes: Array<{ violation: string, penaltyType: TaxPenaltyType, fineAmount: string, legalBasis: string, id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null }> } | null, objections: { nodes: Array<{ id: string, recordId: string, status: ObjectionState, dueOn: string, overdue: boolean }> } | null } | null } | null };

type TaxRecordEnvelope_AbnormalOperationListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_AssetRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_BadBehaviourRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_ComplaintStatistic_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_ConstructionProject_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_CounterfeitPenalty_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_CourtJudgment_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_CreditAccount_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_DishonestDebtorListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_GoodBehaviourRecord_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_Guarantee_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_InsuranceFundViolation_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_InsuranceStaffScore_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_IpNoticeOutcome_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_MajorTaxViolation_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_MarketBlacklisting_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_OnlineShop_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_PeriodicAssessment_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_PhysicianRegistration_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_PlatformMeasure_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_PracticeLicence_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_QualificationCertificate_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_RegisteredPractitioner_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_SeriousIllegalListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_TaxArrearsNotice_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_TaxCreditRating_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_TaxPenalty_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_TaxRegistration_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

type TaxRecordEnvelope_WageArrearsListing_Fragment = { id: string, documentNumber: string | null, decisionDate: string, actEndedOn: string | null, publicityEndsOn: string | null, objectionStatus: ObjectionStatus, repairStatus: RepairStatus, version: number, changeReason: string | null, sourceAuthority: { name: string }, statement: { text: string | null, madeAt: string } | null };

export type TaxRecordEnvelopeFragment =
  | TaxRecordEnvelope_AbnormalOperationListing_Fragment
  | TaxRecordEnvelope_AssetRecord_Fragment
  | TaxRecordEnvelope_BadBehaviourRecord_Fragment
  | TaxRecordEnvelope_ComplaintStatistic_Fragment
  | TaxRecordEnvelope_ConstructionProject_Fragment
  | TaxRecordEnvelope_CounterfeitPenalty_Fragment
  | TaxRecordEnvelope_CourtJudgment_Fragment
  | TaxRecordEnvelope_CreditAccount_Fragment
  | TaxRecordEnvelope_DishonestDebtorListing_Fragment
  | TaxRecordEnvelope_GoodBehaviourRecord_Fragment
  | TaxRecordEnvelope_Guarantee_Fragment
  | TaxRecordEnvelope_InsuranceFundViolation_Fragment
  | TaxRecordEnvelope_InsuranceStaffScore_Fragment
  | TaxRecordEnvelope_IpNoticeOutcome_Fragment
  | TaxRecordEnvelope_MajorTaxViolation_Fragment
  | TaxRecordEnvelope_MarketBlacklisting_Fragment
  | TaxRecordEnvelope_OnlineShop_Fragment
  | TaxRecordEnvelope_PeriodicAssessment_Fragment
  | TaxRecordEnvelope_PhysicianRegistration_Fragment
  | TaxRecordEnvelope_PlatformMeasure_Fragment
  | TaxRecordEnvelope_PracticeLicence_Fragment
  | TaxRecordEnvelope_QualificationCertificate_Fragment
  | TaxRecordEnvelope_RegisteredPractitioner_Fragment
  | TaxRecordEnvelope_SeriousIllegalListing_Fragment
  | TaxRecordEnvelope_TaxArrearsNotice_Fragment
  | TaxRecordEnvelope_TaxCreditRating_Fragment
  | TaxRecordEnvelope_TaxPenalty_Fragment
  | TaxRecordEnvelope_TaxRegistration_Fragment
  | TaxRecordEnvelope_WageArrearsListing_Fragment
;

export type RevokeConsentMutationVariables = Exact<{
  subject: string | number;
  id: string | number;
}>;


export type RevokeConsentMutation = { revokeConsent: { id: string, revokedAt: string | null, inForce: boolean } };

export type SetConstructionStatementMutationVariables = Exact<{
  input: RecordStatementInput;
}>;


export type SetConstructionStatementMutation = { setConstructionStatement: { id: string, recordId: string, text: string | null, madeAt: string, state: StatementState } | null };

export type SetEcommerceStatementMutationVariables = Exact<{
  input: RecordStatementInput;
}>;


export type SetEcommerceStatementMutation = { setEcommerceStatement: { id: string, recordId: string, text: string | null, madeAt: string, state: StatementState } | null };

export type SetFinanceStatementMutationVariables = Exact<{
  input: RecordStatementInput;
}>;


export type SetFinanceStatementMutation = { setFinanceStatement: { id: string, recordId: string, text: string | null, madeAt: string, state: StatementState } | null };

export type SetHealthcareStatementMutationVariables = Exact<{
  input: RecordStatementInput;
}>;


export type SetHealthcareStatementMutation = { setHealthcareStatement: { id: string, recordId: string, text: string | null, madeAt: string, state: StatementState } | null };

export type SetRegistryStatementMutationVariables = Exact<{
  input: RecordStatementInput;
}>;


export type SetRegistryStatementMutation = { setRegistryStatement: { id: string, recordId: string, text: string | null, madeAt: string, state: StatementState } | null };

export type SetReportStatementMutationVariables = Exact<{
  subject: string | number;
  text: string;
}>;


export type SetReportStatementMutation = { setReportStatement: { text: string, madeAt: string } | null };

export type SetTaxationStatementMutationVariables = Exact<{
  input: RecordStatementInput;
}>;


export type SetTaxationStatementMutation = { setTaxationStatement: { id: string, recordId: string, text: string | null, madeAt: string, state: StatementState } | null };

export type WithdrawConstructionStatementMutationVariables = Exact<{
  subject: string | number;
  record: string | number;
}>;


export type WithdrawConstructionStatementMutation = { withdrawConstructionStatement: { id: string, recordId: string, state: StatementState, endedAt: string | null } | null };

export type WithdrawEcommerceStatementMutationVariables = Exact<{
  subject: string | number;
  record: string | number;
}>;


export type WithdrawEcommerceStatementMutation = { withdrawEcommerceStatement: { id: string, recordId: string, state: StatementState, endedAt: string | null } | null };

export type WithdrawFinanceStatementMutationVariables = Exact<{
  subject: string | number;
  record: string | number;
}>;


export type WithdrawFinanceStatementMutation = { withdrawFinanceStatement: { id: string, recordId: string, state: StatementState, endedAt: string | null } | null };

export type WithdrawHealthcareStatementMutationVariables = Exact<{
  subject: string | number;
  record: string | number;
}>;


export type WithdrawHealthcareStatementMutation = { withdrawHealthcareStatement: { id: string, recordId: string, state: StatementState, endedAt: string | null } | null };

export type WithdrawRegistryStatementMutationVariables = Exact<{
  subject: string | number;
  record: string | number;
}>;


export type WithdrawRegistryStatementMutation = { withdrawRegistryStatement: { id: string, recordId: string, state: StatementState, endedAt: string | null } | null };

export type WithdrawReportStatementMutationVariables = Exact<{
  subject: string | number;
}>;


export type WithdrawReportStatementMutation = { withdrawReportStatement: { text: string, madeAt: string } | null };

export type WithdrawTaxationStatementMutationVariables = Exact<{
  subject: string | number;
  record: string | number;
}>;


export type WithdrawTaxationStatementMutation = { withdrawTaxationStatement: { id: string, recordId: string, state: StatementState, endedAt: string | null } | null };

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
export const SummaryFragmentDoc = new TypedDocumentString(`
    fragment Summary on SectorSummary {
  recordsInForce
  negativeInForce
  underObjection
  repaired
  latestDecisionOn
  worstState
}
    `, {"fragmentName":"Summary"}) as unknown as TypedDocumentString<SummaryFragment, unknown>;
export const EnvelopeFragmentDoc = new TypedDocumentString(`
    fragment Envelope on CreditRecord {
  documentNumber
  decisionDate
  publicityEndsOn
  sourceAuthority {
    name
  }
  objectionStatus
  repairStatus
  statement {
    text
    madeAt
  }
}
    `, {"fragmentName":"Envelope"}) as unknown as TypedDocumentString<EnvelopeFragment, unknown>;
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
export const ConstructionRecordEnvelopeFragmentDoc = new TypedDocumentString(`
    fragment ConstructionRecordEnvelope on CreditRecord {
  id
  documentNumber
  decisionDate
  actEndedOn
  publicityEndsOn
  sourceAuthority {
    name
  }
  objectionStatus
  repairStatus
  statement {
    text
    madeAt
  }
  version
  changeReason
}
    `, {"fragmentName":"ConstructionRecordEnvelope"}) as unknown as TypedDocumentString<ConstructionRecordEnvelopeFragment, unknown>;
export const EcommerceRecordEnvelopeFragmentDoc = new TypedDocumentString(`
    fragment EcommerceRecordEnvelope on CreditRecord {
  id
  documentNumber
  decisionDate
  actEndedOn
  publicityEndsOn
  sourceAuthority {
    name
  }
  objectionStatus
  repairStatus
  statement {
    text
    madeAt
  }
  version
  changeReason
}
    `, {"fragmentName":"EcommerceRecordEnvelope"}) as unknown as TypedDocumentString<EcommerceRecordEnvelopeFragment, unknown>;
export const FinanceRecordEnvelopeFragmentDoc = new TypedDocumentString(`
    fragment FinanceRecordEnvelope on CreditRecord {
  id
  documentNumber
  decisionDate
  actEndedOn
  publicityEndsOn
  sourceAuthority {
    name
  }
  objectionStatus
  repairStatus
  statement {
    text
    madeAt
  }
  version
  changeReason
}
    `, {"fragmentName":"FinanceRecordEnvelope"}) as unknown as TypedDocumentString<FinanceRecordEnvelopeFragment, unknown>;
export const HealthcareRecordEnvelopeFragmentDoc = new TypedDocumentString(`
    fragment HealthcareRecordEnvelope on CreditRecord {
  id
  documentNumber
  decisionDate
  actEndedOn
  publicityEndsOn
  sourceAuthority {
    name
  }
  objectionStatus
  repairStatus
  statement {
    text
    madeAt
  }
  version
  changeReason
}
    `, {"fragmentName":"HealthcareRecordEnvelope"}) as unknown as TypedDocumentString<HealthcareRecordEnvelopeFragment, unknown>;
export const MyNoticeFragmentDoc = new TypedDocumentString(`
    fragment MyNotice on RecordNotice {
  id
  recordType
  recordId
  change
  sourceAuthority {
    name
  }
  documentNumber
  decisionDate
  summary
  issuedAt
  howToObject
}
    `, {"fragmentName":"MyNotice"}) as unknown as TypedDocumentString<MyNoticeFragment, unknown>;
export const MyObjectionFragmentDoc = new TypedDocumentString(`
    fragment MyObjection on Objection {
  id
  recordType
  recordId
  documentNumber
  sourceAuthority {
    name
  }
  reason
  evidence
  filedAt
  dueOn
  status
  overdue
  answer
  answeredAt
  recordVersion
}
    `, {"fragmentName":"MyObjection"}) as unknown as TypedDocumentString<MyObjectionFragment, unknown>;
export const OverviewSummaryFragmentDoc = new TypedDocumentString(`
    fragment OverviewSummary on SectorSummary {
  recordsInForce
  negativeInForce
  underObjection
  repaired
  latestDecisionOn
  worstState
}
    `, {"fragmentName":"OverviewSummary"}) as unknown as TypedDocumentString<OverviewSummaryFragment, unknown>;
export const RegistryRecordEnvelopeFragmentDoc = new TypedDocumentString(`
    fragment RegistryRecordEnvelope on CreditRecord {
  id
  documentNumber
  decisionDate
  actEndedOn
  publicityEndsOn
  sourceAuthority {
    name
  }
  objectionStatus
  repairStatus
  statement {
    text
    madeAt
  }
  version
  changeReason
}
    `, {"fragmentName":"RegistryRecordEnvelope"}) as unknown as TypedDocumentString<RegistryRecordEnvelopeFragment, unknown>;
export const MyRepairApplicationFragmentDoc = new TypedDocumentString(`
    fragment MyRepairApplication on RepairApplication {
  id
  recordType
  recordId
  documentNumber
  sourceAuthority {
    name
  }
  measures
  commitment
  appliedAt
  status
  decision
  decidedAt
}
    `, {"fragmentName":"MyRepairApplication"}) as unknown as TypedDocumentString<MyRepairApplicationFragment, unknown>;
export const MyStatementFragmentDoc = new TypedDocumentString(`
    fragment MyStatement on RecordStatement {
  id
  recordType
  recordId
  text
  madeAt
  state
  endedAt
}
    `, {"fragmentName":"MyStatement"}) as unknown as TypedDocumentString<MyStatementFragment, unknown>;
export const TaxRecordEnvelopeFragmentDoc = new TypedDocumentString(`
    fragment TaxRecordEnvelope on CreditRecord {
  id
  documentNumber
  decisionDate
  actEndedOn
  publicityEndsOn
  sourceAuthority {
    name
  }
  objectionStatus
  repairStatus
  statement {
    text
    madeAt
  }
  version
  changeReason
}
    `, {"fragmentName":"TaxRecordEnvelope"}) as unknown as TypedDocumentString<TaxRecordEnvelopeFragment, unknown>;
export const CreditReportDocument = new TypedDocumentString(`
    query CreditReport($code: ID!) {
  creditReport(code: $code) {
    id
    generatedAt
    requestedBy {
      kind
      institution
    }
    purpose
    selfReports {
      year
      used
      freePerYear
      freeRemaining
      charged
    }
    subject {
      code
      codeType
      kind
      name
      status
      establishedOn
      registeredCapital
      address
      region {
        code
        name
      }
      industry
      registrationAuthority
      legalRepresentative {
        name
      }
      listingSummary {
        ...Summary
      }
      abnormalOperationListings {
        totalCount
        nodes {
          ...Envelope
          reason
          listedOn
          removedOn
          removalReason
        }
      }
      seriousIllegalListings {
        totalCount
        nodes {
          ...Envelope
          reason
          listedOn
          removedOn
          removalReason
        }
      }
      taxation {
        recordSummary {
          ...Summary
        }
        registrations {
          totalCount
          nodes {
            ...Envelope
            taxpayerType
            registeredOn
            status
          }
        }
        creditRatings {
          totalCount
          nodes {
            ...Envelope
            year
            grade
          }
        }
        arrearsNotices {
          totalCount
          nodes {
            ...Envelope
            taxType
            amountOwed
            periodEnd
            status
          }
        }
        majorViolations {
          totalCount
          nodes {
            ...Envelope
            caseNature
            penalty
            amountInvolved
          }
        }
        penalties {
          totalCount
          nodes {
            ...Envelope
            violation
            penaltyType
            fineAmount
          }
        }
      }
      finance {
        recordSummary {
          ...Summary
        }
        creditAccounts {
          totalCount
          nodes {
            ...Envelope
            institutionName
            accountType
            amount
            balance
            classification
            overdueBucket
            status
          }
        }
        guarantees {
          totalCount
          nodes {
            ...Envelope
            creditorName
            debtorName
            guaranteeType
            amount
            status
          }
        }
        dishonestDebtorListings {
          totalCount
          nodes {
            ...Envelope
            court
            caseNumber
            obligation
            performance
            listedOn
          }
        }
        courtJudgments {
          totalCount
          nodes {
            ...Envelope
            court
            caseNumber
            cause
            amount
            outcome
          }
        }
      }
      construction {
        recordSummary {
          ...Summary
        }
        qualifications {
          totalCount
          nodes {
            ...Envelope
            category
            grade
            validUntil
          }
        }
        practitioners {
          totalCount
          nodes {
            ...Envelope
            practitionerName
            category
            validUntil
          }
        }
        projects {
          totalCount
          nodes {
            ...Envelope
            projectName
            role
            contractAmount
            status
          }
        }
        goodBehaviourRecords {
          totalCount
          nodes {
            ...Envelope
            awardName
            level
          }
        }
        badBehaviourRecords {
          totalCount
          nodes {
            ...Envelope
            severity
            description
            penalty
          }
        }
        blacklistings {
          totalCount
          nodes {
            ...Envelope
            reason
            listedOn
            removedOn
          }
        }
        wageArrearsListings {
          totalCount
          nodes {
            ...Envelope
            projectName
            workersAffected
            amountOwed
            settled
          }
        }
      }
      ecommerce {
        recordSummary {
          ...Summary
        }
        shops {
          totalCount
          nodes {
            ...Envelope
            platform
            shopName
            status
          }
        }
        platformMeasures {
          totalCount
          nodes {
            ...Envelope
            platform
            shopName
            measure
            reason
          }
        }
        ipNoticeOutcomes {
          totalCount
          nodes {
            ...Envelope
            platform
            ipType
            outcome
          }
        }
        counterfeitPenalties {
          totalCount
          nodes {
            ...Envelope
            goods
            fineAmount
          }
        }
        complaintStatistics {
          totalCount
          nodes {
            ...Envelope
            period
            complaints
            resolved
          }
        }
      }
      healthcare {
        recordSummary {
          ...Summary
        }
        practiceLicences {
          totalCount
          nodes {
            ...Envelope
            institutionType
            hospitalGrade
            beds
            validUntil
          }
        }
        physicianRegistrations {
          totalCount
          nodes {
            ...Envelope
            category
            institutionName
            status
          }
        }
        periodicAssessments {
          totalCount
          nodes {
            ...Envelope
            period
            result
          }
        }
        insuranceStaffScores {
          totalCount
          nodes {
            ...Envelope
            year
            pointsDeducted
            paymentQualification
          }
        }
        insuranceFundViolations {
          totalCount
          nodes {
            ...Envelope
            violation
            recoveredAmount
            fineAmount
            suspendedMonths
          }
        }
      }
    }
    inquiries {
      institution
      date
      purpose
    }
    statement {
      text
      madeAt
    }
  }
}
    fragment Summary on SectorSummary {
  recordsInForce
  negativeInForce
  underObjection
  repaired
  latestDecisionOn
  worstState
}
fragment Envelope on CreditRecord {
  documentNumber
  decisionDate
  publicityEndsOn
  sourceAuthority {
    name
  }
  objectionStatus
  repairStatus
  statement {
    text
    madeAt
  }
}`) as unknown as TypedDocumentString<CreditReportQuery, CreditReportQueryVariables>;
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
export const ApplyForConstructionRepairDocument = new TypedDocumentString(`
    mutation ApplyForConstructionRepair($input: RepairApplicationInput!) {
  applyForConstructionRepair(input: $input) {
    id
    recordType
    recordId
    documentNumber
    status
    appliedAt
  }
}
    `) as unknown as TypedDocumentString<ApplyForConstructionRepairMutation, ApplyForConstructionRepairMutationVariables>;
export const ApplyForEcommerceRepairDocument = new TypedDocumentString(`
    mutation ApplyForEcommerceRepair($input: RepairApplicationInput!) {
  applyForEcommerceRepair(input: $input) {
    id
    recordType
    recordId
    documentNumber
    status
    appliedAt
  }
}
    `) as unknown as TypedDocumentString<ApplyForEcommerceRepairMutation, ApplyForEcommerceRepairMutationVariables>;
export const ApplyForFinanceRepairDocument = new TypedDocumentString(`
    mutation ApplyForFinanceRepair($input: RepairApplicationInput!) {
  applyForFinanceRepair(input: $input) {
    id
    recordType
    recordId
    documentNumber
    status
    appliedAt
  }
}
    `) as unknown as TypedDocumentString<ApplyForFinanceRepairMutation, ApplyForFinanceRepairMutationVariables>;
export const ApplyForHealthcareRepairDocument = new TypedDocumentString(`
    mutation ApplyForHealthcareRepair($input: RepairApplicationInput!) {
  applyForHealthcareRepair(input: $input) {
    id
    recordType
    recordId
    documentNumber
    status
    appliedAt
  }
}
    `) as unknown as TypedDocumentString<ApplyForHealthcareRepairMutation, ApplyForHealthcareRepairMutationVariables>;
export const ApplyForRegistryRepairDocument = new TypedDocumentString(`
    mutation ApplyForRegistryRepair($input: RepairApplicationInput!) {
  applyForRegistryRepair(input: $input) {
    id
    recordType
    recordId
    documentNumber
    status
    appliedAt
  }
}
    `) as unknown as TypedDocumentString<ApplyForRegistryRepairMutation, ApplyForRegistryRepairMutationVariables>;
export const ApplyForTaxationRepairDocument = new TypedDocumentString(`
    mutation ApplyForTaxationRepair($input: RepairApplicationInput!) {
  applyForTaxationRepair(input: $input) {
    id
    recordType
    recordId
    documentNumber
    status
    appliedAt
  }
}
    `) as unknown as TypedDocumentString<ApplyForTaxationRepairMutation, ApplyForTaxationRepairMutationVariables>;
export const FileConstructionObjectionDocument = new TypedDocumentString(`
    mutation FileConstructionObjection($input: FileObjectionInput!) {
  fileConstructionObjection(input: $input) {
    id
    recordType
    recordId
    documentNumber
    status
    dueOn
    filedAt
  }
}
    `) as unknown as TypedDocumentString<FileConstructionObjectionMutation, FileConstructionObjectionMutationVariables>;
export const FileEcommerceObjectionDocument = new TypedDocumentString(`
    mutation FileEcommerceObjection($input: FileObjectionInput!) {
  fileEcommerceObjection(input: $input) {
    id
    recordType
    recordId
    documentNumber
    status
    dueOn
    filedAt
  }
}
    `) as unknown as TypedDocumentString<FileEcommerceObjectionMutation, FileEcommerceObjectionMutationVariables>;
export const FileFinanceObjectionDocument = new TypedDocumentString(`
    mutation FileFinanceObjection($input: FileObjectionInput!) {
  fileFinanceObjection(input: $input) {
    id
    recordType
    recordId
    documentNumber
    status
    dueOn
    filedAt
  }
}
    `) as unknown as TypedDocumentString<FileFinanceObjectionMutation, FileFinanceObjectionMutationVariables>;
export const FileHealthcareObjectionDocument = new TypedDocumentString(`
    mutation FileHealthcareObjection($input: FileObjectionInput!) {
  fileHealthcareObjection(input: $input) {
    id
    recordType
    recordId
    documentNumber
    status
    dueOn
    filedAt
  }
}
    `) as unknown as TypedDocumentString<FileHealthcareObjectionMutation, FileHealthcareObjectionMutationVariables>;
export const FileRegistryObjectionDocument = new TypedDocumentString(`
    mutation FileRegistryObjection($input: FileObjectionInput!) {
  fileRegistryObjection(input: $input) {
    id
    recordType
    recordId
    documentNumber
    status
    dueOn
    filedAt
  }
}
    `) as unknown as TypedDocumentString<FileRegistryObjectionMutation, FileRegistryObjectionMutationVariables>;
export const FileTaxationObjectionDocument = new TypedDocumentString(`
    mutation FileTaxationObjection($input: FileObjectionInput!) {
  fileTaxationObjection(input: $input) {
    id
    recordType
    recordId
    documentNumber
    status
    dueOn
    filedAt
  }
}
    `) as unknown as TypedDocumentString<FileTaxationObjectionMutation, FileTaxationObjectionMutationVariables>;
export const GrantConsentDocument = new TypedDocumentString(`
    mutation GrantConsent($input: GrantConsentInput!) {
  grantConsent(input: $input) {
    id
    organization
    purpose
    categories
    validFrom
    validUntil
    inForce
  }
}
    `) as unknown as TypedDocumentString<GrantConsentMutation, GrantConsentMutationVariables>;
export const MyConsentsDocument = new TypedDocumentString(`
    query MyConsents($code: ID!, $after: String) {
  subject(code: $code) {
    code
    consents(first: 100, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        organization
        purpose
        categories
        validFrom
        validUntil
        grantedAt
        revokedAt
        inForce
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MyConsentsQuery, MyConsentsQueryVariables>;
export const MyConstructionRecordsDocument = new TypedDocumentString(`
    query MyConstructionRecords($code: ID!) {
  subject(code: $code) {
    code
    construction {
      qualifications(first: 100) {
        totalCount
        nodes {
          ...ConstructionRecordEnvelope
          certificateNumber
          category
          grade
          scope
          validUntil
        }
      }
      practitioners(first: 100) {
        totalCount
        nodes {
          ...ConstructionRecordEnvelope
          practitionerName
          registrationNumber
          category
          specialty
          employerName
          validUntil
        }
      }
      projects(first: 100) {
        totalCount
        nodes {
          ...ConstructionRecordEnvelope
          projectCode
          projectName
          role
          contractAmount
          location
          startedOn
          completedOn
          status
        }
      }
      goodBehaviourRecords(first: 100) {
        totalCount
        nodes {
          ...ConstructionRecordEnvelope
          awardName
          level
          projectName
        }
      }
      badBehaviourRecords(first: 100) {
        totalCount
        nodes {
          ...ConstructionRecordEnvelope
          severity
          behaviourCode
          description
          projectName
          penalty
        }
      }
      blacklistings(first: 100) {
        totalCount
        nodes {
          ...ConstructionRecordEnvelope
          reason
          listedOn
          removedOn
        }
      }
      wageArrearsListings(first: 100) {
        totalCount
        nodes {
          ...ConstructionRecordEnvelope
          projectName
          workersAffected
          amountOwed
          listedOn
          settled
        }
      }
      objections(first: 100) {
        nodes {
          id
          recordId
          status
          dueOn
          overdue
        }
      }
    }
  }
}
    fragment ConstructionRecordEnvelope on CreditRecord {
  id
  documentNumber
  decisionDate
  actEndedOn
  publicityEndsOn
  sourceAuthority {
    name
  }
  objectionStatus
  repairStatus
  statement {
    text
    madeAt
  }
  version
  changeReason
}`) as unknown as TypedDocumentString<MyConstructionRecordsQuery, MyConstructionRecordsQueryVariables>;
export const MyEcommerceRecordsDocument = new TypedDocumentString(`
    query MyEcommerceRecords($code: ID!) {
  subject(code: $code) {
    code
    ecommerce {
      shops(first: 100) {
        totalCount
        nodes {
          ...EcommerceRecordEnvelope
          platform
          shopName
          url
          licenceDisplayed
          openedOn
          status
        }
      }
      platformMeasures(first: 100) {
        totalCount
        nodes {
          ...EcommerceRecordEnvelope
          platform
          shopName
          measure
          reason
          startsOn
          endsOn
        }
      }
      ipNoticeOutcomes(first: 100) {
        totalCount
        nodes {
          ...EcommerceRecordEnvelope
          platform
          rightsHolder
          ipType
          listingsAffected
          outcome
        }
      }
      counterfeitPenalties(first: 100) {
        totalCount
        nodes {
          ...EcommerceRecordEnvelope
          goods
          illegalIncome
          confiscatedValue
          fineAmount
        }
      }
      complaintStatistics(first: 100) {
        totalCount
        nodes {
          ...EcommerceRecordEnvelope
          period
          complaints
          resolved
          resolutionRate
        }
      }
      objections(first: 100) {
        nodes {
          id
          recordId
          status
          dueOn
          overdue
        }
      }
    }
  }
}
    fragment EcommerceRecordEnvelope on CreditRecord {
  id
  documentNumber
  decisionDate
  actEndedOn
  publicityEndsOn
  sourceAuthority {
    name
  }
  objectionStatus
  repairStatus
  statement {
    text
    madeAt
  }
  version
  changeReason
}`) as unknown as TypedDocumentString<MyEcommerceRecordsQuery, MyEcommerceRecordsQueryVariables>;
export const MyFinanceRecordsDocument = new TypedDocumentString(`
    query MyFinanceRecords($code: ID!) {
  subject(code: $code) {
    code
    finance {
      creditAccounts(first: 100) {
        totalCount
        nodes {
          ...FinanceRecordEnvelope
          institutionName
          accountType
          amount
          balance
          classification
          overdueBucket
          openedOn
          dueOn
          status
        }
      }
      guarantees(first: 100) {
        totalCount
        nodes {
          ...FinanceRecordEnvelope
          creditorName
          debtorName
          guaranteeType
          amount
          startsOn
          endsOn
          status
        }
      }
      dishonestDebtorListings(first: 100) {
        totalCount
        nodes {
          ...FinanceRecordEnvelope
          court
          caseNumber
          obligation
          performance
          dishonestConduct
          listedOn
          delistedOn
        }
      }
      courtJudgments(first: 100) {
        totalCount
        nodes {
          ...FinanceRecordEnvelope
          court
          caseNumber
          caseType
          cause
          role
          amount
          outcome
          enforcementStatus
        }
      }
      objections(first: 100) {
        nodes {
          id
          recordId
          status
          dueOn
          overdue
        }
      }
    }
  }
}
    fragment FinanceRecordEnvelope on CreditRecord {
  id
  documentNumber
  decisionDate
  actEndedOn
  publicityEndsOn
  sourceAuthority {
    name
  }
  objectionStatus
  repairStatus
  statement {
    text
    madeAt
  }
  version
  changeReason
}`) as unknown as TypedDocumentString<MyFinanceRecordsQuery, MyFinanceRecordsQueryVariables>;
export const MyHealthcareRecordsDocument = new TypedDocumentString(`
    query MyHealthcareRecords($code: ID!) {
  subject(code: $code) {
    code
    healthcare {
      practiceLicences(first: 100) {
        totalCount
        nodes {
          ...HealthcareRecordEnvelope
          licenceNumber
          institutionType
          hospitalGrade
          beds
          departments
          validUntil
        }
      }
      physicianRegistrations(first: 100) {
        totalCount
        nodes {
          ...HealthcareRecordEnvelope
          registrationNumber
          category
          practiceScope
          institutionName
          status
        }
      }
      periodicAssessments(first: 100) {
        totalCount
        nodes {
          ...HealthcareRecordEnvelope
          period
          result
        }
      }
      insuranceStaffScores(first: 100) {
        totalCount
        nodes {
          ...HealthcareRecordEnvelope
          year
          pointsDeducted
          paymentQualification
          reasons
        }
      }
      insuranceFundViolations(first: 100) {
        totalCount
        nodes {
          ...HealthcareRecordEnvelope
          violation
          recoveredAmount
          fineMultiple
          fineAmount
          suspendedMonths
        }
      }
      objections(first: 100) {
        nodes {
          id
          recordId
          status
          dueOn
          overdue
        }
      }
    }
  }
}
    fragment HealthcareRecordEnvelope on CreditRecord {
  id
  documentNumber
  decisionDate
  actEndedOn
  publicityEndsOn
  sourceAuthority {
    name
  }
  objectionStatus
  repairStatus
  statement {
    text
    madeAt
  }
  version
  changeReason
}`) as unknown as TypedDocumentString<MyHealthcareRecordsQuery, MyHealthcareRecordsQueryVariables>;
export const MyInquiryRecordsDocument = new TypedDocumentString(`
    query MyInquiryRecords($code: ID!, $since: DateTime, $after: String) {
  inquiryRecords(
    filter: {subject: $code, since: $since}
    first: 100
    after: $after
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      occurredAt
      principalKind
      organization
      organizationName
      staff
      purpose
      categories
    }
  }
}
    `) as unknown as TypedDocumentString<MyInquiryRecordsQuery, MyInquiryRecordsQueryVariables>;
export const MyNoticesDocument = new TypedDocumentString(`
    query MyNotices($code: ID!) {
  subject(code: $code) {
    code
    listingNotices(first: 100) {
      totalCount
      nodes {
        ...MyNotice
      }
    }
    taxation {
      notices(first: 100) {
        totalCount
        nodes {
          ...MyNotice
        }
      }
    }
    finance {
      notices(first: 100) {
        totalCount
        nodes {
          ...MyNotice
        }
      }
    }
    construction {
      notices(first: 100) {
        totalCount
        nodes {
          ...MyNotice
        }
      }
    }
    ecommerce {
      notices(first: 100) {
        totalCount
        nodes {
          ...MyNotice
        }
      }
    }
    healthcare {
      notices(first: 100) {
        totalCount
        nodes {
          ...MyNotice
        }
      }
    }
  }
}
    fragment MyNotice on RecordNotice {
  id
  recordType
  recordId
  change
  sourceAuthority {
    name
  }
  documentNumber
  decisionDate
  summary
  issuedAt
  howToObject
}`) as unknown as TypedDocumentString<MyNoticesQuery, MyNoticesQueryVariables>;
export const MyObjectionsDocument = new TypedDocumentString(`
    query MyObjections($code: ID!) {
  subject(code: $code) {
    code
    listingObjections(first: 100) {
      totalCount
      nodes {
        ...MyObjection
      }
    }
    taxation {
      objections(first: 100) {
        totalCount
        nodes {
          ...MyObjection
        }
      }
    }
    finance {
      objections(first: 100) {
        totalCount
        nodes {
          ...MyObjection
        }
      }
    }
    construction {
      objections(first: 100) {
        totalCount
        nodes {
          ...MyObjection
        }
      }
    }
    ecommerce {
      objections(first: 100) {
        totalCount
        nodes {
          ...MyObjection
        }
      }
    }
    healthcare {
      objections(first: 100) {
        totalCount
        nodes {
          ...MyObjection
        }
      }
    }
  }
}
    fragment MyObjection on Objection {
  id
  recordType
  recordId
  documentNumber
  sourceAuthority {
    name
  }
  reason
  evidence
  filedAt
  dueOn
  status
  overdue
  answer
  answeredAt
  recordVersion
}`) as unknown as TypedDocumentString<MyObjectionsQuery, MyObjectionsQueryVariables>;
export const MyOverviewDocument = new TypedDocumentString(`
    query MyOverview($code: ID!) {
  subject(code: $code) {
    code
    name
    kind
    status
    listingSummary {
      ...OverviewSummary
    }
    taxation {
      recordSummary {
        ...OverviewSummary
      }
    }
    finance {
      recordSummary {
        ...OverviewSummary
      }
    }
    construction {
      recordSummary {
        ...OverviewSummary
      }
    }
    ecommerce {
      recordSummary {
        ...OverviewSummary
      }
    }
    healthcare {
      recordSummary {
        ...OverviewSummary
      }
    }
  }
}
    fragment OverviewSummary on SectorSummary {
  recordsInForce
  negativeInForce
  underObjection
  repaired
  latestDecisionOn
  worstState
}`) as unknown as TypedDocumentString<MyOverviewQuery, MyOverviewQueryVariables>;
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
export const MyRegistryRecordsDocument = new TypedDocumentString(`
    query MyRegistryRecords($code: ID!) {
  subject(code: $code) {
    code
    abnormalOperationListings(first: 100) {
      totalCount
      nodes {
        ...RegistryRecordEnvelope
        reason
        listedOn
        removedOn
        removalReason
      }
    }
    seriousIllegalListings(first: 100) {
      totalCount
      nodes {
        ...RegistryRecordEnvelope
        reason
        listedOn
        removedOn
        removalReason
      }
    }
    listingObjections(first: 100) {
      nodes {
        id
        recordId
        status
        dueOn
        overdue
      }
    }
  }
}
    fragment RegistryRecordEnvelope on CreditRecord {
  id
  documentNumber
  decisionDate
  actEndedOn
  publicityEndsOn
  sourceAuthority {
    name
  }
  objectionStatus
  repairStatus
  statement {
    text
    madeAt
  }
  version
  changeReason
}`) as unknown as TypedDocumentString<MyRegistryRecordsQuery, MyRegistryRecordsQueryVariables>;
export const MyRepairApplicationsDocument = new TypedDocumentString(`
    query MyRepairApplications($code: ID!) {
  subject(code: $code) {
    code
    listingRepairApplications(first: 100) {
      totalCount
      nodes {
        ...MyRepairApplication
      }
    }
    taxation {
      repairApplications(first: 100) {
        totalCount
        nodes {
          ...MyRepairApplication
        }
      }
    }
    finance {
      repairApplications(first: 100) {
        totalCount
        nodes {
          ...MyRepairApplication
        }
      }
    }
    construction {
      repairApplications(first: 100) {
        totalCount
        nodes {
          ...MyRepairApplication
        }
      }
    }
    ecommerce {
      repairApplications(first: 100) {
        totalCount
        nodes {
          ...MyRepairApplication
        }
      }
    }
    healthcare {
      repairApplications(first: 100) {
        totalCount
        nodes {
          ...MyRepairApplication
        }
      }
    }
  }
}
    fragment MyRepairApplication on RepairApplication {
  id
  recordType
  recordId
  documentNumber
  sourceAuthority {
    name
  }
  measures
  commitment
  appliedAt
  status
  decision
  decidedAt
}`) as unknown as TypedDocumentString<MyRepairApplicationsQuery, MyRepairApplicationsQueryVariables>;
export const MyStatementsDocument = new TypedDocumentString(`
    query MyStatements($code: ID!) {
  subject(code: $code) {
    code
    listingStatements(first: 100) {
      totalCount
      nodes {
        ...MyStatement
      }
    }
    taxation {
      statements(first: 100) {
        totalCount
        nodes {
          ...MyStatement
        }
      }
    }
    finance {
      statements(first: 100) {
        totalCount
        nodes {
          ...MyStatement
        }
      }
    }
    construction {
      statements(first: 100) {
        totalCount
        nodes {
          ...MyStatement
        }
      }
    }
    ecommerce {
      statements(first: 100) {
        totalCount
        nodes {
          ...MyStatement
        }
      }
    }
    healthcare {
      statements(first: 100) {
        totalCount
        nodes {
          ...MyStatement
        }
      }
    }
  }
}
    fragment MyStatement on RecordStatement {
  id
  recordType
  recordId
  text
  madeAt
  state
  endedAt
}`) as unknown as TypedDocumentString<MyStatementsQuery, MyStatementsQueryVariables>;
export const MyTaxationRecordsDocument = new TypedDocumentString(`
    query MyTaxationRecords($code: ID!) {
  subject(code: $code) {
    code
    taxation {
      registrations(first: 100) {
        totalCount
        nodes {
          ...TaxRecordEnvelope
          taxpayerIdentificationNumber
          taxpayerType
          registeredOn
          status
        }
      }
      creditRatings(first: 100) {
        totalCount
        nodes {
          ...TaxRecordEnvelope
          year
          grade
        }
      }
      arrearsNotices(first: 100) {
        totalCount
        nodes {
          ...TaxRecordEnvelope
          taxType
          amountOwed
          periodStart
          periodEnd
          status
        }
      }
      majorViolations(first: 100) {
        totalCount
        nodes {
          ...TaxRecordEnvelope
          caseNature
          facts
          legalBasis
          penalty
          amountInvolved
        }
      }
      penalties(first: 100) {
        totalCount
        nodes {
          ...TaxRecordEnvelope
          violation
          penaltyType
          fineAmount
          legalBasis
        }
      }
      objections(first: 100) {
        nodes {
          id
          recordId
          status
          dueOn
          overdue
        }
      }
    }
  }
}
    fragment TaxRecordEnvelope on CreditRecord {
  id
  documentNumber
  decisionDate
  actEndedOn
  publicityEndsOn
  sourceAuthority {
    name
  }
  objectionStatus
  repairStatus
  statement {
    text
    madeAt
  }
  version
  changeReason
}`) as unknown as TypedDocumentString<MyTaxationRecordsQuery, MyTaxationRecordsQueryVariables>;
export const RevokeConsentDocument = new TypedDocumentString(`
    mutation RevokeConsent($subject: ID!, $id: ID!) {
  revokeConsent(subject: $subject, id: $id) {
    id
    revokedAt
    inForce
  }
}
    `) as unknown as TypedDocumentString<RevokeConsentMutation, RevokeConsentMutationVariables>;
export const SetConstructionStatementDocument = new TypedDocumentString(`
    mutation SetConstructionStatement($input: RecordStatementInput!) {
  setConstructionStatement(input: $input) {
    id
    recordId
    text
    madeAt
    state
  }
}
    `) as unknown as TypedDocumentString<SetConstructionStatementMutation, SetConstructionStatementMutationVariables>;
export const SetEcommerceStatementDocument = new TypedDocumentString(`
    mutation SetEcommerceStatement($input: RecordStatementInput!) {
  setEcommerceStatement(input: $input) {
    id
    recordId
    text
    madeAt
    state
  }
}
    `) as unknown as TypedDocumentString<SetEcommerceStatementMutation, SetEcommerceStatementMutationVariables>;
export const SetFinanceStatementDocument = new TypedDocumentString(`
    mutation SetFinanceStatement($input: RecordStatementInput!) {
  setFinanceStatement(input: $input) {
    id
    recordId
    text
    madeAt
    state
  }
}
    `) as unknown as TypedDocumentString<SetFinanceStatementMutation, SetFinanceStatementMutationVariables>;
export const SetHealthcareStatementDocument = new TypedDocumentString(`
    mutation SetHealthcareStatement($input: RecordStatementInput!) {
  setHealthcareStatement(input: $input) {
    id
    recordId
    text
    madeAt
    state
  }
}
    `) as unknown as TypedDocumentString<SetHealthcareStatementMutation, SetHealthcareStatementMutationVariables>;
export const SetRegistryStatementDocument = new TypedDocumentString(`
    mutation SetRegistryStatement($input: RecordStatementInput!) {
  setRegistryStatement(input: $input) {
    id
    recordId
    text
    madeAt
    state
  }
}
    `) as unknown as TypedDocumentString<SetRegistryStatementMutation, SetRegistryStatementMutationVariables>;
export const SetReportStatementDocument = new TypedDocumentString(`
    mutation SetReportStatement($subject: ID!, $text: String!) {
  setReportStatement(subject: $subject, text: $text) {
    text
    madeAt
  }
}
    `) as unknown as TypedDocumentString<SetReportStatementMutation, SetReportStatementMutationVariables>;
export const SetTaxationStatementDocument = new TypedDocumentString(`
    mutation SetTaxationStatement($input: RecordStatementInput!) {
  setTaxationStatement(input: $input) {
    id
    recordId
    text
    madeAt
    state
  }
}
    `) as unknown as TypedDocumentString<SetTaxationStatementMutation, SetTaxationStatementMutationVariables>;
export const WithdrawConstructionStatementDocument = new TypedDocumentString(`
    mutation WithdrawConstructionStatement($subject: ID!, $record: ID!) {
  withdrawConstructionStatement(subject: $subject, record: $record) {
    id
    recordId
    state
    endedAt
  }
}
    `) as unknown as TypedDocumentString<WithdrawConstructionStatementMutation, WithdrawConstructionStatementMutationVariables>;
export const WithdrawEcommerceStatementDocument = new TypedDocumentString(`
    mutation WithdrawEcommerceStatement($subject: ID!, $record: ID!) {
  withdrawEcommerceStatement(subject: $subject, record: $record) {
    id
    recordId
    state
    endedAt
  }
}
    `) as unknown as TypedDocumentString<WithdrawEcommerceStatementMutation, WithdrawEcommerceStatementMutationVariables>;
export const WithdrawFinanceStatementDocument = new TypedDocumentString(`
    mutation WithdrawFinanceStatement($subject: ID!, $record: ID!) {
  withdrawFinanceStatement(subject: $subject, record: $record) {
    id
    recordId
    state
    endedAt
  }
}
    `) as unknown as TypedDocumentString<WithdrawFinanceStatementMutation, WithdrawFinanceStatementMutationVariables>;
export const WithdrawHealthcareStatementDocument = new TypedDocumentString(`
    mutation WithdrawHealthcareStatement($subject: ID!, $record: ID!) {
  withdrawHealthcareStatement(subject: $subject, record: $record) {
    id
    recordId
    state
    endedAt
  }
}
    `) as unknown as TypedDocumentString<WithdrawHealthcareStatementMutation, WithdrawHealthcareStatementMutationVariables>;
export const WithdrawRegistryStatementDocument = new TypedDocumentString(`
    mutation WithdrawRegistryStatement($subject: ID!, $record: ID!) {
  withdrawRegistryStatement(subject: $subject, record: $record) {
    id
    recordId
    state
    endedAt
  }
}
    `) as unknown as TypedDocumentString<WithdrawRegistryStatementMutation, WithdrawRegistryStatementMutationVariables>;
export const WithdrawReportStatementDocument = new TypedDocumentString(`
    mutation WithdrawReportStatement($subject: ID!) {
  withdrawReportStatement(subject: $subject) {
    text
    madeAt
  }
}
    `) as unknown as TypedDocumentString<WithdrawReportStatementMutation, WithdrawReportStatementMutationVariables>;
export const WithdrawTaxationStatementDocument = new TypedDocumentString(`
    mutation WithdrawTaxationStatement($subject: ID!, $record: ID!) {
  withdrawTaxationStatement(subject: $subject, record: $record) {
    id
    recordId
    state
    endedAt
  }
}
    `) as unknown as TypedDocumentString<WithdrawTaxationStatementMutation, WithdrawTaxationStatementMutationVariables>;