import type { AppSyncErrorEntry } from '../appsync-js/state';

/** A field failure that carries AppSync's error fields through graphql-js to the response. */
export class AppSyncFieldError extends Error {
  constructor(readonly entry: AppSyncErrorEntry) {
    super(entry.message);
  }
}

export function unauthorizedFieldError(typeName: string, fieldName: string): AppSyncFieldError {
  return new AppSyncFieldError({ message: `Not Authorized to access ${fieldName} on type ${typeName}`, errorType: 'Unauthorized', data: null, errorInfo: null });
}
