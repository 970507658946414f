import { describe, expect, it } from 'vitest';
import { addCard, beginGesture, createUndo, readEntity, setEmotion, updateCardText } from '../../../src/model';
import { firstCell, sync, twoReplicas } from '../../fixtures/model';

describe('per-user undo', () => {
  it("undoes my last change and never a colleague's, even when they interleave", () => {
    const [a, b] = twoReplicas();
    const undoA = createUndo(a);
    const card = addCard(a, { ...firstCell(a), text: 'A wrote this' });
    sync(a, b);
    undoA.stopCapturing();
    updateCardText(a, card, 'A edited it');
    // B edits another field of the same card at the same time, and adds a card.
    const bCard = addCard(b, { ...firstCell(b, 1, 1), text: 'B card' });
    setEmotion(b, card, 3);
    sync(a, b);

    undoA.undo();
    sync(a, b);
    for (const doc of [a, b]) {
      expect(readEntity(doc, 'cards', card)).toMatchObject({ text: 'A wrote this', emotion: 3 });
      expect(readEntity(doc, 'cards', bCard)?.text).toBe('B card');
    }
    undoA.undo(); // A's own add: the card goes, B's card stays
    sync(a, b);
    expect(readEntity(b, 'cards', card)).toBeNull();
    expect(readEntity(b, 'cards', bCard)?.text).toBe('B card');
    undoA.redo();
    sync(a, b);
    expect(readEntity(b, 'cards', card)?.text).toBe('A wrote this');
  });

  it('a gesture is one step, however long it takes', async () => {
    const [a] = twoReplicas();
    const card = addCard(a, { ...firstCell(a), text: 'point', fields: { emotion: 0 } });
    const undo = createUndo(a);
    const end = beginGesture(undo);
    for (const score of [1, 2, 3, 4]) {
      setEmotion(a, card, score);
      await new Promise((r) => setTimeout(r, 5));
    }
    end();
    setEmotion(a, card, -2); // after the gesture: a step of its own
    expect(undo.undoStack).toHaveLength(2);
    undo.undo();
    expect(readEntity(a, 'cards', card)?.emotion).toBe(4);
    undo.undo();
    expect(readEntity(a, 'cards', card)?.emotion).toBe(0);
    expect(undo.captureTimeout).toBe(500);
  });

  it('does not track changes that arrive from others', () => {
    const [a, b] = twoReplicas();
    const undoA = createUndo(a);
    addCard(b, { ...firstCell(b), text: 'from B' });
    sync(a, b);
    expect(undoA.canUndo()).toBe(false);
  });
});
