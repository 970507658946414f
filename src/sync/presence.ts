/**
 * Presence: who is on the map, where their pointer is, what they have
 * selected, where they are looking and which cards they are dragging. All of
 * it travels as y-websocket awareness (ephemeral, never in the document),
 * sent at most 20 times a second per field. Remote states are validated:
 * any client may put anything into its awareness entry.
 */
import { create } from 'zustand';
import { z } from 'zod';
import type { Awareness } from 'y-protocols/awareness';
import { participantId } from './participant';

const Point = z.object({ x: z.number().finite(), y: z.number().finite() });
const UserSchema = z.object({
  id: z.string().max(64),
  name: z.string().max(60),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});
const ViewportSchema = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  zoom: z.number().positive().max(10),
  width: z.number().positive().max(20_000),
  height: z.number().positive().max(20_000),
});
const PeerStateSchema = z.object({
  user: UserSchema,
  cursor: Point.nullable().optional(),
  selection: z.array(z.string().max(64)).max(500).optional(),
  viewport: ViewportSchema.nullable().optional(),
  /** card id -> flow position while it is being dragged */
  drag: z.record(z.string().max(64), Point).nullable().optional(),
  /** asks everyone to follow this user (the facilitator's "follow me") */
  followMe: z.boolean().optional(),
});

export type PresenceUser = z.infer<typeof UserSchema>;
export type Viewport = z.infer<typeof ViewportSchema>;
export type PeerState = z.infer<typeof PeerStateSchema>;
export interface Peer extends PeerState {
  clientId: number;
}

export const PRESENCE_COLORS = [
  '#e5484d',
  '#f76b15',
  '#ad7f00',
  '#30a46c',
  '#0d9488',
  '#0090ff',
  '#6e56cf',
  '#d6409f',
  '#8d5a2b',
  '#3e63dd',
];
const NAME_KEY = 'journeyboard.name';
const SEND_INTERVAL_MS = 50;

/** Same keys with equal values (compared as JSON: small arrays and points). */
function sameEntries<V>(a: ReadonlyMap<string, V>, b: ReadonlyMap<string, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (!b.has(k) || JSON.stringify(b.get(k)) !== JSON.stringify(v)) return false;
  return true;
}

function colorFor(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PRESENCE_COLORS[h % PRESENCE_COLORS.length]!;
}

export function savedName(): string | null {
  try {
    return localStorage.getItem(NAME_KEY);
  } catch {
    return null;
  }
}

interface PresenceStore {
  me: PresenceUser;
  /** whether this browser has chosen a name (else it is asked once) */
  named: boolean;
  /** other clients on the map, one entry per client (a person with two tabs is two) */
  peers: Peer[];
  /** card id -> colours of the people who have it selected */
  selectedBy: ReadonlyMap<string, string[]>;
  /** card id -> where someone else is dragging it */
  remoteDrags: ReadonlyMap<string, { x: number; y: number }>;
  /** the client whose view this one follows */
  following: number | null;
  /** a one-off "go to where they are looking" request, applied by the canvas */
  jump: { clientId: number; seq: number } | null;
  setFollowing(clientId: number | null): void;
  jumpTo(clientId: number): void;
}

export const usePresence = create<PresenceStore>()((set) => ({
  me: { id: participantId(), name: savedName() ?? '', color: colorFor(participantId()) },
  named: savedName() !== null,
  peers: [],
  selectedBy: new Map(),
  remoteDrags: new Map(),
  following: null,
  jump: null,
  setFollowing: (following) => set({ following }),
  jumpTo: (clientId) => set((s) => ({ jump: { clientId, seq: (s.jump?.seq ?? 0) + 1 } })),
}));

export interface PresenceChannel {
  setName(name: string): void;
  setCursor(point: { x: number; y: number } | null): void;
  setSelection(ids: readonly string[]): void;
  setViewport(viewport: Viewport): void;
  setDrag(positions: Record<string, { x: number; y: number }> | null): void;
  setFollowMe(on: boolean): void;
  destroy(): void;
}

/** For a map shown on its own (a version preview): tells nobody anything. */
export const silentPresence: PresenceChannel = {
  setName: () => undefined,
  setCursor: () => undefined,
  setSelection: () => undefined,
  setViewport: () => undefined,
  setDrag: () => undefined,
  setFollowMe: () => undefined,
  destroy: () => undefined,
};

/** Publishes this user's presence on `awareness` and mirrors everyone else's into usePresence. */
export function bindPresence(awareness: Awareness, fallbackName: string): PresenceChannel {
  const store = usePresence;
  const me = store.getState().me;
  const user: PresenceUser = { ...me, name: me.name || fallbackName };
  store.setState({ me: user });
  // Setting a field right away gives the entry a clock above 0, so others see us at once.
  awareness.setLocalState({ user, cursor: null, selection: [], viewport: null, drag: null, followMe: false });

  const pending = new Map<string, unknown>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastSent = 0;
  const flush = () => {
    timer = null;
    lastSent = Date.now();
    const state = awareness.getLocalState();
    if (!state || pending.size === 0) return;
    awareness.setLocalState({ ...state, ...Object.fromEntries(pending) });
    pending.clear();
  };
  /** Coalesces a field; sends at most every 50 ms (immediately when idle). */
  const send = (field: string, value: unknown, now = false) => {
    pending.set(field, value);
    if (now) {
      if (timer) clearTimeout(timer);
      return flush();
    }
    if (timer) return;
    timer = setTimeout(flush, Math.max(0, SEND_INTERVAL_MS - (Date.now() - lastSent)));
  };

  const onChange = () => {
    const peers: Peer[] = [];
    awareness.getStates().forEach((raw, clientId) => {
      if (clientId === awareness.clientID) return;
      const parsed = PeerStateSchema.safeParse(raw);
      if (parsed.success) peers.push({ ...parsed.data, clientId });
    });
    peers.sort((a, b) => a.clientId - b.clientId);
    const selectedBy = new Map<string, string[]>();
    const remoteDrags = new Map<string, { x: number; y: number }>();
    for (const peer of peers) {
      for (const id of peer.selection ?? []) selectedBy.set(id, [...(selectedBy.get(id) ?? []), peer.user.color]);
      for (const [id, pos] of Object.entries(peer.drag ?? {})) remoteDrags.set(id, pos);
    }
    const prev = store.getState();
    const following = prev.following;
    store.setState({
      peers,
      // Cursors move many times a second; keep these maps (and everything
      // that re-renders on them, like the 600-card canvas) unless they changed.
      selectedBy: sameEntries(prev.selectedBy, selectedBy) ? prev.selectedBy : selectedBy,
      remoteDrags: sameEntries(prev.remoteDrags, remoteDrags) ? prev.remoteDrags : remoteDrags,
      following: following !== null && peers.some((p) => p.clientId === following) ? following : null,
    });
  };
  awareness.on('change', onChange);
  onChange();

  return {
    setName(name) {
      const clean = name.trim().slice(0, 60);
      if (!clean) return;
      try {
        localStorage.setItem(NAME_KEY, clean);
      } catch {
        // private mode: the name lasts for this tab
      }
      const next = { ...store.getState().me, name: clean };
      store.setState({ me: next, named: true });
      send('user', next, true);
    },
    setCursor: (point) => send('cursor', point),
    setSelection: (ids) => send('selection', [...ids].slice(0, 500)),
    setViewport: (viewport) => send('viewport', viewport),
    // The end of a drag goes out at once, so nobody sees a card hang in the air.
    setDrag: (positions) => send('drag', positions, positions === null),
    setFollowMe: (on) => send('followMe', on, true),
    destroy() {
      if (timer) clearTimeout(timer);
      awareness.off('change', onChange);
      awareness.setLocalState(null);
      store.setState({ peers: [], selectedBy: new Map(), remoteDrags: new Map(), following: null });
    },
  };
}
