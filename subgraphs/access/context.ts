import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import type { SubgraphRequest } from '../../shared/subgraph/request';
import type { Config } from '../../shared/config';
import type { RecordSettings } from '../../shared/records';
import type { ReportSettings } from './reports';
import { pageRequest, type Connection, type PageArgs, type PageLimits } from '../../shared/pagination';
import {
  SUBJECT_APPLICATIONS,
  SUBJECT_CONSENTS,
  SUBJECT_INQUIRIES,
  subjectConnection,
  subjectCounts,
  subjectPages,
  type ApplicationRow,
  type ConsentRow,
  type InquiryRow,
  type SubjectList,
  type SubjectPageKey,
} from './store';

/** One list of every subject a request asks about: all their pages are one statement per batch, all their counts another. */
export interface SubjectListLoader<Row> {
  page(subject: string, args: PageArgs): Promise<Connection<Row>>;
}

export interface AccessContext {
  readonly db: Knex;
  readonly limits: Config['limits'];
  readonly request: SubgraphRequest;
  readonly consents: SubjectListLoader<ConsentRow>;
  readonly specialApplications: SubjectListLoader<ApplicationRow>;
  readonly inquiryRecords: SubjectListLoader<InquiryRow>;
  /** The store and settings credit reports use (the clock, free reports, statement length). */
  readonly reports: ReportSettings;
}

function subjectListLoader<Row extends { id: string }>(db: Knex, limits: PageLimits, list: SubjectList<Row>): SubjectListLoader<Row> {
  const pages = new DataLoader<SubjectPageKey, Row[], string>((keys) => subjectPages(db, list, keys), {
    cacheKeyFn: (key) => JSON.stringify([key.subject, key.page.first, key.page.after]),
  });
  const counts = new DataLoader<string, number>((subjects) => subjectCounts(db, list, subjects));
  return {
    async page(subject, args) {
      const page = pageRequest(args, limits, list.cursor);
      return subjectConnection(list, await pages.load({ subject, page }), page, () => counts.load(subject));
    },
  };
}

/** Fresh loaders for one request: batching and caching never cross requests. */
export function createAccessContext(db: Knex, limits: Config['limits'], settings: RecordSettings): Omit<AccessContext, 'request'> {
  return {
    db,
    limits,
    reports: { db, settings },
    consents: subjectListLoader(db, limits, SUBJECT_CONSENTS),
    specialApplications: subjectListLoader(db, limits, SUBJECT_APPLICATIONS),
    inquiryRecords: subjectListLoader(db, limits, SUBJECT_INQUIRIES),
  };
}
