/**
 * Other people's pointers, with their names, drawn in flow coordinates at a
 * constant size. React renders which pointers there are (someone arrives,
 * leaves the canvas, is renamed) and the zoom; their movement never renders
 * anything: CursorLayer sets each pointer's transform when a position
 * arrives, with a CSS transition as long as positions take to arrive
 * (CursorPacing), so the browser's compositor glides it there and a pointer
 * looks fluid even when its positions come only a few times a second.
 */
import { memo, useEffect, useState, useSyncExternalStore } from 'react';
import { ViewportPortal, useStore } from '@xyflow/react';
import { remoteCursors, usePresence, type FlowPoint, type RemoteCursorFeed } from '../sync/presence';
import { CursorPacing } from './cursorPacing';

/** Moves the pointer elements; one per canvas. */
class CursorLayer {
  private readonly pacing = new CursorPacing();
  private readonly elements = new Map<number, HTMLElement>();
  private readonly refs = new Map<number, (el: HTMLElement | null) => void>();

  constructor(private readonly feed: RemoteCursorFeed) {}

  /** Follows the feed until the returned function is called. */
  start(): () => void {
    return this.feed.subscribeMoves((id, at) => {
      const glideMs = this.pacing.arrive(id, performance.now());
      const el = this.elements.get(id);
      if (el) place(el, at, glideMs);
    });
  }

  /** A stable ref callback for pointer `id`'s element. */
  ref(id: number): (el: HTMLElement | null) => void {
    let ref = this.refs.get(id);
    if (!ref) {
      ref = (el) => {
        if (el) {
          this.elements.set(id, el);
          const at = this.feed.get(id);
          if (at) place(el, at, 0);
        } else {
          this.elements.delete(id);
          this.refs.delete(id);
          if (!this.feed.get(id)) this.pacing.forget(id);
        }
      };
      this.refs.set(id, ref);
    }
    return ref;
  }
}

function place(el: HTMLElement, at: FlowPoint, glideMs: number): void {
  // Written only when it changes (to within 10 ms): a new transition property costs the style engine more than a new position.
  const transition = glideMs > 0 ? `transform ${Math.round(glideMs / 10) * 10}ms linear` : 'none';
  if (el.style.transition !== transition) el.style.transition = transition;
  el.style.transform = `translate(${at.x}px, ${at.y}px)`;
}

function RemoteCursorsView() {
  const ids = useSyncExternalStore(remoteCursors.subscribeIds, remoteCursors.getIds);
  const peers = usePresence((s) => s.peers);
  const zoom = useStore((s) => s.transform[2]);
  const [layer] = useState(() => new CursorLayer(remoteCursors));
  useEffect(() => layer.start(), [layer]);
  return (
    <ViewportPortal>
      {ids.map((id) => {
        const peer = peers.find((p) => p.clientId === id);
        if (!peer) return null;
        // The outer element's transform is the layer's (a render must not put a pointer back); the inner one keeps the size constant.
        return (
          <div key={id} ref={layer.ref(id)} className="remote-cursor" data-testid="remote-cursor" style={{ color: peer.user.color }}>
            <div style={{ transform: `scale(${1 / zoom})`, transformOrigin: '0 0' }}>
              <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden>
                <path d="M1 1 L1 15 L5 11 L8 17 L10 16 L7 10 L13 10 Z" fill="currentColor" stroke="#fff" strokeWidth="1.2" />
              </svg>
              <span className="remote-cursor-name" style={{ background: peer.user.color }}>
                {peer.user.name}
              </span>
            </div>
          </div>
        );
      })}
    </ViewportPortal>
  );
}

export const RemoteCursors = memo(RemoteCursorsView);
