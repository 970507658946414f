/**
 * Presentation mode's slides, built from the map: one per stage (its name,
 * "Stage 2 of 7", its cards lane by lane, a few per lane and "+N more"), or
 * one per card of a chosen path (the selected cards, in journey order). The
 * persona and the emotion curve are on every slide; the curve's stage for a
 * slide is `stageId`. Pure functions of the snapshot, so the presenter and
 * everyone following build the same slides from the same map.
 */
import { compareOrdered } from './order';
import { emotionPoints } from './journey';
import type { MapSnapshot } from './live';
import type { Card, Lane, Persona, Stage } from './schema';

/** Cards shown per lane on a stage slide; the rest are counted ("+3 more"): a slide is read from across a room. */
export const CARDS_PER_LANE = 4;
/** Longest path of cards one presentation walks (it travels in presence, with every step). */
export const MAX_PATH_CARDS = 200;

export interface LaneOnSlide {
  lane: Lane;
  cards: readonly Card[];
  /** cards of this lane and stage not shown */
  more: number;
}

export interface StageSlide {
  kind: 'stage';
  stageId: string;
  stage: Stage;
  /** the stage's place among all stages, from 1 */
  stageNumber: number;
  lanes: readonly LaneOnSlide[];
}

export interface CardSlide {
  kind: 'card';
  stageId: string;
  stage: Stage;
  stageNumber: number;
  card: Card;
  lane: Lane | undefined;
}

export type Slide = StageSlide | CardSlide;

/** One point of the curve per stage: the mean of its scores, null for a stage without any. */
export interface StageMood {
  stageId: string;
  name: string;
  emotion: number | null;
}

const inStage = (cards: readonly Card[], laneId: string, stageId: string) =>
  cards.filter((c) => c.laneId === laneId && c.stageId === stageId).sort(compareOrdered);

/** One slide per stage, in map order. The emotion lane is left to the curve at the bottom; empty lanes are left out. */
export function stageSlides(map: Pick<MapSnapshot, 'stages' | 'lanes' | 'cards'>, perLane = CARDS_PER_LANE): StageSlide[] {
  return map.stages.map((stage, i) => ({
    kind: 'stage',
    stageId: stage.id,
    stage,
    stageNumber: i + 1,
    lanes: map.lanes
      .filter((lane) => lane.kind !== 'emotions')
      .map((lane) => {
        const all = inStage(map.cards, lane.id, stage.id);
        return { lane, cards: all.slice(0, perLane), more: Math.max(0, all.length - perLane) };
      })
      .filter((l) => l.cards.length > 0),
  }));
}

/** One slide per card of `cardIds` that is still on the map, in journey order (stage, lane, place in the cell). */
export function cardSlides(map: Pick<MapSnapshot, 'stages' | 'lanes' | 'cards'>, cardIds: readonly string[]): CardSlide[] {
  const wanted = new Set(cardIds);
  const stageIndex = new Map(map.stages.map((s, i) => [s.id, i]));
  const laneIndex = new Map(map.lanes.map((l, i) => [l.id, i]));
  return map.cards
    .filter((c) => wanted.has(c.id) && stageIndex.has(c.stageId) && laneIndex.has(c.laneId))
    .sort(
      (a, b) =>
        stageIndex.get(a.stageId)! - stageIndex.get(b.stageId)! ||
        laneIndex.get(a.laneId)! - laneIndex.get(b.laneId)! ||
        compareOrdered(a, b),
    )
    .map((card) => {
      const i = stageIndex.get(card.stageId)!;
      return {
        kind: 'card',
        stageId: card.stageId,
        stage: map.stages[i]!,
        stageNumber: i + 1,
        card,
        lane: map.lanes[laneIndex.get(card.laneId)!],
      };
    });
}

/** The slides of a presentation: the stages, or the cards of a path when one is given. */
export function buildSlides(map: Pick<MapSnapshot, 'stages' | 'lanes' | 'cards'>, path: readonly string[] | null): Slide[] {
  return path ? cardSlides(map, path) : stageSlides(map);
}

/** A step within the slides there are (the map may have changed under a step someone sent). */
export function clampStep(step: number, slideCount: number): number {
  if (slideCount === 0 || !Number.isFinite(step)) return 0;
  return Math.min(Math.max(0, Math.trunc(step)), slideCount - 1);
}

/** The curve at the bottom of every slide: each stage's mean score (touchpoints and the emotion lane, as on the canvas). */
export function stageMoods(map: Pick<MapSnapshot, 'stages' | 'lanes' | 'cards'>): StageMood[] {
  const points = emotionPoints(map.stages, map.lanes, map.cards);
  return map.stages.map((stage) => {
    const scores = points.filter((p) => p.stageId === stage.id).map((p) => p.emotion);
    const emotion = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null;
    return { stageId: stage.id, name: stage.name, emotion };
  });
}

/** The persona on the slides: the one the map follows, else the first. */
export function presentedPersona(map: Pick<MapSnapshot, 'meta' | 'personas'>): Persona | undefined {
  return map.personas.find((p) => p.id === map.meta?.personaId) ?? map.personas[0];
}
