import { describe, expect, it } from 'vitest';
import { insertMention } from '../../../src/panels/comments/insertMention';

describe('insertMention', () => {
  it('puts the name and one space, with the caret after it, at the end of the text', () => {
    expect(insertMention('Ask @an', 4, 7, 'Ana Lima')).toEqual({ text: 'Ask @Ana Lima ', caret: 14 });
  });

  it('adds no second space when the text after the caret already starts with one', () => {
    const picked = insertMention('Ask @an please', 4, 7, 'Ana');
    expect(picked).toEqual({ text: 'Ask @Ana please', caret: 9 });
    expect(picked.text).not.toContain('  ');
  });

  it('separates the name from a word right after the caret', () => {
    expect(insertMention('@anplease', 0, 3, 'Ana')).toEqual({ text: '@Ana please', caret: 5 });
  });

  it('works after Chinese text, which has no space before the @', () => {
    expect(insertMention('请@王', 1, 3, '王芳')).toEqual({ text: '请@王芳 ', caret: 5 });
  });
});
