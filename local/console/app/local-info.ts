/**
 * What `GET /local/info` tells the console (and the token command): a local-only description of
 * the API's auth set-up. The runtime builds it (local/console/info.ts); the browser reads it.
 */

/** AppSync's authorization modes, as CloudFormation spells them. */
export type AuthMode = 'API_KEY' | 'AWS_IAM' | 'AMAZON_COGNITO_USER_POOLS' | 'OPENID_CONNECT' | 'AWS_LAMBDA';

export interface LocalUserInfo {
  username: string;
  email: string;
  /** Seed passwords are public (printed at start-up); local use only. */
  password: string;
  groups: string[];
}

export interface LocalInfo {
  apiName: string;
  graphqlUrl: string;
  realtimeUrl: string;
  region: string;
  /** Local Cognito (cognito-local) for the API's user pool, when it has one. */
  cognito: { endpoint: string; userPoolId: string; clientId: string | null } | null;
  auth: {
    /** The modes the API declares, its default first. */
    modes: AuthMode[];
    /** Local values of the API's keys (header `x-api-key`). */
    apiKeys: string[];
    /** IAM: the runtime's local access key id; the console signs through `POST /local/console/sign`. */
    iam: { accessKeyId: string } | null;
    /** Users the seed module created in the API's pool. */
    users: LocalUserInfo[];
  };
}
