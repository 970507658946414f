/** The inline editor's view of a card's shared text: its own writes are silent, everyone else's are heard. */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, createUndo, updateCard, updateCardText } from '../../../src/model';
import { bindCardText } from '../../../src/model/cardTextBinding';
import { mapIndex, diffText } from '../../../src/model/sharedText';
import { firstCell, sync, twoReplicas } from '../../fixtures/model';

it('hears others’ typing, an undo and a replaced field, but not its own writes; stops hearing once unsubscribed', () => {
  const [a, b] = twoReplicas();
  const id = addCard(a, { ...firstCell(a), text: 'Wait' });
  sync(a, b);
  const binding = bindCardText(a, id);
  let heard = 0;
  const off = binding.onChange(() => heard++);

  const undo = createUndo(a);
  binding.write('Wait', 'Wait in line');
  expect(heard).toBe(0);
  expect(binding.text()).toBe('Wait in line');

  updateCardText(b, id, 'Long Wait');
  sync(a, b);
  expect(heard).toBe(1);
  expect(binding.text()).toBe('Long Wait in line');

  updateCard(a, id, { emotion: -2 }); // another field of the same card: heard, harmless
  undo.undo();
  expect(binding.text()).toBe('Long Wait');
  expect(heard).toBeGreaterThanOrEqual(2);

  // An older writer replacing the field with a plain string: still read, and heard.
  const before = heard;
  (a.getMap('cards').get(id) as Y.Map<unknown>).set('text', 'plain');
  expect(binding.text()).toBe('plain');
  expect(heard).toBe(before + 1);

  off();
  updateCardText(b, id, 'Long Wait again');
  sync(a, b);
  expect(heard).toBe(before + 1);
});

it('a caret maps through a change: before or at it stays, after it shifts, inside a deleted span it goes to its end', () => {
  const change = [diffText('Pay at the till', 'Pay quickly at the till')]; // insert "quickly " at 4
  expect(mapIndex(2, change)).toBe(2);
  expect(mapIndex(4, change)).toBe(4);
  expect(mapIndex(7, change)).toBe(15);
  const removal = [diffText('Pay at the till', 'Pay till')]; // delete "at the " at 4
  expect(mapIndex(6, removal)).toBe(4);
  expect(mapIndex(15, removal)).toBe(8);
});
