import {
  ApplyForConstructionRepairDocument, ApplyForEcommerceRepairDocument, ApplyForFinanceRepairDocument,
  ApplyForHealthcareRepairDocument, ApplyForRegistryRepairDocument, ApplyForTaxationRepairDocument,
  FileConstructionObjectionDocument, FileEcommerceObjectionDocument, FileFinanceObjectionDocument,
  FileHealthcareObjectionDocument, FileRegistryObjectionDocument, FileTaxationObjectionDocument,
  MyConstructionRecordsDocument, MyEcommerceRecordsDocument, MyFinanceRecordsDocument, MyHealthcareRecordsDocument,
  MyRegistryRecordsDocument, MyTaxationRecordsDocument,
  SetConstructionStatementDocument, SetEcommerceStatementDocument, SetFinanceStatementDocument,
  SetHealthcareStatementDocument, SetRegistryStatementDocument, SetTaxationStatementDocument,
  WithdrawConstructionStatementDocument, WithdrawEcommerceStatementDocument, WithdrawFinanceStatementDocument,
  WithdrawHealthcareStatementDocument, WithdrawRegistryStatementDocument, WithdrawTaxationStatementDocument,
  type FileObjectionInput, type RecordStatementInput, type RepairApplicationInput,
} from '../gql/graphql';
import type { TypedOperation } from '../app/graphql';

/**
 * The sectors of the graph as the subject's pages show them: each sector's record lists (the same
 * lists, in the same order, as the credit report), the columns shown for each, and the sector's own
 * recourse mutations (every sector generates `file<Sector>Objection`, `set<Sector>Statement`,
 * `withdraw<Sector>Statement` and `applyFor<Sector>Repair` from one declaration). The registry's
 * lists are the public lists (listings) on the subject itself.
 */

export type SectorKey = 'registry' | 'taxation' | 'finance' | 'construction' | 'ecommerce' | 'healthcare';

/** How a field's value is shown. `enum` values are named by `subject:enum.<enumName>.<VALUE>`. */
export type ColumnKind =
  | { readonly kind: 'text' | 'date' | 'amount' | 'int' | 'bool' | 'percent' | 'list' | 'url' }
  | { readonly kind: 'enum'; readonly enumName: string };

export interface Column {
  readonly field: string;
  readonly show: ColumnKind;
}

export interface RecordList {
  /** The list's field on the sector profile (registry: on the subject). */
  readonly field: string;
  /** The record type, as ids and objections name it (`TaxPenalty`). */
  readonly recordType: string;
  readonly columns: readonly Column[];
  /** Whether credit repair applies to its records (the record types with a repair rule). */
  readonly repairable: boolean;
}

const text = (field: string): Column => ({ field, show: { kind: 'text' } });
const date = (field: string): Column => ({ field, show: { kind: 'date' } });
const amount = (field: string): Column => ({ field, show: { kind: 'amount' } });
const int = (field: string): Column => ({ field, show: { kind: 'int' } });
const bool = (field: string): Column => ({ field, show: { kind: 'bool' } });
const list = (field: string): Column => ({ field, show: { kind: 'list' } });
const named = (field: string, enumName: string): Column => ({ field, show: { kind: 'enum', enumName } });

const recordList = (field: string, recordType: string, columns: Column[], repairable = false): RecordList => ({ field, recordType, columns, repairable });

/**
 * A sector's operation, known here by its variables: the six sectors' results differ in their lists,
 * which `sectorRecords` reads by the names the sector declares.
 */
type SectorOperation<TVariables> = TypedOperation<unknown, TVariables>;

export interface Sector {
  readonly key: SectorKey;
  readonly lists: readonly RecordList[];
  /** The sector's records of the subject, with each list's records and the subject's objections. */
  readonly records: SectorOperation<{ code: string }>;
  readonly fileObjection: SectorOperation<{ input: FileObjectionInput }>;
  readonly setStatement: SectorOperation<{ input: RecordStatementInput }>;
  readonly withdrawStatement: SectorOperation<{ subject: string; record: string }>;
  readonly applyForRepair: SectorOperation<{ input: RepairApplicationInput }>;
}

export const SECTORS: readonly Sector[] = [
  {
    key: 'registry',
    lists: [
      recordList('abnormalOperationListings', 'AbnormalOperationListing', [text('reason'), date('listedOn'), date('removedOn'), text('removalReason')], true),
      recordList('seriousIllegalListings', 'SeriousIllegalListing', [text('reason'), date('listedOn'), date('removedOn'), text('removalReason')], true),
    ],
    records: MyRegistryRecordsDocument,
    fileObjection: FileRegistryObjectionDocument,
    setStatement: SetRegistryStatementDocument,
    withdrawStatement: WithdrawRegistryStatementDocument,
    applyForRepair: ApplyForRegistryRepairDocument,
  },
  {
    key: 'taxation',
    lists: [
      recordList('registrations', 'TaxRegistration', [text('taxpayerIdentificationNumber'), named('taxpayerType', 'TaxpayerType'), date('registeredOn'), named('status', 'TaxRegistrationStatus')]),
      recordList('creditRatings', 'TaxCreditRating', [text('year'), named('grade', 'TaxCreditGrade')]),
      recordList('arrearsNotices', 'TaxArrearsNotice', [text('taxType'), amount('amountOwed'), date('periodStart'), date('periodEnd'), named('status', 'ArrearsStatus')]),
      recordList('majorViolations', 'MajorTaxViolation', [text('caseNature'), text('facts'), text('legalBasis'), text('penalty'), amount('amountInvolved')], true),
      recordList('penalties', 'TaxPenalty', [text('violation'), named('penaltyType', 'TaxPenaltyType'), amount('fineAmount'), text('legalBasis')], true),
    ],
    records: MyTaxationRecordsDocument,
    fileObjection: FileTaxationObjectionDocument,
    setStatement: SetTaxationStatementDocument,
    withdrawStatement: WithdrawTaxationStatementDocument,
    applyForRepair: ApplyForTaxationRepairDocument,
  },
  {
    key: 'finance',
    lists: [
      recordList('creditAccounts', 'CreditAccount', [
        text('institutionName'), named('accountType', 'CreditAccountType'), amount('amount'), amount('balance'),
        named('classification', 'LoanClassification'), named('overdueBucket', 'OverdueBucket'), date('openedOn'), date('dueOn'), named('status', 'CreditAccountStatus'),
      ]),
      recordList('guarantees', 'Guarantee', [text('creditorName'), text('debtorName'), named('guaranteeType', 'GuaranteeType'), amount('amount'), date('startsOn'), date('endsOn'), named('status', 'GuaranteeStatus')]),
      recordList('dishonestDebtorListings', 'DishonestDebtorListing', [text('court'), text('caseNumber'), text('obligation'), named('performance', 'Performance'), text('dishonestConduct'), date('listedOn'), date('delistedOn')], true),
      recordList('courtJudgments', 'CourtJudgment', [text('court'), text('caseNumber'), named('caseType', 'CourtCaseType'), text('cause'), text('role'), amount('amount'), text('outcome'), named('enforcementStatus', 'EnforcementStatus')]),
    ],
    records: MyFinanceRecordsDocument,
    fileObjection: FileFinanceObjectionDocument,
    setStatement: SetFinanceStatementDocument,
    withdrawStatement: WithdrawFinanceStatementDocument,
    applyForRepair: ApplyForFinanceRepairDocument,
  },
  {
    key: 'construction',
    lists: [
      recordList('qualifications', 'QualificationCertificate', [text('certificateNumber'), named('category', 'QualificationCategory'), named('grade', 'QualificationGrade'), text('scope'), date('validUntil')]),
      recordList('practitioners', 'RegisteredPractitioner', [text('practitionerName'), text('registrationNumber'), named('category', 'PractitionerCategory'), text('specialty'), text('employerName'), date('validUntil')]),
      recordList('projects', 'ConstructionProject', [text('projectCode'), text('projectName'), named('role', 'ProjectRole'), amount('contractAmount'), text('location'), date('startedOn'), date('completedOn'), named('status', 'ProjectStatus')]),
      recordList('goodBehaviourRecords', 'GoodBehaviourRecord', [text('awardName'), named('level', 'AwardLevel'), text('projectName')]),
      recordList('badBehaviourRecords', 'BadBehaviourRecord', [named('severity', 'BehaviourSeverity'), text('behaviourCode'), text('description'), text('projectName'), text('penalty')], true),
      recordList('blacklistings', 'MarketBlacklisting', [text('reason'), date('listedOn'), date('removedOn')], true),
      recordList('wageArrearsListings', 'WageArrearsListing', [text('projectName'), int('workersAffected'), amount('amountOwed'), date('listedOn'), bool('settled')], true),
    ],
    records: MyConstructionRecordsDocument,
    fileObjection: FileConstructionObjectionDocument,
    setStatement: SetConstructionStatementDocument,
    withdrawStatement: WithdrawConstructionStatementDocument,
    applyForRepair: ApplyForConstructionRepairDocument,
  },
  {
    key: 'ecommerce',
    lists: [
      recordList('shops', 'OnlineShop', [text('platform'), text('shopName'), { field: 'url', show: { kind: 'url' } }, bool('licenceDisplayed'), date('openedOn'), named('status', 'ShopStatus')]),
      recordList('platformMeasures', 'PlatformMeasure', [text('platform'), text('shopName'), named('measure', 'PlatformMeasureType'), text('reason'), date('startsOn'), date('endsOn')]),
      recordList('ipNoticeOutcomes', 'IpNoticeOutcome', [text('platform'), text('rightsHolder'), named('ipType', 'IpType'), int('listingsAffected'), named('outcome', 'IpNoticeOutcomeType')]),
      recordList('counterfeitPenalties', 'CounterfeitPenalty', [text('goods'), amount('illegalIncome'), amount('confiscatedValue'), amount('fineAmount')], true),
      recordList('complaintStatistics', 'ComplaintStatistic', [text('period'), int('complaints'), int('resolved'), { field: 'resolutionRate', show: { kind: 'percent' } }]),
    ],
    records: MyEcommerceRecordsDocument,
    fileObjection: FileEcommerceObjectionDocument,
    setStatement: SetEcommerceStatementDocument,
    withdrawStatement: WithdrawEcommerceStatementDocument,
    applyForRepair: ApplyForEcommerceRepairDocument,
  },
  {
    key: 'healthcare',
    lists: [
      recordList('practiceLicences', 'PracticeLicence', [text('licenceNumber'), named('institutionType', 'InstitutionType'), text('hospitalGrade'), int('beds'), list('departments'), date('validUntil')]),
      recordList('physicianRegistrations', 'PhysicianRegistration', [text('registrationNumber'), named('category', 'PhysicianCategory'), text('practiceScope'), text('institutionName'), named('status', 'RegistrationStatus')]),
      recordList('periodicAssessments', 'PeriodicAssessment', [text('period'), named('result', 'AssessmentResult')]),
      recordList('insuranceStaffScores', 'InsuranceStaffScore', [text('year'), int('pointsDeducted'), named('paymentQualification', 'PaymentQualification'), list('reasons')]),
      recordList('insuranceFundViolations', 'InsuranceFundViolation', [text('violation'), amount('recoveredAmount'), text('fineMultiple'), amount('fineAmount'), int('suspendedMonths')], true),
    ],
    records: MyHealthcareRecordsDocument,
    fileObjection: FileHealthcareObjectionDocument,
    setStatement: SetHealthcareStatementDocument,
    withdrawStatement: WithdrawHealthcareStatementDocument,
    applyForRepair: ApplyForHealthcareRepairDocument,
  },
];

export function sectorByKey(key: string | undefined): Sector | undefined {
  return SECTORS.find((sector) => sector.key === key);
}

/** The sector a record type belongs to (for objections, statements and repairs, which name it). */
export function sectorOfRecordType(recordType: string): Sector | undefined {
  return SECTORS.find((sector) => sector.lists.some((l) => l.recordType === recordType));
}

/** The record as the subject's pages read it: its envelope, and its own fields by name. */
export interface RecordNode {
  readonly id: string;
  readonly documentNumber: string | null;
  readonly decisionDate: string;
  readonly actEndedOn: string | null;
  readonly publicityEndsOn: string | null;
  readonly sourceAuthority: { readonly name: string };
  readonly objectionStatus: string;
  readonly repairStatus: string;
  readonly statement: { readonly text: string | null; readonly madeAt: string } | null;
  readonly version: number;
  readonly changeReason: string | null;
  readonly [field: string]: unknown;
}

export interface SectorRecords {
  readonly lists: ReadonlyArray<{ readonly list: RecordList; readonly totalCount: number; readonly nodes: readonly RecordNode[] }>;
  /** The subject's objections in this sector, by record id: the open one's due day is shown with its record. */
  readonly objections: ReadonlyArray<{ readonly id: string; readonly recordId: string; readonly status: string; readonly dueOn: string; readonly overdue: boolean }>;
}

type Connection = { totalCount: number; nodes: RecordNode[] } | null | undefined;
type Holder = Record<string, Connection | { nodes: SectorRecords['objections'] } | null | undefined>;

/**
 * A sector's records out of its `My<Sector>Records` response. The six responses share one shape (a
 * profile, or for the registry the subject itself, holding the lists named by `lists` and the
 * objections), which this reads by the list names the sector declares.
 */
export function sectorRecords(sector: Sector, data: unknown): SectorRecords | null {
  const subject = (data as { subject?: Record<string, unknown> | null } | null)?.subject;
  if (!subject) return null;
  const holder = (sector.key === 'registry' ? subject : subject[sector.key]) as Holder | null | undefined;
  if (!holder) return null;
  const objections = (holder[sector.key === 'registry' ? 'listingObjections' : 'objections'] as { nodes: SectorRecords['objections'] } | null | undefined)?.nodes ?? [];
  return {
    lists: sector.lists.map((l) => {
      const connection = holder[l.field] as Connection;
      return { list: l, totalCount: connection?.totalCount ?? 0, nodes: connection?.nodes ?? [] };
    }),
    objections,
  };
}

/**
 * One kind of the subject's recourse rows (objections, statements, repair applications, notices)
 * gathered from every sector: each sector profile holds its own (`objections`), the registry's are on
 * the subject (`listingObjections`). Each row comes with its sector; sorted by `newest`, newest first.
 */
export function acrossSectors<T>(
  subject: Record<string, unknown> | null | undefined,
  field: string,
  registryField: string,
  newest: (row: T) => string,
): Array<{ sector: SectorKey; row: T }> {
  if (!subject) return [];
  const rows: Array<{ sector: SectorKey; row: T }> = [];
  for (const { key } of SECTORS) {
    const holder = (key === 'registry' ? subject : subject[key]) as Record<string, { nodes?: T[] } | null> | null | undefined;
    for (const row of holder?.[key === 'registry' ? registryField : field]?.nodes ?? []) rows.push({ sector: key, row });
  }
  return rows.sort((a, b) => newest(b.row).localeCompare(newest(a.row)));
}
