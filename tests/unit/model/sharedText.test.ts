/**
 * A card's text as shared text (schema v3): every write is the smallest
 * splice, so two people typing into one card at once both keep their words.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  collection,
  createUndo,
  InvalidWriteError,
  readEntity,
  TEXT_LIMITS,
  updateCard,
  updateCardText,
} from '../../../src/model';
import { applySplices, diffText, rebaseSplice, splicesFor } from '../../../src/model/sharedText';
import { firstCell, mapDoc, prng, sync, twoReplicas } from '../../fixtures/model';

const textOf = (doc: Y.Doc, id: string) => readEntity(doc, 'cards', id)?.text;
const yText = (doc: Y.Doc, id: string) => collection(doc, 'cards').get(id)!.get('text') as Y.Text;

/** The Y.Text operations one write produced (insert/delete counts), seen by an observer. */
function deltaOf(doc: Y.Doc, id: string, write: () => void) {
  let delta: unknown = null;
  const text = yText(doc, id);
  const observer = (e: Y.YTextEvent) => (delta = e.delta);
  text.observe(observer);
  write();
  text.unobserve(observer);
  return delta;
}

describe('diffText', () => {
  it('keeps the common prefix and suffix', () => {
    expect(diffText('hello world', 'hello brave world')).toEqual({ index: 6, remove: 0, insert: 'brave ' });
    expect(diffText('hello world', 'hello')).toEqual({ index: 5, remove: 6, insert: '' });
    expect(diffText('abc', 'abc')).toEqual({ index: 3, remove: 0, insert: '' });
    expect(diffText('', '你好')).toEqual({ index: 0, remove: 0, insert: '你好' });
    expect(diffText('cat', 'cut')).toEqual({ index: 1, remove: 1, insert: 'u' });
  });

  it('never splits a surrogate pair', () => {
    // 😀 is \ud83d\ude00 and 😃 is \ud83d\ude03: they share the high half.
    expect(diffText('a😀b', 'a😃b')).toEqual({ index: 1, remove: 2, insert: '😃' });
    // 😀 and 🙀 (\ud83d\ude40) share nothing past "a", but the low halves must not be matched as a suffix either.
    expect(diffText('x\ud83d\ude00', 'x\ud83c\ude00')).toEqual({ index: 1, remove: 2, insert: '\ud83c\ude00' });
  });

  it('turns any text into any other (random strings)', () => {
    const rand = prng(7);
    const alphabet = ['a', 'b', ' ', '你', '😀'];
    const word = () => Array.from({ length: Math.floor(rand() * 8) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    for (let i = 0; i < 500; i++) {
      const from = word();
      const to = word();
      expect(applySplices(from, [diffText(from, to)])).toBe(to);
    }
  });
});

describe('rebaseSplice: my change from a base, moved onto what others wrote since', () => {
  const cases: [string, string, string, string][] = [
    // base, mine, theirs, expected
    ['hello world', 'hello brave world', 'hello world!', 'hello brave world!'],
    ['hello world', 'hello world!', 'oh hello world', 'oh hello world!'],
    ['hello world', 'hello there', 'hello big world', 'hello big there'],
    ['abcdef', 'af', 'abXcdef', 'aXf'],
    ['', 'mine', 'theirs', 'minetheirs'],
  ];
  it.each(cases)('%j: mine %j, theirs %j', (base, mine, theirs, expected) => {
    expect(applySplices(theirs, splicesFor(theirs, mine, base))).toBe(expected);
  });

  it('keeps every character the other side inserted', () => {
    const rand = prng(11);
    const word = (n: number) => Array.from({ length: n }, () => 'abcxyz'[Math.floor(rand() * 6)]).join('');
    for (let i = 0; i < 300; i++) {
      const base = word(6);
      const theirs = diffText(base, base.slice(0, 2) + 'THEIRS' + base.slice(3));
      const mine = diffText(base, base.slice(0, Math.floor(rand() * 6)) + 'MINE' + base.slice(Math.floor(rand() * 6)));
      const current = applySplices(base, [theirs]);
      const result = applySplices(current, rebaseSplice(mine, theirs));
      expect(result).toContain('THEIRS');
      expect(result).toContain('MINE');
    }
  });
});

describe('a card text written as a splice', () => {
  it('a whole-text write from a field inserts only the changed span', () => {
    const doc = mapDoc();
    const id = addCard(doc, { ...firstCell(doc), text: 'Book a table' });
    expect(yText(doc, id)).toBeInstanceOf(Y.Text);
    expect(deltaOf(doc, id, () => updateCardText(doc, id, 'Book a quiet table'))).toEqual([{ retain: 7 }, { insert: 'quiet ' }]);
    expect(deltaOf(doc, id, () => updateCardText(doc, id, 'Book a table'))).toEqual([{ retain: 7 }, { delete: 6 }]);
    expect(textOf(doc, id)).toBe('Book a table');
  });

  it('two replicas typing into one card at once keep both words', () => {
    const [a, b] = twoReplicas();
    const id = addCard(a, { ...firstCell(a), text: 'Pay at the till' });
    sync(a, b);
    updateCardText(a, id, 'Pay quickly at the till');
    updateCardText(b, id, 'Pay at the till by card');
    sync(a, b);
    expect(textOf(a, id)).toBe('Pay quickly at the till by card');
    expect(textOf(b, id)).toBe(textOf(a, id));
  });

  it('a write from a base someone typed after keeps their typing (the inspector field)', () => {
    const [a, b] = twoReplicas();
    const id = addCard(a, { ...firstCell(a), text: 'Ask for help' });
    sync(a, b);
    const base = textOf(a, id)!; // A opens the field
    updateCardText(b, id, 'Ask staff for help');
    sync(a, b);
    updateCardText(a, id, 'Ask for help online', base); // A commits what the field held
    sync(a, b);
    expect(textOf(a, id)).toBe('Ask staff for help online');
    expect(textOf(b, id)).toBe('Ask staff for help online');
  });

  it('updateCard with a text patch is a splice too, and other fields are set beside it', () => {
    const doc = mapDoc();
    const id = addCard(doc, { ...firstCell(doc), text: 'Queue', fields: { emotion: 0 } });
    const text = yText(doc, id);
    updateCard(doc, id, { text: 'Queue outside', emotion: -3 });
    expect(yText(doc, id)).toBe(text);
    expect(readEntity(doc, 'cards', id)).toMatchObject({ text: 'Queue outside', emotion: -3 });
  });

  it('refuses a write past the limit and writes nothing; a text two people pushed past it can still be shortened', () => {
    const [a, b] = twoReplicas();
    const max = TEXT_LIMITS.cardText;
    const id = addCard(a, { ...firstCell(a), text: 'x'.repeat(max - 10) });
    sync(a, b);
    const before = Y.encodeStateVector(a);
    expect(() => updateCardText(a, id, 'x'.repeat(max + 1))).toThrow(InvalidWriteError);
    expect(Y.encodeStateVector(a)).toEqual(before);
    // Each adds 10, within the limit on its own; together they pass it by 10.
    updateCardText(a, id, 'A'.repeat(10) + 'x'.repeat(max - 10));
    updateCardText(b, id, 'x'.repeat(max - 10) + 'B'.repeat(10));
    sync(a, b);
    expect(yText(a, id).length).toBe(max + 10);
    // Readers cut to the limit (repair); the stored text keeps both.
    expect(textOf(a, id)).toHaveLength(max);
    expect(() => updateCardText(a, id, yText(a, id).toString() + 'more')).toThrow(InvalidWriteError);
    updateCardText(a, id, yText(a, id).toString().slice(5));
    expect(yText(a, id).length).toBe(max + 5);
  });

  it('undo takes back only my typing, not a colleague’s in the same card', () => {
    const [a, b] = twoReplicas();
    const id = addCard(a, { ...firstCell(a), text: 'Check in' });
    sync(a, b);
    const undoA = createUndo(a);
    updateCardText(a, id, 'Check in online');
    updateCardText(b, id, 'Quick Check in');
    sync(a, b);
    expect(textOf(a, id)).toBe('Quick Check in online');
    undoA.undo();
    sync(a, b);
    expect(textOf(a, id)).toBe('Quick Check in');
    expect(textOf(b, id)).toBe('Quick Check in');
  });
});
