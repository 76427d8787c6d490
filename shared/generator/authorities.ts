import { usccCheckCharacter, orgCodeCheckCharacter, USCC_ALPHABET } from '../identifiers';
import { districtPrefix, type Division } from './places';

/** The bodies that decide or report records: regulators, courts, tax bureaus, banks. */
export type AuthorityKind =
  | 'MARKET_REGULATION'
  | 'TAX'
  | 'HOUSING'
  | 'HUMAN_RESOURCES'
  | 'HEALTH'
  | 'MEDICAL_INSURANCE'
  | 'COURT'
  | 'INTERMEDIATE_COURT';

export interface Authority {
  readonly name: string;
  readonly code: string;
}

function nameOf(kind: AuthorityKind, d: Division): string {
  const district = districtPrefix(d);
  switch (kind) {
    case 'MARKET_REGULATION':
      return `${district}市场监督管理局`;
    case 'TAX':
      return `国家税务总局${district}税务局`;
    case 'HOUSING':
      return `${d.city}住房和城乡建设委员会`;
    case 'HUMAN_RESOURCES':
      return `${district}人力资源和社会保障局`;
    case 'HEALTH':
      return `${district}卫生健康委员会`;
    case 'MEDICAL_INSURANCE':
      return `${district}医疗保障局`;
    case 'COURT':
      return `${district}人民法院`;
    case 'INTERMEDIATE_COURT':
      return `${d.city}中级人民法院`;
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown authority kind ${String(unreachable)}`);
    }
  }
}

/** A stable, valid USCC for a body, derived from its name (government organs: authority 1, category 1). */
export function codeForName(name: string, division: string, authority = '1', category = '1'): string {
  let h = 2166136261;
  for (let i = 0; i < name.length; i += 1) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  let n = h >>> 0;
  let org = '';
  for (let i = 0; i < 8; i += 1) {
    org += USCC_ALPHABET.charAt(n % 31);
    n = Math.floor(n / 31) + i * 7;
  }
  const first17 = `${authority}${category}${division}${org}${orgCodeCheckCharacter(org)}`;
  return first17 + usccCheckCharacter(first17);
}

const cache = new Map<string, Authority>();

export function authority(kind: AuthorityKind, d: Division): Authority {
  const key = `${kind}:${d.code}`;
  let found = cache.get(key);
  if (!found) {
    const name = nameOf(kind, d);
    found = { name, code: codeForName(name, d.code) };
    cache.set(key, found);
  }
  return found;
}

export const BANKS: readonly string[] = [
  '中国工商银行',
  '中国建设银行',
  '中国农业银行',
  '中国银行',
  '交通银行',
  '招商银行',
  '上海浦东发展银行',
  '兴业银行',
  '中信银行',
  '平安银行',
];

/** A bank branch as the reporting institution of a credit record (financial institutions: authority 9). */
export function bankBranch(bank: string, d: Division): Authority {
  const key = `BANK:${bank}:${d.code}`;
  let found = cache.get(key);
  if (!found) {
    const name = `${bank}股份有限公司${d.city.replace(/市$/, '')}分行`;
    found = { name, code: codeForName(name, d.code, '9', '1') };
    cache.set(key, found);
  }
  return found;
}
