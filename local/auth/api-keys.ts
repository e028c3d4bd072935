/**
 * Local values for the API keys the template declares. AppSync generates a key's value at
 * deploy time; locally each `AWS::AppSync::ApiKey` gets a stable value derived from the stack and
 * its logical id, in AppSync's `da2-` format, so a newcomer's curl keeps working across restarts.
 */
import { createHash } from 'node:crypto';
import type { LocalApiModel } from '../assembly/load-api';

export interface LocalApiKey { logicalId: string; value: string; expires?: number }

export function localApiKeys(model: LocalApiModel): LocalApiKey[] {
  return model.apiKeys.map((k) => ({
    logicalId: k.logicalId,
    value: `da2-${createHash('sha256').update(`${model.stackName}/${k.logicalId}`).digest('hex').slice(0, 26)}`,
    expires: k.expires,
  }));
}
