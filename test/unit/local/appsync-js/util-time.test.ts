import { describe, expect, it } from 'vitest';
import { createTime, time } from '../../../../local/appsync-js/util/time';

// The instant behind AWS's util.time examples: 2018-02-06T19:01:35.749Z.
const DOC_NOW = 1517943695749;
const at = (epochMilli: number) => createTime(() => epochMilli);
const docTime = at(DOC_NOW);

// Casts for calls the typings forbid but resolver code can still make at runtime.
type Loose = (...args: unknown[]) => unknown;
const loose = (f: unknown) => f as Loose;

describe('util.time with a real clock', () => {
  it('reads Date.now', () => {
    const before = Date.now();
    const now = time.nowEpochMilliSeconds();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(time.nowISO8601())).toBeGreaterThanOrEqual(before - 1);
  });
});

describe('util.time now* (AWS documented examples)', () => {
  it('nowISO8601 -> "2018-02-06T19:01:35.749Z"', () => {
    expect(docTime.nowISO8601()).toBe('2018-02-06T19:01:35.749Z');
  });

  it('nowEpochSeconds -> 1517943695', () => {
    expect(docTime.nowEpochSeconds()).toBe(1517943695);
  });

  it('nowEpochMilliSeconds -> 1517943695750', () => {
    expect(at(1517943695750).nowEpochMilliSeconds()).toBe(1517943695750);
  });

  it.each([
    ['yyyy-MM-dd HH:mm:ssZ', undefined, '2018-02-06 19:01:35+0000'],
    ['yyyy-MM-dd HH:mm:ssZ', 'Australia/Perth', '2018-02-07 03:01:35+0800'],
    ['yyyy-MM-dd HH:mm:ssZ', '+08:00', '2018-02-07 03:01:35+0800'],
  ])('nowFormatted(%j, %j) -> %j', (format, zone, expected) => {
    expect(docTime.nowFormatted(format, zone as string)).toBe(expected);
  });

  it('nowFormatted("yyyy-MM-dd[XXX]", "-07:00:30") -> "2018-07-11-07:00" (XXX drops the seconds)', () => {
    expect(at(Date.UTC(2018, 6, 11, 12)).nowFormatted('yyyy-MM-dd[XXX]', '-07:00:30')).toBe('2018-07-11-07:00');
  });
});

describe('util.time ISO 8601', () => {
  it.each([
    [1517943695758, '2018-02-06T19:01:35.758Z'], // AWS example
    [1517943695000, '2018-02-06T19:01:35.000Z'], // whole seconds keep three digits
    [0, '1970-01-01T00:00:00.000Z'],
    [-1, '1969-12-31T23:59:59.999Z'],
    [1517943695758.9, '2018-02-06T19:01:35.758Z'], // truncated like a Java long
  ])('epochMilliSecondsToISO8601(%d) -> %s', (ms, expected) => {
    expect(docTime.epochMilliSecondsToISO8601(ms)).toBe(expected);
  });

  it('nowISO8601 also keeps three digits on a whole second', () => {
    expect(at(1517943695000).nowISO8601()).toBe('2018-02-06T19:01:35.000Z');
  });

  it.each([
    ['2018-02-01T17:21:05.180+08:00', 1517476865180], // AWS example
    ['2018-02-01T09:21:05.180Z', 1517476865180],
    ['2018-02-01T09:21:05Z', 1517476865000],
    ['2018-02-01T09:21:05.123456789Z', 1517476865123],
    ['2018-02-01T10:21:05.180+01:00[Europe/Paris]', 1517476865180],
    ['2018-02-01T09:21:05.180', 1517476865180], // no offset: UTC
  ])('parseISO8601ToEpochMilliSeconds(%j) -> %d', (text, expected) => {
    expect(docTime.parseISO8601ToEpochMilliSeconds(text)).toBe(expected);
  });

  it.each([['2018-02-01'], ['2018-02-01 17:21:05Z'], ['2018-02-01T17:21:05+0800'], ['not a date'], ['']])(
    'parseISO8601ToEpochMilliSeconds rejects %j',
    (text) => {
      expect(() => docTime.parseISO8601ToEpochMilliSeconds(text)).toThrow(/^util\.time\.parseISO8601ToEpochMilliSeconds: /);
    },
  );
});

describe('util.time epoch conversions', () => {
  it.each([
    [1517943695758, 1517943695], // AWS example
    [999, 0],
    [-1500, -1], // Java long division truncates towards zero
  ])('epochMilliSecondsToSeconds(%d) -> %d', (ms, expected) => {
    expect(docTime.epochMilliSecondsToSeconds(ms)).toBe(expected);
  });

  it.each([[NaN], [Infinity], ['1517943695758'], [null]])('rejects milliseconds %j', (ms) => {
    expect(() => loose(docTime.epochMilliSecondsToSeconds)(ms)).toThrow(/milliseconds must be a finite number/);
    expect(() => loose(docTime.epochMilliSecondsToISO8601)(ms)).toThrow(/milliseconds must be a finite number/);
    expect(() => loose(docTime.epochMilliSecondsToFormatted)(ms, 'yyyy')).toThrow(/milliseconds must be a finite number/);
  });
});

describe('util.time formatting (Java DateTimeFormatter patterns)', () => {
  const ms = 1517943695758; // Tuesday 2018-02-06T19:01:35.758Z
  it.each([
    // AWS examples
    ['yyyy-MM-dd HH:mm:ssZ', undefined, '2018-02-06 19:01:35+0000'],
    ['yyyy-MM-dd HH:mm:ssZ', '+08:00', '2018-02-07 03:01:35+0800'],
    // offsets and zones
    ['yyyy-MM-dd HH:mm:ssXXX', undefined, '2018-02-06 19:01:35Z'],
    ['yyyy-MM-dd HH:mm:ssxxx', undefined, '2018-02-06 19:01:35+00:00'],
    ['HH:mm:ss XXXXX', '-07:00:30', '12:01:05 -07:00:30'],
    ['HH:mm X', '+05:30', '00:31 +0530'],
    ['HH:mm VV', 'America/Los_Angeles', '11:01 America/Los_Angeles'],
    ['HH:mm z', undefined, '19:01 Z'],
    ['HH:mm z', 'America/Los_Angeles', '11:01 PST'],
    ['HH:mm zzzz', 'Australia/Perth', '03:01 Australian Western Standard Time'],
    ['O', 'Australia/Perth', 'GMT+8'],
    ['OOOO', '+05:30', 'GMT+05:30'],
    ['O', undefined, 'GMT'],
    // fields
    ["yyyy-MM-dd'T'HH:mm:ss.SSS", undefined, '2018-02-06T19:01:35.758'],
    ['yy-M-d H:m:s', undefined, '18-2-6 19:1:35'],
    ['D DDD', undefined, '37 037'],
    ['hh:mm a', undefined, '07:01 PM'],
    ['K k', undefined, '7 19'],
    ['EEE, dd MMM yyyy HH:mm:ss', undefined, 'Tue, 06 Feb 2018 19:01:35'],
    ['EEEE MMMM d', undefined, 'Tuesday February 6'],
    ['EEEEE MMMMM', undefined, 'T F'],
    ['G GGGG', undefined, 'AD Anno Domini'],
    ['Q QQ QQQ QQQQ', undefined, '1 01 Q1 1st quarter'],
    ['LLL', undefined, 'Feb'],
    ["'quoted ''text'''", undefined, "quoted 'text'"],
    ["'''' '' h''mm", undefined, "' ' 7'01"],
    ['[yyyy][ HH]', undefined, '2018 19'],
    ['e c W w Y', undefined, '3 3 2 6 2018'], // en_US weeks: Sunday first
    ['uuuu', undefined, '2018'],
  ])('epochMilliSecondsToFormatted(t, %j, %j) -> %j', (format, zone, expected) => {
    expect(docTime.epochMilliSecondsToFormatted(ms, format, zone as string)).toBe(expected);
  });

  it.each([
    [Date.UTC(2021, 11, 31), 'YYYY-ww', '2022-01'], // Friday 2021-12-31 is in week 1 of 2022 (the YYYY trap)
    [Date.UTC(2021, 11, 25), 'YYYY-ww', '2021-52'],
    [Date.UTC(2022, 0, 1), 'YYYY-ww YY', '2022-01 22'],
    [Date.UTC(2017, 0, 1), 'YYYY-ww W', '2017-01 1'],
  ])('week-based fields at %d with %j -> %j', (epochMilli, format, expected) => {
    expect(docTime.epochMilliSecondsToFormatted(epochMilli, format)).toBe(expected);
  });

  it('applies daylight saving time for region zones', () => {
    expect(docTime.epochMilliSecondsToFormatted(Date.UTC(2018, 6, 1, 12), 'HH:mm Z z', 'America/Los_Angeles')).toBe(
      '05:00 -0700 PDT',
    );
  });

  it.each([
    ['yyyy', 'Foo/Bar', /Unknown time-zone ID: Foo\/Bar/],
    ['yyyy', '+25:00', /^util\.time\.nowFormatted: /],
    ['yyyy{', undefined, /reserved character/],
    ['ZZZZZZ', undefined, /Too many pattern letters/],
    ["'unterminated", undefined, /incomplete string literal/],
    ['yyyy]', undefined, /\]/],
    ['b', undefined, /Unknown pattern letter: b/],
  ])('nowFormatted(%j, %j) throws', (format, zone, error) => {
    expect(() => docTime.nowFormatted(format, zone as string)).toThrow(error);
  });

  it.each([[null], [undefined], [42]])('rejects format %j', (format) => {
    expect(() => loose(docTime.nowFormatted)(format)).toThrow(/util\.time\.nowFormatted: format must be a string/);
  });

  it('rejects a timezone that is not a string', () => {
    expect(() => loose(docTime.nowFormatted)('yyyy', 8)).toThrow(/timezone must be a string/);
  });
});

describe('util.time parseFormattedToEpochMilliSeconds', () => {
  it.each([
    // AWS examples
    ['2018-02-02 01:19:22+0800', 'yyyy-MM-dd HH:mm:ssZ', undefined, 1517505562000],
    ['2018-02-02 01:19:22', 'yyyy-MM-dd HH:mm:ss', '+08:00', 1517505562000],
    // zone handling
    ['2018-02-01 17:19:22', 'yyyy-MM-dd HH:mm:ss', undefined, 1517505562000], // no zone: UTC
    ['2018-02-02 01:19:22', 'yyyy-MM-dd HH:mm:ss', 'Australia/Perth', 1517505562000],
    ['2018-02-02 01:19:22+0800', 'yyyy-MM-dd HH:mm:ssZ', 'America/New_York', 1517505562000], // parsed offset wins
    ['2018-02-01 17:19:22 Z', 'yyyy-MM-dd HH:mm:ss XXX', undefined, 1517505562000],
    ['2018-02-02 01:19:22 Australia/Perth', 'yyyy-MM-dd HH:mm:ss VV', undefined, 1517505562000],
    ['2018-07-01 05:00', 'yyyy-MM-dd HH:mm', 'America/Los_Angeles', Date.UTC(2018, 6, 1, 12)], // DST
    // fields
    ['2018-02-01T17:19:22.123', "yyyy-MM-dd'T'HH:mm:ss.SSS", undefined, 1517505562123],
    ['Thu, 01 Feb 2018 17:19:22', 'EEE, dd MMM yyyy HH:mm:ss', undefined, 1517505562000],
    ['01 February 2018 05:19:22 PM', 'dd MMMM yyyy hh:mm:ss a', undefined, 1517505562000],
    ['2018-02-01', 'yyyy-MM-dd', undefined, Date.UTC(2018, 1, 1)], // no time: start of day
    ['2018-02-01', 'yyyy-MM-dd', '+08:00', Date.UTC(2018, 0, 31, 16)],
    ['2018-02-30', 'yyyy-MM-dd', undefined, Date.UTC(2018, 1, 28)], // SMART resolution clamps the day
  ])('(%j, %j, %j) -> %d', (text, format, zone, expected) => {
    expect(docTime.parseFormattedToEpochMilliSeconds(text, format, zone as string)).toBe(expected);
  });

  it('round-trips with epochMilliSecondsToFormatted', () => {
    const format = 'EEEE, MMMM d, yyyy h:mm:ss.SSS a Z';
    const text = docTime.epochMilliSecondsToFormatted(DOC_NOW, format, 'Asia/Kolkata');
    expect(text).toBe('Wednesday, February 7, 2018 12:31:35.749 AM +0530');
    expect(docTime.parseFormattedToEpochMilliSeconds(text, format)).toBe(DOC_NOW);
  });

  it.each([
    ['2018-02-02 01:19:22+08', 'yyyy-MM-dd HH:mm:ssZ', /could not be parsed/],
    ['2018-13-01', 'yyyy-MM-dd', /could not be parsed/],
    ['2018-02-01 extra', 'yyyy-MM-dd', /unparsed text/],
    ['thu, 01 Feb 2018', 'EEE, dd MMM yyyy', /could not be parsed/], // text is case-sensitive, as in Java
    ['12:00', 'HH:mm', /no date/],
    ['2018-02-01 PST', 'yyyy-MM-dd z', /not supported/],
    ['2018-W05', 'YYYY-\'W\'ww', /not supported/],
  ])('rejects (%j, %j)', (text, format, error) => {
    expect(() => docTime.parseFormattedToEpochMilliSeconds(text, format)).toThrow(error);
  });

  it('names the function in its errors', () => {
    expect(() => docTime.parseFormattedToEpochMilliSeconds('x', 'yyyy')).toThrow(/^util\.time\.parseFormattedToEpochMilliSeconds: /);
  });

  it('rejects a timestamp that is not a string', () => {
    expect(() => loose(docTime.parseFormattedToEpochMilliSeconds)(null, 'yyyy')).toThrow(/timestamp must be a string/);
    expect(() => loose(docTime.parseISO8601ToEpochMilliSeconds)(undefined)).toThrow(/timestamp must be a string/);
  });
});
