import { runtime, util, type Context } from '@aws-appsync/utils';
import { batchGet } from '@aws-appsync/utils/dynamodb';
import { toUser, unknownUser, type UserItem, type UserRef, type UserResult } from '../lib/items';
import { userKey, userPk } from '../lib/keys';

/** BatchGetItem takes at most 100 keys; ids beyond that stay unattached (their field resolver reads them). */
const MAX_KEYS = 100;

type Item = Record<string, unknown>;
type BatchGetResult = {
  data: Record<string, Array<UserItem | null>>;
  unprocessedKeys?: Record<string, Array<{ pk: string }>> | null;
};

/**
 * Last step of a list pipeline: reads the distinct users that the page (`ctx.prev.result`, an
 * array) references through `ctx.stash.userRefs`, in ONE BatchGetItem, and attaches each as a
 * full User, so nested User fields (`Comment.author`, `Activity.actor`...) cost no request.
 * A user it did not read (unprocessed, or over the key limit) is left unattached.
 */
export function request(ctx: Context) {
  const items = ctx.prev.result as Item[];
  const refs = ctx.stash.userRefs as UserRef[];
  const ids: string[] = [];
  const seen: Record<string, boolean> = {};
  items.forEach((item) => refs.forEach((ref) => {
    const id = item[ref.idField] as string | null | undefined;
    if (id && !seen[id] && ids.length < MAX_KEYS) {
      seen[id] = true;
      ids.push(id);
    }
  }));
  if (ids.length === 0) runtime.earlyReturn(attach(items, refs, {}));
  ctx.stash.userIds = ids;
  return batchGet({ tables: { [ctx.env.TABLE_NAME]: { keys: ids.map((id) => userKey(id)) } } });
}

export function response(ctx: Context) {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const table = ctx.env.TABLE_NAME;
  const result = ctx.result as BatchGetResult;
  const unprocessed: Record<string, boolean> = {};
  const left = result.unprocessedKeys ? result.unprocessedKeys[table] : null;
  if (left) left.forEach((key) => { unprocessed[key.pk] = true; });
  const found: Record<string, UserResult | null> = {};
  (ctx.stash.userIds as string[]).forEach((id) => {
    if (!unprocessed[userPk(id)]) found[id] = null;
  });
  (result.data[table] || []).forEach((user) => {
    if (user) found[user.id] = toUser(user);
  });
  return attach(ctx.prev.result as Item[], ctx.stash.userRefs as UserRef[], found);
}

/**
 * `found[id]`: the User, or null when it was read and does not exist. Ids not in `found` were not
 * read, so their field stays unset for the nested resolver to read.
 */
function attach(items: Item[], refs: UserRef[], found: Record<string, UserResult | null>): Item[] {
  return items.map((item) => {
    const out: Item = { ...item };
    refs.forEach((ref) => {
      const id = item[ref.idField] as string | null | undefined;
      if (!id) {
        if (!ref.required) out[ref.as] = null;
      } else if (found[id] !== undefined) {
        const user = found[id];
        out[ref.as] = user ? user : ref.required ? unknownUser(id) : null;
      }
    });
    return out;
  });
}
