/**
 * The scheduler on a fake clock: rules run at their schedule's times with EventBridge's scheduled
 * event (or the target's Input), disabled rules never run, and runNow runs a rule or a function's
 * rules at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InvokeResult } from '../../../../local/lambda/runner';
import type { ScheduleRuleModel } from '../../../../local/schedules/load-rules';
import { startScheduler, type LocalSchedules, type ScheduledEvent } from '../../../../local/schedules/scheduler';

const rule = (name: string, scheduleExpression: string, extra: Partial<ScheduleRuleModel> = {}): ScheduleRuleModel => ({
  logicalId: `${name}Rule`, name, arn: `arn:aws:events:us-east-1:000000000000:rule/${name}`, scheduleExpression, state: 'ENABLED',
  targets: [{ id: 'Target0', arn: `arn:aws:lambda:us-east-1:000000000000:function:${name}-fn`, functionLogicalId: `${name}Fn`, functionName: `${name}-fn` }],
  ...extra,
});

let calls: Array<{ functionName: string; event: unknown; source: string }>;
let schedules: LocalSchedules | undefined;
const invoke = (functionName: string, event: unknown, source: string): Promise<InvokeResult> => {
  calls.push({ functionName, event, source });
  return Promise.resolve({ ok: true, payload: { handled: functionName }, requestId: `req-${calls.length}`, logs: [] });
};
const start = (rules: ScheduleRuleModel[], enabled = true) => {
  schedules = startScheduler({ rules, region: 'us-east-1', accountId: '000000000000', enabled, invoke });
  return schedules;
};

beforeEach(() => {
  calls = [];
  vi.useFakeTimers();
});
afterEach(() => {
  schedules?.stop();
  vi.useRealTimers();
});

describe('scheduler', () => {
  it('runs a cron rule at its scheduled minute with the scheduled event EventBridge sends', async () => {
    vi.setSystemTime(new Date('2024-05-01T05:59:30Z'));
    start([rule('daily', 'cron(0 6 * * ? *)')]);
    await vi.advanceTimersByTimeAsync(29_000);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(1);
    const event = calls[0].event as ScheduledEvent;
    expect(event).toEqual({
      version: '0', id: expect.stringMatching(/^[0-9a-f-]{36}$/), 'detail-type': 'Scheduled Event', source: 'aws.events',
      account: '000000000000', time: '2024-05-01T06:00:00Z', region: 'us-east-1',
      resources: ['arn:aws:events:us-east-1:000000000000:rule/daily'], detail: {},
    });
    expect(calls[0]).toMatchObject({ functionName: 'daily-fn', source: 'schedule daily' });
    // Then again the next day, not before.
    await vi.advanceTimersByTimeAsync(24 * 3600_000 - 1_000);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect((calls[1].event as ScheduledEvent).time).toBe('2024-05-02T06:00:00Z');
  });

  it('runs a rate rule every period from when it started, each event with its own id', async () => {
    vi.setSystemTime(new Date('2024-05-01T10:00:20Z'));
    start([rule('often', 'rate(1 minute)')]);
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(calls.map((c) => (c.event as ScheduledEvent).time)).toEqual(['2024-05-01T10:01:20Z', '2024-05-01T10:02:20Z', '2024-05-01T10:03:20Z']);
    expect(new Set(calls.map((c) => (c.event as ScheduledEvent).id)).size).toBe(3);
  });

  it('sends the target Input instead of the scheduled event when the target has one', async () => {
    vi.setSystemTime(new Date('2024-05-01T10:00:00Z'));
    start([rule('input', 'rate(1 minute)', { targets: [{ id: 'T', arn: 'a', functionLogicalId: 'Fn', functionName: 'fn', input: '{"mode":"digest","limit":5}' }] })]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual([{ functionName: 'fn', event: { mode: 'digest', limit: 5 }, source: 'schedule input' }]);
  });

  it('never runs a DISABLED rule, and reports no next run for it', async () => {
    vi.setSystemTime(new Date('2024-05-01T10:00:00Z'));
    const s = start([rule('off', 'rate(1 minute)', { state: 'DISABLED' }), rule('on', 'cron(30 10 * * ? *)')]);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(calls).toHaveLength(0);
    expect(s.list().map((r) => [r.name, r.state, r.nextRun])).toEqual([['off', 'DISABLED', null], ['on', 'ENABLED', '2024-05-01T10:30:00.000Z']]);
  });

  it('runs nothing on its own when not enabled, but still lists next runs and runs on demand', async () => {
    vi.setSystemTime(new Date('2024-05-01T10:00:00Z'));
    const s = start([rule('daily', 'cron(0 6 * * ? *)')], false);
    await vi.advanceTimersByTimeAsync(48 * 3600_000);
    expect(calls).toHaveLength(0);
    expect(s.running).toBe(false);
    expect(s.list()[0].nextRun).toBe('2024-05-04T06:00:00.000Z');
    const results = await s.runNow('daily');
    expect(results).toEqual([expect.objectContaining({ rule: 'daily', targetId: 'Target0', functionName: 'daily-fn', ok: true, payload: { handled: 'daily-fn' } })]);
    expect((results[0].event as ScheduledEvent).time).toBe('2024-05-03T10:00:00Z');
  });

  it('runNow finds a rule by logical id, or the rules a function is the target of', async () => {
    vi.setSystemTime(new Date('2024-05-01T10:00:00Z'));
    const shared = rule('b', 'rate(5 minutes)', { targets: [
      { id: 'One', arn: 'x', functionLogicalId: 'aFn', functionName: 'a-fn' },
      { id: 'Two', arn: 'y', functionLogicalId: 'otherFn', functionName: 'other-fn' },
    ] });
    const s = start([rule('a', 'rate(1 day)'), shared], false);
    expect((await s.runNow('aRule')).map((r) => r.functionName)).toEqual(['a-fn']);
    expect((await s.runNow('a-fn')).map((r) => [r.rule, r.targetId])).toEqual([['a', 'Target0'], ['b', 'One']]);
    expect((await s.runNow('otherFn')).map((r) => [r.rule, r.targetId])).toEqual([['b', 'Two']]);
    await expect(s.runNow('nothing')).rejects.toThrow(/no scheduled rule or rule target named nothing; rules: a \(a-fn\); b \(a-fn, other-fn\)/);
  });

  it('hands a scheduled run to invokeAsync when given one, as EventBridge invokes Lambda asynchronously; runNow still waits', async () => {
    vi.setSystemTime(new Date('2024-05-01T10:00:30Z'));
    const queued: Array<{ functionName: string; source: string; event: unknown }> = [];
    schedules = startScheduler({
      rules: [rule('often', 'rate(1 minute)')], region: 'us-east-1', accountId: '000000000000', enabled: true, invoke,
      invokeAsync: (functionName, event, source) => { queued.push({ functionName, event, source }); },
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(queued).toEqual([{ functionName: 'often-fn', source: 'schedule often', event: expect.objectContaining({ 'detail-type': 'Scheduled Event' }) }]);
    expect(calls).toHaveLength(0);
    const now = await schedules.runNow('often');
    expect(now).toEqual([expect.objectContaining({ functionName: 'often-fn', ok: true })]);
    expect(calls).toHaveLength(1);
  });

  it('stops: no run after stop()', async () => {
    vi.setSystemTime(new Date('2024-05-01T10:00:00Z'));
    start([rule('often', 'rate(1 minute)')]).stop();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(calls).toHaveLength(0);
  });
});
