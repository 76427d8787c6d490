import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MyStatementsDocument, type MyStatementFragment } from '../gql/graphql';
import { useGraphQLQuery } from '../app/graphql';
import { useFormat } from '../app/format';
import { Badge, QueryState } from '../app/ui';
import { PageTitle } from './PageTitle';
import { useSubjectCode } from './subject';
import { acrossSectors } from './sectors';
import { enumLabel, recordTypeLabel } from './values';

/** /me/statements: every statement the subject made on its records, current, replaced and withdrawn. */
export function StatementsPage() {
  const { t } = useTranslation('subject');
  const format = useFormat();
  const code = useSubjectCode();
  const query = useGraphQLQuery(MyStatementsDocument, { code });
  return (
    <>
      <PageTitle lead={t('statements.lead')}>{t('statements.title')}</PageTitle>
      <p>
        <Link to="/me/records">{t('statements.addNew')}</Link> · <Link to="/me/report">{t('statements.reportStatement')}</Link>
      </p>
      <QueryState query={query}>
        {(data) => {
          const rows = acrossSectors<MyStatementFragment>(data.subject, 'statements', 'listingStatements', (s) => s.madeAt);
          if (rows.length === 0) return <p className="state empty">{t('statements.none')}</p>;
          return (
            <div className="table-scroll" role="region" aria-label={t('statements.title')} tabIndex={0}>
              <table>
                <caption className="visually-hidden">{t('statements.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('summary.sector')}</th>
                    <th scope="col">{t('statements.record')}</th>
                    <th scope="col">{t('statement.text')}</th>
                    <th scope="col">{t('statements.madeAt')}</th>
                    <th scope="col">{t('statements.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map(({ sector, row }) => (
                    <tr key={row.id}>
                      <td>{t(`sector.${sector}`)}</td>
                      <td>{recordTypeLabel(t, row.recordType)}</td>
                      <td className="prose">{row.text ?? '—'}</td>
                      <td>{format.dateTime(row.madeAt)}</td>
                      <td>
                        <Badge tone={row.state === 'CURRENT' ? 'ok' : 'neutral'}>{enumLabel(t, 'StatementState', row.state)}</Badge>
                        {row.endedAt ? <div className="muted small">{format.dateTime(row.endedAt)}</div> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </QueryState>
    </>
  );
}
