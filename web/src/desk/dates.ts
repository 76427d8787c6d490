/**
 * Days and times on the desk. The graph's days (`Date`: a due day, a decision date) are China's
 * calendar days, and so is "today" here: an objection due on the 21st is due until the end of the 21st
 * in Beijing, wherever the clerk's browser is. Shown in the page's language.
 */

const CHINA = 'Asia/Shanghai';

const localeOf = (language: string) => (language.startsWith('zh') ? 'zh-CN' : 'en-GB');

/** Today in China, `YYYY-MM-DD`. */
export function todayInChina(now: Date = new Date()): string {
  // en-CA formats a date as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: CHINA, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`): 0 the same day, negative when `to` is before. */
export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from));
}

/** A calendar day (`YYYY-MM-DD`), e.g. 2026年12月21日 / 21 Dec 2026. */
export function formatDay(day: string | null | undefined, language: string): string {
  if (!day) return '—';
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant, in China time, e.g. 2026年12月1日 14:05 / 1 Dec 2026, 14:05. */
export function formatInstant(instant: string | null | undefined, language: string): string {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short', timeZone: CHINA }).format(date);
}

/** The China calendar day of an instant, `YYYY-MM-DD`. */
export function dayOfInstant(instant: string): string {
  return todayInChina(new Date(instant));
}
