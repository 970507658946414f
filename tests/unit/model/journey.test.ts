/**
 * Journey-mapping commands and readings: dot voting, emotion scores and the
 * curve, KPI status, the line of visibility, personas; each alone, as undo
 * steps, and with two replicas editing at the same time.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addPersona,
  castVote,
  collection,
  defaultFieldsFor,
  deleteCard,
  deletePersona,
  deleteStage,
  docToMapDocument,
  duplicateCard,
  emotionLevel,
  emotionPoints,
  EMPTY_PERSONA,
  followPersona,
  kpiStatus,
  LANE_KINDS,
  lineOfVisibilityIndex,
  listEntities,
  MapDocumentSchema,
  metaMap,
  mostVoted,
  readEntity,
  readMeta,
  retractVote,
  setEmotion,
  setVotesPerParticipant,
  updateCard,
  updateCards,
  updatePersona,
  votesPerParticipant,
  votesUsed,
  voteTotal,
  type Card,
  type Lane,
  type Stage,
} from '../../../src/model';
import { firstCell, mapDoc, sync, twoReplicas } from '../../fixtures/model';
import { asOneStep } from '../../fixtures/undoStep';

// Lanes of the blank template, by index.
const TOUCHPOINTS = 2;
const EMOTIONS = 3;

/** Both replicas read the same valid map. */
const converged = (a: Y.Doc, b: Y.Doc) => {
  const ma = docToMapDocument(a);
  expect(docToMapDocument(b)).toEqual(ma);
  MapDocumentSchema.parse(ma);
  return ma;
};

const votesOn = (doc: Y.Doc, id: string) => readEntity(doc, 'cards', id)?.votes;
const totalOn = (doc: Y.Doc, id: string) => voteTotal(readEntity(doc, 'cards', id)!);

function cardsIn(doc: Y.Doc, n: number, laneIndex = 0): string[] {
  return Array.from({ length: n }, (_, i) => addCard(doc, { ...firstCell(doc, laneIndex, i), text: `card ${i}` }));
}

describe('dot voting', () => {
  it('a new card carries an empty votes map, and the first vote goes into that same map', () => {
    const doc = mapDoc();
    const id = addCard(doc, { ...firstCell(doc), text: 'x' });
    const votes = collection(doc, 'cards').get(id)!.get('votes');
    expect(votes).toBeInstanceOf(Y.Map);
    expect((votes as Y.Map<number>).size).toBe(0);
    expect(readEntity(doc, 'cards', id)!.votes).toEqual({});
    expect(castVote(doc, id, 'p1')).toBe('voted');
    expect(collection(doc, 'cards').get(id)!.get('votes')).toBe(votes);
    expect((votes as Y.Map<number>).toJSON()).toEqual({ p1: 1 });
  });

  it('a duplicated card starts with no votes of its own', () => {
    const doc = mapDoc();
    const id = addCard(doc, { ...firstCell(doc), text: 'x' });
    castVote(doc, id, 'p1');
    const copy = duplicateCard(doc, id)!;
    expect(collection(doc, 'cards').get(copy)!.get('votes')).toBeInstanceOf(Y.Map);
    expect(votesOn(doc, copy)).toEqual({});
    expect(votesUsed(doc, 'p1')).toBe(1);
  });

  it('enforces the budget: N votes, then no-votes-left; a retract frees one; other participants are unaffected', () => {
    const doc = mapDoc();
    expect(votesPerParticipant(doc)).toBe(5);
    setVotesPerParticipant(doc, 3);
    expect(votesPerParticipant(doc)).toBe(3);
    const [x, y] = cardsIn(doc, 2);
    expect(castVote(doc, x!, 'p')).toBe('voted');
    expect(castVote(doc, x!, 'p')).toBe('voted');
    expect(castVote(doc, y!, 'p')).toBe('voted');
    expect(votesUsed(doc, 'p')).toBe(3);
    expect(castVote(doc, y!, 'p')).toBe('no-votes-left');
    expect(castVote(doc, x!, 'p')).toBe('no-votes-left');
    expect(votesUsed(doc, 'p')).toBe(3);
    expect(votesOn(doc, x!)).toEqual({ p: 2 });
    expect(votesOn(doc, y!)).toEqual({ p: 1 });

    expect(castVote(doc, x!, 'q')).toBe('voted');
    expect(votesUsed(doc, 'q')).toBe(1);

    expect(retractVote(doc, x!, 'p')).toBe('retracted');
    expect(votesUsed(doc, 'p')).toBe(2);
    expect(castVote(doc, y!, 'p')).toBe('voted');
    expect(votesOn(doc, y!)).toEqual({ p: 2 });
    expect(castVote(doc, y!, 'p')).toBe('no-votes-left');
  });

  it('retracting the last vote removes the participant; nothing to retract and unknown cards are reported', () => {
    const doc = mapDoc();
    const [x] = cardsIn(doc, 1);
    expect(retractVote(doc, x!, 'p')).toBe('no-vote-to-retract');
    castVote(doc, x!, 'p');
    expect(retractVote(doc, x!, 'p')).toBe('retracted');
    expect(votesOn(doc, x!)).toEqual({});
    expect(retractVote(doc, x!, 'p')).toBe('no-vote-to-retract');
    expect(castVote(doc, 'ghost', 'p')).toBe('no-such-card');
    expect(retractVote(doc, 'ghost', 'p')).toBe('no-such-card');
  });

  it('a budget of 0 blocks voting; lowering the budget below what is used blocks further votes but keeps cast ones', () => {
    const doc = mapDoc();
    const [x] = cardsIn(doc, 1);
    setVotesPerParticipant(doc, 0);
    expect(votesPerParticipant(doc)).toBe(0);
    expect(castVote(doc, x!, 'p')).toBe('no-votes-left');
    expect(votesOn(doc, x!)).toEqual({});

    setVotesPerParticipant(doc, 4);
    for (let i = 0; i < 4; i++) expect(castVote(doc, x!, 'p')).toBe('voted');
    setVotesPerParticipant(doc, 2);
    expect(castVote(doc, x!, 'p')).toBe('no-votes-left');
    expect(votesUsed(doc, 'p')).toBe(4);
    expect(retractVote(doc, x!, 'p')).toBe('retracted');
    expect(castVote(doc, x!, 'p')).toBe('no-votes-left'); // still 3 used of 2
  });

  it('setVotesPerParticipant rounds and clamps to 0..100; a missing or bad budget reads as the default', () => {
    const doc = mapDoc();
    setVotesPerParticipant(doc, 2.6);
    expect(votesPerParticipant(doc)).toBe(3);
    setVotesPerParticipant(doc, -4);
    expect(votesPerParticipant(doc)).toBe(0);
    setVotesPerParticipant(doc, 1000);
    expect(votesPerParticipant(doc)).toBe(100);
    expect(readMeta(doc)).not.toBeNull();
    metaMap(doc).delete('votesPerParticipant');
    expect(votesPerParticipant(doc)).toBe(5);
    metaMap(doc).set('votesPerParticipant', 'lots');
    expect(votesPerParticipant(doc)).toBe(5);
  });

  it('several votes by one participant on one card all count', () => {
    const doc = mapDoc();
    const [x] = cardsIn(doc, 1);
    castVote(doc, x!, 'p');
    castVote(doc, x!, 'p');
    castVote(doc, x!, 'p');
    castVote(doc, x!, 'q');
    expect(votesOn(doc, x!)).toEqual({ p: 3, q: 1 });
    expect(totalOn(doc, x!)).toBe(4);
    expect(votesUsed(doc, 'p')).toBe(3);
  });

  it('each vote and each retract is one undo step; a refused vote changes nothing', () => {
    const doc = mapDoc();
    const [x] = cardsIn(doc, 1);
    asOneStep(doc, () => expect(castVote(doc, x!, 'p')).toBe('voted'));
    asOneStep(doc, () => expect(castVote(doc, x!, 'p')).toBe('voted'));
    asOneStep(doc, () => expect(retractVote(doc, x!, 'p')).toBe('retracted'));
    asOneStep(doc, () => expect(retractVote(doc, x!, 'p')).toBe('retracted'));
    asOneStep(doc, () => setVotesPerParticipant(doc, 0));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    expect(castVote(doc, x!, 'p')).toBe('no-votes-left');
    expect(updates).toHaveLength(0);
  });

  it('voteTotal and mostVoted count only positive whole votes, most voted first, ties in the given order', () => {
    expect(voteTotal({})).toBe(0);
    expect(voteTotal({ votes: {} })).toBe(0);
    expect(voteTotal({ votes: { a: 2, b: 3 } })).toBe(5);
    expect(voteTotal({ votes: { a: 2, b: -1, c: 1.5, d: 0 } })).toBe(2);
    const cards: { id: string; votes?: Record<string, number> }[] = [
      { id: 'none' },
      { id: 'one', votes: { a: 1 } },
      { id: 'three', votes: { a: 2, b: 1 } },
      { id: 'zero', votes: { a: 0 } },
      { id: 'alsoOne', votes: { b: 1 } },
      { id: 'five', votes: { c: 5 } },
    ];
    expect(mostVoted(cards).map((c) => c.id)).toEqual(['five', 'three', 'one', 'alsoOne']);
    expect(mostVoted([])).toEqual([]);
  });
});

describe('dot voting with two replicas', () => {
  it('two participants vote on the same card at the same time: both votes count on both replicas', () => {
    const [a, b] = twoReplicas();
    const id = addCard(a, { ...firstCell(a), text: 'contested' });
    sync(a, b);
    expect(castVote(a, id, 'A')).toBe('voted');
    expect(castVote(b, id, 'B')).toBe('voted');
    sync(a, b);
    for (const doc of [a, b]) {
      expect(votesOn(doc, id)).toEqual({ A: 1, B: 1 });
      expect(totalOn(doc, id)).toBe(2);
      expect(votesUsed(doc, 'A')).toBe(1);
      expect(votesUsed(doc, 'B')).toBe(1);
    }
    converged(a, b);
  });

  it('several votes each on several cards at the same time: totals are the sums', () => {
    const [a, b] = twoReplicas();
    const [x, y, z] = cardsIn(a, 3);
    sync(a, b);
    castVote(a, x!, 'A');
    castVote(a, x!, 'A');
    castVote(a, x!, 'A');
    castVote(a, y!, 'A');
    castVote(b, x!, 'B');
    castVote(b, y!, 'B');
    castVote(b, y!, 'B');
    castVote(b, z!, 'B');
    sync(a, b);
    const map = converged(a, b);
    expect(map.cards[x!]!.votes).toEqual({ A: 3, B: 1 });
    expect(map.cards[y!]!.votes).toEqual({ A: 1, B: 2 });
    expect(map.cards[z!]!.votes).toEqual({ B: 1 });
    expect(mostVoted(listEntities(b, 'cards')).map((c) => [c.id, voteTotal(c)])).toEqual([
      [x, 4],
      [y, 3],
      [z, 1],
    ]);
    expect(votesUsed(a, 'A')).toBe(4);
    expect(votesUsed(a, 'B')).toBe(4);
    expect(castVote(b, z!, 'B')).toBe('voted');
    expect(castVote(b, z!, 'B')).toBe('no-votes-left');
  });

  it('a card deleted by one while the other votes on it: no error, the card is gone on both, the vote is not counted', () => {
    const [a, b] = twoReplicas();
    const [x, keep] = cardsIn(a, 2);
    sync(a, b);
    expect(deleteCard(a, x!)).toBe(true);
    expect(castVote(b, x!, 'B')).toBe('voted');
    expect(castVote(b, keep!, 'B')).toBe('voted');
    expect(() => sync(a, b)).not.toThrow();
    const map = converged(a, b);
    expect(Object.keys(map.cards)).toEqual([keep]);
    expect(collection(a, 'cards').has(x!)).toBe(false);
    expect(collection(b, 'cards').has(x!)).toBe(false);
    expect(votesUsed(a, 'B')).toBe(1);
    expect(votesUsed(b, 'B')).toBe(1);
    expect(castVote(b, x!, 'B')).toBe('no-such-card');
  });

  // Documented behaviour: one participant id in two tabs (two replicas) writes
  // the same key of the card's votes map. Each tab writes "my count + 1" from
  // its own view, so two concurrent votes on ONE card converge to a single
  // last-writer-wins value (1, not 2): one of the two votes is lost, never
  // doubled or split between replicas.
  it('the same participant in two tabs voting once each on one card at the same time converges to a single value (LWW)', () => {
    const [a, b] = twoReplicas();
    const id = addCard(a, { ...firstCell(a), text: 'x' });
    sync(a, b);
    castVote(a, id, 'P');
    castVote(b, id, 'P');
    sync(a, b);
    converged(a, b);
    expect(votesOn(a, id)).toEqual({ P: 1 });
    expect(votesOn(b, id)).toEqual({ P: 1 });
    expect(votesUsed(a, 'P')).toBe(1);
    // Afterwards the tabs agree and count on from the converged value.
    castVote(b, id, 'P');
    sync(a, b);
    expect(votesOn(a, id)).toEqual({ P: 2 });
  });

  // Documented in votes.ts: the budget is checked against each tab's own view,
  // so two tabs of one participant voting on DIFFERENT cards at once may
  // overspend by one; the tallies show it, and further votes are refused.
  it('the same participant in two tabs voting on different cards at once may overspend; further votes are refused', () => {
    const [a, b] = twoReplicas();
    setVotesPerParticipant(a, 1);
    const [x, y] = cardsIn(a, 2);
    sync(a, b);
    expect(castVote(a, x!, 'P')).toBe('voted');
    expect(castVote(b, y!, 'P')).toBe('voted');
    sync(a, b);
    converged(a, b);
    expect(votesUsed(a, 'P')).toBe(2);
    expect(votesUsed(b, 'P')).toBe(2);
    expect(castVote(a, x!, 'P')).toBe('no-votes-left');
    expect(castVote(b, y!, 'P')).toBe('no-votes-left');
  });
});

describe('emotion scores', () => {
  it('setEmotion rounds and clamps to -5..5, and reports a missing card', () => {
    const doc = mapDoc();
    const id = addCard(doc, { ...firstCell(doc, TOUCHPOINTS), text: 't', fields: defaultFieldsFor('touchpoints') });
    const cases: [number, number][] = [
      [2.4, 2],
      [2.5, 3],
      [-2.6, -3],
      [0.4, 0],
      [5, 5],
      [7, 5],
      [123.9, 5],
      [-5, -5],
      [-9, -5],
    ];
    for (const [input, expected] of cases) {
      expect(setEmotion(doc, id, input)).toBe(true);
      expect(readEntity(doc, 'cards', id)!.emotion).toBe(expected);
    }
    expect(setEmotion(doc, 'ghost', 1)).toBe(false);
    asOneStep(doc, () => setEmotion(doc, id, 1));
  });

  // Math.round(-0.4) is -0, which Yjs would store and sync as -0 (printed "-0",
  // unequal under Object.is to the 0 an export/import round trip gives back).
  it('a score rounded to zero from below is stored as 0, not -0', () => {
    const [a, b] = twoReplicas();
    const id = addCard(a, { ...firstCell(a, TOUCHPOINTS), text: 't', fields: { emotion: 2 } });
    setEmotion(a, id, -0.4);
    sync(a, b);
    expect(Object.is(readEntity(a, 'cards', id)!.emotion, 0)).toBe(true);
    expect(Object.is(readEntity(b, 'cards', id)!.emotion, 0)).toBe(true);
  });

  it('two people dragging the same point to different values converge to one of the two', () => {
    const [a, b] = twoReplicas();
    const id = addCard(a, { ...firstCell(a, TOUCHPOINTS), text: 't', fields: defaultFieldsFor('touchpoints') });
    sync(a, b);
    setEmotion(a, id, 4);
    setEmotion(b, id, -3);
    sync(a, b);
    converged(a, b);
    const value = readEntity(a, 'cards', id)!.emotion;
    expect([4, -3]).toContain(value);
    expect(readEntity(b, 'cards', id)!.emotion).toBe(value);
  });

  it('interleaved drag sequences from two people converge; a drag made after seeing the other wins over it', () => {
    const [a, b] = twoReplicas();
    const id = addCard(a, { ...firstCell(a, EMOTIONS), text: 'e', fields: defaultFieldsFor('emotions') });
    sync(a, b);
    for (const v of [1, 2]) setEmotion(a, id, v);
    for (const v of [-1, -2]) setEmotion(b, id, v);
    sync(a, b);
    const first = readEntity(a, 'cards', id)!.emotion;
    expect([2, -2]).toContain(first);
    expect(readEntity(b, 'cards', id)!.emotion).toBe(first);

    setEmotion(a, id, 3);
    setEmotion(b, id, -4);
    // only A -> B: B has now seen A's 3, so B's next drag is causally after it
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    setEmotion(b, id, 0.4); // -> 0
    setEmotion(a, id, 5);
    setEmotion(a, id, 4.6); // -> 5
    sync(a, b);
    converged(a, b);
    const last = readEntity(a, 'cards', id)!.emotion;
    expect([0, 5]).toContain(last);
    expect(readEntity(b, 'cards', id)!.emotion).toBe(last);
  });

  it('defaultFieldsFor: what a new card in each lane kind starts with', () => {
    expect(defaultFieldsFor('touchpoints')).toEqual({ emotion: 0, importance: 3 });
    expect(defaultFieldsFor('emotions')).toEqual({ emotion: 0 });
    expect(defaultFieldsFor('painPoints')).toEqual({ severity: 3 });
    expect(defaultFieldsFor('opportunities')).toEqual({ type: 'quickWin', impact: 3, effort: 3 });
    expect(defaultFieldsFor('kpis')).toEqual({ metric: '', direction: 'higher' });
    for (const kind of ['actions', 'thoughts', 'backstage', 'notes'] as const) expect(defaultFieldsFor(kind)).toEqual({});
    expect(defaultFieldsFor(undefined)).toEqual({});
    // every default makes a valid card
    const doc = mapDoc();
    for (const kind of LANE_KINDS) {
      const id = addCard(doc, { ...firstCell(doc), text: kind, fields: defaultFieldsFor(kind) });
      expect(readEntity(doc, 'cards', id)).toMatchObject({ ...defaultFieldsFor(kind), votes: {} });
    }
  });

  it('updateCards sets fields on many cards in one undo step and skips ids that do not exist', () => {
    const doc = mapDoc();
    const [x, y, z] = cardsIn(doc, 3, TOUCHPOINTS);
    let n = 0;
    asOneStep(doc, () => {
      n = updateCards(doc, [x!, 'ghost', y!], { emotion: -2, channel: 'human' });
    });
    expect(n).toBe(2);
    expect(readEntity(doc, 'cards', x!)).toMatchObject({ emotion: -2, channel: 'human' });
    expect(readEntity(doc, 'cards', y!)).toMatchObject({ emotion: -2, channel: 'human' });
    expect(readEntity(doc, 'cards', z!)!.emotion).toBeUndefined();
    expect(collection(doc, 'cards').has('ghost')).toBe(false);
    // a field set to undefined is removed
    expect(updateCards(doc, [x!, y!], { channel: undefined })).toBe(2);
    expect(readEntity(doc, 'cards', x!)!.channel).toBeUndefined();
    expect(updateCards(doc, ['ghost'], { emotion: 1 })).toBe(0);
  });
});

describe('emotionPoints', () => {
  const stage = (id: string, order: string): Stage => ({ id, order, name: id, description: '', color: '#000000' });
  const lane = (id: string, order: string, kind: Lane['kind']): Lane => ({ id, order, kind, name: id, department: '' });
  const card = (id: string, stageId: string, laneId: string, order: string, extra: Partial<Card> = {}): Card => ({
    id,
    order,
    stageId,
    laneId,
    text: `text ${id}`,
    ...extra,
  });

  it('orders points by stage, then lane, then card order; only touchpoint and emotion lanes, only cards with a score, only live stages', () => {
    const stages = [stage('s1', 'a0'), stage('s2', 'a1')]; // s3 is deleted
    const lanes = [
      lane('act', 'a0', 'actions'),
      lane('emo', 'a1', 'emotions'),
      lane('tp', 'a2', 'touchpoints'),
      lane('pain', 'a3', 'painPoints'),
    ];
    const cards = [
      card('c1', 's2', 'tp', 'a0', { emotion: 1 }),
      card('c2', 's1', 'emo', 'a0', { emotion: -2 }),
      card('c3', 's1', 'tp', 'a1', { emotion: 3 }),
      card('c4', 's1', 'tp', 'a0', { emotion: 0, momentOfTruth: true }),
      card('c5', 's1', 'act', 'a0', { emotion: 4 }), // lane of another kind
      card('c6', 's3', 'tp', 'a0', { emotion: 2 }), // deleted stage
      card('c7', 's1', 'tp', 'a2'), // no score
      card('c8', 's2', 'emo', 'a0', { emotion: -5 }),
      card('c9', 's1', 'pain', 'a0', { emotion: -1, severity: 5 }), // lane of another kind
      card('c10', 's1', 'ghostLane', 'a0', { emotion: 1 }), // unknown lane
    ];
    const points = emotionPoints(stages, lanes, cards);
    expect(points.map((p) => p.cardId)).toEqual(['c2', 'c4', 'c3', 'c8', 'c1']);
    expect(points[0]).toEqual({ cardId: 'c2', stageId: 's1', emotion: -2, text: 'text c2', touchpoint: false, momentOfTruth: false });
    expect(points[1]).toEqual({ cardId: 'c4', stageId: 's1', emotion: 0, text: 'text c4', touchpoint: true, momentOfTruth: true });
    expect(points.map((p) => p.touchpoint)).toEqual([false, true, true, false, true]);
    // a score of 0 is a point
    expect(points.find((p) => p.cardId === 'c4')!.emotion).toBe(0);
  });

  it('follows the lane order given, and the stage order given', () => {
    const stages = [stage('s2', 'a0'), stage('s1', 'a1')];
    const lanes = [lane('tp', 'a0', 'touchpoints'), lane('emo', 'a1', 'emotions')];
    const cards = [
      card('e1', 's1', 'emo', 'a0', { emotion: 1 }),
      card('t1', 's1', 'tp', 'a0', { emotion: 1 }),
      card('t2', 's2', 'tp', 'a0', { emotion: 1 }),
    ];
    expect(emotionPoints(stages, lanes, cards).map((p) => p.cardId)).toEqual(['t2', 't1', 'e1']);
    expect(emotionPoints([], lanes, cards)).toEqual([]);
  });

  it('in a live doc: a touchpoint added to a stage deleted at the same time is not on the curve', () => {
    const [a, b] = twoReplicas();
    const stages = listEntities(a, 'stages');
    const kept = addCard(a, { ...firstCell(a, TOUCHPOINTS, 0), text: 'kept', fields: { emotion: 2 } });
    sync(a, b);
    deleteStage(a, stages[1]!.id);
    addCard(b, { ...firstCell(b, TOUCHPOINTS, 1), text: 'orphan', fields: { emotion: -4 } });
    sync(a, b);
    for (const doc of [a, b]) {
      const points = emotionPoints(listEntities(doc, 'stages'), listEntities(doc, 'lanes'), listEntities(doc, 'cards'));
      expect(points.map((p) => p.cardId)).toEqual([kept]);
    }
  });
});

describe('KPI status, emotion faces, the line of visibility', () => {
  it('kpiStatus: higher or lower is better, equal is on target, a missing value or target is no-target', () => {
    expect(kpiStatus({ value: 50, target: 40 })).toBe('on-target');
    expect(kpiStatus({ value: 30, target: 40 })).toBe('off-target');
    expect(kpiStatus({ value: 40, target: 40 })).toBe('on-target');
    expect(kpiStatus({ value: 50, target: 40, direction: 'higher' })).toBe('on-target');
    expect(kpiStatus({ value: 30, target: 40, direction: 'higher' })).toBe('off-target');
    expect(kpiStatus({ value: 40, target: 40, direction: 'higher' })).toBe('on-target');
    expect(kpiStatus({ value: 10, target: 20, direction: 'lower' })).toBe('on-target');
    expect(kpiStatus({ value: 30, target: 20, direction: 'lower' })).toBe('off-target');
    expect(kpiStatus({ value: 20, target: 20, direction: 'lower' })).toBe('on-target');
    expect(kpiStatus({ value: -5, target: 0, direction: 'lower' })).toBe('on-target');
    expect(kpiStatus({ target: 20 })).toBe('no-target');
    expect(kpiStatus({ value: 20 })).toBe('no-target');
    expect(kpiStatus({ direction: 'lower' })).toBe('no-target');
    expect(kpiStatus({ value: 0, target: 0 })).toBe('on-target');
  });

  it('emotionLevel maps the scale to five faces', () => {
    expect([5, 4, 3, 2, 1, 0, -1, -2, -3, -4, -5].map(emotionLevel)).toEqual([
      'delighted',
      'delighted',
      'pleased',
      'pleased',
      'neutral',
      'neutral',
      'neutral',
      'unhappy',
      'unhappy',
      'frustrated',
      'frustrated',
    ]);
  });

  it('lineOfVisibilityIndex: above the trailing run of backstage lanes, -1 when there is none', () => {
    const kinds = (...k: Lane['kind'][]) => k.map((kind) => ({ kind }));
    expect(lineOfVisibilityIndex(kinds('actions', 'touchpoints', 'backstage', 'backstage'))).toBe(2);
    expect(lineOfVisibilityIndex(kinds('actions', 'backstage'))).toBe(1);
    expect(lineOfVisibilityIndex(kinds('actions', 'backstage', 'touchpoints'))).toBe(-1);
    expect(lineOfVisibilityIndex(kinds('backstage', 'actions', 'backstage', 'backstage'))).toBe(2);
    expect(lineOfVisibilityIndex(kinds('actions', 'touchpoints'))).toBe(-1);
    expect(lineOfVisibilityIndex(kinds('backstage', 'backstage'))).toBe(0);
    expect(lineOfVisibilityIndex([])).toBe(-1);
    // the blank template ends with one backstage lane
    const lanes = listEntities(mapDoc(), 'lanes');
    expect(lineOfVisibilityIndex(lanes)).toBe(lanes.length - 1);
  });
});

describe('personas', () => {
  it('addPersona: the first persona becomes the one the map follows, later ones do not', () => {
    const doc = mapDoc();
    expect(readMeta(doc)!.personaId).toBeUndefined();
    let p1 = '';
    asOneStep(doc, () => {
      p1 = addPersona(doc, { name: 'Mia', segment: '34' });
    });
    expect(readMeta(doc)!.personaId).toBe(p1);
    expect(readEntity(doc, 'personas', p1)).toEqual({ ...EMPTY_PERSONA, name: 'Mia', segment: '34', id: p1, order: expect.any(String) });
    const p2 = addPersona(doc, { name: 'Leo' });
    expect(readMeta(doc)!.personaId).toBe(p1);
    expect(listEntities(doc, 'personas').map((p) => p.id)).toEqual([p1, p2]);
    MapDocumentSchema.parse(docToMapDocument(doc));
  });

  it('updatePersona edits fields in one step; an unknown persona is reported', () => {
    const doc = mapDoc();
    const p = addPersona(doc, { name: 'Mia' });
    asOneStep(doc, () => expect(updatePersona(doc, p, { name: 'Mia K.', segment: 'Gen Z', goals: ['travel light'] })).toBe(true));
    expect(readEntity(doc, 'personas', p)).toMatchObject({ name: 'Mia K.', segment: 'Gen Z', goals: ['travel light'], role: '' });
    expect(updatePersona(doc, 'ghost', { name: 'x' })).toBe(false);
    expect(collection(doc, 'personas').has('ghost')).toBe(false);
  });

  it('followPersona: switches, null clears, an unknown id is ignored', () => {
    const doc = mapDoc();
    const p1 = addPersona(doc, { name: 'Mia' });
    const p2 = addPersona(doc, { name: 'Leo' });
    followPersona(doc, p2);
    expect(readMeta(doc)!.personaId).toBe(p2);
    followPersona(doc, 'ghost');
    expect(readMeta(doc)!.personaId).toBe(p2);
    followPersona(doc, null);
    expect(readMeta(doc)!.personaId).toBeUndefined();
    followPersona(doc, 'ghost');
    expect(readMeta(doc)!.personaId).toBeUndefined();
    followPersona(doc, p1);
    expect(readMeta(doc)!.personaId).toBe(p1);
    expect(readMeta(doc)).not.toBeNull();
  });

  it('deletePersona removes it, unties its cards and stops following it, in one undo step', () => {
    const doc = mapDoc();
    const p1 = addPersona(doc, { name: 'Mia' });
    const p2 = addPersona(doc, { name: 'Leo' });
    const [x, y, z] = cardsIn(doc, 3);
    updateCard(doc, x!, { personaId: p1 });
    updateCard(doc, y!, { personaId: p1 });
    updateCard(doc, z!, { personaId: p2 });
    expect(readMeta(doc)!.personaId).toBe(p1);
    asOneStep(doc, () => expect(deletePersona(doc, p1)).toBe(true));
    expect(collection(doc, 'personas').has(p1)).toBe(false);
    expect(readEntity(doc, 'cards', x!)!.personaId).toBeUndefined();
    expect(readEntity(doc, 'cards', y!)!.personaId).toBeUndefined();
    expect(collection(doc, 'cards').get(x!)!.has('personaId')).toBe(false);
    expect(readEntity(doc, 'cards', z!)!.personaId).toBe(p2);
    expect(readMeta(doc)!.personaId).toBeUndefined();
    expect(deletePersona(doc, p1)).toBe(false);
    MapDocumentSchema.parse(docToMapDocument(doc));
  });

  it('deleting a persona the map does not follow keeps the followed one', () => {
    const doc = mapDoc();
    const p1 = addPersona(doc, { name: 'Mia' });
    const p2 = addPersona(doc, { name: 'Leo' });
    deletePersona(doc, p2);
    expect(readMeta(doc)!.personaId).toBe(p1);
  });
});

describe('personas with two replicas', () => {
  it('one deletes a persona while the other ties a card to it: both agree and the export validates', () => {
    const [a, b] = twoReplicas();
    const p = addPersona(a, { name: 'Mia' });
    const [x] = cardsIn(a, 1);
    sync(a, b);
    deletePersona(a, p);
    expect(updateCard(b, x!, { personaId: p })).toBe(true);
    sync(a, b);
    const map = converged(a, b);
    expect(map.personas).toEqual({});
    expect(map.cards[x!]).toBeDefined();
    expect(map.cards[x!]!.personaId).toBeUndefined();
    expect('personaId' in map.cards[x!]!).toBe(false);
    expect(map.meta.personaId).toBeUndefined();
  });

  it('one deletes a persona while the other edits its name: the persona is gone on both', () => {
    const [a, b] = twoReplicas();
    const p = addPersona(a, { name: 'Mia' });
    sync(a, b);
    deletePersona(a, p);
    updatePersona(b, p, { name: 'Mia K.' });
    sync(a, b);
    const map = converged(a, b);
    expect(map.personas).toEqual({});
    expect(collection(a, 'personas').has(p)).toBe(false);
    expect(collection(b, 'personas').has(p)).toBe(false);
  });

  it('both add the first persona at the same time: both personas exist and the map follows one of them', () => {
    const [a, b] = twoReplicas();
    const pa = addPersona(a, { name: 'A' });
    const pb = addPersona(b, { name: 'B' });
    sync(a, b);
    const map = converged(a, b);
    expect(Object.keys(map.personas).sort()).toEqual([pa, pb].sort());
    expect([pa, pb]).toContain(map.meta.personaId);
  });

  // deletePersona cannot clear a follow made concurrently; the export must still validate.
  it('one deletes a persona while the other makes the map follow it: both agree and the export validates', () => {
    const [a, b] = twoReplicas();
    const p1 = addPersona(a, { name: 'Mia' });
    const p2 = addPersona(a, { name: 'Leo' });
    sync(a, b);
    deletePersona(a, p2); // A's map follows p1, so A's delete leaves meta alone
    followPersona(b, p2);
    sync(a, b);
    expect(collection(a, 'personas').has(p2)).toBe(false);
    expect(metaMap(a).get('personaId')).toBe(metaMap(b).get('personaId'));
    const map = converged(a, b);
    expect(Object.keys(map.personas)).toEqual([p1]);
    expect([undefined, p1]).toContain(map.meta.personaId);
  });
});
