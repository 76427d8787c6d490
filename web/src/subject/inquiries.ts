import { useQuery } from '@tanstack/react-query';
import { MyInquiryRecordsDocument, type MyInquiryRecordsQuery } from '../gql/graphql';
import { graphqlRequest, useRequestContext, type GraphQLRequestError } from '../app/graphql';
import type { InquiryRow } from './inquiryFigures';


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
