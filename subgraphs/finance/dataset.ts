import { Random, addMonths, addYears, addDays, DATASET_TODAY } from '../../shared/generator/random';
import { authority, bankBranch, BANKS } from '../../shared/generator/authorities';
import { envelope, withEnvelope, groupThousands, provinceAbbr, type TableRows, type Row } from '../../shared/generator/envelope';
import type { SubjectProfile } from '../../shared/generator/subjects';
import type { DatasetPlan } from '../../shared/seed';

/**
 * What a credit reference centre would hold about a subject: accounts reported by banks with their
 * five-level classification and repayment grid, guarantees, and court records (dishonest
 * judgment-debtor listings, judgments and enforcement). Riskier subjects have worse accounts and
 * more court records.
 */

type Classification = 'NORMAL' | 'SPECIAL_MENTION' | 'SUBSTANDARD' | 'DOUBTFUL' | 'LOSS';
const BUCKETS = ['CURRENT', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7_PLUS'] as const;

function classificationFor(subject: SubjectProfile, r: Random): Classification {
  switch (subject.risk) {
    case 'CLEAN':
      return r.chance(0.97) ? 'NORMAL' : 'SPECIAL_MENTION';
    case 'MODERATE':
      return r.weighted<Classification>([['NORMAL', 55], ['SPECIAL_MENTION', 30], ['SUBSTANDARD', 15]]);
    case 'HIGH':
      return r.weighted<Classification>([['SPECIAL_MENTION', 20], ['SUBSTANDARD', 30], ['DOUBTFUL', 30], ['LOSS', 20]]);
    default: {
      const unreachable: never = subject.risk;
      throw new Error(`unknown risk ${String(unreachable)}`);
    }
  }
}

/**
 * The 24-month repayment grid, oldest month first: `N` paid on time, `1`-`7` months overdue, `D`
 * guarantor repaid, `Z` repaid by offsetting, `C` closed, `G` ended otherwise, `#` unknown / before
 * the account opened.
 */
function repaymentGrid(monthsOpen: number, bucketIndex: number, closed: boolean, r: Random): string {
  const cells: string[] = [];
  for (let m = 0; m < 24; m += 1) {
    const monthsAgo = 23 - m;
    if (monthsAgo >= monthsOpen) cells.push('#');
    else if (closed && monthsAgo === 0) cells.push('C');
    else if (bucketIndex > 0 && monthsAgo < bucketIndex) cells.push(String(Math.min(7, bucketIndex - monthsAgo)));
    else if (bucketIndex > 0 && r.chance(0.1)) cells.push('1');
    else cells.push('N');
  }
  return cells.join('');
}

function creditAccounts(subject: SubjectProfile, r: Random): Row[] {
  const isPerson = subject.kind === 'NATURAL_PERSON';
  const count = subject.index === 0 ? 4 : isPerson ? r.int(0, 3) : r.int(subject.risk === 'CLEAN' ? 0 : 1, 4);
  const rows: Row[] = [];
  for (let i = 0; i < count; i += 1) {
    const bank = bankBranch(r.pick(BANKS), subject.division);
    const type = isPerson
      ? r.weighted([['CREDIT_CARD', 60], ['MORTGAGE', 25], ['LOAN', 15]] as const)
      : r.weighted([['LOAN', 75], ['FINANCIAL_LEASE', 15], ['CREDIT_CARD', 10]] as const);
    const openedOn = r.date('2016-01-01', addMonths(DATASET_TODAY, -2));
    const termYears = type === 'MORTGAGE' ? 20 : type === 'CREDIT_CARD' ? 0 : r.int(1, 5);
    const amount = type === 'CREDIT_CARD' ? r.int(1, 20) * 10_000 : isPerson ? r.int(10, 300) * 10_000 : r.int(50, 5_000) * 10_000;
    const classification = subject.index === 0 && i === 0 ? 'DOUBTFUL' : classificationFor(subject, r);
    const bucketIndex =
      classification === 'NORMAL' ? 0 : classification === 'SPECIAL_MENTION' ? r.int(0, 1) : Math.min(7, r.int(2, 3) + ['SUBSTANDARD', 'DOUBTFUL', 'LOSS'].indexOf(classification) * 2);
    const monthsOpen = Math.max(1, Math.round((Date.parse(DATASET_TODAY) - Date.parse(openedOn)) / (30.4 * 86_400_000)));
    const dueOn = termYears > 0 ? addYears(openedOn, termYears) : null;
    const closed = classification === 'NORMAL' && dueOn !== null && dueOn < DATASET_TODAY;
    const status = closed ? 'CLOSED' : classification === 'LOSS' && r.chance(0.4) ? 'WRITTEN_OFF' : 'OPEN';
    const balance = status === 'CLOSED' ? 0 : Math.round(amount * (0.2 + r.next() * 0.8));
    rows.push(withEnvelope(envelope(subject.code, bank, `${bank.code.slice(8, 16)}-${openedOn.replaceAll('-', '')}-${r.digits(6)}`, openedOn, {
        actEndedOn: closed ? dueOn : null,
      }), {
      institution_name: bank.name,
      account_type: type,
      amount: amount.toFixed(2),
      balance: balance.toFixed(2),
      classification,
      overdue_bucket: BUCKETS[bucketIndex] as string,
      opened_on: openedOn,
      due_on: dueOn,
      repayment_grid: repaymentGrid(monthsOpen, bucketIndex, status === 'CLOSED', r),
      status,
    }));
  }
  return rows;
}

function guarantees(subject: SubjectProfile, r: Random): Row[] {
  if (subject.kind === 'NATURAL_PERSON' || subject.kind === 'INDIVIDUAL_BUSINESS') return [];
  const count = subject.index === 0 ? 2 : r.chance(0.3) ? r.int(1, 2) : 0;
  const rows: Row[] = [];
  for (let i = 0; i < count; i += 1) {
    const bank = bankBranch(r.pick(BANKS), subject.division);
    const startsOn = r.date('2018-01-01', addMonths(DATASET_TODAY, -3));
    const endsOn = addYears(startsOn, r.int(1, 5));
    const called = subject.risk === 'HIGH' && r.chance(0.5);
    rows.push(withEnvelope(envelope(subject.code, bank, `DB${startsOn.slice(0, 4)}${r.digits(8)}`, startsOn, { actEndedOn: endsOn < DATASET_TODAY ? endsOn : null }), {
      creditor_name: bank.name,
      debtor_name: `${subject.division.city.replace(/市$/, '')}${r.pick(['宏达', '恒信', '远通', '瑞丰', '锦程'])}${r.pick(['贸易', '实业', '科技'])}有限公司`,
      guarantee_type: r.pick(['GENERAL', 'JOINT_AND_SEVERAL', 'MORTGAGE', 'PLEDGE']),
      amount: (r.int(100, 3_000) * 10_000).toFixed(2),
      starts_on: startsOn,
      ends_on: endsOn,
      status: called ? 'CALLED' : endsOn < DATASET_TODAY ? 'RELEASED' : 'ACTIVE',
    }));
  }
  return rows;
}

function caseNumber(subject: SubjectProfile, year: string, kind: '执' | '民初', r: Random): string {
  return `（${year}）${provinceAbbr(subject.division.province)}${subject.division.code.slice(2, 6)}${kind}${r.int(100, 29_999)}号`;
}

function dishonestDebtorListings(subject: SubjectProfile, r: Random): Row[] {
  const p = subject.index === 0 ? 1 : subject.risk === 'HIGH' ? 0.6 : subject.risk === 'MODERATE' ? 0.04 : 0;
  if (!r.chance(p)) return [];
  const court = authority('COURT', subject.division);
  const listedOn = r.date('2019-01-01', addMonths(DATASET_TODAY, -1));
  const performance = subject.index === 0 ? 'UNPERFORMED' : r.weighted([['UNPERFORMED', 70], ['PARTIALLY_PERFORMED', 15], ['PERFORMED', 15]] as const);
  const delistedOn = performance === 'PERFORMED' ? addDays(listedOn, r.int(60, 700)) : null;
  const amount = r.int(5, 900) * 10_000;
  return [
    withEnvelope(envelope(subject.code, court, caseNumber(subject, listedOn.slice(0, 4), '执', r), listedOn, {
        actEndedOn: delistedOn,
        // A dishonest judgment-debtor stays public until the obligation is performed.
        publicityEndsOn: delistedOn,
      }), {
      court: court.name,
      case_number: caseNumber(subject, String(Number(listedOn.slice(0, 4)) - 1), '民初', r),
      obligation: `支付货款及利息共计人民币${groupThousands(amount)}元`,
      performance,
      dishonest_conduct: r.pick(['有履行能力而拒不履行生效法律文书确定义务', '违反财产报告制度', '违反限制消费令', '以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行']),
      listed_on: listedOn,
      delisted_on: delistedOn,
    }),
  ];
}

function courtJudgments(subject: SubjectProfile, r: Random): Row[] {
  const p = subject.index === 0 ? 1 : subject.risk === 'HIGH' ? 0.7 : subject.risk === 'MODERATE' ? 0.2 : 0.03;
  if (!r.chance(p)) return [];
  const count = subject.index === 0 ? 2 : r.int(1, 2);
  const rows: Row[] = [];
  for (let i = 0; i < count; i += 1) {
    const court = authority('COURT', subject.division);
    const decided = r.date('2017-01-01', addMonths(DATASET_TODAY, -1));
    const enforcement = subject.risk === 'HIGH' && (i > 0 || r.chance(0.5));
    const amount = r.int(2, 2_000) * 10_000;
    const number = caseNumber(subject, decided.slice(0, 4), enforcement ? '执' : '民初', r);
    rows.push(withEnvelope(envelope(subject.code, court, number, decided), {
      court: court.name,
      case_number: number,
      case_type: enforcement ? 'ENFORCEMENT' : 'CIVIL_JUDGMENT',
      cause: r.pick(['买卖合同纠纷', '金融借款合同纠纷', '民间借贷纠纷', '建设工程施工合同纠纷', '租赁合同纠纷', '劳动争议']),
      role: subject.risk === 'CLEAN' || r.chance(0.2) ? 'PLAINTIFF' : 'DEFENDANT',
      amount: amount.toFixed(2),
      outcome: enforcement ? '被执行人应履行给付义务' : r.pick(['判决被告支付原告款项及利息', '驳回原告诉讼请求', '调解结案']),
      enforcement_status: enforcement ? r.pick(['IN_ENFORCEMENT', 'CONCLUDED', 'TERMINATED_NO_ASSETS']) : 'NOT_APPLICABLE',
    }));
  }
  return rows;
}

/**
 * Assets and income (SPECIAL): registered real estate and vehicles, deposits, equity holdings and
 * declared annual income. Drawn from their own random stream, so the other tables stay as they were.
 */
function assetRecords(subject: SubjectProfile, r: Random): Row[] {
  const isPerson = subject.kind === 'NATURAL_PERSON';
  const count = subject.index === 0 ? 3 : r.int(0, 3);
  const rows: Row[] = [];
  for (let i = 0; i < count; i += 1) {
    const type =
      subject.index === 0
        ? (['REAL_ESTATE', 'DEPOSIT', 'EQUITY'] as const)[i] ?? 'DEPOSIT'
        : isPerson
          ? r.weighted([['REAL_ESTATE', 30], ['VEHICLE', 20], ['DEPOSIT', 20], ['ANNUAL_INCOME', 30]] as const)
          : r.weighted([['REAL_ESTATE', 35], ['DEPOSIT', 35], ['EQUITY', 30]] as const);
    const registeredOn = r.date('2015-01-01', DATASET_TODAY);
    const source = type === 'DEPOSIT' ? bankBranch(r.pick(BANKS), subject.division) : type === 'ANNUAL_INCOME' ? authority('TAX', subject.division) : authority(type === 'REAL_ESTATE' ? 'HOUSING' : 'MARKET_REGULATION', subject.division);
    const scale = isPerson ? 10_000 : 1_000_000;
    const value = r.int(5, 500) * scale;
    const description = {
      REAL_ESTATE: `${provinceAbbr(subject.division.province)}不动产权第${r.digits(7)}号，${r.int(60, 3_000)}平方米`,
      VEHICLE: `机动车登记 ${provinceAbbr(subject.division.province)}${r.pick(['A', 'B', 'C', 'D'])}${r.digits(5)}`,
      DEPOSIT: `${source.name}账户余额`,
      EQUITY: `持有${r.int(5, 100)}%股权，认缴${groupThousands(value)}元`,
      ANNUAL_INCOME: `${registeredOn.slice(0, 4)}年度综合所得`,
    }[type];
    rows.push(withEnvelope(envelope(subject.code, source, null, registeredOn), {
      asset_type: type,
      description,
      value: value.toFixed(2),
    }));
  }
  return rows;
}

export const financeDataset: DatasetPlan = {
  tables: ['credit_accounts', 'guarantees', 'dishonest_debtor_listings', 'court_judgments', 'asset_records'],
  rowsFor(subject: SubjectProfile, seed: number): TableRows {
    const r = new Random(seed, subject.index, 'finance');
    return {
      credit_accounts: creditAccounts(subject, r),
      guarantees: guarantees(subject, r),
      dishonest_debtor_listings: dishonestDebtorListings(subject, r),
      court_judgments: courtJudgments(subject, r),
      asset_records: assetRecords(subject, new Random(seed, subject.index, 'finance.assets')),
    };
  },
};
