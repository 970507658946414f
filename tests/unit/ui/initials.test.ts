import { describe, expect, it } from 'vitest';
import { initials } from '../../../src/ui/initials';
import { luminance, readableOn } from '../../../src/ui/readableOn';

describe('initials', () => {
  it('takes the first letter of the first two words', () => {
    expect(initials('Ana Lima')).toBe('AL');
    expect(initials('ana maria lima')).toBe('AM');
    expect(initials('  Bo  ')).toBe('B');
  });

  it('leaves out a bracketed note and punctuation', () => {
    expect(initials('Fay (facilitator)')).toBe('F');
    expect(initials('Fay Wong [host]')).toBe('FW');
    expect(initials('“Jo” - O’Brien')).toBe('JO');
    expect(initials('@dana, #2')).toBe('D2');
    expect(initials('李雷（主持人）')).toBe('李');
  });

  it('uses the bracket’s letters when the name is nothing else', () => {
    expect(initials('(facilitator)')).toBe('F');
  });

  it('shows a question mark when there is no letter at all', () => {
    expect(initials('')).toBe('?');
    expect(initials('(-) !!')).toBe('?');
    expect(initials('🙂')).toBe('?');
  });
});

describe('readableOn', () => {
  const contrast = (a: string, b: string) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x! + 0.05) / (y! + 0.05);
  };
  it('keeps initials at 4.5:1 or better on any person colour', () => {
    for (const bg of [
      '#e6194b',
      '#3cb44b',
      '#ffe119',
      '#4363d8',
      '#f58231',
      '#42d4f4',
      '#f032e6',
      '#bfef45',
      '#808080',
      '#000000',
      '#ffffff',
    ]) {
      expect(contrast(bg, readableOn(bg) === '#fff' ? '#ffffff' : '#000000')).toBeGreaterThanOrEqual(4.5);
    }
  });
  it('is white on dark and black on light', () => {
    expect(readableOn('#1d2b8f')).toBe('#fff');
    expect(readableOn('#ffe119')).toBe('#000');
  });
});
