import type { MyInquiryRecordsQuery } from '../gql/graphql';

/**
 * The figures of the inquiries page, from the inquiry records as the graph gives them: who queried,
 * by month in China time, as the chart's series. Pure functions (test/web/subject.figures.test.ts).
 */

export type InquiryRow = MyInquiryRecordsQuery['inquiryRecords']['nodes'][number];

/** Who queried, as the subject is shown it: the institution's name, else its code, else its kind. */
export function institutionOf(row: InquiryRow, unnamed: string): string {
  return row.organizationName ?? row.organization ?? unnamed;
}

/** The month of an instant in China time, `YYYY-MM`. */
export function chinaMonth(instant: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date(instant)).slice(0, 7);
}

/** The months from `first` to `last` (`YYYY-MM`), both included. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = last.split('-').map(Number) as [number, number];
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

export interface Series {
  readonly name: string;
  readonly counts: readonly number[];
  readonly total: number;
}

/**
 * Inquiries per month, one series per group (an institution or a purpose), the largest groups first;
 * beyond `maxSeries` the rest are one "other" series, so the chart stays readable.
 */
export function monthlySeries(rows: readonly InquiryRow[], months: readonly string[], groupOf: (row: InquiryRow) => string, other: string, maxSeries = 8): Series[] {
  const index = new Map(months.map((m, i) => [m, i]));
  const groups = new Map<string, number[]>();
  for (const row of rows) {
    const i = index.get(chinaMonth(row.occurredAt));
    if (i === undefined) continue;
    const group = groupOf(row);
    const counts = groups.get(group) ?? months.map(() => 0);
    counts[i] = (counts[i] ?? 0) + 1;
    groups.set(group, counts);
  }
  const series = [...groups.entries()]
    .map(([name, counts]) => ({ name, counts, total: counts.reduce((a, b) => a + b, 0) }))
    .sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (series.length <= maxSeries) return series;
  const kept = series.slice(0, maxSeries - 1);
  const rest = series.slice(maxSeries - 1);
  const counts = months.map((_, i) => rest.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0));
  return [...kept, { name: other, counts, total: counts.reduce((a, b) => a + b, 0) }];
}
