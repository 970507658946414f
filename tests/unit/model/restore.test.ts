/**
 * Restoring a saved version as a new change on top (src/model/restore.ts):
 * the content becomes the version's, while a colleague's concurrent edits,
 * their undo stack and their offline edits survive like any remote change.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addPersona,
  addStage,
  castVote,
  collection,
  createUndo,
  deleteCard,
  deleteLane,
  deletePersona,
  deleteStage,
  docToMapDocument,
  followPersona,
  listEntities,
  LOCAL_ORIGIN,
  MapDocumentSchema,
  metaMap,
  moveCard,
  moveLane,
  moveStage,
  readEntity,
  readMeta,
  renameMap,
  retractVote,
  SERVER_ORIGIN,
  setEmotion,
  setTag,
  setVotesPerParticipant,
  updateCard,
  updateCardText,
  updatePersona,
  updateStage,
  type MapDocument,
} from '../../../src/model';
import { restoreContent, sameValue } from '../../../src/model/restore';
import { CreateVersionRequestSchema } from '../../../src/model/versions';
import { firstCell, mapDoc, prng, sync, twoReplicas } from '../../fixtures/model';

/** The content as a reader sees it, without the one field a restore sets to now. */
const content = (doc: Y.Doc): MapDocument => {
  const map = docToMapDocument(doc);
  const { updatedAt: _updatedAt, ...meta } = map.meta;
  return { ...map, meta: meta as MapDocument['meta'] };
};
const expectContent = (doc: Y.Doc, target: MapDocument) => {
  expect(content(doc)).toEqual({ ...target, meta: (({ updatedAt: _u, ...m }) => m)(target.meta) });
  MapDocumentSchema.parse(docToMapDocument(doc));
};
const textOf = (doc: Y.Doc, id: string) => readEntity(doc, 'cards', id)?.text;

/** Many kinds of change since the version: adds, deletes, moves, field edits, meta, personas, votes, tags. */
function editALot(doc: Y.Doc): void {
  const cards = listEntities(doc, 'cards');
  const stages = listEntities(doc, 'stages');
  const lanes = listEntities(doc, 'lanes');
  renameMap(doc, 'Renamed since');
  setVotesPerParticipant(doc, 9);
  addCard(doc, { ...firstCell(doc, 1, 1), text: 'added since' });
  deleteCard(doc, cards[0]!.id);
  moveCard(doc, cards[1]!.id, firstCell(doc, 2, 3));
  updateCardText(doc, cards[2]!.id, 'text changed since');
  updateCard(doc, cards[3]!.id, { emotion: -5, momentOfTruth: true, channel: undefined });
  setTag(doc, [cards[4]!.id], 'thorn', true);
  castVote(doc, cards[5]!.id, 'alice');
  updateStage(doc, stages[0]!.id, { name: 'Stage renamed', color: '#000000' });
  moveStage(doc, stages[1]!.id, 4);
  deleteStage(doc, stages[2]!.id);
  moveLane(doc, lanes[0]!.id, 3);
  deleteLane(doc, lanes[lanes.length - 1]!.id);
  addStage(doc, { name: 'New stage' });
  const p = addPersona(doc, { name: 'Newcomer' });
  followPersona(doc, p);
  const personas = listEntities(doc, 'personas');
  if (personas[0]!.id !== p) updatePersona(doc, personas[0]!.id, { goals: ['other', 'goals'], quote: 'changed' });
}

describe('restoreContent', () => {
  it('makes the content equal the version after adds, deletes, moves and field edits', () => {
    for (const template of ['backpack', 'subscription', 'b2b'] as const) {
      const doc = mapDoc(template);
      const version = docToMapDocument(doc);
      editALot(doc);
      expect(content(doc)).not.toEqual(content(mapDoc(template)));
      restoreContent(doc, version, SERVER_ORIGIN, 1_800_000_000_000);
      expectContent(doc, version);
      // createdAt and schemaVersion are kept; updatedAt is the restore's time.
      expect(readMeta(doc)).toMatchObject({ createdAt: version.meta.createdAt, schemaVersion: 4, updatedAt: 1_800_000_000_000 });
    }
  });

  it('restores what a persona deletion and an unfollow took away, and unfollows what was followed since', () => {
    const doc = mapDoc('backpack');
    const version = docToMapDocument(doc);
    expect(version.meta.personaId).toBeDefined();
    deletePersona(doc, version.meta.personaId!);
    expect(readMeta(doc)?.personaId).toBeUndefined();
    restoreContent(doc, version, SERVER_ORIGIN);
    expectContent(doc, version);

    const blank = mapDoc('blank');
    const before = docToMapDocument(blank);
    followPersona(blank, addPersona(blank, { name: 'x' }));
    restoreContent(blank, before, SERVER_ORIGIN);
    expect(metaMap(blank).has('personaId')).toBe(false);
    expectContent(blank, before);
  });

  it('is one transaction with the given origin, and changes only what differs', () => {
    const doc = mapDoc('subscription');
    const version = docToMapDocument(doc);
    const card = listEntities(doc, 'cards')[0]!;
    updateCardText(doc, card.id, 'changed');
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    let update: Uint8Array | null = null;
    doc.once('update', (u: Uint8Array) => (update = u));
    restoreContent(doc, version, SERVER_ORIGIN);
    expect(origins).toEqual([SERVER_ORIGIN]);
    expect(textOf(doc, card.id)).toBe(card.text);
    // Only the card's text and meta.updatedAt: a small update, not the whole map again.
    expect(update!.byteLength).toBeLessThan(card.text.length + 200);
    expect(update!.byteLength).toBeLessThan(Y.encodeStateAsUpdate(doc).byteLength / 20);
  });

  it('restoring the content the document already has changes nothing but updatedAt', () => {
    const doc = mapDoc('b2b');
    const version = docToMapDocument(doc);
    const changed: string[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      for (const [type, keys] of tr.changed)
        for (const key of keys) changed.push(`${(type as unknown) === metaMap(doc) ? 'meta' : 'other'}.${key}`);
    });
    restoreContent(doc, version, SERVER_ORIGIN, version.meta.updatedAt + 1);
    expect(changed).toEqual(['meta.updatedAt']);
  });

  it('randomised: after 150 random commands the restore gives the version back', () => {
    const rand = prng(7);
    for (let round = 0; round < 5; round++) {
      const doc = mapDoc(round % 2 ? 'subscription' : 'backpack');
      const version = docToMapDocument(doc);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
      for (let step = 0; step < 150; step++) {
        const cards = listEntities(doc, 'cards');
        const stages = listEntities(doc, 'stages');
        const cell = () => ({ laneId: pick(listEntities(doc, 'lanes')).id, stageId: pick(stages).id });
        const r = rand();
        if (r < 0.25 || cards.length === 0) addCard(doc, { ...cell(), text: `s${step}` });
        else if (r < 0.45) moveCard(doc, pick(cards).id, { ...cell(), index: Math.floor(rand() * 3) });
        else if (r < 0.6) updateCardText(doc, pick(cards).id, `t${step}`);
        else if (r < 0.7) setEmotion(doc, pick(cards).id, Math.floor(rand() * 11) - 5);
        else if (r < 0.8) deleteCard(doc, pick(cards).id);
        else if (r < 0.85) castVote(doc, pick(cards).id, `p${Math.floor(rand() * 3)}`);
        else if (r < 0.9) moveStage(doc, pick(stages).id, Math.floor(rand() * stages.length));
        else if (r < 0.95 && stages.length > 2) deleteStage(doc, pick(stages).id);
        else addStage(doc, { name: `stage ${step}` });
      }
      restoreContent(doc, version, SERVER_ORIGIN);
      expectContent(doc, version);
    }
  });

  it('brings back a card deleted since the version (its key is absent: nothing is resurrected over a delete)', () => {
    const [a, b] = twoReplicas('backpack');
    const version = docToMapDocument(a);
    const card = listEntities(b, 'cards')[0]!;
    deleteCard(b, card.id);
    sync(a, b);
    expect(readEntity(a, 'cards', card.id)).toBeNull();
    restoreContent(a, version, SERVER_ORIGIN);
    sync(a, b);
    for (const doc of [a, b]) {
      expect(readEntity(doc, 'cards', card.id)).toEqual(card);
      expectContent(doc, version);
    }
  });

  it('keeps a colleague’s concurrent edit of another card, and of another field of a restored card', () => {
    // Several pairs of replicas: which of two concurrent sets of one field wins
    // depends on the client ids, so a restore that re-set unchanged fields would fail in some.
    for (let pair = 0; pair < 8; pair++) concurrentEditsSurvive();
  });

  function concurrentEditsSurvive() {
    const [a, b] = twoReplicas('backpack');
    // z has an emotion score in the version, so a restore that re-set it would clash with B's.
    const z = listEntities(a, 'cards').find((c) => c.emotion !== undefined && c.emotion !== -4)!;
    const [x, y] = listEntities(a, 'cards').filter((c) => c.id !== z.id);
    const version = docToMapDocument(a);
    // Edits the restore takes back, all known to both replicas.
    updateCardText(a, x!.id, 'x changed since');
    updateCard(a, z.id, { text: 'z changed since' });
    sync(a, b);
    // B goes on editing while A restores (neither has seen the other's change yet).
    updateCardText(b, y!.id, 'B edits y during the restore');
    setEmotion(b, z.id, -4);
    const bAdded = addCard(b, { ...firstCell(b, 0, 0), text: 'B adds a card during the restore' });
    restoreContent(a, version, SERVER_ORIGIN);
    sync(a, b);
    expect(docToMapDocument(a)).toEqual(docToMapDocument(b));
    for (const doc of [a, b]) {
      expect(textOf(doc, x!.id)).toBe(x!.text);
      expect(textOf(doc, y!.id)).toBe('B edits y during the restore');
      expect(readEntity(doc, 'cards', z.id)).toMatchObject({ text: z.text, emotion: -4 });
      expect(textOf(doc, bAdded)).toBe('B adds a card during the restore');
    }
  }

  it('a card deleted concurrently with the restore stays deleted (a delete beats field updates)', () => {
    const [a, b] = twoReplicas('backpack');
    const card = listEntities(a, 'cards')[0]!;
    const version = docToMapDocument(a);
    updateCardText(a, card.id, 'changed');
    sync(a, b);
    deleteCard(b, card.id);
    restoreContent(a, version, SERVER_ORIGIN);
    sync(a, b);
    expect(readEntity(a, 'cards', card.id)).toBeNull();
    expect(docToMapDocument(a)).toEqual(docToMapDocument(b));
  });

  it('B can still undo its own last change after the restore, and undo never touches the restore', () => {
    const [a, b] = twoReplicas('subscription');
    const [x, y] = listEntities(a, 'cards');
    const version = docToMapDocument(a);
    const undoB = createUndo(b);
    updateCardText(a, x!.id, 'A changes x');
    sync(a, b);
    updateCardText(b, y!.id, 'B changes y');
    undoB.stopCapturing();
    sync(a, b);
    restoreContent(a, version, SERVER_ORIGIN); // y back to the version's text; x too
    sync(a, b);
    expect(textOf(b, y!.id)).toBe(y!.text);
    expect(textOf(b, x!.id)).toBe(x!.text);

    // B's own change after the restore: undoing it returns to the restored state.
    updateCardText(b, x!.id, 'B edits x after the restore');
    expect(undoB.canUndo()).toBe(true);
    undoB.undo();
    sync(a, b);
    for (const doc of [a, b]) expect(textOf(doc, x!.id)).toBe(x!.text);
    expectContent(b, version);

    // The restore is not on B's stack: undoing B's earlier edit does not re-apply anything of A's.
    undoB.undo();
    sync(a, b);
    expect(textOf(a, x!.id)).toBe(x!.text);
  });

  it('offline edits made before the restore merge after it like any remote change', () => {
    const [a, b] = twoReplicas('backpack');
    const version = docToMapDocument(a);
    const [x, y] = listEntities(a, 'cards');
    deleteCard(a, x!.id);
    sync(a, b);
    // B goes offline and keeps working.
    updateCardText(b, y!.id, 'offline edit');
    const offline = addCard(b, { ...firstCell(b, 1, 0), text: 'offline card' });
    restoreContent(a, version, SERVER_ORIGIN);
    // Back online: both sides exchange what the other lacks.
    sync(a, b);
    expect(docToMapDocument(a)).toEqual(docToMapDocument(b));
    expect(readEntity(a, 'cards', x!.id)).toEqual(x);
    expect(textOf(a, y!.id)).toBe('offline edit');
    expect(textOf(a, offline)).toBe('offline card');
  });

  it('restores votes participant by participant, inside the card’s own votes map', () => {
    const [a, b] = twoReplicas('blank');
    const card = addCard(a, { ...firstCell(a), text: 'vote on me' });
    castVote(a, card, 'alice');
    castVote(a, card, 'alice');
    castVote(a, card, 'bob');
    sync(a, b);
    const version = docToMapDocument(a);
    const votesMap = collection(a, 'cards').get(card)!.get('votes');
    castVote(a, card, 'alice'); // 3
    retractVote(a, card, 'bob'); // gone
    castVote(a, card, 'carol');
    sync(a, b);
    // Dave votes on B at the moment of the restore.
    castVote(b, card, 'dave');
    restoreContent(a, version, SERVER_ORIGIN);
    expect(collection(a, 'cards').get(card)!.get('votes')).toBe(votesMap); // the same map, not a replacement
    sync(a, b);
    for (const doc of [a, b]) expect(readEntity(doc, 'cards', card)?.votes).toEqual({ alice: 2, bob: 1, dave: 1 });
  });

  it('deletes fields the version lacks and entities it does not have, and replaces garbage entries', () => {
    const doc = mapDoc('backpack');
    const version = docToMapDocument(doc);
    const card = listEntities(doc, 'cards').find((c) => c.emotion === undefined)!;
    updateCard(doc, card.id, { emotion: 3, severity: 5 });
    doc.transact(() => {
      collection(doc, 'cards').set('garbage', 'not a map' as never);
      collection(doc, 'stages').get(listEntities(doc, 'stages')[0]!.id)!.set('stray', 1);
      metaMap(doc).set('strayMeta', true);
      // an entry the version has, overwritten by another program with something that is no entity
      collection(doc, 'personas').set(Object.keys(version.personas)[0]!, 42 as never);
    });
    restoreContent(doc, version, SERVER_ORIGIN);
    expect(readEntity(doc, 'cards', card.id)).toEqual(card);
    expect(collection(doc, 'cards').has('garbage')).toBe(false);
    expect(collection(doc, 'stages').get(listEntities(doc, 'stages')[0]!.id)!.has('stray')).toBe(false);
    expect(metaMap(doc).has('strayMeta')).toBe(false);
    expectContent(doc, version);
  });

  it('compares values structurally', () => {
    expect(sameValue(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue(1, '1')).toBe(false);
    expect(sameValue(undefined, null)).toBe(false);
    expect(sameValue(new Y.Doc().getMap('m'), {})).toBe(true);
  });

  it('validates the version API bodies', () => {
    expect(CreateVersionRequestSchema.parse({ name: '  before workshop ' })).toEqual({ name: 'before workshop' });
    expect(CreateVersionRequestSchema.safeParse({ name: '   ' }).success).toBe(false);
    expect(CreateVersionRequestSchema.safeParse({ name: 'x'.repeat(101) }).success).toBe(false);
    expect(CreateVersionRequestSchema.safeParse({ name: 'x', createdBy: 'y'.repeat(61) }).success).toBe(false);
  });

  it('local changes after a restore are tracked by the local undo manager only', () => {
    const doc = mapDoc('backpack');
    const undo = createUndo(doc);
    const version = docToMapDocument(doc);
    renameMap(doc, 'mine');
    undo.stopCapturing();
    restoreContent(doc, version, SERVER_ORIGIN);
    // The restore (SERVER_ORIGIN) is not an undo step; my rename was, and the restore replaced it.
    expect(undo.undoStack).toHaveLength(1);
    expect(readMeta(doc)?.title).toBe(version.meta.title);
    doc.transact(() => metaMap(doc).set('description', 'local'), LOCAL_ORIGIN);
    expect(undo.undoStack).toHaveLength(2);
  });
});
