/**
 * Fills the linked-maps session state (state/linkedMaps.ts) for the open
 * map: asks the server for the maps that link to it and for the titles of
 * the maps its stages and cards link to, again whenever the set of linked
 * maps in the document changes (someone links a stage). The links are read
 * from the document; the server only knows titles and who links here.
 */
import { useEffect } from 'react';
import { MAX_LINKED_LOOKUP } from '../../model/journeys/wire';
import { useMapSelector } from '../../state/mapContext';
import { useLinkedMaps } from '../../state/linkedMaps';
import { mapPath, navigate } from '../router';
import { getMapJourney } from './api';

/** The ids the stages and cards link to, sorted, as one string (a stable value for the selector). */
function useLinkedIds(): string {
  return useMapSelector((s) => {
    const ids = new Set<string>();
    for (const stage of s.stages) if (stage.linkedMapId !== undefined) ids.add(stage.linkedMapId);
    for (const card of s.cards) if (card.linkedMapId !== undefined) ids.add(card.linkedMapId);
    return [...ids].sort().join(',');
  });
}

export function useMapJourney(mapId: string, token: string | null): void {
  const linkedIds = useLinkedIds();

  useEffect(() => {
    const { setFollow, reset } = useLinkedMaps.getState();
    setFollow((id) => navigate(mapPath(id)));
    return () => {
      setFollow(null);
      reset();
    };
  }, [mapId]);

  useEffect(() => {
    const controller = new AbortController();
    const linked = linkedIds === '' ? [] : linkedIds.split(',').slice(0, MAX_LINKED_LOOKUP);
    getMapJourney(mapId, token, linked, controller.signal)
      .then((journey) => {
        const found = new Set(journey.linked.map((m) => m.id));
        const state = useLinkedMaps.getState();
        state.learn(journey.linked, journey.hidden ? [] : linked.filter((id) => !found.has(id)), journey.hidden);
        state.setParents(journey.parents);
      })
      // Offline or refused: links still open; their titles wait for the next answer.
      .catch(() => {});
    return () => controller.abort();
  }, [mapId, token, linkedIds]);
}
