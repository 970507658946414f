import type * as Y from 'yjs';
import { change, updateMeta } from '../doc';
import { fitText, TEXT_LIMITS } from '../limits';

/** Renames the map; a title longer than the format allows is cut to fit (the title box does not let one through). */
export function renameMap(doc: Y.Doc, title: string): void {
  change(doc, () => updateMeta(doc, { title: fitText(title.trim(), TEXT_LIMITS.mapTitle) }));
}

export function setMapDescription(doc: Y.Doc, description: string): void {
  change(doc, () => updateMeta(doc, { description: fitText(description, TEXT_LIMITS.mapDescription) }));
}
