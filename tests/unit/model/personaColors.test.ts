/** The persona line colours (src/model/personaColors.ts): distinct, readable on the white canvas, stable by slot. */
import { describe, expect, it } from 'vitest';
import {
  MAX_PERSONA_LINES,
  PERSONA_COLORS,
  personaColor,
  personaColors,
  personasInLineOrder,
  personaSlots,
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

  it('the followed persona takes slot 0, the others follow in list order; following none starts them at 1', () => {
    const personas = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(personasInLineOrder(personas, 'b').map((p) => p.id)).toEqual(['b', 'a', 'c']);
    expect([...personaSlots(personas, 'b')]).toEqual([
      ['b', 0],
      ['a', 1],
      ['c', 2],
    ]);
    expect([...personaSlots(personas, undefined)]).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    expect(personaColors(personas, 'b').get('b')).toBe(PERSONA_COLORS[0]);
    expect(personaColors(personas, 'ghost').get('a')).toBe(PERSONA_COLORS[1]);
  });
});
