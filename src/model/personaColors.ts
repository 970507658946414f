/**
 * The colours of the emotion curve's persona lines: five, distinct from one
 * another for the common colour-vision deficiencies (Okabe–Ito based) and
 * dark enough for 3:1 against white, as a line's contrast must be. The
 * first is the curve's own colour, so the map's line keeps its look.
 */
export const PERSONA_COLORS = ['#4f5bd5', '#d55e00', '#0072b2', '#b8467f', '#3f7d20'] as const;

/** The colour of the `index`-th persona line (wrapping past five). */
export function personaColor(index: number): string {
  const n = PERSONA_COLORS.length;
  return PERSONA_COLORS[((index % n) + n) % n]!;
}
