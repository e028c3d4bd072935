import type { Role } from '../../generated/graphql';

/** Cognito group whose members (support staff) may read any board; the stack creates it. */
export const ADMINS_GROUP = 'admins';

const RANK: Record<Role, number> = { VIEWER: 1, EDITOR: 2, OWNER: 3 };

/** Whether a member with `role` may do what needs `required`. */
export function hasRole(role: Role | null | undefined, required: Role): boolean {
  return role ? RANK[role] >= RANK[required] : false;
}
