import { type ReactNode, useContext, useMemo } from 'react';
import { AuthContext, AuthProvider } from 'react-oidc-context';
import { WebStorageStateStore, type User } from 'oidc-client-ts';
import { decodeJwt } from 'jose';
import type { SiteConfig } from './config';

/**
 * Sign-in with OpenID Connect, authorization code with PKCE (oidc-client-ts), against the provider
 * the gateway names in the site's configuration: the development provider of `npm start`, or a real
 * one in production. The access token is what the site sends to the graph; the gateway verifies it.
 * Tokens live in this tab's session storage only.
 */
export const CALLBACK_PATH = '/signin/callback';

export function SiteAuthProvider({ config, children }: { config: SiteConfig; children: ReactNode }) {
  const settings = useMemo(() => {
    if (config.oidc === null) return null;
    const origin = window.location.origin;
    return {
      authority: config.oidc.authority,
      client_id: config.oidc.clientId,
      scope: config.oidc.scope,
      redirect_uri: `${origin}${CALLBACK_PATH}`,
      post_logout_redirect_uri: `${origin}/`,
      response_type: 'code',
      userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      automaticSilentRenew: false,
      onSigninCallback: (user: User | void) => {
        const state = (user && typeof user.state === 'string' ? user.state : null) ?? '/';
        window.history.replaceState({}, document.title, state.startsWith('/') ? state : '/');
      },
    };
  }, [config.oidc]);
  if (settings === null) return <>{children}</>;
  return <AuthProvider {...settings}>{children}</AuthProvider>;
}

/** Who the signed-in user acts as, read from the access token's claims (display only: the gateway verifies). */
export interface SitePrincipal {
  readonly kind: string;
  readonly organization: string;
  readonly subject: string | null;
  readonly name: string | null;
  readonly submits: readonly string[];
  readonly accessToken: string;
}

export function claimsOf(accessToken: string): Record<string, unknown> | null {
  try {
    return decodeJwt(accessToken);
  } catch {
    return null;
  }
}

export function principalOf(user: User | null | undefined): SitePrincipal | null {
  if (!user || user.expired || !user.access_token) return null;
  const claims = claimsOf(user.access_token);
  if (claims === null || typeof claims.kind !== 'string' || typeof claims.org !== 'string') return null;
  return {
    kind: claims.kind,
    organization: claims.org,
    subject: typeof claims.subject === 'string' ? claims.subject : null,
    name: typeof claims.name === 'string' ? claims.name : typeof user.profile.name === 'string' ? user.profile.name : null,
    submits: Array.isArray(claims.submits) ? claims.submits.filter((c): c is string => typeof c === 'string') : [],
    accessToken: user.access_token,
  };
}

/** The signed-in principal, or null (not signed in, or sign-in is not configured). */
export function usePrincipal(): SitePrincipal | null {
  const auth = useContext(AuthContext);
  return principalOf(auth?.user);
}
