import type { FastifyInstance } from 'fastify';
import { freePort } from '../../../shared/ports';
import { TEST_DATASET } from '../../support/stores';
import { loadConfig, type Config, type SubgraphName } from '../../../shared/config';
import { buildGateway } from '../../../gateway/server';
import { WEB_DIST } from '../../../shared/projectRoot';
import { ensureWebBuilt } from '../../../scripts/webBuild';
import { startSubgraphs, urlOverrides, SUPERGRAPH_FILE, testFetch, type RunningGraph } from '../../support/graph';
import { startIdentityProvider } from '../../../identity/provider';

/**
 * The web's test stack: the seven subgraphs in-process on their test stores (test/support/graph.ts),
 * and the gateway over them listening on an ephemeral port of 127.0.0.1, serving the built front
 * ends (`web/dist`, built by `pretest`, or here when missing or stale), for a browser to open.
 */
export interface WebStackOptions {
  /** Configuration variables over the test defaults (e.g. `NODE_ENV`, `CG_EXPLORER`). */
  readonly env?: Readonly<Record<string, string>>;
  /** Only these subgraphs run (the others' URLs refuse connections); all by default. */
  readonly only?: readonly SubgraphName[];
  /** The built front ends; `web/dist` by default. */
  readonly webRoot?: string;
  /**
   * The development OpenID Connect provider (identity/), in-process on its own port, with the site's
   * origin as its client's redirect origin and the gateway trusting it (`CG_OIDC_ISSUER`), so the
   * site signs in for real. Needs identity/ (`startIdentityProvider`); without it this throws.
   */
  readonly identity?: boolean;
}

export interface WebStack {
  /** The gateway's origin, e.g. `http://127.0.0.1:41234` (the site is at `${origin}/`). */
  readonly origin: string;
  /** `${origin}/graphql` (or the configured path). */
  readonly graphqlUrl: string;
  /** `${origin}/explorer`. */
  readonly explorerUrl: string;
  readonly config: Config;
  readonly gateway: FastifyInstance;
  readonly graph: RunningGraph;
  /** The development identity provider when asked for (`identity: true`), else null. */
  readonly identity: { readonly issuer: string; readonly port: number } | null;
  close(): Promise<void>;
}

export async function startWebStack(options: WebStackOptions = {}): Promise<WebStack> {
  // `npm test` builds web/dist first (pretest); a test file run on its own builds it here when stale.
  if (!options.webRoot) ensureWebBuilt();
  // The gateway's port is chosen first: the identity provider must know the site's origin.
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const identity = options.identity
    ? await startIdentityProvider({ port: 0, siteOrigins: [origin, `http://localhost:${port}`], seed: TEST_DATASET.seed })
    : null;
  let graph: RunningGraph | null = null;
  try {
    graph = await startSubgraphs({}, options.only ? { only: options.only } : {});
    // The browser asks from one address, many times a second: rate limits are off, as in the other in-process tests.
    const unlimited = { CG_RATE_LIMIT_RPS: 'off', CG_INQUIRY_QUOTA_DAILY: 'off', CG_AUTH_FAILURES_PER_MINUTE: '0' };
    const trust: Record<string, string> = identity ? { CG_OIDC_ISSUER: identity.issuer } : {};
    const config = loadConfig({}, { CG_SUPERGRAPH: SUPERGRAPH_FILE, CG_GATEWAY_PORT: String(port), ...unlimited, ...trust, ...urlOverrides(graph.subgraphUrls), ...(options.env ?? {}) });
    const { app } = await buildGateway({ config, logger: false, subgraphFetch: testFetch, webRoot: options.webRoot ?? WEB_DIST });
    await app.listen({ host: '127.0.0.1', port });
    const running = graph;
    return {
      origin,
      graphqlUrl: `${origin}${config.gateway.path}`,
      explorerUrl: `${origin}/explorer`,
      config,
      gateway: app,
      graph: running,
      identity: identity ? { issuer: identity.issuer, port: identity.port } : null,
      async close() {
        await app.close();
        await running.close();
        await identity?.close();
      },
    };
  } catch (error) {
    await graph?.close();
    await identity?.close();
    throw error;
  }
}
