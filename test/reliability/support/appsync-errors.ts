/**
 * What a well-formed AppSync error answer looks like, as a list of problems (empty: well formed),
 * so a fuzz property can assert it and print what was wrong.
 * - Request-level (auth, body): 4xx, `{"errors":[{"errorType","message"}]}` and nothing else.
 * - GraphQL-level: 200, `data` present (null or an object), `errors` a non-empty list of entries
 *   with a message and only AppSync's keys.
 * Never a 5xx, never a stack trace or a local file path in a message.
 */
import type { GraphQLReply } from '../../helpers/local-api';

const ENTRY_KEYS = new Set(['path', 'data', 'errorType', 'errorInfo', 'locations', 'message']);
const REQUEST_STATUSES = new Set([400, 401, 403, 404, 405, 413]);

export function appSyncErrorProblems(reply: Pick<GraphQLReply, 'status' | 'body'>): string[] {
  const problems: string[] = [];
  const { status, body } = reply;
  const errors = body?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return [`no errors in the answer (HTTP ${status}): ${JSON.stringify(body).slice(0, 300)}`];
  for (const e of errors) problems.push(...entryProblems(e as Record<string, unknown>));
  if (status === 200) {
    if (!('data' in body)) problems.push('a GraphQL error answer without a data key');
    else if (body.data !== null && (typeof body.data !== 'object' || Array.isArray(body.data))) problems.push(`data is ${JSON.stringify(body.data)}`);
  } else if (REQUEST_STATUSES.has(status)) {
    const extra = Object.keys(body).filter((k) => k !== 'errors');
    if (extra.length > 0) problems.push(`a request-level error (HTTP ${status}) with ${extra.join(', ')}`);
    for (const e of errors) if (typeof (e as { errorType?: unknown }).errorType !== 'string') problems.push(`a request-level error without an errorType: ${JSON.stringify(e)}`);
  } else {
    problems.push(`HTTP ${status}`);
  }
  return problems;
}

function entryProblems(e: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof e !== 'object' || e === null) return [`an error entry that is not an object: ${JSON.stringify(e)}`];
  if (typeof e.message !== 'string' || e.message.length === 0) problems.push(`an error without a message: ${JSON.stringify(e)}`);
  else if (/\n\s+at \S+.*:\d+:\d+/.test(e.message) || e.message.includes(process.cwd())) problems.push(`an error message with internals: ${e.message.slice(0, 300)}`);
  const unknown = Object.keys(e).filter((k) => !ENTRY_KEYS.has(k));
  if (unknown.length > 0) problems.push(`an error entry with unknown keys ${unknown.join(', ')}`);
  if (e.errorType !== undefined && e.errorType !== null && typeof e.errorType !== 'string') problems.push(`errorType ${JSON.stringify(e.errorType)}`);
  if (e.path !== undefined && e.path !== null && !Array.isArray(e.path)) problems.push(`path ${JSON.stringify(e.path)}`);
  if (e.locations !== undefined && e.locations !== null) {
    const ok = Array.isArray(e.locations) && e.locations.every((l: { line?: unknown; column?: unknown }) => Number.isInteger(l?.line) && Number.isInteger(l?.column));
    if (!ok) problems.push(`locations ${JSON.stringify(e.locations)}`);
  }
  return problems;
}

/** The error types of an answer ("HTTP <status>" for a request-level error without one). */
export function errorTypes(reply: Pick<GraphQLReply, 'status' | 'body'>): string[] {
  return (reply.body?.errors ?? []).map((e) => (typeof e.errorType === 'string' ? e.errorType : `HTTP ${reply.status}`));
}
