import type * as Y from 'yjs';
import { change, collection, createEntity, deleteEntity, listEntities, newId, updateEntity } from '../doc';
import { placeAt } from '../order';
import type { Lane, LaneKind } from '../schema';
import { checkRoom } from '../writeChecks';

export interface AddLaneArgs {
  kind: LaneKind;
  name: string;
  department?: string;
  index?: number;
}

/** Adds a lane; refused (MapLimitError, InvalidWriteError) before anything is written. */
export function addLane(doc: Y.Doc, args: AddLaneArgs): string {
  return change(doc, () => {
    checkRoom(doc, 'lanes');
    const lanes = listEntities(doc, 'lanes');
    const id = newId();
    const { order, rekeyed } = placeAt(lanes, args.index ?? lanes.length);
    // Created before the neighbours are re-keyed: creating checks the lane, and a refused one must leave the order as it was.
    createEntity(doc, 'lanes', { id, order, kind: args.kind, name: args.name, department: args.department ?? '' });
    for (const [lid, key] of rekeyed) updateEntity(doc, 'lanes', lid, { order: key });
    return id;
  });
}

export function updateLane(doc: Y.Doc, id: string, patch: Partial<Pick<Lane, 'name' | 'kind' | 'department'>>): boolean {
  return change(doc, () => updateEntity(doc, 'lanes', id, patch));
}

export function moveLane(doc: Y.Doc, id: string, index: number): boolean {
  return change(doc, () => {
    if (!collection(doc, 'lanes').has(id)) return false;
    const others = listEntities(doc, 'lanes').filter((l) => l.id !== id);
    const { order, rekeyed } = placeAt(others, index);
    for (const [lid, key] of rekeyed) updateEntity(doc, 'lanes', lid, { order: key });
    return updateEntity(doc, 'lanes', id, { order });
  });
}

/** Delete a lane and every card in it (one undo step). */
export function deleteLane(doc: Y.Doc, id: string): boolean {
  return change(doc, () => {
    for (const card of listEntities(doc, 'cards')) if (card.laneId === id) deleteEntity(doc, 'cards', card.id);
    return deleteEntity(doc, 'lanes', id);
  });
}
