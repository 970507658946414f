import { describe, expect, it } from 'vitest';
import { layoutGrid } from '../../../src/canvas/layout';
import { pictureLayout, type PictureChoices } from '../../../src/export/pictureLayout';
import { fullSpan } from '../../../src/export/plan';
import { createLiveMap, type MapSnapshot } from '../../../src/model/live';
import { mapDoc } from '../../fixtures/model';

function snapshotOf(template: 'backpack' | 'blank'): MapSnapshot {
  const live = createLiveMap(mapDoc(template, 'zh-CN'));
  const snapshot = live.getSnapshot();
  live.destroy();
  return snapshot;
}

const choices: PictureChoices = { format: 'png', scope: 'map', background: 'white', paper: 'fit', summary: true, comments: true };
const view = { x: 100, y: 50, width: 900, height: 600 };

function surroundings(snapshot: MapSnapshot, selectedIds: string[] = []) {
  return { snapshot, layout: layoutGrid(snapshot.stages, snapshot.lanes, snapshot.cards), selectedIds: new Set(selectedIds), view };
}

describe("what a picture export covers, from the dialog's choices", () => {
  const snapshot = snapshotOf('backpack');
  const whole = fullSpan(surroundings(snapshot).layout, true);

  it('a PNG of the whole map, of the selected cards or of the view on screen', () => {
    expect(pictureLayout(choices, surroundings(snapshot))).toEqual({ kind: 'png', region: whole, background: 'white', comments: true });
    const card = snapshot.cards.find((c) => c.text === '小红书测评笔记')!;
    const selection = pictureLayout({ ...choices, scope: 'selection' }, surroundings(snapshot, [card.id]));
    expect(selection).toMatchObject({ kind: 'png', region: { persona: false } });
    const region = (selection as { region: { firstStage: number; lastStage: number; firstLane: number; lastLane: number } }).region;
    expect([region.lastStage - region.firstStage, region.lastLane - region.firstLane]).toEqual([0, 0]);
    expect(pictureLayout({ ...choices, scope: 'view', background: 'transparent' }, surroundings(snapshot))).toEqual({
      kind: 'png',
      region: view,
      background: 'transparent',
      comments: true,
    });
  });

  it('a PDF covers the whole map whatever part a PNG would, on the paper chosen', () => {
    for (const paper of ['fit', 'a4', 'a3'] as const) {
      expect(pictureLayout({ ...choices, format: 'pdf', scope: 'view', paper, summary: false }, surroundings(snapshot))).toEqual({
        kind: 'pdf',
        paper,
        span: whole,
        summary: false,
        comments: true,
      });
    }
  });

  it('nothing to draw: no card selected, or a map without stages or lanes', () => {
    expect(pictureLayout({ ...choices, scope: 'selection' }, surroundings(snapshot))).toBeNull();
    const empty = { ...snapshot, stages: [], lanes: [], cards: [] };
    expect(pictureLayout({ ...choices, format: 'pdf' }, surroundings(empty))).toBeNull();
  });
});
