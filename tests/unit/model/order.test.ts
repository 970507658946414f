import { describe, expect, it } from 'vitest';
import { compareOrdered, keysAfter, placeAt, sortOrdered, type Ordered } from '../../../src/model';
import { prng } from '../../fixtures/model';

const apply = (list: Ordered[], id: string, index: number): Ordered[] => {
  const { order, rekeyed } = placeAt(list, index);
  const next = list.map((o) => ({ ...o, order: rekeyed.get(o.id) ?? o.order }));
  return sortOrdered([...next, { id, order }]);
};

describe('fractional order', () => {
  it('places into an empty list, at the start, middle and end', () => {
    let list: Ordered[] = [];
    list = apply(list, 'm', 0);
    list = apply(list, 'z', 1);
    list = apply(list, 'a', 0);
    list = apply(list, 'n', 2);
    expect(list.map((o) => o.id)).toEqual(['a', 'm', 'n', 'z']);
  });

  it('re-keys when neighbours share a key (two concurrent inserts)', () => {
    const [k] = keysAfter(null, 1);
    const tied: Ordered[] = sortOrdered([
      { id: 'y', order: k! },
      { id: 'x', order: k! },
    ]);
    const list = apply(tied, 'new', 1);
    expect(list.map((o) => o.id)).toEqual(['x', 'new', 'y']);
    const orders = list.map((o) => o.order);
    expect(new Set(orders).size).toBe(3);
    expect([...orders].sort()).toEqual(orders);
  });

  it('breaks ties by id', () => {
    expect(compareOrdered({ id: 'a', order: 'a0' }, { id: 'b', order: 'a0' })).toBeLessThan(0);
    expect(compareOrdered({ id: 'b', order: 'a0' }, { id: 'a', order: 'a1' })).toBeLessThan(0);
  });

  it('keeps 500 random inserts unique, sorted and short', () => {
    const rand = prng(7);
    let list: Ordered[] = [];
    const expected: string[] = [];
    for (let i = 0; i < 500; i++) {
      const index = Math.floor(rand() * (list.length + 1));
      list = apply(list, `i${i}`, index);
      expected.splice(index, 0, `i${i}`);
    }
    expect(list.map((o) => o.id)).toEqual(expected);
    expect(new Set(list.map((o) => o.order)).size).toBe(500);
    expect(Math.max(...list.map((o) => o.order.length))).toBeLessThan(40);
  });
});
