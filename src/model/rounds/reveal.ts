/**
 * Ending a round, as the server does it with every participant's private
 * document in hand: a brainstorm's private cards become map cards (through
 * the normal card command, keeping their ids, marked with the round), a
 * vote's ballots are counted into the round's results; then the round is
 * marked revealed and emptied out of the private documents. Idempotent: a
 * revealed round is left as it is, and a card already on the map is not
 * added again.
 */
import type * as Y from 'yjs';
import { addCard } from '../commands/cards';
import { collection, listEntities } from '../doc';
import { MapLimitError } from '../writeChecks';
import { readRound, roundsMap } from './commands';
import { ballotOf, clearRound, listPrivateCards } from './private';
import { laneInRound, tally } from './rules';
import { ROUND_LIMITS } from './schema';

export type RevealOutcome =
  | { status: 'revealed'; kind: 'brainstorm'; cards: number; leftOut: number }
  | { status: 'revealed'; kind: 'vote'; voters: number; ranked: number }
  | { status: 'already-revealed' }
  | { status: 'no-such-round' };

export function revealRound(doc: Y.Doc, roundId: string, privates: readonly Y.Doc[], origin: unknown, now = Date.now()): RevealOutcome {
  const entry = roundsMap(doc).get(roundId);
  const round = readRound(entry);
  if (!round || !entry) return { status: 'no-such-round' };
  if (round.state === 'revealed') return { status: 'already-revealed' };
  let outcome: RevealOutcome;
  doc.transact(() => {
    if (round.kind === 'brainstorm') {
      const lanes = collection(doc, 'lanes');
      const stages = collection(doc, 'stages');
      const cards = collection(doc, 'cards');
      let added = 0;
      let leftOut = 0;
      for (const pdoc of privates) {
        const mine = listPrivateCards(pdoc, round.id);
        for (const [i, card] of mine.entries()) {
          // A card whose lane or stage was deleted meanwhile, or outside the round, has no place to go.
          const placeable = lanes.has(card.laneId) && stages.has(card.stageId) && laneInRound(round, card.laneId);
          if (!placeable || i >= ROUND_LIMITS.cardsPerPerson || card.text.trim() === '') {
            leftOut++;
            continue;
          }
          if (cards.has(card.id)) continue;
          try {
            addCard(doc, { laneId: card.laneId, stageId: card.stageId, text: card.text, id: card.id, fields: { roundId: round.id } });
            added++;
          } catch (err) {
            if (!(err instanceof MapLimitError)) throw err;
            leftOut++;
          }
        }
      }
      entry.set('participants', added);
      outcome = { status: 'revealed', kind: 'brainstorm', cards: added, leftOut };
    } else {
      // In journey order (stage, then lane, then place in the cell), so tied cards are listed as the map reads.
      const stageAt = new Map(listEntities(doc, 'stages').map((st, i) => [st.id, i]));
      const laneAt = new Map(listEntities(doc, 'lanes').map((l, i) => [l.id, i]));
      const eligible = listEntities(doc, 'cards')
        .filter((c) => laneInRound(round, c.laneId))
        .sort(
          (a, b) =>
            (stageAt.get(a.stageId) ?? 0) - (stageAt.get(b.stageId) ?? 0) ||
            (laneAt.get(a.laneId) ?? 0) - (laneAt.get(b.laneId) ?? 0) ||
            (a.order < b.order ? -1 : a.order > b.order ? 1 : 0),
        )
        .map((c) => c.id);
      const ballots = privates.map((p) => ballotOf(p, round.id)).filter((b) => Object.keys(b).length > 0);
      const results = tally(ballots, eligible, round.budget ?? 0);
      entry.set('results', results);
      entry.set('participants', ballots.length);
      outcome = { status: 'revealed', kind: 'vote', voters: ballots.length, ranked: results.length };
    }
    entry.set('state', 'revealed');
    entry.set('revealedAt', now);
  }, origin);
  for (const pdoc of privates) clearRound(pdoc, round.id, origin);
  return outcome!;
}
