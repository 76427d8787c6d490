import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';

/**
 * A page's title: the document's title follows it, and after a navigation within the area the
 * heading takes the focus, so a screen reader announces the page that opened.
 */
export function PageTitle({ children, lead }: { children: string; lead?: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  useEffect(() => {
    document.title = `${children} · ${t('appName')}`;
  }, [children, t]);
  useEffect(() => {
    // The router numbers the entries of this tab's history: 0 is the page the browser loaded.
    if ((window.history.state as { idx?: number } | null)?.idx) heading.current?.focus();
  }, [location.pathname]);
  return (
    <header className="page-header">
      <h1 ref={heading} tabIndex={-1}>
        {children}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
    </header>
  );
}
