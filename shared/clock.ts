/**
 * What time it is, injected: the read path (what has expired, what is still in its waiting period),
 * ingestion (publicity terms, notices) and the retention job all ask a clock, never `Date.now()` or
 * SQL's `current_date`, so tests set the clock forward instead of sleeping.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = Object.freeze({ now: () => new Date() });

/** A clock that always says `at` (tests). */
export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) throw new Error(`not an instant: ${String(at)}`);
  return Object.freeze({ now: () => new Date(instant) });
}

/** Records' dates are calendar dates in China (UTC+8, no daylight saving). */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The date in China of an instant, `YYYY-MM-DD`. */
export function chinaDateOf(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's date in China, `YYYY-MM-DD`, by the clock. */
export function todayOf(clock: Clock): string {
  return chinaDateOf(clock.now());
}

/** The China calendar year of an instant, and the instants it starts and ends. */
export function chinaYear(at: Date): { year: number; from: Date; until: Date } {
  const year = new Date(at.getTime() + CHINA_OFFSET_MS).getUTCFullYear();
  return { year, from: new Date(Date.UTC(year, 0, 1) - CHINA_OFFSET_MS), until: new Date(Date.UTC(year + 1, 0, 1) - CHINA_OFFSET_MS) };
}
