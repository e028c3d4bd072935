/**
 * Points runtime errors in resolver code at the source the bundle was built from. Bundles that
 * end in an inline source map (`//# sourceMappingURL=data:application/json;base64,…`, as esbuild
 * writes it) turn AppSync's `code.js:LINE:COL: TypeError: …` into
 * `resolvers/Query.board.ts:12:5: TypeError: … (code.js:LINE:COL)`. Code without a map is left
 * as AppSync reports it. Node's own source-map decoder does the mapping.
 */
import { SourceMap, type SourceMapPayload } from 'node:module';
import { CODE_FILENAME } from './sandbox';

const INLINE_MAP = /\/\/[#@] sourceMappingURL=data:application\/json(?:;charset=[\w-]+)?;base64,([A-Za-z0-9+/=]+)\s*$/;
const RUNTIME_POSITION = new RegExp(`^${CODE_FILENAME.replace('.', '\\.')}:(\\d+):(\\d+): `);
/** The script the sandbox runs starts with this on the code's first line (module-script.ts). */
const SCRIPT_PREFIX_LENGTH = '"use strict";'.length;

export interface SourcePosition { source: string; line: number; column: number }

export class CodeSourceMap {
  private decoded: SourceMap | null | undefined;

  private constructor(private readonly base64: string) {}

  /** The code's inline source map, or undefined when it has none. Decoded on first use. */
  static of(code: string): CodeSourceMap | undefined {
    const match = INLINE_MAP.exec(code.slice(-Math.min(code.length, 1 << 20)));
    return match ? new CodeSourceMap(match[1]) : undefined;
  }

  /** 1-based line and column in the bundle → 1-based position in its source; undefined when the map has no entry. */
  originalPosition(line: number, column: number): SourcePosition | undefined {
    const map = this.map();
    if (!map) return undefined;
    const entry = map.findEntry(line - 1, Math.max(0, column - 1)) as Partial<{ originalSource: string; originalLine: number; originalColumn: number }>;
    if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return undefined;
    return { source: entry.originalSource, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  }

  private map(): SourceMap | null {
    if (this.decoded === undefined) {
      try {
        this.decoded = new SourceMap(JSON.parse(Buffer.from(this.base64, 'base64').toString('utf8')) as SourceMapPayload);
      } catch {
        // A malformed map must not turn a resolver error into a runtime failure.
        this.decoded = null;
      }
    }
    return this.decoded;
  }
}

/**
 * `code.js:LINE:COL: Name: message` (a runtime error in the sandbox) → the same message at the
 * source position, with the bundle's position kept at the end. Anything else is returned as is.
 */
export function mapRuntimeErrorMessage(message: string, map: CodeSourceMap | undefined): string {
  if (!map) return message;
  const match = RUNTIME_POSITION.exec(message);
  if (!match) return message;
  const line = Number(match[1]);
  // Columns of the first line are shifted by the sandbox's "use strict" prefix.
  const column = line === 1 ? Math.max(1, Number(match[2]) - SCRIPT_PREFIX_LENGTH) : Number(match[2]);
  const original = map.originalPosition(line, column);
  if (!original) return message;
  return `${original.source}:${original.line}:${original.column}: ${message.slice(match[0].length)} (${CODE_FILENAME}:${line}:${match[2]})`;
}

/** A compile-time finding at a 1-based bundle line and 0-based column (acorn's), as `source:line:col`, or undefined. */
export function sourceLocation(map: CodeSourceMap | undefined, line: number, column: number): string | undefined {
  const original = map?.originalPosition(line, column + 1);
  return original ? `${original.source}:${original.line}:${original.column}` : undefined;
}
