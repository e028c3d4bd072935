/**
 * Fractional indexing: a task's `position` is a string key that sorts (by plain string
 * comparison, as DynamoDB compares the `lsi1sk` it is part of) between its neighbours, so moving
 * or inserting a task rewrites that task's item and nothing else.
 *
 * The key format and the algorithm are those of the well-known `fractional-indexing` package
 * (David Greenspan's "Implementing Fractional Indexing"), with base-62 digits `0-9A-Za-z`, whose
 * ASCII order is their numeric order:
 * - an integer part: a head letter giving its length (`a`..`z`: 2..27 characters, growing
 *   upwards; `A`..`Z`: 27..2 characters, growing downwards), then that many digits minus one;
 * - then an optional fraction that never ends in `0` (so every key has a neighbour on each side).
 * The first key is `a0`; appending gives `a1`, `a2`…; inserting between `a1` and `a2` gives `a1V`.
 *
 * Written for the APPSYNC_JS runtime as well as Node: no recursion, no `for(;;)`/`while`, no
 * `++`, no throw (invalid input gives `null`), no regex, no `charCodeAt`/`repeat`/`padStart`.
 */

export const POSITION_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Longest accepted key. `lsi1sk` is `TASK#<ordinal>#<position>#<36-char id>` and a sort key may
 * be 1,024 bytes; repeated inserts at one spot lengthen keys by about one digit every 6 inserts.
 */
export const MAX_POSITION_LENGTH = 900;

const BASE = 62;
const ZERO = '0';
const LAST_DIGIT = 'z';
/** The smallest integer part ('A' and 26 zeros): only valid with a fraction after it. */
const SMALLEST_INTEGER = 'A00000000000000000000000000';

/** The value of one base-62 digit, or -1. */
function digitValue(ch: string): number {
  return ch.length === 1 ? POSITION_DIGITS.indexOf(ch) : -1;
}

/** How long the integer part is, from its head letter; 0 when the head is not a letter. */
function integerLength(head: string): number {
  if (head >= 'a' && head <= 'z') return digitValue(head) - digitValue('a') + 2;
  if (head >= 'A' && head <= 'Z') return digitValue('Z') - digitValue(head) + 2;
  return 0;
}

/** Whether `key` is a well-formed position (and not longer than MAX_POSITION_LENGTH). */
export function isPosition(key: unknown): key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_POSITION_LENGTH) return false;
  if (!key.split('').every((ch) => digitValue(ch) >= 0)) return false;
  const length = integerLength(key[0]);
  if (length === 0 || length > key.length) return false;
  if (key === SMALLEST_INTEGER) return false;
  const fraction = key.slice(length);
  return fraction.length === 0 || fraction[fraction.length - 1] !== ZERO;
}

function integerPart(key: string): string {
  return key.slice(0, integerLength(key[0]));
}

/** Indexes of `digits`, last first (APPSYNC_JS has no counting `for`). */
function lastFirst(digits: string[]): number[] {
  return digits.map((_digit, i) => digits.length - 1 - i);
}

/** The next integer part, or null after the largest one (`z` and 26 `z`s). */
function incrementInteger(integer: string): string | null {
  const head = integer[0];
  const digits = integer.slice(1).split('');
  let carry = true;
  for (const i of lastFirst(digits)) {
    if (!carry) break;
    const d = digitValue(digits[i]) + 1;
    if (d === BASE) {
      digits[i] = ZERO;
    } else {
      digits[i] = POSITION_DIGITS[d];
      carry = false;
    }
  }
  if (!carry) return head + digits.join('');
  if (head === 'Z') return 'a' + ZERO;
  if (head === 'z') return null;
  const nextHead = POSITION_DIGITS[digitValue(head) + 1];
  if (nextHead > 'a') digits.push(ZERO);
  else digits.pop();
  return nextHead + digits.join('');
}

/** The previous integer part, or null before the smallest one. */
function decrementInteger(integer: string): string | null {
  const head = integer[0];
  const digits = integer.slice(1).split('');
  let borrow = true;
  for (const i of lastFirst(digits)) {
    if (!borrow) break;
    const d = digitValue(digits[i]) - 1;
    if (d === -1) {
      digits[i] = LAST_DIGIT;
    } else {
      digits[i] = POSITION_DIGITS[d];
      borrow = false;
    }
  }
  if (!borrow) return head + digits.join('');
  if (head === 'a') return 'Z' + LAST_DIGIT;
  if (head === 'A') return null;
  const previousHead = POSITION_DIGITS[digitValue(head) - 1];
  if (previousHead < 'Z') digits.push(LAST_DIGIT);
  else digits.pop();
  return previousHead + digits.join('');
}

/**
 * A fraction strictly between fractions `lower` and `upper` (null: no upper bound), neither
 * ending in `0`, `lower < upper`. The reference implementation recurses; this loops instead.
 */
function midpoint(lower: string, upper: string | null): string {
  let a = lower;
  let b = upper;
  let prefix = '';
  if (b !== null) {
    // Drop the common prefix, reading `a` as padded with zeros (`b` cannot end inside it).
    let common = 0;
    let same = true;
    for (const ch of b.split('')) {
      if (!same) break;
      if ((a[common] || ZERO) === ch) common = common + 1;
      else same = false;
    }
    prefix = b.slice(0, common);
    a = a.slice(common);
    b = b.slice(common);
  }
  // Each round returns or moves one digit of `a` into the prefix (the last with `a` empty),
  // so `a.length + 2` rounds always reach a return.
  for (const _round of (a + '..').split('')) {
    const digitA = a.length > 0 ? digitValue(a[0]) : 0;
    const digitB = b !== null ? digitValue(b[0]) : BASE;
    if (digitB - digitA > 1) return prefix + POSITION_DIGITS[Math.round(0.5 * (digitA + digitB))];
    if (b !== null && b.length > 1) return prefix + b[0];
    // Consecutive first digits: keep `a`'s and find room after it, with no upper bound.
    prefix = prefix + POSITION_DIGITS[digitA];
    a = a.slice(1);
    b = null;
  }
  // Not reached; it is what the next round would return (`a` empty, no upper bound).
  return prefix + POSITION_DIGITS[Math.round(0.5 * BASE)];
}

/**
 * A position strictly between `before` (sorts before the result; null/undefined: the start)
 * and `after` (sorts after it; null/undefined: the end).
 *
 * Returns null instead of throwing (APPSYNC_JS has no throw) when either bound is not a
 * position, when `before >= after`, when the key space runs out at an end, or when the result
 * would be longer than MAX_POSITION_LENGTH. Deterministic: the same bounds give the same key.
 */
export function between(before?: string | null, after?: string | null): string | null {
  const a = before ?? null;
  const b = after ?? null;
  if (a !== null && !isPosition(a)) return null;
  if (b !== null && !isPosition(b)) return null;
  if (a !== null && b !== null && a >= b) return null;
  const result = unchecked(a, b);
  return result !== null && result.length <= MAX_POSITION_LENGTH ? result : null;
}

function unchecked(a: string | null, b: string | null): string | null {
  if (a === null && b === null) return 'a' + ZERO;
  if (a === null && b !== null) {
    const ib = integerPart(b);
    const fb = b.slice(ib.length);
    if (ib === SMALLEST_INTEGER) return ib + midpoint('', fb);
    if (ib < b) return ib;
    return decrementInteger(ib);
  }
  if (a !== null && b === null) {
    const ia = integerPart(a);
    const next = incrementInteger(ia);
    return next === null ? ia + midpoint(a.slice(ia.length), null) : next;
  }
  const lower = a as string;
  const upper = b as string;
  const ia = integerPart(lower);
  const ib = integerPart(upper);
  if (ia === ib) return ia + midpoint(lower.slice(ia.length), upper.slice(ib.length));
  const next = incrementInteger(ia);
  if (next === null) return null;
  if (next < upper) return next;
  return ia + midpoint(lower.slice(ia.length), null);
}
