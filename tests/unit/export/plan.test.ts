import { describe, expect, it } from 'vitest';
import { createLiveMap, type MapSnapshot } from '../../../src/model/live';
import { GRID, layoutGrid } from '../../../src/canvas/layout';
import {
  CANVAS_LIMITS,
  fullSpan,
  pixelRatioFor,
  planPdf,
  selectionSpan,
  sheetForSpan,
  spanExtent,
  tilesFor,
  PAGE,
  PAPER,
} from '../../../src/export/plan';
import { spanOfScope, visibleFlowRect } from '../../../src/export/scope';
import { fillToCards } from '../../fixtures/large-map';
import { mapDoc } from '../../fixtures/model';

function snapshotOf(template: 'backpack' | 'blank', cards?: number): MapSnapshot {
  const doc = mapDoc(template, 'zh-CN');
  if (cards) fillToCards(doc, cards);
  const live = createLiveMap(doc);
  const snapshot = live.getSnapshot();
  live.destroy();
  return snapshot;
}
const layoutOf = (s: MapSnapshot) => layoutGrid(s.stages, s.lanes, s.cards);

describe('export planning', () => {
  it('sizes the PNG sheet to hold the whole map, its header, persona and legend', () => {
    const snapshot = snapshotOf('backpack');
    const layout = layoutOf(snapshot);
    const sheet = sheetForSpan(layout, fullSpan(layout, true)!);
    expect(sheet.grid!.width).toBe(layout.width);
    expect(sheet.grid!.height).toBe(layout.height);
    expect(sheet.persona!.sheet.y).toBeGreaterThan(sheet.header.y + sheet.header.height);
    expect(sheet.grid!.stageHeaders.sheet.y).toBeGreaterThan(sheet.persona!.sheet.y + GRID.personaHeight);
    expect(sheet.legend.y).toBeGreaterThanOrEqual(sheet.grid!.body.sheet.y + sheet.grid!.body.sheet.height);
    expect(sheet.height).toBeGreaterThan(sheet.legend.y + sheet.legend.height);
  });

  it('keeps 2× unless the canvas would pass the browser limits, and tiles stay small', () => {
    expect(pixelRatioFor(2000, 5000)).toBe(2);
    const tall = pixelRatioFor(2000, 40_000);
    expect(40_000 * tall).toBeLessThanOrEqual(CANVAS_LIMITS.maxSide);
    const huge = pixelRatioFor(12_000, 12_000);
    expect(12_000 * huge * 12_000 * huge).toBeLessThanOrEqual(CANVAS_LIMITS.maxArea + 1);
    const tiles = tilesFor(2000, 9000, 2);
    for (const t of tiles) {
      expect(t.width * 2).toBeLessThanOrEqual(CANVAS_LIMITS.tile);
      expect(t.height * 2).toBeLessThanOrEqual(CANVAS_LIMITS.tile);
    }
    // Together the tiles cover the sheet exactly once.
    expect(tiles.reduce((a, t) => a + t.width * t.height, 0)).toBe(2000 * 9000);
  });

  it('a selection covers the block of stages and lanes its cards are in', () => {
    const snapshot = snapshotOf('backpack');
    const layout = layoutOf(snapshot);
    const a = snapshot.cards.find((c) => c.stageId === snapshot.stages[1]!.id && c.laneId === snapshot.lanes[0]!.id)!;
    const b = snapshot.cards.find((c) => c.stageId === snapshot.stages[3]!.id && c.laneId === snapshot.lanes[2]!.id)!;
    expect(selectionSpan(layout, [a, b])).toEqual({ firstStage: 1, lastStage: 3, firstLane: 0, lastLane: 2, persona: false });
    expect(selectionSpan(layout, [])).toBeNull();
  });

  it('the current view covers the stages and lanes at least partly on screen', () => {
    const snapshot = snapshotOf('backpack');
    const layout = layoutOf(snapshot);
    const col = layout.columns[2]!;
    const view = visibleFlowRect({ x: -(col.x + 10) * 0.5, y: -(layout.rows[1]!.y + 5) * 0.5, zoom: 0.5 }, { width: 300, height: 100 });
    const span = spanOfScope('view', layout, snapshot, new Set(), view)!;
    expect(span.firstStage).toBe(2);
    expect(span.firstLane).toBe(1);
    expect(span.lastStage).toBeGreaterThanOrEqual(2);
  });

  for (const paper of ['a4', 'a3'] as const) {
    it(`cuts a 600-card map into ${paper} pages that cover it once, at a readable scale`, () => {
      const snapshot = snapshotOf('backpack', 600);
      const layout = layoutOf(snapshot);
      const span = fullSpan(layout, true)!;
      const plan = planPdf(layout, span, paper);
      expect(plan.scale).toBeGreaterThanOrEqual(PAGE.minScale);
      expect(plan.pageWidth * plan.scale).toBeCloseTo(PAPER[paper].width);
      // every stage on exactly one page group, groups balanced
      const groups = [...new Set(plan.pages.map((p) => p.stages.join('-')))].map((k) => k.split('-').map(Number));
      expect(groups.flatMap(([a, b]) => Array.from({ length: b! - a! + 1 }, (_, i) => a! + i))).toEqual(layout.columns.map((_, i) => i));
      const sizes = groups.map(([a, b]) => b! - a! + 1);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      // each group's bands run from the top of the grid to its bottom without gaps or overlaps
      const { y0, y1 } = spanExtent(layout, span);
      for (const group of groups) {
        const bands = plan.pages.filter((p) => p.stages.join('-') === group.join('-')).map((p) => p.band);
        expect(bands[0]![0]).toBe(y0);
        expect(bands.at(-1)![1]).toBe(y1);
        bands.slice(1).forEach((band, i) => expect(band[0]).toBe(bands[i]![1]));
      }
      // each page's content fits inside the paper
      const usable = plan.pageHeight - 2 * plan.margin - plan.headerHeight;
      for (const page of plan.pages) {
        const persona = page.persona ? GRID.personaHeight + GRID.personaGap : 0;
        expect(page.band[1] - page.band[0] + GRID.stageHeaderHeight + persona).toBeLessThanOrEqual(usable + 0.01);
      }
      expect(plan.pages.filter((p) => p.persona)).toHaveLength(1);
    });
  }

  it('a small map fits one page without being blown up', () => {
    const snapshot = snapshotOf('blank');
    const layout = layoutOf(snapshot);
    const plan = planPdf(layout, fullSpan(layout, false)!, 'a3');
    expect(plan.scale).toBeLessThanOrEqual(PAGE.maxScale);
    expect(new Set(plan.pages.map((p) => p.stages.join('-'))).size).toBe(1);
  });
});
