/**
 * Session state: local to this tab, never synced or stored (tldraw's
 * "session" scope). Map content is NOT here; it is derived from the Y.Doc.
 * Slices are combined once, as the zustand docs' slices pattern does.
 */
import { create, type StateCreator } from 'zustand';
import type { Role } from '../model/roles';
import { DEFAULT_STATE_VIEW, type StateView } from '../model/cardState';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';
/**
 * Whether the map can be shown at all (independent of the connection).
 * `full`: the server refused a change that would pass the map's limits;
 * `refused`: it refused a change built on edits it never received.
 */
export type MapAvailability = 'loading' | 'ready' | 'notFound' | 'deleted' | 'revoked' | 'full' | 'refused';
/** What this browser may do on the open map (the server enforces it; the UI follows). */
export type { Role } from '../model/roles';

export interface ConnectionSlice {
  connection: ConnectionStatus;
  availability: MapAvailability;
  /** edits made while not connected: kept on this device until the server has them */
  localOnlyEdits: boolean;
  role: Role;
  setRole(role: Role): void;
  /** a saved version is shown instead of the live map (read-only) */
  previewing: boolean;
  setPreviewing(previewing: boolean): void;
  setLocalOnlyEdits(value: boolean): void;
  setConnection(status: ConnectionStatus): void;
  setAvailability(availability: MapAvailability): void;
}

/**
 * Selection lives here and only here: React Flow's `selected` flags and the
 * selection others see (awareness) are derived from it.
 */
export interface SelectionSlice {
  selectedIds: ReadonlySet<string>;
  /**
   * The keyboard's place on the canvas (a React Flow node id: a card, `stage:…`,
   * `lane:…`, `cell:…`, `add:…`, `persona`; or an emotion point, `point:…`).
   * On a card it is the selected card: focus and selection are one thing (on
   * a point, the point's card is selected). It outlives Esc so Tab comes back to it.
   */
  navId: string | null;
  /** the one canvas item Tab lands on (roving tabindex), set by the canvas from navId and the layout */
  tabStopId: string | null;
  /** ask the canvas to pan to this card (seq tells two equal requests apart) */
  revealRequest: { id: string; seq: number } | null;
  editingCardId: string | null;
  /** stage or lane whose header is being renamed inline */
  renamingId: string | null;
  dropTarget: string | null;
  setSelection(ids: Iterable<string>): void;
  /** Put the keyboard on a canvas item; `card` (the card it stands for, if any) becomes the selection, else it is cleared. */
  setNavItem(navId: string, card: string | null): void;
  setTabStop(id: string | null): void;
  startEditing(cardId: string): void;
  stopEditing(): void;
  setRenaming(id: string | null): void;
  setDropTarget(cellKey: string | null): void;
}

export type WorkshopTag = 'rose' | 'bud' | 'thorn';
export type SidePanel = 'inspector' | 'personas' | 'votes' | 'comments' | 'rounds' | null;

export interface WorkshopSlice {
  /** show only cards with this tag (others dimmed) */
  tagFilter: WorkshopTag | null;
  panel: SidePanel;
  matrixOpen: boolean;
  /** the keyboard shortcuts dialog */
  shortcutsOpen: boolean;
  /** Select cards from outside the canvas (matrix, lists); `reveal` pans the first into view. */
  requestSelection(ids: string[], reveal?: boolean): void;
  setShortcutsOpen(open: boolean): void;
  setTagFilter(tag: WorkshopTag | null): void;
  setPanel(panel: SidePanel): void;
  setMatrixOpen(open: boolean): void;
}

/**
 * A short message about something this user just tried (an edit the map
 * refused), as an i18n key and its values, so it follows a language switch.
 * `seq` tells two equal messages in a row apart.
 */
export interface Notice {
  key: string;
  values?: Record<string, string | number>;
  seq: number;
}

export interface NoticeSlice {
  notice: Notice | null;
  showNotice(key: string, values?: Record<string, string | number>): void;
  /** Hides the notice, or only notice `seq` if given (a timer must not hide a newer one). */
  dismissNotice(seq?: number): void;
}

/** How this user looks at the map: which state (model/cardState.ts), which persona lines of the curve. */
export interface ViewSlice {
  /** current, future or both side by side; remembered per map (stateViewPreference.ts) */
  stateView: StateView;
  setStateView(view: StateView): void;
  /** persona lines of the emotion curve turned off in its legend (CurvePersona keys, model/emotionLines.ts) */
  hiddenCurveLines: ReadonlySet<string>;
  toggleCurveLine(key: string): void;
}

export type SessionState = ConnectionSlice & SelectionSlice & WorkshopSlice & NoticeSlice & ViewSlice;

const createConnectionSlice: StateCreator<SessionState, [], [], ConnectionSlice> = (set) => ({
  connection: 'connecting',
  availability: 'loading',
  localOnlyEdits: false,
  setLocalOnlyEdits: (localOnlyEdits) => set({ localOnlyEdits }),
  role: 'viewer',
  setRole: (role) => set({ role }),
  previewing: false,
  setPreviewing: (previewing) => set({ previewing }),
  setConnection: (connection) => set({ connection }),
  setAvailability: (availability) => set({ availability }),
});

const createSelectionSlice: StateCreator<SessionState, [], [], SelectionSlice> = (set, get) => ({
  selectedIds: new Set(),
  navId: null,
  tabStopId: null,
  revealRequest: null,
  editingCardId: null,
  renamingId: null,
  dropTarget: null,
  setSelection: (ids) => {
    const next = new Set(ids);
    const { selectedIds: prev, navId } = get();
    if (next.size === prev.size && [...next].every((id) => prev.has(id))) return;
    set({ selectedIds: next, navId: next.size === 0 || (navId !== null && next.has(navId)) ? navId : [...next].at(-1)! });
  },
  setNavItem: (navId, card) => {
    get().setSelection(card !== null ? [card] : []);
    if (get().navId !== navId) set({ navId });
  },
  setTabStop: (tabStopId) => {
    if (get().tabStopId !== tabStopId) set({ tabStopId });
  },
  startEditing: (cardId) => set({ editingCardId: cardId, selectedIds: new Set([cardId]), navId: cardId }),
  stopEditing: () => set({ editingCardId: null }),
  setRenaming: (renamingId) => set({ renamingId }),
  setDropTarget: (dropTarget) => {
    if (get().dropTarget !== dropTarget) set({ dropTarget });
  },
});

const createWorkshopSlice: StateCreator<SessionState, [], [], WorkshopSlice> = (set, get) => ({
  tagFilter: null,
  panel: 'inspector',
  matrixOpen: false,
  shortcutsOpen: false,
  requestSelection: (ids, reveal = false) => {
    get().setSelection(ids);
    if (reveal && ids[0]) set({ revealRequest: { id: ids[0], seq: (get().revealRequest?.seq ?? 0) + 1 } });
  },
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  setTagFilter: (tagFilter) => set({ tagFilter }),
  setPanel: (panel) => set({ panel }),
  setMatrixOpen: (matrixOpen) => set({ matrixOpen }),
});

/** Never reused, so a timer started for one notice cannot hide a later one. */
let noticeSeq = 0;

const createNoticeSlice: StateCreator<SessionState, [], [], NoticeSlice> = (set, get) => ({
  notice: null,
  showNotice: (key, values) => set({ notice: { key, values, seq: ++noticeSeq } }),
  dismissNotice: (seq) => {
    if (seq === undefined || get().notice?.seq === seq) set({ notice: null });
  },
});

const createViewSlice: StateCreator<SessionState, [], [], ViewSlice> = (set, get) => ({
  stateView: DEFAULT_STATE_VIEW,
  setStateView: (stateView) => {
    if (get().stateView !== stateView) set({ stateView });
  },
  hiddenCurveLines: new Set(),
  toggleCurveLine: (key) => {
    const next = new Set(get().hiddenCurveLines);
    if (!next.delete(key)) next.add(key);
    set({ hiddenCurveLines: next });
  },
});

export const useSession = create<SessionState>()((...a) => ({
  ...createConnectionSlice(...a),
  ...createSelectionSlice(...a),
  ...createWorkshopSlice(...a),
  ...createNoticeSlice(...a),
  ...createViewSlice(...a),
}));

/** Reset per-map state when leaving a map. */
export function resetSession(): void {
  useSession.setState({
    connection: 'connecting',
    availability: 'loading',
    localOnlyEdits: false,
    previewing: false,
    selectedIds: new Set(),
    navId: null,
    tabStopId: null,
    revealRequest: null,
    editingCardId: null,
    renamingId: null,
    dropTarget: null,
    tagFilter: null,
    matrixOpen: false,
    shortcutsOpen: false,
    notice: null,
    stateView: DEFAULT_STATE_VIEW,
    hiddenCurveLines: new Set(),
  });
}

/**
 * Whether this browser may change the map's content: an editor, not looking
 * at a saved version. The one place this rule lives; the actions table, the
 * buttons and the canvas all ask it.
 */
export const mayEdit = (s: Pick<SessionState, 'role' | 'previewing'>): boolean => s.role === 'editor' && !s.previewing;
/** Whether this browser may write comments (a saved version's preview shows no comment box either). */
export const mayComment = (s: Pick<SessionState, 'role'>): boolean => s.role !== 'viewer';
export const useCanEdit = (): boolean => useSession(mayEdit);
export const useCanComment = (): boolean => useSession(mayComment);
