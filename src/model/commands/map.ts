import type * as Y from 'yjs';
import { change, updateMeta } from '../doc';
import { fitText, maxLength, TEXT_LIMITS } from '../limits';
import { MetaSchema } from '../schema';

/** Renames the map; a title longer than the format allows is cut to fit (the title box does not let one through). */
export function renameMap(doc: Y.Doc, title: string): void {
  change(doc, () => updateMeta(doc, { title: fitText(title.trim(), TEXT_LIMITS.mapTitle) }));
}

export function setMapDescription(doc: Y.Doc, description: string): void {
  change(doc, () => updateMeta(doc, { description: fitText(description, TEXT_LIMITS.mapDescription) }));
}

/** Sets who owns the map (trimmed; cut to the format's limit); an empty name removes the owner. */
export function setMapOwner(doc: Y.Doc, owner: string): void {
  const name = fitText(owner.trim(), maxLength(MetaSchema.shape.owner)).trim();
  change(doc, () => updateMeta(doc, { owner: name === '' ? undefined : name }));
}

/** Sets how often the map should be reviewed, in days; undefined: no cadence (never stale). */
export function setReviewCadence(doc: Y.Doc, days: number | undefined): void {
  change(doc, () => updateMeta(doc, { reviewEveryDays: days }));
}
