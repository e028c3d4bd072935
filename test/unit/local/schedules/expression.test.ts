/**
 * EventBridge schedule expressions, against the examples and rules of AWS's "Cron expressions
 * reference" and "Rate expressions" pages (EventBridge and EventBridge Scheduler user guides).
 */
import { describe, expect, it } from 'vitest';
import { parseScheduleExpression, ScheduleExpressionError, type CronSchedule } from '../../../../local/schedules/expression';

const at = (iso: string) => new Date(iso);
const cron = (expression: string) => parseScheduleExpression(expression) as CronSchedule;
/** The next `count` runs after `from`, as ISO strings without milliseconds. */
function runs(expression: string, from: string, count: number): string[] {
  const schedule = cron(expression);
  const out: string[] = [];
  let t: Date | null = at(from);
  while (out.length < count && t) {
    t = schedule.next(t);
    if (t) out.push(t.toISOString().replace('.000Z', 'Z'));
  }
  return out;
}

describe('cron: the documented examples (UTC)', () => {
  it('0 10 * * ? * runs at 10:00 every day', () => {
    expect(runs('cron(0 10 * * ? *)', '2024-05-01T09:59:30Z', 3)).toEqual(['2024-05-01T10:00:00Z', '2024-05-02T10:00:00Z', '2024-05-03T10:00:00Z']);
  });

  it('is strictly after the given time: at 10:00 the next run is tomorrow', () => {
    expect(runs('cron(0 10 * * ? *)', '2024-05-01T10:00:00Z', 1)).toEqual(['2024-05-02T10:00:00Z']);
  });

  it('15 12 * * ? * runs at 12:15 every day', () => {
    expect(runs('cron(15 12 * * ? *)', '2024-05-01T12:15:00Z', 2)).toEqual(['2024-05-02T12:15:00Z', '2024-05-03T12:15:00Z']);
  });

  it('0 18 ? * MON-FRI * runs at 18:00 on weekdays only', () => {
    // 2024-05-03 is a Friday.
    expect(runs('cron(0 18 ? * MON-FRI *)', '2024-05-03T17:00:00Z', 3)).toEqual(['2024-05-03T18:00:00Z', '2024-05-06T18:00:00Z', '2024-05-07T18:00:00Z']);
  });

  it('0 8 1 * ? * runs at 8:00 on the first day of every month', () => {
    expect(runs('cron(0 8 1 * ? *)', '2024-05-01T08:00:00Z', 3)).toEqual(['2024-06-01T08:00:00Z', '2024-07-01T08:00:00Z', '2024-08-01T08:00:00Z']);
  });

  it('0/15 * * * ? * runs every 15 minutes', () => {
    expect(runs('cron(0/15 * * * ? *)', '2024-05-01T10:07:00Z', 4)).toEqual(['2024-05-01T10:15:00Z', '2024-05-01T10:30:00Z', '2024-05-01T10:45:00Z', '2024-05-01T11:00:00Z']);
  });

  it('1/10 starts at the given minute: the 1st, 11th, 21st… minutes', () => {
    expect(runs('cron(1/10 * * * ? *)', '2024-05-01T10:00:00Z', 3)).toEqual(['2024-05-01T10:01:00Z', '2024-05-01T10:11:00Z', '2024-05-01T10:21:00Z']);
  });

  it('0/10 * ? * MON-FRI * runs every 10 minutes on weekdays, skipping the weekend', () => {
    expect(runs('cron(0/10 * ? * MON-FRI *)', '2024-05-03T23:45:00Z', 2)).toEqual(['2024-05-03T23:50:00Z', '2024-05-06T00:00:00Z']);
  });

  it('0/5 8-17 ? * MON-FRI * runs every 5 minutes from 8:00 to 17:55 on weekdays', () => {
    expect(runs('cron(0/5 8-17 ? * MON-FRI *)', '2024-05-01T17:50:00Z', 2)).toEqual(['2024-05-01T17:55:00Z', '2024-05-02T08:00:00Z']);
    expect(runs('cron(0/5 8-17 ? * MON-FRI *)', '2024-05-03T17:55:00Z', 1)).toEqual(['2024-05-06T08:00:00Z']);
  });

  it('0/30 20-2 ? * MON-FRI *: an hour range wraps past midnight, and the day of week is that of each run', () => {
    // Monday 00:00-02:30 runs (a weekday); Saturday's early hours do not.
    expect(runs('cron(0/30 20-2 ? * MON-FRI *)', '2024-05-03T23:00:00Z', 3)).toEqual(['2024-05-03T23:30:00Z', '2024-05-06T00:00:00Z', '2024-05-06T00:30:00Z']);
    expect(runs('cron(0/30 20-2 ? * MON-FRI *)', '2024-05-06T02:00:00Z', 2)).toEqual(['2024-05-06T02:30:00Z', '2024-05-06T20:00:00Z']);
  });

  it('15 10 ? * 6L 2022-2023 runs at 10:15 on the last Friday of each month in 2022 and 2023, then never', () => {
    expect(runs('cron(15 10 ? * 6L 2022-2023)', '2021-12-31T12:00:00Z', 2)).toEqual(['2022-01-28T10:15:00Z', '2022-02-25T10:15:00Z']);
    expect(cron('cron(15 10 ? * 6L 2022-2023)').next(at('2023-12-29T10:15:00Z'))).toBeNull();
  });

  it('3#2 is the second Tuesday of the month', () => {
    expect(runs('cron(0 9 ? * 3#2 *)', '2024-05-01T00:00:00Z', 2)).toEqual(['2024-05-14T09:00:00Z', '2024-06-11T09:00:00Z']);
  });

  it('3W is the weekday closest to the 3rd: Friday the 2nd when the 3rd is a Saturday', () => {
    expect(runs('cron(0 9 3W * ? *)', '2024-08-01T00:00:00Z', 1)).toEqual(['2024-08-02T09:00:00Z']);
  });

  it('1W never leaves the month: Monday the 3rd when the 1st is a Saturday', () => {
    expect(runs('cron(0 9 1W * ? *)', '2024-05-31T00:00:00Z', 1)).toEqual(['2024-06-03T09:00:00Z']);
  });
});

describe('cron: day rules, names and ranges', () => {
  it('L in Day-of-month is the last day, leap years included', () => {
    expect(runs('cron(0 0 L * ? *)', '2024-02-01T00:00:00Z', 2)).toEqual(['2024-02-29T00:00:00Z', '2024-03-31T00:00:00Z']);
    expect(runs('cron(0 0 L 2 ? *)', '2023-01-01T00:00:00Z', 1)).toEqual(['2023-02-28T00:00:00Z']);
  });

  it('LW is the last weekday of the month', () => {
    // November 30, 2024 is a Saturday; March 31, 2024 a Sunday.
    expect(runs('cron(0 0 LW 11 ? 2024)', '2024-01-01T00:00:00Z', 1)).toEqual(['2024-11-29T00:00:00Z']);
    expect(runs('cron(0 0 LW 3 ? 2024)', '2024-01-01T00:00:00Z', 1)).toEqual(['2024-03-29T00:00:00Z']);
  });

  it('a day a month lacks is skipped, never rolled over: the 31st, February 29th', () => {
    expect(runs('cron(0 0 31 * ? *)', '2024-04-01T00:00:00Z', 2)).toEqual(['2024-05-31T00:00:00Z', '2024-07-31T00:00:00Z']);
    expect(runs('cron(0 0 29 2 ? *)', '2025-01-01T00:00:00Z', 1)).toEqual(['2028-02-29T00:00:00Z']);
  });

  it('L alone in Day-of-week is Saturday, the last day of the week', () => {
    expect(runs('cron(0 12 ? * L *)', '2024-05-01T00:00:00Z', 1)).toEqual(['2024-05-04T12:00:00Z']);
  });

  it('numbers weekdays from SUN = 1 to SAT = 7', () => {
    expect(runs('cron(0 12 ? * 1 *)', '2024-05-01T00:00:00Z', 1)).toEqual(['2024-05-05T12:00:00Z']);
    expect(runs('cron(0 12 ? * 7 *)', '2024-05-01T00:00:00Z', 1)).toEqual(['2024-05-04T12:00:00Z']);
  });

  it('reads month and day names in lists and ranges, in any case', () => {
    expect(runs('cron(0 12 1 JAN,jul ? *)', '2024-02-01T00:00:00Z', 2)).toEqual(['2024-07-01T12:00:00Z', '2025-01-01T12:00:00Z']);
    expect(runs('cron(0 12 ? * FRI-MON *)', '2024-05-06T12:00:00Z', 2)).toEqual(['2024-05-10T12:00:00Z', '2024-05-11T12:00:00Z']);
  });

  it('steps over ranges, lists and years', () => {
    expect(runs('cron(10-50/20 6,18 * * ? *)', '2024-05-01T00:00:00Z', 4)).toEqual(['2024-05-01T06:10:00Z', '2024-05-01T06:30:00Z', '2024-05-01T06:50:00Z', '2024-05-01T18:10:00Z']);
    expect(runs('cron(0 0 1 1 ? 2024/2)', '2024-01-01T00:00:00Z', 2)).toEqual(['2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z']);
  });

  it('returns null once the year field has no year left', () => {
    expect(cron('cron(0 0 1 1 ? 2020)').next(at('2024-01-01T00:00:00Z'))).toBeNull();
  });

  it('ignores seconds: a run is the next whole minute', () => {
    expect(runs('cron(* * * * ? *)', '2024-05-01T10:00:59.999Z', 2)).toEqual(['2024-05-01T10:01:00Z', '2024-05-01T10:02:00Z']);
  });
});

describe('cron: what AWS refuses', () => {
  it.each([
    ['cron(0 10 * * * *)', /\? in exactly one/],
    ['cron(0 10 ? * ? *)', /\? in exactly one/],
    ['cron(0 10 * * ?)', /6 fields/],
    ['cron(0 10 * * ? * *)', /6 fields/],
    ['cron(60 10 * * ? *)', /outside 0-59 in the Minutes field/],
    ['cron(0 24 * * ? *)', /outside 0-23 in the Hours field/],
    ['cron(0 0 0 * ? *)', /outside 1-31/],
    ['cron(0 0 ? 13 MON *)', /outside 1-12/],
    ['cron(0 0 ? * 8 *)', /outside 1-7/],
    ['cron(0 0 ? * 0 *)', /outside 1-7/],
    ['cron(0 0 1 1 ? 1969)', /outside 1970-2199/],
    ['cron(0 0 1 1 ? 2030-2025)', /runs backwards/],
    ['cron(0 0 ? * 3#1,6#3 *)', /only one such expression/],
    ['cron(0 0 ? * 3#6 *)', /1-5/],
    ['cron(0 0 1,LW * ? *)', /stand alone/],
    ['cron(0/0 * * * ? *)', /at least 1/],
    ['cron(? 0 1 * ? *)', /only in the Day-of-month and Day-of-week/],
    ['cron(x 0 1 * ? *)', /not a valid value/],
    ['cron(0 0 1 * ? *', /expected rate/],
    ['every day', /expected rate/],
  ])('%s', (expression, reason) => {
    expect(() => parseScheduleExpression(expression)).toThrow(ScheduleExpressionError);
    expect(() => parseScheduleExpression(expression)).toThrow(reason);
  });
});

describe('rate expressions', () => {
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(1 hour)', 3_600_000],
    ['rate(12 hours)', 43_200_000],
    ['rate(1 day)', 86_400_000],
    ['rate(7 days)', 604_800_000],
  ])('%s is a period of %d ms', (expression, periodMs) => {
    expect(parseScheduleExpression(expression)).toMatchObject({ kind: 'rate', periodMs });
  });

  it.each([
    ['rate(1 minutes)', /singular/],
    ['rate(5 minute)', /plural/],
    ['rate(0 minutes)', /at least 1/],
    ['rate(-5 minutes)', /positive whole number/],
    ['rate(1.5 hours)', /positive whole number/],
    ['rate(2 weeks)', /positive whole number/],
  ])('refuses %s', (expression, reason) => {
    expect(() => parseScheduleExpression(expression)).toThrow(reason);
  });

  it('counts periods from the anchor (when the schedule started), strictly after the given time', () => {
    const schedule = parseScheduleExpression('rate(5 minutes)');
    const anchor = at('2024-05-01T10:00:30Z');
    expect(schedule.kind === 'rate' && schedule.next(at('2024-05-01T10:00:30Z'), anchor).toISOString()).toBe('2024-05-01T10:05:30.000Z');
    expect(schedule.kind === 'rate' && schedule.next(at('2024-05-01T10:05:30Z'), anchor).toISOString()).toBe('2024-05-01T10:10:30.000Z');
    expect(schedule.kind === 'rate' && schedule.next(at('2024-05-01T10:07:00Z'), anchor).toISOString()).toBe('2024-05-01T10:10:30.000Z');
  });
});
