import type { Knex } from 'knex';
import { enumValues } from '../../shared/subgraph/sdl';
import { rowCondition, type ReadLifeCycle, type RecordList } from '../../shared/records';

export interface CreditSummary {
  /** Whose summary it is: its fields are decided per subject. */
  readonly subjectCode: string;
  readonly accountCount: number;
  readonly openAccountCount: number;
  readonly totalBalance: string;
  readonly overdueAccountCount: number;
  readonly worstClassification: string | null;
}

/** The five-level classification, best first: its order in the SDL is its rank. */
const CLASSIFICATIONS = enumValues(__dirname, 'LoanClassification');

/**
 * Credit summaries of many subjects in one statement, over the accounts in force and served (a
 * withdrawn, superseded or expired version, or a negative account still waiting for its notice,
 * counts for no one).
 */
export async function creditSummaries(db: Knex, accounts: RecordList, codes: readonly string[], lifeCycle: ReadLifeCycle): Promise<CreditSummary[]> {
  const rank = `case classification ${CLASSIFICATIONS.map((c, i) => `when '${c}' then ${i}`).join(' ')} end`;
  const rows = await db(accounts.table)
    .select('subject_code')
    .select(
      db.raw('count(*)::int as account_count'),
      db.raw(`count(*) filter (where status = 'OPEN')::int as open_account_count`),
      db.raw(`coalesce(sum(balance) filter (where status = 'OPEN'), 0)::numeric(18, 2)::text as total_balance`),
      db.raw(`count(*) filter (where overdue_bucket <> 'CURRENT' and status <> 'CLOSED')::int as overdue_account_count`),
      db.raw(`max(${rank})::int as worst_rank`),
    )
    .whereIn('subject_code', [...codes])
    .whereRaw(rowCondition(accounts, 'all', lifeCycle))
    .groupBy('subject_code');
  const byCode = new Map(rows.map((r: Record<string, unknown>) => [String(r.subject_code), r]));
  return codes.map((code) => {
    const r = byCode.get(code);
    return {
      subjectCode: code,
      accountCount: Number(r?.account_count ?? 0),
      openAccountCount: Number(r?.open_account_count ?? 0),
      totalBalance: typeof r?.total_balance === 'string' ? r.total_balance : '0.00',
      overdueAccountCount: Number(r?.overdue_account_count ?? 0),
      worstClassification: r?.worst_rank === null || r?.worst_rank === undefined ? null : (CLASSIFICATIONS[Number(r.worst_rank)] ?? null),
    };
  });
}
