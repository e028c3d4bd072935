/**
 * The console's HTTP routes, local-only and apart from the AppSync surface (`/graphql` and
 * `/graphql/realtime` are untouched):
 *
 *   GET  /                          the console page
 *   GET  /local/console/<file>      its bundle (app.js, app.css, Monaco's workers, fonts)
 *   GET  /local/traces/<requestId>  what each resolver did for a recent request
 *   POST /local/console/sign        SigV4 headers for a console request, with the runtime's IAM credentials
 *
 * None of them sends CORS headers, so only pages from this origin (the console) can read them;
 * the signing route also refuses requests another origin's page sends.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import type { LocalCredentials } from '../auth/iam';
import { ensureConsoleBundle, type ConsoleBundle } from './bundle';
import { TraceStore, type TraceInput } from './trace-store';
import { readBody } from '../server/read-body';

export const CONSOLE_ASSET_PREFIX = '/local/console/';
export const TRACE_PREFIX = '/local/traces/';
export const SIGN_PATH = '/local/console/sign';

/** The paths the console signs for: HTTP requests and `start` messages, and the real-time connection. */
const SIGNABLE_PATHS = new Set(['/graphql', '/graphql/connect']);
const MAX_SIGN_BODY_BYTES = 5 * 1024 * 1024;

export interface LocalConsoleOptions {
  region: string;
  /** The runtime's IAM credentials, once it has made them. */
  getIamCredentials: () => LocalCredentials | undefined;
  /** Where the bundle is built (default `.local/console/` under the working directory). */
  cacheDir?: string;
  /** Replaces the bundle build (tests). */
  bundle?: () => Promise<ConsoleBundle>;
  traceLimit?: number;
  log?: (line: string) => void;
}

export interface LocalConsole {
  traces: TraceStore;
  /** Keeps a request's trace for `GET /local/traces/<requestId>`. */
  record(trace: TraceInput): void;
  /** Serves `req` when it is one of the console's routes; resolves false when it is not. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.ttf': 'font/ttf', '.woff': 'font/woff', '.woff2': 'font/woff2', '.json': 'application/json',
};

export function createLocalConsole(options: LocalConsoleOptions): LocalConsole {
  const traces = new TraceStore(options.traceLimit);
  const bundle = options.bundle ?? (() => ensureConsoleBundle({ cacheDir: options.cacheDir }));
  return {
    traces,
    record: (trace) => traces.record(trace),
    async handle(req, res, path) {
      if (path === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
        // Start building now: the browser asks for app.js right after.
        bundle().catch(() => {});
        reply(res, 200, 'text/html; charset=utf-8', PAGE);
        return true;
      }
      if (path.startsWith(TRACE_PREFIX) && req.method === 'GET') {
        const trace = traces.get(decodeURIComponent(path.slice(TRACE_PREFIX.length)));
        if (trace) json(res, 200, trace);
        else json(res, 404, { message: 'No trace for this request id; the runtime keeps the most recent ones.' });
        return true;
      }
      if (path === SIGN_PATH) {
        if (req.method !== 'POST') json(res, 405, { message: 'Use POST.' });
        else await sign(req, res, options);
        return true;
      }
      if (path.startsWith(CONSOLE_ASSET_PREFIX) && (req.method === 'GET' || req.method === 'HEAD')) {
        await asset(res, path.slice(CONSOLE_ASSET_PREFIX.length), bundle, options.log);
        return true;
      }
      return false;
    },
  };
}

async function asset(res: ServerResponse, name: string, bundle: () => Promise<ConsoleBundle>, log?: (line: string) => void): Promise<void> {
  let built: ConsoleBundle;
  try {
    built = await bundle();
  } catch (error) {
    log?.(`console: building the bundle failed: ${(error as Error).message}`);
    reply(res, 500, 'text/plain; charset=utf-8', `Building the console failed:\n${(error as Error).message}`);
    return;
  }
  // Only files the build wrote: the name never reaches the file system otherwise.
  if (!built.files.includes(name)) {
    reply(res, 404, 'text/plain; charset=utf-8', `No console file ${name}`);
    return;
  }
  const type = CONTENT_TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
  reply(res, 200, type, await readFile(join(built.dir, name)), { etag: `"${built.key}"` });
}

async function sign(req: IncomingMessage, res: ServerResponse, options: LocalConsoleOptions): Promise<void> {
  const host = req.headers.host ?? '';
  if (!sameOrigin(req, host)) {
    json(res, 403, { message: 'The signing route serves the console on this origin only.' });
    return;
  }
  const credentials = options.getIamCredentials();
  if (!credentials) {
    json(res, 503, { message: 'The local API is still starting.' });
    return;
  }
  const raw = await readBody(req, MAX_SIGN_BODY_BYTES);
  let input: { path?: unknown; body?: unknown };
  try {
    input = JSON.parse(raw ?? '') as typeof input;
  } catch {
    json(res, 400, { message: 'Send {"path": "/graphql", "body": "<request body>"}.' });
    return;
  }
  if (typeof input.path !== 'string' || !SIGNABLE_PATHS.has(input.path) || typeof input.body !== 'string') {
    json(res, 400, { message: `path must be one of ${[...SIGNABLE_PATHS].join(', ')} and body a string.` });
    return;
  }
  json(res, 200, { headers: await sigV4Headers(host, input.path, input.body, credentials, options.region) });
}

/**
 * SigV4 headers for a POST to this runtime, as an AWS SDK would sign it; `host` is left out
 * (the browser sets it; the console adds it to real-time header JSON itself).
 */
export async function sigV4Headers(host: string, path: string, body: string, credentials: LocalCredentials, region: string): Promise<Record<string, string>> {
  const signer = new SignatureV4({ credentials, region, service: 'appsync', sha256: NodeSha256 });
  const { hostname, port } = new URL(`http://${host}`);
  const signed = await signer.sign({
    method: 'POST', protocol: 'http:', hostname, port: port ? Number(port) : undefined, path,
    headers: { host, 'content-type': 'application/json' }, body,
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) if (name.toLowerCase() !== 'host') headers[name.toLowerCase()] = String(value);
  return headers;
}

/** A page on another origin may send requests here; it must not get signatures. */
function sameOrigin(req: IncomingMessage, host: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}


function json(res: ServerResponse, status: number, body: unknown): void {
  reply(res, status, 'application/json; charset=UTF-8', JSON.stringify(body));
}

function reply(res: ServerResponse, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-type': contentType, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

/** SHA-256 / HMAC-SHA-256 for the SigV4 signer, from node:crypto. */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) { this.hash = this.fresh(); }
  private fresh(): Hash | Hmac { return this.secret !== undefined ? createHmac('sha256', toBytes(this.secret)) : createHash('sha256'); }
  update(data: string | ArrayBuffer | ArrayBufferView): void { this.hash.update(toBytes(data)); }
  digest(): Promise<Uint8Array> { return Promise.resolve(new Uint8Array(this.hash.digest())); }
  reset(): void { this.hash = this.fresh(); }
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Buffer {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local console</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${CONSOLE_ASSET_PREFIX}app.css">
</head>
<body>
<div id="root"><p style="padding:24px;font-family:system-ui,sans-serif">Loading the console…</p></div>
<script type="module" src="${CONSOLE_ASSET_PREFIX}app.js"></script>
</body>
</html>
`;
