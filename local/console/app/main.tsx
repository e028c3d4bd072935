/**
 * The local console: GraphiQL (docs explorer, history, variables and headers panes, from npm)
 * with an AppSync-style auth picker above it and the resolver trace beside the response.
 * Everything it needs comes from this origin: `/local/info`, `/graphql`, `/graphql/realtime`,
 * `/local/traces/…` and the bundle itself, so it works offline.
 */
import 'graphiql/style.css';
import './console.css';
import { GraphiQL } from 'graphiql';
import { StrictMode, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { describeAuth, type AuthState } from './auth';
import { AuthBar, initialAuth } from './auth-bar';
import { refresh, refreshDelayMs } from './cognito';
import { createConsoleFetcher, type RequestReport } from './fetcher';
import type { LocalInfo } from './local-info';
import { TracePanel } from './trace-panel';

// Monaco starts its language services in workers; the runtime serves them beside app.js.
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    const name = label === 'json' || label === 'graphql' ? label : 'editor';
    return new Worker(`/local/console/${name}.worker.js`);
  },
};

const STORED_AUTH = 'appsync-local-console:auth';
const MAX_REPORTS = 50;

function App({ info }: { info: LocalInfo }) {
  const [auth, setAuthState] = useState<AuthState>(() => restoreAuth(info));
  const [reports, setReports] = useState<RequestReport[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const authRef = useRef(auth);
  authRef.current = auth;
  const setAuth = (next: AuthState) => {
    sessionStorage.setItem(STORED_AUTH, JSON.stringify(next));
    setAuthState(next);
  };

  // Refresh the ID token before it expires, as Amplify would.
  const tokens = auth.mode === 'AMAZON_COGNITO_USER_POOLS' ? auth.tokens : null;
  useEffect(() => {
    if (!tokens || !info.cognito?.clientId) return;
    const config = { endpoint: info.cognito.endpoint, clientId: info.cognito.clientId };
    const timer = setTimeout(() => {
      refresh(config, tokens.refreshToken).then(
        (fresh) => {
          const current = authRef.current;
          if (current.mode === 'AMAZON_COGNITO_USER_POOLS' && current.tokens?.refreshToken === tokens.refreshToken) setAuth({ ...current, tokens: fresh });
        },
        (error: Error) => {
          setNotice(`Token refresh failed (${error.message}); sign in again.`);
          setAuth({ mode: 'AMAZON_COGNITO_USER_POOLS', username: null, tokens: null });
        },
      );
    }, refreshDelayMs(tokens.expiresAt, Date.now()));
    return () => clearTimeout(timer);
    // Re-armed only when the tokens change.
  }, [tokens?.idToken]);

  // A new identity means a new fetcher, so GraphiQL loads the schema again with it.
  const identity = auth.mode === 'AMAZON_COGNITO_USER_POOLS' ? `${auth.mode}:${auth.username ?? ''}` : auth.mode === 'API_KEY' ? `${auth.mode}:${auth.apiKey}` : auth.mode;
  const fetcher = useMemo(() => createConsoleFetcher({
    graphqlUrl: '/graphql',
    realtimeUrl: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql/realtime`,
    getAuth: () => authRef.current,
    onReport: (report) => setReports((all) => [report, ...all.filter((r) => r.seq !== report.seq)].sort((a, b) => b.seq - a.seq).slice(0, MAX_REPORTS)),
  }), [identity]);

  return (
    <div className="tb-console">
      <header className="tb-bar">
        <div className="tb-title"><b>{info.apiName}</b> <span className="tb-muted">local console · {describeAuth(auth)}</span></div>
        <AuthBar info={info} auth={auth} onChange={(next) => { setNotice(null); setAuth(next); }} />
        {notice && <span className="tb-bad">{notice}</span>}
      </header>
      <main className="tb-main">
        <div className="tb-graphiql">
          <GraphiQL fetcher={fetcher} defaultQuery={defaultQuery(info)} defaultEditorToolsVisibility />
        </div>
        <TracePanel reports={reports} />
      </main>
    </div>
  );
}

function restoreAuth(info: LocalInfo): AuthState {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORED_AUTH) ?? 'null') as AuthState | null;
    if (stored && info.auth.modes.includes(stored.mode)) return stored;
  } catch {
    // Nothing usable stored.
  }
  return initialAuth(info);
}

function defaultQuery(info: LocalInfo): string {
  return [
    `# ${info.apiName}, served by the local runtime.`,
    '#',
    '# Choose how to call the API above (a user pool sign-in, an API key, IAM), write an operation',
    '# and run it with Ctrl-Enter. Subscriptions run over the real-time endpoint: run one, then a',
    '# matching mutation in another tab. The panel on the right shows what each resolver did.',
    '',
    '{ __typename }',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const response = await fetch('/local/info');
  if (!response.ok) {
    root.render(<p className="tb-boot">The local API is still starting (HTTP {response.status}); this page reloads in a moment.</p>);
    setTimeout(() => location.reload(), 1_000);
    return;
  }
  const info = (await response.json()) as LocalInfo;
  document.title = `${info.apiName} · local console`;
  root.render(<StrictMode><App info={info} /></StrictMode>);
}

void main();
