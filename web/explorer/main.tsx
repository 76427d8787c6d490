import 'graphiql/style.css';
import './workers';
import './explorer.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Explorer, type ExplorerSettings } from './Explorer';

/**
 * The explorer: GraphiQL, bundled (web/vite.config.ts) and served by the gateway at `/explorer` when
 * `CG_EXPLORER` is on. It reads the GraphQL path from `/site-config.json` and, in development only,
 * the demo principals' headers from `/explorer/principals` (404 elsewhere: then there is no picker).
 */
async function settings(): Promise<ExplorerSettings> {
  let graphqlPath = '/graphql';
  try {
    const response = await fetch('/site-config.json', { headers: { accept: 'application/json' } });
    if (response.ok) graphqlPath = ((await response.json()) as { graphqlPath?: string }).graphqlPath ?? graphqlPath;
  } catch {
    // the default path
  }
  let principals: ExplorerSettings['principals'] = null;
  try {
    const response = await fetch('/explorer/principals', { headers: { accept: 'application/json' } });
    if (response.ok) principals = ((await response.json()) as { principals: NonNullable<ExplorerSettings['principals']> }).principals;
  } catch {
    // no picker
  }
  return { graphqlPath, principals };
}

void settings().then((loaded) =>
  createRoot(document.getElementById('explorer')!).render(
    <StrictMode>
      <Explorer {...loaded} />
    </StrictMode>,
  ),
);
