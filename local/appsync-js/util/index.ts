/**
 * Assembles the runtime surface (`util`, `runtime`, `extensions`, `console`) as host objects.
 * Helpers with side effects read the evaluation in progress through `current()`: evaluation is
 * synchronous, so exactly one is in progress at a time.
 */
import type { AppSyncErrorEntry, EvaluationState, SubscriptionFilterJson } from '../state';
import { EarlyReturnSignal, UnauthorizedSignal, UtilErrorSignal } from '../signals';
import { dynamodb } from './dynamodb';
import * as general from './general';
import { createHttp } from './http';
import { math } from './math';
import { str } from './str';
import { time } from './time';
import { transform } from './transform';
import { xml } from './xml';

export type CurrentState = () => EvaluationState;

function errorEntry(message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): AppSyncErrorEntry {
  return {
    message: String(message),
    errorType: typeof errorType === 'string' ? errorType : null,
    data: data === undefined ? null : data,
    errorInfo: errorInfo === undefined ? null : errorInfo,
  };
}

export function createUtil(current: CurrentState) {
  // util.http writes response headers to whichever evaluation is running.
  const http = {
    copyHeaders: (headers: Record<string, unknown>) => createHttp(current()).copyHeaders(headers),
    addResponseHeader: (name: string, value: unknown) => createHttp(current()).addResponseHeader(name, value),
    addResponseHeaders: (headers: Record<string, unknown>) => createHttp(current()).addResponseHeaders(headers),
  };
  return {
    ...general,
    error(message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): never {
      // AppSync silently ignores util.error with a non-string message (aws-appsync-community#384).
      if (typeof message !== 'string') return undefined as never;
      throw new UtilErrorSignal(errorEntry(message, errorType, data, errorInfo));
    },
    appendError(message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): void {
      current().appendedErrors.push(errorEntry(message, errorType, data, errorInfo));
    },
    unauthorized(): never {
      throw new UnauthorizedSignal();
    },
    authType: () => current().authType,
    time, dynamodb, transform, math, str, xml, http,
    rds: new Proxy({}, { get: () => () => { throw new Error('util.rds is not supported by the local runtime (no RDS data source)'); } }),
  };
}

export function createRuntime() {
  return {
    earlyReturn(value?: unknown, options?: { skipTo?: 'END' | 'NEXT' }): never {
      throw new EarlyReturnSignal(value === undefined ? null : value, options?.skipTo);
    },
  };
}

export function createExtensions(current: CurrentState) {
  return {
    setSubscriptionFilter: (filter: SubscriptionFilterJson) => { current().extensions.subscriptionFilter = filter; },
    setSubscriptionInvalidationFilter: (filter: SubscriptionFilterJson) => { current().extensions.subscriptionInvalidationFilter = filter; },
    invalidateSubscriptions: (o: { subscriptionField: string; payload: Record<string, unknown> }) => { current().extensions.invalidations.push(o); },
    evictFromApiCache: (typeName: string, fieldName: string, keys: Record<string, unknown>) => {
      current().extensions.cacheEvictions.push({ typeName, fieldName, keys });
    },
  };
}

/** console.log/console.error lines as CloudWatch shows them: strings raw, everything else JSON. */
export function createConsole(current: CurrentState) {
  const line = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a) ?? String(a))).join(' ');
  return {
    log: (...args: unknown[]) => { current().logs.push(line(args)); },
    error: (...args: unknown[]) => { current().logs.push(line(args)); },
    warn: (...args: unknown[]) => { current().logs.push(line(args)); },
    info: (...args: unknown[]) => { current().logs.push(line(args)); },
    debug: (...args: unknown[]) => { current().logs.push(line(args)); },
  };
}
