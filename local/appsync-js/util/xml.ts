/**
 * `util.xml` of the APPSYNC_JS runtime.
 *
 * AppSync's output ("id":1 from <id>1</id>, repeated elements as arrays, no attribute prefix)
 * is org.json's `XML.toJSONObject` convention, so we follow it: attributes and child elements
 * are plain keys, text next to attributes or children is "content", an element holding only
 * text collapses to that text, an empty element is "", and text is typed with org.json's
 * `stringToValue` (booleans, null, numbers without leading zeros; CDATA stays a string).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { XmlUtils } from '@aws-appsync/utils/lib/xml-utils';

const TEXT_KEY = 'content';
const CDATA_KEY = '#cdata';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: TEXT_KEY,
  cdataPropName: CDATA_KEY,
  parseTagValue: false,
  parseAttributeValue: false,
  // We decode entities ourselves so CDATA is never decoded and unknown entities stay verbatim.
  processEntities: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g;

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (whole, name: string) => {
    if (name[0] === '#') {
      const cp = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return NAMED_ENTITIES[name] ?? whole;
  });
}

const DECIMAL = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^-?\d+$/;

/**
 * org.json `XML.stringToValue`. Integers beyond 2^53 stay strings: Java keeps them exact as
 * Long/BigInteger, a JS number would not.
 */
export function xmlStringToValue(s: string): unknown {
  if (s === '') return s;
  const lower = s.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  const c = s.charCodeAt(0);
  if (!((c >= 0x30 && c <= 0x39) || c === 0x2d)) return s;
  if (/[.eE]/.test(s) || s === '-0') {
    if (!DECIMAL.test(s)) return s;
    const n = Number(s);
    return Number.isFinite(n) ? n : s;
  }
  // Leading zeros ("007", "-01") are not numbers in org.json.
  if (!INTEGER.test(s) || /^-?0\d/.test(s)) return s;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : s;
}

function convertText(raw: string): unknown {
  return xmlStringToValue(decodeEntities(raw));
}

function convert(node: unknown): unknown {
  if (typeof node === 'string') return convertText(node);
  if (Array.isArray(node)) return node.map(convert);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  let cdata: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === CDATA_KEY) {
      cdata = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
    } else {
      out[key] = convert(value);
    }
  }
  if (cdata.length > 0) {
    const parts = TEXT_KEY in out ? [out[TEXT_KEY], ...cdata] : cdata;
    out[TEXT_KEY] = parts.length === 1 ? parts[0] : parts;
  }
  const keys = Object.keys(out);
  if (keys.length === 0) return '';
  if (keys.length === 1 && keys[0] === TEXT_KEY) return out[TEXT_KEY];
  return out;
}

/** null for null/undefined input or text that is not well-formed XML. */
function toMap(xml: string): Record<string, unknown> | null {
  if (typeof xml !== 'string') {
    if (xml === null || xml === undefined) return null;
    throw new Error('util.xml.toMap: xml must be a string');
  }
  if (XMLValidator.validate(xml) !== true) return null;
  const result = convert(parser.parse(xml));
  return result !== null && typeof result === 'object' && !Array.isArray(result) ? (result as Record<string, unknown>) : {};
}

export const xml: XmlUtils = {
  toMap,
  toJsonString(xmlText: string, stringEncode?: boolean) {
    const json = JSON.stringify(toMap(xmlText));
    // "string-encode": the JSON text itself as a JSON string literal.
    return stringEncode === true ? JSON.stringify(json) : json;
  },
};
