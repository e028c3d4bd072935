/**
 * `util.time` of the APPSYNC_JS runtime.
 *
 * AppSync formats and parses with Java's `DateTimeFormatter`; js-joda is a port of java.time,
 * so patterns behave the same ("Z" prints "+0000", "[XXX]" is an optional section, ...).
 * js-joda's core leaves locale text (month/day names, AM/PM, zone names, week fields) to a
 * plugin we do not have, so `JavaPatternBuilder` below supplies the English (en_US) forms the
 * JVM's default locale would produce.
 */
import {
  ChronoField,
  DateTimeFormatter,
  DateTimeFormatterBuilder,
  Instant,
  IsoFields,
  LocalDate,
  LocalTime,
  ResolverStyle,
  TemporalQueries,
  TextStyle,
  ZoneId,
  ZoneOffset,
  ZonedDateTime,
  type TemporalAccessor,
  type TemporalField,
} from '@js-joda/core';
import '@js-joda/timezone';
import type { TimeUtils } from '@aws-appsync/utils/lib/time-utils';

// ---------------------------------------------------------------------------------------------
// js-joda formatter internals we plug into (the shape @js-joda/locale relies on as well).

interface PrintContext {
  getValue(field: TemporalField): number | null;
  getValueQuery<R>(query: unknown): R | null;
  temporal(): TemporalAccessor;
}
interface ParseContext {
  subSequenceEquals(cs1: string, offset1: number, cs2: string, offset2: number, length: number): boolean;
  setParsedField(field: TemporalField, value: number, errorPos: number, successPos: number): number;
}
interface Buffer {
  append(text: string): unknown;
}
interface PrinterParser {
  print(context: PrintContext, buf: Buffer): boolean;
  parse(context: ParseContext, text: string, position: number): number;
  toString(): string;
}
interface BuilderInternals {
  _appendInternal(pp: PrinterParser): number;
}

// ---------------------------------------------------------------------------------------------
// English (en_US) texts, as the JDK's CLDR data has them.

const MONTHS_FULL = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS_FULL = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

type TextTable = Record<'full' | 'short' | 'narrow', string[]>;

function table(full: string[], short: string[], narrow: string[]): TextTable {
  return { full, short, narrow };
}

/** Field name -> texts, indexed by `value - first`. */
const TEXTS = new Map<TemporalField, { first: number; texts: TextTable }>([
  [ChronoField.MONTH_OF_YEAR, { first: 1, texts: table(MONTHS_FULL, MONTHS_FULL.map((m) => m.slice(0, 3)), MONTHS_FULL.map((m) => m[0])) }],
  [ChronoField.DAY_OF_WEEK, { first: 1, texts: table(DAYS_FULL, DAYS_FULL.map((d) => d.slice(0, 3)), DAYS_FULL.map((d) => d[0])) }],
  [ChronoField.AMPM_OF_DAY, { first: 0, texts: table(['AM', 'PM'], ['AM', 'PM'], ['a', 'p']) }],
  [ChronoField.ERA, { first: 0, texts: table(['Before Christ', 'Anno Domini'], ['BC', 'AD'], ['B', 'A']) }],
  [
    IsoFields.QUARTER_OF_YEAR,
    { first: 1, texts: table(['1st quarter', '2nd quarter', '3rd quarter', '4th quarter'], ['Q1', 'Q2', 'Q3', 'Q4'], ['1', '2', '3', '4']) },
  ],
]);

function styleKey(style: TextStyle): keyof TextTable {
  const normal = style.asNormal();
  if (normal === TextStyle.FULL) return 'full';
  if (normal === TextStyle.NARROW) return 'narrow';
  return 'short';
}

function pad(value: number, width: number): string {
  const digits = String(Math.abs(value)).padStart(width, '0');
  return value < 0 ? `-${digits}` : digits;
}

class EnglishTextPrinterParser implements PrinterParser {
  private readonly byLength: Array<[number, string]>;

  constructor(
    private readonly field: TemporalField,
    private readonly first: number,
    private readonly texts: string[],
  ) {
    // Longest first so "May" never shadows a longer candidate while parsing.
    this.byLength = texts.map((t, i): [number, string] => [i + first, t]).sort((a, b) => b[1].length - a[1].length);
  }

  print(context: PrintContext, buf: Buffer): boolean {
    const value = context.getValue(this.field);
    if (value === null) return false;
    buf.append(this.texts[value - this.first] ?? String(value));
    return true;
  }

  parse(context: ParseContext, text: string, position: number): number {
    for (const [value, candidate] of this.byLength) {
      if (context.subSequenceEquals(candidate, 0, text, position, candidate.length)) {
        return context.setParsedField(this.field, value, position, position + candidate.length);
      }
    }
    return ~position;
  }

  toString(): string {
    return `Text(${this.field.toString()})`;
  }
}

/** Print-only printer-parsers: parsing these forms would need locale data we do not carry. */
abstract class PrintOnly implements PrinterParser {
  abstract print(context: PrintContext, buf: Buffer): boolean;
  parse(): number {
    throw new Error(`parsing the pattern element ${this.toString()} is not supported`);
  }
  abstract toString(): string;
}

/** Java `WeekFields.of(Locale.US)`: weeks start on Sunday, week 1 is the week containing January 1. */
const MIN_DAYS_IN_FIRST_WEEK = 1;

function localizedDayOfWeek(date: LocalDate): number {
  return (date.dayOfWeek().value() % 7) + 1; // Sunday = 1
}

function startOfWeekOffset(day: number, dow: number): number {
  const weekStart = (((day - dow) % 7) + 7) % 7;
  return weekStart + 1 > MIN_DAYS_IN_FIRST_WEEK ? 7 - weekStart : -weekStart;
}

function computeWeek(offset: number, day: number): number {
  return Math.floor((7 + offset + (day - 1)) / 7);
}

/** [week-based-year, week-of-week-based-year], ported from java.time.temporal.WeekFields. */
function weekBasedYearAndWeek(date: LocalDate): [number, number] {
  const doy = date.dayOfYear();
  const offset = startOfWeekOffset(doy, localizedDayOfWeek(date));
  const week = computeWeek(offset, doy);
  if (week === 0) {
    const [, lastWeek] = weekBasedYearAndWeek(date.minusDays(doy));
    return [date.year() - 1, lastWeek];
  }
  const newYearWeek = computeWeek(offset, date.lengthOfYear() + MIN_DAYS_IN_FIRST_WEEK);
  if (week >= newYearWeek) return [date.year() + 1, week - newYearWeek + 1];
  return [date.year(), week];
}

class WeekFieldPrinter extends PrintOnly {
  constructor(
    private readonly letter: string,
    private readonly count: number,
  ) {
    super();
  }

  print(context: PrintContext, buf: Buffer): boolean {
    const date = context.getValueQuery<LocalDate>(TemporalQueries.localDate());
    if (date === null) return false;
    switch (this.letter) {
      case 'e':
      case 'c':
        buf.append(pad(localizedDayOfWeek(date), this.count));
        break;
      case 'W':
        buf.append(String(computeWeek(startOfWeekOffset(date.dayOfMonth(), localizedDayOfWeek(date)), date.dayOfMonth())));
        break;
      case 'w':
        buf.append(pad(weekBasedYearAndWeek(date)[1], this.count));
        break;
      default: {
        const year = weekBasedYearAndWeek(date)[0];
        if (this.count === 2) buf.append(pad(((year % 100) + 100) % 100, 2));
        else buf.append((this.count >= 4 && year > 9999 ? '+' : '') + pad(year, this.count));
      }
    }
    return true;
  }

  toString(): string {
    return this.letter.repeat(this.count);
  }
}

const zoneNameFormats = new Map<string, Intl.DateTimeFormat | null>();

function zoneDisplayName(zoneId: string, full: boolean, epochMilli: number): string {
  const key = `${zoneId}|${full}`;
  let fmt = zoneNameFormats.get(key);
  if (fmt === undefined) {
    try {
      fmt = new Intl.DateTimeFormat('en-US', { timeZone: zoneId, timeZoneName: full ? 'long' : 'short' });
    } catch {
      fmt = null; // a zone js-joda knows but ICU does not: fall back to the id
    }
    zoneNameFormats.set(key, fmt);
  }
  return fmt?.formatToParts(epochMilli).find((p) => p.type === 'timeZoneName')?.value ?? zoneId;
}

/** 'z'/'zzzz': offsets print their id (as Java does); regions their English name via ICU. */
class ZoneTextPrinter extends PrintOnly {
  constructor(private readonly full: boolean) {
    super();
  }

  print(context: PrintContext, buf: Buffer): boolean {
    const zone = context.getValueQuery<ZoneId>(TemporalQueries.zoneId());
    if (zone === null) return false;
    if (zone instanceof ZoneOffset) {
      buf.append(zone.id());
      return true;
    }
    const temporal = context.temporal();
    const epochMilli = temporal.isSupported(ChronoField.INSTANT_SECONDS)
      ? temporal.getLong(ChronoField.INSTANT_SECONDS) * 1000
      : Date.now();
    buf.append(zoneDisplayName(zone.id(), this.full, epochMilli));
    return true;
  }

  toString(): string {
    return this.full ? 'zzzz' : 'z';
  }
}

/** 'O' -> "GMT+8", 'OOOO'/'ZZZZ' -> "GMT+08:00"; zero offset -> "GMT". */
class LocalizedOffsetPrinter extends PrintOnly {
  constructor(private readonly full: boolean) {
    super();
  }

  print(context: PrintContext, buf: Buffer): boolean {
    const total = context.getValue(ChronoField.OFFSET_SECONDS);
    if (total === null) return false;
    buf.append('GMT');
    if (total === 0) return true;
    const abs = Math.abs(total);
    const h = Math.floor(abs / 3600);
    const m = Math.floor(abs / 60) % 60;
    const s = abs % 60;
    let text = total < 0 ? '-' : '+';
    if (this.full) {
      text += `${pad(h, 2)}:${pad(m, 2)}${s !== 0 ? `:${pad(s, 2)}` : ''}`;
    } else {
      text += String(h);
      if (m !== 0 || s !== 0) text += `:${pad(m, 2)}${s !== 0 ? `:${pad(s, 2)}` : ''}`;
    }
    buf.append(text);
    return true;
  }

  toString(): string {
    return this.full ? 'OOOO' : 'O';
  }
}

/**
 * `appendPattern` calls these hooks for locale-dependent letters; core js-joda throws from
 * them. Overriding them on a subclass keeps the change local to our formatters.
 */
class JavaPatternBuilder extends DateTimeFormatterBuilder {
  private add(pp: PrinterParser): this {
    (this as unknown as BuilderInternals)._appendInternal(pp);
    return this;
  }

  /**
   * js-joda unescapes only the first '' inside a quoted literal ('a''b''c' -> a'b''c). Quotes
   * inside a quoted literal only occur as '' pairs, so collapsing the remaining pairs here
   * restores Java's result.
   */
  override appendLiteral(literal: unknown): this {
    super.appendLiteral(typeof literal === 'string' ? literal.replace(/''/g, "'") : literal);
    return this;
  }

  appendText(field: TemporalField, style: TextStyle): this {
    const entry = TEXTS.get(field);
    if (entry === undefined) throw new Error(`no text for field ${field.toString()}`);
    return this.add(new EnglishTextPrinterParser(field, entry.first, entry.texts[styleKey(style)]));
  }

  appendZoneText(style: TextStyle): this {
    return this.add(new ZoneTextPrinter(styleKey(style) === 'full'));
  }

  appendLocalizedOffset(style: TextStyle): this {
    return this.add(new LocalizedOffsetPrinter(styleKey(style) === 'full'));
  }

  appendWeekField(letter: string, count: number): this {
    return this.add(new WeekFieldPrinter(letter, count));
  }
}

// ---------------------------------------------------------------------------------------------
// Caches: patterns and zones repeat across every resolver call.

const CACHE_MAX = 256;
const formatters = new Map<string, DateTimeFormatter>();
const zones = new Map<string, ZoneId>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(key, value);
  return value;
}

function formatterFor(pattern: unknown): DateTimeFormatter {
  if (typeof pattern !== 'string') throw new Error('format must be a string');
  return (
    formatters.get(pattern) ??
    remember(formatters, pattern, new JavaPatternBuilder().appendPattern(pattern).toFormatter(ResolverStyle.SMART))
  );
}

/** Times are UTC unless a zone is given: an offset ("+08:00", "-07:00:30") or a region id. */
function zoneFor(timezone: unknown): ZoneId {
  if (timezone === undefined || timezone === null) return ZoneOffset.UTC;
  if (typeof timezone !== 'string') throw new Error('timezone must be a string');
  return zones.get(timezone) ?? remember(zones, timezone, ZoneId.of(timezone));
}

function epochMilliOf(fn: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`util.time.${fn}: milliseconds must be a finite number`);
  return Math.trunc(value);
}

/** Rethrows js-joda/argument errors as plain Errors naming the util function. */
function guard<T>(fn: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new Error(message.startsWith('util.time.') ? message : `util.time.${fn}: ${message}`);
  }
}

/** Java `Instant.toEpochMilli` of a parsed temporal. */
function toEpochMilli(parsed: TemporalAccessor, timezone: unknown): number {
  if (parsed.isSupported(ChronoField.INSTANT_SECONDS)) {
    // An offset or zone in the text wins over the timezone argument.
    return parsed.getLong(ChronoField.INSTANT_SECONDS) * 1000 + Math.floor(parsed.getLong(ChronoField.NANO_OF_SECOND) / 1e6);
  }
  const date = parsed.query(TemporalQueries.localDate());
  if (date === null) throw new Error('the text has no date, so it has no instant');
  const time = parsed.query(TemporalQueries.localTime()) ?? LocalTime.MIDNIGHT;
  return ZonedDateTime.of(date, time, zoneFor(timezone)).toInstant().toEpochMilli();
}

function format(epochMilli: number, pattern: unknown, timezone: unknown): string {
  return ZonedDateTime.ofInstant(Instant.ofEpochMilli(epochMilli), zoneFor(timezone)).format(formatterFor(pattern));
}

/** Always three fraction digits and 'Z', as every AWS example shows. */
function iso8601(epochMilli: number): string {
  return new Date(epochMilli).toISOString();
}

/** `util.time` over a clock; tests inject a fixed one. */
export function createTime(now: () => number): TimeUtils {
  return {
    nowISO8601: () => iso8601(now()),
    nowEpochSeconds: () => Math.floor(now() / 1000),
    nowEpochMilliSeconds: () => now(),
    nowFormatted: (formatString: string, timezone?: string) =>
      guard('nowFormatted', () => format(now(), formatString, timezone)),
    parseFormattedToEpochMilliSeconds: (timestamp: string, formatString: string, timezone?: string) =>
      guard('parseFormattedToEpochMilliSeconds', () => {
        if (typeof timestamp !== 'string') throw new Error('timestamp must be a string');
        return toEpochMilli(formatterFor(formatString).parse(timestamp), timezone);
      }),
    parseISO8601ToEpochMilliSeconds: (timestamp: string) =>
      guard('parseISO8601ToEpochMilliSeconds', () => {
        if (typeof timestamp !== 'string') throw new Error('timestamp must be a string');
        // js-joda's ISO_DATE_TIME lacks Java's optional "[region]" suffix; ISO_ZONED_DATE_TIME has it.
        const iso = timestamp.endsWith(']') ? DateTimeFormatter.ISO_ZONED_DATE_TIME : DateTimeFormatter.ISO_DATE_TIME;
        return toEpochMilli(iso.parse(timestamp), undefined);
      }),
    epochMilliSecondsToSeconds: (milliseconds: number) =>
      Math.trunc(epochMilliOf('epochMilliSecondsToSeconds', milliseconds) / 1000),
    epochMilliSecondsToISO8601: (milliseconds: number) =>
      guard('epochMilliSecondsToISO8601', () => iso8601(epochMilliOf('epochMilliSecondsToISO8601', milliseconds))),
    epochMilliSecondsToFormatted: (milliseconds: number, formatString: string, timezone?: string) =>
      guard('epochMilliSecondsToFormatted', () =>
        format(epochMilliOf('epochMilliSecondsToFormatted', milliseconds), formatString, timezone),
      ),
  };
}

export const time: TimeUtils = createTime(Date.now);
