/** The shell: signed out → sign-in form; signed in → my boards, or one board (`#/boards/<id>`). */
import { getCurrentUser, signOut } from 'aws-amplify/auth';
import { useEffect, useState } from 'react';
import { BoardList } from './BoardList';
import { BoardView } from './BoardView';
import { SignIn } from './SignIn';

type Session = { state: 'loading' } | { state: 'signed-out' } | { state: 'signed-in'; name: string };

function boardIdFromHash(): string | null {
  return /^#\/boards\/([^/]+)$/.exec(window.location.hash)?.[1] ?? null;
}

export function App({ seededUsers }: { seededUsers: string[] }) {
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [boardId, setBoardId] = useState(boardIdFromHash);

  const refreshSession = () =>
    getCurrentUser()
      .then((user) => setSession({ state: 'signed-in', name: user.signInDetails?.loginId ?? user.username }))
      .catch(() => setSession({ state: 'signed-out' }));

  useEffect(() => {
    void refreshSession();
    const onHash = () => setBoardId(boardIdFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  if (session.state === 'loading') return <p>Loading…</p>;
  return (
    <>
      <header className="top">
        <a href="#/" className="brand">Taskboard</a>
        {session.state === 'signed-in' && (
          <span className="who">
            <span data-testid="signed-in-as">Signed in as {session.name}</span>
            <button type="button" onClick={() => void signOut().then(() => setSession({ state: 'signed-out' }))}>Sign out</button>
          </span>
        )}
      </header>
      <main>
        {session.state === 'signed-out' ? (
          <SignIn seededUsers={seededUsers} onSignedIn={() => void refreshSession()} />
        ) : boardId ? (
          <BoardView key={boardId} boardId={boardId} />
        ) : (
          <BoardList />
        )}
      </main>
    </>
  );
}
