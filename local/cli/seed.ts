/**
 * `npm run seed [-- --seed FILE] [--port N] [--host H] [--tls]`: replaces the data of the running
 * local API (`npm start`) with a seed module's (default: the larger `seed/taskboard-large.ts`).
 * The runtime does it (`POST /local/seed`, local tools only): the module's users are created in
 * local Cognito when missing (existing ones are kept), every table is emptied, then the items
 * are written. Stream mappings do not see the swap: they go on from the new data.
 */
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SEED_PATH } from '../reload/seed-route';
import { DEFAULT_TLS_DIR } from '../server/tls';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: 'seed/taskboard-large.ts' },
    port: { type: 'string', default: '20002' },
    host: { type: 'string', default: '127.0.0.1' },
    tls: { type: 'boolean' },
  },
});

interface SeedReply {
  durationMs: number;
  deletedItems: number;
  writtenItems: number;
  createdUsers: string[];
  users: Array<{ username: string; email: string; password: string; groups: string[] }>;
  message?: string;
}

async function main(): Promise<void> {
  const host = values.host!;
  const base = `${values.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${values.port}`;
  const ca = values.tls ? readFileSync(resolve(process.cwd(), DEFAULT_TLS_DIR, 'cert.pem'), 'utf8') : undefined;
  const module = resolve(process.cwd(), values.seed!);
  let reply: { status: number; body: SeedReply };
  try {
    reply = await postJson(`${base}${SEED_PATH}`, { module }, ca);
  } catch (error) {
    const flags = [values.port === '20002' ? '' : `--port ${values.port}`, values.tls ? '--tls' : ''].filter(Boolean).join(' ');
    throw new Error(`no local API answers on ${base} (${(error as Error).message}); start it with npm start${flags ? ` -- ${flags}` : ''}`);
  }
  if (reply.status !== 200) throw new Error(`${values.seed}: ${reply.body.message ?? `HTTP ${reply.status}`}`);
  const r = reply.body;
  const created = new Set(r.createdUsers);
  process.stdout.write(`seeded ${values.seed}: ${r.writtenItems} items written, ${r.deletedItems} removed, in ${(r.durationMs / 1000).toFixed(1)} s\n`);
  if (r.users.length > 0) {
    const w = (pick: (u: SeedReply['users'][number]) => string) => Math.max(...r.users.map((u) => pick(u).length));
    const [wu, we, wp] = [w((u) => u.username), w((u) => u.email), w((u) => u.password)];
    process.stdout.write('users (new ones marked *):\n');
    for (const u of r.users) {
      process.stdout.write(`  ${created.has(u.username) ? '*' : ' '} ${u.username.padEnd(wu)}  ${u.email.padEnd(we)}  ${u.password.padEnd(wp)}${u.groups.length ? `  groups: ${u.groups.join(', ')}` : ''}`.trimEnd() + '\n');
    }
  }
}

function postJson(url: string, body: unknown, ca: string | undefined): Promise<{ status: number; body: SeedReply }> {
  const payload = JSON.stringify(body);
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((ok, fail) => {
    const req = send(url, { method: 'POST', ca, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => { text += chunk; }).on('end', () => {
        try {
          ok({ status: res.statusCode ?? 0, body: JSON.parse(text) as SeedReply });
        } catch {
          fail(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
        }
      });
    });
    req.on('error', fail);
    req.end(payload);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`seed: ${(error as Error).message}\n`);
  process.exit(1);
});
