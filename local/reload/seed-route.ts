/**
 * `POST /local/seed` with `{"module": "/abs/path/seed.ts"}`: replaces the running API's data with
 * the module's (`npm run seed`). Local tools only: it imports and runs the module it is given,
 * so it answers only on a server bound to loopback, to a request that names a loopback host (a
 * DNS-rebound page names its own) and carries no Origin (browsers always send one cross-origin).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAbsolute } from 'node:path';
import type { LocalRoute } from '../server/http-server';
import type { ReseedReport } from './live-api';
import { readBody } from '../server/read-body';

export const SEED_PATH = '/local/seed';

const LOOPBACK = /^(127(?:\.\d{1,3}){3}|localhost|::1|\[::1\])$/i;
const MAX_BODY_BYTES = 64 * 1024;

export interface SeedRouteOptions {
  /** The interface the server is bound to. */
  boundHost: string;
  reseed(modulePath: string): Promise<ReseedReport>;
}

export function createSeedRoute(options: SeedRouteOptions): LocalRoute {
  return async (req, res, path) => {
    if (path !== SEED_PATH) return false;
    if (req.method !== 'POST') return reply(res, 405, { message: 'Use POST.' });
    if (!fromLocalTool(req, options.boundHost)) return reply(res, 403, { message: 'The seed route serves local tools on a loopback-bound server only.' });
    let input: { module?: unknown };
    try {
      input = JSON.parse((await readBody(req, MAX_BODY_BYTES)) ?? '') as typeof input;
    } catch {
      return reply(res, 400, { message: 'The body must be JSON: {"module": "/absolute/path/to/seed.ts"}.' });
    }
    if (typeof input?.module !== 'string' || !isAbsolute(input.module)) return reply(res, 400, { message: 'module must be an absolute path to a seed module.' });
    try {
      const report = await options.reseed(input.module);
      return reply(res, 200, {
        durationMs: Math.round(report.durationMs), deletedItems: report.deletedItems, writtenItems: report.writtenItems, createdUsers: report.createdUsers,
        users: report.users.map((u) => ({ username: u.username, email: u.email, password: u.password, groups: u.groups })),
      });
    } catch (error) {
      return reply(res, 500, { message: (error as Error).message });
    }
  };
}

function fromLocalTool(req: IncomingMessage, boundHost: string): boolean {
  const hostHeader = req.headers.host ?? '';
  const hostname = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.split(':')[0];
  return LOOPBACK.test(boundHost) && LOOPBACK.test(hostname) && req.headers.origin === undefined;
}

function reply(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  return true;
}

