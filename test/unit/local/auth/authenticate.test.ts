import { describe, expect, it } from 'vitest';
import type { LocalApiModel } from '../../../../local/assembly/load-api';
import { localApiKeys } from '../../../../local/auth/api-keys';
import { createAuthenticator } from '../../../../local/auth/authenticate';

function model(api: Partial<LocalApiModel['api']>, apiKeys: LocalApiModel['apiKeys'] = []): LocalApiModel {
  return {
    stackName: 'S', region: 'us-east-1', accountId: '000000000000', apiKeys,
    api: { logicalId: 'Api', name: 'a', authenticationType: 'API_KEY', additionalAuthenticationProviders: [], queryDepthLimit: 0, resolverCountLimit: 0, introspection: true, environmentVariables: {}, xrayEnabled: false, ...api },
  } as LocalApiModel;
}
const request = (headers: Record<string, string>) => ({ method: 'POST', path: '/graphql', headers, body: '{}', sourceIp: '127.0.0.1' });

describe('createAuthenticator', () => {
  it('accepts a valid API key with a null identity, and names the mode', async () => {
    const m = model({}, [{ logicalId: 'Key' }]);
    const [key] = localApiKeys(m);
    const out = await createAuthenticator(m, { region: 'us-east-1', accountId: '000000000000' }).authenticate(request({ 'x-api-key': key.value }));
    expect(out).toEqual({ ok: true, caller: { mode: 'API_KEY', groups: [], identity: null, authType: 'API Key Authorization', label: 'api-key' } });
  });

  it('refuses an expired API key as AppSync does', async () => {
    const m = model({}, [{ logicalId: 'Key', expires: Math.floor(Date.now() / 1000) - 10 }]);
    const [key] = localApiKeys(m);
    const out = await createAuthenticator(m, { region: 'us-east-1', accountId: '000000000000' }).authenticate(request({ 'x-api-key': key.value }));
    expect(out).toEqual({ ok: false, status: 401, body: { errors: [{ errorType: 'UnauthorizedException', message: 'API key has expired.' }] } });
  });

  it('ignores an API key on an API without the API_KEY mode', async () => {
    const m = model({ authenticationType: 'AWS_IAM' }, [{ logicalId: 'Key' }]);
    const out = await createAuthenticator(m, { region: 'us-east-1', accountId: '000000000000' }).authenticate(request({ 'x-api-key': 'da2-whatever' }));
    expect(out).toMatchObject({ ok: false, status: 401, body: { errors: [{ message: 'Valid authorization header not provided.' }] } });
  });

  it('refuses a token on an API without user pools, without looking at it', async () => {
    const out = await createAuthenticator(model({}), { region: 'us-east-1', accountId: '000000000000' }).authenticate(request({ authorization: 'Bearer a.b.c' }));
    expect(out).toMatchObject({ ok: false, status: 401, body: { errors: [{ message: 'You are not authorized to make this call.' }] } });
  });

  it('gives stable, distinct API key values per key', () => {
    const m = model({}, [{ logicalId: 'A' }, { logicalId: 'B' }]);
    const [a, b] = localApiKeys(m);
    expect(a.value).toMatch(/^da2-[0-9a-f]{26}$/);
    expect(a.value).not.toBe(b.value);
    expect(localApiKeys(m)[0].value).toBe(a.value);
  });
});
