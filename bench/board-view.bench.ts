/**
 * The N+1 bound: a board view with 100 tasks, their assignees and creators, and the board's
 * owner, over HTTP against the local runtime with the Taskboard API. Prints how many DynamoDB
 * requests the view made (the bound is 3 for the board and its tasks with assignees) and its
 * latency beside a single GetItem query through the same runtime (the in-run baseline).
 * Run alone: `npm run bench -- board-view`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createTaskboardApp } from '../infra/taskboard-app';
import { startLocalRuntime } from '../local/runtime';
import { SEED_BOARD_ID } from '../seed/taskboard';

const ROUNDS = 30;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function run(): Promise<void> {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-board-view-'));
  createTaskboardApp({ outdir }).app.synth();
  let lastLog = '';
  const runtime = await startLocalRuntime({ assemblyDir: outdir, port: 0, seed: resolve(import.meta.dirname, '../seed/taskboard.ts'), logLevel: 'INFO', log: (l) => { if (!l.startsWith(' ')) lastLog = l; } });
  try {
    const alice = runtime.users.find((u) => u.username === 'alice')!;
    const bob = runtime.users.find((u) => u.username === 'bob')!;
    const pool = runtime.cognito!.pools[0];
    const cognito = new CognitoIdentityProviderClient({ endpoint: runtime.cognito!.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const auth = await cognito.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: pool.clients[0].id, AuthParameters: { USERNAME: alice.email, PASSWORD: alice.password } }));
    cognito.destroy();
    const token = auth.AuthenticationResult!.IdToken!;
    const call = async (query: string, variables: Record<string, unknown>) => {
      const res = await fetch(runtime.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return lastLog;
    };
    // Fill the seeded board to 100 tasks, assigned alternately to alice and bob.
    const seeded = 8;
    for (let i = seeded; i < 100; i++) {
      await call('mutation($in: CreateTaskInput!) { createTask(input: $in) { id } }', { in: { boardId: SEED_BOARD_ID, title: `Task ${i}`, assigneeId: i % 2 ? alice.sub : bob.sub } });
    }
    const view = 'query($id: ID!) { board(id: $id) { name tasks(limit: 100) { items { title status assignee { displayName } createdBy { displayName } } } } }';
    const withOwner = view.replace('{ name ', '{ name owner { displayName } ');
    const single = 'query($id: ID!) { task(boardId: $id, id: "none") { id } }';
    const requests = (log: string) => Number(/dynamodb=(\d+)/.exec(log)?.[1] ?? NaN);
    const viewRequests = requests(await call(view, { id: SEED_BOARD_ID }));
    const singleRequests = requests(await call(single, { id: SEED_BOARD_ID }));
    const ownerRequests = requests(await call(withOwner, { id: SEED_BOARD_ID }));
    const times = { view: [] as number[], single: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      let t = performance.now();
      await call(view, { id: SEED_BOARD_ID });
      times.view.push(performance.now() - t);
      t = performance.now();
      await call(single, { id: SEED_BOARD_ID });
      times.single.push(performance.now() - t);
    }
    for (const list of Object.values(times)) list.sort((a, b) => a - b);
    process.stdout.write('operation                                   DynamoDB requests   p50 ms   p99 ms\n');
    process.stdout.write(`board view: 100 tasks + assignees + creators${String(viewRequests).padStart(16)}  ${percentile(times.view, 50).toFixed(1).padStart(7)}  ${percentile(times.view, 99).toFixed(1).padStart(7)}\n`);
    process.stdout.write(`task(id) (membership + GetItem)             ${String(singleRequests).padStart(17)}  ${percentile(times.single, 50).toFixed(1).padStart(7)}  ${percentile(times.single, 99).toFixed(1).padStart(7)}\n`);
    process.stdout.write(`same view + the board's owner                ${String(ownerRequests).padStart(16)}\n`);
    process.stdout.write(`ratio: the board view takes ${(percentile(times.view, 50) / percentile(times.single, 50)).toFixed(1)}x a two-request query; ${viewRequests} DynamoDB requests for 100 tasks and their users (bound: 3)\n`);
  } finally {
    await runtime.close();
  }
}
