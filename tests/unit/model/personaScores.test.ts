/**
 * Per-persona emotion scores (format v4): the commands that set them, what
 * following another persona and deleting one do to them, and how they travel
 * (JSON export/import, versions, duplicates, version compare).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addPersona,
  collection,
  createLiveMap,
  deleteCard,
  deletePersona,
  docFromMapDocument,
  docToMapDocument,
  duplicateCard,
  followPersona,
  InvalidWriteError,
  listEntities,
  MapDocumentSchema,
  personaScore,
  readEntity,
  readMeta,
  SERVER_ORIGIN,
  setEmotion,
  setPersonaScore,
  setPersonaScores,
} from '../../../src/model';
import { diffMaps, personaScoreField } from '../../../src/model/compare/diff';
import { restoreContent } from '../../../src/model/restore';
import { compareView } from '../../../src/model/compare/view';
import { describeCardChange, namesOf } from '../../../src/model/compare/describe';
import { mapFileFromDocs, parseMapFile } from '../../../src/model/exchange/mapFile';
import { translatorFor } from '../../../src/i18n/language';
import { touchpointsTable } from '../../../src/model/exchange/csvTables';
import { csvLabels } from '../../../src/export/csvLabels';
import { mapDoc, sync, twoReplicas } from '../../fixtures/model';
import { asOneStep } from '../../fixtures/undoStep';

/** A blank map with personas Ana (followed) and Ben, and two touchpoint cards. */
function setup(doc: Y.Doc = mapDoc('blank')) {
  const ana = addPersona(doc, { name: 'Ana' });
  const ben = addPersona(doc, { name: 'Ben' });
  const lane = listEntities(doc, 'lanes').find((l) => l.kind === 'touchpoints')!;
  const stage = listEntities(doc, 'stages')[0]!;
  const [x, y] = ['Website', 'Checkout'].map((text) => addCard(doc, { laneId: lane.id, stageId: stage.id, text }));
  return { doc, ana, ben, x: x!, y: y! };
}

const card = (doc: Y.Doc, id: string) => readEntity(doc, 'cards', id)!;
const exported = (doc: Y.Doc, id: string) => docToMapDocument(doc).cards[id]!;

describe('setPersonaScore', () => {
  it('the followed persona (and null, the default line) sets `emotion`; another persona its own entry', () => {
    const { doc, ana, ben, x } = setup();
    expect(readMeta(doc)!.personaId).toBe(ana);
    expect(setPersonaScore(doc, x, ana, 3)).toBe(true);
    expect(setPersonaScore(doc, x, ben, -2)).toBe(true);
    expect(card(doc, x)).toMatchObject({ emotion: 3, personaEmotions: { [ben]: -2 } });
    expect(setPersonaScore(doc, x, null, 1)).toBe(true);
    expect(card(doc, x).emotion).toBe(1);
    expect(personaScore(card(doc, x), ana, ana)).toBe(1);
    expect(personaScore(card(doc, x), ben, ana)).toBe(-2);
    expect(personaScore(card(doc, x), null, ana)).toBe(1);
  });

  it('writes into the map the card was created with, rounds and clamps like a dragged point, clears with undefined', () => {
    const { doc, ben, x } = setup();
    const scores = collection(doc, 'cards').get(x)!.get('personaEmotions');
    setPersonaScore(doc, x, ben, 9.6);
    expect(collection(doc, 'cards').get(x)!.get('personaEmotions')).toBe(scores);
    expect(card(doc, x).personaEmotions).toEqual({ [ben]: 5 });
    setPersonaScore(doc, x, ben, -0.4);
    expect(Object.is(card(doc, x).personaEmotions![ben], 0)).toBe(true);
    setPersonaScore(doc, x, ben, undefined);
    expect(exported(doc, x)).not.toHaveProperty('personaEmotions');
  });

  it('is one step; refuses what the format does not allow and writes nothing; false for a gone card or persona', () => {
    const { doc, ben, x } = setup();
    asOneStep(doc, () => expect(setPersonaScore(doc, x, ben, 4)).toBe(true));
    expect(() => setPersonaScore(doc, x, 'not an id!', 1)).toThrow(InvalidWriteError);
    expect(() => setPersonaScore(doc, x, ben, Number.NaN)).toThrow(InvalidWriteError);
    expect(card(doc, x).personaEmotions).toEqual({ [ben]: 4 });
    expect(setPersonaScore(doc, 'ghost', ben, 1)).toBe(false);
    expect(setPersonaScore(doc, x, 'ghostPersona', 1)).toBe(false);
    expect(card(doc, x).personaEmotions).toEqual({ [ben]: 4 });
  });

  it('on several cards at once, as one step', () => {
    const { doc, ben, x, y } = setup();
    asOneStep(doc, () => expect(setPersonaScores(doc, [x, y], ben, -1)).toBe(2));
    expect([card(doc, x).personaEmotions, card(doc, y).personaEmotions]).toEqual([{ [ben]: -1 }, { [ben]: -1 }]);
  });

  it('two people scoring two personas on one card at the same moment both keep their score', () => {
    const [a, b] = twoReplicas('blank');
    const { ana, ben, x } = setup(a);
    const carla = addPersona(a, { name: 'Carla' });
    followPersona(a, ana);
    sync(a, b);
    setPersonaScore(a, x, ben, 2);
    setPersonaScore(b, x, carla, -4);
    sync(a, b);
    for (const doc of [a, b]) expect(exported(doc, x).personaEmotions).toEqual({ [ben]: 2, [carla]: -4 });
    expect(docToMapDocument(a)).toEqual(docToMapDocument(b));
  });

  it('dragging the curve point still sets the default line', () => {
    const { doc, ana, x } = setup();
    setEmotion(doc, x, -3);
    expect(personaScore(card(doc, x), ana, ana)).toBe(-3);
  });
});

describe('following another persona: no score changes owner', () => {
  it('A -> B swaps the two personas’ scores on every card, in one step', () => {
    const { doc, ana, ben, x, y } = setup();
    setPersonaScore(doc, x, ana, 3);
    setPersonaScore(doc, x, ben, -2);
    setPersonaScore(doc, y, ana, 1); // Ben has no score on y
    asOneStep(doc, () => followPersona(doc, ben));
    expect(readMeta(doc)!.personaId).toBe(ben);
    expect(exported(doc, x)).toMatchObject({ emotion: -2, personaEmotions: { [ana]: 3 } });
    expect(exported(doc, y).emotion).toBeUndefined();
    expect(exported(doc, y).personaEmotions).toEqual({ [ana]: 1 });
    for (const id of [x, y]) {
      expect(personaScore(card(doc, id), ana, ben)).toBe(id === x ? 3 : 1);
      expect(personaScore(card(doc, id), ben, ben)).toBe(id === x ? -2 : undefined);
    }
    MapDocumentSchema.parse(docToMapDocument(doc));
  });

  it('A -> none keeps A’s scores as A’s; none -> A gives them back; the map’s own curve becomes the first persona’s', () => {
    const { doc, ana, ben, x } = setup();
    setPersonaScore(doc, x, ana, 3);
    setPersonaScore(doc, x, ben, -1);
    followPersona(doc, null);
    expect(exported(doc, x)).toMatchObject({ personaEmotions: { [ana]: 3, [ben]: -1 } });
    expect(exported(doc, x).emotion).toBeUndefined();
    setPersonaScore(doc, x, null, 5); // the map's own curve
    followPersona(doc, ana);
    // Ana's own score wins over the map's on a card where both exist.
    expect(exported(doc, x)).toMatchObject({ emotion: 3, personaEmotions: { [ben]: -1 } });

    const blank = mapDoc('blank');
    const lane = listEntities(blank, 'lanes').find((l) => l.kind === 'emotions')!;
    const point = addCard(blank, { laneId: lane.id, stageId: listEntities(blank, 'stages')[0]!.id, text: 'low', fields: { emotion: -4 } });
    const first = addPersona(blank, { name: 'First' });
    expect(readMeta(blank)!.personaId).toBe(first);
    expect(personaScore(card(blank, point), first, first)).toBe(-4);
  });

  it('following the persona already followed, or an unknown one, changes nothing', () => {
    const { doc, ana, x } = setup();
    setPersonaScore(doc, x, ana, 3);
    const before = Y.encodeStateVector(doc);
    followPersona(doc, ana);
    followPersona(doc, 'ghost');
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});

describe('deleting a persona deletes its scores', () => {
  it('another persona: its entries on every card go, the default line stays', () => {
    const { doc, ana, ben, x, y } = setup();
    setPersonaScore(doc, x, ana, 3);
    setPersonaScore(doc, x, ben, -2);
    setPersonaScore(doc, y, ben, 1);
    asOneStep(doc, () => deletePersona(doc, ben));
    expect(exported(doc, x)).toMatchObject({ emotion: 3 });
    for (const id of [x, y]) {
      expect(exported(doc, id)).not.toHaveProperty('personaEmotions');
      expect((collection(doc, 'cards').get(id)!.get('personaEmotions') as Y.Map<number>).size).toBe(0);
    }
  });

  it('the followed persona: its default-line scores go, the others’ stay, the map follows none', () => {
    const { doc, ana, ben, x } = setup();
    setPersonaScore(doc, x, ana, 3);
    setPersonaScore(doc, x, ben, -2);
    deletePersona(doc, ana);
    expect(readMeta(doc)!.personaId).toBeUndefined();
    expect(exported(doc, x).emotion).toBeUndefined();
    expect(exported(doc, x).personaEmotions).toEqual({ [ben]: -2 });
  });

  it('a score written at the moment the persona is deleted elsewhere is not shown nor exported', () => {
    const [a, b] = twoReplicas('blank');
    const { ben, x } = setup(a);
    sync(a, b);
    deletePersona(a, ben);
    setPersonaScore(b, x, ben, 4);
    sync(a, b);
    expect(exported(a, x)).not.toHaveProperty('personaEmotions');
    expect(docToMapDocument(b)).toEqual(docToMapDocument(a));
  });
});

describe('persona scores travel with the map', () => {
  it('JSON export and import keep them', () => {
    const { doc, ben, x } = setup();
    setPersonaScore(doc, x, ben, -3);
    const file = JSON.parse(JSON.stringify(mapFileFromDocs(doc)));
    expect(file.cards[x].personaEmotions).toEqual({ [ben]: -3 });
    const read = parseMapFile(file);
    expect(read.ok).toBe(true);
    const imported = docFromMapDocument(read.ok ? read.map : null);
    expect(exported(imported, x).personaEmotions).toEqual({ [ben]: -3 });
    expect(collection(imported, 'cards').get(x)!.get('personaEmotions')).toBeInstanceOf(Y.Map);
  });

  it('a duplicate copies them into its own map', () => {
    const { doc, ben, x } = setup();
    setPersonaScore(doc, x, ben, 2);
    const copy = duplicateCard(doc, x)!;
    expect(card(doc, copy).personaEmotions).toEqual({ [ben]: 2 });
    setPersonaScore(doc, copy, ben, -5);
    expect(card(doc, x).personaEmotions).toEqual({ [ben]: 2 });
  });

  it('restoring a version restores them key by key, keeping a score set at the same moment for another persona', () => {
    const [a, b] = twoReplicas('blank');
    const { ben, x } = setup(a);
    const carla = addPersona(a, { name: 'Carla' });
    setPersonaScore(a, x, ben, 2);
    const version = docToMapDocument(a);
    setPersonaScore(a, x, ben, -5);
    sync(a, b);
    const scores = collection(a, 'cards').get(x)!.get('personaEmotions');
    restoreContent(a, version, SERVER_ORIGIN);
    setPersonaScore(b, x, carla, 1);
    sync(a, b);
    expect(collection(a, 'cards').get(x)!.get('personaEmotions')).toBe(scores);
    expect(exported(a, x).personaEmotions).toEqual({ [ben]: 2, [carla]: 1 });
  });

  it('version compare: a changed persona score is a change, said with the persona’s name', () => {
    const { doc, ben, x } = setup();
    setPersonaScore(doc, x, ben, 2);
    const before = new Y.Doc();
    Y.applyUpdate(before, Y.encodeStateAsUpdate(doc));
    setPersonaScore(doc, x, ben, -1);
    const snap = (d: Y.Doc) => {
      const live = createLiveMap(d);
      const s = live.getSnapshot();
      live.destroy();
      return s;
    };
    const diff = diffMaps(snap(before), snap(doc));
    expect(diff.cards.map((c) => [c.id, c.fields])).toEqual([[x, [{ field: personaScoreField(ben), before: 2, after: -1 }]]]);
    const names = namesOf(compareView(docToMapDocument(before), docToMapDocument(doc)));
    expect(describeCardChange(translatorFor('en'), diff.cards[0]!, names)).toEqual(['Emotion for Ben: +2 → -1']);
    expect(describeCardChange(translatorFor('zh-CN'), diff.cards[0]!, names)[0]).toMatch(/^Ben 的情绪：\+2 → -1$/);
    setPersonaScore(doc, x, ben, undefined);
    expect(diffMaps(snap(before), snap(doc)).cards[0]!.fields).toEqual([{ field: personaScoreField(ben), before: 2, after: null }]);
  });

  it('version compare: the view of a map whose scored card was removed, and whose scored persona was deleted or followed since, validates', () => {
    const { doc, ben, x, y } = setup();
    const carla = addPersona(doc, { name: 'Carla' });
    setPersonaScore(doc, x, ben, 2);
    setPersonaScore(doc, x, carla, 1);
    setPersonaScore(doc, y, carla, -1);
    const before = docToMapDocument(doc);
    deleteCard(doc, x);
    deleteCard(doc, y);
    deletePersona(doc, carla);
    followPersona(doc, ben);
    const view = MapDocumentSchema.parse(compareView(before, docToMapDocument(doc)));
    expect(view.cards[x]).toBeDefined();
    expect(view.cards[x]).not.toHaveProperty('personaEmotions');
    expect(view.cards[y]).not.toHaveProperty('personaEmotions');
  });

  it('CSV: the touchpoints sheet has a column per persona with a line of its own, named after it', () => {
    const { doc, ana, ben, x } = setup();
    setPersonaScore(doc, x, ana, 3);
    setPersonaScore(doc, x, ben, -2);
    const live = createLiveMap(doc);
    const [header, ...rows] = touchpointsTable(live.getSnapshot(), csvLabels(translatorFor('en')));
    const zh = touchpointsTable(live.getSnapshot(), csvLabels(translatorFor('zh-CN')))[0]!;
    live.destroy();
    const col = header!.indexOf('Emotion: Ben');
    expect(col).toBeGreaterThan(header!.indexOf('Emotion'));
    expect(header).not.toContain('Emotion: Ana');
    expect(zh).toContain('情绪：Ben');
    expect(rows.map((r) => [r[2], r[header!.indexOf('Emotion')], r[col]])).toEqual([
      ['Website', 3, -2],
      ['Checkout', '', ''],
    ]);
  });
});
