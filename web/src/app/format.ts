import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * How the site shows dates, times, amounts and counts, in the page's language. Days (`Date`) are
 * calendar days as the graph gives them (`2026-11-20`) and are never shifted by a time zone; instants
 * (`DateTime`) are shown in China's time, the time the graph's deadlines and reports are kept in.
 * Amounts are yuan, as decimal strings.
 */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

export interface Formatters {
  readonly locale: string;
  /** A calendar day, `2026-11-20` → 2026年11月20日 / Nov 20, 2026. */
  date(day: string | null | undefined): string;
  /** An instant, in China time. */
  dateTime(instant: string | null | undefined): string;
  /** An amount in yuan (a decimal string) → ¥50,000.00 / CN¥50,000.00. */
  amount(yuan: string | number | null | undefined): string;
  number(value: number | null | undefined): string;
  percent(ratio: number | null | undefined): string;
}

const ABSENT = '—';

export function formattersFor(language: string): Formatters {
  const locale = language === 'en' ? 'en-GB' : 'zh-CN';
  const day = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  const instant = new Intl.DateTimeFormat(locale, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: CHINA_TIME_ZONE,
  });
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 });
  const count = new Intl.NumberFormat(locale);
  const ratio = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  return {
    locale,
    date(value) {
      if (!value) return ABSENT;
      const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
      return match ? day.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))) : value;
    },
    dateTime(value) {
      if (!value) return ABSENT;
      const parsed = new Date(value);
      return Number.isNaN(parsed.getTime()) ? value : instant.format(parsed);
    },
    amount(value) {
      if (value === null || value === undefined || value === '') return ABSENT;
      const parsed = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(parsed) ? money.format(parsed) : String(value);
    },
    number(value) {
      return value === null || value === undefined ? ABSENT : count.format(value);
    },
    percent(value) {
      return value === null || value === undefined ? ABSENT : ratio.format(value);
    },
  };
}

/** The formatters of the page's current language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => formattersFor(i18n.language), [i18n.language]);
}

/** Today's calendar day in China time, `YYYY-MM-DD`. */
export function chinaToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The instant a China-time calendar day starts (`endOfDay`: its last second), as ISO 8601. */
export function chinaDayInstant(day: string, endOfDay = false): string {
  return new Date(`${day}T${endOfDay ? '23:59:59' : '00:00:00'}+08:00`).toISOString();
}
