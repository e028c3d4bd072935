/** `util.math` of the APPSYNC_JS runtime (Java double/int semantics where JS differs). */
import { randomInt } from 'node:crypto';
import type { MathUtils } from '@aws-appsync/utils/lib/math-utils';

function requireNumber(fn: string, value: unknown): number {
  if (typeof value !== 'number') throw new Error(`util.math.${fn}: expected a number but got ${value === null ? 'null' : typeof value}`);
  return value;
}

export const math: MathUtils = {
  // Java Math.round: half up (towards +infinity), like JS; -0 normalised because Java returns an integer.
  roundNum: (input) => Math.round(requireNumber('roundNum', input)) + 0,
  minVal: (input1, input2) => Math.min(requireNumber('minVal', input1), requireNumber('minVal', input2)),
  maxVal: (input1, input2) => Math.max(requireNumber('maxVal', input1), requireNumber('maxVal', input2)),
  randomDouble: () => Math.random(),
  /** An integer in [start, end], both ends inclusive; arguments are truncated like Java ints. */
  randomWithinRange: (start, end) => {
    const lo = Math.trunc(requireNumber('randomWithinRange', start));
    const hi = Math.trunc(requireNumber('randomWithinRange', end));
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) {
      throw new Error('util.math.randomWithinRange: bounds must be finite integers');
    }
    if (lo > hi) throw new Error(`util.math.randomWithinRange: start (${lo}) must not be greater than end (${hi})`);
    // crypto.randomInt is exclusive of its max and limited to a range below 2^48.
    if (hi - lo + 1 > 2 ** 48 - 1) return lo + Math.floor(Math.random() * (hi - lo + 1));
    return randomInt(lo, hi + 1);
  },
};
