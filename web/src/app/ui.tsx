import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { GraphQLRequestError } from './graphql';
import { formattersFor } from './format';

/**
 * The states every page shows the same way: loading, an error from the graph (its message and code),
 * nothing to show, and the confirmation of what was done.
 */

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="state loading">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('loading')}
    </p>
  );
}

/** The codes of an error from the graph, or of any other failure. */
export function errorCodes(error: unknown): string[] {
  if (error instanceof GraphQLRequestError) return [...new Set(error.codes)];
  return [];
}

/**
 * An error as the graph gave it: for each error, what it means in the page's language (by its stable
 * code, or by `extensions.rule` where the graph names the rule that refused), then the graph's own
 * message with the code, and a retry when it can help.
 */
export function ErrorNotice({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t, i18n } = useTranslation();
  const format = formattersFor(i18n.language);
  const messages =
    error instanceof GraphQLRequestError && error.errors.length > 0
      ? error.errors.map((e) => {
          const code = e.extensions?.code ?? null;
          const rule = typeof e.extensions?.rule === 'string' ? e.extensions.rule : null;
          const admissibleFrom = typeof e.extensions?.admissibleFrom === 'string' ? format.date(e.extensions.admissibleFrom) : '';
          const explained = rule && i18n.exists(`common:rules.${rule}`) ? t(`rules.${rule}`, { admissibleFrom }) : code && i18n.exists(`common:errors.${code}`) ? t(`errors.${code}`) : null;
          return { explained, message: e.message, code };
        })
      : [{ explained: null, message: error instanceof Error ? error.message : String(error), code: null }];
  return (
    <div role="alert" className="notice error-notice">
      <p className="notice-title">{title ?? t('errorTitle')}</p>
      <ul>
        {messages.map((m, i) => (
          <li key={i}>
            {m.explained ? <span className="explained">{m.explained}</span> : null}
            <span className={m.explained ? 'detail' : undefined}>
              {m.explained ? t('errorDetail') : ''}
              {m.message}
              {m.code ? (
                <>
                  {' '}
                  <code className="error-code">{t('errorCode', { code: m.code })}</code>
                </>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
      {onRetry ? (
        <button type="button" className="secondary" onClick={onRetry}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

/**
 * What was just done, announced politely to screen readers. With `focus`, it also takes the focus
 * when it appears: after a form closes, the keyboard user is left on what the form did.
 */
export function Confirmation({ children, focus = false }: { children: ReactNode; focus?: boolean }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) element.current?.focus();
  }, [focus]);
  return (
    <div ref={element} role="status" className="notice ok-notice notice-focus" tabIndex={focus ? -1 : undefined}>
      {children}
    </div>
  );
}

/**
 * A query's three states around its content: loading, error (with retry), or the content.
 * `isEmpty` shows `empty` instead of the content when there is nothing to show.
 */
export function QueryState<T>({
  query,
  empty,
  isEmpty,
  children,
}: {
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => unknown };
  empty?: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.error || query.data === undefined) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <Empty>{empty}</Empty>;
  return <>{children(query.data)}</>;
}

export type Tone = 'neutral' | 'ok' | 'warn' | 'danger' | 'info';

export function Badge({ tone = 'neutral', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`badge ${tone}`}>{children}</span>;
}

/**
 * A text field with its label, hint, character count and validation message, wired for assistive
 * technology (`aria-describedby`, `aria-invalid`). Multiline fields are textareas.
 */
export function TextField({
  label,
  value,
  onChange,
  error,
  hint,
  max,
  multiline = false,
  required = false,
  name,
  inputMode,
  autoComplete,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  hint?: string;
  max?: number;
  multiline?: boolean;
  required?: boolean;
  name?: string;
  inputMode?: 'text' | 'numeric';
  autoComplete?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const described = [hint ? `${id}-hint` : null, max ? `${id}-count` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name,
    value,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  };
  const length = [...value].length;
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required"> {t('required')}</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {multiline ? <textarea rows={4} {...common} /> : <input type="text" inputMode={inputMode} autoComplete={autoComplete ?? 'off'} {...common} />}
      {max ? (
        <p id={`${id}-count`} className={`hint count${length > max ? ' over' : ''}`}>
          {t('charCount', { count: length, max })}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A button that asks once more before it acts ("Revoke" → "Confirm revoking? Yes / No"). */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  disabled,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="secondary" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        className="danger"
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        {t('cancel')}
      </button>
    </span>
  );
}
