/**
 * Translates a `java.util.regex.Pattern` (what AppSync, running on the JVM, uses for
 * `util.matches`) into an equivalent JavaScript RegExp source and flags, keeping Java's meaning of
 * `\s`, `.`, `$`, POSIX and Unicode classes. Constructs JS cannot express throw a clear error.
 */

/** Java `\s` is ASCII only (JS `\s` also matches Unicode spaces). */
const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';
const JAVA_HSPACE = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';
const JAVA_VSPACE = '\\n\\x0B\\f\\r\\x85\\u2028\\u2029';
const LINE_TERMINATORS = '\\n\\r\\u0085\\u2028\\u2029';

const POSIX_CLASSES: Record<string, string> = {
  lower: 'a-z',
  upper: 'A-Z',
  ascii: '\\x00-\\x7F',
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  punct: '\\x21-\\x2F\\x3A-\\x40\\x5B-\\x60\\x7B-\\x7E',
  graph: '\\x21-\\x7E',
  print: '\\x20-\\x7E',
  blank: ' \\t',
  cntrl: '\\x00-\\x1F\\x7F',
  xdigit: '0-9a-fA-F',
  space: JAVA_SPACE,
};

/** Java binary properties / java.lang.Character classes with a direct JS Unicode equivalent. */
const BINARY_PROPERTIES: Record<string, string> = {
  alphabetic: 'Alphabetic',
  ideographic: 'Ideographic',
  letter: 'L',
  lowercase: 'Lowercase',
  uppercase: 'Uppercase',
  titlecase: 'Lt',
  punctuation: 'P',
  control: 'Cc',
  white_space: 'White_Space',
  whitespace: 'White_Space',
  digit: 'Nd',
  hex_digit: 'Hex_Digit',
  hexdigit: 'Hex_Digit',
  join_control: 'Join_Control',
  noncharacter_code_point: 'Noncharacter_Code_Point',
  emoji: 'Emoji',
  javalowercase: 'Lowercase',
  javauppercase: 'Uppercase',
  javaletter: 'L',
  javadigit: 'Nd',
  javaalphabetic: 'Alphabetic',
  javaideographic: 'Ideographic',
  javatitlecase: 'Lt',
};

const GENERAL_CATEGORIES = new Set(
  'L Lu Ll Lt Lm Lo LC M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Cs Co Cn'.split(' '),
);

type PropertyTranslation =
  | { kind: 'unicode'; name: string; negated: boolean }
  | { kind: 'set'; content: string; negated: boolean };

class JavaRegexTranslator {
  private pos = 0;
  private flags = { i: false, m: false, s: false, x: false, d: false };
  private readonly groupCount: number;

  constructor(private readonly p: string) {
    this.groupCount = countCapturingGroups(p);
  }

  private fail(message: string): never {
    throw new Error(`util.matches: ${message} in pattern '${this.p}'`);
  }

  translate(): { source: string; flags: string } {
    this.leadingFlags();
    let out = '';
    const p = this.p;
    while (this.pos < p.length) {
      const c = p[this.pos];
      if (this.flags.x && this.skipComment()) continue;
      switch (c) {
        case '\\':
          out += this.escape(false);
          break;
        case '[':
          out += this.charClass();
          break;
        case '(':
          out += this.groupOpen();
          break;
        case '.':
          this.pos++;
          out += this.flags.s ? '[\\s\\S]' : this.flags.d ? '[^\\n]' : `[^${LINE_TERMINATORS}]`;
          break;
        case '$':
          this.pos++;
          // Java's non-multiline '$' also matches before a final line terminator.
          out += this.flags.m ? '$' : this.flags.d ? '(?=\\n?$)' : `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?$)`;
          break;
        case '*':
        case '+':
        case '?':
          this.pos++;
          out += c + this.quantifierSuffix();
          break;
        case '{': {
          const m = /^\{\d+(?:,\d*)?\}/.exec(p.slice(this.pos));
          if (!m) this.fail('illegal repetition');
          this.pos += m[0].length;
          out += m[0] + this.quantifierSuffix();
          break;
        }
        case ')':
        case '|':
        case '^':
          this.pos++;
          out += c;
          break;
        case '}':
        case ']':
          // Literals in Java; syntax errors in JS 'u' mode unless escaped.
          this.pos++;
          out += `\\${c}`;
          break;
        default: {
          const cp = p.codePointAt(this.pos)!;
          this.pos += cp > 0xffff ? 2 : 1;
          out += literal(cp, false);
        }
      }
    }
    let flags = 'u';
    if (this.flags.i) flags += 'i';
    if (this.flags.m) flags += 'm';
    return { source: out, flags };
  }

  /** Inline flags are supported only at the very start, where they apply to the whole pattern. */
  private leadingFlags(): void {
    for (;;) {
      const m = /^\(\?([idmsuxU]*)(?:-([idmsuxU]*))?\)/.exec(this.p.slice(this.pos));
      if (!m) return;
      for (const f of m[1]) this.setFlag(f, true);
      for (const f of m[2] ?? '') this.setFlag(f, false);
      this.pos += m[0].length;
    }
  }

  private setFlag(f: string, on: boolean): void {
    if (f === 'i' || f === 'm' || f === 's' || f === 'x' || f === 'd') this.flags[f] = on;
    // 'u' and 'U' (Unicode case / classes) have no effect here: JS 'u' mode is always on.
  }

  /** In (?x) mode, whitespace and #-comments are ignored. Returns true if it consumed any. */
  private skipComment(): boolean {
    const c = this.p[this.pos];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\x0B') {
      this.pos++;
      return true;
    }
    if (c === '#') {
      while (this.pos < this.p.length && this.p[this.pos] !== '\n') this.pos++;
      return true;
    }
    return false;
  }

  private quantifierSuffix(): string {
    const next = this.p[this.pos];
    if (next === '?') {
      this.pos++;
      return '?';
    }
    if (next === '+') this.fail('possessive quantifiers are not supported');
    return '';
  }

  private groupOpen(): string {
    const rest = this.p.slice(this.pos);
    const m = /^\((?:\?(?::|=|!|<=|<!|<[a-zA-Z][a-zA-Z0-9]*>))?/.exec(rest)!;
    if (m[0] === '(' && rest[1] === '?') {
      if (rest[2] === '>') this.fail('atomic groups are not supported');
      this.fail('inline flags are supported only at the start of the pattern');
    }
    this.pos += m[0].length;
    return m[0];
  }

  private charClass(): string {
    const p = this.p;
    this.pos++; // '['
    let out = '[';
    if (p[this.pos] === '^') {
      out += '^';
      this.pos++;
    }
    // A ']' right after the opening bracket is a literal in Java.
    if (p[this.pos] === ']') {
      out += '\\]';
      this.pos++;
    }
    while (this.pos < p.length) {
      const c = p[this.pos];
      if (this.flags.x && this.skipComment()) continue;
      if (c === ']') {
        this.pos++;
        return out + ']';
      }
      if (c === '[') this.fail('nested character classes (union) are not supported');
      if (c === '&' && p[this.pos + 1] === '&') this.fail('character class intersection (&&) is not supported');
      if (c === '\\') {
        out += this.escape(true);
      } else if (c === '-') {
        out += '-';
        this.pos++;
      } else {
        const cp = p.codePointAt(this.pos)!;
        this.pos += cp > 0xffff ? 2 : 1;
        out += literal(cp, true);
      }
    }
    return this.fail('unclosed character class');
  }

  /** Translates the escape at `pos` (a backslash). */
  private escape(inClass: boolean): string {
    const p = this.p;
    const c = p[this.pos + 1];
    if (c === undefined) this.fail('trailing backslash');
    this.pos += 2;
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 't':
      case 'n':
      case 'r':
      case 'f':
        return `\\${c}`;
      case 'b':
      case 'B':
        if (inClass) this.fail('\\b is not allowed in a character class');
        return `\\${c}`;
      case 'a':
        return '\\x07';
      case 'e':
        return '\\x1B';
      case 's':
        return inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
      case 'S':
        return inClass ? this.fail('\\S inside a character class is not supported') : `[^${JAVA_SPACE}]`;
      case 'h':
        return inClass ? JAVA_HSPACE : `[${JAVA_HSPACE}]`;
      case 'H':
        return inClass ? this.fail('\\H inside a character class is not supported') : `[^${JAVA_HSPACE}]`;
      case 'v':
        return inClass ? JAVA_VSPACE : `[${JAVA_VSPACE}]`;
      case 'V':
        return inClass ? this.fail('\\V inside a character class is not supported') : `[^${JAVA_VSPACE}]`;
      case 'R':
        if (inClass) this.fail('\\R is not allowed in a character class');
        return `(?:\\r\\n|[${JAVA_VSPACE}])`;
      case 'A':
        return '(?<![\\s\\S])';
      case 'z':
        return '(?![\\s\\S])';
      case 'Z':
        return `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?(?![\\s\\S]))`;
      case 'x': {
        const m = /^(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{2}))/.exec(p.slice(this.pos));
        if (!m) this.fail('illegal hexadecimal escape');
        this.pos += m[0].length;
        const cp = parseInt(m[1] ?? m[2], 16);
        if (cp > 0x10ffff) this.fail('hexadecimal code point out of range');
        return literal(cp, inClass);
      }
      case 'u': {
        const m = /^[0-9a-fA-F]{4}/.exec(p.slice(this.pos));
        if (!m) this.fail('illegal Unicode escape');
        this.pos += 4;
        // \uXXXX escapes are emitted as-is: JS 'u' mode pairs adjacent surrogate escapes too.
        return `\\u${m[0]}`;
      }
      case '0': {
        const m = /^(?:[0-3][0-7]{2}|[0-7]{1,2})/.exec(p.slice(this.pos));
        if (!m) this.fail('illegal octal escape');
        this.pos += m[0].length;
        return literal(parseInt(m[0], 8), inClass);
      }
      case 'c': {
        const next = p.codePointAt(this.pos);
        if (next === undefined) this.fail('illegal control escape');
        this.pos += next > 0xffff ? 2 : 1;
        return literal(next ^ 64, inClass);
      }
      case 'Q': {
        const end = p.indexOf('\\E', this.pos);
        const quoted = p.slice(this.pos, end < 0 ? p.length : end);
        this.pos = end < 0 ? p.length : end + 2;
        let out = '';
        for (const ch of quoted) out += literal(ch.codePointAt(0)!, inClass);
        return out;
      }
      case 'E':
        return ''; // a stray \E is ignored
      case 'k': {
        const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(p.slice(this.pos));
        if (!m || inClass) this.fail('illegal named back-reference');
        this.pos += m[0].length;
        return `\\k${m[0]}`;
      }
      case 'p':
      case 'P':
        return this.property(c === 'P', inClass);
      case 'G':
      case 'X':
      case 'N':
        return this.fail(`\\${c} is not supported`);
      default:
        break;
    }
    if (c >= '1' && c <= '9') {
      if (inClass) this.fail('back-references are not allowed in a character class');
      // Java extends the group number digit by digit while such a group exists.
      let ref = c.charCodeAt(0) - 48;
      while (this.pos < p.length && p[this.pos] >= '0' && p[this.pos] <= '9') {
        const next = ref * 10 + (p.charCodeAt(this.pos) - 48);
        if (next > this.groupCount) break;
        ref = next;
        this.pos++;
      }
      return `(?:\\${ref})`;
    }
    if (/[a-zA-Z]/.test(c)) this.fail(`illegal/unsupported escape sequence \\${c}`);
    // Any other escaped character is itself.
    this.pos -= 1;
    const cp = p.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return literal(cp, inClass);
  }

  private property(negatedEscape: boolean, inClass: boolean): string {
    const p = this.p;
    let name: string;
    if (p[this.pos] === '{') {
      const end = p.indexOf('}', this.pos);
      if (end < 0) this.fail('unclosed character family');
      name = p.slice(this.pos + 1, end);
      this.pos = end + 1;
    } else {
      name = p[this.pos] ?? '';
      this.pos++;
    }
    const t = translateProperty(name);
    if (t === null) this.fail(`unknown or unsupported character property \\p{${name}}`);
    const negated = negatedEscape !== t.negated;
    if (t.kind === 'unicode') return `\\${negated ? 'P' : 'p'}{${t.name}}`;
    if (!inClass) return `[${negated ? '^' : ''}${t.content}]`;
    if (negated) this.fail(`negated \\p{${name}} inside a character class is not supported`);
    return t.content;
  }
}

function translateProperty(rawName: string): PropertyTranslation | null {
  let name = rawName;
  const eq = name.indexOf('=');
  if (eq >= 0) {
    const key = name.slice(0, eq).toLowerCase();
    const val = name.slice(eq + 1);
    if (key === 'gc' || key === 'general_category') {
      return GENERAL_CATEGORIES.has(val) ? { kind: 'unicode', name: val, negated: false } : null;
    }
    if (key === 'sc' || key === 'script') return scriptProperty(val);
    return null; // blocks (blk=) and others
  }
  if (GENERAL_CATEGORIES.has(name)) return { kind: 'unicode', name, negated: false };
  const posix = POSIX_CLASSES[name.toLowerCase()];
  if (posix !== undefined && /^[A-Z]/.test(name)) return { kind: 'set', content: posix, negated: false };
  if (name.startsWith('In')) return null; // Unicode blocks: no JS equivalent
  if (name.startsWith('Is')) {
    name = name.slice(2);
    if (GENERAL_CATEGORIES.has(name)) return { kind: 'unicode', name, negated: false };
  }
  const lower = name.toLowerCase();
  if (lower === 'assigned') return { kind: 'unicode', name: 'Cn', negated: true };
  const binary = BINARY_PROPERTIES[lower];
  if (binary !== undefined) return { kind: 'unicode', name: binary, negated: false };
  if (rawName.startsWith('Is')) return scriptProperty(name);
  return null;
}

function scriptProperty(raw: string): PropertyTranslation | null {
  // Java script names are case-insensitive; JS wants the canonical Title_Case form.
  const name = raw
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('_');
  try {
    new RegExp(`\\p{Script=${name}}`, 'u');
  } catch {
    return null;
  }
  return { kind: 'unicode', name: `Script=${name}`, negated: false };
}

const JS_SYNTAX_CHARS = new Set('\\^$.*+?()[]{}|/');

/** A code point as JS 'u'-mode regex source, escaped where it would be syntax. */
function literal(cp: number, inClass: boolean): string {
  const ch = String.fromCodePoint(cp);
  if (JS_SYNTAX_CHARS.has(ch) || (inClass && ch === '-')) return `\\${ch}`;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029 || (cp >= 0xd800 && cp <= 0xdfff)) {
    return `\\u{${cp.toString(16)}}`;
  }
  return ch;
}

/** Capturing groups in a Java pattern, so multi-digit back-references resolve as Java does. */
function countCapturingGroups(p: string): number {
  let count = 0;
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      if (p[i + 1] === 'Q') {
        const end = p.indexOf('\\E', i + 2);
        i = end < 0 ? p.length : end + 1;
      } else {
        i++;
      }
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      if (p[i + 1] === '^') i++;
      if (p[i + 1] === ']') i++;
    } else if (c === '(') {
      if (p[i + 1] !== '?' || /^<[a-zA-Z]/.test(p.slice(i + 2, i + 4))) count++;
    }
  }
  return count;
}

/** Translates a `java.util.regex.Pattern` source to an equivalent JS 'u'-mode source and flags. */
export function javaRegexToJs(pattern: string): { source: string; flags: string } {
  return new JavaRegexTranslator(pattern).translate();
}
