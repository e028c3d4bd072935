import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DocumentCache } from '../../../../local/execution/document-cache';

const schema = buildSchema('type Query { a: Int b: Int }');

describe('DocumentCache', () => {
  it('parses and validates a query once, then serves the same document', () => {
    const cache = new DocumentCache(schema);
    const first = cache.get('{ a }');
    expect(first.ok).toBe(true);
    expect(cache.get('{ a }')).toBe(first);
  });

  it('caches syntax and validation failures too', () => {
    const cache = new DocumentCache(schema);
    const syntax = cache.get('{ a ');
    expect(syntax).toMatchObject({ ok: false, syntaxError: expect.any(Error) });
    const invalid = cache.get('{ c }');
    expect(invalid.ok).toBe(false);
    expect(invalid.ok ? [] : invalid.validationErrors?.map((e) => e.message)).toEqual([expect.stringContaining('Cannot query field "c" on type "Query".')]);
    expect(cache.get('{ c }')).toBe(invalid);
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const cache = new DocumentCache(schema, 2);
    const a = cache.get('{ a }');
    cache.get('{ b }');
    expect(cache.get('{ a }')).toBe(a); // a is now the most recent
    cache.get('{ a b }'); // evicts { b }
    expect(cache.get('{ a }')).toBe(a);
    const b1 = cache.get('{ b }');
    expect(cache.get('{ b }')).toBe(b1);
  });
});
