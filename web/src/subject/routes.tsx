import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';

/** The subject's own pages, under /me (see web/src/app/App.tsx). */
export function SubjectArea() {
  const { t } = useTranslation('common');
  return (
    <Routes>
      <Route index element={<h1>{t('appName')}</h1>} />
    </Routes>
  );
}
