/** Other people's pointers, with their names, drawn in flow coordinates at a constant size. */
import { memo } from 'react';
import { ViewportPortal, useStore } from '@xyflow/react';
import { usePresence } from '../sync/presence';

function RemoteCursorsView() {
  const peers = usePresence((s) => s.peers);
  const zoom = useStore((s) => s.transform[2]);
  return (
    <ViewportPortal>
      {peers.map((peer) =>
        peer.cursor ? (
          <div
            key={peer.clientId}
            className="remote-cursor"
            data-testid="remote-cursor"
            style={{ transform: `translate(${peer.cursor.x}px, ${peer.cursor.y}px) scale(${1 / zoom})`, color: peer.user.color }}
          >
            <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden>
              <path d="M1 1 L1 15 L5 11 L8 17 L10 16 L7 10 L13 10 Z" fill="currentColor" stroke="#fff" strokeWidth="1.2" />
            </svg>
            <span className="remote-cursor-name" style={{ background: peer.user.color }}>
              {peer.user.name}
            </span>
          </div>
        ) : null,
      )}
    </ViewportPortal>
  );
}

export const RemoteCursors = memo(RemoteCursorsView);
