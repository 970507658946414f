import { describe, expect, it } from 'vitest';
import { createLiveMap } from '../../../src/model/live';
import { reviewSummary } from '../../../src/model/summary';
import { kpiStatus } from '../../../src/model/journey';
import { castVote } from '../../../src/model/commands/votes';
import { mapDoc } from '../../fixtures/model';

describe('review summary (the PDF summary page)', () => {
  it('picks the followed persona, the worst pain points, the most voted opportunities and KPIs off target', () => {
    const doc = mapDoc('backpack', 'zh-CN');
    const live = createLiveMap(doc);
    const before = live.getSnapshot();
    const opportunities = before.cards.filter((c) => before.lanes.find((l) => l.id === c.laneId)?.kind === 'opportunities');
    const voted = opportunities.at(-1)!;
    castVote(doc, voted.id, 'participant-a');
    castVote(doc, voted.id, 'participant-b');
    const snapshot = live.getSnapshot();
    const summary = reviewSummary(snapshot);

    expect(summary.persona?.id).toBe(snapshot.meta?.personaId);
    expect(summary.painPoints.length).toBeGreaterThan(0);
    const severities = summary.painPoints.map((c) => c.severity ?? 0);
    expect(severities).toEqual([...severities].sort((a, b) => b - a));
    expect(summary.opportunities[0]!.id).toBe(voted.id);
    expect(summary.kpisOffTarget.length).toBeGreaterThan(0);
    expect(summary.kpisOffTarget.every((c) => kpiStatus(c) === 'off-target')).toBe(true);
    live.destroy();
  });

  it('an empty map has no persona and empty lists', () => {
    const live = createLiveMap(mapDoc('blank'));
    expect(reviewSummary(live.getSnapshot())).toEqual({ persona: null, painPoints: [], opportunities: [], kpisOffTarget: [] });
    live.destroy();
  });
});
