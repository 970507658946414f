import { describe, expect, it } from 'vitest';
import { GRID, layoutGrid } from '../../../../src/canvas/layout';
import { commentItems } from '../../../../src/export/comments';
import { mapDrawing, PDF_MAX_SIDE, type MapDrawingInput } from '../../../../src/export/drawing/mapDrawing';
import { drawingNeeds, drawingTexts } from '../../../../src/export/drawing/drawingTexts';
import { CARD, CARD_COLORS, CURVE, GOLD, INK } from '../../../../src/export/drawing/palette';
import { cardItems } from '../../../../src/export/drawing/cardItems';
import { facetLayout, facetRow } from '../../../../src/export/drawing/cardFacets';
import { paperMapLayout } from '../../../../src/export/drawing/paperMapPages';
import { READABLE_SCALE } from '../../../../src/export/drawing/paperPlan';
import type { DrawContext } from '../../../../src/export/drawing/context';
import type { Drawing, DrawingPage, RectItem } from '../../../../src/export/drawing/types';
import { fullSpan, selectionSpan, SHEET, type GridSpan } from '../../../../src/export/plan';
import { visibleFlowRect } from '../../../../src/export/scope';
import { emotionPoints, kpiTargetLabel } from '../../../../src/model/journey';
import type { MapSnapshot } from '../../../../src/model/live';
import type { Card } from '../../../../src/model/schema';
import { cardTarget, MAP_TARGET, readComments, startThread } from '../../../../src/model/comments';
import { addCard, addStage, deleteLane, listEntities, type Locale, type TemplateId } from '../../../../src/model';
import { setLinkedMap } from '../../../../src/model/commands/journeyLinks';
import { createLiveMap } from '../../../../src/model/live';
import * as Y from 'yjs';
import { mapDoc } from '../../../fixtures/model';
import { fixedMeasure } from './fixedMeasure';
import { inputFor, snapshotOf, withFonts } from './fixtures';
import { boundsOf, overlaps, pageOfStage, showsText, textsOf } from './reading';

const TEMPLATES: TemplateId[] = ['blank', 'backpack', 'subscription', 'b2b'];
const LOCALES: Locale[] = ['en', 'zh-CN'];
const measure = fixedMeasure();

const layoutOf = (s: MapSnapshot) => layoutGrid(s.stages, s.lanes, s.cards);
const spanOf = (s: MapSnapshot) => fullSpan(layoutOf(s), s.personas.length > 0)!;

/** What a card shows as its text: a KPI its metric, an empty card "(empty)". */
function shownText(input: MapDrawingInput, snapshot: MapSnapshot, cardId: string): string {
  const card = snapshot.cardById.get(cardId)!;
  const lane = snapshot.lanes.find((l) => l.id === card.laneId)!;
  if (lane.kind === 'kpis') return card.metric || card.text || input.t('kpi.unnamed');
  return card.text || input.t('canvas.emptyCard');
}

/** Cards drawn as cards (the emotion lane's are points on the curve). */
const cardsOnGrid = (snapshot: MapSnapshot) => {
  const layout = layoutOf(snapshot);
  return snapshot.cards.filter((c) => layout.cardPositions.has(c.id));
};

const cardFills = new Set(Object.values(CARD_COLORS).map((c) => c.fill));
/** A card as a reader sees it: a rounded box in a card colour, of a card's shape. */
const cardBoxes = (page: DrawingPage) =>
  page.items.filter(
    (i): i is RectItem =>
      i.kind === 'rect' &&
      i.radius !== undefined &&
      cardFills.has(i.fill ?? '') &&
      Math.abs(i.width / i.height - GRID.cardWidth / GRID.cardHeight) < 0.05,
  );

/** The emotion points drawn on a page: white circles rimmed in the curve's colour or gold. */
const curvePointsOn = (page: DrawingPage) =>
  page.items.filter((i) => i.kind === 'path' && i.fill === '#ffffff' && (i.stroke === CURVE.line || i.stroke === GOLD));

function contextFor(input: MapDrawingInput, comments = false): DrawContext {
  const { snapshot } = input;
  return {
    snapshot,
    layout: layoutOf(snapshot),
    measure: input.measure,
    t: input.t,
    locale: input.locale,
    emoji: input.emoji,
    commentCounts: input.commentCounts,
    comments,
    ranks: input.ranks ?? new Map(),
    persona: snapshot.personas.find((p) => p.id === snapshot.meta?.personaId) ?? null,
    linkedTitles: input.linkedTitles ?? new Map(),
    stateView: 'both',
    hiddenCurveLines: new Set(),
  };
}

/**
 * What a reader of the paper PDF checks: a page per group of stages, each
 * stage starting on one page, every card's text on its stage's page, every
 * lane's header and the line of visibility on every page, the page header
 * clear of the map, the emotion points on the pages of their stages, cards
 * the same size on every page.
 */
async function checkPaper(snapshot: MapSnapshot, locale: Locale, paper: 'a4' | 'a3', label: string) {
  const span = spanOf(snapshot);
  const options = { kind: 'pdf', paper, span, summary: false, comments: false } as const;
  const input = await withFonts(inputFor(snapshot, locale), options);
  const { t, measure } = input;
  const drawing = mapDrawing(input, options);
  const { plan } = paperMapLayout(contextFor(input), span, paper);
  console.log(
    `${label} on ${paper}: ${plan.groups.length} page(s) of ${plan.groups.map(([a, b]) => b - a + 1).join(' + ')} stages, ${plan.scale.toFixed(2)} pt per flow px`,
  );

  expect(drawing.pages).toHaveLength(plan.groups.length);
  expect(drawing.meta).toMatchObject({ title: snapshot.meta!.title || t('export.untitled'), language: locale, author: 'Anna' });

  // Every stage starts on exactly one page, in order, and every page holds at least one.
  const pageOf = snapshot.stages.map((s) => pageOfStage(drawing, s.name));
  for (const pages of pageOf) expect(pages).toHaveLength(1);
  expect(pageOf.map((p) => p[0])).toEqual([...pageOf.map((p) => p[0]!)].sort((a, b) => a - b));
  for (const page of drawing.pages) {
    expect(page.bookmarks.length).toBeGreaterThan(0);
    expect(textsOf(page).length).toBeGreaterThan(0);
  }
  const perPage = drawing.pages.map((p) => p.bookmarks.length);
  expect(Math.max(...perPage) - Math.min(...perPage)).toBeLessThanOrEqual(1);

  for (const card of cardsOnGrid(snapshot)) {
    const stage = snapshot.stages.find((s) => s.id === card.stageId)!;
    const page = drawing.pages[pageOfStage(drawing, stage.name)[0]!]!;
    expect(showsText(page, shownText(input, snapshot, card.id)), `${stage.name}: ${card.text}`).toBe(true);
  }

  // Every page repeats the headers of every lane, and the line of visibility's label when there is one.
  const visibility = snapshot.lanes.at(-1)?.kind === 'backstage';
  for (const page of drawing.pages) {
    for (const lane of snapshot.lanes) expect(showsText(page, lane.name), lane.name).toBe(true);
    expect(textsOf(page).some((i) => i.text === t('canvas.lineOfVisibility'))).toBe(visibility);
  }

  // Cards look alike throughout: one scale on every page.
  const widths = new Set(drawing.pages.flatMap((page) => cardBoxes(page).map((box) => box.width.toFixed(2))));
  expect(widths.size).toBeLessThanOrEqual(2); // a moment of truth's thicker frame

  // The page's header (title, details, page n / N · date, brand) overlaps nothing of the map.
  const details = new Set(
    snapshot.stages.flatMap((a) => [
      t('export.stage', { name: a.name }),
      ...snapshot.stages.map((b) => t('export.stages', { first: a.name, last: b.name })),
    ]),
  );
  const title = drawing.meta.title;
  const isHeader = (text: string, n: number) =>
    text === title ||
    (text.endsWith('…') && title.startsWith(text.slice(0, -1))) ||
    details.has(text.replace(/…$/, '')) ||
    text.startsWith(t('export.pageOf', { n, total: drawing.pages.length })) ||
    text === t('app.name');
  drawing.pages.forEach((page, i) => {
    const header = textsOf(page).filter((item) => isHeader(item.text, i + 1));
    expect(header).toHaveLength(4);
    const boxes = cardBoxes(page);
    const mapTop = Math.min(...page.bookmarks.map((b) => b.y));
    for (const item of header) {
      const box = boundsOf(item, measure);
      expect(box.y + box.height).toBeLessThanOrEqual(mapTop);
      for (const card of boxes) expect(overlaps(box, card)).toBe(false);
    }
  });

  // The emotion curve's points on the pages of their stages, with the touchpoints they score, and the curve through them.
  const points = emotionPoints(snapshot.stages, snapshot.lanes, snapshot.cards);
  const curveLanes = snapshot.lanes.filter((l) => l.kind === 'emotions').length;
  for (const page of drawing.pages) {
    const stageIds = new Set(snapshot.stages.filter((s) => page.bookmarks.some((b) => b.title === s.name)).map((s) => s.id));
    const here = points.filter((p) => stageIds.has(p.stageId));
    expect(curvePointsOn(page)).toHaveLength(here.length * curveLanes);
    const lines = page.items.filter(
      (i) => i.kind === 'path' && i.stroke === CURVE.line && !i.fill && i.lineWidth! >= CURVE.lineWidth * plan.scale - 0.01,
    );
    if (here.length > 1 && curveLanes > 0) expect(lines.length).toBeGreaterThan(0);
    for (const p of here.filter((p) => p.touchpoint)) expect(showsText(page, p.text), p.text).toBe(true);
  }
  return { drawing, plan };
}

/** The backpack map with `extra` more stages, each with a scored touchpoint: wider than a page. */
function wideMap(extra: number, locale: Locale): MapSnapshot {
  const doc = mapDoc('backpack', locale);
  const touchpoints = listEntities(doc, 'lanes').find((l) => l.kind === 'touchpoints')!;
  for (let i = 0; i < extra; i++) {
    const stageId = addStage(doc, { name: `Stage ${i + 8}` });
    addCard(doc, {
      laneId: touchpoints.id,
      stageId,
      text: `Touchpoint of stage ${i + 8}`,
      fields: { emotion: (i % 11) - 5, channel: 'digital' },
    });
  }
  return live(doc);
}

/** Two lanes and many stages: short enough that the page's width, not its height, limits the scale. */
function shortMap(stages: number): MapSnapshot {
  const doc = mapDoc('blank', 'en');
  const lanes = listEntities(doc, 'lanes');
  for (const lane of lanes.slice(2)) deleteLane(doc, lane.id);
  for (let i = 0; i < stages; i++) {
    const stageId = addStage(doc, { name: `Extra ${i + 1}` });
    addCard(doc, { laneId: lanes[0]!.id, stageId, text: `Step ${i + 1} of a long journey`, fields: {} });
  }
  return live(doc);
}

function live(doc: Y.Doc): MapSnapshot {
  const map = createLiveMap(doc);
  const snapshot = map.getSnapshot();
  map.destroy();
  return snapshot;
}

describe('the map drawing on paper', () => {
  for (const template of TEMPLATES) {
    for (const locale of LOCALES) {
      for (const paper of ['a4', 'a3'] as const) {
        it(`${template} (${locale}) on ${paper}: a page per group of stages, as a reader checks it`, async () => {
          await checkPaper(snapshotOf(template, locale), locale, paper, `${template} ${locale}`);
        });
      }
    }
  }

  for (const locale of LOCALES) {
    it(`a map wider than the paper (${locale}) is cut between stages into balanced groups, the curve across them`, async () => {
      const { drawing } = await checkPaper(wideMap(33, locale), locale, 'a4', `40 stages ${locale}`);
      expect(drawing.pages.length).toBeGreaterThan(1);
    });
  }

  it('a short map keeps a readable scale and takes more pages for it', async () => {
    const { drawing, plan } = await checkPaper(shortMap(24), 'en', 'a4', '2 lanes × 30 stages');
    expect(plan.scale).toBeGreaterThanOrEqual(READABLE_SCALE);
    expect(drawing.pages.length).toBeGreaterThan(1);
  });

  it('keeps the persona to the first page, the summary first and the open threads last', () => {
    const snapshot = snapshotOf('backpack', 'en');
    const comments = new Y.Doc();
    const anna = { id: 'anna', name: 'Anna', color: '#336699' };
    const card = cardsOnGrid(snapshot).at(-1)!;
    startThread(comments, cardTarget(card.id), anna, 'Is this still true after the relaunch?');
    startThread(comments, MAP_TARGET, anna, 'Please check the KPIs before Friday.');
    const threads = commentItems(snapshot, readComments(comments));
    const input = inputFor(snapshot, 'en', { threads, commentCounts: new Map([[card.id, 1]]) });
    const span = spanOf(snapshot);
    const plain = mapDrawing(input, { kind: 'pdf', paper: 'a4', span, summary: false, comments: false });
    const full = mapDrawing(input, { kind: 'pdf', paper: 'a4', span, summary: true, comments: true });

    expect(full.pages).toHaveLength(plain.pages.length + 2);
    const summary = full.pages[0]!;
    expect(showsText(summary, input.t('export.summary.painPoints'))).toBe(true);
    expect(summary.bookmarks).toEqual([]);
    const last = full.pages.at(-1)!;
    expect(showsText(last, 'Is this still true after the relaunch?')).toBe(true);
    expect(showsText(last, input.t('export.comments.onMap'))).toBe(true);
    const persona = snapshot.personas.find((p) => p.id === snapshot.meta!.personaId)!;
    const withPersona = full.pages.flatMap((page, i) => (textsOf(page).some((t) => t.text === persona.name) ? [i] : []));
    // the summary and the first map page
    expect(withPersona).toEqual([0, 1]);
    // numbered over the whole document
    expect(textsOf(last).some((t) => t.text.startsWith(input.t('export.pageOf', { n: full.pages.length, total: full.pages.length })))).toBe(
      true,
    );
  });

  it('shows a comment count on a card only when comments are on', () => {
    const snapshot = snapshotOf('backpack', 'en');
    const card = cardsOnGrid(snapshot)[0]!;
    const input = inputFor(snapshot, 'en', { commentCounts: new Map([[card.id, 7]]) });
    const span = spanOf(snapshot);
    const texts = (comments: boolean) =>
      textsOf(mapDrawing(input, { kind: 'png', region: span, background: 'white', comments }).pages[0]!).map((t) => t.text);
    expect(texts(true)).toContain('7');
    expect(texts(false)).not.toContain('7');
  });

  it('marks the top cards of the last secret vote with their rank, as the canvas does, in both languages', () => {
    for (const locale of LOCALES) {
      const snapshot = snapshotOf('backpack', locale);
      const [first, second] = cardsOnGrid(snapshot);
      const input = {
        ...inputFor(snapshot, locale),
        ranks: new Map([
          [first!.id, 1],
          [second!.id, 2],
        ]),
      };
      const texts = textsOf(
        mapDrawing(input, { kind: 'png', region: spanOf(snapshot), background: 'white', comments: false }).pages[0]!,
      ).map((t) => t.text);
      expect(texts).toContain(input.t('rounds.rank', { rank: 1 }));
      expect(texts).toContain(input.t('rounds.rank', { rank: 2 }));
      expect(texts).not.toContain(input.t('rounds.rank', { rank: 3 }));
    }
    expect(inputFor(snapshotOf('backpack', 'zh-CN'), 'zh-CN').t('rounds.rank', { rank: 1 })).toBe('第 1 名');
  });
});

describe('linked journeys in a picture', () => {
  it('draws a linked stage’s and card’s map title, “Linked map not found” for a gone one, “Linked map” for one it does not know', () => {
    for (const locale of LOCALES) {
      const doc = mapDoc('backpack', locale);
      const [s0, s1, s2] = listEntities(doc, 'stages');
      const live = createLiveMap(doc);
      const kpiLanes = new Set(
        listEntities(doc, 'lanes')
          .filter((l) => l.kind === 'kpis')
          .map((l) => l.id),
      );
      const card = cardsOnGrid(live.getSnapshot()).find((c) => c.stageId === s0!.id && c.text && !kpiLanes.has(c.laneId))!;
      setLinkedMap(doc, { carrier: 'stage', id: s0!.id }, 'returns');
      setLinkedMap(doc, { carrier: 'stage', id: s1!.id }, 'gone');
      setLinkedMap(doc, { carrier: 'stage', id: s2!.id }, 'unknown');
      setLinkedMap(doc, { carrier: 'card', id: card.id }, 'returns');
      const snapshot = live.getSnapshot();
      const input = {
        ...inputFor(snapshot, locale),
        linkedTitles: new Map([
          ['returns', '退货 Returns'],
          ['gone', null],
        ]),
      };
      const drawing = mapDrawing(input, { kind: 'png', region: spanOf(snapshot), background: 'white', comments: false });
      const texts = textsOf(drawing.pages[0]!).map((t) => t.text.trim());
      expect(texts.filter((t) => t === '退货 Returns')).toHaveLength(2);
      expect(texts).toContain(input.t('journeys.notFound'));
      expect(texts).toContain(input.t('journeys.hidden'));
      // The linked card still shows its text.
      expect(texts.some((t) => t.startsWith(card.text.slice(0, 8)))).toBe(true);
      live.destroy();
    }
  });
});

describe('the map drawing on one page', () => {
  for (const template of TEMPLATES) {
    for (const locale of LOCALES) {
      it(`${template} (${locale}) 'fit': one page holds every card, within PDF's page limit`, async () => {
        const snapshot = snapshotOf(template, locale);
        const options = { kind: 'pdf', paper: 'fit', span: spanOf(snapshot), summary: false, comments: false } as const;
        const input = await withFonts(inputFor(snapshot, locale), options);
        const drawing = mapDrawing(input, options);
        expect(drawing.pages).toHaveLength(1);
        const page = drawing.pages[0]!;
        expect(Math.max(page.width, page.height)).toBeLessThanOrEqual(PDF_MAX_SIDE);
        for (const card of cardsOnGrid(snapshot)) expect(showsText(page, shownText(input, snapshot, card.id)), card.text).toBe(true);
        expect(page.bookmarks.map((b) => b.title)).toEqual(snapshot.stages.map((s) => s.name));
        expect(showsText(page, input.t('export.legend'))).toBe(true);
      });
    }
  }

  it("scales a huge map down to PDF's largest page", () => {
    const snapshot = snapshotOf('backpack', 'en', 3000);
    const drawing = mapDrawing(inputFor(snapshot, 'en'), {
      kind: 'pdf',
      paper: 'fit',
      span: spanOf(snapshot),
      summary: false,
      comments: false,
    });
    const page = drawing.pages[0]!;
    expect(Math.max(page.width, page.height)).toBeCloseTo(PDF_MAX_SIDE, 0);
  });
});

describe('the map drawing as a PNG', () => {
  it("draws only the selection's block", () => {
    const snapshot = snapshotOf('backpack', 'en');
    const layout = layoutOf(snapshot);
    const inCell = (stage: number, lane: number) =>
      snapshot.cards.find((c) => c.stageId === snapshot.stages[stage]!.id && c.laneId === snapshot.lanes[lane]!.id)!;
    const span = selectionSpan(layout, [inCell(1, 0), inCell(3, 2)])!;
    const input = inputFor(snapshot, 'en');
    const page = mapDrawing(input, { kind: 'png', region: span, background: 'transparent', comments: false }).pages[0]!;
    for (const card of cardsOnGrid(snapshot)) {
      const stage = snapshot.stages.findIndex((s) => s.id === card.stageId);
      const lane = snapshot.lanes.findIndex((l) => l.id === card.laneId);
      const inside = stage >= span.firstStage && stage <= span.lastStage && lane >= span.firstLane && lane <= span.lastLane;
      expect(showsText(page, shownText(input, snapshot, card.id)), card.text).toBe(inside);
    }
    expect(showsText(page, snapshot.stages[0]!.name)).toBe(false);
    expect(showsText(page, snapshot.stages[1]!.name)).toBe(true);
    // 1 flow unit a page unit: the page is the block plus its headers and frame
    expect(page.width).toBe(GRID.laneHeaderWidth + 3 * GRID.columnWidth + 2 * SHEET.margin);
    expect(page.items.some((i) => i.kind === 'rect' && i.fill === '#ffffff' && i.width === page.width)).toBe(false);
  });

  it('cuts the current view at its edges', () => {
    const snapshot = snapshotOf('backpack', 'zh-CN');
    const layout = layoutOf(snapshot);
    const col = layout.columns[2]!;
    const row = layout.rows[0]!;
    // A view starting in the middle of a column's first card, two and a half columns wide.
    const view = visibleFlowRect({ x: -(col.x + 100), y: -(row.y + 5), zoom: 1 }, { width: 2.5 * GRID.columnWidth, height: 700 });
    const input = inputFor(snapshot, 'zh-CN');
    const page = mapDrawing(input, { kind: 'png', region: view, background: 'white', comments: false }).pages[0]!;
    const window = { x: SHEET.margin, y: SHEET.margin + SHEET.headerHeight + SHEET.gap, width: view.width, height: view.height };
    const legendTop = window.y + window.height;
    for (const item of page.items) {
      const box = boundsOf(item, measure);
      // everything between the header and the legend lies in the view's window
      if (box.y > SHEET.margin + SHEET.headerHeight && box.y + box.height < legendTop) {
        // (a line cut at the edge is as wide as it is: half its width may pass the edge)
        expect(box.x).toBeGreaterThanOrEqual(window.x - 1.01);
        expect(box.x + box.width).toBeLessThanOrEqual(window.x + window.width + 1.01);
      }
    }
    for (const card of cardsOnGrid(snapshot)) {
      const at = layout.cardPositions.get(card.id)!;
      const whole =
        at.x >= view.x && at.x + GRID.cardWidth <= view.x + view.width && at.y >= view.y && at.y + GRID.cardHeight <= view.y + view.height;
      const outside = at.x + GRID.cardWidth <= view.x || at.x >= view.x + view.width || at.y >= view.y + view.height;
      if (whole) expect(showsText(page, shownText(input, snapshot, card.id)), card.text).toBe(true);
      if (outside) expect(showsText(page, shownText(input, snapshot, card.id)), card.text).toBe(false);
    }
  });
});

describe("a card's facets in a picture (issue 14: votes and tags never hide)", () => {
  for (const locale of LOCALES) {
    it(`an opportunity with every facet, tags, a persona, comments and votes (${locale}): each facet placed inside the card, none left out`, async () => {
      const snapshot = snapshotOf('backpack', locale);
      const lane = snapshot.lanes.find((l) => l.kind === 'opportunities')!;
      const base = snapshot.cards.find((c) => c.laneId === lane.id)!;
      const card: Card = {
        ...base,
        text: 'Bundle a rain cover with every pack sold in the wet season, and say so on the product page',
        type: 'quickWin',
        impact: 4,
        effort: 2,
        tags: ['rose', 'bud', 'thorn'],
        votes: { participantAnna0000001: 5, participantBen00000001: 4 },
        personaId: snapshot.personas[0]!.id,
      };
      const options = { kind: 'png', region: spanOf(snapshot), background: 'white', comments: true } as const;
      const input = await withFonts(inputFor(snapshot, locale, { commentCounts: new Map([[card.id, 12]]) }), options);
      const { t } = input;
      const impactEffort = t('fields.impactEffortShort', { impact: 4, effort: 2 });
      await input.measure.load([t('opportunityTypes.quickWin'), impactEffort, '+4', '9', '12', card.text]);
      const ctx = contextFor(input, true);
      const at = { x: 400, y: 300 };
      const box = { x: at.x, y: at.y, width: GRID.cardWidth, height: GRID.cardHeight };
      const contentWidth = GRID.cardWidth - 2 * (1 + CARD.paddingX);

      // The layout: every facet placed, each inside the row's width, none over another, on as many lines as they need.
      const row = facetRow(ctx, card, lane.kind, snapshot.personas[0]!.avatar)!;
      expect(row.left).toHaveLength(5); // type, impact · effort, three tags
      expect(row.right).toHaveLength(3); // persona, comments, votes
      const laid = facetLayout(input.measure, row, contentWidth);
      expect(laid.placed).toHaveLength(8);
      expect(laid.lines, 'the facets wrap').toBeGreaterThan(1);
      for (const [i, p] of laid.placed.entries()) {
        expect(p.x, `facet ${i}`).toBeGreaterThanOrEqual(0);
        expect(p.x + p.width, `facet ${i}`).toBeLessThanOrEqual(contentWidth + 0.01);
        for (const q of laid.placed.slice(i + 1)) if (q.line === p.line) expect(q.x >= p.x + p.width || q.x + q.width <= p.x).toBe(true);
      }
      // The votes stay together at the bottom-right corner.
      const votes = laid.placed.at(-1)!;
      expect([votes.line, votes.x + votes.width]).toEqual([laid.lines - 1, expect.closeTo(contentWidth, 2)]);

      // The drawing: everything inside the card's box, every facet's words drawn, the card's text above the facets.
      const items = cardItems(ctx, card, lane.kind, at, snapshot.personas[0]!.avatar);
      for (const item of items) {
        const b = boundsOf(item, input.measure);
        expect(b.x, JSON.stringify(item).slice(0, 80)).toBeGreaterThanOrEqual(box.x - 0.5);
        expect(b.y, JSON.stringify(item).slice(0, 80)).toBeGreaterThanOrEqual(box.y - 0.5);
        expect(b.x + b.width, JSON.stringify(item).slice(0, 80)).toBeLessThanOrEqual(box.x + box.width + 0.5);
        expect(b.y + b.height, JSON.stringify(item).slice(0, 80)).toBeLessThanOrEqual(box.y + box.height + 0.5);
      }
      const texts = items.filter((i) => i.kind === 'text');
      for (const word of [t('opportunityTypes.quickWin'), impactEffort, '+4', '9', '12']) {
        expect(
          texts.map((i) => i.text),
          word,
        ).toContain(word);
      }
      const facetTop = box.y + box.height - 1 - CARD.paddingY - laid.height;
      const cardLines = texts.filter((i) => i.style.size === CARD.textSize);
      expect(cardLines.length, 'the text keeps a line').toBeGreaterThan(0);
      for (const line of cardLines) {
        const b = boundsOf(line, input.measure);
        expect(b.y + b.height, line.text).toBeLessThanOrEqual(facetTop + 0.5);
      }
      // Each tag's icon is drawn: the only icons stroked in ink on this card.
      const tagIcons = items.filter((i) => i.kind === 'path' && i.stroke === INK && boundsOf(i, input.measure).y >= facetTop - 0.5);
      expect(tagIcons).toHaveLength(3);
    });
  }
});

describe('a KPI card in a picture (issue 14: its target was cut beside a wide value)', () => {
  for (const locale of LOCALES) {
    it(`draws the whole target as a facet, inside the card, however wide the value (${locale})`, async () => {
      const snapshot = snapshotOf('backpack', locale);
      const lane = snapshot.lanes.find((l) => l.kind === 'kpis')!;
      const base = snapshot.cards.find((c) => c.laneId === lane.id)!;
      const card: Card = { ...base, metric: 'First-contact resolution rate', value: 1234.5, target: 99, unit: 'days', direction: 'lower' };
      const input = await withFonts(inputFor(snapshot, locale), {
        kind: 'png',
        region: spanOf(snapshot),
        background: 'white',
        comments: false,
      });
      const target = kpiTargetLabel(card, input.t('kpi.target'));
      expect(target).toMatch(/ ≤ 99 days$/);
      await input.measure.load([target, input.t('kpi.offTarget'), '1234.5 days', card.metric!]);
      const ctx = contextFor(input, true);
      const at = { x: 400, y: 300 };
      const items = cardItems(ctx, card, lane.kind, at, undefined);
      const texts = items.filter((i) => i.kind === 'text');
      expect(texts.map((i) => i.text)).toContain(target);
      for (const item of texts) {
        const b = boundsOf(item, input.measure);
        expect(b.x + b.width, item.text).toBeLessThanOrEqual(at.x + GRID.cardWidth + 0.5);
        expect(b.y + b.height, item.text).toBeLessThanOrEqual(at.y + GRID.cardHeight + 0.5);
      }
    });
  }
});

describe('what a drawing needs first', () => {
  it('lists every text and emoji the drawing draws', () => {
    const snapshot = snapshotOf('b2b', 'zh-CN');
    const input = inputFor(snapshot, 'zh-CN');
    const options = { kind: 'pdf', paper: 'a4', span: spanOf(snapshot), summary: true, comments: false } as const;
    const needed = new Set(drawingTexts(input, options).flatMap((t) => [...t]));
    const drawing: Drawing = mapDrawing(input, options);
    for (const page of drawing.pages) for (const item of textsOf(page)) for (const ch of item.text) expect(needed.has(ch), ch).toBe(true);
    expect(drawingNeeds(input, options).emoji.sort()).toEqual([...new Set(snapshot.personas.map((p) => p.avatar))].sort());
  });
});

describe('a large map', () => {
  it('lays out the 600-card map quickly', async () => {
    const snapshot = snapshotOf('backpack', 'zh-CN', 600);
    const span: GridSpan = spanOf(snapshot);
    const input = await withFonts(inputFor(snapshot, 'zh-CN'), { kind: 'pdf', paper: 'a4', span, summary: true, comments: false });
    const started = performance.now();
    const a4 = mapDrawing(input, { kind: 'pdf', paper: 'a4', span, summary: true, comments: false });
    const a4Ms = performance.now() - started;
    const pngOptions = { kind: 'png', region: span, background: 'white', comments: false } as const;
    const pngInput = await withFonts(input, pngOptions);
    const pngStarted = performance.now();
    const png = mapDrawing(pngInput, pngOptions);
    const pngMs = performance.now() - pngStarted;
    const items = (d: Drawing) => d.pages.reduce((n, p) => n + p.items.length, 0);
    console.log(
      `600 cards: A4 ${a4.pages.length} pages, ${items(a4)} items in ${a4Ms.toFixed(0)} ms; PNG ${items(png)} items in ${pngMs.toFixed(0)} ms`,
    );
    for (const card of cardsOnGrid(snapshot)) {
      const stage = snapshot.stages.find((s) => s.id === card.stageId)!;
      expect(showsText(a4.pages[pageOfStage(a4, stage.name)[0]!]!, shownText(input, snapshot, card.id))).toBe(true);
    }
    expect(READABLE_SCALE).toBeGreaterThan(0);
  });
});

describe('the header line: owner and last review', () => {
  const withReview = (meta: Partial<NonNullable<MapSnapshot['meta']>>): MapSnapshot => {
    const snapshot = snapshotOf('backpack', 'en');
    return { ...snapshot, meta: { ...snapshot.meta!, ...meta } };
  };
  const headerOf = (snapshot: MapSnapshot, locale: Locale = 'en') => {
    const input = inputFor(snapshot, locale);
    const texts = (drawing: Drawing) => textsOf(drawing.pages.at(-1)!).map((t) => t.text);
    return {
      png: texts(mapDrawing(input, { kind: 'png', region: spanOf(snapshot), background: 'white', comments: false })),
      pdf: texts(mapDrawing(input, { kind: 'pdf', paper: 'fit', span: spanOf(snapshot), summary: false, comments: false })),
    };
  };
  const reviewed = Date.UTC(2026, 7, 4, 12);

  it('says who owns the map and when it was last reviewed, on PNG and PDF', () => {
    const { png, pdf } = headerOf(withReview({ owner: 'Ana Li', lastReviewedAt: reviewed }));
    for (const texts of [png, pdf]) expect(texts.some((t) => t.endsWith(' · Owner: Ana Li · last reviewed August 4, 2026'))).toBe(true);
    const zh = headerOf(withReview({ owner: '王芳', lastReviewedAt: reviewed }), 'zh-CN');
    expect(zh.png.some((t) => t.endsWith(' · 负责人：王芳 · 上次评审：2026年8月4日'))).toBe(true);
  });

  it('says "never reviewed" for an owned map never reviewed, and nothing when neither is set', () => {
    expect(headerOf(withReview({ owner: 'Ana Li' })).png.some((t) => t.endsWith('Owner: Ana Li · never reviewed'))).toBe(true);
    expect(headerOf(withReview({})).png.some((t) => /Owner|reviewed/.test(t))).toBe(false);
  });
});
