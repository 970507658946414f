/** PresenceClaims: an awareness id belongs to a participant, for a while after its socket is gone. */
import { expect, it } from 'vitest';
import { PresenceClaims } from '../../../server/ws/presenceClaims';

const setup = () => {
  let now = 0;
  const claims = new PresenceClaims<object>(1000, () => now);
  return { claims, tick: (ms: number) => (now += ms) };
};

it('a keyed participant keeps its ids while away, then they are free', () => {
  const { claims, tick } = setup();
  const [first, second, other] = [{}, {}, {}];
  claims.claim(first, 'alice', [7]);
  expect(claims.release(first)).toEqual([7]);
  expect(claims.foreign(other, 'mallory', [7])).toEqual([7]);
  expect(claims.foreign(second, 'alice', [7])).toEqual([]);
  tick(1000);
  expect(claims.foreign(other, 'mallory', [7])).toEqual([]);
});

it('a keyless socket’s ids end with it, and no other socket shares its identity', () => {
  const { claims } = setup();
  const [ghost, other] = [{}, {}];
  const ghostId = Symbol('socket');
  claims.claim(ghost, ghostId, [9]);
  expect(claims.foreign(other, Symbol('socket'), [9])).toEqual([9]);
  claims.release(ghost);
  expect(claims.foreign(other, Symbol('socket'), [9])).toEqual([]);
});

it('the same participant reconnecting while its old socket lingers takes the id over; the old socket’s leaving does not remove it', () => {
  const { claims } = setup();
  const [old, fresh] = [{}, {}];
  claims.claim(old, 'alice', [5]);
  expect(claims.foreign(fresh, 'alice', [5])).toEqual([]);
  claims.claim(fresh, 'alice', claims.fresh(fresh, [5]));
  expect(claims.release(old)).toEqual([]);
  expect([...claims.heldBy(fresh)]).toEqual([5]);
});
