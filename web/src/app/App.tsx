import { useState, type ReactNode } from 'react';
import { BrowserRouter, Link, Navigate, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from 'react-oidc-context';
import type { SiteConfig } from './config';
import { SiteConfigContext, useSiteConfig } from './context';
import { CALLBACK_PATH, SiteAuthProvider, usePrincipal, type SitePrincipal } from './auth';
import { Layout } from './Layout';
import { SubjectArea } from '../subject/routes';
import { DeskArea } from '../desk/routes';

/** Where a principal's pages are: a subject's own at /me, a source authority's desk at /desk. */
export function areaOf(principal: SitePrincipal | null): string | null {
  if (principal?.kind === 'SUBJECT') return '/me';
  if (principal?.kind === 'AUTHORITY') return '/desk';
  return null;
}

export function App({ config }: { config: SiteConfig }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 10_000 } } }),
  );
  return (
    <SiteConfigContext.Provider value={config}>
      <SiteAuthProvider config={config}>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Layout>
              <Routes>
                <Route path="/" element={<Home />} />
                <Route path={CALLBACK_PATH} element={<SignInCallback />} />
                <Route path="/me/*" element={<RequireKind kind="SUBJECT"><SubjectArea /></RequireKind>} />
                <Route path="/desk/*" element={<RequireKind kind="AUTHORITY"><DeskArea /></RequireKind>} />
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Layout>
          </BrowserRouter>
        </QueryClientProvider>
      </SiteAuthProvider>
    </SiteConfigContext.Provider>
  );
}

function Home() {
  const { t } = useTranslation();
  const principal = usePrincipal();
  const area = areaOf(principal);
  if (area !== null) return <Navigate to={area} replace />;
  return (
    <section className="welcome">
      <h1>{t('welcome')}</h1>
      <p>{t('welcomeText')}</p>
      <SignInButton />
    </section>
  );
}

export function SignInButton() {
  const { t } = useTranslation();
  const config = useSiteConfig();
  if (config.oidc === null) return <p role="status">{t('signInDisabled')}</p>;
  return <SignInButtonWithProvider />;
}

function SignInButtonWithProvider() {
  const { t } = useTranslation();
  const auth = useAuth();
  return (
    <button type="button" className="primary" onClick={() => void auth.signinRedirect()}>
      {t('signIn')}
    </button>
  );
}

function SignInCallback() {
  const config = useSiteConfig();
  if (config.oidc === null) return <Navigate to="/" replace />;
  return <SignInCallbackWithProvider />;
}

function SignInCallbackWithProvider() {
  const { t } = useTranslation();
  const auth = useAuth();
  const principal = usePrincipal();
  if (auth.error) return <p role="alert">{t('signInFailed', { message: auth.error.message })}</p>;
  if (auth.isLoading || !auth.user) return <p role="status">{t('signingIn')}</p>;
  return <Navigate to={areaOf(principal) ?? '/'} replace />;
}

function RequireKind({ kind, children }: { kind: 'SUBJECT' | 'AUTHORITY'; children: ReactNode }) {
  const { t } = useTranslation();
  const principal = usePrincipal();
  const auth = useAuthIfConfigured();
  if (auth?.isLoading) return <p role="status">{t('loading')}</p>;
  if (principal === null) {
    return (
      <section className="welcome">
        <h1>{t('welcome')}</h1>
        <SignInButton />
      </section>
    );
  }
  if (principal.kind !== kind) {
    const own = areaOf(principal);
    return (
      <section className="welcome">
        <p role="alert">{t('noAccess')}</p>
        {own ? <Link to={own}>{t('toOwnArea')}</Link> : null}
      </section>
    );
  }
  return <>{children}</>;
}

function useAuthIfConfigured() {
  const config = useSiteConfig();
  // The provider is present exactly when sign-in is configured, for the whole life of the page.
  return config.oidc === null ? null : useAuth();
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="welcome">
      <h1>{t('notFound')}</h1>
      <Link to="/">{t('toHome')}</Link>
    </section>
  );
}
