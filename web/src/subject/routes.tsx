import { useEffect, useRef } from 'react';
import { NavLink, Navigate, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { OverviewPage } from './OverviewPage';
import { ReportPage } from './ReportPage';
import { RecordsPage } from './RecordsPage';
import { ObjectionsPage } from './ObjectionsPage';
import { RepairPage } from './RepairPage';
import { StatementsPage } from './StatementsPage';
import { ConsentsPage } from './ConsentsPage';
import { InquiriesPage } from './InquiriesPage';
import { NoticesPage } from './NoticesPage';

/** The subject's own pages, under /me (see web/src/app/App.tsx), with the area's navigation. */
export function SubjectArea() {
  return (
    <div className="area">
      <SubjectNav />
      <div className="area-page">
        <Routes>
          <Route index element={<OverviewPage />} />
          <Route path="report" element={<ReportPage />} />
          <Route path="records" element={<Navigate to="registry" replace />} />
          <Route path="records/:sector" element={<RecordsPage />} />
          <Route path="objections" element={<ObjectionsPage />} />
          <Route path="repair" element={<RepairPage />} />
          <Route path="statements" element={<StatementsPage />} />
          <Route path="consents" element={<ConsentsPage />} />
          <Route path="inquiries" element={<InquiriesPage />} />
          <Route path="notices" element={<NoticesPage />} />
          <Route path="*" element={<Navigate to="/me" replace />} />
        </Routes>
      </div>
    </div>
  );
}

const PAGES = [
  { to: '/me', key: 'overview', end: true },
  { to: '/me/report', key: 'report' },
  { to: '/me/records', key: 'records' },
  { to: '/me/objections', key: 'objections' },
  { to: '/me/repair', key: 'repair' },
  { to: '/me/statements', key: 'statements' },
  { to: '/me/consents', key: 'consents' },
  { to: '/me/inquiries', key: 'inquiries' },
  { to: '/me/notices', key: 'notices' },
] as const;

function SubjectNav() {
  const { t } = useTranslation('subject');
  return (
    <nav className="area-nav" aria-label={t('nav.label')}>
      <ul>
        {PAGES.map((page) => (
          <li key={page.key}>
            <NavLink to={page.to} end={'end' in page ? page.end : false}>
              {t(`nav.${page.key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

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
