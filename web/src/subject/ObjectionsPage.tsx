import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MyObjectionsDocument, type MyObjectionFragment } from '../gql/graphql';
import { useGraphQLQuery } from '../app/graphql';
import { useFormat } from '../app/format';
import { Badge, QueryState } from '../app/ui';
import { PageTitle } from './PageTitle';
import { useSubjectCode } from './subject';
import { acrossSectors } from './sectors';
import { ObjectionBadge, recordTypeLabel } from './values';

/** /me/objections: the subject's objections in every sector, newest first: state, due day, answer. */
export function ObjectionsPage() {
  const { t } = useTranslation('subject');
  const format = useFormat();
  const code = useSubjectCode();
  const query = useGraphQLQuery(MyObjectionsDocument, { code });
  return (
    <>
      <PageTitle lead={t('objections.lead')}>{t('objections.title')}</PageTitle>
      <p>
        <Link to="/me/records">{t('objections.fileNew')}</Link>
      </p>
      <QueryState query={query}>
        {(data) => {
          const rows = acrossSectors<MyObjectionFragment>(data.subject, 'objections', 'listingObjections', (o) => o.filedAt);
          if (rows.length === 0) return <p className="state empty">{t('objections.none')}</p>;
          return (
            <ul className="cards">
              {rows.map(({ sector, row: objection }) => (
                <li key={objection.id}>
                  <article className="record-card" aria-label={`${recordTypeLabel(t, objection.recordType)} ${objection.documentNumber ?? ''}`}>
                    <header>
                      <h2 className="card-title">
                        {recordTypeLabel(t, objection.recordType)} · {objection.documentNumber ?? t('records.noDocumentNumber')}
                      </h2>
                      <div className="marks">
                        <ObjectionBadge status={objection.status} enumName="ObjectionState" />
                        {objection.overdue ? <Badge tone="danger">{t('objections.overdue')}</Badge> : null}
                      </div>
                    </header>
                    <dl className="record-fields">
                      <div>
                        <dt>{t('summary.sector')}</dt>
                        <dd>{t(`sector.${sector}`)}</dd>
                      </div>
                      <div>
                        <dt>{t('field.sourceAuthority')}</dt>
                        <dd>{objection.sourceAuthority.name}</dd>
                      </div>
                      <div>
                        <dt>{t('objections.filedAt')}</dt>
                        <dd>{format.dateTime(objection.filedAt)}</dd>
                      </div>
                      <div>
                        <dt>{t('objections.dueOn')}</dt>
                        <dd>{format.date(objection.dueOn)}</dd>
                      </div>
                      <div className="wide">
                        <dt>{t('objection.reason')}</dt>
                        <dd>{objection.reason}</dd>
                      </div>
                      {objection.evidence ? (
                        <div className="wide">
                          <dt>{t('objection.evidence')}</dt>
                          <dd className="prose">{objection.evidence}</dd>
                        </div>
                      ) : null}
                    </dl>
                    {objection.answer ? (
                      <div className="answer">
                        <h3>{t('objections.answer', { answeredAt: format.dateTime(objection.answeredAt) })}</h3>
                        <p className="prose">{objection.answer}</p>
                      </div>
                    ) : (
                      <p className="muted">{t('objections.awaiting', { dueOn: format.date(objection.dueOn) })}</p>
                    )}
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
