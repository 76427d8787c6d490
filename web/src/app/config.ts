/**
 * What the site is told at run time by the gateway that serves it (`GET /site-config.json`), so one
 * build runs against any identity provider and graph: production points the site at a real OpenID
 * Connect provider by configuration, not by rebuilding.
 */
export interface SiteConfig {
  /** The GraphQL route of the gateway, same origin (`/graphql`). */
  readonly graphqlPath: string;
  /** The OpenID Connect provider the site signs in with (authorization code with PKCE); null: sign-in is off. */
  readonly oidc: { readonly authority: string; readonly clientId: string; readonly scope: string } | null;
  /** Where the explorer is served, when it is. */
  readonly explorerPath: string | null;
}

export const DEFAULT_SITE_CONFIG: SiteConfig = { graphqlPath: '/graphql', oidc: null, explorerPath: null };

export async function loadSiteConfig(): Promise<SiteConfig> {
  const response = await fetch('/site-config.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`the site's configuration could not be read (HTTP ${response.status})`);
  return { ...DEFAULT_SITE_CONFIG, ...((await response.json()) as Partial<SiteConfig>) };
}
