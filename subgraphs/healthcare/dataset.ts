import { Random, addYears, addMonths, DATASET_TODAY } from '../../shared/generator/random';
import { authority } from '../../shared/generator/authorities';
import { envelope, withEnvelope, provinceAbbr, type Row, type TableRows } from '../../shared/generator/envelope';
import type { SubjectProfile } from '../../shared/generator/subjects';
import type { DatasetPlan } from '../../shared/seed';

/**
 * Health commission and medical-insurance records: institution licences, physician registrations
 * and assessments, insurance practice scores (12 points ends payment qualification) and
 * insurance-fund violations (recovery plus a 2-5x fine, possibly suspension).
 */

const DEPARTMENTS = ['内科', '外科', '妇产科', '儿科', '急诊医学科', '眼科', '耳鼻咽喉科', '口腔科', '皮肤科', '医学检验科', '医学影像科', '中医科', '康复医学科'];

const FUND_VIOLATIONS = [
  '分解住院、挂床住院',
  '串换药品、医用耗材、诊疗项目和服务设施',
  '虚构医药服务项目',
  '超标准收费、重复收费',
  '为参保人员利用其享受医疗保障待遇的机会转卖药品提供帮助',
];

const TABLES = ['practice_licences', 'physician_registrations', 'periodic_assessments', 'insurance_staff_scores', 'insurance_fund_violations', 'clinical_records'] as const;

/** Chapters of the diagnosis classification: as coarse as a clinical record gets here. */
const DIAGNOSIS_CHAPTERS = ['循环系统疾病', '呼吸系统疾病', '消化系统疾病', '肌肉骨骼系统和结缔组织疾病', '内分泌、营养和代谢疾病', '损伤、中毒和外因的某些其他后果'];
type HealthcareRows = Record<(typeof TABLES)[number], Row[]>;

const SCORE_REASONS = ['超医保支付范围开具药品', '不合理检查', '违规使用他人医保凭证结算', '病历记录与收费不符'];

function institutionType(subject: SubjectProfile, r: Random): string {
  if (subject.industry === 'PHARMACY') return 'PHARMACY';
  if (subject.name.includes('中医')) return 'TCM_HOSPITAL';
  if (subject.name.includes('妇幼')) return 'MATERNAL_AND_CHILD_HOSPITAL';
  if (subject.name.includes('口腔')) return 'STOMATOLOGICAL_HOSPITAL';
  if (subject.name.includes('社区')) return 'COMMUNITY_HEALTH_CENTRE';
  return subject.industry === 'CONGLOMERATE' || r.chance(0.7) ? 'GENERAL_HOSPITAL' : 'CLINIC';
}

function institutionRows(subject: SubjectProfile, r: Random, out: HealthcareRows): void {
  const health = authority('HEALTH', subject.division);
  const insurance = authority('MEDICAL_INSURANCE', subject.division);
  const abbr = provinceAbbr(subject.division.province);
  const type = institutionType(subject, r);
  const issued = r.date('2019-01-01', addMonths(DATASET_TODAY, -2));
  if (type !== 'PHARMACY') {
    const hospital = type.endsWith('HOSPITAL');
    const beds = type === 'CLINIC' ? 0 : type === 'COMMUNITY_HEALTH_CENTRE' ? r.int(20, 80) : r.int(100, 1500);
    const departments = [...DEPARTMENTS].sort(() => r.next() - 0.5).slice(0, hospital ? r.int(6, 12) : r.int(2, 4));
    out.practice_licences.push(withEnvelope(envelope(subject.code, health, `PDY${r.digits(8)}${subject.division.code}${r.digits(5)}`, issued), {
      licence_number: `PDY${r.digits(8)}${subject.division.code}${r.digits(5)}`,
      institution_type: type,
      hospital_grade: hospital ? (beds > 800 ? '三级甲等' : beds > 300 ? '二级甲等' : '一级') : null,
      beds,
      departments: JSON.stringify(departments),
      valid_until: addYears(issued, 5),
    }));
  }
  const p = subject.index === 0 || subject.index === 2 ? 1 : subject.risk === 'HIGH' ? 0.6 : subject.risk === 'MODERATE' ? 0.25 : 0.02;
  if (r.chance(p)) {
    const decided = r.date('2020-01-01', addMonths(DATASET_TODAY, -1));
    const recovered = r.int(5, 3_000) * 1_000;
    const multiple = r.pick([2, 2, 3, 4, 5]);
    out.insurance_fund_violations.push(withEnvelope(envelope(subject.code, insurance, `${abbr}医保罚〔${decided.slice(0, 4)}〕${r.int(1, 400)}号`, decided, {
        actEndedOn: addMonths(decided, -r.int(2, 12)),
        publicityEndsOn: addYears(decided, 3),
      }), {
      violation: r.pick(FUND_VIOLATIONS),
      recovered_amount: recovered.toFixed(2),
      fine_multiple: multiple.toFixed(1),
      fine_amount: (recovered * multiple).toFixed(2),
      suspended_months: subject.risk === 'HIGH' ? r.pick([0, 3, 6, 12]) : 0,
    }));
  }
}

function physicianRows(subject: SubjectProfile, r: Random, out: HealthcareRows): void {
  const health = authority('HEALTH', subject.division);
  const insurance = authority('MEDICAL_INSURANCE', subject.division);
  const registered = r.date('2008-01-01', addMonths(DATASET_TODAY, -12));
  const category = r.weighted([['CLINICAL', 70], ['TRADITIONAL_CHINESE_MEDICINE', 15], ['DENTAL', 10], ['PUBLIC_HEALTH', 5]] as const);
  const pointsTotal = subject.index === 3 ? 9 : subject.risk === 'HIGH' ? r.int(6, 12) : subject.risk === 'MODERATE' ? r.int(1, 6) : 0;
  out.physician_registrations.push(withEnvelope(envelope(subject.code, health, `${r.digits(15)}`, registered), {
    registration_number: r.digits(15),
    category,
    practice_scope: category === 'CLINICAL' ? r.pick(['内科专业', '外科专业', '儿科专业', '妇产科专业']) : category === 'DENTAL' ? '口腔专业' : category === 'PUBLIC_HEALTH' ? '公共卫生类别专业' : '中医专业',
    institution_name: `${subject.division.city}${subject.division.district}${r.pick(['人民医院', '中医医院', '社区卫生服务中心'])}`,
    status: pointsTotal >= 12 ? 'SUSPENDED' : 'REGISTERED',
  }));
  for (const period of ['2019-2021', '2022-2024']) {
    if (Number(period.slice(0, 4)) < Number(registered.slice(0, 4))) continue;
    const decided = `${Number(period.slice(5)) + 1}-03-${String(r.int(1, 28)).padStart(2, '0')}`;
    out.periodic_assessments.push(withEnvelope(envelope(subject.code, health, null, decided), {
      period,
      result: subject.risk === 'HIGH' && r.chance(0.4) ? 'UNQUALIFIED' : subject.risk === 'MODERATE' && r.chance(0.3) ? 'BASICALLY_QUALIFIED' : 'QUALIFIED',
    }));
  }
  if (pointsTotal > 0) {
    const year = 2025;
    const reasons = Array.from({ length: Math.min(3, Math.ceil(pointsTotal / 4)) }, () => r.pick(SCORE_REASONS));
    out.insurance_staff_scores.push(withEnvelope(envelope(subject.code, insurance, null, `${year}-12-31`), {
      year,
      points_deducted: pointsTotal,
      payment_qualification: pointsTotal >= 12 ? 'TERMINATED' : pointsTotal >= 9 ? 'SUSPENDED' : 'ACTIVE',
      reasons: JSON.stringify([...new Set(reasons)]),
    }));
  }
}

/** Hospital visits of natural persons (SPECIAL), from their own random stream so the other tables stay as they were. */
function clinicalRows(subject: SubjectProfile, r: Random, out: HealthcareRows): void {
  if (subject.kind !== 'NATURAL_PERSON') return;
  const health = authority('HEALTH', subject.division);
  const count = subject.index === 3 ? 2 : r.weighted([[0, 50], [1, 30], [2, 15], [3, 5]] as const);
  for (let i = 0; i < count; i += 1) {
    const visited = r.date('2020-01-01', DATASET_TODAY);
    out.clinical_records.push(withEnvelope(envelope(subject.code, health, null, visited), {
      institution_name: `${subject.division.city}${subject.division.district}${r.pick(['人民医院', '中医医院', '社区卫生服务中心'])}`,
      visit_type: r.weighted([['OUTPATIENT', 75], ['INPATIENT', 15], ['EMERGENCY', 10]] as const),
      diagnosis_chapter: r.pick(DIAGNOSIS_CHAPTERS),
    }));
  }
}

function rowsFor(subject: SubjectProfile, seed: number): TableRows {
  const r = new Random(seed, subject.index, 'healthcare');
  const out = Object.fromEntries(TABLES.map((t) => [t, []])) as unknown as HealthcareRows;
  if (subject.industry === 'HEALTHCARE' || subject.industry === 'PHARMACY' || subject.industry === 'CONGLOMERATE') {
    institutionRows(subject, r, out);
  } else if (subject.occupation === 'PHYSICIAN') {
    physicianRows(subject, r, out);
  }
  clinicalRows(subject, new Random(seed, subject.index, 'healthcare.clinical'), out);
  return out;
}

export const healthcareDataset: DatasetPlan = {
  tables: TABLES,
  rowsFor,
};
