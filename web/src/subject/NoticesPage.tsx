import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MyNoticesDocument, type MyNoticeFragment } from '../gql/graphql';
import { useGraphQLQuery } from '../app/graphql';
import { useFormat } from '../app/format';
import { QueryState } from '../app/ui';
import { PageTitle } from './PageTitle';
import { useSubjectCode } from './subject';
import { acrossSectors } from './sectors';
import { enumLabel, recordTypeLabel } from './values';

/** /me/notices: the notices of negative records the subject was sent (CIR Art. 15), newest first. */
export function NoticesPage() {
  const { t } = useTranslation('subject');
  const format = useFormat();
  const code = useSubjectCode();
  const query = useGraphQLQuery(MyNoticesDocument, { code });
  return (
    <>
      <PageTitle lead={t('notices.lead')}>{t('notices.title')}</PageTitle>
      <QueryState query={query}>
        {(data) => {
          const rows = acrossSectors<MyNoticeFragment>(data.subject, 'notices', 'listingNotices', (n) => n.issuedAt);
          if (rows.length === 0) return <p className="state empty">{t('notices.none')}</p>;
          return (
            <ul className="cards">
              {rows.map(({ sector, row: notice }) => (
                <li key={notice.id}>
                  <article className="record-card" aria-label={notice.summary}>
                    <header>
                      <h2 className="card-title">{notice.summary}</h2>
                      <span className="badge neutral">{enumLabel(t, 'RecordChange', notice.change)}</span>
                    </header>
                    <dl className="record-fields">
                      <div>
                        <dt>{t('notices.issuedAt')}</dt>
                        <dd>{format.dateTime(notice.issuedAt)}</dd>
                      </div>
                      <div>
                        <dt>{t('summary.sector')}</dt>
                        <dd>{t(`sector.${sector}`)}</dd>
                      </div>
                      <div>
                        <dt>{t('notices.recordType')}</dt>
                        <dd>{recordTypeLabel(t, notice.recordType)}</dd>
                      </div>
                      <div>
                        <dt>{t('field.documentNumber')}</dt>
                        <dd>{notice.documentNumber}</dd>
                      </div>
                      <div>
                        <dt>{t('field.decisionDate')}</dt>
                        <dd>{format.date(notice.decisionDate)}</dd>
                      </div>
                      <div>
                        <dt>{t('field.sourceAuthority')}</dt>
                        <dd>{notice.sourceAuthority.name}</dd>
                      </div>
                    </dl>
                    <details>
                      <summary>{t('notices.howToObject')}</summary>
                      <p className="prose">{notice.howToObject}</p>
                    </details>
                    {notice.change !== 'WITHDRAWN' ? (
                      <p>
                        <Link className="button secondary" to={`/me/records/${sector}?record=${encodeURIComponent(notice.recordId)}`}>
                          {t('notices.viewRecord')}
                        </Link>
                      </p>
                    ) : null}
                  </article>
                </li>
              ))}
            </ul>
          );
        }}
      </QueryState>
    </>
  );
}
