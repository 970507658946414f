/** Presentation mode's slides (model/presentation.ts), built from a real map. */
import { describe, expect, it } from 'vitest';
import { addCard, createLiveMap, listEntities } from '../../../src/model';
import {
  buildSlides,
  CARDS_PER_LANE,
  clampStep,
  presentedPersona,
  stageMoods,
  stageSlides,
  type CardSlide,
  type StageSlide,
} from '../../../src/model/presentation';
import { mapDoc } from '../../fixtures/model';

const snapshotOf = (doc: ReturnType<typeof mapDoc>) => createLiveMap(doc).getSnapshot();

describe('presentation slides', () => {
  it('one slide per stage in map order, each with its cards by lane; the emotion lane is left to the curve', () => {
    const map = snapshotOf(mapDoc('backpack'));
    const slides = stageSlides(map);
    expect(slides.map((s) => s.stage.name)).toEqual(map.stages.map((s) => s.name));
    expect(slides.map((s) => s.stageNumber)).toEqual(map.stages.map((_, i) => i + 1));
    const first = slides[0]!;
    const laneOrder = map.lanes.map((l) => l.id);
    const shownLanes = first.lanes.map((l) => l.lane.id);
    expect(shownLanes).toEqual([...shownLanes].sort((a, b) => laneOrder.indexOf(a) - laneOrder.indexOf(b)));
    expect(first.lanes.some((l) => l.lane.kind === 'emotions')).toBe(false);
    for (const { lane, cards } of first.lanes) {
      expect(cards.length).toBeGreaterThan(0);
      for (const card of cards) expect([card.laneId, card.stageId]).toEqual([lane.id, first.stageId]);
    }
  });

  it(`shows ${CARDS_PER_LANE} cards of a lane and counts the rest as "+N more"`, () => {
    const doc = mapDoc('backpack');
    const stage = listEntities(doc, 'stages')[1]!;
    const lane = listEntities(doc, 'lanes').find((l) => l.kind === 'painPoints')!;
    const before = listEntities(doc, 'cards').filter((c) => c.laneId === lane.id && c.stageId === stage.id).length;
    for (let i = 0; i < CARDS_PER_LANE + 3; i++) addCard(doc, { laneId: lane.id, stageId: stage.id, text: `extra ${i}` });
    const slide = stageSlides(snapshotOf(doc))[1]!;
    const row = slide.lanes.find((l) => l.lane.id === lane.id)!;
    expect(row.cards).toHaveLength(CARDS_PER_LANE);
    expect(row.more).toBe(before + CARDS_PER_LANE + 3 - CARDS_PER_LANE);
  });

  it('a path of cards is walked in journey order, whatever order it was picked in; cards gone since are skipped', () => {
    const map = snapshotOf(mapDoc('backpack'));
    const late = map.cards.find((c) => c.stageId === map.stages.at(-1)!.id)!;
    const early = map.cards.find((c) => c.stageId === map.stages[0]!.id)!;
    const slides = buildSlides(map, [late.id, 'gone-card-id-00000000', early.id]) as CardSlide[];
    expect(slides.map((s) => s.card.id)).toEqual([early.id, late.id]);
    expect(slides[1]).toMatchObject({ kind: 'card', stageNumber: map.stages.length, stageId: late.stageId });
    expect((buildSlides(map, null)[0] as StageSlide).kind).toBe('stage');
  });

  it('a step from elsewhere is kept within the slides there are', () => {
    expect(clampStep(3, 7)).toBe(3);
    expect(clampStep(12, 7)).toBe(6);
    expect(clampStep(-1, 7)).toBe(0);
    expect(clampStep(2, 0)).toBe(0);
  });

  it('the curve is each stage’s mean score, null where nothing is scored; the persona is the followed one', () => {
    const map = snapshotOf(mapDoc('backpack'));
    const moods = stageMoods(map);
    expect(moods.map((m) => m.stageId)).toEqual(map.stages.map((s) => s.id));
    const scored = map.cards.filter((c) => c.stageId === map.stages[0]!.id && c.emotion !== undefined);
    const lanesOnCurve = new Set(map.lanes.filter((l) => l.kind === 'touchpoints' || l.kind === 'emotions').map((l) => l.id));
    const scores = scored.filter((c) => lanesOnCurve.has(c.laneId)).map((c) => c.emotion!);
    expect(moods[0]!.emotion).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 1);
    expect(presentedPersona(map)?.id).toBe(map.meta?.personaId ?? map.personas[0]?.id);
    expect(stageMoods(snapshotOf(mapDoc('blank'))).every((m) => m.emotion === null)).toBe(true);
  });
});
