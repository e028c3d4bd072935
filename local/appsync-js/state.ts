/**
 * Per-evaluation state shared by the APPSYNC_JS runtime surface (util, runtime, extensions).
 *
 * One `EvaluationState` is created for every request/response handler call. Helpers that have
 * side effects beyond their return value (appendError, console, http response headers,
 * extensions) write here; the evaluator turns it into the EvaluateCode output and the server
 * acts on it.
 */

/** An error as AppSync records it for a field (util.error / util.appendError). */
export interface AppSyncErrorEntry {
  message: string;
  errorType?: string | null;
  data?: unknown;
  errorInfo?: unknown;
}

/** A subscription filter as `extensions.setSubscriptionFilter` receives it. */
export interface SubscriptionFilterJson {
  filterGroup: Array<{ filters: Array<{ fieldName: string; operator: string; value: unknown }> }>;
}

export interface ExtensionsRecord {
  subscriptionFilter?: SubscriptionFilterJson;
  subscriptionInvalidationFilter?: SubscriptionFilterJson;
  invalidations: Array<{ subscriptionField: string; payload: Record<string, unknown> }>;
  cacheEvictions: Array<{ typeName: string; fieldName: string; keys: Record<string, unknown> }>;
}

export interface EvaluationState {
  /** console.log / console.error lines, in order. */
  logs: string[];
  /** util.appendError entries, in order. */
  appendedErrors: AppSyncErrorEntry[];
  /** util.http.addResponseHeader(s): name -> value, last write wins. */
  responseHeaders: Record<string, string>;
  /** The value util.authType() returns, e.g. "User Pool Authorization"; null when unknown. */
  authType: string | null;
  extensions: ExtensionsRecord;
}

export function newEvaluationState(authType: string | null = null): EvaluationState {
  return {
    logs: [],
    appendedErrors: [],
    responseHeaders: {},
    authType,
    extensions: { invalidations: [], cacheEvictions: [] },
  };
}
