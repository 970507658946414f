/** What a map's searchable copy holds and how a query matches it (src/model/cardSearch.ts, cardSearchIndex.ts). */
import { describe, expect, it } from 'vitest';
import { foldCardText, foldText, foldedCards, matchRanges } from '../../../src/model/cardSearch';
import { searchCardsOf } from '../../../src/model/cardSearchIndex';
import { docFromMapDocument } from '../../../src/model/doc';
import { smallMapFile } from '../../fixtures/mapFile';
import { v2Doc } from '../../fixtures/model';

/** The small map with a pain-point lane in front and these extra cards. */
function docWith(cards: Record<string, { laneId: string; stageId: string; text: string; order: string }>) {
  const file = smallMapFile();
  return docFromMapDocument({
    ...file,
    lanes: { ...file.lanes, l0: { id: 'l0', order: 'a', kind: 'painPoints', name: '痛点', department: '' } },
    cards: {
      ...file.cards,
      ...Object.fromEntries(Object.entries(cards).map(([id, c]) => [id, { id, votes: {}, ...c }])),
    },
  });
}

describe('searchCardsOf', () => {
  it('lists shown cards with text in journey order (stage, lane, place), with lane kind, lane and stage names', () => {
    const doc = docWith({
      late: { laneId: 'l0', stageId: 's1', text: '配送太慢', order: 'b0' },
      early: { laneId: 'l0', stageId: 's1', text: 'Delivery window unclear', order: 'a5' },
      empty: { laneId: 'l0', stageId: 's2', text: '   ', order: 'a0' },
      orphan: { laneId: 'gone', stageId: 's1', text: '配送 lost', order: 'a0' },
    });
    expect(searchCardsOf(doc)).toEqual([
      { id: 'early', kind: 'painPoints', lane: '痛点', stage: '认知', text: 'Delivery window unclear' },
      { id: 'late', kind: 'painPoints', lane: '痛点', stage: '认知', text: '配送太慢' },
      { id: 'c1', kind: 'touchpoints', lane: '触点', stage: '认知', text: '在小红书看到推荐' },
      { id: 'c2', kind: 'kpis', lane: '指标', stage: '购买', text: '转化率' },
    ]);
  });

  it('reads a v2 map, whose card text is a plain string', () => {
    const doc = v2Doc({ title: 'old' }, [
      ['stages', 's', { id: 's', order: 'a0', name: 'Buy', description: '', color: '#4f7cff' }],
      ['lanes', 'l', { id: 'l', order: 'a0', kind: 'painPoints', name: 'Pains', department: '' }],
      ['cards', 'c', { id: 'c', order: 'a0', laneId: 'l', stageId: 's', text: 'Late delivery' }],
    ]);
    expect(searchCardsOf(doc)).toEqual([{ id: 'c', kind: 'painPoints', lane: 'Pains', stage: 'Buy', text: 'Late delivery' }]);
  });
});

describe('matching', () => {
  it('folds case and full-width Latin, keeps Chinese as typed, and never matches across two cards', () => {
    expect(foldText('ＤＥＬＩＶＥＲＹ 配送')).toBe('delivery 配送');
    const cards = [
      { id: 'a', kind: 'painPoints' as const, lane: '', stage: '', text: 'Slow\nDelivery' },
      { id: 'b', kind: 'painPoints' as const, lane: '', stage: '', text: '配送' },
    ];
    expect(foldedCards(cards)).toBe('slow delivery\n配送');
    expect(foldCardText('Slow\n  Delivery')).toContain('slow delivery');
  });

  it('gives the ranges to highlight in the text as shown', () => {
    expect(matchRanges('Late DELIVERY, delivery again', 'delivery')).toEqual([
      [5, 13],
      [15, 23],
    ]);
    expect(matchRanges('顺丰配送太慢，配送员没打电话', '配送')).toEqual([
      [2, 4],
      [7, 9],
    ]);
    expect(matchRanges('Nothing here', 'delivery')).toEqual([]);
  });
});
