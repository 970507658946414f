import { describe, expect, it } from 'vitest';
import { clipPolygon, clipPolylines } from '../../../../src/export/drawing/clip';
import { flattenPath, parsePathData, pathData } from '../../../../src/export/drawing/pathData';

describe('path data', () => {
  it('reads relative commands, H/V, S/T and packed arc flags into absolute M L C Q Z', () => {
    const commands = parsePathData('m2 3h4v-2l1 1s2 2 3 0t2 2a6 6 0 01-8.943 0z');
    expect(commands.map((c) => c.op).join('')).toMatch(/^MLLLCQC+Z$/);
    expect(commands[1]).toEqual({ op: 'L', to: { x: 6, y: 3 } });
    expect(commands[2]).toEqual({ op: 'L', to: { x: 6, y: 1 } });
    const d = pathData(commands);
    expect(d).not.toMatch(/[a-zHVSTA]/);
    // The arc ends where it was asked to: 8.943 left of (12, 4), where t2 2 left the pen.
    const arcEnd = commands.at(-2)!;
    expect(arcEnd.op === 'C' && arcEnd.to).toEqual({ x: expect.closeTo(3.057, 3), y: expect.closeTo(4, 3) });
  });

  it('turns a half-circle arc into curves that stay on the circle', () => {
    const commands = parsePathData('M0 0A10 10 0 0 1 20 0');
    const points = flattenPath(commands, 8)[0]!.points;
    for (const p of points) expect(Math.hypot(p.x - 10, p.y)).toBeCloseTo(10, 1);
    // sweep 1 in a y-down system goes through the top (negative y)
    expect(Math.min(...points.map((p) => p.y))).toBeCloseTo(-10, 1);
  });

  it('keeps what a malformed path said before it broke', () => {
    expect(parsePathData('M1 1L2 2L3').map((c) => c.op)).toEqual(['M', 'L']);
  });

  it('cuts lines and areas to a window', () => {
    const window = { x: 0, y: 0, width: 10, height: 10 };
    const lines = clipPolylines(
      [
        {
          points: [
            { x: -5, y: 5 },
            { x: 5, y: 5 },
            { x: 15, y: 5 },
          ],
          closed: false,
        },
      ],
      window,
    );
    expect(lines).toEqual([
      {
        points: [
          { x: 0, y: 5 },
          { x: 5, y: 5 },
          { x: 10, y: 5 },
        ],
        closed: false,
      },
    ]);
    const square = clipPolygon(
      [
        { x: 5, y: 5 },
        { x: 15, y: 5 },
        { x: 15, y: 15 },
        { x: 5, y: 15 },
      ],
      window,
    );
    const xs = square.map((p) => p.x);
    const ys = square.map((p) => p.y);
    expect([Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]).toEqual([5, 10, 5, 10]);
  });
});
