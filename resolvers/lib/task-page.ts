import { util, type Context } from '@aws-appsync/utils';
import { type TaskItem, type TaskResult, toTask } from './items';

/** Response of a task-list query step: the page's tasks, and `stash.nextToken` for the connection. */
export function taskPageResponse(ctx: Context): TaskResult[] {
  if (ctx.error) util.error(ctx.error.message, ctx.error.type);
  const page = ctx.result as { items: TaskItem[]; nextToken: string | null };
  ctx.stash.nextToken = page.nextToken ?? null;
  return page.items.map((item) => toTask(item));
}
