import { lambdaErrorMessage, type LambdaErrorType } from '../../resolvers/lib/lambda-errors';

/**
 * An error the client should see with its own errorType: its message is `<type>: <text>`,
 * which the invoking pipeline function turns back into `util.error(text, type)`
 * (resolvers/lib/lambda-errors.ts). Any other error reaches clients as `Lambda:Unhandled`.
 */
export class TaskboardError extends Error {
  constructor(readonly type: LambdaErrorType, text: string) {
    super(lambdaErrorMessage(type, text));
    this.name = type;
  }
}

/** The cancellation reason codes of a TransactWriteItems failure, by item; null for any other error. */
export function cancellationCodes(error: unknown): string[] | null {
  const e = error as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
  if (e?.name !== 'TransactionCanceledException' || !Array.isArray(e.CancellationReasons)) return null;
  return e.CancellationReasons.map((r) => r.Code ?? 'None');
}
