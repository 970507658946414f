/**
 * A card's shared text seen by one editor (the canvas's inline editor): the
 * editor reads the text, writes what its field holds as a splice from the
 * text it last showed, and hears about every change it did not write itself
 * (a colleague's typing, an undo), framework-free so it runs in tests as it
 * runs in the browser. Carets travel as Y.RelativePosition JSON, which stays
 * on the same character whatever others insert or delete before it.
 */
import * as Y from 'yjs';
import { change, collection, editSharedText } from './doc';
import { sharedTextValue } from './sharedText';

export interface CardTextBinding {
  /** The card's text now (empty when the card is gone). */
  text(): string;
  /** Write `next`, the editor's text, which started from `base`: a splice, so others' typing since `base` stays. */
  write(base: string, next: string): boolean;
  /** Called after every change of the text this binding did not write; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  /** A position in the text as JSON for awareness: it follows its character through others' edits. */
  relative(index: number): unknown;
  /** A position from `relative` (anyone's) as an index now; null when it is not a position in this text. */
  absolute(json: unknown): number | null;
}

export function bindCardText(doc: Y.Doc, cardId: string): CardTextBinding {
  const listeners = new Set<() => void>();
  let writing = false;
  const entry = () => {
    const card = collection(doc, 'cards').get(cardId);
    return card instanceof Y.Map ? card : null;
  };
  const yText = () => {
    const value = entry()?.get('text');
    return value instanceof Y.Text ? value : null;
  };
  const cards = collection(doc, 'cards');
  // Deep: the Y.Text's own edits, and the field replaced by another Y.Text or a string (an older writer).
  // Observed only while someone listens, so a binding needs no teardown of its own.
  const deep = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    if (writing) return;
    if (events.some((e) => e.path[0] === cardId || (e.target === cards && (e as Y.YMapEvent<unknown>).keysChanged.has(cardId)))) {
      for (const l of [...listeners]) l();
    }
  };

  return {
    text: () => sharedTextValue(entry()?.get('text')),
    write(base, next) {
      writing = true;
      try {
        return change(doc, () => editSharedText(doc, 'cards', cardId, 'text', next, base));
      } finally {
        writing = false;
      }
    },
    onChange(listener) {
      if (listeners.size === 0) cards.observeDeep(deep);
      listeners.add(listener);
      return () => {
        if (listeners.delete(listener) && listeners.size === 0) cards.unobserveDeep(deep);
      };
    },
    relative(index) {
      const text = yText();
      return text ? Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index)) : null;
    },
    absolute(json) {
      const text = yText();
      if (!text || json === null || typeof json !== 'object') return null;
      try {
        const pos = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc);
        return pos && pos.type === text ? pos.index : null;
      } catch {
        return null; // not a position at all: another client may send anything
      }
    },
  };
}
