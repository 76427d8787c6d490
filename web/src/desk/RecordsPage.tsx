import { useId, useState, type FormEvent } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { graphqlRequest, useRequestContext, type GraphQLRequestError } from '../app/graphql';
import { DeskSubmissionsDocument, type DeskSubmissionsQueryVariables, type DeskSubmittedRecordFragment } from '../gql/graphql';
import { formatDay, formatInstant } from './dates';
import { withdrawRecords, type WithdrawalReport } from './requests';
import { listsSubmitted, SECTORS, type Sector } from './sectors';
import { Done, Empty, ErrorState, Loading, useDocumentTitle } from './states';
import { useDesk } from './useDesk';
import { SectorTag } from './parts';

/** Records per page. */
const PAGE = 20;
/** The graph's bound on a withdrawal's reason (one line). */
const REASON_MAX = 500;
const SUBJECT_CODE = /^[0-9A-Z]{18}$/;

interface Search {
  readonly sector: Sector;
  /** One record type, or all the sector's the authority submits. */
  readonly recordType: string | null;
  /** One subject's code, or every subject. */
  readonly subject: string | null;
}

/**
 * The records this authority submitted (`<sector>Submissions`), one sector at a time, of one record type
 * and one subject when asked: the current version of each, newest change first, withdrawn ones too,
 * with what it says, its objection and repair marks, its whole history, and its withdrawal.
 */
export function RecordsPage() {
  const { t } = useTranslation('desk');
  useDocumentTitle(t('records.title'));
  const { submits, sectors } = useDesk();
  const context = useRequestContext();
  const id = useId();
  const [sector, setSector] = useState<Sector | ''>(sectors[0] ?? '');
  const [recordType, setRecordType] = useState('');
  const [subject, setSubject] = useState('');
  const [search, setSearch] = useState<Search | null>(sectors[0] ? { sector: sectors[0], recordType: null, subject: null } : null);
  const [done, setDone] = useState<string | null>(null);
  const subjectValid = subject.trim() === '' || SUBJECT_CODE.test(subject.trim().toUpperCase());

  const records = useInfiniteQuery({
    queryKey: ['DeskSubmissions', search, context.accessToken],
    enabled: search !== null,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => {
      const { sector: chosen, recordType: type, subject: code } = search!;
      const variables = {
        subject: code,
        first: PAGE,
        ...Object.fromEntries(
          SECTORS.flatMap((s) => [
            [s, s === chosen],
            [`${s}Type`, s === chosen ? type : null],
            [`${s}After`, s === chosen ? pageParam : null],
          ]),
        ),
      } as DeskSubmissionsQueryVariables;
      const result = await graphqlRequest(context, DeskSubmissionsDocument, variables);
      return result[`${chosen}Submissions`] ?? null;
    },
    getNextPageParam: (page) => (page?.pageInfo.hasNextPage ? page.pageInfo.endCursor : null),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (sector === '' || !subjectValid) return;
    setDone(null);
    setSearch({ sector, recordType: recordType === '' ? null : recordType, subject: subject.trim() === '' ? null : subject.trim().toUpperCase() });
  };

  if (sectors.length === 0) return <Empty>{t('noSectors')}</Empty>;
  const lists = sector === '' ? [] : listsSubmitted(submits, sector);
  const found = records.data?.pages.flatMap((page) => page?.nodes ?? []) ?? [];
  const total = records.data?.pages[0]?.totalCount ?? 0;

  return (
    <section aria-labelledby="desk-records-title">
      <h1 id="desk-records-title">{t('records.title')}</h1>
      <p className="muted">{t('records.intro')}</p>
      <form onSubmit={submit} className="desk-form desk-search">
        <div className="desk-search-fields">
          <div>
            <label htmlFor={`${id}-sector`}>{t('import.sector')}</label>
            <select
              id={`${id}-sector`}
              value={sector}
              onChange={(e) => {
                setSector(e.target.value as Sector);
                setRecordType('');
              }}
            >
              {sectors.map((s) => (
                <option key={s} value={s}>
                  {t(`sector.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-type`}>{t('import.list')}</label>
            <select id={`${id}-type`} value={recordType} onChange={(e) => setRecordType(e.target.value)}>
              <option value="">{t('records.allTypes')}</option>
              {lists.map((l) => (
                <option key={l.recordType} value={l.recordType}>
                  {t(`recordType.${l.recordType}`, { defaultValue: l.recordType })}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-code`}>{t('records.subjectCode')}</label>
            <input
              id={`${id}-code`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              maxLength={18}
              value={subject}
              onChange={(e) => setSubject(e.target.value)}
              aria-invalid={!subjectValid}
              aria-describedby={`${id}-code-hint`}
            />
          </div>
        </div>
        <p id={`${id}-code-hint`} className={subjectValid ? 'desk-hint' : 'desk-hint desk-invalid'}>
          {subjectValid ? t('records.subjectCodeHint') : t('records.badCode')}
        </p>
        <button type="submit" className="primary">
          {t('records.search')}
        </button>
      </form>
      {done && <Done onDismiss={() => setDone(null)}>{done}</Done>}
      {search === null ? null : records.isPending ? (
        <Loading />
      ) : records.isError ? (
        <ErrorState error={records.error} onRetry={() => void records.refetch()} />
      ) : found.length === 0 ? (
        <Empty>{t('records.none')}</Empty>
      ) : (
        <>
          <p className="desk-summary">{t('records.count', { count: total })}</p>
          <ol className="desk-queue">
            {found.map((record) => (
              <li key={record.id}>
                <RecordCard sector={search.sector} record={record} onWithdrawn={setDone} />
              </li>
            ))}
          </ol>
          {records.hasNextPage && (
            <button type="button" className="desk-more" onClick={() => void records.fetchNextPage()} disabled={records.isFetchingNextPage}>
              {records.isFetchingNextPage ? t('state.loading') : t('records.more', { shown: found.length, count: total })}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function RecordCard({ sector, record, onWithdrawn }: { sector: Sector; record: DeskSubmittedRecordFragment; onWithdrawn: (message: string) => void }) {
  const { t, i18n } = useTranslation('desk');
  const titleId = useId();
  const withdrawn = record.state === 'WITHDRAWN';
  return (
    <article className={`desk-card${withdrawn ? ' desk-card-withdrawn' : ''}`} aria-labelledby={titleId}>
      <h2 id={titleId} className="desk-card-title">
        <span>{t(`recordType.${record.recordType}`, { defaultValue: record.recordType })}</span>{' '}
        <span className="desk-document">{record.documentNumber ?? t('record.noDocumentNumber')}</span>
        <SectorTag sector={sector} />
        {withdrawn && <span className="badge danger">{t('records.withdrawnBadge')}</span>}
      </h2>
      <p className="desk-record-summary">{record.summary}</p>
      <dl className="desk-facts">
        <div>
          <dt>{t('records.subject')}</dt>
          <dd>
            <code>{record.subject}</code>
            {record.legacyCode && <span className="badge warn">{t('records.legacyCode')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('records.decisionDate')}</dt>
          <dd>{formatDay(record.decisionDate, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('records.version')}</dt>
          <dd>
            {t('record.version', { version: record.version })} · {t(`change.${record.change}`)}
          </dd>
        </div>
        <div>
          <dt>{t('records.recordedAt')}</dt>
          <dd>
            {formatInstant(record.recordedAt, i18n.language)}
            {record.recordedBy && <span className="muted"> · {record.recordedBy}</span>}
          </dd>
        </div>
        {record.changeReason && (
          <div className="desk-wide">
            <dt>{t('records.changeReason')}</dt>
            <dd>{record.changeReason}</dd>
          </div>
        )}
        <div>
          <dt>{t('records.marks')}</dt>
          <dd>
            <Marks record={record} />
          </dd>
        </div>
        <div>
          <dt>{t('records.publicityEndsOn')}</dt>
          <dd>{formatDay(record.publicityEndsOn, i18n.language)}</dd>
        </div>
      </dl>
      <History record={record} />
      {!withdrawn && record.documentNumber && <WithdrawForm sector={sector} record={record} onWithdrawn={onWithdrawn} />}
    </article>
  );
}

function Marks({ record }: { record: DeskSubmittedRecordFragment }) {
  const { t, i18n } = useTranslation('desk');
  if (record.objectionStatus === 'NONE' && record.repairStatus === 'NONE') return <span className="muted">—</span>;
  return (
    <>
      {record.objectionStatus !== 'NONE' && (
        <span className="badge warn">
          {t(`objectionMark.${record.objectionStatus}`)}
          {record.objectionDueOn && ` · ${t('records.answerBy', { day: formatDay(record.objectionDueOn, i18n.language) })}`}
        </span>
      )}{' '}
      {record.repairStatus !== 'NONE' && <span className="badge">{t(`repairMark.${record.repairStatus}`)}</span>}
    </>
  );
}

/** Every version, oldest first: what each did, why, who, when, and what it said. */
function History({ record }: { record: DeskSubmittedRecordFragment }) {
  const { t, i18n } = useTranslation('desk');
  const captionId = useId();
  return (
    <details className="desk-action">
      <summary>{t('records.history', { count: record.history.length })}</summary>
      <div className="desk-table-scroll">
        <table aria-labelledby={captionId}>
          <caption id={captionId} className="visually-hidden">
            {t('records.historyCaption', { document: record.documentNumber ?? record.id })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('records.version')}</th>
              <th scope="col">{t('records.change')}</th>
              <th scope="col">{t('records.recordedAt')}</th>
              <th scope="col">{t('records.recordedBy')}</th>
              <th scope="col">{t('records.changeReason')}</th>
              <th scope="col">{t('records.said')}</th>
            </tr>
          </thead>
          <tbody>
            {record.history.map((v) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td>{t(`change.${v.change}`)}</td>
                <td>{formatInstant(v.recordedAt, i18n.language)}</td>
                <td>{v.recordedBy ?? '—'}</td>
                <td>{v.changeReason ?? '—'}</td>
                <td>{v.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function WithdrawForm({ sector, record, onWithdrawn }: { sector: Sector; record: DeskSubmittedRecordFragment; onWithdrawn: (message: string) => void }) {
  const { t } = useTranslation('desk');
  const context = useRequestContext();
  const queryClient = useQueryClient();
  const id = useId();
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const documentNumber = record.documentNumber ?? '';
  const withdraw = useMutation<WithdrawalReport | null, GraphQLRequestError, void>({
    mutationFn: () => withdrawRecords(context, sector, record.recordType, [{ documentNumber, reason: reason.trim() }]),
    onSuccess: (report) => {
      onWithdrawn(t('records.withdrawn', { document: documentNumber, notices: report?.notices ?? 0 }));
      // The record stays listed, withdrawn; its objection and repair close with it.
      void queryClient.invalidateQueries();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '' || !confirmed) return;
    withdraw.mutate();
  };
  return (
    <details className="desk-action">
      <summary>{t('records.withdrawAction')}</summary>
      <form onSubmit={submit}>
        <label htmlFor={`${id}-reason`}>{t('records.withdrawReason')}</label>
        <input id={`${id}-reason`} type="text" required maxLength={REASON_MAX} value={reason} onChange={(e) => setReason(e.target.value)} />
        <div className="desk-confirm">
          <input type="checkbox" id={`${id}-confirm`} required checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
          <label htmlFor={`${id}-confirm`}>{t('records.confirmWithdraw', { document: documentNumber })}</label>
        </div>
        {withdraw.isError && <ErrorState error={withdraw.error} title={t('records.withdrawFailed')} />}
        <button type="submit" className="primary danger" disabled={withdraw.isPending}>
          {withdraw.isPending ? t('state.sending') : t('records.submitWithdraw')}
        </button>
      </form>
    </details>
  );
}
