/** The rules of workshop rounds: who may run them, which cards count, budgets, the tally with ties, top N, limits, and the reveal. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard } from '../../../src/model/commands/cards';
import { addLane, deleteLane } from '../../../src/model/commands/lanes';
import { addStage } from '../../../src/model/commands/stages';
import { SERVER_ORIGIN, listEntities } from '../../../src/model/doc';
import { ROUNDS, RoundRefusedError, readRounds, startRound } from '../../../src/model/rounds/commands';
import { addPrivateCard, ballotOf, castPrivateVote, listPrivateCards, retractPrivateVote } from '../../../src/model/rounds/private';
import { revealRound } from '../../../src/model/rounds/reveal';
import {
  canRunRounds,
  countedBallot,
  currentRound,
  laneInRound,
  rankByCard,
  tally,
  timeIsUp,
  topResults,
  whyNotStart,
} from '../../../src/model/rounds/rules';
import { ROUND_LIMITS, type Round } from '../../../src/model/rounds/schema';
import { MAP_LIMITS, SCHEMA_VERSION } from '../../../src/model/schema';
import { collection, createEntity, docFromMapDocument, docToMapDocument, metaMap, newId, updateMeta } from '../../../src/model/doc';
import { parseMapFile } from '../../../src/model/exchange/mapFile';
import { mapDoc } from '../../fixtures/model';

const ID = (n: number) => `card${String(n).padStart(17, '0')}`;

function mapWithTwoLanes() {
  const doc = new Y.Doc();
  const stage = addStage(doc, { name: 'Stage' });
  const pains = addLane(doc, { kind: 'painPoints', name: 'Pains' });
  const ideas = addLane(doc, { kind: 'opportunities', name: 'Ideas' });
  return { doc, stage, pains, ideas };
}
const round = (doc: Y.Doc, id: string): Round => readRounds(doc).find((r) => r.id === id)!;

describe('who runs rounds', () => {
  it('is editors only; one round at a time; at most ROUND_LIMITS.rounds per map', () => {
    expect(canRunRounds('editor')).toBe(true);
    expect(canRunRounds('commenter')).toBe(false);
    expect(canRunRounds('viewer')).toBe(false);
    expect(whyNotStart('viewer', [])).toBe('not-allowed');
    const { doc } = mapWithTwoLanes();
    const id = startRound(doc, { kind: 'brainstorm', laneIds: [], createdBy: 'Ann', now: 1000 });
    expect(whyNotStart('editor', readRounds(doc))).toBe('round-running');
    expect(() => startRound(doc, { kind: 'vote', laneIds: [], createdBy: 'Ann' })).toThrow(RoundRefusedError);
    expect(currentRound(readRounds(doc))?.id).toBe(id);
    const many = Array.from({ length: ROUND_LIMITS.rounds }, (_, i) => ({ ...round(doc, id), id: ID(i), state: 'revealed' as const }));
    expect(whyNotStart('editor', many)).toBe('too-many-rounds');
  });

  it('refuses a time box, budget or top N out of bounds, writing nothing', () => {
    const { doc } = mapWithTwoLanes();
    for (const args of [{ minutes: 0 }, { minutes: ROUND_LIMITS.minutes + 1 }, { budget: 0 }, { topN: ROUND_LIMITS.topN + 1 }]) {
      expect(() => startRound(doc, { kind: 'vote', laneIds: [], createdBy: 'Ann', ...args })).toThrow(RoundRefusedError);
    }
    expect(doc.getMap(ROUNDS).size).toBe(0);
    const id = startRound(doc, { kind: 'vote', laneIds: [], createdBy: 'Ann', minutes: 5, now: 0 });
    expect(round(doc, id).endsAt).toBe(5 * 60_000);
    expect(timeIsUp(round(doc, id), 5 * 60_000 - 1)).toBe(false);
    expect(timeIsUp(round(doc, id), 5 * 60_000)).toBe(true);
  });
});

describe('the secret vote count', () => {
  it('ranks with ties sharing a rank (1, 1, 3), in map order among equals', () => {
    const results = tally([{ [ID(2)]: 2 }, { [ID(1)]: 2 }, { [ID(3)]: 1 }], [ID(1), ID(2), ID(3)], 5);
    expect(results).toEqual([
      { cardId: ID(1), votes: 2, rank: 1 },
      { cardId: ID(2), votes: 2, rank: 1 },
      { cardId: ID(3), votes: 1, rank: 3 },
    ]);
    // A tie at the edge of the top N keeps every tied card.
    expect(topResults(results, 1).map((r) => r.cardId)).toEqual([ID(1), ID(2)]);
    expect(topResults(results, 3)).toHaveLength(3);
  });

  it('badges the top N of the newest revealed vote only, ties at the edge included', () => {
    const vote = (id: string, startedAt: number, state: Round['state'], results: Round['results']): Round => ({
      id,
      kind: 'vote',
      state,
      laneIds: [],
      createdBy: 'Ana',
      startedAt,
      budget: 3,
      topN: 1,
      ...(results ? { results } : {}),
    });
    const older = vote(ID(7), 1, 'revealed', [{ cardId: ID(9), votes: 4, rank: 1 }]);
    const newer = vote(ID(8), 2, 'revealed', [
      { cardId: ID(1), votes: 2, rank: 1 },
      { cardId: ID(2), votes: 2, rank: 1 },
      { cardId: ID(3), votes: 1, rank: 3 },
    ]);
    expect([...rankByCard([older, newer])]).toEqual([
      [ID(1), 1],
      [ID(2), 1],
    ]);
    // A vote still running has no results yet: the last revealed one's stay.
    expect([...rankByCard([older, newer, vote(ID(6), 3, 'running', undefined)]).keys()]).toEqual([ID(1), ID(2)]);
    expect(rankByCard([])).toEqual(new Map());
  });

  it('counts only cards of the round’s lanes, and no ballot past its budget', () => {
    expect(tally([{ [ID(1)]: 3, [ID(9)]: 4 }], [ID(1)], 5)).toEqual([{ cardId: ID(1), votes: 3, rank: 1 }]);
    // Written past its budget by hand: its first cards in id order count, up to the budget.
    expect([...countedBallot({ [ID(2)]: 2, [ID(1)]: 2 }, new Set([ID(1), ID(2)]), 3)]).toEqual([
      [ID(1), 2],
      [ID(2), 1],
    ]);
    expect([...countedBallot({ [ID(1)]: -1, [ID(2)]: 1.5 }, new Set([ID(1), ID(2)]), 3)]).toEqual([]);
    expect(laneInRound({ laneIds: [] }, 'any')).toBe(true);
    expect(laneInRound({ laneIds: ['a'] }, 'b')).toBe(false);
  });

  it('keeps a ballot within the round’s budget and its lanes', () => {
    const { doc, stage, pains, ideas } = mapWithTwoLanes();
    const pain = addCard(doc, { laneId: pains, stageId: stage, text: 'slow' });
    const idea = addCard(doc, { laneId: ideas, stageId: stage, text: 'faster' });
    const id = startRound(doc, { kind: 'vote', laneIds: [ideas], createdBy: 'Ann', budget: 2 });
    const mine = new Y.Doc();
    const r = round(doc, id);
    expect(castPrivateVote(mine, r, { id: pain, laneId: pains })).toBe('not-in-round');
    expect(castPrivateVote(mine, r, { id: idea, laneId: ideas })).toBe('voted');
    expect(castPrivateVote(mine, r, { id: idea, laneId: ideas })).toBe('voted');
    expect(castPrivateVote(mine, r, { id: idea, laneId: ideas })).toBe('no-votes-left');
    expect(retractPrivateVote(mine, r, idea)).toBe('retracted');
    expect(ballotOf(mine, id)).toEqual({ [idea]: 1 });
    // Nothing of it is in the map.
    expect(listEntities(doc, 'cards').every((c) => Object.keys(c.votes ?? {}).length === 0)).toBe(true);
  });
});

describe('private cards and the reveal', () => {
  it('writes private cards only in the round’s lanes, and at most ROUND_LIMITS.cardsPerPerson a round', () => {
    const { doc, stage, pains, ideas } = mapWithTwoLanes();
    const id = startRound(doc, { kind: 'brainstorm', laneIds: [pains], createdBy: 'Ann' });
    const mine = new Y.Doc();
    expect(addPrivateCard(mine, round(doc, id), { laneId: ideas, stageId: stage }).ok).toBe(false);
    for (let i = 0; i < ROUND_LIMITS.cardsPerPerson; i++)
      addPrivateCard(mine, round(doc, id), { laneId: pains, stageId: stage }, `idea ${i}`);
    expect(addPrivateCard(mine, round(doc, id), { laneId: pains, stageId: stage })).toEqual({ ok: false, reason: 'too-many' });
  });

  it('moves every private card into the map at once, marked with the round, once however often it is revealed', () => {
    const { doc, stage, pains } = mapWithTwoLanes();
    const id = startRound(doc, { kind: 'brainstorm', laneIds: [], createdBy: 'Ann' });
    const [b, c] = [new Y.Doc(), new Y.Doc()];
    addPrivateCard(b, round(doc, id), { laneId: pains, stageId: stage }, 'from B');
    addPrivateCard(c, round(doc, id), { laneId: pains, stageId: stage }, 'from C');
    addPrivateCard(c, round(doc, id), { laneId: pains, stageId: stage }, '   ');
    // A copy of B's document as another node read it, before the reveal emptied it: revealing it again adds nothing.
    const bCopy = new Y.Doc();
    Y.applyUpdate(bCopy, Y.encodeStateAsUpdate(b));
    expect(revealRound(doc, id, [b, c], SERVER_ORIGIN, 42)).toEqual({ status: 'revealed', kind: 'brainstorm', cards: 2, leftOut: 1 });
    expect(listEntities(doc, 'cards').map((card) => [card.text, card.roundId])).toEqual([
      ['from B', id],
      ['from C', id],
    ]);
    expect(round(doc, id)).toMatchObject({ state: 'revealed', revealedAt: 42, participants: 2 });
    expect(listPrivateCards(b, null)).toEqual([]);
    expect(listPrivateCards(c, null)).toEqual([]);
    expect(revealRound(doc, id, [bCopy], SERVER_ORIGIN)).toEqual({ status: 'already-revealed' });
    // Even a reveal that raced the first (the round not yet marked) cannot add B's card twice: it keeps its id.
    doc.getMap<Y.Map<unknown>>(ROUNDS).get(id)!.set('state', 'running');
    revealRound(doc, id, [bCopy], SERVER_ORIGIN);
    expect(listEntities(doc, 'cards')).toHaveLength(2);
    expect(revealRound(doc, 'NoSuchRound0000000000', [], SERVER_ORIGIN)).toEqual({ status: 'no-such-round' });
  });

  it('leaves out cards whose lane was deleted meanwhile, and cards past MAP_LIMITS', () => {
    const { doc, stage, pains, ideas } = mapWithTwoLanes();
    const id = startRound(doc, { kind: 'brainstorm', laneIds: [], createdBy: 'Ann' });
    const b = new Y.Doc();
    addPrivateCard(b, round(doc, id), { laneId: ideas, stageId: stage }, 'lane goes');
    addPrivateCard(b, round(doc, id), { laneId: pains, stageId: stage }, 'stays');
    deleteLane(doc, ideas);
    expect(revealRound(doc, id, [b], SERVER_ORIGIN)).toMatchObject({ cards: 1, leftOut: 1 });

    const full = mapDoc('blank');
    const lane = listEntities(full, 'lanes')[0]!.id;
    const st = listEntities(full, 'stages')[0]!.id;
    full.transact(() => {
      for (let i = collection(full, 'cards').size; i < MAP_LIMITS.cards; i++) {
        createEntity(full, 'cards', { id: newId(), order: `a${i}`, laneId: lane, stageId: st, text: '', votes: {} });
      }
    });
    const r2 = startRound(full, { kind: 'brainstorm', laneIds: [], createdBy: 'Ann' });
    const c = new Y.Doc();
    addPrivateCard(c, round(full, r2), { laneId: lane, stageId: st }, 'no room');
    expect(revealRound(full, r2, [c], SERVER_ORIGIN)).toMatchObject({ cards: 0, leftOut: 1 });
  });

  it('ranks a vote’s ballots into the round’s results', () => {
    const { doc, stage, pains } = mapWithTwoLanes();
    const x = addCard(doc, { laneId: pains, stageId: stage, text: 'x' });
    const y = addCard(doc, { laneId: pains, stageId: stage, text: 'y' });
    const id = startRound(doc, { kind: 'vote', laneIds: [], createdBy: 'Ann', budget: 2, topN: 1 });
    const [b, c] = [new Y.Doc(), new Y.Doc()];
    castPrivateVote(b, round(doc, id), { id: y, laneId: pains });
    castPrivateVote(c, round(doc, id), { id: y, laneId: pains });
    castPrivateVote(c, round(doc, id), { id: x, laneId: pains });
    expect(revealRound(doc, id, [b, c, new Y.Doc()], SERVER_ORIGIN)).toEqual({ status: 'revealed', kind: 'vote', voters: 2, ranked: 2 });
    expect(round(doc, id).results).toEqual([
      { cardId: y, votes: 2, rank: 1 },
      { cardId: x, votes: 1, rank: 2 },
    ]);
    expect(ballotOf(c, id)).toEqual({});
  });
});

describe('rounds in the JSON of a map', () => {
  it('keeps revealed rounds with their results and leaves a running one out', () => {
    const { doc, stage, pains } = mapWithTwoLanes();
    updateMeta(doc, { title: 'Workshop', description: '', locale: 'en', createdAt: 1, updatedAt: 1, votesPerParticipant: 5 });
    metaMap(doc).set('schemaVersion', SCHEMA_VERSION);
    const x = addCard(doc, { laneId: pains, stageId: stage, text: 'x' });
    const vote = startRound(doc, { kind: 'vote', laneIds: [], createdBy: 'Ann', budget: 1, topN: 1 });
    const b = new Y.Doc();
    castPrivateVote(b, round(doc, vote), { id: x, laneId: pains });
    revealRound(doc, vote, [b], SERVER_ORIGIN);
    const running = startRound(doc, { kind: 'brainstorm', laneIds: [], createdBy: 'Ann' });
    const json = docToMapDocument(doc);
    expect(Object.keys(json.rounds ?? {})).toEqual([vote]);
    expect(json.rounds![vote]!.results).toEqual([{ cardId: x, votes: 1, rank: 1 }]);
    expect(running).not.toBe(vote);
    // …and an import of it has them again.
    const parsed = parseMapFile(JSON.parse(JSON.stringify(json)));
    expect(parsed.ok).toBe(true);
    expect(readRounds(docFromMapDocument(parsed.ok ? parsed.map : null))).toEqual([round(doc, vote)]);
  });
});
