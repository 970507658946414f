/** The server clock estimate (sync/serverClock.ts): NTP's offset from the shortest round trip. */
import { describe, expect, it } from 'vitest';
import { estimateOffset, ServerClock } from '../../../src/sync/serverClock';

describe('estimateOffset', () => {
  it('takes the middle of the round trip as the moment the server read its clock', () => {
    // We sent at 1000, got the answer at 1100; the server said 5050: it is 4000 ahead.
    expect(estimateOffset([{ sentAt: 1000, serverTime: 5050, receivedAt: 1100 }])).toEqual({ offsetMs: 4000, roundTripMs: 100 });
  });

  it('believes the sample with the shortest round trip', () => {
    const samples = [
      { sentAt: 0, serverTime: 900, receivedAt: 800 }, // a slow trip: could be off by 400
      { sentAt: 1000, serverTime: 1010 - 10_000, receivedAt: 1020 }, // 20 ms: behind by 10,000
      { sentAt: 2000, serverTime: 0, receivedAt: 2300 },
    ];
    expect(estimateOffset(samples)).toEqual({ offsetMs: -10_000, roundTripMs: 20 });
  });

  it('has no estimate without a usable sample', () => {
    expect(estimateOffset([])).toBeNull();
    expect(estimateOffset([{ sentAt: 10, serverTime: 5, receivedAt: 5 }])).toBeNull();
    expect(estimateOffset([{ sentAt: 10, serverTime: Number.NaN, receivedAt: 15 }])).toBeNull();
  });
});

describe('ServerClock', () => {
  it("reads the server's time through the estimate, and keeps the last one when the server cannot be reached", async () => {
    let local = 1_000;
    // The server is 60 s ahead; each answer takes 10 ms to come back, the first one 200 ms.
    const trips = [200, 10, 10, 10];
    const clock = new ServerClock(
      async () => {
        const trip = trips.shift() ?? 10;
        const serverTime = local + trip / 2 + 60_000;
        local += trip;
        return serverTime;
      },
      () => local,
    );
    expect(clock.now()).toBe(local);
    await clock.sync();
    expect(clock.current).toEqual({ offsetMs: 60_000, roundTripMs: 10 });
    expect(clock.now()).toBe(local + 60_000);
    // A trip of an odd number of ms puts the estimate on half a millisecond; the clock reads whole ones.
    const odd = new ServerClock(
      async () => local + 7 + 1000,
      () => ((local += 3), local),
    );
    await odd.sync();
    expect(Number.isInteger(odd.now())).toBe(true);
    const offline = new ServerClock(
      async () => {
        throw new Error('offline');
      },
      () => local,
    );
    expect(offline.settled).toBe(false);
    await offline.sync();
    expect(offline.now()).toBe(local);
    // Settled all the same: the timer shows this browser's clock rather than nothing.
    expect(offline.settled).toBe(true);
  });
});
