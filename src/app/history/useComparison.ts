/**
 * A version compare shown in place of the live map: the server's view (the
 * later side with what was removed put back) loaded into a Y.Doc of its own
 * (never connected), read-only like a version preview, with the diff for
 * the canvas's marks, the changes list and the banner.
 */
import { useCallback, useState } from 'react';
import { namesOf } from '../../model/compare/describe';
import type { CompareState } from '../../state/compareContext';
import type { OpenMap } from '../../state/mapContext';
import { openReadOnlyMap, useReadOnlyMap } from './readOnlyMap';
import { compareVersions } from './api';

export interface Comparison {
  state: CompareState;
  open: OpenMap;
}

export function useComparison(mapId: string, token: string | null) {
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  /** Compares version `from` with version `to`, or with the map now (COMPARE_NOW). */
  const show = useCallback(
    async (from: string, to: string) => {
      setLoading(true);
      try {
        const result = await compareVersions(mapId, token, from, to);
        const open = openReadOnlyMap(result.view);
        const { diff } = result;
        const state: CompareState = {
          result,
          cards: new Map(diff.cards.map((c) => [c.id, c])),
          stages: new Map(diff.stages.map((s) => [s.id, s])),
          lanes: new Map(diff.lanes.map((l) => [l.id, l])),
          names: namesOf(result.view),
        };
        setComparison({ state, open });
        setError(null);
      } catch (err) {
        setError((err as Error).message);
      } finally {
        setLoading(false);
      }
    },
    [mapId, token],
  );

  const close = useCallback(() => setComparison(null), []);

  useReadOnlyMap(comparison?.open ?? null);

  return { comparison, show, close, error, loading };
}
