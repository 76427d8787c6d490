import path from 'node:path';
import { defineRecordSector } from '../../shared/subgraph/sector';
import { enumValues } from '../../shared/subgraph/sdl';
import { publicRows, allOf, WHILE_PUBLICITY_LASTS, type RecordList } from '../../shared/records';
import { CREATE_RECORD_KEY_V1 } from '../../shared/migrations/v1';
import { recordLifeCycleV2 } from '../../shared/migrations/v2';
import { migrationsIn } from '../../shared/migrations/folder';
import { amount, date, oneOf, text } from '../../shared/ingest/fields';
import { inOrder } from '../../shared/ingest/spec';
import type { RepairRule } from '../../shared/recourse/repair';
import { financeDataset } from './dataset';
import { CREDIT_SUMMARY_AGGREGATES, creditSummaryOf } from './summaries';

const values = (enumName: string) => enumValues(__dirname, enumName);

/** A party's role in a court case, as the column holds it. */
const ROLE = { regex: /^(PLAINTIFF|DEFENDANT)$/, description: 'PLAINTIFF or DEFENDANT' };
/** A 24- or 60-month repayment grid (PBoC report): N, 1-7, D, Z, C, G or # per month, oldest first. */
const GRID = { regex: /^([N1-7DZCG#]{24}|[N1-7DZCG#]{60})$/, description: '24 or 60 months of N, 1-7, D, Z, C, G or #' };

const LISTS = {
  creditAccounts: {
    recordType: 'CreditAccount',
    table: 'credit_accounts',
    ingest: {
      fields: {
        institutionName: text({ max: 200 }),
        accountType: oneOf('CreditAccountType', values('CreditAccountType')),
        amount: amount({ min: 0.01 }),
        balance: amount(),
        classification: oneOf('LoanClassification', values('LoanClassification')),
        overdueBucket: oneOf('OverdueBucket', values('OverdueBucket')),
        openedOn: date(),
        dueOn: date({ required: false }),
        repaymentGrid: text({ max: 60, pattern: GRID }),
        status: oneOf('CreditAccountStatus', values('CreditAccountStatus')),
      },
      rules: [
        inOrder('openedOn', 'dueOn'),
        inOrder('openedOn', 'decisionDate'),
        (r) => (r.status === 'CLOSED' && typeof r.balance === 'string' && Number(r.balance) !== 0 ? { field: 'balance', reason: `is ${r.balance} on a CLOSED account` } : null),
        (r) => (r.status === 'CLOSED' && typeof r.overdueBucket === 'string' && r.overdueBucket !== 'CURRENT' ? { field: 'overdueBucket', reason: `is ${r.overdueBucket} on a CLOSED account` } : null),
      ],
      // Negative information (PBoC): an account overdue now or in its grid, classified below NORMAL (关注/次级/可疑/损失), or written off.
      negative: "classification <> 'NORMAL' or overdue_bucket <> 'CURRENT' or status = 'WRITTEN_OFF' or repayment_grid ~ '[1-7]'",
      // An open account's history is kept while it is open; retention runs from its closing.
      actEnded: "case when status <> 'OPEN' then coalesce(act_ended_on, decision_date) end",
      describe: (r) =>
        `${String(r.institutionName)}报送的${String(r.accountType)}账户（发放日 ${String(r.openedOn)}，金额 ${String(r.amount)} 元，余额 ${String(r.balance)} 元）：五级分类 ${String(r.classification)}，逾期状态 ${String(r.overdueBucket)}，账户状态 ${String(r.status)}`,
    },
  },
  guarantees: {
    recordType: 'Guarantee',
    table: 'guarantees',
    ingest: {
      fields: {
        creditorName: text({ max: 200 }),
        debtorName: text({ max: 200 }),
        guaranteeType: oneOf('GuaranteeType', values('GuaranteeType')),
        amount: amount({ min: 0.01 }),
        startsOn: date(),
        endsOn: date(),
        status: oneOf('GuaranteeStatus', values('GuaranteeStatus')),
      },
      rules: [inOrder('startsOn', 'endsOn')],
      // A guarantee the creditor called (the debtor defaulted and the guarantor must pay) is negative.
      negative: "status = 'CALLED'",
      describe: (r) => `为${String(r.debtorName)}向${String(r.creditorName)}提供的${String(r.guaranteeType)}担保（${String(r.amount)} 元，${String(r.startsOn)} 至 ${String(r.endsOn)}），状态：${String(r.status)}`,
    },
  },
  dishonestDebtorListings: {
    recordType: 'DishonestDebtorListing',
    table: 'dishonest_debtor_listings',
    // Listed debtors are public until the obligation is performed, while the listing's publicity lasts.
    publicWhen: allOf(publicRows('the obligation is not yet performed', "performance <> 'PERFORMED'"), WHILE_PUBLICITY_LASTS),
    // SPC provisions on the list: the court that listed a debtor delists it once the obligation is performed; no credit repair.
    repair: {
      admissibleFrom: 'listed_on',
      term: 'none',
      refusals: [{ sql: 'true', reason: 'a dishonest judgment debtor is delisted by the court that listed it once the obligation is performed (SPC provisions), not by credit repair' }],
      listing: true,
    } satisfies RepairRule,
    ingest: {
      fields: {
        court: text({ max: 200 }),
        caseNumber: text({ max: 80 }),
        obligation: text({ max: 2000 }),
        performance: oneOf('Performance', values('Performance')),
        dishonestConduct: text({ max: 200 }),
        listedOn: date(),
        delistedOn: date({ required: false }),
      },
      rules: [inOrder('listedOn', 'delistedOn')],
      negative: 'true',
      // Listed until the obligation is performed; retention runs from then.
      actEnded: "case when performance = 'PERFORMED' then coalesce(delisted_on, act_ended_on, decision_date) end",
      // SPC: a dishonest debtor is published until delisted (obligation performed, or the listing's own term over): no fixed term.
      publicityTerm: 'delisted_on',
      describe: (r) => `被${String(r.court)}列入失信被执行人名单（案号 ${String(r.caseNumber)}，列入日期 ${String(r.listedOn)}）：${String(r.dishonestConduct)}；履行情况：${String(r.performance)}`,
    },
  },
  courtJudgments: {
    recordType: 'CourtJudgment',
    table: 'court_judgments',
    ingest: {
      fields: {
        court: text({ max: 200 }),
        caseNumber: text({ max: 80 }),
        caseType: oneOf('CourtCaseType', values('CourtCaseType')),
        cause: text({ max: 200 }),
        role: text({ max: 20, pattern: ROLE }),
        amount: amount(),
        outcome: text({ max: 2000 }),
        enforcementStatus: oneOf('EnforcementStatus', values('EnforcementStatus')),
      },
      rules: [
        (r) => (r.caseType === 'ENFORCEMENT' && r.enforcementStatus === 'NOT_APPLICABLE' ? { field: 'enforcementStatus', reason: 'is NOT_APPLICABLE for an ENFORCEMENT case' } : null),
        (r) => (r.caseType === 'CIVIL_JUDGMENT' && typeof r.enforcementStatus === 'string' && r.enforcementStatus !== 'NOT_APPLICABLE' ? { field: 'enforcementStatus', reason: 'must be NOT_APPLICABLE for a CIVIL_JUDGMENT (enforcement is its own case)' } : null),
      ],
      // A judgment against the subject, or an enforcement case in which it is the party enforced against.
      negative: "role = 'DEFENDANT'",
      // A judgment's obligation ends when the court says it was performed (actEndedOn) or its enforcement concluded;
      // until then (in enforcement, terminated without assets, or a civil judgment with no performance recorded) it is kept.
      actEnded: "case when enforcement_status = 'CONCLUDED' then coalesce(act_ended_on, decision_date) else act_ended_on end",
      describe: (r) => `${String(r.court)}${String(r.caseType)}案件（案号 ${String(r.caseNumber)}，案由 ${String(r.cause)}）中作为 ${String(r.role)}，涉案金额 ${String(r.amount)} 元：${String(r.outcome)}`,
    },
  },
  assets: {
    recordType: 'AssetRecord',
    table: 'asset_records',
    ingest: {
      fields: {
        assetType: oneOf('AssetType', values('AssetType')),
        description: text({ max: 200 }),
        value: amount(),
      },
      // Assets and income are special data, never negative information.
      negative: 'false',
      describe: (r) => `${String(r.assetType)}：${String(r.description)}，价值 ${String(r.value)} 元`,
    },
  },
} as const satisfies Readonly<Record<string, RecordList>>;

/** Finance: credit accounts and guarantees reported by banks, court records, and (special) assets. */
export const financeSector = defineRecordSector({
  name: 'finance',
  dir: __dirname,
  lists: LISTS,
  // A credit report's summary shows the worst five-level classification among the accounts the caller sees.
  worstState: { list: 'creditAccounts', column: 'classification', order: values('LoanClassification') },
  // The credit summary: the open accounts, their balance, the overdue ones, beside the accounts' common figures.
  aggregates: CREDIT_SUMMARY_AGGREGATES,
  profileFields: {
    // It counts the accounts in force that any caller of the list may be served (visibility `all`),
    // read in the same statement as the fetch's pages.
    summary: async (profile, _args, context) => creditSummaryOf(profile.subjectCode, await context.records.figures(LISTS.creditAccounts, profile.subjectCode, 'all')),
  },
  migrations: [...migrationsIn(path.join(__dirname, 'migrations')), CREATE_RECORD_KEY_V1, recordLifeCycleV2(Object.values(LISTS).map((l) => l.table))],
  dataset: financeDataset,
});
