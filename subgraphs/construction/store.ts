import { UNTIL_PUBLICITY_ENDS, type RecordList } from '../../shared/records';

export const CONSTRUCTION_LISTS = {
  qualifications: { recordType: 'QualificationCertificate', table: 'qualification_certificates' },
  practitioners: { recordType: 'RegisteredPractitioner', table: 'registered_practitioners' },
  projects: { recordType: 'ConstructionProject', table: 'construction_projects' },
  goodBehaviourRecords: { recordType: 'GoodBehaviourRecord', table: 'good_behaviour_records' },
  // Severity A and B records are published for their term; C records are shared only.
  badBehaviourRecords: {
    recordType: 'BadBehaviourRecord',
    table: 'bad_behaviour_records',
    publicRows: `severity in ('A', 'B') and (${UNTIL_PUBLICITY_ENDS})`,
  },
  blacklistings: { recordType: 'MarketBlacklisting', table: 'market_blacklistings', publicRows: UNTIL_PUBLICITY_ENDS },
  wageArrearsListings: { recordType: 'WageArrearsListing', table: 'wage_arrears_listings', publicRows: UNTIL_PUBLICITY_ENDS },
} as const satisfies Record<string, RecordList>;
