import path from 'node:path';
import { defineRecordSector } from '../../shared/subgraph/sector';
import { WHILE_PUBLICITY_LASTS } from '../../shared/records';
import { CREATE_RECORD_KEY_V1 } from '../../shared/migrations/v1';
import { recordLifeCycleV2 } from '../../shared/migrations/v2';
import { migrationsIn } from '../../shared/migrations/folder';
import { ecommerceDataset } from './dataset';

/**
 * E-commerce: shops, platform measures, IP notices, counterfeit penalties, complaints. It runs on
 * Fastify + Mercurius (not Apollo Server), to keep the graph honest about composing subgraphs from
 * different servers; nothing else about it differs.
 */
export const ecommerceSector = defineRecordSector({
  name: 'ecommerce',
  dir: __dirname,
  runtime: 'mercurius',
  lists: {
    shops: { recordType: 'OnlineShop', table: 'online_shops' },
    platformMeasures: { recordType: 'PlatformMeasure', table: 'platform_measures' },
    ipNoticeOutcomes: { recordType: 'IpNoticeOutcome', table: 'ip_notice_outcomes' },
    counterfeitPenalties: { recordType: 'CounterfeitPenalty', table: 'counterfeit_penalties', publicWhen: WHILE_PUBLICITY_LASTS },
    complaintStatistics: { recordType: 'ComplaintStatistic', table: 'complaint_statistics' },
  },
  resolvers: {
    ComplaintStatistic: {
      resolutionRate: (s: { complaints: number; resolved: number }) => (s.complaints === 0 ? 1 : s.resolved / s.complaints),
    },
  },
  migrations: [...migrationsIn(path.join(__dirname, 'migrations')), CREATE_RECORD_KEY_V1, recordLifeCycleV2(['online_shops', 'platform_measures', 'ip_notice_outcomes', 'counterfeit_penalties', 'complaint_statistics'])],
  dataset: ecommerceDataset,
});
