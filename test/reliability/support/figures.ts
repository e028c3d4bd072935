/**
 * What each reliability suite measured, written as JSON at the end of the suite (afterAll) into
 * the run's figures directory; report-setup.ts turns them into docs/reliability.md.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    reliabilityFiguresDir: string;
  }
}

export const SUITES = ['concurrency', 'bad-input', 'authorization', 'faults', 'load'] as const;
export type SuiteName = (typeof SUITES)[number];

export interface SuiteFiguresJson {
  suite: SuiteName;
  profile: string;
  durationMs: number;
  requests: number;
  /** Errors received, by errorType (or HTTP status / frame type when there is none). */
  errorsByType: Record<string, number>;
  writesAcknowledged: number | null;
  writesFound: number | null;
  leaks: number | null;
  recoveries: number | null;
  latency: { p50: number; p99: number; samples: number } | null;
  memoryMb: { start: number; end: number } | null;
  /** One line per check worth reading, e.g. "50 racers × 5 rounds: 5 won, 245 ConflictError". */
  notes: string[];
}

type ErrorEntry = { errorType?: string | null; message?: string };

export class SuiteFigures {
  private readonly started = Date.now();
  requests = 0;
  readonly errorsByType: Record<string, number> = {};
  writesAcknowledged: number | null = null;
  writesFound: number | null = null;
  leaks: number | null = null;
  recoveries: number | null = null;
  readonly latenciesMs: number[] = [];
  memoryMb: { start: number; end: number } | null = null;
  readonly notes: string[] = [];

  constructor(private readonly suite: SuiteName, private readonly profileName: string) {}

  /** Counts one request and the errors its answer carried. */
  count(errors: ErrorEntry[] | undefined, status = 200): void {
    this.requests += 1;
    if (status >= 300 && (!errors || errors.length === 0)) this.error(`HTTP ${status}`);
    // graphql-java's syntax, validation and variable errors carry no errorType.
    for (const e of errors ?? []) this.error(e.errorType ?? (status === 200 ? 'no errorType (syntax, validation, variables)' : `HTTP ${status}`));
  }

  error(type: string, n = 1): void {
    this.errorsByType[type] = (this.errorsByType[type] ?? 0) + n;
  }

  addWrites(acknowledged: number, found: number): void {
    this.writesAcknowledged = (this.writesAcknowledged ?? 0) + acknowledged;
    this.writesFound = (this.writesFound ?? 0) + found;
  }

  addLeaks(n: number): void {
    this.leaks = (this.leaks ?? 0) + n;
  }

  addRecoveries(n: number): void {
    this.recoveries = (this.recoveries ?? 0) + n;
  }

  note(line: string): void {
    this.notes.push(line);
  }

  toJson(): SuiteFiguresJson {
    const sorted = [...this.latenciesMs].sort((a, b) => a - b);
    return {
      suite: this.suite, profile: this.profileName, durationMs: Date.now() - this.started, requests: this.requests,
      errorsByType: this.errorsByType, writesAcknowledged: this.writesAcknowledged, writesFound: this.writesFound,
      leaks: this.leaks, recoveries: this.recoveries,
      latency: sorted.length > 0 ? { p50: percentile(sorted, 50), p99: percentile(sorted, 99), samples: sorted.length } : null,
      memoryMb: this.memoryMb, notes: this.notes,
    };
  }

  /** Writes the figures for the report; call from afterAll, so a failing suite still reports what it saw. */
  write(): void {
    writeFileSync(join(inject('reliabilityFiguresDir'), `${this.suite}.json`), JSON.stringify(this.toJson(), null, 2));
  }
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
