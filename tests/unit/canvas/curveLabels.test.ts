import { describe, expect, it } from 'vitest';
import { overlaps, placeCurveLabels, textWidth, type LabelRequest } from '../../../src/canvas/curveLabels';

const LANE = { width: 1512, height: 220 };

const inside = (box: { left: number; top: number; right: number; bottom: number }) =>
  box.left >= 0 && box.top >= 0 && box.right <= LANE.width && box.bottom <= LANE.height;

describe('emotion point labels', () => {
  it('are placed clear of each other, of every point and of the lane edges', () => {
    // Three points close together in one stage, at similar heights, with long texts; one at the lane's bottom edge.
    const points: LabelRequest[] = [
      { id: 'a', x: 63, y: 110, text: 'Ordered online after comparing three shops' },
      { id: 'b', x: 126, y: 126, text: 'Waited for the parcel' },
      { id: 'c', x: 189, y: 110, text: '收到包裹时很开心，马上拆开试背' },
      { id: 'd', x: 1490, y: 190, text: 'Returned it at the very end' },
    ];
    const labels = placeCurveLabels(points, LANE);
    expect(labels.map((l) => l.id).sort()).toEqual(['a', 'b', 'c', 'd']);
    for (const l of labels) expect(inside(l.box), `${l.id} inside the lane`).toBe(true);
    for (const [i, a] of labels.entries())
      for (const b of labels.slice(i + 1)) expect(overlaps(a.box, b.box), `${a.id} / ${b.id}`).toBe(false);
    for (const l of labels)
      for (const p of points)
        expect(overlaps(l.box, { left: p.x - 15, top: p.y - 15, right: p.x + 15, bottom: p.y + 15 }), `${l.id} on ${p.id}`).toBe(false);
  });

  it('shortens a label rather than let it run into another, and keeps short ones whole', () => {
    const points: LabelRequest[] = [
      { id: 'a', x: 100, y: 60, text: 'Short' },
      { id: 'b', x: 150, y: 60, text: 'A rather long description of what happened' },
    ];
    const [a, b] = placeCurveLabels(points, LANE);
    expect(a!.text).toBe('Short');
    expect(b!.text.endsWith('…')).toBe(true);
    expect(b!.text.length).toBeLessThan(points[1]!.text.length);
  });

  it('measures Chinese wider than Latin letters', () => {
    expect(textWidth('开心', 11)).toBeGreaterThan(textWidth('ab', 11));
  });
});
