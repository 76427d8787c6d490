/**
 * What the desk knows of the graph's sectors: which record lists each takes in an import, the
 * category each list's records are classified under (what an authority's token `submits` must cover).
 * It mirrors each sector's `sector.ts` (`lists`) and its classification; test/web/desk-sectors.test.ts
 * fails when the two part.
 */

export const SECTORS = ['registry', 'finance', 'taxation', 'construction', 'ecommerce', 'healthcare'] as const;
export type Sector = (typeof SECTORS)[number];

export interface RecordListInfo {
  /** The list's field (the profile's, or `Subject`'s for the registry) and the import's path segment. */
  readonly list: string;
  readonly recordType: string;
  readonly category: string;
}

const list = (name: string, recordType: string, category: string): RecordListInfo => ({ list: name, recordType, category });

export const RECORD_LISTS: Readonly<Record<Sector, readonly RecordListInfo[]>> = {
  registry: [
    list('abnormalOperationListings', 'AbnormalOperationListing', 'registry.listing'),
    list('seriousIllegalListings', 'SeriousIllegalListing', 'registry.listing'),
  ],
  finance: [
    list('creditAccounts', 'CreditAccount', 'finance.credit'),
    list('guarantees', 'Guarantee', 'finance.credit'),
    list('dishonestDebtorListings', 'DishonestDebtorListing', 'finance.judicial'),
    list('courtJudgments', 'CourtJudgment', 'finance.judicial'),
    list('assets', 'AssetRecord', 'finance.assets'),
  ],
  taxation: [
    list('registrations', 'TaxRegistration', 'tax.registration'),
    list('creditRatings', 'TaxCreditRating', 'tax.rating'),
    list('arrearsNotices', 'TaxArrearsNotice', 'tax.arrears'),
    list('majorViolations', 'MajorTaxViolation', 'tax.violation'),
    list('penalties', 'TaxPenalty', 'tax.penalty'),
  ],
  construction: [
    list('qualifications', 'QualificationCertificate', 'construction.qualification'),
    list('practitioners', 'RegisteredPractitioner', 'construction.practitioner'),
    list('projects', 'ConstructionProject', 'construction.project'),
    list('goodBehaviourRecords', 'GoodBehaviourRecord', 'construction.conduct'),
    list('badBehaviourRecords', 'BadBehaviourRecord', 'construction.conduct'),
    list('blacklistings', 'MarketBlacklisting', 'construction.blacklist'),
    list('wageArrearsListings', 'WageArrearsListing', 'construction.wage'),
  ],
  ecommerce: [
    list('shops', 'OnlineShop', 'ecommerce.shop'),
    list('platformMeasures', 'PlatformMeasure', 'ecommerce.platform'),
    list('ipNoticeOutcomes', 'IpNoticeOutcome', 'ecommerce.ip'),
    list('counterfeitPenalties', 'CounterfeitPenalty', 'ecommerce.penalty'),
    list('complaintStatistics', 'ComplaintStatistic', 'ecommerce.complaint'),
  ],
  healthcare: [
    list('practiceLicences', 'PracticeLicence', 'health.licence'),
    list('physicianRegistrations', 'PhysicianRegistration', 'health.practitioner'),
    list('periodicAssessments', 'PeriodicAssessment', 'health.assessment'),
    list('insuranceStaffScores', 'InsuranceStaffScore', 'health.insurance'),
    list('insuranceFundViolations', 'InsuranceFundViolation', 'health.insurance'),
    list('clinicalRecords', 'ClinicalRecord', 'health.clinical'),
  ],
};

/** A submitted category covers itself and every category under it (`tax` covers `tax.penalty`). */
export function categoryCovers(submitted: string, category: string): boolean {
  return category === submitted || category.startsWith(`${submitted}.`);
}

/** The lists of a sector whose records the authority submits. */
export function listsSubmitted(submits: readonly string[], sector: Sector): readonly RecordListInfo[] {
  return RECORD_LISTS[sector].filter((l) => submits.some((s) => categoryCovers(s, l.category)));
}

/** The sectors the authority submits records to, in the graph's order. */
export function sectorsSubmitted(submits: readonly string[]): readonly Sector[] {
  return SECTORS.filter((sector) => listsSubmitted(submits, sector).length > 0);
}

/** The list a record type belongs to (`TaxPenalty:12` → taxation's penalties). */
export function listOfRecordType(recordType: string): { sector: Sector; list: RecordListInfo } | null {
  for (const sector of SECTORS) {
    const found = RECORD_LISTS[sector].find((l) => l.recordType === recordType);
    if (found) return { sector, list: found };
  }
  return null;
}

/** A record's type from its id (`TaxPenalty:12` → `TaxPenalty`). */
export const recordTypeOfId = (id: string): string => id.split(':', 1)[0] ?? '';
