import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateFontFaces } from '../../../scripts/fontFaces';
import { parseUnicodeRange } from '../../../src/unicodeRange';
import en from '../../../src/i18n/en.json';
import zhCN from '../../../src/i18n/zh-CN.json';

interface Face {
  family: string;
  url: string;
  ranges: [number, number][];
}

const faces = (css: string): Face[] =>
  css
    .split('@font-face')
    .slice(1)
    .map((block) => ({
      family: /font-family: '([^']+)'/.exec(block)![1]!,
      url: /url\(([^)]+)\)/.exec(block)![1]!,
      ranges: parseUnicodeRange(/unicode-range: ([^;]+);/.exec(block)![1]!),
    }));

const covers = (face: Face, ch: string) => face.ranges.some(([a, b]) => ch.codePointAt(0)! >= a && ch.codePointAt(0)! <= b);

describe('the Chinese font as the build serves it', async () => {
  const generated = await generateFontFaces(process.cwd());
  const list = faces(fs.readFileSync(generated.css, 'utf8'));
  const family = (name: string) => list.filter((f) => f.family === name);

  it('draws the language switch’s 简体中文 on an English page from the small Latin-UI files', () => {
    expect(JSON.stringify(en)).toContain('简体中文');
    for (const ch of '简体中文') expect(family('Noto Sans SC Latin UI').some((f) => covers(f, ch))).toBe(true);
  });

  it('has every character of the Chinese translations in a cut file, and no cut file lists a Latin letter', () => {
    const cut = [...family('Noto Sans SC Latin UI'), ...family('Noto Sans SC UI')];
    const chinese = [...JSON.stringify(zhCN)].filter((ch) => /\p{Script=Han}/u.test(ch));
    expect(chinese.length).toBeGreaterThan(100);
    expect(chinese.filter((ch) => !cut.some((f) => covers(f, ch)))).toEqual([]);
    expect(cut.filter((f) => covers(f, 'a') || covers(f, ' '))).toEqual([]);
    for (const f of cut) expect(fs.existsSync(new URL(f.url, `file://${generated.css}`))).toBe(true);
  });

  it('keeps the whole font for what people write, without the ranges Inter draws', () => {
    const whole = family('Noto Sans SC');
    expect(whole.length).toBeGreaterThan(90);
    expect(whole.some((f) => covers(f, '饕'))).toBe(true);
    expect(whole.filter((f) => covers(f, 'a') || covers(f, '“') || covers(f, 'é'))).toEqual([]);
  });
});
