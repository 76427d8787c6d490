import { USCC_ALPHABET, usccCheckCharacter, orgCodeCheckCharacter, residentIdCheckCharacter } from '../identifiers';
import { Random, addDays, DATASET_TODAY } from './random';
import { DIVISIONS, SURNAMES, GIVEN_NAME_CHARS, TRADE_NAME_CHARS, districtPrefix, type Division } from './places';

/**
 * The subjects of the generated dataset. A subject is a pure function of (seed, index): the
 * registry and every sector derive the same subject, with the same latent risk, independently.
 * Risk is what correlates sectors: a subject with wage arrears is likely to owe taxes too.
 */

export type SubjectKind = 'LEGAL_PERSON' | 'OTHER_ORGANIZATION' | 'INDIVIDUAL_BUSINESS' | 'NATURAL_PERSON';
export type Industry =
  | 'CONSTRUCTION'
  | 'ONLINE_RETAIL'
  | 'MANUFACTURING'
  | 'HEALTHCARE'
  | 'PHARMACY'
  | 'CATERING'
  | 'SOFTWARE'
  | 'LOGISTICS'
  | 'CONGLOMERATE'
  | 'SOCIAL_SERVICE';
export type Occupation = 'PHYSICIAN' | 'CONSTRUCTOR' | 'ONLINE_SELLER' | 'EMPLOYEE';
export type Risk = 'CLEAN' | 'MODERATE' | 'HIGH';

export interface SubjectProfile {
  readonly index: number;
  readonly code: string;
  readonly kind: SubjectKind;
  readonly name: string;
  readonly division: Division;
  readonly industry: Industry | null;
  readonly occupation: Occupation | null;
  readonly establishedOn: string;
  readonly risk: Risk;
  readonly legalRepresentative: { readonly name: string; readonly idNumber: string } | null;
  readonly registeredCapital: string | null;
  readonly address: string;
}

export interface DatasetOptions {
  readonly seed: number;
  readonly subjects: number;
}

/** Demo subjects at fixed indexes, each telling one story; the README names them. */
export const DEMO_STORIES: ReadonlyArray<{ readonly index: number; readonly story: string }> = [
  { index: 0, story: 'a diversified group with negative records in every sector' },
  { index: 1, story: 'a clean construction firm, A-grade taxpayer' },
  { index: 2, story: 'a public hospital with a medical-insurance fund violation' },
  { index: 3, story: 'a physician (natural person) with insurance practice-score deductions' },
  { index: 4, story: 'an online shop (individual business) penalised for counterfeits' },
];

const INDUSTRY_SUFFIX: Record<Industry, readonly string[]> = {
  CONSTRUCTION: ['建设工程', '建筑工程', '建工集团', '市政工程'],
  ONLINE_RETAIL: ['电子商务', '网络科技', '商贸'],
  MANUFACTURING: ['机械制造', '精密制造', '新材料', '电子科技'],
  HEALTHCARE: ['医院管理', '医疗科技', '健康管理'],
  PHARMACY: ['大药房连锁', '医药连锁', '药业'],
  CATERING: ['餐饮管理', '食品'],
  SOFTWARE: ['信息技术', '软件', '数据科技'],
  LOGISTICS: ['物流', '供应链管理', '货运代理'],
  CONGLOMERATE: ['控股集团', '实业集团'],
  SOCIAL_SERVICE: ['社会工作服务中心', '养老服务中心', '慈善基金会'],
};

function divisionFor(r: Random): Division {
  return r.weighted(DIVISIONS.map((d) => [d, d.weight] as const));
}

export function personName(r: Random): string {
  return r.pick(SURNAMES) + r.pick(GIVEN_NAME_CHARS) + (r.chance(0.4) ? r.pick(GIVEN_NAME_CHARS).slice(0, 1) : '');
}

function tradeName(r: Random): string {
  return r.pick(TRADE_NAME_CHARS) + r.pick(TRADE_NAME_CHARS);
}

/**
 * A USCC unique per index: the nine-character organization code is the index scrambled over the
 * 31-letter alphabet (a bijection for indexes below 31^8), followed by its GB 11714 check digit.
 */
export function usccFor(index: number, authority: string, category: string, division: string): string {
  // 31^8 possible codes; the multiplier is coprime to 31, so distinct indexes get distinct codes.
  let n = Number((BigInt(index) * 385_833_219_673n + 7_654_321n) % 852_891_037_441n);
  let org = '';
  for (let i = 0; i < 8; i += 1) {
    org = USCC_ALPHABET.charAt(n % 31) + org;
    n = Math.floor(n / 31);
  }
  const first17 = `${authority}${category}${division}${org}${orgCodeCheckCharacter(org)}`;
  return first17 + usccCheckCharacter(first17);
}

/** A resident ID unique per index: birth date and sequence number are both drawn from the index. */
export function residentIdFor(index: number, division: string): string {
  const dayOffset = index % 18_250; // about fifty years of birth dates
  const birth = addDays('1956-01-01', dayOffset).replaceAll('-', '');
  const sequence = String(Math.floor(index / 18_250) % 1000).padStart(3, '0');
  const first17 = `${division}${birth}${sequence}`;
  return first17 + residentIdCheckCharacter(first17);
}

function kindAndIndustry(index: number, r: Random): { kind: SubjectKind; industry: Industry | null; occupation: Occupation | null } {
  switch (index) {
    case 0:
      return { kind: 'LEGAL_PERSON', industry: 'CONGLOMERATE', occupation: null };
    case 1:
      return { kind: 'LEGAL_PERSON', industry: 'CONSTRUCTION', occupation: null };
    case 2:
      return { kind: 'OTHER_ORGANIZATION', industry: 'HEALTHCARE', occupation: null };
    case 3:
      return { kind: 'NATURAL_PERSON', industry: null, occupation: 'PHYSICIAN' };
    case 4:
      return { kind: 'INDIVIDUAL_BUSINESS', industry: 'ONLINE_RETAIL', occupation: null };
    default:
      break;
  }
  const kind = r.weighted<SubjectKind>([
    ['LEGAL_PERSON', 62],
    ['OTHER_ORGANIZATION', 6],
    ['INDIVIDUAL_BUSINESS', 12],
    ['NATURAL_PERSON', 20],
  ]);
  if (kind === 'NATURAL_PERSON') {
    return {
      kind,
      industry: null,
      occupation: r.weighted<Occupation>([
        ['EMPLOYEE', 70],
        ['PHYSICIAN', 10],
        ['CONSTRUCTOR', 10],
        ['ONLINE_SELLER', 10],
      ]),
    };
  }
  if (kind === 'OTHER_ORGANIZATION') {
    return { kind, industry: r.chance(0.5) ? 'HEALTHCARE' : 'SOCIAL_SERVICE', occupation: null };
  }
  if (kind === 'INDIVIDUAL_BUSINESS') {
    return { kind, industry: r.pick<Industry>(['ONLINE_RETAIL', 'CATERING', 'PHARMACY', 'ONLINE_RETAIL']), occupation: null };
  }
  return {
    kind,
    industry: r.weighted<Industry>([
      ['CONSTRUCTION', 18],
      ['ONLINE_RETAIL', 14],
      ['MANUFACTURING', 18],
      ['HEALTHCARE', 5],
      ['PHARMACY', 6],
      ['CATERING', 8],
      ['SOFTWARE', 14],
      ['LOGISTICS', 12],
      ['CONGLOMERATE', 5],
    ]),
    occupation: null,
  };
}

function riskFor(index: number, r: Random): Risk {
  if (index === 0 || index === 4) return 'HIGH';
  if (index === 2 || index === 3) return 'MODERATE';
  if (index === 1) return 'CLEAN';
  return r.weighted<Risk>([
    ['CLEAN', 80],
    ['MODERATE', 15],
    ['HIGH', 5],
  ]);
}

/** USCC registration authority and category characters (DOMAIN.md section 1). */
function usccPrefix(kind: SubjectKind, industry: Industry | null): [string, string] {
  if (kind === 'INDIVIDUAL_BUSINESS') return ['9', '2'];
  if (kind === 'OTHER_ORGANIZATION') {
    return industry === 'HEALTHCARE' ? ['1', '2'] : ['5', '2'];
  }
  return ['9', '1'];
}

export function subjectAt(seed: number, index: number): SubjectProfile {
  const r = new Random(seed, index, 'subject');
  const { kind, industry, occupation } = kindAndIndustry(index, r);
  const division = divisionFor(r);
  const risk = riskFor(index, r);
  const street = r.pick(division.streets);
  const address = `${districtPrefix(division)}${street}${r.int(1, 2999)}号`;

  if (kind === 'NATURAL_PERSON') {
    const code = residentIdFor(index, division.code);
    return {
      index,
      code,
      kind,
      name: personName(r),
      division,
      industry,
      occupation,
      establishedOn: `${code.slice(6, 10)}-${code.slice(10, 12)}-${code.slice(12, 14)}`,
      risk,
      legalRepresentative: null,
      registeredCapital: null,
      address,
    };
  }

  const [authority, category] = usccPrefix(kind, industry);
  const code = usccFor(index, authority, category, division.code);
  const region = division.city.replace(/[市省]$/, '');
  const ind = industry ?? 'SOFTWARE';
  let name: string;
  if (kind === 'INDIVIDUAL_BUSINESS') {
    name = `${districtPrefix(division)}${tradeName(r)}${ind === 'CATERING' ? '小吃店' : ind === 'PHARMACY' ? '药店' : '网店'}`;
  } else if (kind === 'OTHER_ORGANIZATION' && industry === 'HEALTHCARE') {
    name = `${districtPrefix(division)}${r.pick(['人民医院', '中医医院', '妇幼保健院', '口腔医院', '社区卫生服务中心'])}`;
  } else if (kind === 'OTHER_ORGANIZATION') {
    name = `${districtPrefix(division)}${tradeName(r)}${r.pick(INDUSTRY_SUFFIX.SOCIAL_SERVICE)}`;
  } else {
    name = `${region}${tradeName(r)}${r.pick(INDUSTRY_SUFFIX[ind])}${r.chance(0.2) ? '股份有限公司' : '有限公司'}`;
  }
  const repIndex = index + 10_000_000;
  return {
    index,
    code,
    kind,
    name,
    division,
    industry,
    occupation,
    establishedOn: r.date('1995-01-01', addDays(DATASET_TODAY, -400)),
    risk,
    legalRepresentative: { name: personName(r), idNumber: residentIdFor(repIndex, division.code) },
    registeredCapital: kind === 'INDIVIDUAL_BUSINESS' ? null : String(r.pick([50, 100, 200, 500, 1000, 3000, 5000, 10000, 50000]) * 10_000),
    address,
  };
}

/** Iterates the dataset's subjects in index order. */
export function* subjects(options: DatasetOptions): Generator<SubjectProfile> {
  for (let i = 0; i < options.subjects; i += 1) yield subjectAt(options.seed, i);
}
