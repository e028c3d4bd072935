/**
 * Local Cognito User Pools: the `cognito-local` emulator in a child process on loopback, with
 * the user pools, app clients and groups the template declares, and the seed users. Tokens it
 * issues are real RS256 JWTs, but signed with the key pair cognito-local ships publicly: they
 * are for development only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, AdminGetUserCommand, AdminSetUserPasswordCommand, CognitoIdentityProviderClient,
  CreateGroupCommand, CreateUserPoolClientCommand, CreateUserPoolCommand, type CreateUserPoolCommandInput, type ExplicitAuthFlowsType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { LocalApiModel } from '../assembly/load-api';
import { freePort } from '../dynamodb/dynamodb-local';

export interface LocalUserPool {
  logicalId: string;
  id: string;
  /** `iss` of its tokens: the emulator's URL + pool id. */
  issuer: string;
  jwksUri: string;
  clients: Array<{ logicalId: string; id: string }>;
}

export interface SeededUser { username: string; email: string; password: string; groups: string[]; sub: string; userPoolId: string }

/** Where cognito-local sends Lambda triggers: the runtime's Invoke endpoint, signed with its IAM credentials. */
export interface CognitoTriggerConfig {
  /** cognito-local's `TriggerFunctions`: trigger name (PostConfirmation…) → function name. */
  triggerFunctions: Record<string, string>;
  /** The Lambda endpoint, e.g. http://127.0.0.1:20002. */
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** A CA certificate cognito-local must trust to reach an HTTPS endpoint. */
  caCertPath?: string;
}

/** A sign-up confirmation code cognito-local "sent" (it prints codes instead of emailing them). */
export interface ConfirmationCode { username: string; destination?: string; code: string }

export interface CognitoLocal {
  endpoint: string;
  pools: LocalUserPool[];
  client: CognitoIdentityProviderClient;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

export interface CognitoLocalOptions {
  host?: string;
  port?: number;
  /** Lambda triggers to call; cognito-local has one configuration for all its pools. */
  triggers?: CognitoTriggerConfig;
  /** Called with each confirmation code cognito-local delivers (sign-up, resend, forgot password). */
  onConfirmationCode?: (code: ConfirmationCode) => void;
}

export async function startCognitoLocal(options: CognitoLocalOptions = {}): Promise<CognitoLocal & { provision(model: LocalApiModel): Promise<LocalUserPool[]> }> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort());
  // cognito-local keeps its pools under ./.cognito of its working directory: a fresh one per run.
  const dataDir = mkdtempSync(join(tmpdir(), 'cognito-local-'));
  const triggers = options.triggers;
  if (triggers && Object.keys(triggers.triggerFunctions).length > 0) {
    // Read once at start: .cognito/config.json, merged over cognito-local's defaults.
    mkdirSync(join(dataDir, '.cognito'), { recursive: true });
    writeFileSync(join(dataDir, '.cognito', 'config.json'), JSON.stringify({
      TriggerFunctions: triggers.triggerFunctions,
      LambdaClient: { endpoint: triggers.endpoint, region: triggers.region, credentials: triggers.credentials },
    }, null, 2));
  }
  const bin = join(require.resolve('cognito-local/package.json'), '..', 'lib', 'bin', 'start.js');
  const child: ChildProcess = spawn(process.execPath, [bin], {
    cwd: dataDir,
    env: { ...process.env, PORT: String(port), HOST: host, DEBUG: '', ...(triggers?.caCertPath ? { NODE_EXTRA_CA_CERTS: triggers.caCertPath } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const codes = confirmationCodeReader(options.onConfirmationCode);
  const collect = (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
    codes(d.toString());
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://${host}:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForReady(endpoint, () => child.exitCode !== null, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  const client = new CognitoIdentityProviderClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const pools: LocalUserPool[] = [];
  return {
    endpoint, pools, client,
    async stop() {
      client.destroy();
      await stop();
    },
    async provision(model) {
      pools.push(...(await provision(client, endpoint, model)));
      return pools;
    },
  };
}

/**
 * cognito-local prints each code it would send in a box ("Username: …", "Destination: …", "Code: …");
 * this picks them out of its output, which may arrive in pieces and with terminal colours.
 */
export function confirmationCodeReader(onCode: ((code: ConfirmationCode) => void) | undefined): (chunk: string) => void {
  let pending = '';
  return (chunk) => {
    if (!onCode) return;
    // eslint-disable-next-line no-control-regex -- strips the terminal colour codes pino-pretty adds
    pending += chunk.replace(/\x1b\[[0-9;]*m/g, '');
    for (;;) {
      const end = pending.search(/Code:\s*\S+[^\n]*\n/);
      if (end < 0) break;
      const line = /Code:\s*(\S+)[^\n]*\n/.exec(pending.slice(end))!;
      const box = pending.slice(0, end + line[0].length);
      pending = pending.slice(end + line[0].length);
      const start = box.lastIndexOf('Confirmation Code Delivery');
      const text = start >= 0 ? box.slice(start) : box;
      const username = /Username:\s*(\S+)/.exec(text)?.[1];
      if (username) onCode({ username, destination: /Destination:\s*(\S+)/.exec(text)?.[1], code: line[1].replace(/[│|]+$/, '') });
    }
    pending = pending.slice(-4000);
  };
}

async function waitForReady(endpoint: string, exited: () => boolean, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`cognito-local exited while starting:\n${output()}`);
    try {
      // Any HTTP answer means it listens; an unknown target is a 400.
      await fetch(endpoint, { method: 'POST', headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools', 'content-type': 'application/x-amz-json-1.1' }, body: '{"MaxResults":1}' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`cognito-local did not answer on ${endpoint} within 30 s:\n${output()}`);
}

/** Creates the template's pools, clients and groups; the ids are the emulator's. */
async function provision(client: CognitoIdentityProviderClient, endpoint: string, model: LocalApiModel): Promise<LocalUserPool[]> {
  const out: LocalUserPool[] = [];
  for (const pool of model.userPools) {
    const p = pool.properties;
    const input: CreateUserPoolCommandInput = {
      PoolName: String(p.UserPoolName ?? `${model.stackName}-${pool.logicalId}`),
      UsernameAttributes: p.UsernameAttributes as CreateUserPoolCommandInput['UsernameAttributes'],
      AutoVerifiedAttributes: p.AutoVerifiedAttributes as CreateUserPoolCommandInput['AutoVerifiedAttributes'],
      Policies: p.Policies as CreateUserPoolCommandInput['Policies'],
      MfaConfiguration: p.MfaConfiguration as CreateUserPoolCommandInput['MfaConfiguration'],
    };
    const created = await client.send(new CreateUserPoolCommand(input));
    const id = created.UserPool!.Id!;
    const clients: LocalUserPool['clients'] = [];
    for (const c of model.userPoolClients.filter((uc) => uc.userPoolId === pool.id)) {
      const made = await client.send(new CreateUserPoolClientCommand({
        UserPoolId: id, ClientName: String(c.properties.ClientName ?? c.logicalId),
        ExplicitAuthFlows: c.properties.ExplicitAuthFlows as ExplicitAuthFlowsType[] | undefined, GenerateSecret: false,
      }));
      clients.push({ logicalId: c.logicalId, id: made.UserPoolClient!.ClientId! });
    }
    for (const g of model.userPoolGroups.filter((ug) => ug.userPoolId === pool.id)) {
      await client.send(new CreateGroupCommand({ UserPoolId: id, GroupName: g.groupName }));
    }
    out.push({ logicalId: pool.logicalId, id, issuer: `${endpoint}/${id}`, jwksUri: `${endpoint}/${id}/.well-known/jwks.json`, clients });
  }
  return out;
}

/** Creates confirmed users with permanent passwords (as an admin would), and returns their subs. */
export async function seedUsers(client: CognitoIdentityProviderClient, pool: LocalUserPool, users: Array<{ username: string; email: string; password: string; groups?: string[] }>): Promise<SeededUser[]> {
  const seeded: SeededUser[] = [];
  for (const u of users) {
    // With email as the sign-in alias, Cognito's username is the email (its `cognito:username` becomes the sub).
    await client.send(new AdminCreateUserCommand({
      UserPoolId: pool.id, Username: u.email, MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: u.email }, { Name: 'email_verified', Value: 'true' }, { Name: 'preferred_username', Value: u.username }],
    }));
    await client.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.id, Username: u.email, Password: u.password, Permanent: true }));
    for (const group of u.groups ?? []) await client.send(new AdminAddUserToGroupCommand({ UserPoolId: pool.id, Username: u.email, GroupName: group }));
    const got = await client.send(new AdminGetUserCommand({ UserPoolId: pool.id, Username: u.email }));
    const sub = got.UserAttributes?.find((a) => a.Name === 'sub')?.Value;
    if (!sub) throw new Error(`cognito-local gave ${u.email} no sub`);
    seeded.push({ username: u.username, email: u.email, password: u.password, groups: u.groups ?? [], sub, userPoolId: pool.id });
  }
  return seeded;
}
