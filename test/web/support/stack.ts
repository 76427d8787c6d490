import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config, type SubgraphName } from '../../../shared/config';
import { buildGateway } from '../../../gateway/server';
import { WEB_DIST } from '../../../gateway/web';
import { ensureWebBuilt } from '../../../scripts/webBuild';
import { startSubgraphs, urlOverrides, SUPERGRAPH_FILE, testFetch, type RunningGraph } from '../../support/graph';

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
   * The development OpenID Connect provider (identity/), in-process. NOT WIRED YET: it is started
   * here once identity/ is on main; until then asking for it throws.
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
  close(): Promise<void>;
}

export async function startWebStack(options: WebStackOptions = {}): Promise<WebStack> {
  if (options.identity) throw new Error('startWebStack: the development identity provider (identity/) is not wired into the web test stack yet');
  // `npm test` builds web/dist first (pretest); a test file run on its own builds it here when stale.
  if (!options.webRoot) ensureWebBuilt();
  const graph = await startSubgraphs({}, options.only ? { only: options.only } : {});
  try {
    // The browser asks from one address, many times a second: rate limits are off, as in the other in-process tests.
    const unlimited = { CG_RATE_LIMIT_RPS: 'off', CG_INQUIRY_QUOTA_DAILY: 'off', CG_AUTH_FAILURES_PER_MINUTE: '0' };
    const config = loadConfig({}, { CG_SUPERGRAPH: SUPERGRAPH_FILE, ...unlimited, ...urlOverrides(graph.subgraphUrls), ...(options.env ?? {}) });
    const { app } = await buildGateway({ config, logger: false, subgraphFetch: testFetch, webRoot: options.webRoot ?? WEB_DIST });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const origin = `http://127.0.0.1:${port}`;
    return {
      origin,
      graphqlUrl: `${origin}${config.gateway.path}`,
      explorerUrl: `${origin}/explorer`,
      config,
      gateway: app,
      graph,
      async close() {
        await app.close();
        await graph.close();
      },
    };
  } catch (error) {
    await graph.close();
    throw error;
  }
}
