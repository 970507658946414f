/**
 * The canvas side of presence: publishes my selection and view, follows or
 * jumps to someone else's view on request. (Cursor and drag positions are
 * published from the canvas's own event handlers.)
 */
import { useEffect } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useSession } from '../state/session';
import { usePresence, type Viewport } from '../sync/presence';
import { useOpenMap } from '../state/mapContext';

/** Their view as ours: the same centre, at a zoom that shows the same area. */
function viewFor(theirs: Viewport, width: number, height: number) {
  const cx = (theirs.width / 2 - theirs.x) / theirs.zoom;
  const cy = (theirs.height / 2 - theirs.y) / theirs.zoom;
  const zoom = Math.max(0.1, Math.min(2, theirs.zoom * Math.min(width / theirs.width, height / theirs.height)));
  return { x: width / 2 - cx * zoom, y: height / 2 - cy * zoom, zoom };
}

export function usePresenceSync(): void {
  const { presence } = useOpenMap();
  const flow = useReactFlow();
  const store = useStoreApi();

  useEffect(
    () =>
      useSession.subscribe((s, prev) => {
        if (s.selectedIds !== prev.selectedIds) presence.setSelection([...s.selectedIds]);
      }),
    [presence],
  );

  useEffect(() => {
    const publish = () => {
      const { width, height, transform } = store.getState();
      if (width > 0 && height > 0) presence.setViewport({ x: transform[0], y: transform[1], zoom: transform[2], width, height });
    };
    publish();
    return store.subscribe((s, prev) => {
      if (s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) publish();
    });
  }, [presence, store]);

  useEffect(() => {
    const apply = (clientId: number | null) => {
      const peer = usePresence.getState().peers.find((p) => p.clientId === clientId);
      const { width, height } = store.getState();
      if (peer?.viewport && width > 0) void flow.setViewport(viewFor(peer.viewport, width, height), { duration: 150 });
    };
    return usePresence.subscribe((s, prev) => {
      if (s.jump && s.jump !== prev.jump) apply(s.jump.clientId);
      if (s.following === null) return;
      const now = s.peers.find((p) => p.clientId === s.following)?.viewport;
      const before = prev.peers.find((p) => p.clientId === s.following)?.viewport;
      if (s.following !== prev.following || now !== before) apply(s.following);
    });
  }, [flow, store]);
}
