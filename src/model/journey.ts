/**
 * Journey-mapping readings of a map: the emotion curve's points, KPI status,
 * the line of visibility. Pure functions of entities, shared by the canvas,
 * the panels and the exports.
 */
import { compareOrdered } from './order';
import type { MapSnapshot } from './live';
import type { Card, Lane, LaneKind, Stage } from './schema';

export interface EmotionPoint {
  cardId: string;
  stageId: string;
  emotion: number;
  text: string;
  /** true for a touchpoint's score, false for a point placed in the emotion lane itself */
  touchpoint: boolean;
  momentOfTruth: boolean;
}

/** Lanes whose cards' emotion scores make up the curve. */
export const CURVE_SOURCE_KINDS = new Set<Lane['kind']>(['touchpoints', 'emotions']);

/**
 * The curve's points in journey order: by stage, then by lane, then by the
 * card's place in its cell. Cards without a score are not on the curve.
 */
export function emotionPoints(stages: readonly Stage[], lanes: readonly Lane[], cards: readonly Card[]): EmotionPoint[] {
  const stageIndex = new Map(stages.map((s, i) => [s.id, i]));
  const laneIndex = new Map(lanes.filter((l) => CURVE_SOURCE_KINDS.has(l.kind)).map((l, i) => [l.id, i]));
  return cards
    .filter((c) => c.emotion !== undefined && stageIndex.has(c.stageId) && laneIndex.has(c.laneId))
    .sort(
      (a, b) =>
        stageIndex.get(a.stageId)! - stageIndex.get(b.stageId)! ||
        laneIndex.get(a.laneId)! - laneIndex.get(b.laneId)! ||
        compareOrdered(a, b),
    )
    .map((c) => ({
      cardId: c.id,
      stageId: c.stageId,
      emotion: c.emotion!,
      text: c.text,
      touchpoint: lanes.find((l) => l.id === c.laneId)?.kind === 'touchpoints',
      momentOfTruth: c.momentOfTruth === true,
    }));
}

export type KpiStatus = 'on-target' | 'off-target' | 'no-target';

/** A KPI's value as a card shows it ("42%", "3.5 days", "–" when unset): the canvas, the exports and the metrics import. */
export function formatKpiValue(value: number | undefined, unit: string | undefined): string {
  if (value === undefined) return '–';
  return unit ? (unit === '%' ? `${value}%` : `${value} ${unit}`) : String(value);
}

/**
 * A KPI's target as cards, exports and the summary page show it, after the
 * UI's word for "target": "target ≤ 2 days" when lower is better.
 */
export function kpiTargetLabel(card: Pick<Card, 'target' | 'unit' | 'direction'>, targetWord: string): string {
  return `${targetWord} ${card.direction === 'lower' ? '≤' : '≥'} ${formatKpiValue(card.target, card.unit)}`;
}

/** Whether a KPI card meets its target, given which way is better (higher by default). */
export function kpiStatus(card: Pick<Card, 'value' | 'target' | 'direction'>): KpiStatus {
  if (card.value === undefined || card.target === undefined) return 'no-target';
  const ok = card.direction === 'lower' ? card.value <= card.target : card.value >= card.target;
  return ok ? 'on-target' : 'off-target';
}

export const EMOTION_LEVELS = ['delighted', 'pleased', 'neutral', 'unhappy', 'frustrated'] as const;
export type EmotionLevel = (typeof EMOTION_LEVELS)[number];

/** Which of five faces an emotion score shows (on the curve, the cards, the inspector). */
export function emotionLevel(score: number): EmotionLevel {
  if (score >= 4) return 'delighted';
  if (score >= 2) return 'pleased';
  if (score >= -1) return 'neutral';
  if (score >= -3) return 'unhappy';
  return 'frustrated';
}

/**
 * Index of the first lane below the line of visibility: the customer-facing
 * lanes are above it, backstage lanes below (as in a service blueprint).
 * The line sits above the first backstage lane that has only backstage lanes
 * after it; -1 when there is none.
 */
export function lineOfVisibilityIndex(lanes: readonly Pick<Lane, 'kind'>[]): number {
  let index = -1;
  for (let i = lanes.length - 1; i >= 0; i--) {
    if (lanes[i]!.kind !== 'backstage') break;
    index = i;
  }
  return index;
}

/** Cards of the given lane kinds in map order: by stage, then lane, then place in the cell. */
export function cardsInMapOrder(
  map: Pick<MapSnapshot, 'stages' | 'lanes' | 'cards'>,
  kinds: ReadonlySet<LaneKind>,
): { card: Card; lane: Lane; stageName: string }[] {
  const stageIndex = new Map(map.stages.map((s, i) => [s.id, i]));
  const lanes = map.lanes.filter((l) => kinds.has(l.kind));
  const laneIndex = new Map(lanes.map((l, i) => [l.id, i]));
  return map.cards
    .filter((c) => stageIndex.has(c.stageId) && laneIndex.has(c.laneId))
    .sort(
      (a, b) =>
        stageIndex.get(a.stageId)! - stageIndex.get(b.stageId)! ||
        laneIndex.get(a.laneId)! - laneIndex.get(b.laneId)! ||
        compareOrdered(a, b),
    )
    .map((card) => ({ card, lane: lanes[laneIndex.get(card.laneId)!]!, stageName: map.stages[stageIndex.get(card.stageId)!]!.name }));
}
