/**
 * Per-user undo: a Y.UndoManager over the map content that tracks only this
 * replica's own changes (LOCAL_ORIGIN), so Ctrl+Z undoes my last change and
 * never a colleague's, even when their edits interleave with mine. Every
 * command is one transaction; changes within 500 ms merge into one step, and
 * a gesture (a drag) is one step however long it lasts.
 */
import * as Y from 'yjs';
import { collection, LOCAL_ORIGIN, metaMap } from './doc';
import { COLLECTIONS } from './schema';

export type MapUndo = Y.UndoManager;

export function createUndo(doc: Y.Doc): MapUndo {
  const scope = [metaMap(doc), ...COLLECTIONS.map((name) => collection(doc, name))];
  return new Y.UndoManager(scope, { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 500 });
}

/**
 * Start a gesture: everything until the returned `end()` is one undo step
 * (an emotion point dragged through five scores is undone at once).
 */
export function beginGesture(undo: MapUndo): () => void {
  undo.stopCapturing();
  const previous = undo.captureTimeout;
  undo.captureTimeout = Number.POSITIVE_INFINITY;
  return () => {
    undo.captureTimeout = previous;
    undo.stopCapturing();
  };
}
