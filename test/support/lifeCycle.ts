import { codeForName } from '../../shared/generator/authorities';
import type { TokenClaims } from '../../shared/auth/tokens';
import { DEFAULT_RECORD_SETTINGS, type RecordSettings } from '../../shared/records';
import type { Clock } from '../../shared/clock';
import type { Store } from '../../shared/store';
import { callerHeaders, post } from './graph';

/**
 * What the record life-cycle tests share: source authorities as their tokens name them, a movable
 * clock (set forward, never slept on), and the calls an authority makes through the gateway.
 */

/** A source authority's token claims: its USCC, its name, the categories of records it submits. */
export function authority(name: string, division: string, submits: readonly string[], staff = 'clerk-1'): TokenClaims & { readonly org: string; readonly name: string } {
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

/** A clock the test moves: `set('2031-06-01')` and every subgraph sees that day. */
export class MovableClock implements Clock {
  private at: Date;
  constructor(start: Date | string = new Date()) {
    this.at = new Date(start);
  }
  now(): Date {
    return new Date(this.at);
  }
  set(at: Date | string): void {
    this.at = new Date(at);
  }
}

export function settingsOn(clock: Clock, overrides: Partial<RecordSettings> = {}): RecordSettings {
  return { ...DEFAULT_RECORD_SETTINGS, clock, ...overrides };
}

/** Subjects of the seeded registry, by kind: a company (USCC) and a natural person (resident ID). */
export async function seededSubjects(registry: Store): Promise<{ company: string; person: string }> {
  const company = await registry.db('subjects').where('code_type', 'USCC').orderBy('code').first<{ code: string }>('code');
  const person = await registry.db('subjects').where('code_type', 'RESIDENT_ID').orderBy('code').first<{ code: string }>('code');
  if (!company || !person) throw new Error('the seeded registry has no company or no person');
  return { company: company.code, person: person.code };
}

/** Calls a mutation or query as `claims` (a purpose when given). */
export async function as(gatewayUrl: string, claims: TokenClaims | null, query: string, variables: Record<string, unknown> = {}, purpose?: string) {
  const headers = claims ? await callerHeaders(claims, purpose) : {};
  return post(gatewayUrl, query, variables, headers);
}
