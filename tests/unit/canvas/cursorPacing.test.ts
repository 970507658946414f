/** Remote pointers glide to each position over about the time positions take to arrive. */
import { expect, it } from 'vitest';
import { CursorPacing } from '../../../src/canvas/cursorPacing';

/** The glide for each of `n` positions arriving `everyMs` apart. */
function glides(pacing: CursorPacing, n: number, everyMs: number, from = 0): number[] {
  return Array.from({ length: n }, (_, i) => pacing.arrive(1, from + i * everyMs));
}

it('shows a new pointer where it is, then glides a little longer than the interval', () => {
  const g = glides(new CursorPacing(), 10, 50);
  expect(g[0]).toBe(0);
  expect(g.at(-1)).toBeGreaterThanOrEqual(50);
  expect(g.at(-1)).toBeLessThanOrEqual(70);
});

it('follows the rate: smooth at 5 Hz as at 20 Hz, never slower than a quarter second', () => {
  expect(glides(new CursorPacing(), 12, 200).at(-1)).toBeGreaterThanOrEqual(200);
  expect(glides(new CursorPacing(), 12, 200).at(-1)).toBeLessThanOrEqual(250);
  expect(glides(new CursorPacing(), 12, 1000 / 3).at(-1)).toBeLessThanOrEqual(250);
  const speedingUp = new CursorPacing();
  glides(speedingUp, 12, 200);
  expect(glides(speedingUp, 12, 50, 12 * 200).at(-1)).toBeLessThan(80);
});

it('a pause does not slow the next movement down, and a pointer that went away starts afresh', () => {
  const p = new CursorPacing();
  glides(p, 5, 50);
  expect(p.arrive(1, 10_000)).toBeLessThan(80);
  p.forget(1);
  expect(p.arrive(1, 10_050)).toBe(0);
});
