/**
 * The last N request traces, by the request id the response carried in `x-amzn-requestid`, so
 * the console can show what each resolver did beside the response it got (local-only, like
 * AppSync's field-level logs and X-Ray, which AWS keeps outside the API too).
 */
import type { FieldTrace, RequestTrace } from '../execution/executor';

/** What `GET /local/traces/<requestId>` returns. */
export interface ConsoleTrace {
  requestId: string;
  /** ISO time the request arrived. */
  receivedAt: string;
  /** Time to the response, as the request log measures it. */
  durationMs: number;
  /** Who called: a username, "api-key", an IAM user… */
  caller: string;
  status: number;
  operationName: string | null;
  operationType: string | null;
  resolverCount: number;
  errorCount: number;
  fields: FieldTrace[];
}

export interface TraceInput {
  requestId: string;
  receivedAt: Date;
  durationMs: number;
  caller: string;
  status: number;
  errorCount: number;
  trace: RequestTrace;
}

/** Enough for a console session; each trace holds the DynamoDB requests and responses it made. */
export const DEFAULT_TRACE_LIMIT = 200;

export class TraceStore {
  private readonly traces = new Map<string, ConsoleTrace>();

  constructor(private readonly limit = DEFAULT_TRACE_LIMIT) {}

  record(input: TraceInput): void {
    const { trace } = input;
    this.traces.set(input.requestId, {
      requestId: input.requestId, receivedAt: input.receivedAt.toISOString(), durationMs: round(input.durationMs), caller: input.caller,
      status: input.status, operationName: trace.operationName, operationType: trace.operationType, resolverCount: trace.resolverCount,
      errorCount: input.errorCount, fields: trace.fields,
    });
    // A Map iterates in insertion order: the first key is the oldest.
    while (this.traces.size > this.limit) this.traces.delete(this.traces.keys().next().value!);
  }

  get(requestId: string): ConsoleTrace | undefined {
    return this.traces.get(requestId);
  }

  get size(): number {
    return this.traces.size;
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
