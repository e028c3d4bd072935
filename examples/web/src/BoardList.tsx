/** My boards, with my role on each. */
import { useEffect, useState } from 'react';
import { request } from './api';
import type { HomeQuery as HomeData } from './gql/graphql';
import { HomeQuery } from './operations';

export function BoardList() {
  const [data, setData] = useState<HomeData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    request(HomeQuery, {}).then(setData, (e: Error) => setError(e.message));
  }, []);

  if (error) return <p role="alert" className="error">{error}</p>;
  if (!data) return <p>Loading boards…</p>;
  return (
    <section aria-label="My boards">
      <h1>My boards</h1>
      {data.myBoards.items.length === 0 && <p>No boards yet.</p>}
      <ul className="boards">
        {data.myBoards.items.map((board) => (
          <li key={board.id}>
            <a href={`#/boards/${board.id}`}>{board.name}</a>
            <span className="meta">{board.myRole ?? 'admin'} · {board.taskCount} tasks · {board.memberCount} members</span>
            {board.description && <p>{board.description}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
