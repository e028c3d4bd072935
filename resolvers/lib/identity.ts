import { util, type Context } from '@aws-appsync/utils';
import { ADMINS_GROUP } from './roles';

type CognitoIdentity = { sub: string; groups?: string[] | null; username?: string };

/** The caller's Cognito `sub`; any other kind of caller is not a Taskboard user. */
export function callerId(ctx: Context): string {
  const identity = ctx.identity as CognitoIdentity | null | undefined;
  if (!identity || !identity.sub) util.unauthorized();
  return identity.sub;
}

export function isAdmin(ctx: Context): boolean {
  const identity = ctx.identity as CognitoIdentity | null | undefined;
  const groups = identity && identity.groups ? identity.groups : [];
  return groups.indexOf(ADMINS_GROUP) >= 0;
}
