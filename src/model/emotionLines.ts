/**
 * The emotion curve's lines (issue 16): one per persona and state shown.
 * The map's own line is the cards' `emotion` (the persona the map follows,
 * or the map's one curve when it follows none); every other persona with a
 * score on some card (`personaEmotions`) gets a line of its own, up to five
 * lines in all. Each state the view shows draws each of them: today through
 * the cards not marked future, the future through those not marked current.
 * Pure, shared by the canvas (CurveNode) and the export drawing.
 */
import { inState, statesOf, type StateView } from './cardState';
import { emotionPoints, type EmotionPoint } from './journey';
import { MAX_PERSONA_LINES, personaLineSlots } from './personaColors';
import type { Card, CardState, Lane, Persona, Stage } from './schema';

export { MAX_PERSONA_LINES };

/** Key of the map's own line when it follows no persona (never an id: ids are not empty). */
export const MAP_LINE_KEY = '';

/** One persona's place on the curve: its line's key, colour and name. */
export interface CurvePersona {
  /** the persona's id, or MAP_LINE_KEY for the map's own curve */
  key: string;
  /** the persona, or null for the map's own curve (it follows none) */
  persona: Persona | null;
  /** the line of the cards' `emotion`: the one edited on the curve */
  isDefault: boolean;
  /** index into the persona palette */
  colorIndex: number;
}

export interface EmotionLine {
  /** `${persona key}:${state}` */
  key: string;
  persona: CurvePersona;
  state: CardState;
  /** the persona's scores in journey order (`emotion` of a point is that persona's score) */
  points: EmotionPoint[];
}

interface CurveInput {
  stages: readonly Stage[];
  lanes: readonly Lane[];
  cards: readonly Card[];
  personas: readonly Persona[];
  /** meta.personaId: whose curve the cards' `emotion` is */
  followedPersonaId?: string;
}

/**
 * The personas the curve can draw, the map's own line first, then those with
 * a score on some card in the map's persona order, at most five.
 */
export function curvePersonas({ cards, personas, followedPersonaId }: Omit<CurveInput, 'stages' | 'lanes'>): CurvePersona[] {
  // The slots (and so the colours) are the inspector's too: personaLineSlots is the one rule.
  const slots = personaLineSlots(personas, cards, followedPersonaId);
  const followed = personas.find((p) => p.id === followedPersonaId && slots.get(p.id) === 0) ?? null;
  const others = personas.filter((p) => p !== followed && slots.has(p.id));
  return [
    { key: followed?.id ?? MAP_LINE_KEY, persona: followed, isDefault: true, colorIndex: 0 },
    ...others.map((persona) => ({ key: persona.id, persona, isDefault: false, colorIndex: slots.get(persona.id)! })),
  ];
}

/**
 * The lines to draw for a view: every state it shows (today first) times
 * every persona not in `hidden` (keys of CurvePersona; the map's own line
 * is always drawn). A line without points
 * is left out; the map's own line of a state is kept even when empty, so a
 * view always has the line points are added to.
 */
export function emotionLines(input: CurveInput & { view: StateView; hidden?: ReadonlySet<string> }): EmotionLine[] {
  // The map's own line cannot be hidden: its points are the ones edited on the curve.
  const personas = curvePersonas(input).filter((p) => p.isDefault || !input.hidden?.has(p.key));
  const lines: EmotionLine[] = [];
  for (const state of linesStates(input.cards, input.view)) {
    const cards = input.cards.filter((c) => inState(c, state));
    for (const persona of personas) {
      const points = persona.isDefault ? emotionPoints(input.stages, input.lanes, cards) : personaPoints(input, cards, persona.key);
      if (points.length > 0 || persona.isDefault) lines.push({ key: `${persona.key}:${state}`, persona, state, points });
    }
  }
  return lines;
}

/**
 * The states a view draws lines for. A map none of whose cards has a state
 * is its own future: both lines would be one, so "both" draws today's only
 * (and the curve looks as it always did).
 */
export function linesStates(cards: readonly Pick<Card, 'state'>[], view: StateView): readonly CardState[] {
  if (view === 'both' && !cards.some((c) => c.state !== undefined)) return ['current'];
  return statesOf(view);
}

/** A persona's scores as points: the same cards in the same order as the map's curve, where that persona has a score. */
function personaPoints(input: CurveInput, cards: readonly Card[], personaId: string): EmotionPoint[] {
  const scored = cards.flatMap((c) => {
    const score = c.personaEmotions?.[personaId];
    return score === undefined ? [] : [{ ...c, emotion: score }];
  });
  return emotionPoints(input.stages, input.lanes, scored);
}

/**
 * Every card on some line, in journey order: where the curve places points.
 * A card keeps one x on every line it is on, so the lines of one touchpoint
 * are read straight down (today against the future, persona against persona).
 */
export function curveSlots(input: Pick<CurveInput, 'stages' | 'lanes' | 'cards'>, lines: readonly EmotionLine[]): EmotionPoint[] {
  const onLines = new Set(lines.flatMap((l) => l.points.map((p) => p.cardId)));
  const cards = input.cards.filter((c) => onLines.has(c.id)).map((c) => ({ ...c, emotion: c.emotion ?? 0 }));
  return emotionPoints(input.stages, input.lanes, cards);
}

/** The x of each slot: the k-th of n points in a stage at (k+1)/(n+1) of its column, from `origin`. */
export function slotXs(
  stages: readonly { id: string }[],
  slots: readonly EmotionPoint[],
  columnWidth: number,
  origin = 0,
): Map<string, number> {
  const byStage = new Map<string, string[]>();
  for (const p of slots) byStage.set(p.stageId, [...(byStage.get(p.stageId) ?? []), p.cardId]);
  const xs = new Map<string, number>();
  stages.forEach((stage, i) => {
    const ids = byStage.get(stage.id) ?? [];
    ids.forEach((id, k) => xs.set(id, origin + Math.round(i * columnWidth + ((k + 1) / (ids.length + 1)) * columnWidth)));
  });
  return xs;
}
