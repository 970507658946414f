import { describe, expect, it } from 'vitest';
import { parseUnicodeRange } from '../../../src/unicodeRange';

describe('unicode-range of the shipped faces', () => {
  it('reads single points, ranges and wildcards, however the browser spells them', () => {
    expect(parseUnicodeRange('U+1f1e9-1f1f5,U+20')).toEqual([
      [0x1f1e9, 0x1f1f5],
      [0x20, 0x20],
    ]);
    expect(parseUnicodeRange('U+0000-00FF, U+0131, u+4??')).toEqual([
      [0, 0xff],
      [0x131, 0x131],
      [0x400, 0x4ff],
    ]);
    // Two spellings of one face are one face.
    expect(parseUnicodeRange('U+0-FF')).toEqual(parseUnicodeRange('U+0000-00ff'));
  });
});
