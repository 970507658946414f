/**
 * The nesting scan that lets a reader refuse deeply nested JSON before
 * JSON.parse builds it: right about strings, escapes and limits, and linear.
 */
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, jsonNestingDepth, tooDeepMessage } from '../../../src/model/exchange/jsonDepth';

/** The depth JSON.parse's tree has, for comparison. */
function treeDepth(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(treeDepth));
}

describe('jsonNestingDepth', () => {
  it('counts arrays and objects, and nothing for a bare value', () => {
    expect(jsonNestingDepth('42')).toBe(0);
    expect(jsonNestingDepth('"text"')).toBe(0);
    expect(jsonNestingDepth('null')).toBe(0);
    expect(jsonNestingDepth('')).toBe(0);
    expect(jsonNestingDepth('[]')).toBe(1);
    expect(jsonNestingDepth('{}')).toBe(1);
    expect(jsonNestingDepth('{"a":[1,{"b":[]}],"c":{}}')).toBe(4);
    expect(jsonNestingDepth('[[]] [[[]]]')).toBe(3);
  });

  it('agrees with the parsed tree', () => {
    const samples = [
      { a: [1, 2, { b: { c: [[], [[]]] } }], d: 'x' },
      [[[[{}]]], [], [[[[[[]]]]]]],
      { comments: { threads: { t1: { id: 't1' } }, comments: { k1: { mentions: [{ id: 'a', name: 'A' }] } } } },
    ];
    for (const sample of samples) {
      const text = JSON.stringify(sample, null, 2);
      expect(jsonNestingDepth(text)).toBe(treeDepth(JSON.parse(text)));
    }
  });

  it('ignores brackets inside strings, keys included', () => {
    expect(jsonNestingDepth('["[[[[{{{{"]')).toBe(1);
    expect(jsonNestingDepth('{"[[[[":"]]]]"}')).toBe(1);
    expect(jsonNestingDepth('["]]]]", ["x"]]')).toBe(2);
    expect(jsonNestingDepth(JSON.stringify({ text: '{'.repeat(10_000) }))).toBe(1);
  });

  it('knows an escaped quote does not end a string, and an escaped backslash does not escape the quote', () => {
    // "a\"[[" is one string: the brackets are inside it.
    expect(jsonNestingDepth(String.raw`["a\"[[", 1]`)).toBe(1);
    // "a\\" ends after the escaped backslash: the [ that follows is structure.
    expect(jsonNestingDepth(String.raw`["a\\", [2]]`)).toBe(2);
    expect(jsonNestingDepth(String.raw`["a\\\"[", [2]]`)).toBe(2);
    expect(jsonNestingDepth(String.raw`["\\\\", [[3]]]`)).toBe(3);
    for (const text of ['\\', '\\"', '"\\', '\\\\"[', 'x"\\"[']) {
      const json = JSON.stringify([text, [[1]]]);
      expect(jsonNestingDepth(json)).toBe(3);
    }
  });

  it('stops as soon as the limit is passed, answering limit + 1', () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(jsonNestingDepth(deep(64), 64)).toBe(64);
    expect(jsonNestingDepth(deep(65), 64)).toBe(65);
    expect(jsonNestingDepth(deep(5_000_000), 64)).toBe(65);
    expect(jsonNestingDepth(deep(3), 0)).toBe(1);
    // Without a limit it reads to the end.
    expect(jsonNestingDepth(deep(100_000))).toBe(100_000);
  });

  it('gives text that is not JSON a number rather than throwing', () => {
    expect(jsonNestingDepth(']]]]')).toBe(0);
    expect(jsonNestingDepth(']][[')).toBe(2);
    expect(jsonNestingDepth('[[["unterminated [[[[')).toBe(3);
    expect(jsonNestingDepth('{"a":' + '['.repeat(100), 64)).toBe(65);
  });

  it('is linear: megabytes of strings, escapes and backslash runs take one pass', () => {
    const manyStrings = JSON.stringify(Array.from({ length: 200_000 }, (_, i) => `card ${i} [with] {brackets} and "quotes"`));
    expect(jsonNestingDepth(manyStrings, MAX_JSON_DEPTH)).toBe(1);
    const backslashes = JSON.stringify(['\\'.repeat(2_000_000) + '"', [1]]);
    expect(jsonNestingDepth(backslashes, MAX_JSON_DEPTH)).toBe(2);
    const quotes = JSON.stringify(['"'.repeat(1_000_000), [1]]);
    expect(jsonNestingDepth(quotes, MAX_JSON_DEPTH)).toBe(2);
  });

  it('words its limit for a report', () => {
    expect(tooDeepMessage(MAX_JSON_DEPTH)).toBe('nested deeper than 64 levels');
  });
});
