/**
 * What the desk knows of the graph's sectors: which record lists each takes in an import, the
 * category each list's records are classified under (what an authority's token `submits` must cover),
 * and which lists an authority may read back (the PUBLIC ones). It mirrors each sector's `sector.ts` (`lists`) and its classification;
 * test/web/desk-sectors.test.ts fails when the two part.
 */

export const SECTORS = ['registry', 'finance', 'taxation', 'construction', 'ecommerce', 'healthcare'] as const;
export type Sector = (typeof SECTORS)[number];

export interface RecordListInfo {
  /** The list's field (the profile's, or `Subject`'s for the registry) and the import's path segment. */
  readonly list: string;
  readonly recordType: string;
  readonly category: string;
  /**
   * The list is PUBLIC, so an authority reads it back through `subject(code:)`. An authority states no
   * purpose of inquiry, and any list above PUBLIC (a penalty list public only while its publicity lasts
   * included) needs one: the graph serves it none of those.
   */
  readonly readable: boolean;
}

const list = (name: string, recordType: string, category: string, readable: boolean): RecordListInfo => ({ list: name, recordType, category, readable });

export const RECORD_LISTS: Readonly<Record<Sector, readonly RecordListInfo[]>> = {
  registry: [
    list('abnormalOperationListings', 'AbnormalOperationListing', 'registry.listing', false),
    list('seriousIllegalListings', 'SeriousIllegalListing', 'registry.listing', false),
  ],
  finance: [
    list('creditAccounts', 'CreditAccount', 'finance.credit', false),
    list('guarantees', 'Guarantee', 'finance.credit', false),
    list('dishonestDebtorListings', 'DishonestDebtorListing', 'finance.judicial', false),
    list('courtJudgments', 'CourtJudgment', 'finance.judicial', true),
    list('assets', 'AssetRecord', 'finance.assets', false),
  ],
  taxation: [
    list('registrations', 'TaxRegistration', 'tax.registration', false),
    list('creditRatings', 'TaxCreditRating', 'tax.rating', false),
    list('arrearsNotices', 'TaxArrearsNotice', 'tax.arrears', true),
    list('majorViolations', 'MajorTaxViolation', 'tax.violation', false),
    list('penalties', 'TaxPenalty', 'tax.penalty', false),
  ],
  construction: [
    list('qualifications', 'QualificationCertificate', 'construction.qualification', true),
    list('practitioners', 'RegisteredPractitioner', 'construction.practitioner', true),
    list('projects', 'ConstructionProject', 'construction.project', true),
    list('goodBehaviourRecords', 'GoodBehaviourRecord', 'construction.conduct', true),
    list('badBehaviourRecords', 'BadBehaviourRecord', 'construction.conduct', false),
    list('blacklistings', 'MarketBlacklisting', 'construction.blacklist', false),
    list('wageArrearsListings', 'WageArrearsListing', 'construction.wage', false),
  ],
  ecommerce: [
    list('shops', 'OnlineShop', 'ecommerce.shop', true),
    list('platformMeasures', 'PlatformMeasure', 'ecommerce.platform', false),
    list('ipNoticeOutcomes', 'IpNoticeOutcome', 'ecommerce.ip', false),
    list('counterfeitPenalties', 'CounterfeitPenalty', 'ecommerce.penalty', false),
    list('complaintStatistics', 'ComplaintStatistic', 'ecommerce.complaint', false),
  ],
  healthcare: [
    list('practiceLicences', 'PracticeLicence', 'health.licence', true),
    list('physicianRegistrations', 'PhysicianRegistration', 'health.practitioner', true),
    list('periodicAssessments', 'PeriodicAssessment', 'health.assessment', false),
    list('insuranceStaffScores', 'InsuranceStaffScore', 'health.insurance', false),
    list('insuranceFundViolations', 'InsuranceFundViolation', 'health.insurance', false),
    list('clinicalRecords', 'ClinicalRecord', 'health.clinical', false),
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
