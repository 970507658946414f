import { describe, expect, it } from 'vitest';
import { TurnQueue } from '../../../server/ws/turnQueue';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TurnQueue: background work of many rooms spread over event-loop turns', () => {
  it('starts one job per turn, never in the turn that added it', async () => {
    const queue = new TurnQueue();
    const started: number[] = [];
    for (let i = 0; i < 3; i++) queue.add(async () => void started.push(i));
    expect(started).toEqual([]);
    await nextTurn();
    expect(started).toEqual([0]);
    await nextTurn();
    expect(started).toEqual([0, 1]);
    await nextTurn();
    expect(started).toEqual([0, 1, 2]);
  });

  it('keeps at most maxRunning jobs waiting on their store, and starts the next when one ends', async () => {
    const queue = new TurnQueue(2);
    const release: (() => void)[] = [];
    let started = 0;
    for (let i = 0; i < 4; i++)
      queue.add(() => {
        started++;
        return new Promise<void>((resolve) => release.push(resolve));
      });
    for (let t = 0; t < 5; t++) await nextTurn();
    expect(started).toBe(2);
    expect(queue.waiting).toBe(2);
    release[0]!();
    for (let t = 0; t < 3; t++) await nextTurn();
    expect(started).toBe(3);
  });

  it('goes on after a job that fails', async () => {
    const queue = new TurnQueue(1);
    let ran = false;
    queue.add(() => Promise.reject(new Error('store down')));
    queue.add(async () => {
      ran = true;
    });
    for (let t = 0; t < 4; t++) await nextTurn();
    expect(ran).toBe(true);
  });
});
