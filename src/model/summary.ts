/**
 * What a reviewer reads first about a map: the persona it follows, the worst
 * pain points, the opportunities the workshop voted for, and the KPIs that
 * miss their target. Pure, so the PDF's summary page and tests agree.
 */
import { voteTotal } from './commands/votes';
import { cardsInMapOrder, kpiStatus } from './journey';
import type { MapSnapshot } from './live';
import type { Card, LaneKind, Persona } from './schema';

export interface ReviewSummary {
  persona: Persona | null;
  /** most severe first, then most voted; at most `limit` */
  painPoints: Card[];
  /** most voted first, then highest impact for the least effort; at most `limit` */
  opportunities: Card[];
  /** every KPI card that misses its target, in map order */
  kpisOffTarget: Card[];
}

/** Cards of one lane kind, in map order (stage, then lane, then place in the cell). */
const cardsOfKind = (snapshot: MapSnapshot, kind: LaneKind): Card[] => cardsInMapOrder(snapshot, new Set([kind])).map((e) => e.card);

/** Stable sort by a list of numeric keys (higher first), ties kept in map order. */
function rank(cards: Card[], ...keys: ((c: Card) => number)[]): Card[] {
  return cards
    .map((card, i) => ({ card, i, k: keys.map((key) => key(card)) }))
    .sort((a, b) => {
      for (let j = 0; j < keys.length; j++) if (a.k[j] !== b.k[j]) return b.k[j]! - a.k[j]!;
      return a.i - b.i;
    })
    .map((x) => x.card);
}

export function reviewSummary(snapshot: MapSnapshot, limit = 5): ReviewSummary {
  const followed = snapshot.meta?.personaId;
  const persona = snapshot.personas.find((p) => p.id === followed) ?? snapshot.personas[0] ?? null;
  const painPoints = rank(
    cardsOfKind(snapshot, 'painPoints').filter((c) => c.text.trim() !== ''),
    (c) => c.severity ?? 0,
    voteTotal,
  ).slice(0, limit);
  const opportunities = rank(
    cardsOfKind(snapshot, 'opportunities').filter((c) => c.text.trim() !== ''),
    voteTotal,
    (c) => (c.impact ?? 0) - (c.effort ?? 0),
    (c) => c.impact ?? 0,
  ).slice(0, limit);
  const kpisOffTarget = cardsOfKind(snapshot, 'kpis').filter((c) => kpiStatus(c) === 'off-target');
  return { persona, painPoints, opportunities, kpisOffTarget };
}
