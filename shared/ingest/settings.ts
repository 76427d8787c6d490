import type { RecordsConfig } from '../config';
import { systemClock, type Clock } from '../clock';
import type { RecordSettings } from '../records';

/** A subgraph's record settings from its configuration, on a clock (the system's, or a test's). */
export function recordSettingsOf(config: RecordsConfig, clock: Clock = systemClock): RecordSettings {
  return Object.freeze({
    clock,
    retentionYears: (recordType: string) => config.retentionYears.byType[recordType] ?? config.retentionYears.default,
    noticeWaitingDays: config.noticeWaitingDays,
    submitBatchMax: config.submitBatchMax,
    objectionAnswerDays: config.objectionAnswerDays,
    statementMaxChars: config.statementMaxChars,
    freeSelfReportsPerYear: config.freeSelfReportsPerYear,
  });
}
