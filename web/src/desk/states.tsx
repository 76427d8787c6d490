import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { GraphQLRequestError } from '../app/graphql';
import { errorCodes } from '../app/ui';

/**
 * The desk's states: loading and empty are the site's own (web/src/app/ui.tsx); the error state and the
 * confirmation below say what a refusal means to a clerk, in the desk's words.
 */
export { Loading, Empty } from '../app/ui';

/** What the graph (or the import route) said: its message, with its codes. */
export interface Refusal {
  readonly message: string;
  readonly codes: readonly string[];
  readonly status?: number;
}

export function refusalOf(error: unknown): Refusal {
  if (error instanceof GraphQLRequestError) return { message: error.message, codes: errorCodes(error), status: error.status };
  if (error instanceof Error) return { message: error.message, codes: [] };
  return { message: String(error), codes: [] };
}

/** What a code means for the clerk, in the page's language (the graph's own message follows it, as it came). */
export function explain(t: TFunction<'desk'>, codes: readonly string[]): string | null {
  for (const code of codes) {
    const text = t(`codes.${code}`, { defaultValue: '' });
    if (text) return text;
  }
  return null;
}

export function ErrorState({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t } = useTranslation('desk');
  const refusal = refusalOf(error);
  const explanation = explain(t, refusal.codes);
  return (
    <div role="alert" className="desk-error">
      <p className="desk-error-title">{title ?? t('state.error')}</p>
      {explanation && <p>{explanation}</p>}
      <p>
        {refusal.message}
        {refusal.codes.length > 0 && (
          <>
            {' '}
            <span className="desk-code">{t('state.code', { code: refusal.codes.join(', ') })}</span>
          </>
        )}
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('state.retry')}
        </button>
      )}
    </div>
  );
}

/** What was just done, announced to screen readers and kept on the page until the next action. */
export function Done({ children, onDismiss }: { children: ReactNode; onDismiss: () => void }) {
  const { t } = useTranslation('desk');
  const box = useRef<HTMLDivElement>(null);
  // The form that was sent is gone (its item left the queue): the keyboard's place is the confirmation.
  useEffect(() => box.current?.focus(), [children]);
  return (
    <div role="status" className="desk-done" tabIndex={-1} ref={box}>
      <p>{children}</p>
      <button type="button" onClick={onDismiss}>
        {t('state.dismiss')}
      </button>
    </div>
  );
}

/** The tab's title: the page's, then the site's. */
export function useDocumentTitle(title: string): void {
  const { t } = useTranslation('common');
  const site = t('appName');
  useEffect(() => {
    document.title = `${title} · ${site}`;
  }, [title, site]);
}
