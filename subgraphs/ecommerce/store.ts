import { UNTIL_PUBLICITY_ENDS, type RecordList } from '../../shared/records';

export const ECOMMERCE_LISTS = {
  shops: { recordType: 'OnlineShop', table: 'online_shops' },
  platformMeasures: { recordType: 'PlatformMeasure', table: 'platform_measures' },
  ipNoticeOutcomes: { recordType: 'IpNoticeOutcome', table: 'ip_notice_outcomes' },
  counterfeitPenalties: { recordType: 'CounterfeitPenalty', table: 'counterfeit_penalties', publicRows: UNTIL_PUBLICITY_ENDS },
  complaintStatistics: { recordType: 'ComplaintStatistic', table: 'complaint_statistics' },
} as const satisfies Record<string, RecordList>;
