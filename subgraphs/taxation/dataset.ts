import { Random, addDays, addYears, addMonths, DATASET_TODAY } from '../../shared/generator/random';
import { authority } from '../../shared/generator/authorities';
import { envelope, withEnvelope, groupThousands, provinceAbbr, type Row, type TableRows } from '../../shared/generator/envelope';
import { personName, type SubjectProfile } from '../../shared/generator/subjects';
import type { DatasetPlan } from '../../shared/seed';

/**
 * What tax authorities hold: registrations, annual tax credit grades, arrears announcements, major
 * tax violations (published for three years, STA Order 54) and tax penalties.
 */

type Grade = 'A' | 'B' | 'M' | 'C' | 'D';

function gradeFor(subject: SubjectProfile, year: number, r: Random): Grade {
  if (subject.index === 1) return 'A';
  if (subject.index === 0) return year >= 2023 ? 'D' : 'C';
  switch (subject.risk) {
    case 'CLEAN':
      return r.weighted<Grade>([['A', 40], ['B', 50], ['M', 10]]);
    case 'MODERATE':
      return r.weighted<Grade>([['B', 50], ['M', 20], ['C', 30]]);
    case 'HIGH':
      return r.weighted<Grade>([['C', 40], ['D', 60]]);
    default: {
      const unreachable: never = subject.risk;
      throw new Error(`unknown risk ${String(unreachable)}`);
    }
  }
}

function scoreFor(grade: Grade, r: Random): number {
  switch (grade) {
    case 'A':
      return r.int(90, 100);
    case 'B':
      return r.int(70, 89);
    case 'M':
      return r.int(70, 89);
    case 'C':
      return r.int(40, 69);
    case 'D':
      return r.int(0, 39);
    default: {
      const unreachable: never = grade;
      throw new Error(`unknown grade ${String(unreachable)}`);
    }
  }
}

const TAX_TYPES = ['增值税', '企业所得税', '个人所得税', '城市维护建设税', '印花税', '房产税'];

function docNumber(subject: SubjectProfile, kind: string, date: string, r: Random): string {
  return `${provinceAbbr(subject.division.province)}税${subject.division.code.slice(4, 6)}${kind}〔${date.slice(0, 4)}〕${r.int(1, 9999)}号`;
}

function rowsFor(subject: SubjectProfile, r: Random): TableRows {
  const empty: TableRows = { tax_registrations: [], tax_credit_ratings: [], tax_arrears_notices: [], major_tax_violations: [], tax_penalties: [] };
  if (subject.kind === 'NATURAL_PERSON') return empty;
  const bureau = authority('TAX', subject.division);
  const registeredOn = addDays(subject.establishedOn, r.int(5, 30));
  const deregistered = subject.risk === 'HIGH' && subject.index > 4 && r.chance(0.1);
  const registrations: Row[] = [
    withEnvelope(envelope(subject.code, bureau, `${bureau.code.slice(2, 8)}税登${registeredOn.slice(0, 4)}${r.digits(6)}`, registeredOn), {
      taxpayer_identification_number: subject.code,
      taxpayer_type:
        subject.kind === 'INDIVIDUAL_BUSINESS' ? 'INDIVIDUAL_TAXPAYER' : r.chance(0.6) || subject.index < 3 ? 'GENERAL_VAT_TAXPAYER' : 'SMALL_SCALE_TAXPAYER',
      registered_on: registeredOn,
      status: deregistered ? 'DEREGISTERED' : subject.risk === 'HIGH' && r.chance(0.3) ? 'NON_FILING' : 'NORMAL',
    }),
  ];

  const ratings: Row[] = [];
  const firstYear = Math.max(2021, Number(registeredOn.slice(0, 4)) + 1);
  for (let year = firstYear; year <= 2025; year += 1) {
    const grade = gradeFor(subject, year, r);
    const published = `${year + 1}-04-${String(r.int(10, 28)).padStart(2, '0')}`;
    ratings.push(withEnvelope(envelope(subject.code, bureau, docNumber(subject, '信评', published, r), published), {
      year,
      grade,
      score: scoreFor(grade, r),
    }));
  }

  const arrears: Row[] = [];
  const arrearsP = subject.index === 0 ? 1 : subject.risk === 'HIGH' ? 0.6 : subject.risk === 'MODERATE' ? 0.1 : 0.01;
  if (r.chance(arrearsP)) {
    const count = subject.index === 0 ? 2 : r.int(1, 2);
    for (let i = 0; i < count; i += 1) {
      const periodEnd = r.date('2021-01-01', addMonths(DATASET_TODAY, -3));
      const announced = addDays(periodEnd, r.int(30, 120));
      const status = subject.index === 0 ? 'OUTSTANDING' : r.weighted([['OUTSTANDING', 60], ['PARTIALLY_PAID', 20], ['PAID', 20]] as const);
      arrears.push(withEnvelope(envelope(subject.code, bureau, docNumber(subject, '欠告', announced, r), announced, {
          actEndedOn: status === 'PAID' ? addDays(announced, r.int(10, 200)) : null,
        }), {
        tax_type: r.pick(TAX_TYPES),
        amount_owed: (r.int(1, 800) * 1_000 + r.int(0, 99) / 100).toFixed(2),
        period_start: addMonths(periodEnd, -3),
        period_end: periodEnd,
        status,
      }));
    }
  }

  const violations: Row[] = [];
  const violationP = subject.index === 0 ? 1 : subject.risk === 'HIGH' ? 0.25 : 0;
  if (r.chance(violationP)) {
    const decided = subject.index === 0 ? '2024-09-12' : r.date('2020-01-01', addMonths(DATASET_TODAY, -2));
    const amount = r.int(100, 5_000) * 1_000;
    violations.push(withEnvelope(envelope(subject.code, bureau, docNumber(subject, '稽罚', decided, r), decided, {
        actEndedOn: addDays(decided, -r.int(60, 400)),
        // Major tax violators are announced for three years from the decision (STA Order 54).
        publicityEndsOn: addYears(decided, 3),
      }), {
      case_nature: r.pick(['偷税', '虚开增值税专用发票', '逃避追缴欠税', '骗取出口退税']),
      facts: `经检查，该单位${decided.slice(0, 4)}年度通过少列收入、虚列成本等方式少缴税款${groupThousands(amount)}元。`,
      legal_basis: '《中华人民共和国税收征收管理法》第六十三条',
      penalty: `追缴税款${groupThousands(amount)}元，加收滞纳金，并处少缴税款${r.pick(['0.5', '1', '2'])}倍罚款`,
      amount_involved: amount.toFixed(2),
      responsible_persons: JSON.stringify([
        ...(subject.legalRepresentative ? [{ name: subject.legalRepresentative.name, role: 'LEGAL_REPRESENTATIVE' }] : []),
        { name: personName(r), role: 'FINANCE_OFFICER' },
      ]),
    }));
  }

  const penalties: Row[] = [];
  const penaltyP = subject.index === 0 ? 1 : subject.risk === 'HIGH' ? 0.5 : subject.risk === 'MODERATE' ? 0.25 : 0.04;
  if (r.chance(penaltyP)) {
    const decided = r.date('2020-01-01', addMonths(DATASET_TODAY, -1));
    const light = r.chance(0.6);
    penalties.push(withEnvelope(envelope(subject.code, bureau, docNumber(subject, '罚', decided, r), decided, {
        // Penalty publicity: light ones 3 months, others 3 years (Outline; SAMR rules by analogy).
        publicityEndsOn: light ? addMonths(decided, 3) : addYears(decided, 3),
      }), {
      violation: light ? r.pick(['未按照规定期限办理纳税申报', '未按规定保管发票']) : r.pick(['未按规定开具发票', '偷税']),
      penalty_type: light ? 'FINE' : r.pick(['FINE', 'CONFISCATION', 'SUSPENSION_OF_INVOICES']),
      fine_amount: (light ? r.int(2, 20) * 100 : r.int(10, 500) * 1_000).toFixed(2),
      legal_basis: light ? '《中华人民共和国税收征收管理法》第六十二条' : '《中华人民共和国税收征收管理法》第六十三条',
    }));
  }

  return {
    tax_registrations: registrations,
    tax_credit_ratings: ratings,
    tax_arrears_notices: arrears,
    major_tax_violations: violations,
    tax_penalties: penalties,
  };
}

export const taxationDataset: DatasetPlan = {
  tables: ['tax_registrations', 'tax_credit_ratings', 'tax_arrears_notices', 'major_tax_violations', 'tax_penalties'],
  rowsFor: (subject, seed) => rowsFor(subject, new Random(seed, subject.index, 'taxation')),
};
