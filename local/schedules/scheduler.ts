/**
 * Runs the template's scheduled rules: when enabled, each ENABLED rule's Lambda targets are
 * invoked at every run of its schedule (UTC) with the event EventBridge sends, or the target's
 * `Input`. `runNow` runs a rule's targets at once, enabled or not, for tools and tests.
 */
import { randomUUID } from 'node:crypto';
import type { InvokeResult, LambdaError } from '../lambda/runner';
import { parseScheduleExpression, type Schedule } from './expression';
import type { ScheduleRuleModel, ScheduleTargetModel } from './load-rules';

/** What EventBridge delivers to a scheduled rule's target. */
export interface ScheduledEvent {
  version: '0';
  id: string;
  'detail-type': 'Scheduled Event';
  source: 'aws.events';
  account: string;
  /** The scheduled time, ISO 8601 without milliseconds. */
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, never>;
}

export interface ScheduledRuleInfo {
  name: string;
  logicalId: string;
  arn: string;
  scheduleExpression: string;
  state: string;
  targets: Array<{ id: string; functionName: string; functionLogicalId: string; input?: string }>;
  /** ISO time of the next run; null for a disabled rule or a schedule with no run left. */
  nextRun: string | null;
}

export interface ScheduleRunResult {
  rule: string;
  targetId: string;
  functionName: string;
  event: unknown;
  requestId: string;
  ok: boolean;
  payload?: unknown;
  error?: LambdaError;
  logs: string[];
}

export interface LocalSchedules {
  /** True when rules run on their schedules (`schedules: true`, `npm start -- --schedules`). */
  running: boolean;
  list(): ScheduledRuleInfo[];
  /** Runs now the targets of the rule with this name or logical id, or the targets that are this function (name or logical id). */
  runNow(ruleOrFunctionName: string): Promise<ScheduleRunResult[]>;
  stop(): void;
}

export interface SchedulerOptions {
  rules: ScheduleRuleModel[];
  region: string;
  accountId: string;
  enabled: boolean;
  invoke(functionName: string, event: unknown, source: string): Promise<InvokeResult>;
  /**
   * How a rule's scheduled run reaches its targets: EventBridge invokes Lambda asynchronously, so
   * a function error is retried by Lambda's async rules. Without it, runs are awaited like runNow.
   */
  invokeAsync?(functionName: string, event: unknown, source: string): void;
  log?: (line: string) => void;
  now?: () => Date;
}

/** setTimeout's longest delay; a later run re-arms the timer. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export function scheduledEvent(rule: { arn: string }, time: Date, where: { region: string; accountId: string }): ScheduledEvent {
  return {
    version: '0', id: randomUUID(), 'detail-type': 'Scheduled Event', source: 'aws.events', account: where.accountId,
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'), region: where.region, resources: [rule.arn], detail: {},
  };
}

/** The target's event: its `Input` when it has one, else the scheduled event. */
export function targetEvent(rule: { arn: string }, target: Pick<ScheduleTargetModel, 'input'>, time: Date, where: { region: string; accountId: string }): unknown {
  return target.input !== undefined ? JSON.parse(target.input) : scheduledEvent(rule, time, where);
}

export function startScheduler(options: SchedulerOptions): LocalSchedules {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const anchor = now();
  const where = { region: options.region, accountId: options.accountId };
  const rules = options.rules.map((rule) => ({ rule, schedule: parseScheduleExpression(rule.scheduleExpression) }));
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const nextRun = (schedule: Schedule, after: Date): Date | null => (schedule.kind === 'rate' ? schedule.next(after, anchor) : schedule.next(after));

  const runTargets = (rule: ScheduleRuleModel, targets: ScheduleTargetModel[], time: Date, source: string): Promise<ScheduleRunResult[]> =>
    Promise.all(targets.map(async (target) => {
      const event = targetEvent(rule, target, time, where);
      const result = await options.invoke(target.functionName, event, source);
      return {
        rule: rule.name, targetId: target.id, functionName: target.functionName, event, requestId: result.requestId, ok: result.ok,
        ...(result.ok ? { payload: result.payload } : { error: result.error }), logs: result.logs,
      };
    }));

  const arm = (entry: (typeof rules)[number], after: Date) => {
    if (stopped) return;
    const at = nextRun(entry.schedule, after);
    if (!at) return;
    const delay = at.getTime() - now().getTime();
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (delay > MAX_DELAY_MS) return arm(entry, after);
      const source = `schedule ${entry.rule.name}`;
      if (options.invokeAsync) {
        for (const target of entry.rule.targets) options.invokeAsync(target.functionName, targetEvent(entry.rule, target, at, where), source);
      } else {
        void runTargets(entry.rule, entry.rule.targets, at, source).catch((error: unknown) => log(`${source}: ${(error as Error).message}`));
      }
      // From the run just made, or from now when the machine slept through later runs.
      const current = now();
      arm(entry, current > at ? current : at);
    }, Math.max(0, Math.min(delay, MAX_DELAY_MS)));
    timer.unref();
    timers.add(timer);
  };

  if (options.enabled) for (const entry of rules) if (entry.rule.state === 'ENABLED') arm(entry, anchor);

  return {
    running: options.enabled,
    list() {
      const t = now();
      return rules.map(({ rule, schedule }) => ({
        name: rule.name, logicalId: rule.logicalId, arn: rule.arn, scheduleExpression: rule.scheduleExpression, state: rule.state,
        targets: rule.targets.map((x) => ({ id: x.id, functionName: x.functionName, functionLogicalId: x.functionLogicalId, input: x.input })),
        nextRun: rule.state === 'ENABLED' ? (nextRun(schedule, t)?.toISOString() ?? null) : null,
      }));
    },
    async runNow(name) {
      // As if scheduled for the current minute.
      const time = new Date(Math.floor(now().getTime() / 60_000) * 60_000);
      const byRule = rules.filter(({ rule }) => rule.name === name || rule.logicalId === name);
      if (byRule.length > 0) return (await Promise.all(byRule.map(({ rule }) => runTargets(rule, rule.targets, time, `runNow ${rule.name}`)))).flat();
      const byFunction = rules
        .map(({ rule }) => ({ rule, targets: rule.targets.filter((x) => x.functionName === name || x.functionLogicalId === name) }))
        .filter((r) => r.targets.length > 0);
      if (byFunction.length === 0) {
        const known = rules.map(({ rule }) => `${rule.name} (${rule.targets.map((x) => x.functionName).join(', ') || 'no targets'})`);
        throw new Error(`no scheduled rule or rule target named ${name}; rules: ${known.join('; ') || 'none'}`);
      }
      return (await Promise.all(byFunction.map(({ rule, targets }) => runTargets(rule, targets, time, `runNow ${rule.name}`)))).flat();
    },
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
