/**
 * Cognito Lambda triggers offline: the template's LambdaConfig becomes cognito-local's trigger
 * configuration, and cognito-local calls the function through the runtime's Lambda Invoke API.
 * On the fixture app, sign-up + confirmation runs the post-confirmation function with the event
 * Cognito sends; the trigger mapping and the one-configuration-for-all-pools warning are checked
 * on their own.
 */
import { AdminConfirmSignUpCommand, AdminGetUserCommand, CognitoIdentityProviderClient, ConfirmSignUpCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { confirmationCodeReader, type ConfirmationCode } from '../../../local/cognito/cognito-local';
import { cognitoLocalTriggerFunctions, userPoolTriggers } from '../../../local/cognito/triggers';
import { givenLocalApi, type LocalApi } from '../../helpers/local-api';

let api: LocalApi;
let cognito: CognitoIdentityProviderClient;
const lines: string[] = [];

beforeAll(async () => {
  const outdir = inject('miniAppAssembly');
  api = await givenLocalApi({ assemblyDir: outdir, lines });
  cognito = new CognitoIdentityProviderClient({ endpoint: api.runtime.cognito!.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}, 120_000);
afterAll(async () => {
  cognito?.destroy();
  await api?.close();
});

const pool = () => api.runtime.cognito!.pools[0];
const notesTable = () => api.runtime.model.tables.find((t) => t.logicalId.startsWith('Notes'))!.tableName;
const welcomeFunction = () => Object.values(api.runtime.model.lambdas).find((l) => l.logicalId.startsWith('Welcome'))!;

async function welcomeEvent(sub: string): Promise<Record<string, unknown> | undefined> {
  for (let i = 0; i < 100; i += 1) {
    const got = await api.runtime.client.send(new GetItemCommand({ TableName: notesTable(), Key: { id: { S: `welcome-${sub}` } }, ConsistentRead: true }));
    if (got.Item) return JSON.parse(got.Item.text.S!) as Record<string, unknown>;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

async function codeFor(email: string): Promise<ConfirmationCode | undefined> {
  for (let i = 0; i < 50; i += 1) {
    const code = api.runtime.cognito!.confirmationCodes.find((c) => c.destination === email);
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

describe('Cognito triggers through the local Lambda Invoke API', () => {
  it('resolves the pool\'s LambdaConfig to the local function', () => {
    expect(api.runtime.model.userPools[0].triggers).toEqual({ PostConfirmation: welcomeFunction().functionName });
  });

  it('sign-up, then ConfirmSignUp with the code cognito-local "sent", runs the post-confirmation trigger with Cognito\'s event', async () => {
    const email = 'zed@example.com';
    const clientId = pool().clients[0].id;
    const signedUp = await cognito.send(new SignUpCommand({ ClientId: clientId, Username: email, Password: 'Passw0rd!zed', UserAttributes: [{ Name: 'email', Value: email }] }));
    expect(signedUp.UserConfirmed).toBe(false);
    const sub = signedUp.UserSub!;
    // Not before confirmation.
    const early = await api.runtime.client.send(new GetItemCommand({ TableName: notesTable(), Key: { id: { S: `welcome-${sub}` } }, ConsistentRead: true }));
    expect(early.Item).toBeUndefined();

    const code = await codeFor(email);
    expect(code?.code).toMatch(/^\d{6}$/);
    expect(lines).toContain(`cognito: confirmation code for ${email}: ${code!.code}`);
    await cognito.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: code!.code }));

    const event = await welcomeEvent(sub);
    expect(event).toMatchObject({
      triggerSource: 'PostConfirmation_ConfirmSignUp',
      userPoolId: pool().id,
      userName: sub,
      callerContext: { awsSdkVersion: expect.any(String), clientId },
      request: { userAttributes: { sub, email, 'cognito:user_status': 'CONFIRMED' } },
      response: {},
    });
    const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: pool().id, Username: email }));
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(lines.some((l) => l.startsWith(`lambda ${welcomeFunction().functionName} (RequestResponse)`) && l.endsWith('ok'))).toBe(true);
  });

  it('AdminConfirmSignUp runs the same trigger, as in Cognito', async () => {
    const email = 'yan@example.com';
    const signedUp = await cognito.send(new SignUpCommand({ ClientId: pool().clients[0].id, Username: email, Password: 'Passw0rd!yan', UserAttributes: [{ Name: 'email', Value: email }] }));
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: pool().id, Username: email }));
    expect(await welcomeEvent(signedUp.UserSub!)).toMatchObject({
      triggerSource: 'PostConfirmation_ConfirmSignUp', userPoolId: pool().id, request: { userAttributes: { sub: signedUp.UserSub, email } },
    });
  });
});

describe('trigger configuration', () => {
  const lambdas = {
    A: { functionName: 'Stack-A', arn: 'arn:aws:lambda:us-east-1:000000000000:function:Stack-A' },
    B: { functionName: 'Stack-B', arn: 'arn:aws:lambda:us-east-1:000000000000:function:Stack-B' },
  };

  it('maps what cognito-local calls, and reports the triggers it cannot run', () => {
    const out = userPoolTriggers('Pool', {
      PreSignUp: lambdas.A.arn, PostConfirmation: `${lambdas.B.arn}:live`, PreTokenGenerationConfig: { LambdaArn: lambdas.A.arn, LambdaVersion: 'V1_0' },
      DefineAuthChallenge: lambdas.A.arn, UserMigration: 'arn:aws:lambda:us-east-1:111111111111:function:elsewhere',
    }, lambdas);
    expect(out.triggers).toEqual({ PreSignUp: 'Stack-A', PostConfirmation: 'Stack-B', PreTokenGeneration: 'Stack-A' });
    expect(out.unsupported).toEqual([
      { logicalId: 'Pool', type: 'AWS::Cognito::UserPool LambdaConfig.DefineAuthChallenge', reason: 'cognito-local has no custom authentication flow' },
      { logicalId: 'Pool', type: 'AWS::Cognito::UserPool LambdaConfig.UserMigration', reason: expect.stringContaining("must be one of the template's Lambda functions") },
    ]);
    expect(userPoolTriggers('Pool', { PreTokenGenerationConfig: { LambdaArn: lambdas.A.arn, LambdaVersion: 'V2_0' } }, lambdas).unsupported[0].reason).toMatch(/V1_0/);
  });

  it('warns when pools declare different triggers, since cognito-local has one configuration for all pools', () => {
    expect(cognitoLocalTriggerFunctions([{ logicalId: 'One', triggers: { PostConfirmation: 'Stack-A' } }, { logicalId: 'Two', triggers: { PostConfirmation: 'Stack-A' } }]))
      .toEqual({ triggerFunctions: { PostConfirmation: 'Stack-A' }, warnings: [] });
    const out = cognitoLocalTriggerFunctions([
      { logicalId: 'One', triggers: { PostConfirmation: 'Stack-A' } },
      { logicalId: 'Two', triggers: { PostConfirmation: 'Stack-B', PreSignUp: 'Stack-B' } },
    ]);
    expect(out.triggerFunctions).toEqual({ PostConfirmation: 'Stack-A', PreSignUp: 'Stack-B' });
    expect(out.warnings).toEqual([
      'user pools One and Two declare different PostConfirmation triggers (Stack-A, Stack-B); cognito-local runs one configuration for all pools and calls Stack-A for both',
      'user pool One declares no PreSignUp trigger, but cognito-local runs one trigger configuration for all pools: it will call Stack-B (from Two) for One too',
    ]);
  });

  it('reads confirmation codes out of cognito-local\'s output, coloured and in pieces', () => {
    const codes: ConfirmationCode[] = [];
    const read = confirmationCodeReader((c) => codes.push(c));
    const output = '[1796200906033] \u001b[32mINFO\u001b[39m: \u001b[36m6483b723 SignUp ╭──────╮\n│   Confirmation Code Delivery   │\n│                                │\n'
      + '│   Username:    2e5ef9cd-61ef-4098-9688-017408b254db   │\n│   Destination: zed@example.com                        │\n│   Code:        553490                                 │\n╰──────╯\u001b[39m\n';
    read(output.slice(0, 200));
    read(output.slice(200));
    expect(codes).toEqual([{ username: '2e5ef9cd-61ef-4098-9688-017408b254db', destination: 'zed@example.com', code: '553490' }]);
  });
});
