/**
 * The colours of the emotion curve's persona lines (format v4's
 * per-persona scores), one place for the canvas, the inspector, the legend
 * and the PDF/PNG drawing. Colours belong to line slots: slot 0 is the
 * default line (the followed persona, or the map's own curve), so it keeps
 * the curve's colour it always had; slots 1… the other personas with a line
 * (personaLineSlots). A colour never depends on the legend's filter: hiding
 * a line does not repaint the others.
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
 * Which personas have a line of their own on the emotion curve, and its slot
 * (persona id -> slot): the followed persona, whose scores are the cards'
 * `emotion`, slot 0 (when the map follows none, slot 0 is the map's own
 * curve and no persona has it); then every other persona that scores at
 * least one card, in the persona list's order, slots 1 to 4. The rest have no
 * line (at most MAX_PERSONA_LINES lines), so the lines drawn never share a
 * colour. The curve's lines (emotionLines.ts, curvePersonas) and the
 * inspector's swatches follow this one rule.
 */
export function personaLineSlots(
  personas: readonly { id: string }[],
  cards: readonly { personaEmotions?: Readonly<Record<string, number>> }[],
  followedId: string | undefined,
): Map<string, number> {
  const scored = new Set<string>();
  for (const card of cards) for (const id of Object.keys(card.personaEmotions ?? {})) scored.add(id);
  const slots = new Map<string, number>();
  if (followedId !== undefined && personas.some((p) => p.id === followedId)) slots.set(followedId, 0);
  const others = personas.filter((p) => p.id !== followedId && scored.has(p.id)).slice(0, MAX_PERSONA_LINES - 1);
  others.forEach((p, i) => slots.set(p.id, i + 1));
  return slots;
}

/** The line colour of each persona that has a line (persona id -> colour), by personaLineSlots. */
export function personaLineColors(
  personas: readonly { id: string }[],
  cards: readonly { personaEmotions?: Readonly<Record<string, number>> }[],
  followedId: string | undefined,
): Map<string, PersonaColor> {
  return new Map([...personaLineSlots(personas, cards, followedId)].map(([id, slot]) => [id, personaColor(slot)]));
}
