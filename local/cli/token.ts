/**
 * `npm run --silent token -- <user> [--port N] [--tls] [--access]`: signs a seeded user in to the running
 * local API's Cognito (USER_PASSWORD_AUTH) and prints its ID token (or access token) on one line,
 * nothing else, so `curl -H "authorization: $(npm run --silent token -- alice)"` works.
 * The users are the running API's own (GET /local/info), so those `npm run seed` added count too;
 * `--seed <module>` names a seed file to read them from instead.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { importSeedModule } from '../seed/seed';
import { DEFAULT_TLS_DIR } from '../server/tls';
import type { LocalUserInfo } from '../console/app/local-info';
import { getJson } from './get-json';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string', default: '20002' }, host: { type: 'string', default: '127.0.0.1' }, seed: { type: 'string' }, access: { type: 'boolean' }, tls: { type: 'boolean' } },
});

async function main(): Promise<void> {
  const who = positionals[0];
  if (!who) throw new Error('usage: npm run --silent token -- <username or email> [--port N] [--tls] [--access]');
  const base = `${values.tls ? 'https' : 'http'}://${values.host}:${values.port}`;
  let info: { region: string; cognito: { endpoint: string; clientId: string } | null; auth?: { users?: LocalUserInfo[] } };
  try {
    info = await getJson(`${base}/local/info`, values.tls ? readFileSync(resolve(process.cwd(), DEFAULT_TLS_DIR, 'cert.pem'), 'utf8') : undefined) as typeof info;
  } catch (error) {
    const flags = [values.port === '20002' ? '' : `--port ${values.port}`, values.tls ? '--tls' : ''].filter(Boolean).join(' ');
    throw new Error(`no local API answers on ${base} (${(error as Error).message}); start it with npm start${flags ? ` -- ${flags}` : ''}`);
  }
  if (!info.cognito) throw new Error('the local API has no user pool');
  const users: Array<Pick<LocalUserInfo, 'username' | 'email' | 'password'>> = values.seed ? ((await importSeedModule(values.seed)).users ?? []) : (info.auth?.users ?? []);
  const user = users.find((u) => u.username === who || u.email === who);
  if (!user) throw new Error(`${who} is not a seeded user (${users.map((u) => u.username).join(', ') || 'there are none'})`);
  const client = new CognitoIdentityProviderClient({ endpoint: info.cognito.endpoint, region: info.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const out = await client.send(new InitiateAuthCommand({
    AuthFlow: 'USER_PASSWORD_AUTH', ClientId: info.cognito.clientId, AuthParameters: { USERNAME: user.email, PASSWORD: user.password },
  }));
  client.destroy();
  const token = values.access ? out.AuthenticationResult?.AccessToken : out.AuthenticationResult?.IdToken;
  if (!token) throw new Error(`sign-in did not return tokens (challenge ${out.ChallengeName ?? 'none'})`);
  process.stdout.write(`${token}\n`);
}


main().catch((error: unknown) => {
  process.stderr.write(`token: ${(error as Error).message}\n`);
  process.exit(1);
});
