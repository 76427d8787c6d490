import type { TokenClaims } from '../../shared/auth/tokens';
import { DEFAULT_RECORD_SETTINGS, type RecordSettings } from '../../shared/records';
import type { Clock } from '../../shared/clock';
import type { Store } from '../../shared/store';
import { callerHeaders, post } from './graph';

export {
  authority,
  PUDONG_TAX,
  XUHUI_TAX,
  PUDONG_COURT,
  PUDONG_MARKET,
  SHANGHAI_HOUSING,
  PUDONG_HEALTH,
  PUDONG_MEDICAL_INSURANCE,
  BEIJING_BANK,
} from '../../shared/ingest/authorities';

/**
 * What the record life-cycle tests share: source authorities as their tokens name them, a movable
 * clock (set forward, never slept on), and the calls an authority makes through the gateway.
 */

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
