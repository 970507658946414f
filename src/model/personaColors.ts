/**
 * The colours of the emotion curve's persona lines (format v4's
 * per-persona scores), one place for the canvas, the inspector, the legend
 * and the PDF/PNG drawing. Colours belong to line slots, not to the
 * persona's place in the list, so the default line keeps the curve's colour
 * it always had: slot 0 is the default line (the followed persona, or the
 * map's own curve), slots 1… the other personas in the persona list's order.
 * A colour never depends on the legend's filter: hiding a line does not
 * repaint the others.
 */

/** Most persona lines the emotion lane draws at once (issue 16: "up to 5"); scores are not limited. */
export const MAX_PERSONA_LINES = 5;

/**
 * One colour per slot: each at least 3:1 against the white canvas (WCAG's
 * contrast for graphics) and told apart by hue and lightness, also with the
 * common colour-vision deficiencies (Okabe–Ito hues, darkened to 3:1). Slot
 * 0 is the curve's colour before v4 (#4f5bd5, CURVE.line).
 */
export const PERSONA_COLORS = ['#4f5bd5', '#d55e00', '#00805e', '#b0357e', '#8a6a00'] as const satisfies readonly string[];
export type PersonaColor = (typeof PERSONA_COLORS)[number];

/**
 * The colour of line slot `slot` (0: the default line). Past the palette the
 * other slots repeat (1, 2, 3, 4, 1, …), never the default line's colour.
 */
export function personaColor(slot: number): PersonaColor {
  const s = Math.max(0, Math.floor(slot));
  if (s === 0) return PERSONA_COLORS[0];
  return PERSONA_COLORS[1 + ((s - 1) % (PERSONA_COLORS.length - 1))]!;
}

/** Personas in line order: the followed one first (the default line), then the others in their list order. */
export function personasInLineOrder<P extends { id: string }>(personas: readonly P[], followedId: string | undefined): P[] {
  const followed = personas.find((p) => p.id === followedId);
  return followed ? [followed, ...personas.filter((p) => p !== followed)] : [...personas];
}

/**
 * Each persona's line slot on a map (persona id -> slot): the followed
 * persona 0, the others 1, 2, … in list order. When the map follows none,
 * slot 0 is the map's own curve and the personas start at 1.
 */
export function personaSlots(personas: readonly { id: string }[], followedId: string | undefined): Map<string, number> {
  const ordered = personasInLineOrder(personas, followedId);
  const first = ordered[0]?.id === followedId && followedId !== undefined ? 0 : 1;
  return new Map(ordered.map((p, i) => [p.id, first + i]));
}

/** Each persona's line colour on a map (persona id -> colour), by personaSlots. */
export function personaColors(personas: readonly { id: string }[], followedId: string | undefined): Map<string, PersonaColor> {
  return new Map([...personaSlots(personas, followedId)].map(([id, slot]) => [id, personaColor(slot)]));
}
