import type * as Y from 'yjs';
import { change, collection, createEntity, deleteEntity, listEntities, newId, updateEntity } from '../doc';
import { placeAt } from '../order';
import { STAGE_COLORS } from '../choices';
import type { Stage } from '../schema';
import { checkRoom } from '../writeChecks';

// The palette is part of the format's defaults (readers use its first colour); kept importable from here.
export { STAGE_COLORS } from '../choices';

export interface AddStageArgs {
  name: string;
  description?: string;
  color?: string;
  /** Position among the stages; default: last. */
  index?: number;
}

/** Adds a stage; refused (MapLimitError, InvalidWriteError) before anything is written. */
export function addStage(doc: Y.Doc, args: AddStageArgs): string {
  return change(doc, () => {
    checkRoom(doc, 'stages');
    const stages = listEntities(doc, 'stages');
    const id = newId();
    const index = args.index ?? stages.length;
    const { order, rekeyed } = placeAt(stages, index);
    // Created before the neighbours are re-keyed: creating checks the stage, and a refused one must leave the order as it was.
    createEntity(doc, 'stages', {
      id,
      order,
      name: args.name,
      description: args.description ?? '',
      color: args.color ?? STAGE_COLORS[stages.length % STAGE_COLORS.length]!,
    });
    for (const [sid, key] of rekeyed) updateEntity(doc, 'stages', sid, { order: key });
    return id;
  });
}

export function updateStage(
  doc: Y.Doc,
  id: string,
  patch: Partial<Pick<Stage, 'name' | 'description' | 'color' | 'linkedMapId'>>,
): boolean {
  return change(doc, () => updateEntity(doc, 'stages', id, patch));
}

/** Move a stage to `index` in the final order. */
export function moveStage(doc: Y.Doc, id: string, index: number): boolean {
  return change(doc, () => {
    const others = listEntities(doc, 'stages').filter((s) => s.id !== id);
    if (!collection(doc, 'stages').has(id)) return false;
    const { order, rekeyed } = placeAt(others, index);
    for (const [sid, key] of rekeyed) updateEntity(doc, 'stages', sid, { order: key });
    return updateEntity(doc, 'stages', id, { order });
  });
}

/** Delete a stage and every card in it (one undo step). */
export function deleteStage(doc: Y.Doc, id: string): boolean {
  return change(doc, () => {
    for (const card of listEntities(doc, 'cards')) if (card.stageId === id) deleteEntity(doc, 'cards', card.id);
    return deleteEntity(doc, 'stages', id);
  });
}
