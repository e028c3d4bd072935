/**
 * How a handler stops early. util.error, util.unauthorized and runtime.earlyReturn throw one of
 * these host-realm values through the sandboxed code (which cannot catch: `try` is forbidden), and
 * the evaluator turns it into its outcome.
 */
import type { AppSyncErrorEntry } from './state';

export class UtilErrorSignal {
  constructor(readonly error: AppSyncErrorEntry) {}
}

export class UnauthorizedSignal {}

export class EarlyReturnSignal {
  constructor(readonly value: unknown, readonly skipTo: 'END' | 'NEXT' | undefined) {}
}
