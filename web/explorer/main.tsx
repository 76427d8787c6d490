// The explorer: GraphiQL bundled with the site (see web/vite.config.ts). Placeholder until it is built.
document.getElementById('explorer')!.textContent = 'Credit Graph explorer';
