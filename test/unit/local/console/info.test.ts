import { describe, expect, it } from 'vitest';
import { consoleInfo } from '../../../../local/console/info';

const users = [{ username: 'ann', email: 'ann@example.com', password: 'Passw0rd!ann', groups: ['admins'], sub: 's-1', userPoolId: 'pool' }];
const iamCredentials = { accessKeyId: 'AKIALOCAL123', secretAccessKey: 'secret-never-shown', arn: 'arn:aws:sts::000000000000:assumed-role/LocalRuntime/local' };

describe('consoleInfo (the console\'s part of GET /local/info)', () => {
  it('lists the modes the API declares, default first, with the local values to use them', () => {
    const info = consoleInfo({
      model: { api: { name: 'Notes', authenticationType: 'AMAZON_COGNITO_USER_POOLS', additionalAuthenticationProviders: [{ AuthenticationType: 'AWS_IAM' }, { AuthenticationType: 'API_KEY' }] } as never },
      realtimeUrl: 'ws://127.0.0.1:1/graphql/realtime', apiKeys: [{ logicalId: 'Key', value: 'da2-abc' }], users, iamCredentials,
    });
    expect(info).toEqual({
      apiName: 'Notes', realtimeUrl: 'ws://127.0.0.1:1/graphql/realtime',
      auth: {
        modes: ['AMAZON_COGNITO_USER_POOLS', 'AWS_IAM', 'API_KEY'], apiKeys: ['da2-abc'], iam: { accessKeyId: 'AKIALOCAL123' },
        users: [{ username: 'ann', email: 'ann@example.com', password: 'Passw0rd!ann', groups: ['admins'] }],
      },
    });
    expect(JSON.stringify(info)).not.toContain('secret-never-shown');
  });

  it('offers no API key or IAM credentials the API does not accept', () => {
    const info = consoleInfo({
      model: { api: { name: 'Notes', authenticationType: 'AMAZON_COGNITO_USER_POOLS', additionalAuthenticationProviders: [] } as never },
      realtimeUrl: 'ws://x/graphql/realtime', apiKeys: [{ logicalId: 'Key', value: 'da2-abc' }], users: [], iamCredentials,
    });
    expect(info.auth).toEqual({ modes: ['AMAZON_COGNITO_USER_POOLS'], apiKeys: [], iam: null, users: [] });
  });
});
