// Monaco's workers (the editors of GraphiQL), built by Vite as files of this origin (`?worker`), so
// that nothing is fetched from a CDN and the page's CSP (`worker-src 'self'`) holds. The same as
// `graphiql/setup-workers/vite`, without its console line for every worker.
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker.js?worker';
import GraphQLWorker from 'monaco-graphql/esm/graphql.worker.js?worker';

(globalThis as unknown as { MonacoEnvironment: { getWorker(id: string, label: string): Worker } }).MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    if (label === 'json') return new JsonWorker();
    if (label === 'graphql') return new GraphQLWorker();
    return new EditorWorker();
  },
};
