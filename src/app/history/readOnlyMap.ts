/**
 * A map document shown in place of the live map (a version preview, a
 * compare): loaded into a Y.Doc of its own that is never connected, with the
 * live view and undo the canvas expects, no presence, and the session marked
 * as previewing so nothing edits it. One home for opening and closing it.
 */
import { useLayoutEffect } from 'react';
import { docFromMapDocument } from '../../model/doc';
import { createLiveMap } from '../../model/live';
import type { MapDocument } from '../../model/schema';
import { createUndo } from '../../model/undo';
import { silentPresence } from '../../sync/presence';
import { useSession } from '../../state/session';
import type { OpenMap } from '../../state/mapContext';

export function openReadOnlyMap(content: MapDocument): OpenMap {
  const doc = docFromMapDocument(content);
  return { doc, live: createLiveMap(doc), undo: createUndo(doc), presence: silentPresence, commentsDoc: docFromMapDocument(null) };
}

/** Marks the session as previewing while `open` is shown (before it is painted, so it is never editable), and frees it when it is replaced or closed. */
export function useReadOnlyMap(open: OpenMap | null): void {
  useLayoutEffect(() => {
    if (!open) return;
    useSession.getState().setPreviewing(true);
    return () => {
      useSession.getState().setPreviewing(false);
      open.live.destroy();
      open.undo.destroy();
      open.doc.destroy();
      open.commentsDoc.destroy();
    };
  }, [open]);
}
