import { Random, addDays, addYears, DATASET_TODAY } from '../../shared/generator/random';
import { authority } from '../../shared/generator/authorities';
import { envelope, withEnvelope, provinceAbbr, type Row, type TableRows } from '../../shared/generator/envelope';
import { districtPrefix } from '../../shared/generator/places';
import type { SubjectProfile } from '../../shared/generator/subjects';
import type { DatasetPlan } from '../../shared/seed';

/**
 * The market-regulation register: every subject, with the abnormal-operation list (经营异常名录)
 * and the serious illegal and dishonest list (严重违法失信名单) of organizations.
 */

const INDUSTRY_NAMES: Record<string, string> = {
  CONSTRUCTION: '建筑业',
  ONLINE_RETAIL: '批发和零售业',
  MANUFACTURING: '制造业',
  HEALTHCARE: '卫生和社会工作',
  PHARMACY: '批发和零售业',
  CATERING: '住宿和餐饮业',
  SOFTWARE: '信息传输、软件和信息技术服务业',
  LOGISTICS: '交通运输、仓储和邮政业',
  CONGLOMERATE: '租赁和商务服务业',
  SOCIAL_SERVICE: '居民服务、修理和其他服务业',
};

const ABNORMAL_REASONS = [
  '未依照规定的期限公示年度报告',
  '通过登记的住所或者经营场所无法联系',
  '公示企业信息隐瞒真实情况、弄虚作假',
  '未在责令的期限内公示有关企业信息',
];

function subjectRow(s: SubjectProfile, r: Random): Row {
  const isPerson = s.kind === 'NATURAL_PERSON';
  const status = isPerson || s.index < 5 ? 'ACTIVE' : s.risk === 'HIGH' && r.chance(0.2) ? 'REVOKED' : r.chance(0.03) ? 'CANCELLED' : 'ACTIVE';
  return {
    code: s.code,
    code_type: isPerson ? 'RESIDENT_ID' : 'USCC',
    kind: s.kind,
    name: s.name,
    status,
    established_on: isPerson ? null : s.establishedOn,
    registered_capital: s.registeredCapital === null ? null : `${s.registeredCapital}.00`,
    address: isPerson ? null : s.address,
    division_code: s.division.code,
    region_name: districtPrefix(s.division),
    industry: s.industry ? (INDUSTRY_NAMES[s.industry] ?? null) : null,
    legal_rep_name: s.legalRepresentative?.name ?? null,
    legal_rep_id: s.legalRepresentative?.idNumber ?? null,
    registration_authority: isPerson ? null : authority('MARKET_REGULATION', s.division).name,
  };
}

function listings(s: SubjectProfile, r: Random): { abnormal: Row[]; serious: Row[] } {
  if (s.kind === 'NATURAL_PERSON') return { abnormal: [], serious: [] };
  const regulator = authority('MARKET_REGULATION', s.division);
  const abbr = provinceAbbr(s.division.province);
  const p = s.index === 0 ? 1 : s.risk === 'HIGH' ? 0.5 : s.risk === 'MODERATE' ? 0.12 : 0.02;
  const abnormal: Row[] = [];
  const serious: Row[] = [];
  if (r.chance(p)) {
    const listedOn = s.index === 0 ? '2022-07-01' : r.date('2018-01-01', addDays(DATASET_TODAY, -30));
    const removed = s.index !== 0 && r.chance(s.risk === 'HIGH' ? 0.2 : 0.6);
    const removedOn = removed ? addDays(listedOn, r.int(30, 600)) : null;
    abnormal.push(withEnvelope(envelope(s.code, regulator, `${abbr}${s.division.code.slice(2, 6)}市监异移〔${listedOn.slice(0, 4)}〕${r.int(1, 9999)}号`, listedOn, {
        actEndedOn: removedOn,
        publicityEndsOn: removedOn,
      }), {
      reason: r.pick(ABNORMAL_REASONS),
      listed_on: listedOn,
      removed_on: removedOn,
      removal_reason: removed ? '已补报年度报告并公示' : null,
    }));
    // Three years on the abnormal list without correction leads to the serious illegal list.
    const seriousOn = addYears(listedOn, 3);
    if (!removed && seriousOn <= DATASET_TODAY) {
      serious.push(withEnvelope(envelope(s.code, regulator, `${abbr}${s.division.code.slice(2, 6)}市监严列〔${seriousOn.slice(0, 4)}〕${r.int(1, 999)}号`, seriousOn, {
          publicityEndsOn: addYears(seriousOn, 3),
        }), {
        reason: '被列入经营异常名录届满3年仍未履行相关义务',
        listed_on: seriousOn,
        removed_on: null,
        removal_reason: null,
      }));
    }
  }
  return { abnormal, serious };
}

export const registryDataset: DatasetPlan = {
  tables: ['subjects', 'abnormal_operation_listings', 'serious_illegal_listings'],
  rowsFor(subject: SubjectProfile, seed: number): TableRows {
    const r = new Random(seed, subject.index, 'registry');
    const { abnormal, serious } = listings(subject, r);
    return { subjects: [subjectRow(subject, r)], abnormal_operation_listings: abnormal, serious_illegal_listings: serious };
  },
  // The name search's grams (migration 20261203090000_name_search_grams) are built once all names are in.
  bulk: {
    suspendTriggers: [{ table: 'subjects', trigger: 'subjects_name_grams_sync' }],
    afterLoad: ['select refresh_subject_name_grams()'],
    // Measured at a million subjects: 43 s, what about two million loaded rows cost.
    afterLoadRowsPerSubject: 2,
  },
};
