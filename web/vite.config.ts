import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web front ends, built into web/dist and served by the gateway (no CDN at run time):
 * - the site (`index.html`): the subject's self-service pages and the authority's desk;
 * - the explorer (`explorer/index.html`): GraphiQL for frontend teams.
 * JSX is compiled by Vite's own transformer (React's automatic runtime).
 */
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  // Monaco's workers (web/explorer/workers.ts) as module workers, files of this origin.
  worker: { format: 'es' },
  base: '/',
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // The explorer's editor (Monaco) is large; it is served from this origin and cached immutable.
    chunkSizeWarningLimit: 8192,
    rollupOptions: {
      onwarn(warning, warn) {
        // React libraries' "use client" directives mean nothing in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      input: {
        site: fileURLToPath(new URL('./index.html', import.meta.url)),
        explorer: fileURLToPath(new URL('./explorer/index.html', import.meta.url)),
      },
    },
  },
});
