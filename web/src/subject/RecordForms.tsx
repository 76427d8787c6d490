import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useGraphQLMutation } from '../app/graphql';
import { ErrorNotice, TextField } from '../app/ui';
import { useFormat } from '../app/format';
import type { RecordNode, Sector } from './sectors';
import { useRefreshAfterChange, useSubjectCode } from './subject';
import { checkText } from './text';

/**
 * The subject's acts on one of its records, each a mutation of the record's own sector: object to it
 * (CIR Art. 25), attach or withdraw its own statement (CIR Art. 16), apply for credit repair. Each
 * form checks what the graph would refuse before sending, and says what was done.
 */

interface FormProps {
  readonly sector: Sector;
  readonly record: RecordNode;
  readonly onDone: (message: string) => void;
  readonly onCancel: () => void;
}

export function ObjectionForm({ sector, record, onDone, onCancel }: FormProps) {
  const { t } = useTranslation('subject');
  const format = useFormat();
  const subject = useSubjectCode();
  const refresh = useRefreshAfterChange();
  const mutation = useGraphQLMutation(sector.fileObjection);
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const errors = {
    reason: checkText(t, reason, { max: 500, multiline: false, required: true }),
    evidence: checkText(t, evidence, { max: 2000, multiline: true, required: false }),
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (errors.reason || errors.evidence) return;
    mutation.mutate(
      { input: { subject, record: record.id, reason: reason.trim(), ...(evidence.trim() ? { evidence: evidence.trim() } : {}) } },
      {
        onSuccess: (data) => {
          // The sector's one root field (`fileTaxationObjection`...) holds the objection filed.
          const objection = Object.values(data as Record<string, { dueOn: string } | null>)[0];
          void refresh();
          onDone(t('objection.filed', { dueOn: format.date(objection?.dueOn) }));
        },
      },
    );
  };
  return (
    <form className="record-form" onSubmit={submit} noValidate aria-label={t('objection.formTitle')}>
      <h4>{t('objection.formTitle')}</h4>
      <p className="hint">{t('objection.formHint')}</p>
      <TextField label={t('objection.reason')} value={reason} onChange={setReason} required max={500} hint={t('objection.reasonHint')} error={submitted ? errors.reason : null} />
      <TextField label={t('objection.evidence')} value={evidence} onChange={setEvidence} multiline max={2000} hint={t('objection.evidenceHint')} error={submitted ? errors.evidence : null} />
      {mutation.error ? <ErrorNotice error={mutation.error} title={t('objection.failed')} /> : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('form.sending') : t('objection.submit')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}

export function StatementForm({ sector, record, onDone, onCancel }: FormProps) {
  const { t } = useTranslation('subject');
  const subject = useSubjectCode();
  const refresh = useRefreshAfterChange();
  const set = useGraphQLMutation(sector.setStatement);
  const withdraw = useGraphQLMutation(sector.withdrawStatement);
  const current = record.statement?.text ?? '';
  const [text, setText] = useState(current);
  const [submitted, setSubmitted] = useState(false);
  const error = checkText(t, text, { max: 200, multiline: true, required: true });
  const pending = set.isPending || withdraw.isPending;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (error) return;
    set.mutate(
      { input: { subject, record: record.id, text: text.trim() } },
      {
        onSuccess: () => {
          void refresh();
          onDone(t(current ? 'statement.replaced' : 'statement.attached'));
        },
      },
    );
  };
  return (
    <form className="record-form" onSubmit={submit} noValidate aria-label={t('statement.formTitle')}>
      <h4>{t('statement.formTitle')}</h4>
      <p className="hint">{t('statement.formHint')}</p>
      <TextField label={t('statement.text')} value={text} onChange={setText} multiline required max={200} error={submitted ? error : null} />
      {set.error ? <ErrorNotice error={set.error} title={t('statement.failed')} /> : null}
      {withdraw.error ? <ErrorNotice error={withdraw.error} title={t('statement.withdrawFailed')} /> : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={pending}>
          {set.isPending ? t('form.sending') : current ? t('statement.replace') : t('statement.submit')}
        </button>
        {current ? (
          <button
            type="button"
            className="secondary"
            disabled={pending}
            onClick={() =>
              withdraw.mutate(
                { subject, record: record.id },
                {
                  onSuccess: () => {
                    void refresh();
                    onDone(t('statement.withdrawn'));
                  },
                },
              )
            }
          >
            {t('statement.withdraw')}
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}

export function RepairForm({ sector, record, onDone, onCancel }: FormProps) {
  const { t } = useTranslation('subject');
  const subject = useSubjectCode();
  const refresh = useRefreshAfterChange();
  const mutation = useGraphQLMutation(sector.applyForRepair);
  const [measures, setMeasures] = useState('');
  const [commitment, setCommitment] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const errors = {
    measures: checkText(t, measures, { max: 2000, multiline: true, required: true }),
    commitment: checkText(t, commitment, { max: 2000, multiline: true, required: true }),
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (errors.measures || errors.commitment) return;
    mutation.mutate(
      { input: { subject, record: record.id, measures: measures.trim(), commitment: commitment.trim() } },
      {
        onSuccess: () => {
          void refresh();
          onDone(t('repair.applied'));
        },
      },
    );
  };
  return (
    <form className="record-form" onSubmit={submit} noValidate aria-label={t('repair.formTitle')}>
      <h4>{t('repair.formTitle')}</h4>
      <p className="hint">{t('repair.formHint')}</p>
      <TextField label={t('repair.measures')} value={measures} onChange={setMeasures} multiline required max={2000} hint={t('repair.measuresHint')} error={submitted ? errors.measures : null} />
      <TextField label={t('repair.commitment')} value={commitment} onChange={setCommitment} multiline required max={2000} hint={t('repair.commitmentHint')} error={submitted ? errors.commitment : null} />
      {mutation.error ? <ErrorNotice error={mutation.error} title={t('repair.failed')} /> : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('form.sending') : t('repair.submit')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
