/**
 * The auth picker, like the AppSync console's: one of the modes the API declares; for a user
 * pool, sign in with a username and password (seeded users listed, one click fills the form);
 * an API key filled in; IAM with the runtime's local credentials.
 */
import { useState, type FormEvent } from 'react';
import { MODE_LABELS, describeAuth, type AuthState } from './auth';
import { signIn } from './cognito';
import type { AuthMode, LocalInfo } from './local-info';

export function initialAuth(info: LocalInfo, mode: AuthMode = info.auth.modes[0]): AuthState {
  switch (mode) {
    case 'AMAZON_COGNITO_USER_POOLS': return { mode, username: null, tokens: null };
    case 'API_KEY': return { mode, apiKey: info.auth.apiKeys[0] ?? '' };
    case 'AWS_IAM': return { mode };
    default: return { mode };
  }
}

export function AuthBar({ info, auth, onChange }: { info: LocalInfo; auth: AuthState; onChange: (auth: AuthState) => void }) {
  return (
    <div className="tb-auth">
      <label>
        Authorization
        <select aria-label="Authorization mode" value={auth.mode} onChange={(e) => onChange(initialAuth(info, e.target.value as AuthMode))}>
          {info.auth.modes.map((m, i) => <option key={m} value={m}>{MODE_LABELS[m] ?? m}{i === 0 ? ' (default)' : ''}</option>)}
        </select>
      </label>
      {auth.mode === 'AMAZON_COGNITO_USER_POOLS' && <UserPoolAuth info={info} auth={auth} onChange={onChange} />}
      {auth.mode === 'API_KEY' && <ApiKeyAuth info={info} apiKey={auth.apiKey} onChange={(apiKey) => onChange({ mode: 'API_KEY', apiKey })} />}
      {auth.mode === 'AWS_IAM' && <span className="tb-muted">access key <code>{info.auth.iam?.accessKeyId ?? '?'}</code>; the runtime signs each request (SigV4)</span>}
      {(auth.mode === 'OPENID_CONNECT' || auth.mode === 'AWS_LAMBDA') && <span className="tb-muted">{describeAuth(auth)}</span>}
    </div>
  );
}

function UserPoolAuth({ info, auth, onChange }: { info: LocalInfo; auth: Extract<AuthState, { mode: 'AMAZON_COGNITO_USER_POOLS' }>; onChange: (auth: AuthState) => void }) {
  const [username, setUsername] = useState(info.auth.users[0]?.email ?? '');
  const [password, setPassword] = useState(info.auth.users[0]?.password ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cognito = info.cognito;
  if (!cognito?.clientId) return <span className="tb-bad">The API&apos;s user pool has no app client in local Cognito.</span>;
  if (auth.tokens) {
    const seeded = info.auth.users.find((u) => u.username === auth.username);
    return (
      <span className="tb-signed-in" data-testid="signed-in">
        Signed in as <b>{auth.username}</b>{seeded ? ` (${seeded.email})` : ''}
        <span className="tb-muted"> · ID token until {new Date(auth.tokens.expiresAt).toLocaleTimeString()}, refreshed automatically</span>
        <button type="button" onClick={() => onChange({ mode: auth.mode, username: null, tokens: null })}>Sign out</button>
      </span>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const tokens = await signIn({ endpoint: cognito.endpoint, clientId: cognito.clientId! }, username, password);
      // Seeded users sign in with their email (the pool's username attribute); show their name.
      const seeded = info.auth.users.find((u) => u.email === username || u.username === username);
      onChange({ mode: auth.mode, username: seeded?.username ?? username, tokens });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="tb-signin" onSubmit={(e) => void submit(e)}>
      {info.auth.users.length > 0 && (
        <select aria-label="Seeded user" value={info.auth.users.find((u) => u.email === username)?.username ?? ''}
          onChange={(e) => {
            const user = info.auth.users.find((u) => u.username === e.target.value);
            if (user) { setUsername(user.email); setPassword(user.password); }
          }}>
          <option value="">seeded users…</option>
          {info.auth.users.map((u) => <option key={u.username} value={u.username}>{u.username} · {u.email}{u.groups.length ? ` · ${u.groups.join(', ')}` : ''}</option>)}
        </select>
      )}
      <input aria-label="Username" placeholder="username or email" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" />
      <input aria-label="Password" placeholder="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      {error && <span className="tb-bad" role="alert">{error}</span>}
    </form>
  );
}

function ApiKeyAuth({ info, apiKey, onChange }: { info: LocalInfo; apiKey: string; onChange: (key: string) => void }) {
  if (info.auth.apiKeys.length > 0) {
    return (
      <select aria-label="API key" value={apiKey} onChange={(e) => onChange(e.target.value)}>
        {info.auth.apiKeys.map((k) => <option key={k} value={k}>{k}</option>)}
      </select>
    );
  }
  return <input aria-label="API key" placeholder="x-api-key" value={apiKey} onChange={(e) => onChange(e.target.value)} />;
}
