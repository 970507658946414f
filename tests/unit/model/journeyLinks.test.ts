/**
 * Linked journeys in the model: a stage's or card's `linkedMapId` is written
 * through setLinkedMap (checked like every field), read repaired when another
 * client wrote garbage, kept by the JSON file, read for the server's index
 * (journeyLinksOf), and laid out as the dashboard's tree (journeyForest).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, collection, deleteStage, docToMapDocument, InvalidWriteError, listEntities, readEntity } from '../../../src/model';
import { setLinkedMap } from '../../../src/model/commands/journeyLinks';
import { mapFileFromDocs, parseMapFile } from '../../../src/model/exchange/mapFile';
import { journeyLinksOf } from '../../../src/model/journeys/linkIndex';
import { journeyForest } from '../../../src/model/journeys/tree';
import type { JourneyGraph } from '../../../src/model/journeys/wire';
import { firstCell, mapDoc } from '../../fixtures/model';

const stageIds = (doc: Y.Doc) => listEntities(doc, 'stages').map((s) => s.id);

describe('linkedMapId on stages and cards', () => {
  it('is set, replaced and removed by setLinkedMap, and an invalid id is refused with nothing written', () => {
    const doc = mapDoc('backpack');
    const stage = stageIds(doc)[0]!;
    const card = addCard(doc, { ...firstCell(doc), text: 'Return a parcel' });
    expect(setLinkedMap(doc, { carrier: 'stage', id: stage }, 'returnsMap')).toBe(true);
    expect(setLinkedMap(doc, { carrier: 'card', id: card }, 'refundsMap')).toBe(true);
    expect(readEntity(doc, 'stages', stage)?.linkedMapId).toBe('returnsMap');
    expect(readEntity(doc, 'cards', card)?.linkedMapId).toBe('refundsMap');
    expect(() => setLinkedMap(doc, { carrier: 'card', id: card }, 'not an id!')).toThrow(InvalidWriteError);
    expect(() => setLinkedMap(doc, { carrier: 'stage', id: stage }, '__proto__')).toThrow(InvalidWriteError);
    expect(readEntity(doc, 'cards', card)?.linkedMapId).toBe('refundsMap');
    expect(setLinkedMap(doc, { carrier: 'stage', id: stage }, null)).toBe(true);
    expect(readEntity(doc, 'stages', stage)?.linkedMapId).toBeUndefined();
    expect(collection(doc, 'stages').get(stage)!.has('linkedMapId')).toBe(false);
    expect(setLinkedMap(doc, { carrier: 'stage', id: 'gone' }, 'returnsMap')).toBe(false);
  });

  it('reads a linkedMapId another client wrote wrong as no link, the entity and its other fields kept', () => {
    const doc = mapDoc('backpack');
    const stage = stageIds(doc)[0]!;
    const card = addCard(doc, { ...firstCell(doc), text: 'kept' });
    collection(doc, 'stages').get(stage)!.set('linkedMapId', 42);
    collection(doc, 'cards').get(card)!.set('linkedMapId', 'x'.repeat(65));
    const read = readEntity(doc, 'stages', stage)!;
    expect(read.linkedMapId).toBeUndefined();
    expect(read.name).not.toBe('');
    expect(readEntity(doc, 'cards', card)).toMatchObject({ text: 'kept' });
    expect(readEntity(doc, 'cards', card)?.linkedMapId).toBeUndefined();
    expect(journeyLinksOf(doc)).toEqual([]);
  });

  it('travels in the JSON file: export then import keeps every link', () => {
    const doc = mapDoc('backpack');
    const stage = stageIds(doc)[1]!;
    const card = addCard(doc, { ...firstCell(doc), text: 'Return a parcel' });
    setLinkedMap(doc, { carrier: 'stage', id: stage }, 'returnsMap');
    setLinkedMap(doc, { carrier: 'card', id: card }, 'refundsMap');
    const parsed = parseMapFile(JSON.stringify(mapFileFromDocs(doc)));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.map.stages[stage]?.linkedMapId).toBe('returnsMap');
    expect(parsed.map.cards[card]?.linkedMapId).toBe('refundsMap');
    expect(docToMapDocument(doc).cards[card]?.linkedMapId).toBe('refundsMap');
  });
});

describe('journeyLinksOf (the server’s index of a map)', () => {
  it('lists the links of stages, then of cards the map shows, each by id; a card of a deleted stage is not shown', () => {
    const doc = mapDoc('backpack');
    const [s0, s1] = stageIds(doc) as [string, string];
    const lane = listEntities(doc, 'lanes')[0]!.id;
    const k0 = addCard(doc, { laneId: lane, stageId: s0, text: 'a' });
    const k1 = addCard(doc, { laneId: lane, stageId: s1, text: 'b' });
    setLinkedMap(doc, { carrier: 'card', id: k0 }, 'm1');
    setLinkedMap(doc, { carrier: 'card', id: k1 }, 'm2');
    setLinkedMap(doc, { carrier: 'stage', id: s0 }, 'm3');
    expect(journeyLinksOf(doc)).toEqual([
      { carrier: 'stage', carrierId: s0, mapId: 'm3' },
      ...[
        { carrier: 'card', carrierId: k0, mapId: 'm1' },
        { carrier: 'card', carrierId: k1, mapId: 'm2' },
      ].sort((a, b) => (a.carrierId < b.carrierId ? -1 : 1)),
    ]);
    deleteStage(doc, s1);
    expect(journeyLinksOf(doc).map((l) => l.mapId)).toEqual(['m3', 'm1']);
  });
});

describe('journeyForest (the dashboard’s tree of journeys)', () => {
  const graph = (titles: Record<string, string>, links: [string, string][]): JourneyGraph => ({
    maps: Object.entries(titles).map(([id, title]) => ({ id, title, updatedAt: 0 })),
    links,
  });
  const compare = (a: string, b: string) => a.localeCompare(b);

  it('nests sub-journeys under every map that links to them, in title order', () => {
    const forest = journeyForest(
      graph({ a: 'After purchase', b: 'Returns', c: 'Checkout', d: 'Refunds', e: 'Alone' }, [
        ['a', 'b'],
        ['c', 'b'],
        ['b', 'd'],
        ['a', 'd'],
        ['a', 'gone'],
      ]),
      compare,
    );
    expect(forest.roots).toEqual(['a', 'e', 'c']);
    expect(forest.children.get('a')).toEqual(['d', 'b']);
    expect(forest.children.get('c')).toEqual(['b']);
    expect(forest.children.get('b')).toEqual(['d']);
  });

  it('shows maps that only link among themselves (a cycle) once as a root, and ignores a map linking to itself', () => {
    const forest = journeyForest(
      graph({ x: 'X', y: 'Y', z: 'Z' }, [
        ['x', 'y'],
        ['y', 'x'],
        ['z', 'z'],
      ]),
      compare,
    );
    expect(forest.roots).toEqual(['z', 'x']);
    expect(forest.children.get('x')).toEqual(['y']);
    expect(forest.children.get('z')).toBeUndefined();
  });
});
