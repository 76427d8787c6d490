import path from 'node:path';
import { defineRecordSector } from '../../shared/subgraph/sector';
import { enumValues } from '../../shared/subgraph/sdl';
import { WHILE_PUBLICITY_LASTS, type RecordList } from '../../shared/records';
import { CREATE_RECORD_KEY_V1 } from '../../shared/migrations/v1';
import { recordLifeCycleV2 } from '../../shared/migrations/v2';
import { migrationsIn } from '../../shared/migrations/folder';
import { amount, date, integer, oneOf, text, type FieldKind } from '../../shared/ingest/fields';
import { inOrder, type RowRule } from '../../shared/ingest/spec';
import { GENERAL_PENALTY_TERM } from '../../shared/recourse/repair';
import { healthcareDataset } from './dataset';

const values = (enumName: string) => enumValues(__dirname, enumName);

/**
 * A list of texts stored as JSON (`[String!]!`: a licence's departments, a score's reasons): each
 * entry checked as `text({ max: itemMax })`. In CSV the cell holds the list as JSON text.
 */
function textList(options: { readonly min?: number; readonly max: number; readonly itemMax: number }): FieldKind {
  const item = text({ max: options.itemMax });
  const min = options.min ?? 0;
  return {
    graphql: '[String!]!',
    sqlType: 'jsonb',
    required: true,
    parse(value, source) {
      let list = value;
      if (source === 'csv' && typeof value === 'string') {
        try {
          list = JSON.parse(value);
        } catch {
          return { ok: false, reason: 'must be a JSON list in this CSV cell' };
        }
      }
      if (!Array.isArray(list)) return { ok: false, reason: 'must be a list of texts' };
      if (list.length < min || list.length > options.max) return { ok: false, reason: `must hold ${min} to ${options.max} entries, got ${list.length}` };
      const items: unknown[] = [];
      for (const [i, entry] of list.entries()) {
        const parsed = item.parse(entry, 'json');
        if (!parsed.ok) return { ok: false, reason: `entry ${i + 1} ${parsed.reason}` };
        items.push(parsed.value);
      }
      return { ok: true, value: JSON.stringify(items) };
    },
  };
}

const CAPITALS_AND_DIGITS = { regex: /^[0-9A-Z]+$/, description: 'digits and capital letters' };
/** SAMR penalty publicity Art. 13: a light penalty (a warning: no fine, no suspension) 3 months, others 3 years. */
const FUND_VIOLATION_TERM = `case when fine_amount = 0 and suspended_months = 0 then decision_date + interval '3 months' else decision_date + interval '3 years' end`;

const yearOf = (day: unknown) => (typeof day === 'string' ? Number(day.slice(0, 4)) : null);

/** A period `2019-2021` runs forward and ended no later than the year of its decision. */
const periodInOrder: RowRule<Record<string, unknown>> = (r) => {
  if (typeof r.period !== 'string') return null;
  const [from, to] = r.period.split('-').map(Number) as [number, number];
  if (to < from) return { field: 'period', reason: `ends before it starts (${r.period})` };
  const decided = yearOf(r.decisionDate);
  if (decided !== null && to > decided) return { field: 'period', reason: `ends after the decision's year (${r.decisionDate as string})` };
  return null;
};

/** The fine is the multiple of the amount recovered (to the fen); no multiple, no fine. */
const fineIsTheMultiple: RowRule<Record<string, unknown>> = (r) => {
  const { recoveredAmount, fineMultiple, fineAmount } = r;
  if (typeof fineMultiple !== 'string') return null;
  const multiple = Number(fineMultiple);
  if (!/^\d+(\.\d)?$/.test(fineMultiple) || (multiple !== 0 && (multiple < 2 || multiple > 5))) {
    return { field: 'fineMultiple', reason: `must be 0 (no fine) or from 2 to 5 with at most one decimal, got ${fineMultiple}` };
  }
  if (typeof recoveredAmount === 'string' && typeof fineAmount === 'string' && Math.abs(Number(recoveredAmount) * multiple - Number(fineAmount)) > 0.01) {
    return { field: 'fineAmount', reason: `is not ${fineMultiple} times the amount recovered (${recoveredAmount})` };
  }
  return null;
};

/** 12 points deducted in a year ends the payment qualification; a terminated one has them. */
const twelvePointsTerminate: RowRule<Record<string, unknown>> = (r) => {
  if (typeof r.pointsDeducted !== 'number' || typeof r.paymentQualification !== 'string') return null;
  if (r.pointsDeducted >= 12 && r.paymentQualification !== 'TERMINATED') {
    return { field: 'paymentQualification', reason: `must be TERMINATED at ${r.pointsDeducted} points deducted (12 or more end it)` };
  }
  if (r.pointsDeducted < 12 && r.paymentQualification === 'TERMINATED') {
    return { field: 'paymentQualification', reason: `is TERMINATED with ${r.pointsDeducted} points deducted (12 end it)` };
  }
  return null;
};

const scoreYearNotAfterDecision: RowRule<Record<string, unknown>> = (r) => {
  const decided = yearOf(r.decisionDate);
  return typeof r.year === 'number' && decided !== null && r.year > decided ? { field: 'year', reason: `is after the decision's year (${r.decisionDate as string})` } : null;
};

const LISTS = {
  practiceLicences: {
    recordType: 'PracticeLicence',
    table: 'practice_licences',
    ingest: {
      fields: {
        licenceNumber: text({ max: 40, pattern: CAPITALS_AND_DIGITS }),
        institutionType: oneOf('InstitutionType', values('InstitutionType')),
        hospitalGrade: text({ max: 20, required: false }),
        beds: integer({ min: 0, max: 20_000 }),
        departments: textList({ min: 1, max: 60, itemMax: 40 }),
        validUntil: date(),
      },
      rules: [inOrder('decisionDate', 'validUntil')],
      // A licence carries no state of its own: a revocation is a penalty, not this record.
      negative: 'false',
      describe: (r) => `医疗机构执业许可证 ${String(r.licenceNumber)}（${String(r.institutionType)}，有效期至 ${String(r.validUntil)}）`,
    },
  },
  physicianRegistrations: {
    recordType: 'PhysicianRegistration',
    table: 'physician_registrations',
    ingest: {
      fields: {
        registrationNumber: text({ max: 40, pattern: CAPITALS_AND_DIGITS }),
        category: oneOf('PhysicianCategory', values('PhysicianCategory')),
        practiceScope: text({ max: 100 }),
        institutionName: text({ max: 200 }),
        status: oneOf('RegistrationStatus', values('RegistrationStatus')),
      },
      // A registration suspended or cancelled (暂停执业, 注销注册) is negative information.
      negative: "status in ('SUSPENDED', 'CANCELLED')",
      describe: (r) => `医师执业注册（编号 ${String(r.registrationNumber)}，${String(r.institutionName)}）状态：${String(r.status)}`,
    },
  },
  periodicAssessments: {
    recordType: 'PeriodicAssessment',
    table: 'periodic_assessments',
    ingest: {
      fields: {
        period: text({ max: 20, pattern: { regex: /^\d{4}-\d{4}$/, description: 'two years, e.g. 2022-2024' } }),
        result: oneOf('AssessmentResult', values('AssessmentResult')),
      },
      rules: [periodInOrder],
      // A failed periodic assessment (定期考核不合格) is negative information.
      negative: "result = 'UNQUALIFIED'",
      describe: (r) => `医师定期考核（${String(r.period)}）结果：${String(r.result)}`,
    },
  },
  insuranceStaffScores: {
    recordType: 'InsuranceStaffScore',
    table: 'insurance_staff_scores',
    ingest: {
      fields: {
        year: integer({ min: 2019, max: 2199 }),
        pointsDeducted: integer({ min: 0, max: 99 }),
        paymentQualification: oneOf('PaymentQualification', values('PaymentQualification')),
        reasons: textList({ max: 20, itemMax: 200 }),
      },
      rules: [scoreYearNotAfterDecision, twelvePointsTerminate],
      // 12 points deducted end the qualification to be paid by the fund: negative information.
      negative: "payment_qualification = 'TERMINATED'",
      describe: (r) => `${String(r.year)} 年度医保支付资格记分 ${String(r.pointsDeducted)} 分，支付资格：${String(r.paymentQualification)}`,
    },
  },
  insuranceFundViolations: {
    recordType: 'InsuranceFundViolation',
    table: 'insurance_fund_violations',
    publicWhen: WHILE_PUBLICITY_LASTS,
    repair: {
      ...GENERAL_PENALTY_TERM,
      refusals: [{ sql: 'suspended_months > 0', reason: 'a suspension of fund settlement (暂停医保结算) is a business suspension, never repaired (SAMR penalty publicity Art. 14)' }],
    },
    ingest: {
      fields: {
        violation: text({ max: 500 }),
        recoveredAmount: amount(),
        fineMultiple: amount(),
        fineAmount: amount(),
        suspendedMonths: integer({ min: 0, max: 12 }),
      },
      rules: [inOrder('actEndedOn', 'decisionDate'), fineIsTheMultiple],
      negative: 'true',
      publicityTerm: FUND_VIOLATION_TERM,
      describe: (r) => `医保基金违法违规：${String(r.violation)}，追回 ${String(r.recoveredAmount)} 元，罚款 ${String(r.fineAmount)} 元，暂停结算 ${String(r.suspendedMonths)} 个月`,
    },
  },
  clinicalRecords: {
    recordType: 'ClinicalRecord',
    table: 'clinical_records',
    ingest: {
      fields: {
        institutionName: text({ max: 200 }),
        visitType: oneOf('VisitType', values('VisitType')),
        diagnosisChapter: text({ max: 60 }),
      },
      // Special data (CIR Art. 14), never negative information: no notice, no retention end.
      negative: 'false',
      describe: (r) => `${String(r.institutionName)}就诊记录（${String(r.visitType)}）`,
    },
  },
} as const satisfies Readonly<Record<string, RecordList>>;

/** Healthcare: licences, physicians, assessments, medical-insurance conduct and (special) clinical records. */
export const healthcareSector = defineRecordSector({
  name: 'healthcare',
  dir: __dirname,
  lists: LISTS,
  migrations: [...migrationsIn(path.join(__dirname, 'migrations')), CREATE_RECORD_KEY_V1, recordLifeCycleV2(Object.values(LISTS).map((l) => l.table))],
  dataset: healthcareDataset,
});
