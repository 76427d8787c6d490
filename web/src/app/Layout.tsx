import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from 'react-oidc-context';
import { LANGUAGES } from './i18n';
import { usePrincipal } from './auth';
import { useSiteConfig } from './context';

/** The frame of every page: a skip link, the header (name, language switch, who is signed in), the page. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#content">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <Link to="/" className="site-name">
          {t('appName')}
        </Link>
        <div className="header-tools">
          <LanguageSwitch />
          <Account />
        </div>
      </header>
      <main id="content" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('language')}>
      {LANGUAGES.map((language) => (
        <button
          key={language.code}
          type="button"
          lang={language.htmlLang}
          aria-pressed={i18n.language === language.code}
          onClick={() => void i18n.changeLanguage(language.code)}
        >
          {language.label}
        </button>
      ))}
    </div>
  );
}

function Account() {
  const config = useSiteConfig();
  return config.oidc === null ? null : <AccountWithProvider />;
}

function AccountWithProvider() {
  const { t } = useTranslation();
  const auth = useAuth();
  const principal = usePrincipal();
  if (principal === null) return null;
  return (
    <div className="account">
      <span>{t('signedInAs', { name: principal.name ?? principal.organization })}</span>
      <button type="button" onClick={() => void auth.signoutRedirect().catch(() => auth.removeUser())}>
        {t('signOut')}
      </button>
    </div>
  );
}
