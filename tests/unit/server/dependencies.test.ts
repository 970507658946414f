/**
 * missingDependencies predicts exactly what Yjs would leave pending, for
 * updates as Yjs writes them: incremental ones, merged ones (with skips) and
 * diffs against a state vector, delivered in any order and with gaps.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { missingDependencies } from '../../../server/ws/dependencies';
import { prng } from '../../fixtures/model';

function actualPending(server: Y.Doc, update: Uint8Array): 'structs' | 'deletes' | null {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
  Y.applyUpdate(copy, update);
  const result = copy.store.pendingStructs !== null ? 'structs' : copy.store.pendingDs !== null ? 'deletes' : null;
  copy.destroy();
  return result;
}

/** A random edit of the kinds a map sees: entries set, fields changed, entries deleted, text typed, list items moved. */
function edit(doc: Y.Doc, rnd: () => number): void {
  const cards = doc.getMap<Y.Map<unknown>>('cards');
  const keys = [...cards.keys()];
  const pick = () => keys[Math.floor(rnd() * keys.length)]!;
  const r = rnd();
  doc.transact(() => {
    if (r < 0.3 || keys.length === 0) {
      const entry = new Y.Map<unknown>();
      entry.set('text', `t${Math.floor(rnd() * 1000)}`);
      cards.set(`c${Math.floor(rnd() * 40)}`, entry);
    } else if (r < 0.6) {
      const entry = cards.get(pick());
      if (entry instanceof Y.Map) entry.set('text', `u${Math.floor(rnd() * 1000)}`);
    } else if (r < 0.7) {
      cards.delete(pick());
    } else {
      const text = doc.getText('notes');
      if (rnd() < 0.7 || text.length === 0) text.insert(Math.floor(rnd() * (text.length + 1)), 'abc'.slice(0, 1 + Math.floor(rnd() * 3)));
      else text.delete(Math.floor(rnd() * text.length), 1);
    }
  });
}

describe('missingDependencies', () => {
  const totals = { applied: 0, refused: 0 };
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`agrees with Yjs on every update of a random session (seed ${seed})`, () => {
      const rnd = prng(seed);
      const replicas = [1, 2, 3].map((clientID) => {
        const doc = new Y.Doc();
        doc.clientID = clientID * 1000 + seed;
        const updates: Uint8Array[] = [];
        doc.on('update', (u: Uint8Array) => updates.push(u));
        return { doc, updates };
      });
      for (let step = 0; step < 120; step++) {
        const replica = replicas[Math.floor(rnd() * replicas.length)]!;
        if (rnd() < 0.25) {
          const other = replicas[Math.floor(rnd() * replicas.length)]!;
          Y.applyUpdate(replica.doc, Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(replica.doc)));
        } else {
          edit(replica.doc, rnd);
        }
      }
      const candidates: Uint8Array[] = replicas.flatMap((r) => r.updates);
      for (let i = 0; i < 30; i++) {
        const pool = candidates.filter(() => rnd() < 0.2);
        if (pool.length > 0) candidates.push(Y.mergeUpdates(pool));
      }
      const server = new Y.Doc();
      let refused = 0;
      let applied = 0;
      for (let round = 0; round < 400; round++) {
        const update =
          rnd() < 0.02
            ? Y.encodeStateAsUpdate(replicas[Math.floor(rnd() * 3)]!.doc, Y.encodeStateVector(server))
            : candidates[Math.floor(rnd() * candidates.length)]!;
        const predicted = missingDependencies(server, Y.decodeUpdate(update));
        expect(predicted).toBe(actualPending(server, update));
        if (predicted === null) {
          Y.applyUpdate(server, update);
          applied++;
        } else {
          refused++;
        }
      }
      totals.applied += applied;
      totals.refused += refused;
      expect(server.store.pendingStructs).toBeNull();
    });
  }

  it('the random sessions exercised both answers', () => {
    expect(totals.applied).toBeGreaterThan(50);
    expect(totals.refused).toBeGreaterThan(50);
  });

  it('an empty deletion beyond what the document has is pending for Yjs too', () => {
    const doc = new Y.Doc();
    const other = new Y.Doc();
    other.getMap('m').set('a', 1);
    const ds = new Y.Doc();
    const updates: Uint8Array[] = [];
    ds.on('update', (u: Uint8Array) => updates.push(u));
    Y.applyUpdate(ds, Y.encodeStateAsUpdate(other));
    ds.getMap('m').delete('a');
    const deletion = updates.at(-1)!;
    expect(missingDependencies(doc, Y.decodeUpdate(deletion))).toBe('deletes');
    expect(actualPending(doc, deletion)).toBe('deletes');
  });
});
