import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ComponentProps } from 'react';
import { GraphiQL } from 'graphiql';
import { useGraphiQL } from '@graphiql/react';
import { DenialStore } from './denials';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

export interface PrincipalOption {
  readonly id: string;
  readonly label: string;
  /** `authorization` and `x-inquiry-purpose`; empty for the public. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface ExplorerSettings {
  readonly graphqlPath: string;
  /** The demo principals (development only), or null: no picker. */
  readonly principals: readonly PrincipalOption[] | null;
}

const DEFAULT_QUERY = `# Credit Graph explorer · 信用图谱浏览器
#
# Call as a principal: pick one above (development),
# or write the headers below:
#   authorization: Bearer <token>
#   x-inquiry-purpose: <purpose>
# A field the caller may not see comes back null;
# "Denied fields" lists each with its category and level.

query DemoGroup($code: ID!) {
  subject(code: $code) {
    name
    kind
    status
    taxation { latestGrade }
    finance { summary { accountCount worstClassification } }
  }
}
`;

const DEFAULT_VARIABLES = JSON.stringify({ code: '9111010500088WXJ4C' }, null, 2);

/** Hands the header editor to the picker: it lives inside GraphiQL's provider, the picker outside. */
function HeaderEditorBridge({ onEditor }: { onEditor: (apply: ((headers: Readonly<Record<string, string>>) => void) | null) => void }) {
  const editor = useGraphiQL((state) => state.headerEditor);
  useEffect(() => {
    onEditor(editor ? (headers) => editor.setValue(JSON.stringify(headers, null, 2)) : null);
  }, [editor, onEditor]);
  return null;
}

function PrincipalPicker({ principals, onPick }: { principals: readonly PrincipalOption[]; onPick: (principal: PrincipalOption) => void }) {
  const [chosen, setChosen] = useState('');
  return (
    <div className="cg-picker">
      <label htmlFor="cg-principal">
        <span lang="zh-CN">演示身份</span> · Demo principal
      </label>
      <select
        id="cg-principal"
        value={chosen}
        onChange={(event) => {
          setChosen(event.target.value);
          const principal = principals.find((p) => p.id === event.target.value);
          if (principal) onPick(principal);
        }}
      >
        <option value="" disabled>
          选择… · Choose…
        </option>
        {principals.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
      <span className="cg-note" role="status">
        {chosen ? (
          <>
            <span lang="zh-CN">已填入请求头</span> · Headers filled in (development tokens)
          </>
        ) : (
          <>
            <span lang="zh-CN">填入 authorization 与 x-inquiry-purpose</span> · fills in authorization and x-inquiry-purpose
          </>
        )}
      </span>
    </div>
  );
}

function DeniedFields({ store }: { store: DenialStore }) {
  const { denials, answered } = useSyncExternalStore(store.subscribe, store.snapshot);
  return (
    <section className="cg-denials" aria-labelledby="cg-denials-heading">
      <h2 id="cg-denials-heading">
        <span lang="zh-CN">未授权字段</span> · Denied fields
        {answered ? <span className="cg-count"> ({denials.length})</span> : null}
      </h2>
      {!answered ? (
        <p>Run an operation: each field removed for the caller is listed here with its category and level.</p>
      ) : denials.length === 0 ? (
        <p>None: nothing was removed from the last response.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Path · 路径</th>
              <th scope="col">Category · 类别</th>
              <th scope="col">Level · 级别</th>
              <th scope="col">Reason · 原因</th>
            </tr>
          </thead>
          <tbody>
            {denials.map((d, i) => (
              <tr key={`${d.path}-${i}`}>
                <td>
                  <code>{d.path}</code>
                </td>
                <td>
                  <code>{d.category}</code>
                </td>
                <td>
                  <code>{d.level}</code>
                </td>
                <td>{d.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function Explorer({ graphqlPath, principals }: ExplorerSettings) {
  const store = useMemo(() => new DenialStore(), []);
  const applyHeaders = useRef<((headers: Readonly<Record<string, string>>) => void) | null>(null);
  const onEditor = useCallback((apply: ((headers: Readonly<Record<string, string>>) => void) | null) => {
    applyHeaders.current = apply;
  }, []);

  const fetcher = useMemo<Fetcher>(
    () => async (params, options) => {
      const response = await fetch(graphqlPath, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(options?.headers ?? {}) },
        body: JSON.stringify(params),
      });
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        body = { errors: [{ message: `HTTP ${response.status}: the response is not JSON` }] };
      }
      if (params.operationName !== 'IntrospectionQuery') store.publish(body);
      return body as Awaited<ReturnType<Fetcher>>;
    },
    [graphqlPath, store],
  );

  return (
    <div className="cg-explorer">
      <header className="cg-bar">
        <h1>
          Credit Graph explorer · <span lang="zh-CN">信用图谱浏览器</span>
        </h1>
        {principals ? (
          <PrincipalPicker principals={principals} onPick={(p) => applyHeaders.current?.(p.headers)} />
        ) : (
          <p className="cg-note">
            Request headers: <code>authorization: Bearer …</code>, <code>x-inquiry-purpose</code>
          </p>
        )}
      </header>
      <main className="cg-main">
        <GraphiQL
          fetcher={fetcher}
          defaultQuery={DEFAULT_QUERY}
          initialQuery={DEFAULT_QUERY}
          initialVariables={DEFAULT_VARIABLES}
          defaultHeaders="{}"
          defaultEditorToolsVisibility="headers"
          shouldPersistHeaders={false}
          showPersistHeadersSettings={false}
          forcedTheme="light"
        >
          <GraphiQL.Logo>
            <span className="cg-logo">GraphQL</span>
          </GraphiQL.Logo>
          <GraphiQL.Footer>
            <DeniedFields store={store} />
          </GraphiQL.Footer>
          <HeaderEditorBridge onEditor={onEditor} />
        </GraphiQL>
      </main>
    </div>
  );
}
