import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The source authority's desk, under /desk (see web/src/app/App.tsx). */
export function DeskArea() {
  const { t } = useTranslation('common');
  return (
    <Routes>
      <Route index element={<h1>{t('appName')}</h1>} />
    </Routes>
  );
}
