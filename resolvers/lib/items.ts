import type { Role } from '../../generated/graphql';

/** Stored shapes (docs/data-model.md). Keys are carried along but never returned to clients. */
export interface BoardItem {
  pk: string;
  sk: string;
  lsi1sk: string;
  type: 'Board';
  id: string;
  name: string;
  description: string | null;
  ownerId: string;
  taskCount: number;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface MemberItem {
  pk: string;
  sk: string;
  lsi1sk: string;
  gsi1pk: string;
  gsi1sk: string;
  type: 'Member';
  boardId: string;
  userId: string;
  role: Role;
  joinedAt: string;
}

/** A Board as resolvers return it: schema fields plus `ownerId` for the nested owner resolver. */
export interface BoardResult {
  id: string;
  name: string;
  description: string | null;
  ownerId: string;
  myRole: Role | null;
  taskCount: number;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export function toBoard(item: BoardItem, myRole: Role | null): BoardResult {
  return {
    id: item.id,
    name: item.name,
    description: item.description ?? null,
    ownerId: item.ownerId,
    myRole,
    taskCount: item.taskCount,
    memberCount: item.memberCount,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
  };
}
