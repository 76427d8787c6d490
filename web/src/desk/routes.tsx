import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ObjectionsPage } from './ObjectionsPage';
import { RepairsPage } from './RepairsPage';
import { ImportPage } from './ImportPage';
import { RecordsPage } from './RecordsPage';
import { useDesk } from './useDesk';
import { SectorTag } from './parts';
import './desk.css';

/** The pages of the desk, in the order of its navigation. */
const PAGES = [
  { path: 'objections', label: 'nav.objections', element: <ObjectionsPage /> },
  { path: 'repairs', label: 'nav.repairs', element: <RepairsPage /> },
  { path: 'import', label: 'nav.import', element: <ImportPage /> },
  { path: 'records', label: 'nav.records', element: <RecordsPage /> },
] as const;

/**
 * The source authority's desk, under /desk (see web/src/app/App.tsx): the objections and repair
 * applications addressed to it, its daily import, and its own records. Everything goes through the
 * graph (and the import route) with the authority's own token.
 */
export function DeskArea() {
  const { t } = useTranslation('desk');
  const { principal, sectors } = useDesk();
  return (
    <div className="desk">
      <div className="desk-banner">
        <p className="desk-who">
          {t('banner', { name: principal.name ?? principal.organization })} <span className="desk-document">{principal.organization}</span>
        </p>
        <p className="desk-sectors">
          {t('bannerSectors')}{' '}
          {sectors.map((s) => (
            <SectorTag key={s} sector={s} />
          ))}
        </p>
      </div>
      <nav className="desk-nav" aria-label={t('nav.label')}>
        <ul>
          {PAGES.map((page) => (
            <li key={page.path}>
              <NavLink to={`/desk/${page.path}`}>{t(page.label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Routes>
        <Route index element={<Navigate to="objections" replace />} />
        {PAGES.map((page) => (
          <Route key={page.path} path={page.path} element={page.element} />
        ))}
        <Route path="*" element={<p role="alert">{t('notFound')}</p>} />
      </Routes>
    </div>
  );
}
