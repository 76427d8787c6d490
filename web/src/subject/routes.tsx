import { NavLink, Navigate, Route, Routes } from 'react-router';
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
