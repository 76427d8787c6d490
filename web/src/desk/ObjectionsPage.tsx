import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useRequestContext, type GraphQLRequestError } from '../app/graphql';
import type { ObjectionOutcome, ObjectionState } from '../gql/graphql';
import { daysBetween, formatDay, formatInstant, todayInChina } from './dates';
import { answerObjection, readObjectionQueues, type AnsweredObjection, type QueuedObjection } from './requests';
import { Done, Empty, ErrorState, Loading, useDocumentTitle } from './states';
import { useDesk } from './useDesk';
import { Deadline, RecordLabel, SectorTag } from './parts';
import { listOfRecordType } from './sectors';

const STATES: ReadonlyArray<ObjectionState | 'ALL'> = ['OPEN', 'ALL', 'CORRECTED', 'UPHELD', 'UNVERIFIABLE', 'WITHDRAWN'];
const OUTCOMES: readonly ObjectionOutcome[] = ['CORRECTED', 'UPHELD', 'UNVERIFIABLE'];
/** The graph's bound on an answer's reasons (one line). */
const REASONS_MAX = 500;

/** Oldest first: the nearest due day first, then the earliest filed. */
const oldestFirst = (a: QueuedObjection, b: QueuedObjection) => a.dueOn.localeCompare(b.dueOn) || a.filedAt.localeCompare(b.filedAt);

/**
 * The objections to this authority's records (CIR Art. 25), across the sectors it submits to, oldest
 * first with their due days; each open one is answered here, as the sector's rules allow.
 */
export function ObjectionsPage() {
  const { t } = useTranslation('desk');
  useDocumentTitle(t('objections.title'));
  const { sectors } = useDesk();
  const context = useRequestContext();
  const queryClient = useQueryClient();
  const [state, setState] = useState<ObjectionState | 'ALL'>('OPEN');
  const [done, setDone] = useState<string | null>(null);
  const stateId = useId();

  const queue = useQuery({
    queryKey: ['desk', 'objections', state, sectors.join(','), context.accessToken],
    queryFn: () => readObjectionQueues(context, sectors, state === 'ALL' ? null : state),
    enabled: sectors.length > 0,
  });

  const onAnswered = (item: QueuedObjection, answered: AnsweredObjection | null) => {
    setDone(
      t('objections.answered', {
        document: item.documentNumber ?? item.recordId,
        outcome: t(`objectionState.${answered?.status ?? 'OPEN'}`),
      }),
    );
    // The queues and the records pages show what this changed: every cached answer is read again.
    void queryClient.invalidateQueries();
  };

  const items = queue.data ? [...queue.data.items].sort(oldestFirst) : [];
  const open = items.filter((o) => o.status === 'OPEN');
  const overdue = open.filter((o) => o.overdue).length;

  return (
    <section aria-labelledby="desk-objections-title">
      <h1 id="desk-objections-title">{t('objections.title')}</h1>
      <p className="muted">{t('objections.intro')}</p>
      {done && <Done onDismiss={() => setDone(null)}>{done}</Done>}
      <div className="desk-filters">
        <label htmlFor={stateId}>{t('objections.filter')}</label>
        <select id={stateId} value={state} onChange={(e) => setState(e.target.value as ObjectionState | 'ALL')}>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {s === 'ALL' ? t('filterAll') : t(`objectionState.${s}`)}
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
        <Empty>{state === 'OPEN' ? t('objections.emptyOpen') : t('objections.empty')}</Empty>
      ) : (
        <>
          <p className="desk-summary">
            {state === 'OPEN' ? t('objections.countOpen', { count: open.length, overdue }) : t('objections.count', { count: items.length })}
          </p>
          {queue.data.truncated && <p className="muted">{t('truncated')}</p>}
          <ol className="desk-queue">
            {items.map((item) => (
              <li key={`${item.sector}:${item.id}`}>
                <ObjectionCard item={item} onAnswered={onAnswered} />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function ObjectionCard({ item, onAnswered }: { item: QueuedObjection; onAnswered: (item: QueuedObjection, answered: AnsweredObjection | null) => void }) {
  const { t, i18n } = useTranslation('desk');
  const titleId = useId();
  const today = todayInChina();
  return (
    <article className={`desk-card${item.overdue ? ' desk-card-overdue' : ''}`} aria-labelledby={titleId}>
      <h2 id={titleId} className="desk-card-title">
        <RecordLabel recordType={item.recordType} documentNumber={item.documentNumber} />
        <SectorTag sector={item.sector} />
      </h2>
      <dl className="desk-facts">
        <div>
          <dt>{t('objections.dueOn')}</dt>
          <dd>
            {formatDay(item.dueOn, i18n.language)} {item.status === 'OPEN' && <Deadline daysLeft={daysBetween(today, item.dueOn)} overdue={item.overdue} />}
          </dd>
        </div>
        <div>
          <dt>{t('objections.filedAt')}</dt>
          <dd>{formatInstant(item.filedAt, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('objections.status')}</dt>
          <dd>{t(`objectionState.${item.status}`)}</dd>
        </div>
        <div>
          <dt>{t('record.idVersion')}</dt>
          <dd>
            <code>{item.recordId}</code> · {t('record.version', { version: item.recordVersion })}
          </dd>
        </div>
        <div className="desk-wide">
          <dt>{t('objections.reason')}</dt>
          <dd>{item.reason}</dd>
        </div>
        {item.evidence && (
          <div className="desk-wide">
            <dt>{t('objections.evidence')}</dt>
            <dd className="desk-prose">{item.evidence}</dd>
          </div>
        )}
        {item.answer && (
          <div className="desk-wide">
            <dt>{t('objections.answer')}</dt>
            <dd>
              {item.answer} <span className="muted">({formatInstant(item.answeredAt, i18n.language)})</span>
            </dd>
          </div>
        )}
      </dl>
      {item.overdue && item.status === 'OPEN' && <p className="desk-warning">{t('objections.overdueWithheld')}</p>}
      {item.escalatedAt && <p className="desk-warning">{t('objections.escalated', { at: formatInstant(item.escalatedAt, i18n.language) })}</p>}
      {item.status === 'OPEN' && <AnswerForm item={item} onAnswered={onAnswered} />}
    </article>
  );
}

function AnswerForm({ item, onAnswered }: { item: QueuedObjection; onAnswered: (item: QueuedObjection, answered: AnsweredObjection | null) => void }) {
  const { t } = useTranslation('desk');
  const context = useRequestContext();
  const id = useId();
  const [outcome, setOutcome] = useState<ObjectionOutcome | null>(null);
  const [reasons, setReasons] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const correction = listOfRecordType(item.recordType);
  const answer = useMutation<AnsweredObjection | null, GraphQLRequestError, ObjectionOutcome>({
    mutationFn: (chosen) => answerObjection(context, item.sector, { objection: item.id, outcome: chosen, reasons: reasons.trim() }),
    onSuccess: (answered) => onAnswered(item, answered),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (outcome === null || reasons.trim() === '' || (outcome === 'UNVERIFIABLE' && !confirmed)) return;
    answer.mutate(outcome);
  };
  return (
    <details className="desk-action">
      <summary>{t('objections.answerAction')}</summary>
      <form onSubmit={submit}>
        <fieldset>
          <legend>{t('objections.outcome')}</legend>
          {OUTCOMES.map((o) => (
            <div className="desk-choice" key={o}>
              <input
                type="radio"
                id={`${id}-${o}`}
                name={`${id}-outcome`}
                value={o}
                required
                checked={outcome === o}
                onChange={() => setOutcome(o)}
                aria-describedby={`${id}-${o}-rule`}
              />
              <label htmlFor={`${id}-${o}`}>{t(`outcome.${o}`)}</label>
              <p id={`${id}-${o}-rule`} className="desk-rule">
                {t(`outcomeRule.${o}`)}
              </p>
            </div>
          ))}
        </fieldset>
        {outcome === 'CORRECTED' && correction && (
          <p className="desk-hint">
            <Link to={`/desk/import?sector=${correction.sector}&list=${correction.list.list}`}>
              {t('objections.correctFirst', { document: item.documentNumber ?? item.recordId })}
            </Link>
          </p>
        )}
        <label htmlFor={`${id}-reasons`}>{t('objections.reasons')}</label>
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
          {t('objections.reasonsHint', { max: REASONS_MAX, count: reasons.length })}
        </p>
        {outcome === 'UNVERIFIABLE' && (
          <div className="desk-confirm">
            <input type="checkbox" id={`${id}-confirm`} required checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
            <label htmlFor={`${id}-confirm`}>{t('objections.confirmUnverifiable')}</label>
          </div>
        )}
        {answer.isError && <ErrorState error={answer.error} title={t('objections.answerFailed')} />}
        <button type="submit" className="primary" disabled={answer.isPending}>
          {answer.isPending ? t('state.sending') : t('objections.submitAnswer')}
        </button>
      </form>
    </details>
  );
}
