/**
 * `npm run invoke -- <function> [--payload JSON | --payload-file F] [--event scheduled] [--tail] [--port N] [--host H] [--tls]`:
 * invokes a function of the running local API (`npm start`) through its Lambda Invoke endpoint,
 * with the AWS SDK, as the AWS CLI would. The function is named by its local name, its logical
 * id, or any case-insensitive part of its logical id (`nightlyDigest` for NightlyDigest83E00E22).
 * Without a payload, a scheduled rule's target gets what the rule would send (its Input, or the
 * scheduled event) and any other function `{}`; `--event scheduled` sends the scheduled event.
 * The response payload goes to stdout; what was sent, function errors and (`--tail`) the log to stderr.
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { scheduledEvent, targetEvent, type ScheduledRuleInfo } from '../schedules/scheduler';
import { DEFAULT_TLS_DIR } from '../server/tls';
import { getJson } from './get-json';

interface FunctionInfo { name: string; logicalId: string; arn: string }
interface LocalInfo {
  region: string;
  accountId?: string;
  functions?: FunctionInfo[];
  rules?: ScheduledRuleInfo[];
  iamCredentials?: { accessKeyId: string; secretAccessKey: string };
}

const USAGE = 'usage: npm run invoke -- <function> [--payload JSON | --payload-file FILE] [--event scheduled] [--tail] [--port N] [--host H] [--tls]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    payload: { type: 'string' },
    'payload-file': { type: 'string' },
    event: { type: 'string' },
    tail: { type: 'boolean' },
    port: { type: 'string', default: '20002' },
    host: { type: 'string', default: '127.0.0.1' },
    tls: { type: 'boolean' },
  },
});

class UsageError extends Error {}

async function main(): Promise<number> {
  const wanted = positionals[0];
  if (!wanted || positionals.length > 1) throw new UsageError(USAGE);
  if (values.payload !== undefined && values['payload-file'] !== undefined) throw new UsageError('give --payload or --payload-file, not both');
  if (values.event !== undefined && values.event !== 'scheduled') throw new UsageError(`--event takes "scheduled", not ${values.event}`);
  const base = `${values.tls ? 'https' : 'http'}://${values.host!.includes(':') ? `[${values.host}]` : values.host}:${values.port}`;
  const ca = values.tls ? readFileSync(resolve(process.cwd(), DEFAULT_TLS_DIR, 'cert.pem'), 'utf8') : undefined;

  let info: LocalInfo;
  try {
    info = await getJson(`${base}/local/info`, ca) as LocalInfo;
  } catch (error) {
    const flags = [values.port === '20002' ? '' : `--port ${values.port}`, values.tls ? '--tls' : ''].filter(Boolean).join(' ');
    throw new Error(`no local API answers on ${base} (${(error as Error).message}); start it with npm start${flags ? ` -- ${flags}` : ''}`);
  }
  const fn = findFunction(wanted, info.functions ?? []);
  const credentials = info.iamCredentials ?? envCredentials();
  const payload = eventFor(fn, info);

  process.stderr.write(`Invoking ${fn.name} (${fn.logicalId}) with ${payload.source}:\n${JSON.stringify(payload.event, null, 2)}\n`);
  const client = new LambdaClient({
    endpoint: base, region: info.region, credentials, maxAttempts: 1,
    ...(ca ? { requestHandler: { httpsAgent: new Agent({ ca }) } } : {}),
  });
  try {
    const out = await client.send(new InvokeCommand({
      FunctionName: fn.name, Payload: new TextEncoder().encode(JSON.stringify(payload.event)), LogType: values.tail ? 'Tail' : 'None',
    }));
    if (out.LogResult) process.stderr.write(`\n--- log ---\n${Buffer.from(out.LogResult, 'base64').toString('utf8')}--- end of log ---\n`);
    const text = new TextDecoder().decode(out.Payload ?? new Uint8Array());
    process.stdout.write(`${pretty(text)}\n`);
    if (out.FunctionError) {
      process.stderr.write(`invoke: ${fn.name} failed (X-Amz-Function-Error: ${out.FunctionError})\n`);
      return 1;
    }
    return 0;
  } finally {
    client.destroy();
  }
}

/** Exact local name or logical id first, then case-insensitive, then a case-insensitive part of the logical id. */
function findFunction(wanted: string, functions: FunctionInfo[]): FunctionInfo {
  const lower = wanted.toLowerCase();
  const tiers = [
    functions.filter((f) => f.name === wanted || f.logicalId === wanted),
    functions.filter((f) => f.name.toLowerCase() === lower || f.logicalId.toLowerCase() === lower),
    functions.filter((f) => f.logicalId.toLowerCase().includes(lower)),
  ];
  for (const found of tiers) {
    if (found.length === 1) return found[0];
    if (found.length > 1) throw new UsageError(`${wanted} matches several functions; name one of:\n${found.map((f) => `  ${f.logicalId}  (${f.name})`).join('\n')}`);
  }
  const all = functions.map((f) => `  ${f.logicalId}  (${f.name})`).join('\n');
  throw new UsageError(`no function matches ${wanted}; the local API has:\n${all || '  (no functions)'}`);
}

function eventFor(fn: FunctionInfo, info: LocalInfo): { event: unknown; source: string } {
  if (values.payload !== undefined) return { event: parseJson(values.payload, '--payload'), source: 'the given payload' };
  if (values['payload-file'] !== undefined) return { event: parseJson(readFileSync(values['payload-file'], 'utf8'), values['payload-file']), source: values['payload-file'] };
  const where = { region: info.region, accountId: info.accountId ?? fn.arn.split(':')[4] };
  // The current minute, as a run scheduled now would carry.
  const time = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const rules = (info.rules ?? []).filter((r) => r.targets.some((t) => t.functionName === fn.name));
  const rule = rules.find((r) => r.state === 'ENABLED') ?? rules[0];
  if (values.event === 'scheduled') {
    return { event: scheduledEvent(rule ?? { arn: `arn:aws:events:${where.region}:${where.accountId}:rule/manual` }, time, where), source: `the scheduled event${rule ? ` of rule ${rule.name}` : ''}` };
  }
  if (rule) {
    const target = rule.targets.find((t) => t.functionName === fn.name)!;
    return { event: targetEvent(rule, target, time, where), source: `what rule ${rule.name} (${rule.scheduleExpression}) sends` };
  }
  return { event: {}, source: 'an empty event' };
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${where} is not JSON: ${(error as Error).message}`);
  }
}

function envCredentials(): { accessKeyId: string; secretAccessKey: string } {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = process.env;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error('the local API gives its IAM credentials only to loopback callers: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to the ones npm start printed');
  }
  return { accessKeyId, secretAccessKey };
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}


main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`invoke: ${(error as Error).message}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
