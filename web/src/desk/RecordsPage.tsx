import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useGraphQLQuery, useRequestContext, type GraphQLRequestError } from '../app/graphql';
import { DeskSubjectRecordsDocument, type DeskRecordVersionFragment, type DeskSubjectRecordsQuery } from '../gql/graphql';
import { formatDay, formatInstant } from './dates';
import { withdrawRecords, type WithdrawalReport } from './requests';
import { listsSubmitted, type RecordListInfo, type Sector } from './sectors';
import { Done, Empty, ErrorState, Loading, useDocumentTitle } from './states';
import { useDesk } from './useDesk';
import { SectorTag } from './parts';

/** Records read per list: the graph's largest page. */
const FIRST = 100;
/** The graph's bound on a withdrawal's reason (one line). */
const REASON_MAX = 500;
const SUBJECT_CODE = /^[0-9A-Z]{18}$/;

type Subject = NonNullable<DeskSubjectRecordsQuery['subject']>;
interface RecordPage {
  readonly totalCount: number;
  readonly nodes: readonly DeskRecordVersionFragment[];
}

/** A list of the subject as the query returned it: the registry's hang off the subject, the others off its sector's profile. */
function pageOf(subject: Subject, sector: Sector, list: string): RecordPage | null {
  const holder = (sector === 'registry' ? subject : subject[sector]) as Record<string, unknown> | null | undefined;
  return (holder?.[list] as RecordPage | null | undefined) ?? null;
}

interface OwnList {
  readonly sector: Sector;
  readonly list: RecordListInfo;
  readonly records: readonly DeskRecordVersionFragment[];
  /** The list had more records than one page. */
  readonly more: boolean;
}

/**
 * The authority's own records of one subject, in the sectors it submits to: the current version of
 * each (its number, what it did, when), its objection and repair marks, and its withdrawal, as the
 * graph serves them to a source authority.
 */
export function RecordsPage() {
  const { t, i18n } = useTranslation('desk');
  useDocumentTitle(t('records.title'));
  const { principal, submits, sectors } = useDesk();
  const id = useId();
  const [input, setInput] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The sectors with PUBLIC lists (the registry has none): the query asks only those the authority submits to.
  const included = {
    finance: sectors.includes('finance'),
    taxation: sectors.includes('taxation'),
    construction: sectors.includes('construction'),
    ecommerce: sectors.includes('ecommerce'),
    healthcare: sectors.includes('healthcare'),
  };
  const readable = sectors.flatMap((s) => listsSubmitted(submits, s).filter((l) => l.readable));
  const records = useGraphQLQuery(
    DeskSubjectRecordsDocument,
    { code: code ?? '', first: FIRST, ...included },
    { enabled: code !== null && SUBJECT_CODE.test(code) && readable.length > 0 },
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalized = input.trim().toUpperCase();
    setDone(null);
    setCode(normalized);
  };

  const hidden = sectors.flatMap((s) => listsSubmitted(submits, s).filter((l) => !l.readable));
  const subject = records.data?.subject ?? null;
  const own: OwnList[] = subject
    ? sectors.flatMap((sector) =>
        listsSubmitted(submits, sector)
          .filter((l) => l.readable)
          .map((list) => {
            const page = pageOf(subject, sector, list.list);
            const nodes = page?.nodes ?? [];
            return {
              sector,
              list,
              records: nodes.filter((r) => r.sourceAuthority.code === principal.organization),
              more: (page?.totalCount ?? 0) > nodes.length,
            };
          }),
      )
    : [];
  const total = own.reduce((n, l) => n + l.records.length, 0);

  return (
    <section aria-labelledby="desk-records-title">
      <h1 id="desk-records-title">{t('records.title')}</h1>
      <p className="muted">{t('records.intro')}</p>
      {readable.length === 0 ? (
        <Empty>{t('records.nothingPublic')}</Empty>
      ) : (
        <form onSubmit={submit} className="desk-form desk-search">
          <label htmlFor={`${id}-code`}>{t('records.subjectCode')}</label>
          <input
            id={`${id}-code`}
            type="text"
            required
            autoComplete="off"
            spellCheck={false}
            maxLength={18}
            pattern="[0-9A-Za-z]{18}"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            aria-describedby={`${id}-code-hint`}
          />
          <p id={`${id}-code-hint`} className="desk-hint">
            {t('records.subjectCodeHint')}
          </p>
          <button type="submit" className="primary">
            {t('records.search')}
          </button>
        </form>
      )}
      {done && <Done onDismiss={() => setDone(null)}>{done}</Done>}
      {code === null || readable.length === 0 ? null : !SUBJECT_CODE.test(code) ? (
        <p role="alert">{t('records.badCode')}</p>
      ) : records.isPending ? (
        <Loading />
      ) : records.isError ? (
        <ErrorState error={records.error} onRetry={() => void records.refetch()} />
      ) : subject === null ? (
        <Empty>{t('records.unknownSubject', { code })}</Empty>
      ) : (
        <>
          <h2>
            {subject.name} <span className="desk-document">{subject.code}</span>
          </h2>
          <p className="desk-summary">{t('records.count', { count: total })}</p>
          {own
            .filter((l) => l.records.length > 0)
            .map((l) => (
              <OwnRecords key={`${l.sector}.${l.list.list}`} own={l} onWithdrawn={(message) => setDone(message)} language={i18n.language} />
            ))}
          {total === 0 && <Empty>{t('records.none')}</Empty>}
        </>
      )}
      <aside className="desk-note" aria-labelledby={`${id}-history`}>
        <h2 id={`${id}-history`}>{t('records.historyTitle')}</h2>
        <p>{t('records.historyText')}</p>
        {hidden.length > 0 && (
          <p>
            {t('records.hiddenLists', {
              lists: hidden.map((l) => t(`recordType.${l.recordType}`, { defaultValue: l.recordType })).join(t('listSeparator')),
            })}
          </p>
        )}
      </aside>
    </section>
  );
}

function OwnRecords({ own, onWithdrawn, language }: { own: OwnList; onWithdrawn: (message: string) => void; language: string }) {
  const { t } = useTranslation('desk');
  const captionId = useId();
  return (
    <section className="desk-list" aria-labelledby={captionId}>
      <h3 id={captionId}>
        {t(`recordType.${own.list.recordType}`, { defaultValue: own.list.recordType })} <SectorTag sector={own.sector} />
      </h3>
      {own.more && <p className="muted">{t('records.more', { count: FIRST })}</p>}
      <div className="desk-table-scroll">
        <table aria-labelledby={captionId}>
          <thead>
            <tr>
              <th scope="col">{t('records.document')}</th>
              <th scope="col">{t('records.decisionDate')}</th>
              <th scope="col">{t('records.version')}</th>
              <th scope="col">{t('records.recordedAt')}</th>
              <th scope="col">{t('records.marks')}</th>
              <th scope="col">{t('records.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {own.records.map((r) => (
              <tr key={r.id}>
                <td>
                  <span className="desk-document">{r.documentNumber ?? t('record.noDocumentNumber')}</span>
                  <br />
                  <code className="muted">{r.id}</code>
                </td>
                <td>{formatDay(r.decisionDate, language)}</td>
                <td>
                  {t('record.version', { version: r.version })} · {t(`change.${r.change}`)}
                </td>
                <td>{formatInstant(r.recordedAt, language)}</td>
                <td>
                  {r.objectionStatus !== 'NONE' && <span className="badge warn">{t(`objectionMark.${r.objectionStatus}`)}</span>}{' '}
                  {r.repairStatus !== 'NONE' && <span className="badge">{t(`repairMark.${r.repairStatus}`)}</span>}
                  {r.objectionStatus === 'NONE' && r.repairStatus === 'NONE' && <span className="muted">—</span>}
                </td>
                <td>{r.documentNumber && <WithdrawForm sector={own.sector} list={own.list} record={r} onWithdrawn={onWithdrawn} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function WithdrawForm({
  sector,
  list,
  record,
  onWithdrawn,
}: {
  sector: Sector;
  list: RecordListInfo;
  record: DeskRecordVersionFragment;
  onWithdrawn: (message: string) => void;
}) {
  const { t } = useTranslation('desk');
  const context = useRequestContext();
  const queryClient = useQueryClient();
  const id = useId();
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const documentNumber = record.documentNumber ?? '';
  const withdraw = useMutation<WithdrawalReport | null, GraphQLRequestError, void>({
    mutationFn: () => withdrawRecords(context, sector, list.recordType, [{ documentNumber, reason: reason.trim() }]),
    onSuccess: (report) => {
      onWithdrawn(t('records.withdrawn', { document: documentNumber, notices: report?.notices ?? 0 }));
      void queryClient.invalidateQueries();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '' || !confirmed) return;
    withdraw.mutate();
  };
  return (
    <details className="desk-action desk-compact">
      <summary>
        {t('records.withdrawAction')}
        <span className="visually-hidden"> {documentNumber}</span>
      </summary>
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
