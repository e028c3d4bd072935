import { describe, expect, it } from 'vitest';
import { evaluateCode } from '../../../../local/index';
import { checkRestrictions, MAX_CODE_LENGTH } from '../../../../local/appsync-js/restrictions';

const wrap = (body: string) => `export function request(ctx) {\n  ${body}\n}\nexport function response(ctx) { return ctx.result; }`;

describe('APPSYNC_JS restrictions', () => {
  it.each([
    ['async functions', 'const f = async () => 1; return f;', /Async processes and promises are not supported/],
    ['await-free promises', 'return Promise.resolve(1);', /promises are not supported/],
    ['classes', 'class A {} return 1;', /Classes are not supported/],
    ['this', 'return this;', /this is not supported/],
    ['classic for', 'for (let i = 0; i < 3; i = i + 1) {} return 1;', /for loops are not supported/],
    ['while', 'while (false) {} return 1;', /While statements are not supported/],
    ['do-while', 'do {} while (false); return 1;', /Do-while statements are not supported/],
    ['try', 'try { return 1; } catch (e) { return 2; }', /try\/catch is not supported/],
    ['throw', "throw new Error('x');", /throw is not supported/],
    ['continue', 'for (const x of [1]) { continue; } return 1;', /continue is not supported/],
    ['labels', 'outer: for (const x of [1]) { break outer; } return 1;', /Labels are not supported/],
    ['generators', 'function* g() {} return 1;', /Generators are not supported/],
    ['regex literals', "return /a/.test('a');", /Regex literals are not supported/],
    ['++', 'let i = 0; i++; return i;', /The operator \+\+ is not supported/],
    ['--', 'let i = 0; i--; return i;', /The operator -- is not supported/],
    ['~', 'return ~1;', /The operator ~ is not supported/],
    ['in', "return 'a' in ctx;", /The in operator is not supported/],
    ['instanceof', 'return ctx instanceof Object;', /instanceof operator is not supported/],
    ['recursion', 'function f(n) { return n ? f(n - 1) : 0; } return f(2);', /Recursion is not supported/],
    ['Object.freeze', 'return Object.freeze({});', /Method Object.freeze is not implemented/],
    ['Array.from', 'return Array.from([1]);', /Method Array.from is not implemented/],
    ['String.fromCharCode', 'return String.fromCharCode(65);', /Method String.fromCharCode is not implemented/],
    ['padStart', "return 'a'.padStart(3);", /Method padStart is not implemented/],
    ['passing a function', 'const apply = (f) => f; return apply(() => 1);', /Passing functions as arguments is not supported/],
  ])('rejects %s with its line and column', (_name, body, message) => {
    const errors = checkRestrictions(wrap(body));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0].value).toMatch(message);
    expect(errors[0].location.line).toBe(2);
    expect(errors[0].location.column).toBeGreaterThanOrEqual(2);
  });

  it('accepts what the runtime supports', () => {
    expect(checkRestrictions(wrap('const xs = [1, 2].map((x) => x * 2).filter((x) => x > 0); const keys = Object.keys(ctx); const s = "a".length; for (const x of xs) { if (x > 2) break; } return { ...ctx.args, n: xs.length ?? 0 };'))).toEqual([]);
  });

  it('rejects imports other than @aws-appsync/utils', () => {
    expect(checkRestrictions(`import fs from 'node:fs';\n${wrap('return 1;')}`)[0].value).toMatch(/Only @aws-appsync\/utils modules can be imported/);
  });

  it('enforces the 32,768-character code size limit', () => {
    const errors = checkRestrictions(wrap(`return '${'x'.repeat(MAX_CODE_LENGTH)}';`));
    expect(errors).toEqual([expect.objectContaining({ errorType: 'CODE_SIZE_LIMIT' })]);
  });

  it('reports syntax errors with their position', () => {
    expect(checkRestrictions('export function request(ctx) {\n  return {;\n}')[0]).toMatchObject({ errorType: 'PARSER_ERROR', location: { line: 2 } });
  });

  it('surfaces violations through evaluateCode as the service does', async () => {
    const out = await evaluateCode({ runtime: { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' }, code: wrap('let i = 0; i++; return i;'), context: '{}', function: 'request' });
    expect(out.error?.message).toBe('The code contains one or more errors.');
    expect(out.error?.codeErrors?.[0]).toMatchObject({ errorType: 'UNSUPPORTED_FEATURE', location: { line: 2 } });
    expect(out.evaluationResult).toBeUndefined();
  });
});
