/** The persona line colours (src/model/personaColors.ts): distinct, readable on the white canvas, stable by slot. */
import { describe, expect, it } from 'vitest';
import {
  MAX_PERSONA_LINES,
  PERSONA_COLORS,
  personaColor,
  personaLineColors,
  personaLineSlots,
  personasInLineOrder,
} from '../../../src/model/personaColors';
import { CURVE } from '../../../src/export/drawing/palette';

/** WCAG 2 relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrastOnWhite = (hex: string) => 1.05 / (luminance(hex) + 0.05);

describe('persona colours', () => {
  it('five distinct colours, each at least 3:1 against white; slot 0 is the curve colour it always had', () => {
    expect(PERSONA_COLORS).toHaveLength(MAX_PERSONA_LINES);
    expect(new Set(PERSONA_COLORS.map((c) => c.toLowerCase())).size).toBe(5);
    for (const c of PERSONA_COLORS) expect(contrastOnWhite(c), c).toBeGreaterThanOrEqual(3);
    expect(PERSONA_COLORS[0]).toBe(CURVE.line);
  });

  it('slots past the palette repeat the others, never the default line’s colour', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 9].map(personaColor)).toEqual([
      PERSONA_COLORS[0],
      PERSONA_COLORS[1],
      PERSONA_COLORS[2],
      PERSONA_COLORS[3],
      PERSONA_COLORS[4],
      PERSONA_COLORS[1],
      PERSONA_COLORS[2],
      PERSONA_COLORS[1],
    ]);
  });

  it('lines: the followed persona slot 0, then the other personas that score some card, in list order, at most five lines', () => {
    const personas = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ({ id }));
    expect(personasInLineOrder(personas.slice(0, 3), 'b').map((p) => p.id)).toEqual(['b', 'a', 'c']);
    const cards: { personaEmotions?: Record<string, number> }[] = [
      { personaEmotions: { c: 1, e: -2 } },
      { personaEmotions: { b: 3, f: 0, g: 1, d: 2 } },
      {},
    ];
    expect([...personaLineSlots(personas, cards, 'b')]).toEqual([
      ['b', 0],
      ['c', 1],
      ['d', 2],
      ['e', 3],
      ['f', 4],
    ]);
    // Following none: slot 0 is the map's own curve, no persona's.
    expect([...personaLineSlots(personas.slice(0, 3), [{ personaEmotions: { a: 1 } }], undefined)]).toEqual([['a', 1]]);
    expect(personaLineColors(personas, cards, 'b').get('b')).toBe(PERSONA_COLORS[0]);
    expect(personaLineColors(personas, cards, 'b').get('f')).toBe(PERSONA_COLORS[4]);
    expect(personaLineColors(personas, cards, 'b').has('a')).toBe(false);
  });
});
