/**
 * Current and future state and persona lines in the export drawing (issue
 * 16): the picture shows the states the user looks at, the curve draws a
 * line per persona and state (the future dashed), with a legend in the
 * curve's lane; hidden persona lines stay out, and a map with one line
 * draws as it always did.
 */
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { layoutGrid } from '../../../../src/canvas/layout';
import { mapDrawing, type DrawingView } from '../../../../src/export/drawing/mapDrawing';
import { CARD, CURVE } from '../../../../src/export/drawing/palette';
import type { DrawingPage, PathItem } from '../../../../src/export/drawing/types';
import { fullSpan } from '../../../../src/export/plan';
import { addPersona, listEntities, updateCard, type Locale } from '../../../../src/model';
import { createLiveMap, type MapSnapshot } from '../../../../src/model/live';
import { personaColor } from '../../../../src/model/personaColors';
import { mapDoc } from '../../../fixtures/model';
import { inputFor } from './fixtures';
import { showsText, textsOf } from './reading';

/** The backpack map with one touchpoint planned for the future, one the future removes, and, if asked, a second persona's scores. */
function plannedMap(locale: Locale, secondPersona = false): { snapshot: MapSnapshot; future: string; today: string } {
  const doc = mapDoc('backpack', locale);
  const touchpoints = listEntities(doc, 'lanes').find((l) => l.kind === 'touchpoints')!;
  const scored = listEntities(doc, 'cards').filter((c) => c.laneId === touchpoints.id && c.emotion !== undefined);
  const [future, today, ...rest] = scored;
  updateCard(doc, future!.id, { state: 'future', text: 'Planned kiosk' });
  updateCard(doc, today!.id, { state: 'current', text: 'Old paper form' });
  if (secondPersona) {
    // The template follows its persona (the cards' `emotion`); Ben scores the other touchpoints.
    const ben = addPersona(doc, { name: 'Ben' });
    // Scores live in the card's nested map (format v4), as the inspector writes them.
    for (const c of rest) ((doc.getMap('cards').get(c.id) as Y.Map<unknown>).get('personaEmotions') as Y.Map<number>).set(ben, -4);
  }
  const live = createLiveMap(doc);
  const snapshot = live.getSnapshot();
  live.destroy();
  return { snapshot, future: future!.id, today: today!.id };
}

function png(snapshot: MapSnapshot, locale: Locale, view?: DrawingView): DrawingPage {
  const layout = layoutGrid(snapshot.stages, snapshot.lanes, snapshot.cards);
  const region = fullSpan(layout, snapshot.personas.length > 0)!;
  const input = { ...inputFor(snapshot, locale), view };
  return mapDrawing(input, { kind: 'png', region, background: 'white', comments: false }).pages[0]!;
}

const curveLines = (page: DrawingPage) =>
  page.items.filter(
    (i): i is PathItem => i.kind === 'path' && !i.fill && i.lineWidth !== undefined && i.lineWidth >= CURVE.personaLineWidth,
  );
const dashed = (page: DrawingPage) => curveLines(page).filter((i) => i.dash?.join() === CURVE.futureDash.join());
const texts = (page: DrawingPage) => textsOf(page).map((t) => t.text);

describe('the export drawing of current and future state', () => {
  it('both states: every card, today solid and the future dashed, with a legend saying so', () => {
    const { snapshot } = plannedMap('en');
    const page = png(snapshot, 'en', { states: 'both' });
    expect(showsText(page, 'Planned kiosk')).toBe(true);
    expect(showsText(page, 'Old paper form')).toBe(true);
    expect(dashed(page).length).toBeGreaterThan(0);
    expect(curveLines(page).some((i) => !i.dash && i.stroke === CURVE.line)).toBe(true);
    expect(texts(page)).toEqual(expect.arrayContaining(['Current (solid)', 'Future (dashed)']));
    // The cards of one state are marked as on the canvas: a badge and a dashed outline.
    expect(texts(page).filter((t) => t === 'Future')).toHaveLength(1);
    expect(texts(page).filter((t) => t === 'Today only')).toHaveLength(1);
    expect(page.items.some((i) => i.kind === 'rect' && i.stroke === CARD.futureMark.line && i.dash !== undefined)).toBe(true);
  });

  it('one state: only its cards, and the curve of today looks as it always did', () => {
    const { snapshot } = plannedMap('en');
    const today = png(snapshot, 'en', { states: 'current' });
    expect(showsText(today, 'Planned kiosk')).toBe(false);
    expect(showsText(today, 'Old paper form')).toBe(true);
    expect(dashed(today)).toHaveLength(0);
    expect(texts(today)).not.toContain('Future (dashed)');

    const future = png(snapshot, 'en', { states: 'future' });
    expect(showsText(future, 'Planned kiosk')).toBe(true);
    expect(showsText(future, 'Old paper form')).toBe(false);
    expect(dashed(future).length).toBeGreaterThan(0);
    expect(texts(future)).toContain('Future (dashed)');
  });

  it('a map without states draws one solid line and no legend, as before', () => {
    const doc = mapDoc('backpack', 'en');
    const live = createLiveMap(doc);
    const page = png(live.getSnapshot(), 'en');
    live.destroy();
    expect(dashed(page)).toHaveLength(0);
    expect(curveLines(page).every((i) => i.stroke === CURVE.line)).toBe(true);
    expect(texts(page)).not.toContain('Current (solid)');
  });

  it("draws a second persona's line in its colour, names both in the legend, and leaves a hidden one out", () => {
    const { snapshot } = plannedMap('zh-CN', true);
    const ben = snapshot.personas.find((p) => p.name === 'Ben')!;
    const followed = snapshot.personas.find((p) => p.id === snapshot.meta?.personaId)!;
    const page = png(snapshot, 'zh-CN', { states: 'current' });
    expect(curveLines(page).some((i) => i.stroke === personaColor(1))).toBe(true);
    expect(texts(page)).toEqual(expect.arrayContaining([followed.name, 'Ben']));

    const hidden = png(snapshot, 'zh-CN', { states: 'both', hiddenCurveLines: [ben.id] });
    expect(curveLines(hidden).some((i) => i.stroke === personaColor(1))).toBe(false);
    expect(texts(hidden)).not.toContain('Ben');
    expect(texts(hidden)).toEqual(expect.arrayContaining(['现状（实线）', '未来（虚线）']));
  });
});
