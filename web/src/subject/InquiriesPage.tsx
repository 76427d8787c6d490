import { Suspense, lazy, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat, chinaToday } from '../app/format';
import { Empty, ErrorNotice, Loading } from '../app/ui';
import { PageTitle } from './PageTitle';
import { useSubjectCode } from './subject';
import { useAllInquiryRecords } from './inquiries';
import { chinaMonth, institutionOf, monthsBetween, monthlySeries, type InquiryRow } from './inquiryFigures';
import { enumLabel } from './values';

/**
 * /me/inquiries: who queried the subject's records, when and why. The graph keeps an inquiry record
 * of every request that disclosed more than public information; this page shows those of
 * institutions (the subject's own queries are left out, as the report leaves them out), over the
 * last two years or the last year: a chart per month by institution or by purpose, and the table.
 */
type Period = 'year' | 'twoYears';

/** ECharts is loaded with this page only, as a chunk of its own. */
const InquiryChart = lazy(() => import('./InquiryChart').then((module) => ({ default: module.InquiryChart })));
type GroupBy = 'institution' | 'purpose';

function startOf(period: Period): string {
  const today = chinaToday();
  const [year, month] = today.split('-').map(Number) as [number, number];
  const back = period === 'year' ? 11 : 23;
  const total = year * 12 + (month - 1) - back;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

export function InquiriesPage() {
  const { t } = useTranslation('subject');
  const code = useSubjectCode();
  const [period, setPeriod] = useState<Period>('twoYears');
  const firstMonth = startOf(period);
  const since = new Date(`${firstMonth}-01T00:00:00+08:00`).toISOString();
  const query = useAllInquiryRecords(code, since);
  return (
    <>
      <PageTitle lead={t('inquiries.lead')}>{t('inquiries.title')}</PageTitle>
      <fieldset className="segmented">
        <legend>{t('inquiries.period')}</legend>
        {(['twoYears', 'year'] as const).map((p) => (
          <label key={p}>
            <input type="radio" name="period" value={p} checked={period === p} onChange={() => setPeriod(p)} /> {t(`inquiries.periods.${p}`)}
          </label>
        ))}
      </fieldset>
      {query.isPending ? (
        <Loading />
      ) : query.error ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <InquiryView rows={query.data.rows.filter((row) => row.principalKind !== 'SUBJECT')} months={monthsBetween(firstMonth, chinaMonth(new Date().toISOString()))} truncated={query.data.rows.length < query.data.totalCount} />
      )}
    </>
  );
}

function InquiryView({ rows, months, truncated }: { rows: readonly InquiryRow[]; months: readonly string[]; truncated: boolean }) {
  const { t, i18n } = useTranslation('subject');
  const format = useFormat();
  const [groupBy, setGroupBy] = useState<GroupBy>('institution');
  const unnamed = t('inquiries.unnamed');
  const monthLabels = useMemo(() => {
    const formatter = new Intl.DateTimeFormat(format.locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
    return months.map((m) => formatter.format(new Date(`${m}-01T00:00:00Z`)));
  }, [months, format.locale]);
  const series = useMemo(
    () =>
      monthlySeries(
        rows,
        months,
        groupBy === 'institution' ? (row) => institutionOf(row, unnamed) : (row) => (row.purpose ? enumLabel(t, 'InquiryPurpose', row.purpose) : t('inquiries.noPurpose')),
        t('inquiries.other'),
      ),
    [rows, months, groupBy, unnamed, t],
  );
  if (rows.length === 0) return <Empty>{t('inquiries.none')}</Empty>;
  const institutions = new Set(rows.map((row) => institutionOf(row, unnamed))).size;
  const top = series[0];
  const summary = t(groupBy === 'institution' ? 'inquiries.summaryByInstitution' : 'inquiries.summaryByPurpose', {
    count: rows.length,
    institutions: t('inquiries.institutions', { count: institutions }),
    from: monthLabels[0],
    to: monthLabels[monthLabels.length - 1],
    top: top?.name ?? '',
    topCount: top?.total ?? 0,
  });
  return (
    <>
      <section aria-labelledby="inquiry-chart-title" className="panel">
        <h2 id="inquiry-chart-title">{t('inquiries.chartTitle')}</h2>
        <fieldset className="segmented">
          <legend>{t('inquiries.groupBy')}</legend>
          {(['institution', 'purpose'] as const).map((g) => (
            <label key={g}>
              <input type="radio" name="group-by" value={g} checked={groupBy === g} onChange={() => setGroupBy(g)} /> {t(`inquiries.groups.${g}`)}
            </label>
          ))}
        </fieldset>
        <p id="inquiry-summary">{summary}</p>
        <Suspense fallback={<Loading />}>
          <InquiryChart months={months} monthLabels={monthLabels} series={series} label={summary} locale={i18n.language} />
        </Suspense>
        <details>
          <summary>{t('inquiries.chartAsTable')}</summary>
          <div className="table-scroll" role="region" aria-label={t('inquiries.chartAsTable')} tabIndex={0}>
            <table>
              <caption className="visually-hidden">{t('inquiries.chartAsTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`inquiries.groups.${groupBy}`)}</th>
                  <th scope="col" className="num">{t('inquiries.total')}</th>
                  {monthLabels.map((m) => (
                    <th key={m} scope="col" className="num">
                      {m}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {series.map((s) => (
                  <tr key={s.name}>
                    <th scope="row">{s.name}</th>
                    <td className="num">{format.number(s.total)}</td>
                    {s.counts.map((c, i) => (
                      <td key={i} className="num">
                        {c === 0 ? '' : format.number(c)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </section>
      <h2>{t('inquiries.tableTitle')}</h2>
      {truncated ? <p className="muted">{t('inquiries.truncated', { count: rows.length })}</p> : null}
      <div className="table-scroll" role="region" aria-label={t('inquiries.tableTitle')} tabIndex={0}>
        <table>
          <caption className="visually-hidden">{t('inquiries.tableTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('inquiries.occurredAt')}</th>
              <th scope="col">{t('inquiries.institution')}</th>
              <th scope="col">{t('inquiries.kind')}</th>
              <th scope="col">{t('inquiries.purpose')}</th>
              <th scope="col">{t('inquiries.categories')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>{format.dateTime(row.occurredAt)}</td>
                <td>
                  {institutionOf(row, unnamed)}
                  {row.staff ? <div className="muted small">{t('inquiries.staff', { staff: row.staff })}</div> : null}
                </td>
                <td>{enumLabel(t, 'PrincipalKind', row.principalKind)}</td>
                <td>{row.purpose ? enumLabel(t, 'InquiryPurpose', row.purpose) : '—'}</td>
                <td>
                  <ul className="plain">
                    {row.categories.map((c) => (
                      <li key={c}>{t(`category.${c}`, { defaultValue: c })}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
