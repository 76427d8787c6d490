import { codeForName } from '../generator/authorities';
import type { TokenClaims } from '../auth/tokens';

/**
 * The demo's source authorities: the departments, courts and agencies that submit the demo's records,
 * each known by its USCC (check character valid, derived from its name and division as the demo
 * dataset's authorities are), its name and the categories of records it submits. Tests sign their
 * AUTHORITY tokens from these claims; `npm run import -- --as <USCC>` knows their names.
 */
export type AuthorityClaims = TokenClaims & { readonly org: string; readonly name: string; readonly submits: readonly string[] };

/** A source authority's token claims: its USCC, its name, the categories of records it submits. */
export function authority(name: string, division: string, submits: readonly string[], staff = 'clerk-1'): AuthorityClaims {
  return { kind: 'AUTHORITY', org: codeForName(name, division), name, staff, grants: [], purposes: [], submits };
}

export const PUDONG_TAX = authority('国家税务总局上海市浦东新区税务局', '310115', ['tax']);
export const XUHUI_TAX = authority('国家税务总局上海市徐汇区税务局', '310104', ['tax']);
export const PUDONG_COURT = authority('上海市浦东新区人民法院', '310115', ['finance.judicial']);
export const PUDONG_MARKET = authority('上海市浦东新区市场监督管理局', '310115', ['registry.listing', 'ecommerce.penalty', 'ecommerce.platform']);
export const SHANGHAI_HOUSING = authority('上海市住房和城乡建设管理委员会', '310000', ['construction']);
export const PUDONG_HEALTH = authority('上海市浦东新区卫生健康委员会', '310115', ['health.licence', 'health.practitioner', 'health.assessment']);
export const PUDONG_MEDICAL_INSURANCE = authority('上海市浦东新区医疗保障局', '310115', ['health.insurance']);
export const BEIJING_BANK = authority('北京银行股份有限公司', '110000', ['finance.credit']);

/** Every demo authority, by USCC. */
export const DEMO_AUTHORITIES: ReadonlyMap<string, AuthorityClaims> = new Map(
  [PUDONG_TAX, XUHUI_TAX, PUDONG_COURT, PUDONG_MARKET, SHANGHAI_HOUSING, PUDONG_HEALTH, PUDONG_MEDICAL_INSURANCE, BEIJING_BANK].map((a) => [a.org, a]),
);
