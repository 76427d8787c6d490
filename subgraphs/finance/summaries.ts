import type { ListAggregates, ListFigures } from '../../shared/records';

export interface CreditSummary {
  /** Whose summary it is: its fields are decided per subject. */
  readonly subjectCode: string;
  readonly accountCount: number;
  readonly openAccountCount: number;
  readonly totalBalance: string;
  readonly overdueAccountCount: number;
  readonly worstClassification: string | null;
}

/**
 * What a credit summary adds to the credit accounts' common figures (count, worst classification):
 * SQL aggregates over the accounts a caller sees, read in the same statement as the pages.
 */
export const CREDIT_SUMMARY_AGGREGATES = {
  list: 'creditAccounts',
  values: {
    openAccountCount: `count(*) filter (where t.status = 'OPEN')`,
    totalBalance: `coalesce(sum(t.balance) filter (where t.status = 'OPEN'), 0)::numeric(18, 2)`,
    overdueAccountCount: `count(*) filter (where t.overdue_bucket <> 'CURRENT' and t.status <> 'CLOSED')`,
  },
} as const satisfies ListAggregates;

/** A subject's credit summary from its credit accounts' figures (`records.figures`, with `CREDIT_SUMMARY_AGGREGATES`). */
export function creditSummaryOf(subjectCode: string, figures: ListFigures): CreditSummary {
  const { openAccountCount, totalBalance, overdueAccountCount } = figures.aggregates;
  return {
    subjectCode,
    accountCount: figures.inForce,
    openAccountCount: Number(openAccountCount ?? 0),
    totalBalance: totalBalance ?? '0.00',
    overdueAccountCount: Number(overdueAccountCount ?? 0),
    worstClassification: figures.worst,
  };
}
