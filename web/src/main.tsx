import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadSiteConfig } from './app/config';
import { initI18n } from './app/i18n';
import { App } from './app/App';
import './app/styles.css';

/** The site: loads its run-time configuration from the gateway, then renders. */
async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  await initI18n();
  const config = await loadSiteConfig();
  root.render(
    <StrictMode>
      <App config={config} />
    </StrictMode>,
  );
}

void boot();
