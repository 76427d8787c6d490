import { useState, type FormEvent, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  CreditReportDocument, SetReportStatementDocument, WithdrawReportStatementDocument,
  type CreditReportQuery, type EnvelopeFragment,
} from '../gql/graphql';
import { queryKeyOf, useGraphQLMutation, useGraphQLQuery, useRequestContext } from '../app/graphql';
import { useFormat } from '../app/format';
import { Confirmation, Empty, ErrorNotice, Loading, TextField } from '../app/ui';
import { PageTitle } from './PageTitle';
import { useSubjectCode } from './subject';
import { SECTORS, type RecordList, type SectorKey } from './sectors';
import { SummaryTable } from './OverviewPage';
import { ObjectionBadge, RepairBadge, displayValue, enumLabel } from './values';
import { downloadReportPdf } from './reportDownload';
import { checkText } from './text';

/**
 * /me/report: the subject's own credit report, the same operation and the same sections as the PDF
 * (`GET /reports/<code>.pdf`, operations/credit-report.graphql): report information, identity, the
 * summary by sector, the records in force by sector, public information (the registry's lists), who
 * queried in the last two years, and the subject's statement on the report. Every report is issued
 * and counted (free twice a year), so the page issues one only when the subject asks.
 */

type Report = NonNullable<CreditReportQuery['creditReport']>;
type ReportSubject = NonNullable<Report['subject']>;

export function ReportPage() {
  const { t } = useTranslation('subject');
  const code = useSubjectCode();
  const [asked, setAsked] = useState(false);
  const query = useGraphQLQuery(CreditReportDocument, { code }, { enabled: asked, staleTime: Infinity, gcTime: Infinity });
  const report = query.data?.creditReport;
  return (
    <>
      <PageTitle lead={t('report.lead')}>{t('report.title')}</PageTitle>
      <div className="toolbar">
        {report ? (
          <button type="button" className="secondary" disabled={query.isFetching} onClick={() => void query.refetch()}>
            {t('report.reissue')}
          </button>
        ) : (
          <button type="button" className="primary" disabled={query.isFetching} onClick={() => setAsked(true)}>
            {t('report.issue')}
          </button>
        )}
        <PdfButton code={code} />
      </div>
      <p className="hint">{t('report.issueHint')}</p>
      {query.isFetching ? <Loading label={t('report.issuing')} /> : null}
      {query.error ? <ErrorNotice error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data && !report ? <Empty>{t('report.none')}</Empty> : null}
      {report ? <ReportView report={report} /> : null}
    </>
  );
}

function PdfButton({ code }: { code: string }) {
  const { t } = useTranslation('subject');
  const context = useRequestContext();
  const [state, setState] = useState<{ kind: 'idle' | 'busy' | 'done' } | { kind: 'error'; error: unknown }>({ kind: 'idle' });
  const download = async () => {
    setState({ kind: 'busy' });
    try {
      await downloadReportPdf(context, code);
      setState({ kind: 'done' });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  };
  return (
    <>
      <button type="button" className="secondary" disabled={state.kind === 'busy'} onClick={() => void download()}>
        {state.kind === 'busy' ? t('report.downloading') : t('report.downloadPdf')}
      </button>
      <div className="toolbar-status">
        {state.kind === 'done' ? <Confirmation>{t('report.downloaded')}</Confirmation> : null}
        {state.kind === 'error' ? <ErrorNotice error={state.error} title={t('report.downloadFailed')} /> : null}
      </div>
    </>
  );
}

function ReportView({ report }: { report: Report }) {
  const { t } = useTranslation('subject');
  const format = useFormat();
  const subject = report.subject;
  return (
    <article className="report" aria-label={t('report.title')}>
      <section aria-labelledby="report-info">
        <h2 id="report-info">{t('report.sections.info')}</h2>
        <dl className="facts">
          <Fact label={t('report.number')} value={<span className="code">{report.id}</span>} />
          <Fact label={t('report.generatedAt')} value={format.dateTime(report.generatedAt)} />
          <Fact label={t('report.requester')} value={report.requestedBy.institution ?? enumLabel(t, 'PrincipalKind', report.requestedBy.kind)} />
          <Fact label={t('report.purpose')} value={report.purpose ? enumLabel(t, 'InquiryPurpose', report.purpose) : '—'} />
          {report.selfReports ? (
            <Fact
              label={t('report.selfReports')}
              value={t(report.selfReports.charged ? 'report.selfReportsCharged' : 'report.selfReportsFree', {
                year: report.selfReports.year,
                used: report.selfReports.used,
                free: report.selfReports.freePerYear,
                remaining: report.selfReports.freeRemaining,
              })}
            />
          ) : null}
        </dl>
      </section>
      {subject ? <SubjectSections subject={subject} /> : <Empty>{t('report.noSubject')}</Empty>}
      <section aria-labelledby="report-inquiries">
        <h2 id="report-inquiries">{t('report.sections.inquiries')}</h2>
        {!report.inquiries || report.inquiries.length === 0 ? (
          <Empty>{t('report.noInquiries')}</Empty>
        ) : (
          <div className="table-scroll" role="region" aria-labelledby="report-inquiries" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('inquiries.institution')}</th>
                  <th scope="col">{t('report.inquiryDate')}</th>
                  <th scope="col">{t('inquiries.purpose')}</th>
                </tr>
              </thead>
              <tbody>
                {report.inquiries.map((inquiry, i) => (
                  <tr key={i}>
                    <td>{inquiry.institution}</td>
                    <td>{format.date(inquiry.date)}</td>
                    <td>{inquiry.purpose ? enumLabel(t, 'InquiryPurpose', inquiry.purpose) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <ReportStatementSection statement={report.statement} />
    </article>
  );
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function SubjectSections({ subject }: { subject: ReportSubject }) {
  const { t } = useTranslation('subject');
  const format = useFormat();
  const summaries: Record<SectorKey, ReportSubject['listingSummary']> = {
    registry: subject.listingSummary,
    taxation: subject.taxation?.recordSummary ?? null,
    finance: subject.finance?.recordSummary ?? null,
    construction: subject.construction?.recordSummary ?? null,
    ecommerce: subject.ecommerce?.recordSummary ?? null,
    healthcare: subject.healthcare?.recordSummary ?? null,
  };
  const registry = SECTORS.find((sector) => sector.key === 'registry')!;
  return (
    <>
      <section aria-labelledby="report-identity">
        <h2 id="report-identity">{t('report.sections.identity')}</h2>
        <dl className="facts">
          <Fact label={t('field.name')} value={subject.name} />
          <Fact label={t('field.code')} value={<span className="code">{subject.code}</span>} />
          <Fact label={t('field.codeType')} value={enumLabel(t, 'SubjectCodeType', subject.codeType)} />
          <Fact label={t('field.kind')} value={enumLabel(t, 'SubjectKind', subject.kind)} />
          <Fact label={t('field.status')} value={enumLabel(t, 'SubjectStatus', subject.status)} />
          <Fact label={t('field.establishedOn')} value={format.date(subject.establishedOn)} />
          <Fact label={t('field.registeredCapital')} value={format.amount(subject.registeredCapital)} />
          <Fact label={t('field.legalRepresentative')} value={subject.legalRepresentative?.name ?? '—'} />
          <Fact label={t('field.region')} value={t('report.region', { name: subject.region.name, code: subject.region.code })} />
          <Fact label={t('field.industry')} value={subject.industry ?? '—'} />
          <Fact label={t('field.registrationAuthority')} value={subject.registrationAuthority ?? '—'} />
          <Fact label={t('field.address')} value={subject.address ?? '—'} />
        </dl>
      </section>
      <section aria-labelledby="report-summary">
        <h2 id="report-summary">{t('report.sections.summary')}</h2>
        <SummaryTable summaries={summaries} caption={t('overview.summaryCaption')} hideCaption />
      </section>
      <section aria-labelledby="report-records">
        <h2 id="report-records">{t('report.sections.records')}</h2>
        {SECTORS.filter((sector) => sector.key !== 'registry').map((sector) => {
          const profile = subject[sector.key as Exclude<SectorKey, 'registry'>] as Record<string, unknown> | null;
          return (
            <section key={sector.key} aria-labelledby={`report-${sector.key}`}>
              <h3 id={`report-${sector.key}`}>{t(`sector.${sector.key}`)}</h3>
              {profile ? sector.lists.map((list) => <ReportList key={list.field} list={list} connection={profile[list.field] as ReportConnection | null} />) : <Empty>{t('summary.unavailable')}</Empty>}
            </section>
          );
        })}
      </section>
      <section aria-labelledby="report-public">
        <h2 id="report-public">{t('report.sections.public')}</h2>
        {registry.lists.map((list) => (
          <ReportList key={list.field} list={list} connection={(subject as unknown as Record<string, ReportConnection | null>)[list.field] ?? null} />
        ))}
      </section>
    </>
  );
}

type ReportRecord = EnvelopeFragment & Record<string, unknown>;
type ReportConnection = { totalCount: number; nodes: ReportRecord[] };

/** One list of the report: its records in force in a table, each with its marks and statement. */
function ReportList({ list, connection }: { list: RecordList; connection: ReportConnection | null }) {
  const { t } = useTranslation('subject');
  const format = useFormat();
  const title = t(`list.${list.field}`);
  if (!connection) return <p className="muted">{t('report.listUnavailable', { list: title })}</p>;
  if (connection.totalCount === 0) return <p className="report-empty-list">{t('report.listNone', { list: title })}</p>;
  // The report selects a subset of each record's fields: show the columns it holds.
  const columns = list.columns.filter((column) => connection.nodes.some((node) => column.field in node));
  return (
    <div className="table-scroll" role="region" aria-label={title} tabIndex={0}>
      <table className="report-table">
        <caption>
          {title} <span className="count">{t('records.count', { count: connection.totalCount })}</span>
          {connection.totalCount > connection.nodes.length ? <span className="muted"> {t('records.showingFirst', { shown: connection.nodes.length, total: connection.totalCount })}</span> : null}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('field.documentNumber')}</th>
            <th scope="col">{t('field.decisionDate')}</th>
            {columns.map((column) => (
              <th key={column.field} scope="col">
                {t(`field.${column.field}`)}
              </th>
            ))}
            <th scope="col">{t('field.sourceAuthority')}</th>
            <th scope="col">{t('field.publicityEndsOn')}</th>
            <th scope="col">{t('report.marks')}</th>
            <th scope="col">{t('field.statement')}</th>
          </tr>
        </thead>
        <tbody>
          {connection.nodes.map((record, i) => (
            <tr key={`${record.documentNumber ?? ''}-${i}`}>
              <td>{record.documentNumber ?? '—'}</td>
              <td>{format.date(record.decisionDate)}</td>
              {columns.map((column) => (
                <td key={column.field}>{displayValue(column, record[column.field], format, t)}</td>
              ))}
              <td>{record.sourceAuthority.name}</td>
              <td>{format.date(record.publicityEndsOn)}</td>
              <td>
                <span className="marks">
                  <ObjectionBadge status={record.objectionStatus} />
                  <RepairBadge status={record.repairStatus} />
                </span>
              </td>
              <td>{record.statement?.text ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The subject's statement on its whole report (本人声明): shown, replaced or withdrawn from here. */
function ReportStatementSection({ statement }: { statement: Report['statement'] }) {
  const { t } = useTranslation('subject');
  const format = useFormat();
  const code = useSubjectCode();
  const client = useQueryClient();
  const context = useRequestContext();
  const set = useGraphQLMutation(SetReportStatementDocument);
  const withdraw = useGraphQLMutation(WithdrawReportStatementDocument);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(statement?.text ?? '');
  const [submitted, setSubmitted] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const error = checkText(t, text, { max: 200, multiline: true, required: true });
  // The issued report shows the statement as it was; the page shows the new one without issuing another.
  const showStatement = (next: Report['statement']) =>
    client.setQueryData<CreditReportQuery>(queryKeyOf(CreditReportDocument, { code }, context.accessToken), (old) =>
      old?.creditReport ? { creditReport: { ...old.creditReport, statement: next } } : old,
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (error) return;
    set.mutate(
      { subject: code, text: text.trim() },
      {
        onSuccess: (data) => {
          showStatement(data.setReportStatement ?? null);
          setEditing(false);
          setDone(t(statement ? 'statement.replaced' : 'statement.attached'));
        },
      },
    );
  };
  return (
    <section aria-labelledby="report-statement">
      <h2 id="report-statement">{t('report.sections.statement')}</h2>
      {done ? <Confirmation>{done}</Confirmation> : null}
      {statement ? (
        <blockquote className="statement">
          <p className="statement-label">{t('records.statement', { madeAt: format.dateTime(statement.madeAt) })}</p>
          <p className="prose">{statement.text}</p>
        </blockquote>
      ) : (
        <Empty>{t('report.noStatement')}</Empty>
      )}
      {withdraw.error ? <ErrorNotice error={withdraw.error} title={t('statement.withdrawFailed')} /> : null}
      {editing ? (
        <form className="record-form" onSubmit={submit} noValidate aria-label={t('report.statementFormTitle')}>
          <TextField label={t('statement.text')} value={text} onChange={setText} multiline required max={200} hint={t('report.statementHint')} error={submitted ? error : null} />
          {set.error ? <ErrorNotice error={set.error} title={t('statement.failed')} /> : null}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={set.isPending}>
              {set.isPending ? t('form.sending') : t('statement.submit')}
            </button>
            <button type="button" className="secondary" onClick={() => setEditing(false)}>
              {t('form.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="record-actions">
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setDone(null);
              setText(statement?.text ?? '');
              setEditing(true);
            }}
          >
            {statement ? t('records.editStatement') : t('records.addStatement')}
          </button>
          {statement ? (
            <button
              type="button"
              className="secondary"
              disabled={withdraw.isPending}
              onClick={() =>
                withdraw.mutate(
                  { subject: code },
                  {
                    onSuccess: () => {
                      showStatement(null);
                      setDone(t('statement.withdrawn'));
                    },
                  },
                )
              }
            >
              {t('statement.withdraw')}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}
