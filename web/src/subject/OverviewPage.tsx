import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MyOverviewDocument, type OverviewSummaryFragment } from '../gql/graphql';
import { useGraphQLQuery } from '../app/graphql';
import { useFormat } from '../app/format';
import { QueryState } from '../app/ui';
import { PageTitle } from './PageTitle';
import { useSubjectCode } from './subject';
import { SECTORS, type SectorKey } from './sectors';
import { enumLabel } from './values';

/** /me: who the subject is, and each sector's records in figures, with the way to each page. */
export function OverviewPage() {
  const { t } = useTranslation('subject');
  const code = useSubjectCode();
  const query = useGraphQLQuery(MyOverviewDocument, { code });
  return (
    <>
      <PageTitle lead={t('overview.lead')}>{t('overview.title')}</PageTitle>
      <QueryState query={query} isEmpty={(data) => data.subject === null} empty={t('overview.unknownSubject', { code })}>
        {(data) => {
          const subject = data.subject!;
          const summaries: Record<SectorKey, OverviewSummaryFragment | null | undefined> = {
            registry: subject.listingSummary,
            taxation: subject.taxation?.recordSummary,
            finance: subject.finance?.recordSummary,
            construction: subject.construction?.recordSummary,
            ecommerce: subject.ecommerce?.recordSummary,
            healthcare: subject.healthcare?.recordSummary,
          };
          return (
            <>
              <dl className="facts">
                <div>
                  <dt>{t('field.name')}</dt>
                  <dd>{subject.name}</dd>
                </div>
                <div>
                  <dt>{t('field.code')}</dt>
                  <dd className="code">{subject.code}</dd>
                </div>
                <div>
                  <dt>{t('field.kind')}</dt>
                  <dd>{enumLabel(t, 'SubjectKind', subject.kind)}</dd>
                </div>
                <div>
                  <dt>{t('field.status')}</dt>
                  <dd>{enumLabel(t, 'SubjectStatus', subject.status)}</dd>
                </div>
              </dl>
              <SummaryTable summaries={summaries} caption={t('overview.summaryCaption')} linkToRecords />
              <h2>{t('overview.actionsTitle')}</h2>
              <ul className="action-links">
                {(['report', 'records', 'objections', 'repair', 'consents', 'inquiries', 'notices'] as const).map((page) => (
                  <li key={page}>
                    <Link to={`/me/${page}`}>{t(`nav.${page}`)}</Link>
                    <span className="muted"> — {t(`overview.actions.${page}`)}</span>
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </QueryState>
    </>
  );
}

/** Each sector's summary in one table, as the report's "summary by sector" section shows it. */
export function SummaryTable({
  summaries,
  caption,
  linkToRecords = false,
  hideCaption = false,
}: {
  summaries: Record<SectorKey, OverviewSummaryFragment | null | undefined>;
  caption: string;
  linkToRecords?: boolean;
  /** The caption is for assistive technology only (a heading above already says it). */
  hideCaption?: boolean;
}) {
  const { t } = useTranslation('subject');
  const format = useFormat();
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption className={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('summary.sector')}</th>
            <th scope="col" className="num">{t('summary.recordsInForce')}</th>
            <th scope="col" className="num">{t('summary.negativeInForce')}</th>
            <th scope="col" className="num">{t('summary.underObjection')}</th>
            <th scope="col" className="num">{t('summary.repaired')}</th>
            <th scope="col">{t('summary.latestDecisionOn')}</th>
            <th scope="col">{t('summary.worstState')}</th>
          </tr>
        </thead>
        <tbody>
          {SECTORS.map(({ key }) => {
            const summary = summaries[key];
            const name = t(`sector.${key}`);
            return (
              <tr key={key}>
                <th scope="row">{linkToRecords ? <Link to={`/me/records/${key}`}>{name}</Link> : name}</th>
                {summary ? (
                  <>
                    <td className="num">{format.number(summary.recordsInForce)}</td>
                    <td className="num">{summary.negativeInForce > 0 ? <strong className="danger-text">{format.number(summary.negativeInForce)}</strong> : format.number(0)}</td>
                    <td className="num">{format.number(summary.underObjection)}</td>
                    <td className="num">{format.number(summary.repaired)}</td>
                    <td>{format.date(summary.latestDecisionOn)}</td>
                    <td>{summary.worstState ? enumLabel(t, key === 'construction' ? 'BehaviourSeverity' : 'LoanClassification', summary.worstState) : '—'}</td>
                  </>
                ) : (
                  <td colSpan={6} className="muted">{t('summary.unavailable')}</td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
