import { type CognitoIdentityProviderClient, ListUsersCommand, type UserType } from '@aws-sdk/client-cognito-identity-provider';

/** A Cognito user as Taskboard knows them: the `sub` is their user id everywhere. */
export interface CognitoUser {
  sub: string;
  email: string;
}

/**
 * The user of the pool whose email is `email`, through ListUsers' `email = "…"` filter (an
 * exact match: the address as given, then lower-cased). Disabled users and users who never
 * confirmed their sign-up (so never proved they own the address) are not found.
 */
export async function findUserByEmail(cognito: CognitoIdentityProviderClient, userPoolId: string, email: string): Promise<CognitoUser | null> {
  const given = email.trim();
  for (const candidate of [...new Set([given, given.toLowerCase()])]) {
    const out = await cognito.send(new ListUsersCommand({ UserPoolId: userPoolId, Filter: `email = "${quoted(candidate)}"` }));
    const user = (out.Users ?? []).find(isActive);
    const sub = user && attribute(user, 'sub');
    if (user && sub) return { sub, email: attribute(user, 'email') ?? candidate };
  }
  return null;
}

function isActive(user: UserType): boolean {
  return user.Enabled !== false && user.UserStatus !== 'UNCONFIRMED';
}

function attribute(user: UserType, name: string): string | undefined {
  return user.Attributes?.find((a) => a.Name === name)?.Value;
}

/** Escapes a value for a ListUsers filter's double-quoted string. */
function quoted(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
