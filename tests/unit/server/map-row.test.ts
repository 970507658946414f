import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CardSearchStore, MapCatalog, MapTouch } from '../../../server/store/types';
import { createLogger } from '../../../server/log';
import { MapRowKeeper, SUMMARY_DELAY_MS, SUMMARY_MAX_WAIT_MS } from '../../../server/ws/mapRow';
import type { Room } from '../../../server/ws/room';
import { TurnQueue } from '../../../server/ws/turnQueue';
import { mapDoc } from '../../fixtures/model';

/** The part of the store the keeper writes to, recording what it was told. */
function catalog() {
  const touches: MapTouch[] = [];
  const store = {
    async updateMap(_id: string, touch: MapTouch) {
      touches.push(touch);
    },
    async putSearchCards() {},
  } as unknown as MapCatalog & CardSearchStore;
  return { store, touches };
}

const roomOf = (doc = mapDoc('backpack')) => ({ mapId: 'm1', isDestroyed: false, doc, log: createLogger('silent') }) as unknown as Room;

describe('MapRowKeeper: the map row after stored batches', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes the row once for many batches, with the last batch’s time as the last edit', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { store, touches } = catalog();
    const keeper = new MapRowKeeper(store, { id: 'm1', title: 'Old', createdAt: 1, updatedAt: 1 }, new TurnQueue());
    const room = roomOf();
    keeper.stored(room);
    await vi.advanceTimersByTimeAsync(1000);
    keeper.stored(room);
    const lastBatchAt = Date.now();
    await vi.advanceTimersByTimeAsync(5000);
    expect(touches).toHaveLength(1);
    expect(touches[0]!.updatedAt).toBe(lastBatchAt);
  });

  it('keeps one write of its row in the queue however long the queue waits', async () => {
    vi.useFakeTimers();
    const queue = new TurnQueue(1);
    // A job that never ends holds the queue, as a store that stopped answering would.
    queue.add(() => new Promise<void>(() => {}));
    const { store } = catalog();
    const keeper = new MapRowKeeper(store, { id: 'm1', title: 'Old', createdAt: 1, updatedAt: 1 }, queue);
    const room = roomOf();
    for (let i = 0; i < 5; i++) {
      keeper.stored(room);
      await vi.advanceTimersByTimeAsync(3000);
    }
    expect(queue.waiting).toBe(1);
  });

  it('writes the row of a map edited without pause every SUMMARY_MAX_WAIT_MS or so, and soon after it goes quiet', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { store, touches } = catalog();
    const keeper = new MapRowKeeper(store, { id: 'm1', title: 'Old', createdAt: 1, updatedAt: 1 }, new TurnQueue());
    const room = roomOf();
    // A workshop: a batch every 200 ms for a minute.
    for (let t = 0; t < 60_000; t += 200) {
      keeper.stored(room);
      await vi.advanceTimersByTimeAsync(200);
    }
    // Each round waits SUMMARY_MAX_WAIT_MS give or take a quarter: 60 s hold 4 to 8 of them.
    expect(touches.length).toBeGreaterThanOrEqual(Math.floor(60_000 / (SUMMARY_MAX_WAIT_MS * 1.25)));
    expect(touches.length).toBeLessThanOrEqual(Math.ceil(60_000 / (SUMMARY_MAX_WAIT_MS * 0.75)));
    const lastBatchAt = Date.now() - 200;
    await vi.advanceTimersByTimeAsync(SUMMARY_DELAY_MS * 1.25);
    // The row now has the last batch: written as the map went quiet, or by
    // the last round if that one happened to end after the last batch.
    expect(touches.at(-1)!.updatedAt).toBe(lastBatchAt);
    // Nothing new since: no more writes.
    const once = touches.length;
    await vi.advanceTimersByTimeAsync(SUMMARY_MAX_WAIT_MS * 2);
    expect(touches).toHaveLength(once);
  });
});
