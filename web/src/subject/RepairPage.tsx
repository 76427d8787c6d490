import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MyRepairApplicationsDocument, type MyRepairApplicationFragment } from '../gql/graphql';
import { useGraphQLQuery } from '../app/graphql';
import { useFormat } from '../app/format';
import { QueryState } from '../app/ui';
import { PageTitle } from './PageTitle';
import { useSubjectCode } from './subject';
import { acrossSectors } from './sectors';
import { RepairBadge, recordTypeLabel } from './values';

/** /me/repair: the subject's applications for credit repair in every sector, with their decisions. */
export function RepairPage() {
  const { t } = useTranslation('subject');
  const format = useFormat();
  const code = useSubjectCode();
  const query = useGraphQLQuery(MyRepairApplicationsDocument, { code });
  return (
    <>
      <PageTitle lead={t('repairs.lead')}>{t('repairs.title')}</PageTitle>
      <p>
        <Link to="/me/records">{t('repairs.applyNew')}</Link>
      </p>
      <QueryState query={query}>
        {(data) => {
          const rows = acrossSectors<MyRepairApplicationFragment>(data.subject, 'repairApplications', 'listingRepairApplications', (a) => a.appliedAt);
          if (rows.length === 0) return <p className="state empty">{t('repairs.none')}</p>;
          return (
            <ul className="cards">
              {rows.map(({ sector, row: application }) => (
                <li key={application.id}>
                  <article className="record-card" aria-label={`${recordTypeLabel(t, application.recordType)} ${application.documentNumber ?? ''}`}>
                    <header>
                      <h2 className="card-title">
                        {recordTypeLabel(t, application.recordType)} · {application.documentNumber ?? t('records.noDocumentNumber')}
                      </h2>
                      <div className="marks">
                        <RepairBadge status={application.status} enumName="RepairApplicationStatus" />
                      </div>
                    </header>
                    <dl className="record-fields">
                      <div>
                        <dt>{t('summary.sector')}</dt>
                        <dd>{t(`sector.${sector}`)}</dd>
                      </div>
                      <div>
                        <dt>{t('field.sourceAuthority')}</dt>
                        <dd>{application.sourceAuthority.name}</dd>
                      </div>
                      <div>
                        <dt>{t('repairs.appliedAt')}</dt>
                        <dd>{format.dateTime(application.appliedAt)}</dd>
                      </div>
                      <div className="wide">
                        <dt>{t('repair.measures')}</dt>
                        <dd className="prose">{application.measures}</dd>
                      </div>
                      <div className="wide">
                        <dt>{t('repair.commitment')}</dt>
                        <dd className="prose">{application.commitment}</dd>
                      </div>
                    </dl>
                    {application.decision ? (
                      <div className="answer">
                        <h3>{t('repairs.decision', { decidedAt: format.dateTime(application.decidedAt) })}</h3>
                        <p className="prose">{application.decision}</p>
                      </div>
                    ) : (
                      <p className="muted">{t('repairs.awaiting')}</p>
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
