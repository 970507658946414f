/**
 * A saved version shown in place of the live map: its content loaded into a
 * Y.Doc of its own (never connected), read-only, with a banner to restore it
 * or go back.
 */
import { useCallback, useState } from 'react';
import type { OpenMap } from '../../state/mapContext';
import { openReadOnlyMap, useReadOnlyMap } from './readOnlyMap';
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
        setPreview({ version, open: openReadOnlyMap(content) });
        setError(null);
      } catch (err) {
        setError((err as Error).message);
      }
    },
    [mapId, token],
  );

  const close = useCallback(() => setPreview(null), []);

  useReadOnlyMap(preview?.open ?? null);

  return { preview, show, close, error };
}
