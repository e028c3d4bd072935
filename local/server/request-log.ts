/**
 * One log line per GraphQL request, with the detail CloudWatch field logs would give at the
 * chosen level: ERROR (failed requests only), INFO (every request), DEBUG (plus each resolver
 * step's data-source calls and console output), ALL (plus variables and the response).
 */
import type { ExecuteResponse, GraphQLRequestBody } from '../execution/executor';

export const LOG_LEVELS = ['NONE', 'ERROR', 'INFO', 'DEBUG', 'ALL'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

export interface LoggedRequest {
  caller: string;
  durationMs: number;
  body?: GraphQLRequestBody;
  response: Pick<ExecuteResponse, 'status' | 'body' | 'trace'>;
}

export function formatRequestLog(level: LogLevel, r: LoggedRequest): string[] {
  const errors = r.response.body.errors ?? [];
  if (level === 'NONE' || (level === 'ERROR' && errors.length === 0 && r.response.status < 400)) return [];
  const { trace } = r.response;
  const calls = trace.fields.flatMap((f) => f.calls);
  const ddbRequests = calls.reduce((n, c) => n + c.dynamodbCalls.length, 0);
  const lines = [
    `${trace.operationType ?? '-'} ${trace.operationName ?? '(anonymous)'} by ${r.caller} ${r.durationMs.toFixed(1)}ms ` +
      `status=${r.response.status} resolvers=${trace.resolverCount} dynamodb=${ddbRequests} errors=${errors.length}`,
  ];
  for (const e of errors) lines.push(`  error ${e.errorType ?? ''} ${e.path ? e.path.join('.') : ''}: ${e.message}`.replace(/ {2,}/g, ' '));
  if (level === 'ERROR' || level === 'INFO') return lines;
  for (const f of trace.fields) {
    for (const c of f.calls) {
      const detail = c.dynamodbCalls.length > 0 ? ` [${c.dynamodbCalls.map((d) => `${d.operation} ${d.durationMs.toFixed(1)}ms`).join(', ')}]` : '';
      const batch = c.batchSize !== undefined ? ` batch=${c.batchSize}` : '';
      lines.push(`  ${f.path} ${f.step} → ${c.dataSource} ${c.operation} ${c.durationMs.toFixed(1)}ms${batch}${detail}${c.error ? ` ${c.error.type}: ${c.error.message}` : ''}`);
      for (const l of c.logs) lines.push(`    lambda: ${l}`);
    }
    for (const l of f.logs) lines.push(`  ${f.path} ${f.step} console: ${l}`);
  }
  if (level === 'ALL') {
    lines.push(`  variables: ${JSON.stringify(r.body?.variables ?? {})}`);
    lines.push(`  response: ${JSON.stringify(r.response.body)}`);
  }
  return lines;
}
