/**
 * A saved version shown in place of the live map: its content loaded into a
 * Y.Doc of its own (never connected), read-only, with a banner to restore it
 * or go back.
 */
import { useCallback, useEffect, useState } from 'react';
import { docFromMapDocument } from '../../model/doc';
import { createLiveMap } from '../../model/live';
import { createUndo } from '../../model/undo';
import { silentPresence } from '../../sync/presence';
import { useSession } from '../../state/session';
import type { OpenMap } from '../../state/mapContext';
import { previewVersion, type Version } from './api';

export interface Preview {
  version: Version;
  open: OpenMap;
}

export function usePreview(mapId: string, token: string | null) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);

  const show = useCallback(
    async (version: Version) => {
      try {
        const content = await previewVersion(mapId, token, version.id);
        const doc = docFromMapDocument(content);
        const open: OpenMap = {
          doc,
          live: createLiveMap(doc),
          undo: createUndo(doc),
          presence: silentPresence,
          commentsDoc: docFromMapDocument(null),
        };
        setPreview({ version, open });
        setError(null);
        useSession.getState().setPreviewing(true);
      } catch (err) {
        setError((err as Error).message);
      }
    },
    [mapId, token],
  );

  const close = useCallback(() => setPreview(null), []);

  useEffect(() => {
    if (!preview) return;
    return () => {
      useSession.getState().setPreviewing(false);
      preview.open.live.destroy();
      preview.open.undo.destroy();
      preview.open.doc.destroy();
      preview.open.commentsDoc.destroy();
    };
  }, [preview]);

  return { preview, show, close, error };
}
