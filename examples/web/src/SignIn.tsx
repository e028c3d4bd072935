/**
 * Username and password against the local Cognito emulator. The pool signs users in by email
 * (its username attribute). cognito-local has no SRP, so the flow is USER_PASSWORD_AUTH
 * (Amplify's default, SRP, would fail).
 */
import { signIn } from 'aws-amplify/auth';
import { useState, type FormEvent } from 'react';

export function SignIn({ seededUsers, onSignedIn }: { seededUsers: string[]; onSignedIn(): void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const result = await signIn({
        username: String(form.get('username')),
        password: String(form.get('password')),
        options: { authFlowType: 'USER_PASSWORD_AUTH' },
      });
      if (result.nextStep.signInStep !== 'DONE') throw new Error(`Cognito asks for another step: ${result.nextStep.signInStep}`);
      onSignedIn();
    } catch (thrown) {
      setError(thrown instanceof Error ? thrown.message : String(thrown));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="sign-in" onSubmit={(e) => void submit(e)}>
      <h1>Sign in</h1>
      <label>
        Username (email)
        <input name="username" type="email" autoComplete="username" list="seeded-users" placeholder="alice@example.com" required />
      </label>
      <datalist id="seeded-users">
        {seededUsers.map((u) => <option key={u} value={u} />)}
      </datalist>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      {error && <p role="alert" className="error">{error}</p>}
      {seededUsers.length > 0 && <p className="hint">Seeded users (passwords printed by <code>npm start</code>): {seededUsers.join(', ')}</p>}
    </form>
  );
}
