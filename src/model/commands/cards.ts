/**
 * Card commands. Like every command (writeChecks.ts), each checks what it is
 * about to write against the schema before its first write, and a refused
 * one throws a WriteRefusedError and writes nothing: a text longer than the
 * format allows (InvalidWriteError), a card past MAP_LIMITS (MapLimitError).
 */
import type * as Y from 'yjs';
import { change, collection, createEntity, deleteEntity, editSharedText, listEntities, newId, readEntity, updateEntity } from '../doc';
import { defaultFields } from '../laneFields';
import { placeAt } from '../order';
import { EMOTION_MAX, EMOTION_MIN, TAGS, type Card, type LaneKind, type Tag } from '../schema';
import { checkFields, checkRoom } from '../writeChecks';

export type CardFields = Partial<Omit<Card, 'id' | 'order' | 'laneId' | 'stageId' | 'text' | 'votes'>>;

/** What a new card in a lane of this kind starts with: the defaults of the lane-field table (laneFields.ts). */
export function defaultFieldsFor(kind: LaneKind | undefined): CardFields {
  return defaultFields(kind);
}

export interface Cell {
  laneId: string;
  stageId: string;
}

/** Cards of one cell in display order (optionally leaving one card out). */
export function cellCards(doc: Y.Doc, cell: Cell, exceptId?: string): Card[] {
  return listEntities(doc, 'cards').filter((c) => c.laneId === cell.laneId && c.stageId === cell.stageId && c.id !== exceptId);
}

export interface AddCardArgs extends Cell {
  text: string;
  /** Position within the cell; default: last. */
  index?: number;
  fields?: CardFields;
  /** The new card's id; default: a new one (a revealed private card keeps its own, so a second reveal cannot add it twice). */
  id?: string;
}

export function addCard(doc: Y.Doc, args: AddCardArgs): string {
  return change(doc, () => {
    checkRoom(doc, 'cards');
    const siblings = cellCards(doc, args);
    const { order, rekeyed } = placeAt(siblings, args.index ?? siblings.length);
    const id = args.id ?? newId();
    // The votes map is created with the card: created later, two first votes
    // at once would each create one and one of them would be lost. Created
    // before the siblings are re-keyed: creating checks the card, and a
    // refused one must leave the cell as it was.
    createEntity(doc, 'cards', { ...args.fields, id, order, laneId: args.laneId, stageId: args.stageId, text: args.text, votes: {} });
    for (const [cid, key] of rekeyed) updateEntity(doc, 'cards', cid, { order: key });
    return id;
  });
}

/**
 * Set a card's text. With `base` (the text the editor started from), only
 * the change from `base` to `text` is written, so what a colleague typed in
 * the same card meanwhile is kept; without it, the splice from the current
 * text. Either way only the changed span is touched (sharedText.ts).
 */
export function updateCardText(doc: Y.Doc, id: string, text: string, base?: string): boolean {
  return change(doc, () => editSharedText(doc, 'cards', id, 'text', text, base));
}

/** Plain fields only: votes and persona scores have their own commands (votes.ts, personaScores.ts). */
export function updateCard(doc: Y.Doc, id: string, patch: Partial<Omit<Card, 'id' | 'votes' | 'personaEmotions'>>): boolean {
  return change(doc, () => updateEntity(doc, 'cards', id, patch));
}

/** The same fields on many cards, as one step (multi-select in the inspector); checked once, before the first card. */
export function updateCards(doc: Y.Doc, ids: readonly string[], patch: Omit<CardFields, 'personaEmotions'>): number {
  return change(doc, () => {
    checkFields('cards', patch);
    return ids.filter((id) => updateEntity(doc, 'cards', id, patch)).length;
  });
}

/** Set a card's emotion score, rounded and clamped to the scale (dragging a curve point). */
export function setEmotion(doc: Y.Doc, id: string, score: number): boolean {
  // `+ 0` turns Math.round(-0.4) === -0 into 0: -0 would sync as -0 and print as "-0".
  const clamped = Math.max(EMOTION_MIN, Math.min(EMOTION_MAX, Math.round(score))) + 0;
  return change(doc, () => updateEntity(doc, 'cards', id, { emotion: clamped }));
}

/**
 * Move a card to `index` within a cell (its own or another). Lane, stage and
 * order are written together, so a concurrent move by someone else resolves to
 * one of the two cells, never a mix and never a copy.
 */
export function moveCard(doc: Y.Doc, id: string, to: Cell & { index?: number }): boolean {
  return change(doc, () => {
    if (!collection(doc, 'cards').has(id)) return false;
    const siblings = cellCards(doc, to, id);
    const { order, rekeyed } = placeAt(siblings, to.index ?? siblings.length);
    // The card first: its write is the one checked (the cell ids), and a refused move must leave the cell as it was.
    const moved = updateEntity(doc, 'cards', id, { laneId: to.laneId, stageId: to.stageId, order });
    for (const [cid, key] of rekeyed) updateEntity(doc, 'cards', cid, { order: key });
    return moved;
  });
}

/** Duplicate a card right after itself (as readers show it, repairs included); returns the copy's id. */
export function duplicateCard(doc: Y.Doc, id: string): string | null {
  const card = readEntity(doc, 'cards', id);
  if (!card) return null;
  const { id: _id, order: _order, laneId, stageId, text, votes: _votes, ...fields } = card;
  const index = cellCards(doc, card).findIndex((c) => c.id === id) + 1;
  return addCard(doc, { laneId, stageId, text, index, fields });
}

export function deleteCard(doc: Y.Doc, id: string): boolean {
  return change(doc, () => deleteEntity(doc, 'cards', id));
}

/** Move several cards into one cell, consecutively from `index` (one undo step). */
export function moveCards(doc: Y.Doc, ids: readonly string[], to: Cell & { index?: number }): void {
  change(doc, () => {
    // Checked once before the first card moves: all of them move, or none.
    checkFields('cards', { laneId: to.laneId, stageId: to.stageId });
    let index = to.index ?? cellCards(doc, to).filter((c) => !ids.includes(c.id)).length;
    for (const id of ids) if (moveCard(doc, id, { ...to, index })) index++;
  });
}

/** Put a workshop tag on (or take it off) several cards, as one step; other tags stay. */
export function setTag(doc: Y.Doc, ids: readonly string[], tag: Tag, on: boolean): void {
  change(doc, () => {
    for (const id of ids) {
      const card = readEntity(doc, 'cards', id);
      if (!card) continue;
      const tags = (card.tags ?? []).filter((x) => x !== tag);
      if (on) tags.push(tag);
      updateEntity(doc, 'cards', id, { tags: TAGS.filter((x) => tags.includes(x)) });
    }
  });
}
