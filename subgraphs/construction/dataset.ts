import { Random, addDays, addYears, addMonths, DATASET_TODAY } from '../../shared/generator/random';
import { authority } from '../../shared/generator/authorities';
import { envelope, withEnvelope, provinceAbbr, type Row, type TableRows } from '../../shared/generator/envelope';
import { districtPrefix } from '../../shared/generator/places';
import { personName, type SubjectProfile } from '../../shared/generator/subjects';
import type { DatasetPlan } from '../../shared/seed';

/**
 * The construction-market platform (四库一平台): qualifications, registered practitioners,
 * projects, good and bad behaviour, the market blacklist and wage-arrears listings. Only
 * construction firms, diversified groups and registered constructors have records here.
 */

const PROJECT_KINDS = ['住宅小区', '商业综合体', '产业园厂房', '道路改造工程', '地铁站配套工程', '学校教学楼', '医院门诊楼', '污水处理厂'];

const BAD_BEHAVIOURS = [
  { code: 'D1-1', text: '未取得施工许可证擅自施工', severity: 'A' },
  { code: 'D3-2', text: '发生一般生产安全事故', severity: 'A' },
  { code: 'D4-5', text: '偷工减料，使用不合格建筑材料', severity: 'B' },
  { code: 'D2-3', text: '转包或者违法分包工程', severity: 'B' },
  { code: 'D6-1', text: '未按规定办理工程质量监督手续', severity: 'C' },
  { code: 'D6-4', text: '施工现场扬尘防治措施不到位', severity: 'C' },
] as const;

function project(subject: SubjectProfile, r: Random): { code: string; name: string; location: string } {
  const year = r.int(2017, 2025);
  return {
    code: `${subject.division.code}${year}${r.digits(4)}0101`,
    name: `${subject.division.district}${r.pick(['滨江', '城北', '科创', '未来', '新城', '东湖'])}${r.pick(PROJECT_KINDS)}`,
    location: `${districtPrefix(subject.division)}${r.pick(subject.division.streets)}`,
  };
}

const TABLES = [
  'qualification_certificates',
  'registered_practitioners',
  'construction_projects',
  'good_behaviour_records',
  'bad_behaviour_records',
  'market_blacklistings',
  'wage_arrears_listings',
] as const;
type ConstructionRows = Record<(typeof TABLES)[number], Row[]>;

function rowsFor(subject: SubjectProfile, r: Random): TableRows {
  const out = Object.fromEntries(TABLES.map((t) => [t, []])) as unknown as ConstructionRows;
  const isFirm = subject.industry === 'CONSTRUCTION' || subject.industry === 'CONGLOMERATE';
  const isConstructor = subject.occupation === 'CONSTRUCTOR';
  if (!isFirm && !isConstructor) return out;
  const housing = authority('HOUSING', subject.division);
  const abbr = provinceAbbr(subject.division.province);

  if (isConstructor) {
    const issued = r.date('2012-01-01', addMonths(DATASET_TODAY, -6));
    out.registered_practitioners.push(withEnvelope(envelope(subject.code, housing, `建注${issued.slice(0, 4)}${r.digits(6)}`, issued), {
      practitioner_name: subject.name,
      registration_number: `${abbr}1${subject.division.code.slice(0, 2)}${r.digits(9)}`,
      category: r.pick(['FIRST_CLASS_CONSTRUCTOR', 'SECOND_CLASS_CONSTRUCTOR', 'REGISTERED_COST_ENGINEER']),
      specialty: r.pick(['建筑工程', '市政公用工程', '机电工程']),
      employer_name: `${subject.division.city.replace(/市$/, '')}${r.pick(['城建', '中建', '华建'])}${r.pick(['第一', '第三', '第八'])}工程局有限公司`,
      valid_until: addYears(issued, r.int(3, 5) * 3),
    }));
    if (subject.risk === 'HIGH' && r.chance(0.5)) {
      const decided = r.date('2020-01-01', addMonths(DATASET_TODAY, -1));
      const bad = r.pick(BAD_BEHAVIOURS);
      out.bad_behaviour_records.push(withEnvelope(envelope(subject.code, housing, `${abbr}建罚〔${decided.slice(0, 4)}〕${r.int(1, 999)}号`, decided, {
          publicityEndsOn: bad.severity === 'C' ? null : addYears(decided, bad.severity === 'A' ? 3 : 2),
        }), {
        severity: bad.severity,
        behaviour_code: bad.code,
        description: `在${project(subject, r).name}项目中${bad.text}`,
        project_name: null,
        penalty: '暂停执业六个月',
      }));
    }
    return out;
  }

  const grade = subject.index === 1 ? 'SPECIAL' : r.weighted([['FIRST', 25], ['SECOND', 45], ['THIRD', 30]] as const);
  const certCount = subject.index < 2 ? 2 : r.int(1, 2);
  for (let i = 0; i < certCount; i += 1) {
    const issued = r.date(subject.establishedOn, addMonths(DATASET_TODAY, -3));
    const category = i === 0 ? 'GENERAL_CONTRACTING' : r.pick(['SPECIALIZED_CONTRACTING', 'DESIGN', 'SUPERVISION', 'LABOUR_SERVICES']);
    out.qualification_certificates.push(withEnvelope(envelope(subject.code, housing, `D${subject.division.code.slice(0, 2)}${r.digits(7)}`, issued), {
      certificate_number: `D${subject.division.code.slice(0, 2)}${r.digits(7)}`,
      category,
      grade: category === 'LABOUR_SERVICES' ? 'THIRD' : grade,
      scope: category === 'GENERAL_CONTRACTING' ? r.pick(['建筑工程施工总承包', '市政公用工程施工总承包']) : r.pick(['地基基础工程专业承包', '建筑装修装饰工程专业承包', '钢结构工程专业承包']),
      valid_until: addYears(issued, 5),
    }));
  }
  const practitioners = r.int(1, subject.index < 2 ? 3 : 2);
  for (let i = 0; i < practitioners; i += 1) {
    const issued = r.date('2014-01-01', addMonths(DATASET_TODAY, -6));
    out.registered_practitioners.push(withEnvelope(envelope(subject.code, housing, `建注${issued.slice(0, 4)}${r.digits(6)}`, issued), {
      practitioner_name: personName(r),
      registration_number: `${abbr}1${subject.division.code.slice(0, 2)}${r.digits(9)}`,
      category: r.pick(['FIRST_CLASS_CONSTRUCTOR', 'SECOND_CLASS_CONSTRUCTOR', 'REGISTERED_STRUCTURAL_ENGINEER']),
      specialty: r.pick(['建筑工程', '市政公用工程', '机电工程']),
      employer_name: subject.name,
      valid_until: addYears(issued, 9),
    }));
  }
  const projects: { name: string }[] = [];
  const projectCount = r.int(1, subject.index < 2 ? 3 : 3);
  for (let i = 0; i < projectCount; i += 1) {
    const p = project(subject, r);
    projects.push(p);
    const startedOn = r.date('2017-01-01', addMonths(DATASET_TODAY, -4));
    const completedOn = addMonths(startedOn, r.int(10, 36));
    const completed = completedOn < DATASET_TODAY;
    out.construction_projects.push(withEnvelope(envelope(subject.code, housing, `施许${p.code}`, startedOn, { actEndedOn: completed ? completedOn : null }), {
      project_code: p.code,
      project_name: p.name,
      role: r.weighted([['GENERAL_CONTRACTOR', 60], ['SUBCONTRACTOR', 30], ['SUPERVISOR', 10]] as const),
      contract_amount: (r.int(500, 80_000) * 10_000).toFixed(2),
      location: p.location,
      started_on: startedOn,
      completed_on: completed ? completedOn : null,
      status: completed ? 'COMPLETED' : subject.risk === 'HIGH' && r.chance(0.4) ? 'SUSPENDED' : 'IN_PROGRESS',
    }));
  }
  if (subject.risk === 'CLEAN' && (subject.index === 1 || r.chance(0.4))) {
    const awarded = r.date('2019-01-01', addMonths(DATASET_TODAY, -2));
    out.good_behaviour_records.push(withEnvelope(envelope(subject.code, housing, `${abbr}建质〔${awarded.slice(0, 4)}〕${r.int(1, 200)}号`, awarded), {
      award_name: r.pick(['鲁班奖', '省优质结构工程奖', '市文明工地', '安全生产标准化示范工地']),
      level: subject.index === 1 ? 'NATIONAL' : r.pick(['PROVINCIAL', 'MUNICIPAL']),
      project_name: projects[0]?.name ?? null,
    }));
  }
  const badP = subject.index === 0 ? 1 : subject.risk === 'HIGH' ? 0.7 : subject.risk === 'MODERATE' ? 0.3 : 0.03;
  if (r.chance(badP)) {
    const count = subject.index === 0 ? 2 : r.int(1, 2);
    for (let i = 0; i < count; i += 1) {
      const decided = r.date('2020-01-01', addMonths(DATASET_TODAY, -1));
      const bad = subject.index === 0 ? BAD_BEHAVIOURS[i === 0 ? 2 : 5] : r.pick(BAD_BEHAVIOURS.filter((b) => subject.risk === 'HIGH' || b.severity === 'C'));
      out.bad_behaviour_records.push(withEnvelope(envelope(subject.code, housing, `${abbr}建罚〔${decided.slice(0, 4)}〕${r.int(1, 999)}号`, decided, {
          // A and B records are published (3 and 2 years); C records are shared among authorities only.
          publicityEndsOn: bad.severity === 'C' ? null : addYears(decided, bad.severity === 'A' ? 3 : 2),
        }), {
        severity: bad.severity,
        behaviour_code: bad.code,
        description: bad.text,
        project_name: r.pick(projects).name,
        penalty: bad.severity === 'A' ? '罚款并暂扣安全生产许可证' : bad.severity === 'B' ? '罚款并责令整改' : '责令限期整改',
      }));
    }
  }
  const wageP = subject.index === 0 ? 1 : subject.risk === 'HIGH' ? 0.4 : subject.risk === 'MODERATE' ? 0.05 : 0;
  if (r.chance(wageP)) {
    const listedOn = subject.index === 0 ? '2024-11-20' : r.date('2021-01-01', addMonths(DATASET_TODAY, -1));
    const settled = subject.index !== 0 && r.chance(0.3);
    const hrss = authority('HUMAN_RESOURCES', subject.division);
    out.wage_arrears_listings.push(withEnvelope(envelope(subject.code, hrss, `${abbr}人社欠薪〔${listedOn.slice(0, 4)}〕${r.int(1, 300)}号`, listedOn, {
        actEndedOn: settled ? addDays(listedOn, r.int(30, 300)) : null,
        // Wage-arrears listings last three years.
        publicityEndsOn: addYears(listedOn, 3),
      }), {
      project_name: r.pick(projects).name,
      workers_affected: r.int(8, 260),
      amount_owed: (r.int(20, 900) * 10_000).toFixed(2),
      listed_on: listedOn,
      settled,
    }));
    if (subject.index === 0 || r.chance(0.4)) {
      const blacklisted = addDays(listedOn, r.int(10, 90));
      out.market_blacklistings.push(withEnvelope(envelope(subject.code, housing, `${abbr}建黑〔${blacklisted.slice(0, 4)}〕${r.int(1, 99)}号`, blacklisted, {
          publicityEndsOn: addYears(blacklisted, 1),
        }), {
        reason: '拖欠农民工工资，被列入拖欠农民工工资失信联合惩戒对象名单',
        listed_on: blacklisted,
        removed_on: null,
      }));
    }
  }
  return out;
}

export const constructionDataset: DatasetPlan = {
  tables: TABLES,
  rowsFor: (subject, seed) => rowsFor(subject, new Random(seed, subject.index, 'construction')),
};
