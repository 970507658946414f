import { describe, expect, it } from 'vitest';
import {
  borderAt,
  placeMatrix,
  quadrantOf,
  scoreCentre,
  shortLabel,
  swarmOffsets,
  textWidth,
  type MatrixItem,
  type PlotGeometry,
  type Rect,
} from '../../../src/panels/matrixPlacement';

const G: PlotGeometry = { left: 50, top: 10, width: 500, height: 400, radius: 9, fontSize: 11 };

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const item = (id: string, impact: number, effort: number, label = id): MatrixItem => ({ id, impact, effort, label });

describe('quadrants', () => {
  it('counts a 3 as high on both axes', () => {
    expect(quadrantOf(4, 2)).toBe('quickWin');
    expect(quadrantOf(3, 2)).toBe('quickWin');
    expect(quadrantOf(3, 3)).toBe('bigBet');
    expect(quadrantOf(5, 5)).toBe('bigBet');
    expect(quadrantOf(2, 1)).toBe('fillIn');
    expect(quadrantOf(1, 3)).toBe('moneyPit');
  });

  it('draws the border between 2 and 3, so no score sits on it', () => {
    const border = borderAt(G);
    for (const score of [1, 2, 3, 4, 5]) {
      expect(Math.abs(scoreCentre(G, 'effort', score) - border.x)).toBeGreaterThanOrEqual(G.width / 10);
      expect(Math.abs(scoreCentre(G, 'impact', score) - border.y)).toBeGreaterThanOrEqual(G.height / 10);
    }
    expect(scoreCentre(G, 'effort', 2)).toBeLessThan(border.x);
    expect(scoreCentre(G, 'effort', 3)).toBeGreaterThan(border.x);
    // impact runs upwards: 3 above the border
    expect(scoreCentre(G, 'impact', 3)).toBeLessThan(border.y);
    expect(scoreCentre(G, 'impact', 2)).toBeGreaterThan(border.y);
  });
});

describe('dots on the same square', () => {
  it('are all apart and all inside their square, however many', () => {
    for (const n of [2, 5, 7, 12, 30]) {
      const placed = placeMatrix(
        Array.from({ length: n }, (_, i) => item(`o${i}`, 3, 3)),
        G,
      );
      expect(placed).toHaveLength(n);
      const cell = { x: G.left + (2 * G.width) / 5, y: G.top + (2 * G.height) / 5, width: G.width / 5, height: G.height / 5 };
      for (const [i, a] of placed.entries()) {
        expect(a.x - a.radius).toBeGreaterThanOrEqual(cell.x);
        expect(a.x + a.radius).toBeLessThanOrEqual(cell.x + cell.width);
        expect(a.y - a.radius).toBeGreaterThanOrEqual(cell.y);
        expect(a.y + a.radius).toBeLessThanOrEqual(cell.y + cell.height);
        for (const b of placed.slice(i + 1)) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(a.radius + b.radius - 1e-9);
      }
    }
  });

  it('packs in rings around the centre', () => {
    const offsets = swarmOffsets(8, 20);
    expect(offsets[0]).toEqual({ dx: 0, dy: 0 });
    for (const o of offsets.slice(1, 7)) expect(Math.hypot(o.dx, o.dy)).toBeCloseTo(20);
    expect(Math.hypot(offsets[7]!.dx, offsets[7]!.dy)).toBeCloseTo(40);
  });

  it('keeps a lone dot at its square centre', () => {
    const [p] = placeMatrix([item('a', 4, 2)], G);
    expect(p!.x).toBe(scoreCentre(G, 'effort', 2));
    expect(p!.y).toBe(scoreCentre(G, 'impact', 4));
  });
});

describe('labels', () => {
  it('do not overlap each other or other dots when there is room, and stay in the plot', () => {
    const items = [
      item('a', 4, 2, 'Self-service returns'),
      item('b', 4, 2, 'Live chat'),
      item('c', 4, 3, 'Loyalty app'),
      item('d', 5, 2, '会员积分'),
    ];
    const placed = placeMatrix(items, G);
    for (const [i, a] of placed.entries()) {
      expect(a.label.x).toBeGreaterThanOrEqual(G.left);
      expect(a.label.x + a.label.width).toBeLessThanOrEqual(G.left + G.width);
      for (const [j, b] of placed.entries()) {
        if (i === j) continue;
        expect(overlaps(a.label, b.label), `${a.id} / ${b.id} labels`).toBe(false);
        const dot = { x: b.x - b.radius, y: b.y - b.radius, width: 2 * b.radius, height: 2 * b.radius };
        expect(overlaps(a.label, dot), `${a.id} label / ${b.id} dot`).toBe(false);
      }
    }
  });

  it('go left of a dot at the right edge instead of leaving the plot', () => {
    const [p] = placeMatrix([item('a', 3, 5, 'A rather long opportunity name')], G);
    expect(p!.label.x + p!.label.width).toBeLessThanOrEqual(G.left + G.width);
    expect(p!.label.x + p!.label.width).toBeLessThanOrEqual(p!.x);
  });

  it('are the first line, cut with an ellipsis to fit', () => {
    expect(shortLabel('Live chat\nsecond line', 200, 11)).toBe('Live chat');
    const cut = shortLabel('Self-service returns from the order page with a prepaid label', 100, 11);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 11)).toBeLessThanOrEqual(100);
    expect(textWidth('会员', 11)).toBe(22);
  });
});
