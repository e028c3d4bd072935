import type { AttributeValue as LambdaAttributeValue, DynamoDBRecord } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { ActivityAction, PublishActivityInput } from '../../generated/graphql';

type Image = Record<string, unknown>;

/** A stream record the function cannot read (a missing image or attribute): retried, then sent to the failure queue. */
export class MalformedRecordError extends Error {
  constructor(record: DynamoDBRecord, why: string) {
    super(`Stream record ${record.eventID ?? '?'} (${record.eventName ?? '?'}): ${why}`);
    this.name = 'MalformedRecordError';
  }
}

/** What a change means for a board's activity feed; `boardId` says whose feed. */
export interface Change {
  boardId: string;
  activity: PublishActivityInput;
  /** Set when a task was deleted: its comments must go too (a resolver cannot delete an unbounded set). */
  deletedTaskId?: string;
  /** Record the activity only while this task exists (a comment deleted with its task is not news of its own). */
  onlyIfTaskExists?: string;
}

/** Task fields a person edits; anything else changing (version, keys, counters) is bookkeeping. */
const TASK_FIELDS = ['title', 'description', 'priority', 'assigneeId', 'dueDate', 'labels'] as const;
const FIELD_NAMES: Record<string, string> = { assigneeId: 'assignee', dueDate: 'due date' };
const SUMMARY_TITLE_MAX = 80;

/**
 * The activity a table change stands for, or null when it stands for none (activity items
 * themselves, profiles, counter-only updates of a board, a board being deleted). Pure: the
 * activity's id is the stream record's eventID and its time the change's own, so a replayed
 * record describes the same activity, which publishActivity then stores only once.
 */
export function describeChange(record: DynamoDBRecord): Change | null {
  const newImage = image(record.dynamodb?.NewImage);
  const oldImage = image(record.dynamodb?.OldImage);
  const item = newImage ?? oldImage;
  if (!item) throw new MalformedRecordError(record, 'it carries no image (the stream must be NEW_AND_OLD_IMAGES)');
  switch (item.type) {
    case 'Task': return describeTask(record, newImage, oldImage);
    case 'Comment': return describeComment(record, newImage, oldImage);
    case 'Member': return describeMember(record, newImage, oldImage);
    case 'Board': return describeBoard(record, newImage, oldImage);
    default: return null;
  }
}

function describeTask(record: DynamoDBRecord, next: Image | null, prev: Image | null): Change | null {
  const task = required(record, (next ?? prev)!, ['id', 'boardId', 'title', 'status']);
  const title = quote(task.title);
  switch (record.eventName) {
    case 'INSERT':
      return change(record, task.boardId, 'TASK_CREATED', `Created task ${title}`, { actorId: str(next?.createdById), targetId: task.id, at: str(next?.createdAt) });
    case 'REMOVE':
      return { ...change(record, task.boardId, 'TASK_DELETED', `Deleted task ${title}`, { targetId: task.id }), deletedTaskId: task.id };
    default: {
      if (!prev || !next) throw new MalformedRecordError(record, 'a MODIFY record needs both images');
      const by = { actorId: str(next.updatedById), targetId: task.id, at: str(next.updatedAt) };
      if (next.status !== prev.status) return change(record, task.boardId, 'TASK_MOVED', `Moved ${title} from ${words(prev.status)} to ${words(next.status)}`, by);
      if (next.position !== prev.position) return change(record, task.boardId, 'TASK_MOVED', `Reordered ${title} in ${words(next.status)}`, by);
      const changed = TASK_FIELDS.filter((f) => JSON.stringify(next[f] ?? null) !== JSON.stringify(prev[f] ?? null));
      if (changed.length === 0) return null;
      const renamed = changed.includes('title') ? ` (was ${quote(prev.title)})` : '';
      return change(record, task.boardId, 'TASK_UPDATED', `Updated ${title}${renamed}: ${changed.map((f) => FIELD_NAMES[f] ?? f).join(', ')}`, by);
    }
  }
}

function describeComment(record: DynamoDBRecord, next: Image | null, prev: Image | null): Change | null {
  const comment = required(record, (next ?? prev)!, ['id', 'boardId', 'taskId', 'authorId', 'body']);
  // Comments are activity about their task: the task is what a client can open.
  if (record.eventName === 'INSERT') {
    return change(record, comment.boardId, 'COMMENT_ADDED', `Commented: ${quote(comment.body)}`, { actorId: comment.authorId, targetId: comment.taskId, at: str(next?.createdAt) });
  }
  if (record.eventName === 'REMOVE') {
    return { ...change(record, comment.boardId, 'COMMENT_DELETED', `Deleted a comment: ${quote(comment.body)}`, { targetId: comment.taskId }), onlyIfTaskExists: comment.taskId };
  }
  return null;
}

function describeMember(record: DynamoDBRecord, next: Image | null, prev: Image | null): Change | null {
  const member = required(record, (next ?? prev)!, ['boardId', 'userId', 'role']);
  const target = { targetId: member.userId };
  switch (record.eventName) {
    case 'INSERT': return change(record, member.boardId, 'MEMBER_ADDED', `Added a member as ${words(member.role)}`, { ...target, actorId: str(next?.addedById), at: str(next?.joinedAt) });
    case 'REMOVE': return change(record, member.boardId, 'MEMBER_REMOVED', `Removed a member (${words(member.role)})`, target);
    default:
      if (!prev || !next || prev.role === next.role) return null;
      return change(record, member.boardId, 'MEMBER_ROLE_CHANGED', `Changed a member's role from ${words(prev.role)} to ${words(next.role)}`, { ...target, actorId: str(next.updatedById) });
  }
}

function describeBoard(record: DynamoDBRecord, next: Image | null, prev: Image | null): Change | null {
  const board = required(record, (next ?? prev)!, ['id', 'name']);
  if (record.eventName === 'INSERT') return change(record, board.id, 'BOARD_CREATED', `Created board ${quote(board.name)}`, { actorId: str(next?.ownerId), at: str(next?.createdAt) });
  if (record.eventName !== 'MODIFY' || !prev || !next || next.deletingAt) return null;
  const by = { actorId: str(next.updatedById), at: str(next.updatedAt) };
  if (next.name !== prev.name) return change(record, board.id, 'BOARD_UPDATED', `Renamed board ${quote(prev.name)} to ${quote(next.name)}`, by);
  if ((next.description ?? null) !== (prev.description ?? null)) return change(record, board.id, 'BOARD_UPDATED', `Updated the description of ${quote(next.name)}`, by);
  return null;
}

function change(record: DynamoDBRecord, boardId: string, action: ActivityAction, summary: string,
  extra: { actorId?: string | null; targetId?: string | null; at?: string | null }): Change {
  if (!record.eventID) throw new MalformedRecordError(record, 'it has no eventID');
  return {
    boardId,
    activity: {
      id: record.eventID, boardId, action, summary,
      actorId: extra.actorId ?? null, targetId: extra.targetId ?? null,
      createdAt: extra.at ?? approximateTime(record),
    },
  };
}

/** When DynamoDB recorded the change (epoch seconds in the event), for changes that carry no time of their own. */
function approximateTime(record: DynamoDBRecord): string {
  const seconds = record.dynamodb?.ApproximateCreationDateTime;
  if (typeof seconds !== 'number') throw new MalformedRecordError(record, 'it has no ApproximateCreationDateTime');
  return new Date(seconds * 1000).toISOString();
}

function image(value: Record<string, LambdaAttributeValue> | undefined): Image | null {
  return value ? unmarshall(value as Record<string, AttributeValue>) : null;
}

function required<K extends string>(record: DynamoDBRecord, item: Image, keys: K[]): Record<K, string> & Image {
  const missing = keys.filter((k) => typeof item[k] !== 'string' || item[k] === '');
  if (missing.length > 0) throw new MalformedRecordError(record, `its ${String(item.type)} item lacks ${missing.join(', ')}`);
  return item as Record<K, string> & Image;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const words = (value: unknown) => String(value).toLowerCase().replace(/_/g, ' ');
function quote(value: unknown): string {
  const text = String(value);
  return `"${text.length > SUMMARY_TITLE_MAX ? `${text.slice(0, SUMMARY_TITLE_MAX - 1)}…` : text}"`;
}
