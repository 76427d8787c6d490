import path from 'node:path';
import { defineRecordSector } from '../../shared/subgraph/sector';
import { enumValues } from '../../shared/subgraph/sdl';
import { WHILE_PUBLICITY_LASTS, type RecordList } from '../../shared/records';
import { CREATE_RECORD_KEY_V1 } from '../../shared/migrations/v1';
import { recordLifeCycleV2 } from '../../shared/migrations/v2';
import { migrationsIn } from '../../shared/migrations/folder';
import { amount, bool, date, integer, oneOf, text } from '../../shared/ingest/fields';
import { inOrder, type RowRule } from '../../shared/ingest/spec';
import { GENERAL_PENALTY_TERM } from '../../shared/recourse/repair';
import { ecommerceDataset } from './dataset';

const values = (enumName: string) => enumValues(__dirname, enumName);

/**
 * SAMR penalty publicity Art. 13: a light penalty is published for 3 months, others for 3 years. A
 * counterfeit penalty is light when it is a warning alone: no fine and nothing confiscated.
 */
const COUNTERFEIT_TERM = `case when fine_amount = 0 and confiscated_value = 0 then decision_date + interval '3 months' else decision_date + interval '3 years' end`;

/** A termination ends the shop's presence on the platform: it has no end of its own. */
const terminationHasNoEnd: RowRule<Record<string, unknown>> = (r) =>
  r.measure === 'TERMINATION' && typeof r.endsOn === 'string' ? { field: 'endsOn', reason: 'must be empty for a TERMINATION (it does not end)' } : null;

/** Complaints resolved are at most the complaints received. */
const resolvedNotAboveComplaints: RowRule<Record<string, unknown>> = (r) =>
  typeof r.resolved === 'number' && typeof r.complaints === 'number' && r.resolved > r.complaints
    ? { field: 'resolved', reason: `is above complaints (${r.resolved} > ${r.complaints})` }
    : null;

/** A quarter's statistics are decided after the quarter ended. */
const quarterEndedByDecision: RowRule<Record<string, unknown>> = (r) => {
  if (typeof r.period !== 'string' || typeof r.decisionDate !== 'string') return null;
  const year = Number(r.period.slice(0, 4));
  const quarter = Number(r.period.slice(5));
  const lastDay = `${year}-${['03-31', '06-30', '09-30', '12-31'][quarter - 1]!}`;
  return r.decisionDate < lastDay ? { field: 'period', reason: `ends after the decision date (${lastDay} > ${r.decisionDate})` } : null;
};

const LISTS = {
  shops: {
    recordType: 'OnlineShop',
    table: 'online_shops',
    ingest: {
      fields: {
        platform: text({ max: 40 }),
        shopName: text({ max: 200 }),
        url: text({ max: 300, pattern: { regex: /^https?:\/\/[^\s/]+\S*$/, description: 'an http(s) address' } }),
        licenceDisplayed: bool(),
        openedOn: date(),
        status: oneOf('ShopStatus', values('ShopStatus')),
      },
      rules: [inOrder('openedOn', 'decisionDate')],
      // A shop is who sells, not how it behaved: never negative.
      negative: 'false',
      describe: (r) => `${String(r.platform)}网店“${String(r.shopName)}”（${String(r.status)}）`,
    },
  },
  platformMeasures: {
    recordType: 'PlatformMeasure',
    table: 'platform_measures',
    ingest: {
      fields: {
        platform: text({ max: 40 }),
        shopName: text({ max: 200 }),
        measure: oneOf('PlatformMeasureType', values('PlatformMeasureType')),
        reason: text({ max: 500 }),
        startsOn: date(),
        endsOn: date({ required: false }),
      },
      rules: [inOrder('startsOn', 'endsOn'), terminationHasNoEnd],
      // Every measure a platform takes against a shop (warning, restriction, suspension, termination).
      negative: 'true',
      describe: (r) => `${String(r.platform)}对网店“${String(r.shopName)}”采取${String(r.measure)}措施：${String(r.reason)}`,
    },
  },
  ipNoticeOutcomes: {
    recordType: 'IpNoticeOutcome',
    table: 'ip_notice_outcomes',
    ingest: {
      fields: {
        platform: text({ max: 40 }),
        rightsHolder: text({ max: 200 }),
        ipType: oneOf('IpType', values('IpType')),
        listingsAffected: integer({ min: 1, max: 1_000_000 }),
        outcome: oneOf('IpNoticeOutcomeType', values('IpNoticeOutcomeType')),
      },
      // Negative when the notice held against the shop: its listings were removed.
      negative: "outcome = 'LISTINGS_REMOVED'",
      describe: (r) => `${String(r.rightsHolder)}在${String(r.platform)}的知识产权（${String(r.ipType)}）通知涉及 ${String(r.listingsAffected)} 个商品链接，处理结果：${String(r.outcome)}`,
    },
  },
  counterfeitPenalties: {
    recordType: 'CounterfeitPenalty',
    table: 'counterfeit_penalties',
    publicWhen: WHILE_PUBLICITY_LASTS,
    repair: GENERAL_PENALTY_TERM,
    ingest: {
      fields: {
        goods: text({ max: 200 }),
        illegalIncome: amount(),
        confiscatedValue: amount(),
        fineAmount: amount(),
      },
      rules: [inOrder('actEndedOn', 'decisionDate')],
      negative: 'true',
      publicityTerm: COUNTERFEIT_TERM,
      describe: (r) => `销售假冒伪劣商品（${String(r.goods)}）受到行政处罚：违法所得 ${String(r.illegalIncome)} 元，没收货值 ${String(r.confiscatedValue)} 元，罚款 ${String(r.fineAmount)} 元`,
    },
  },
  complaintStatistics: {
    recordType: 'ComplaintStatistic',
    table: 'complaint_statistics',
    ingest: {
      fields: {
        period: text({ max: 8, pattern: { regex: /^\d{4}Q[1-4]$/, description: 'a quarter, e.g. 2026Q2' } }),
        complaints: integer({ min: 0, max: 10_000_000 }),
        resolved: integer({ min: 0, max: 10_000_000 }),
      },
      rules: [resolvedNotAboveComplaints, quarterEndedByDecision],
      // Statistics of complaints are not findings against the subject: never negative.
      negative: 'false',
      describe: (r) => `${String(r.period)} 消费者投诉 ${String(r.complaints)} 件，已解决 ${String(r.resolved)} 件`,
    },
  },
} as const satisfies Readonly<Record<string, RecordList>>;

/**
 * E-commerce: shops, platform measures, IP notices, counterfeit penalties, complaints. It runs on
 * Fastify + Mercurius (not Apollo Server), to keep the graph honest about composing subgraphs from
 * different servers; nothing else about it differs.
 */
export const ecommerceSector = defineRecordSector({
  name: 'ecommerce',
  dir: __dirname,
  runtime: 'mercurius',
  lists: LISTS,
  resolvers: {
    ComplaintStatistic: {
      resolutionRate: (s: { complaints: number; resolved: number }) => (s.complaints === 0 ? 1 : s.resolved / s.complaints),
    },
  },
  migrations: [...migrationsIn(path.join(__dirname, 'migrations')), CREATE_RECORD_KEY_V1, recordLifeCycleV2(Object.values(LISTS).map((l) => l.table))],
  dataset: ecommerceDataset,
});
