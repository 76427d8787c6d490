import { useQuery } from '@tanstack/react-query';
import { MyInquiryRecordsDocument, type MyInquiryRecordsQuery } from '../gql/graphql';
import { graphqlRequest, useRequestContext, type GraphQLRequestError } from '../app/graphql';

export type InquiryRow = MyInquiryRecordsQuery['inquiryRecords']['nodes'][number];

/** The most inquiry records the page reads (pages of 100): beyond it the page says it shows the newest. */
export const INQUIRY_LIMIT = 2000;

/**
 * Every inquiry record about the subject since `since`, newest first, read page by page through
 * `MyInquiryRecords` (the graph's pages hold at most 100): the table and the chart need them all.
 */
export function useAllInquiryRecords(code: string, since: string) {
  const context = useRequestContext();
  return useQuery<{ rows: InquiryRow[]; totalCount: number }, GraphQLRequestError>({
    queryKey: ['MyInquiryRecords', { code, since }, context.accessToken],
    queryFn: async () => {
      const rows: InquiryRow[] = [];
      let after: string | null = null;
      let totalCount: number;
      do {
        const page: MyInquiryRecordsQuery = await graphqlRequest(context, MyInquiryRecordsDocument, { code, since, after });
        totalCount = page.inquiryRecords.totalCount;
        rows.push(...page.inquiryRecords.nodes);
        after = page.inquiryRecords.pageInfo.hasNextPage ? page.inquiryRecords.pageInfo.endCursor : null;
      } while (after !== null && rows.length < INQUIRY_LIMIT);
      return { rows, totalCount };
    },
  });
}

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
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
  if (series.length <= maxSeries) return series;
  const kept = series.slice(0, maxSeries - 1);
  const rest = series.slice(maxSeries - 1);
  const counts = months.map((_, i) => rest.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0));
  return [...kept, { name: other, counts, total: counts.reduce((a, b) => a + b, 0) }];
}
