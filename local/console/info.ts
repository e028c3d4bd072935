/**
 * The console's part of `GET /local/info`: the API's name and real-time URL, and its auth
 * set-up as the AppSync console's picker shows it (the modes the API declares, default first),
 * with the local values a developer needs to use them: API keys, seeded users and their
 * (public, printed) passwords, the IAM access key id. Never the IAM secret: the console signs
 * through the runtime (`POST /local/console/sign`).
 */
import type { LocalApiModel } from '../assembly/load-api';
import type { LocalApiKey } from '../auth/api-keys';
import type { LocalCredentials } from '../auth/iam';
import type { SeededUser } from '../cognito/cognito-local';
import type { AuthMode, LocalInfo } from './app/local-info';

export interface ConsoleInfoInput {
  model: Pick<LocalApiModel, 'api'>;
  realtimeUrl: string;
  apiKeys: LocalApiKey[];
  users: SeededUser[];
  iamCredentials?: Pick<LocalCredentials, 'accessKeyId'>;
}

export function consoleInfo(input: ConsoleInfoInput): Pick<LocalInfo, 'apiName' | 'realtimeUrl' | 'auth'> {
  const { api } = input.model;
  const declared = [api.authenticationType, ...api.additionalAuthenticationProviders.map((p) => String(p.AuthenticationType))];
  const modes = [...new Set(declared)] as AuthMode[];
  return {
    apiName: api.name,
    realtimeUrl: input.realtimeUrl,
    auth: {
      modes,
      apiKeys: modes.includes('API_KEY') ? input.apiKeys.map((k) => k.value) : [],
      iam: modes.includes('AWS_IAM') && input.iamCredentials ? { accessKeyId: input.iamCredentials.accessKeyId } : null,
      users: input.users.map((u) => ({ username: u.username, email: u.email, password: u.password, groups: u.groups })),
    },
  };
}
