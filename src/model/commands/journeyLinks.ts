/**
 * Linking a stage or a card to another map (a sub-journey). The link is the
 * entity's `linkedMapId`, checked like every field before it is written
 * (writeChecks.ts); no map id is checked for existence here: the doc does not
 * know the server's maps, and readers show a link to a missing map as such.
 */
import type * as Y from 'yjs';
import { change, updateEntity } from '../doc';
import type { LinkCarrier } from '../journeys/wire';

export interface LinkTarget {
  carrier: LinkCarrier;
  id: string;
}

const COLLECTION = { stage: 'stages', card: 'cards' } as const satisfies Record<LinkCarrier, string>;

/** Link `target` to the map `mapId`, or remove its link (null); false if the stage or card is gone. */
export function setLinkedMap(doc: Y.Doc, target: LinkTarget, mapId: string | null): boolean {
  return change(doc, () => updateEntity(doc, COLLECTION[target.carrier], target.id, { linkedMapId: mapId ?? undefined }));
}
