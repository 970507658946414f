/**
 * Presence: who is on the map, where their pointer is, what they have
 * selected, where they are looking and which cards they are dragging. All of
 * it travels as y-websocket awareness (ephemeral, never in the document),
 * sent at most 20 times a second per field, with coordinates rounded and
 * empty fields left out (wireState). Remote states are validated: any
 * client may put anything into its awareness entry.
 *
 * Pointers are kept apart from the rest (remoteCursors): with thirty people
 * moving theirs that is hundreds of changes a second, which must not
 * re-render everything that reads usePresence. Only the changed client's
 * state is read and validated per change, and usePresence changes only when
 * something other than a pointer did.
 */
import { create } from 'zustand';
import { z } from 'zod';
import type { Awareness } from 'y-protocols/awareness';
import { participantId } from './participant';
import { readStored, writeStored } from '../state/browserStorage';

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
/** A Y.RelativePosition as JSON (Y.relativePositionToJSON): ids of items in the map's doc. */
const YIdSchema = z.object({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() });
const RelativePositionSchema = z.object({
  type: YIdSchema.optional(),
  tname: z.string().max(64).optional(),
  item: YIdSchema.optional(),
  assoc: z.number().int().optional(),
});
/** Where someone's caret and selection are in a card's text while they edit it (anchor = head: a caret). */
const TextCursorSchema = z.object({
  cardId: z.string().max(64),
  anchor: RelativePositionSchema,
  head: RelativePositionSchema,
  /** they changed the text in the last moments ("… is typing") */
  typing: z.boolean().optional(),
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
  /**
   * How many private cards this user has in each cell (`<laneId>:<stageId>`)
   * of a running brainstorm round: counts only, never text, so the others
   * see face-down placeholders while the cards stay in the private document.
   */
  drafts: z
    .object({ round: z.string().max(64), cells: z.record(z.string().max(200), z.number().int().min(1).max(1000)) })
    .nullable()
    .optional(),
  /** their caret in the card text they are editing */
  textCursor: TextCursorSchema.nullable().optional(),
  /** this user is presenting the map: the slide shown, and the cards walked (none: stage by stage) */
  presenting: z
    .object({
      step: z.number().int().min(0).max(10_000),
      path: z.array(z.string().max(64)).max(200).optional(),
    })
    .nullable()
    .optional(),
});

export type PresenceUser = z.infer<typeof UserSchema>;
export type Viewport = z.infer<typeof ViewportSchema>;
export type PeerState = z.infer<typeof PeerStateSchema>;
export type Presenting = NonNullable<PeerState['presenting']>;
export type FlowPoint = z.infer<typeof Point>;
export type TextCursor = z.infer<typeof TextCursorSchema>;
/** Another client on the map; its pointer is in remoteCursors. */
export interface Peer extends Omit<PeerState, 'cursor'> {
  clientId: number;
}

/** Flow coordinates to a tenth of a pixel: finer is invisible and costs bytes in every frame. */
const tenth = (v: number) => Math.round(v * 10) / 10;
const roundPoint = (p: FlowPoint): FlowPoint => ({ x: tenth(p.x), y: tenth(p.y) });

/**
 * A state as it goes on the wire: coordinates rounded, and fields with
 * nothing in them (no pointer, no selection, no drag, not leading) left out;
 * every field but `user` is optional in PeerStateSchema, so every reader,
 * older ones included, takes a missing field as empty. A moving pointer's
 * state is about a third smaller (181 bytes of JSON instead of 269) than
 * with every field spelled out and unrounded.
 */
export function wireState(state: PeerState): PeerState {
  const out: PeerState = { user: state.user };
  if (state.cursor) out.cursor = roundPoint(state.cursor);
  if (state.selection && state.selection.length > 0) out.selection = state.selection;
  if (state.viewport) {
    const { x, y, zoom, width, height } = state.viewport;
    out.viewport = { x: tenth(x), y: tenth(y), zoom: Number(zoom.toPrecision(4)), width, height };
  }
  if (state.drag && Object.keys(state.drag).length > 0) {
    out.drag = Object.fromEntries(Object.entries(state.drag).map(([id, p]) => [id, roundPoint(p)]));
  }
  if (state.followMe) out.followMe = true;
  if (state.drafts && Object.keys(state.drafts.cells).length > 0) out.drafts = state.drafts;
  if (state.textCursor) out.textCursor = state.textCursor;
  if (state.presenting) out.presenting = state.presenting;
  return out;
}

type CursorMoveListener = (clientId: number, point: FlowPoint) => void;

/**
 * Other people's pointers, outside React state: a change reaches only the
 * listeners of moves (the cursor layer, which moves its elements itself);
 * `ids` (who has a pointer on the canvas) changes only when one appears or
 * goes away.
 */
export class RemoteCursorFeed {
  private readonly points = new Map<number, FlowPoint>();
  private ids: readonly number[] = [];
  private readonly moveListeners = new Set<CursorMoveListener>();
  private readonly idListeners = new Set<() => void>();

  /** The clients with a pointer on the canvas, ascending; the same array until that set changes. */
  readonly getIds = (): readonly number[] => this.ids;

  get(clientId: number): FlowPoint | undefined {
    return this.points.get(clientId);
  }

  /** For useSyncExternalStore(subscribeIds, getIds). */
  readonly subscribeIds = (listener: () => void): (() => void) => {
    this.idListeners.add(listener);
    return () => this.idListeners.delete(listener);
  };

  subscribeMoves(listener: CursorMoveListener): () => void {
    this.moveListeners.add(listener);
    return () => this.moveListeners.delete(listener);
  }

  set(clientId: number, point: FlowPoint | null | undefined): void {
    const before = this.points.get(clientId);
    if (!point) {
      if (!before) return;
      this.points.delete(clientId);
      this.setIds(this.ids.filter((id) => id !== clientId));
      return;
    }
    if (before && before.x === point.x && before.y === point.y) return;
    this.points.set(clientId, point);
    if (!before) this.setIds([...this.ids, clientId].sort((a, b) => a - b));
    for (const listener of this.moveListeners) listener(clientId, point);
  }

  clear(): void {
    this.points.clear();
    this.setIds([]);
  }

  private setIds(ids: readonly number[]): void {
    this.ids = ids;
    for (const listener of this.idListeners) listener();
  }
}

export const remoteCursors = new RemoteCursorFeed();

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

export const savedName = (): string | null => readStored(NAME_KEY);

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
  /** `<roundId>|<laneId>:<stageId>` -> private cards other people have there (one count per person, however many tabs) */
  draftCounts: ReadonlyMap<string, number>;
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
  draftCounts: new Map(),
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
  /** this user's private card counts per cell in a round (null: none) */
  setDrafts(drafts: PeerState['drafts']): void;
  /** my caret in the card text I am editing; null when I stop */
  setTextCursor(cursor: TextCursor | null): void;
  /** the slide I am presenting (null: not presenting); followers show the same one */
  setPresenting(presenting: Presenting | null): void;
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
  setDrafts: () => undefined,
  setTextCursor: () => undefined,
  setPresenting: () => undefined,
  destroy: () => undefined,
};

/** Publishes this user's presence on `awareness` and mirrors everyone else's into usePresence. */
export function bindPresence(awareness: Awareness, fallbackName: string): PresenceChannel {
  const store = usePresence;
  const me = store.getState().me;
  const user: PresenceUser = { ...me, name: me.name || fallbackName };
  store.setState({ me: user });
  // Setting a field right away gives the entry a clock above 0, so others see us at once.
  awareness.setLocalState(wireState({ user }));

  const pending = new Map<string, unknown>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastSent = 0;
  const flush = () => {
    timer = null;
    lastSent = Date.now();
    const state = awareness.getLocalState() as PeerState | null;
    if (!state || pending.size === 0) return;
    awareness.setLocalState(wireState({ ...state, ...Object.fromEntries(pending) } as PeerState));
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

  /** every other valid client as the store shows it, with that as JSON (to tell a pointer-only change) */
  const known = new Map<number, { peer: Peer; json: string }>();
  const forget = (clientId: number): boolean => {
    remoteCursors.set(clientId, null);
    return known.delete(clientId);
  };
  /** Reads the states of `clientIds` again; whether anything but a pointer changed. */
  const read = (clientIds: Iterable<number>): boolean => {
    let changed = false;
    const states = awareness.getStates();
    for (const clientId of clientIds) {
      if (clientId === awareness.clientID) continue;
      const parsed = states.has(clientId) ? PeerStateSchema.safeParse(states.get(clientId)) : null;
      if (!parsed?.success) {
        changed = forget(clientId) || changed;
        continue;
      }
      const { cursor, ...rest } = parsed.data;
      const json = JSON.stringify(rest);
      if (known.get(clientId)?.json !== json) {
        known.set(clientId, { peer: { ...rest, clientId }, json });
        changed = true;
      }
      remoteCursors.set(clientId, cursor);
    }
    return changed;
  };

  const publish = () => {
    const peers = [...known.values()].map((k) => k.peer).sort((a, b) => a.clientId - b.clientId);
    const selectedBy = new Map<string, string[]>();
    const remoteDrags = new Map<string, { x: number; y: number }>();
    for (const peer of peers) {
      for (const id of peer.selection ?? []) selectedBy.set(id, [...(selectedBy.get(id) ?? []), peer.user.color]);
      for (const [id, pos] of Object.entries(peer.drag ?? {})) remoteDrags.set(id, pos);
    }
    // One count per person: their tabs share one private document. Never my own: I see my cards themselves.
    const draftsBy = new Map<string, NonNullable<PeerState['drafts']>>();
    for (const peer of peers) if (peer.drafts && peer.user.id !== store.getState().me.id) draftsBy.set(peer.user.id, peer.drafts);
    const draftCounts = new Map<string, number>();
    for (const { round, cells } of draftsBy.values()) {
      for (const [cell, n] of Object.entries(cells)) draftCounts.set(`${round}|${cell}`, (draftCounts.get(`${round}|${cell}`) ?? 0) + n);
    }
    const prev = store.getState();
    const following = prev.following;
    store.setState({
      peers,
      // Views and drags change many times a second; keep these maps (and
      // everything that re-renders on them, like the 600-card canvas) unless they changed.
      selectedBy: sameEntries(prev.selectedBy, selectedBy) ? prev.selectedBy : selectedBy,
      remoteDrags: sameEntries(prev.remoteDrags, remoteDrags) ? prev.remoteDrags : remoteDrags,
      draftCounts: sameEntries(prev.draftCounts, draftCounts) ? prev.draftCounts : draftCounts,
      following: following !== null && peers.some((p) => p.clientId === following) ? following : null,
    });
  };

  const onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    let changed = read([...added, ...updated]);
    for (const clientId of removed) changed = forget(clientId) || changed;
    if (changed) publish();
  };
  awareness.on('change', onChange);
  read(awareness.getStates().keys());
  publish();

  return {
    setName(name) {
      const clean = name.trim().slice(0, 60);
      if (!clean) return;
      writeStored(NAME_KEY, clean);
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
    setDrafts: (drafts) => send('drafts', drafts, true),
    // Leaving the text goes out at once, so nobody sees a caret stay behind.
    setTextCursor: (cursor) => send('textCursor', cursor, cursor === null),
    // A step goes out at once: followers turn the slide with the presenter.
    setPresenting: (presenting) => send('presenting', presenting, true),
    destroy() {
      if (timer) clearTimeout(timer);
      awareness.off('change', onChange);
      awareness.setLocalState(null);
      known.clear();
      remoteCursors.clear();
      store.setState({ peers: [], selectedBy: new Map(), remoteDrags: new Map(), draftCounts: new Map(), following: null });
    },
  };
}
