import type * as Y from 'yjs';
import { change, metaMap } from '../doc';

export function renameMap(doc: Y.Doc, title: string): void {
  change(doc, () => {
    metaMap(doc).set('title', title.trim().slice(0, 200));
  });
}

export function setMapDescription(doc: Y.Doc, description: string): void {
  change(doc, () => {
    metaMap(doc).set('description', description.slice(0, 5000));
  });
}
