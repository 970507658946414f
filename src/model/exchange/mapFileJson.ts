/**
 * JSON text of a map file to a value, with a syntax error reported where it
 * is (line and column). JSON.parse's messages differ between engines and
 * often carry no position (V8: `Unexpected token '}', "{"a":}" is not valid
 * JSON`), so on failure the text is scanned once more to find the spot.
 */
import { MAX_JSON_DEPTH, jsonNestingDepth, tooDeepMessage } from './jsonDepth';
import type { MapFileIssue } from './mapFileChecks';

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/**
 * Offset of the first character that makes `text` not JSON (text.length if
 * it ends too early), or -1 if it is JSON. Iterative: nesting depth cannot
 * overflow the stack.
 */
export function jsonErrorOffset(text: string): number {
  const n = text.length;
  let i = 0;
  const skipWhitespace = () => {
    while (i < n && WHITESPACE.has(text[i]!)) i++;
  };
  /** Reads the string starting at i; false (i at the culprit) if it is not one. */
  const readString = (): boolean => {
    i++; // the opening quote
    while (i < n) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return true;
      }
      if (c < ' ') return false; // raw control characters must be escaped
      if (c === '\\') {
        const e = text[i + 1];
        HEX4.lastIndex = i + 2;
        const valid = e === 'u' ? HEX4.test(text) : e !== undefined && ESCAPES.has(e);
        if (!valid) {
          i++; // the culprit is what follows the backslash
          return false;
        }
        i += e === 'u' ? 6 : 2;
      } else i++;
    }
    return false;
  };

  const stack: ('object' | 'array')[] = [];
  let expect: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    skipWhitespace();
    const top = stack[stack.length - 1];
    if (expect === 'after') {
      if (top === undefined) return i < n ? i : -1;
      const c = text[i];
      if (c === ',') {
        i++;
        expect = top === 'object' ? 'key' : 'value';
      } else if ((top === 'object' && c === '}') || (top === 'array' && c === ']')) {
        i++;
        stack.pop();
      } else return i;
      continue;
    }
    if (i >= n) return n;
    if (expect === 'key') {
      if (text[i] !== '"' || !readString()) return i;
      skipWhitespace();
      if (text[i] !== ':') return i;
      i++;
      expect = 'value';
      continue;
    }
    const c = text[i]!;
    if (c === '{' || c === '[') {
      stack.push(c === '{' ? 'object' : 'array');
      i++;
      skipWhitespace();
      if (text[i] === (c === '{' ? '}' : ']')) {
        i++;
        stack.pop();
        expect = 'after';
      } else expect = c === '{' ? 'key' : 'value';
      continue;
    }
    if (c === '"') {
      if (!readString()) return i;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) return i;
      i = NUMBER.lastIndex;
    } else {
      const literal = ['true', 'false', 'null'].find((l) => text.startsWith(l, i));
      if (!literal) return i;
      i += literal.length;
    }
    expect = 'after';
  }
}

/** Line and column (1-based) of an offset, as an editor shows them. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * JSON text to a value, or the one issue that stops it. Text nested deeper
 * than `maxDepth` is refused before JSON.parse builds anything (jsonDepth.ts).
 */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): { ok: true; value: unknown } | { ok: false; issue: MapFileIssue } {
  // Editors on Windows like to start UTF-8 files with a byte order mark; JSON.parse does not.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (jsonNestingDepth(body, maxDepth) > maxDepth) return { ok: false, issue: { path: '', message: tooDeepMessage(maxDepth) } };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    if (body.trim() === '') return { ok: false, issue: { path: '', message: 'not valid JSON: the file is empty' } };
    const offset = jsonErrorOffset(body);
    if (offset < 0)
      return { ok: false, issue: { path: '', message: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` } };
    const { line, column } = lineAndColumn(body, offset);
    const what =
      offset >= body.length ? 'the text ends too early' : `unexpected ${JSON.stringify(String.fromCodePoint(body.codePointAt(offset)!))}`;
    return { ok: false, issue: { path: '', message: `not valid JSON: ${what} at line ${line}, column ${column}` } };
  }
}
