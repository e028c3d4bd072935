/**
 * EventBridge schedule expressions, evaluated in UTC as EventBridge does: `rate(value unit)` and
 * the six-field `cron(minutes hours day-of-month month day-of-week year)` with AWS's wildcards
 * (`, - * / ?` everywhere they are allowed, `L` and `W` in day-of-month, `L` and `#` in
 * day-of-week, JAN-DEC and SUN-SAT names, SUN = 1). npm's cron libraries read five- or
 * seven-field Unix/Quartz syntax, number weekdays from 0 or evaluate in local time
 * (aws-cron-parser), so this is our own, checked against AWS's documented examples.
 */

export class ScheduleExpressionError extends Error {
  constructor(expression: string, reason: string) {
    super(`Parameter ScheduleExpression is not valid: ${expression} (${reason})`);
    this.name = 'ScheduleExpressionError';
  }
}

export interface RateSchedule {
  kind: 'rate';
  expression: string;
  value: number;
  unit: 'minute' | 'hour' | 'day';
  periodMs: number;
  /** The first run strictly after `after`, counting periods from `anchor` (when the schedule started; default `after`). */
  next(after: Date, anchor?: Date): Date;
}

export interface CronSchedule {
  kind: 'cron';
  expression: string;
  /** The first whole UTC minute strictly after `after` that the expression matches; null when none is left (year field). */
  next(after: Date): Date | null;
}

export type Schedule = RateSchedule | CronSchedule;

const MINUTE_MS = 60_000;
const UNIT_MS = { minute: MINUTE_MS, hour: 60 * MINUTE_MS, day: 24 * 60 * MINUTE_MS } as const;

export function parseScheduleExpression(expression: string): Schedule {
  const text = expression.trim();
  const rate = /^rate\((.*)\)$/s.exec(text);
  if (rate) return parseRate(expression, rate[1]);
  const cron = /^cron\((.*)\)$/s.exec(text);
  if (cron) return parseCron(expression, cron[1]);
  throw new ScheduleExpressionError(expression, 'expected rate(value unit) or cron(fields)');
}

function parseRate(expression: string, body: string): RateSchedule {
  const m = /^\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*$/.exec(body);
  if (!m) throw new ScheduleExpressionError(expression, 'a rate is a positive whole number and a unit: minute(s), hour(s) or day(s)');
  const value = Number(m[1]);
  if (value < 1) throw new ScheduleExpressionError(expression, 'the value of a rate must be at least 1');
  // AWS refuses rate(1 minutes) and rate(5 minute).
  const plural = m[2].endsWith('s');
  if (value === 1 && plural) throw new ScheduleExpressionError(expression, `use the singular unit for a value of 1: rate(1 ${m[2].slice(0, -1)})`);
  if (value > 1 && !plural) throw new ScheduleExpressionError(expression, `use the plural unit for a value above 1: rate(${value} ${m[2]}s)`);
  const unit = (plural ? m[2].slice(0, -1) : m[2]) as RateSchedule['unit'];
  const periodMs = value * UNIT_MS[unit];
  return {
    kind: 'rate', expression, value, unit, periodMs,
    next(after, anchor = after) {
      const periods = Math.max(1, Math.floor((after.getTime() - anchor.getTime()) / periodMs) + 1);
      return new Date(anchor.getTime() + periods * periodMs);
    },
  };
}

interface FieldSpec { name: string; min: number; max: number; names?: string[]; wraps: boolean }

const FIELDS: FieldSpec[] = [
  { name: 'Minutes', min: 0, max: 59, wraps: true },
  { name: 'Hours', min: 0, max: 23, wraps: true },
  { name: 'Day-of-month', min: 1, max: 31, wraps: true },
  { name: 'Month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'], wraps: true },
  { name: 'Day-of-week', min: 1, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'], wraps: true },
  { name: 'Year', min: 1970, max: 2199, wraps: false },
];

/** How a day is chosen: by day of month or by day of week; the other field is `?`. */
type DayRule =
  | { by: 'dayOfMonth'; days: Set<number> }
  | { by: 'lastDayOfMonth' }
  | { by: 'lastWeekdayOfMonth' }
  | { by: 'nearestWeekday'; day: number }
  | { by: 'dayOfWeek'; days: Set<number> }
  | { by: 'lastDayOfWeekInMonth'; dayOfWeek: number }
  | { by: 'nthDayOfWeek'; dayOfWeek: number; nth: number };

function parseCron(expression: string, body: string): CronSchedule {
  const parts = body.trim().split(/\s+/);
  if (parts.length !== 6) throw new ScheduleExpressionError(expression, `a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), not ${parts.length}`);
  const fail = (reason: string): never => { throw new ScheduleExpressionError(expression, reason); };
  const [minutePart, hourPart, domPart, monthPart, dowPart, yearPart] = parts.map((p) => p.toUpperCase());

  const domAny = domPart === '?';
  const dowAny = dowPart === '?';
  if (domAny === dowAny) fail('use ? in exactly one of the Day-of-month and Day-of-week fields');

  const minutes = parseList(minutePart, FIELDS[0], fail);
  const hours = parseList(hourPart, FIELDS[1], fail);
  const months = parseList(monthPart, FIELDS[3], fail);
  const years = parseList(yearPart, FIELDS[5], fail);
  const dayRule = dowAny ? parseDayOfMonth(domPart, fail) : parseDayOfWeek(dowPart, fail);
  const sortedYears = [...years].sort((a, b) => a - b);

  return {
    kind: 'cron', expression,
    next(after) {
      let t = new Date((Math.floor(after.getTime() / MINUTE_MS) + 1) * MINUTE_MS);
      for (;;) {
        const year = t.getUTCFullYear();
        if (!years.has(year)) {
          const nextYear = sortedYears.find((y) => y > year);
          if (nextYear === undefined) return null;
          t = new Date(Date.UTC(nextYear, 0, 1));
          continue;
        }
        const month = t.getUTCMonth() + 1;
        if (!months.has(month)) {
          t = new Date(Date.UTC(year, month, 1));
          continue;
        }
        if (!dayMatches(dayRule, year, month, t.getUTCDate())) {
          t = new Date(Date.UTC(year, month - 1, t.getUTCDate() + 1));
          continue;
        }
        if (!hours.has(t.getUTCHours())) {
          t = new Date(Date.UTC(year, month - 1, t.getUTCDate(), t.getUTCHours() + 1));
          continue;
        }
        if (!minutes.has(t.getUTCMinutes())) {
          t = new Date(t.getTime() + MINUTE_MS);
          continue;
        }
        return t;
      }
    },
  };
}

type Fail = (reason: string) => never;

/** `*`, `n`, `a-b` (wrapping past the field's end, as `FRI-MON` or `22-2`), `x/step` with x one of those, comma-separated. */
function parseList(part: string, field: FieldSpec, fail: Fail): Set<number> {
  if (part === '?') fail(`? is allowed only in the Day-of-month and Day-of-week fields, not in ${field.name}`);
  const values = new Set<number>();
  for (const item of part.split(',')) {
    if (item === '') fail(`empty value in the ${field.name} field`);
    const [rangeText, stepText, extra] = item.split('/');
    if (extra !== undefined) fail(`${item} has more than one / in the ${field.name} field`);
    const step = stepText === undefined ? 1 : parseNumber(stepText, field, fail, true);
    if (step < 1) fail(`the increment in ${item} must be at least 1`);
    let start: number;
    let end: number;
    if (rangeText === '*') {
      [start, end] = [field.min, field.max];
    } else if (rangeText.includes('-')) {
      const [a, b, more] = rangeText.split('-');
      if (more !== undefined) fail(`${item} is not a valid range in the ${field.name} field`);
      [start, end] = [parseValue(a, field, fail), parseValue(b, field, fail)];
      if (start > end && !field.wraps) fail(`the range ${rangeText} in the ${field.name} field runs backwards`);
    } else {
      start = parseValue(rangeText, field, fail);
      // `5/15` runs from 5 to the field's end; a plain `5` is just 5.
      end = stepText === undefined ? start : field.max;
    }
    const size = field.max - field.min + 1;
    const span = end >= start ? end - start : end + size - start;
    for (let offset = 0; offset <= span; offset += step) values.add(((start - field.min + offset) % size) + field.min);
  }
  return values;
}

function parseValue(text: string, field: FieldSpec, fail: Fail): number {
  const named = field.names?.indexOf(text) ?? -1;
  if (named >= 0) return field.min + named;
  const n = parseNumber(text, field, fail, false);
  if (n < field.min || n > field.max) fail(`${text} is outside ${field.min}-${field.max} in the ${field.name} field`);
  return n;
}

function parseNumber(text: string, field: FieldSpec, fail: Fail, isStep: boolean): number {
  if (!/^\d+$/.test(text)) fail(`${text} is not a ${isStep ? 'whole-number increment' : 'valid value'} in the ${field.name} field`);
  return Number(text);
}

function parseDayOfMonth(part: string, fail: Fail): DayRule {
  if (part === 'L') return { by: 'lastDayOfMonth' };
  if (part === 'LW') return { by: 'lastWeekdayOfMonth' };
  const w = /^(\d+)W$/.exec(part);
  if (w) {
    const day = Number(w[1]);
    if (day < 1 || day > 31) fail(`${part}: the day before W must be 1-31`);
    return { by: 'nearestWeekday', day };
  }
  if (/[LW]/.test(part)) fail(`${part}: L and W stand alone in the Day-of-month field (L, LW or nW)`);
  return { by: 'dayOfMonth', days: parseList(part, FIELDS[2], fail) };
}

function parseDayOfWeek(part: string, fail: Fail): DayRule {
  const field = FIELDS[4];
  // Quartz, whose syntax AWS follows: L alone is the last day of the week, Saturday.
  if (part === 'L') return { by: 'dayOfWeek', days: new Set([7]) };
  const last = /^(\w+)L$/.exec(part);
  if (last) return { by: 'lastDayOfWeekInMonth', dayOfWeek: parseValue(last[1], field, fail) };
  if (part.includes('#')) {
    const nth = /^(\w+)#(\d+)$/.exec(part);
    if (!nth) fail(`${part}: # takes one day of week and an instance, e.g. 3#2; only one such expression is allowed`);
    const n = Number(nth![2]);
    if (n < 1 || n > 5) fail(`${part}: the instance after # must be 1-5`);
    return { by: 'nthDayOfWeek', dayOfWeek: parseValue(nth![1], field, fail), nth: n };
  }
  if (part.includes('L')) fail(`${part}: L stands alone or after one day of week (e.g. 6L) in the Day-of-week field`);
  return { by: 'dayOfWeek', days: parseList(part, field, fail) };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday … 7 = Saturday, as AWS numbers them. */
function dayOfWeek(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

function isWeekday(year: number, month: number, day: number): boolean {
  const dow = dayOfWeek(year, month, day);
  return dow !== 1 && dow !== 7;
}

/** The weekday nearest `day` without leaving the month (Quartz's W: 1W on a Saturday is Monday the 3rd). */
function nearestWeekday(year: number, month: number, day: number): number {
  const last = daysInMonth(year, month);
  const target = Math.min(day, last);
  if (isWeekday(year, month, target)) return target;
  const saturday = dayOfWeek(year, month, target) === 7;
  if (saturday) return target > 1 ? target - 1 : target + 2;
  return target < last ? target + 1 : target - 2;
}

function dayMatches(rule: DayRule, year: number, month: number, day: number): boolean {
  switch (rule.by) {
    case 'dayOfMonth': return rule.days.has(day);
    case 'lastDayOfMonth': return day === daysInMonth(year, month);
    case 'lastWeekdayOfMonth': return day === nearestWeekday(year, month, daysInMonth(year, month));
    case 'nearestWeekday': return rule.day <= daysInMonth(year, month) && day === nearestWeekday(year, month, rule.day);
    case 'dayOfWeek': return rule.days.has(dayOfWeek(year, month, day));
    case 'lastDayOfWeekInMonth': return dayOfWeek(year, month, day) === rule.dayOfWeek && day + 7 > daysInMonth(year, month);
    case 'nthDayOfWeek': return dayOfWeek(year, month, day) === rule.dayOfWeek && Math.ceil(day / 7) === rule.nth;
  }
}
