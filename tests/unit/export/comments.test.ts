import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { cardTarget, MAP_TARGET, readComments, resolveThread, startThread } from '../../../src/model/comments';
import { createLiveMap } from '../../../src/model/live';
import { commentItems, packColumns } from '../../../src/export/comments';
import { mapDoc } from '../../fixtures/model';

const anna = { id: 'anna', name: 'Anna', color: '#336699' };

describe('comment threads for the PDF', () => {
  it('lists open threads: the whole map first, then cards in map order; resolved ones and deleted cards left out', () => {
    const doc = mapDoc('backpack', 'zh-CN');
    const live = createLiveMap(doc);
    const map = live.getSnapshot();
    const comments = new Y.Doc();
    const inStage = (i: number) => map.cards.find((c) => c.stageId === map.stages[i]!.id)!;
    const [first, second] = [inStage(map.stages.length - 1), inStage(0)];
    startThread(comments, cardTarget(first.id), anna, 'later card');
    startThread(comments, cardTarget(second.id), anna, 'earlier card');
    startThread(comments, MAP_TARGET, anna, 'about the map');
    const resolved = startThread(comments, cardTarget(second.id), anna, 'done')!;
    resolveThread(comments, resolved.threadId, anna.id);
    startThread(comments, cardTarget('gone'), anna, 'on a deleted card');

    const items = commentItems(map, readComments(comments));
    expect(items.map((i) => i.comments[0]!.text)).toEqual(['about the map', 'earlier card', 'later card']);
    expect(items[0]!.cardText).toBeNull();
    expect(items[1]!.cardText).toBe(second.text);
    expect(items[1]!.where).toContain(map.stages[0]!.name);
    live.destroy();
  });

  it('packs blocks into columns in order, a block too tall for any column alone in one', () => {
    expect(packColumns([100, 200, 300, 50], 400)).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(packColumns([500, 100], 400)).toEqual([[0], [1]]);
    expect(packColumns([], 400)).toEqual([]);
  });
});
