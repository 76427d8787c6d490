import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useRequestContext, type GraphQLRequestError } from '../app/graphql';
import type { RepairApplicationStatus } from '../gql/graphql';
import { dayOfInstant, daysBetween, formatInstant, todayInChina } from './dates';
import { decideRepair, readRepairQueues, type DecidedRepair, type QueuedRepair } from './requests';
import { Done, Empty, ErrorState, Loading, useDocumentTitle } from './states';
import { useDesk } from './useDesk';
import { RecordLabel, SectorTag } from './parts';

const STATES: ReadonlyArray<RepairApplicationStatus | 'ALL'> = ['APPLIED', 'ALL', 'APPROVED', 'REJECTED', 'WITHDRAWN'];
/** The graph's bound on a decision's reasons (one line). */
const REASONS_MAX = 500;

const oldestFirst = (a: QueuedRepair, b: QueuedRepair) => a.appliedAt.localeCompare(b.appliedAt);

/**
 * The applications for credit repair of this authority's records, across the sectors it submits to,
 * oldest first; each pending one is approved or rejected here, with reasons.
 */
export function RepairsPage() {
  const { t } = useTranslation('desk');
  useDocumentTitle(t('repairs.title'));
  const { sectors } = useDesk();
  const context = useRequestContext();
  const queryClient = useQueryClient();
  const [state, setState] = useState<RepairApplicationStatus | 'ALL'>('APPLIED');
  const [done, setDone] = useState<string | null>(null);
  const stateId = useId();

  const queue = useQuery({
    queryKey: ['desk', 'repairs', state, sectors.join(','), context.accessToken],
    queryFn: () => readRepairQueues(context, sectors, state === 'ALL' ? null : state),
    enabled: sectors.length > 0,
  });

  const onDecided = (item: QueuedRepair, decided: DecidedRepair | null) => {
    setDone(t('repairs.decided', { document: item.documentNumber ?? item.recordId, status: t(`repairState.${decided?.status ?? 'APPLIED'}`) }));
    // The queues and the records pages show what this changed: every cached answer is read again.
    void queryClient.invalidateQueries();
  };

  const items = queue.data ? [...queue.data.items].sort(oldestFirst) : [];

  return (
    <section aria-labelledby="desk-repairs-title">
      <h1 id="desk-repairs-title">{t('repairs.title')}</h1>
      <p className="muted">{t('repairs.intro')}</p>
      {done && <Done onDismiss={() => setDone(null)}>{done}</Done>}
      <div className="desk-filters">
        <label htmlFor={stateId}>{t('repairs.filter')}</label>
        <select id={stateId} value={state} onChange={(e) => setState(e.target.value as RepairApplicationStatus | 'ALL')}>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {s === 'ALL' ? t('filterAll') : t(`repairState.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {sectors.length === 0 ? (
        <Empty>{t('noSectors')}</Empty>
      ) : queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />
      ) : items.length === 0 ? (
        <Empty>{state === 'APPLIED' ? t('repairs.emptyPending') : t('repairs.empty')}</Empty>
      ) : (
        <>
          <p className="desk-summary">{t('repairs.count', { count: items.length })}</p>
          {queue.data.truncated && <p className="muted">{t('truncated')}</p>}
          <ol className="desk-queue">
            {items.map((item) => (
              <li key={`${item.sector}:${item.id}`}>
                <RepairCard item={item} onDecided={onDecided} />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function RepairCard({ item, onDecided }: { item: QueuedRepair; onDecided: (item: QueuedRepair, decided: DecidedRepair | null) => void }) {
  const { t, i18n } = useTranslation('desk');
  const titleId = useId();
  const waiting = daysBetween(dayOfInstant(item.appliedAt), todayInChina());
  return (
    <article className="desk-card" aria-labelledby={titleId}>
      <h2 id={titleId} className="desk-card-title">
        <RecordLabel recordType={item.recordType} documentNumber={item.documentNumber} />
        <SectorTag sector={item.sector} />
      </h2>
      <dl className="desk-facts">
        <div>
          <dt>{t('repairs.appliedAt')}</dt>
          <dd>
            {formatInstant(item.appliedAt, i18n.language)}{' '}
            {item.status === 'APPLIED' && <span className="badge">{t('repairs.waiting', { count: waiting })}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('repairs.status')}</dt>
          <dd>{t(`repairState.${item.status}`)}</dd>
        </div>
        <div>
          <dt>{t('record.id')}</dt>
          <dd>
            <code>{item.recordId}</code>
          </dd>
        </div>
        <div className="desk-wide">
          <dt>{t('repairs.measures')}</dt>
          <dd className="desk-prose">{item.measures}</dd>
        </div>
        <div className="desk-wide">
          <dt>{t('repairs.commitment')}</dt>
          <dd className="desk-prose">{item.commitment}</dd>
        </div>
        {item.decision && (
          <div className="desk-wide">
            <dt>{t('repairs.decision')}</dt>
            <dd>
              {item.decision} <span className="muted">({formatInstant(item.decidedAt, i18n.language)})</span>
            </dd>
          </div>
        )}
      </dl>
      {item.status === 'APPLIED' && <DecisionForm item={item} onDecided={onDecided} />}
    </article>
  );
}

function DecisionForm({ item, onDecided }: { item: QueuedRepair; onDecided: (item: QueuedRepair, decided: DecidedRepair | null) => void }) {
  const { t } = useTranslation('desk');
  const context = useRequestContext();
  const id = useId();
  const [approve, setApprove] = useState<boolean | null>(null);
  const [reasons, setReasons] = useState('');
  const decide = useMutation<DecidedRepair | null, GraphQLRequestError, boolean>({
    mutationFn: (approved) => decideRepair(context, item.sector, { application: item.id, approve: approved, reasons: reasons.trim() }),
    onSuccess: (decided) => onDecided(item, decided),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (approve === null || reasons.trim() === '') return;
    decide.mutate(approve);
  };
  return (
    <details className="desk-action">
      <summary>{t('repairs.decideAction')}</summary>
      <form onSubmit={submit}>
        <fieldset>
          <legend>{t('repairs.decisionLegend')}</legend>
          {([true, false] as const).map((value) => {
            const key = value ? 'approve' : 'reject';
            return (
              <div className="desk-choice" key={key}>
                <input
                  type="radio"
                  id={`${id}-${key}`}
                  name={`${id}-decision`}
                  required
                  checked={approve === value}
                  onChange={() => setApprove(value)}
                  aria-describedby={`${id}-${key}-rule`}
                />
                <label htmlFor={`${id}-${key}`}>{t(`repairs.${key}`)}</label>
                <p id={`${id}-${key}-rule`} className="desk-rule">
                  {t(`repairs.${key}Rule`)}
                </p>
              </div>
            );
          })}
        </fieldset>
        <label htmlFor={`${id}-reasons`}>{t('repairs.reasons')}</label>
        <input
          id={`${id}-reasons`}
          type="text"
          required
          maxLength={REASONS_MAX}
          value={reasons}
          onChange={(e) => setReasons(e.target.value)}
          aria-describedby={`${id}-reasons-hint`}
        />
        <p id={`${id}-reasons-hint`} className="desk-hint">
          {t('repairs.reasonsHint', { max: REASONS_MAX, count: reasons.length })}
        </p>
        {decide.isError && <ErrorState error={decide.error} title={t('repairs.decideFailed')} />}
        <button type="submit" className="primary" disabled={decide.isPending}>
          {decide.isPending ? t('state.sending') : t('repairs.submitDecision')}
        </button>
      </form>
    </details>
  );
}
