import type { RecordList } from '../../shared/records';

export const CONSTRUCTION_LISTS = {
  qualifications: { recordType: 'QualificationCertificate', table: 'qualification_certificates' },
  practitioners: { recordType: 'RegisteredPractitioner', table: 'registered_practitioners' },
  projects: { recordType: 'ConstructionProject', table: 'construction_projects' },
  goodBehaviourRecords: { recordType: 'GoodBehaviourRecord', table: 'good_behaviour_records' },
  badBehaviourRecords: { recordType: 'BadBehaviourRecord', table: 'bad_behaviour_records' },
  blacklistings: { recordType: 'MarketBlacklisting', table: 'market_blacklistings' },
  wageArrearsListings: { recordType: 'WageArrearsListing', table: 'wage_arrears_listings' },
} as const satisfies Record<string, RecordList>;
