import path from 'node:path';
import { defineRecordSector } from '../../shared/subgraph/sector';
import { publicRows, allOf, WHILE_PUBLICITY_LASTS } from '../../shared/records';
import { CREATE_RECORD_KEY_V1 } from '../../shared/migrations/v1';
import { recordLifeCycleV2 } from '../../shared/migrations/v2';
import { migrationsIn } from '../../shared/migrations/folder';
import { constructionDataset } from './dataset';

/** Project construction: qualifications, practitioners, projects, and the market's conduct records. */
export const constructionSector = defineRecordSector({
  name: 'construction',
  dir: __dirname,
  lists: {
    qualifications: { recordType: 'QualificationCertificate', table: 'qualification_certificates' },
    practitioners: { recordType: 'RegisteredPractitioner', table: 'registered_practitioners' },
    projects: { recordType: 'ConstructionProject', table: 'construction_projects' },
    goodBehaviourRecords: { recordType: 'GoodBehaviourRecord', table: 'good_behaviour_records' },
    // Severity A and B records are published for their term; C records are shared only.
    badBehaviourRecords: {
      recordType: 'BadBehaviourRecord',
      table: 'bad_behaviour_records',
      publicWhen: allOf(publicRows('severity is A or B', "severity in ('A', 'B')"), WHILE_PUBLICITY_LASTS),
    },
    blacklistings: { recordType: 'MarketBlacklisting', table: 'market_blacklistings', publicWhen: WHILE_PUBLICITY_LASTS },
    wageArrearsListings: { recordType: 'WageArrearsListing', table: 'wage_arrears_listings', publicWhen: WHILE_PUBLICITY_LASTS },
  },
  migrations: [...migrationsIn(path.join(__dirname, 'migrations')), CREATE_RECORD_KEY_V1, recordLifeCycleV2(['qualification_certificates', 'registered_practitioners', 'construction_projects', 'good_behaviour_records', 'bad_behaviour_records', 'market_blacklistings', 'wage_arrears_listings'])],
  dataset: constructionDataset,
});
