import { describe, expect, it } from 'vitest';
import { xml, xmlStringToValue } from '../../../../local/appsync-js/util/xml';

// Casts for calls the typings forbid but resolver code can still make at runtime.
type Loose = (...args: unknown[]) => unknown;
const loose = (f: unknown) => f as Loose;

// AWS examples (lib/xml-utils.d.ts and the util.xml docs page).
const ONE_POST = `<?xml version="1.0" encoding="UTF-8"?>
<posts>
<post>
  <id>1</id>
  <title>Getting started with GraphQL</title>
</post>
</posts>`;
const TWO_POSTS = `<?xml version="1.0" encoding="UTF-8"?>
<posts>
<post>
  <id>1</id>
  <title>Getting started with GraphQL</title>
</post>
<post>
  <id>2</id>
  <title>Getting started with AppSync</title>
</post>
</posts>`;

describe('util.xml.toMap (AWS examples)', () => {
  it('converts a single element', () => {
    expect(xml.toMap(ONE_POST)).toEqual({ posts: { post: { id: 1, title: 'Getting started with GraphQL' } } });
  });

  it('turns repeated elements into an array', () => {
    expect(xml.toMap(TWO_POSTS)).toEqual({
      posts: {
        post: [
          { id: 1, title: 'Getting started with GraphQL' },
          { id: 2, title: 'Getting started with AppSync' },
        ],
      },
    });
  });
});

describe('util.xml.toMap (org.json conventions)', () => {
  it.each([
    ['attributes become plain keys', '<a x="1" y="text"/>', { a: { x: 1, y: 'text' } }],
    ['text beside attributes is "content"', '<a lang="en">hi</a>', { a: { lang: 'en', content: 'hi' } }],
    ['text beside children is "content"', '<a>hello<b>1</b></a>', { a: { b: 1, content: 'hello' } }],
    ['an empty element is ""', '<a><b/><c></c></a>', { a: { b: '', c: '' } }],
    ['repeated elements keep their order among siblings', '<a><b>1</b><c>2</c><b>3</b></a>', { a: { b: [1, 3], c: 2 } }],
    ['text is trimmed', '<a>  spaced  out \n</a>', { a: 'spaced  out' }],
    ['entities are decoded', '<a t="&quot;q&quot;">&amp;&lt;&gt;&apos;&#65;&#x42;</a>', { a: { t: '"q"', content: "&<>'AB" } }],
    ['unknown entities stay verbatim', '<a>&nbsp;x</a>', { a: '&nbsp;x' }],
    ['CDATA is kept as a raw string', '<a><![CDATA[<b>&amp;007</b>]]></a>', { a: '<b>&amp;007</b>' }],
    ['CDATA digits are not typed', '<a><![CDATA[42]]></a>', { a: '42' }],
    ['comments are dropped', '<a><!-- note --><b>1</b></a>', { a: { b: 1 } }],
    ['namespace prefixes stay in names', '<ns:a xmlns:ns="urn:x"><ns:b>1</ns:b></ns:a>', { 'ns:a': { 'xmlns:ns': 'urn:x', 'ns:b': 1 } }],
    ['unicode text passes through', '<a>héllo 😀</a>', { a: 'héllo 😀' }],
    ['a DOCTYPE is ignored', '<!DOCTYPE a><a>1</a>', { a: 1 }],
  ])('%s', (_label, input, expected) => {
    expect(xml.toMap(input)).toEqual(expected);
  });

  it.each([
    ['1', 1],
    ['-12', -12],
    ['0', 0],
    ['1.50', 1.5],
    ['-0.5', -0.5],
    ['1e3', 1000],
    ['true', true],
    ['FALSE', false],
    ['null', null],
    ['007', '007'], // leading zeros are not numbers
    ['-01', '-01'],
    ['12345678901234567890', '12345678901234567890'], // beyond 2^53: kept exact as a string
    ['9007199254740991', 9007199254740991],
    ['.5', '.5'], // must start with a digit or '-'
    ['1.2.3', '1.2.3'],
    ['0x1F', '0x1F'],
    ['-', '-'],
    ['Infinity', 'Infinity'],
    ['NaN', 'NaN'],
    ['', ''],
    ['hello', 'hello'],
  ])('types the text %j as %j', (text, expected) => {
    expect(xmlStringToValue(text)).toEqual(expected);
    expect(xml.toMap(`<v>${text}</v>`)).toEqual({ v: expected === '' ? '' : expected });
  });
});

describe('util.xml.toMap (invalid input)', () => {
  it.each([[null], [undefined]])('returns null for %j', (input) => {
    expect(loose(xml.toMap)(input)).toBeNull();
  });

  it.each([[''], ['   '], ['not xml'], ['<a><b></a>'], ['<a>'], ['<a b=1/>'], ['<a>1</a><b>2</b>']])(
    'returns null for malformed XML %j',
    (input) => {
      expect(xml.toMap(input)).toBeNull();
    },
  );

  it('rejects a non-string argument', () => {
    expect(() => loose(xml.toMap)(42)).toThrow(/xml must be a string/);
  });
});

describe('util.xml.toJsonString', () => {
  it('returns compact JSON of toMap (AWS example)', () => {
    expect(xml.toJsonString(ONE_POST)).toBe('{"posts":{"post":{"id":1,"title":"Getting started with GraphQL"}}}');
  });

  it('string-encodes the JSON when asked', () => {
    const encoded = xml.toJsonString('<a x="1">hi</a>', true);
    expect(encoded).toBe('"{\\"a\\":{\\"content\\":\\"hi\\",\\"x\\":1}}"');
    expect(JSON.parse(JSON.parse(encoded) as string)).toEqual({ a: { content: 'hi', x: 1 } });
  });

  it('does not encode when stringEncode is false', () => {
    expect(xml.toJsonString('<a>1</a>', false)).toBe('{"a":1}');
  });

  it.each([[''], ['<a>']])('returns "null" for malformed XML %j', (input) => {
    expect(xml.toJsonString(input)).toBe('null');
  });
});
