/**
 * Session state: local to this tab, never synced or stored (tldraw's
 * "session" scope). Map content is NOT here; it is derived from the Y.Doc.
 * Slices are combined once, as the zustand docs' slices pattern does.
 */
import { create, type StateCreator } from 'zustand';
import type { Role } from '../model/roles';

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

export interface SelectionSlice {
  selectedIds: ReadonlySet<string>;
  editingCardId: string | null;
  /** stage or lane whose header is being renamed inline */
  renamingId: string | null;
  dropTarget: string | null;
  setSelection(ids: Iterable<string>): void;
  startEditing(cardId: string): void;
  stopEditing(): void;
  setRenaming(id: string | null): void;
  setDropTarget(cellKey: string | null): void;
}

/** A selection asked for from outside the canvas (matrix, lists, arrow keys). */
export interface SelectionRequest {
  ids: string[];
  /** pan so the first one is in view */
  reveal: boolean;
  seq: number;
}

export type WorkshopTag = 'rose' | 'bud' | 'thorn';
export type SidePanel = 'inspector' | 'personas' | 'votes' | 'comments' | null;

export interface WorkshopSlice {
  selectionRequest: SelectionRequest | null;
  /** show only cards with this tag (others dimmed) */
  tagFilter: WorkshopTag | null;
  panel: SidePanel;
  matrixOpen: boolean;
  requestSelection(ids: string[], reveal?: boolean): void;
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

export type SessionState = ConnectionSlice & SelectionSlice & WorkshopSlice & NoticeSlice;

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
  editingCardId: null,
  renamingId: null,
  dropTarget: null,
  setSelection: (ids) => {
    const next = new Set(ids);
    const prev = get().selectedIds;
    if (next.size === prev.size && [...next].every((id) => prev.has(id))) return;
    set({ selectedIds: next });
  },
  startEditing: (cardId) => set({ editingCardId: cardId, selectedIds: new Set([cardId]) }),
  stopEditing: () => set({ editingCardId: null }),
  setRenaming: (renamingId) => set({ renamingId }),
  setDropTarget: (dropTarget) => {
    if (get().dropTarget !== dropTarget) set({ dropTarget });
  },
});

const createWorkshopSlice: StateCreator<SessionState, [], [], WorkshopSlice> = (set, get) => ({
  selectionRequest: null,
  tagFilter: null,
  panel: 'inspector',
  matrixOpen: false,
  requestSelection: (ids, reveal = false) =>
    set({ selectedIds: new Set(ids), selectionRequest: { ids, reveal, seq: (get().selectionRequest?.seq ?? 0) + 1 } }),
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

export const useSession = create<SessionState>()((...a) => ({
  ...createConnectionSlice(...a),
  ...createSelectionSlice(...a),
  ...createWorkshopSlice(...a),
  ...createNoticeSlice(...a),
}));

/** Reset per-map state when leaving a map. */
export function resetSession(): void {
  useSession.setState({
    connection: 'connecting',
    availability: 'loading',
    localOnlyEdits: false,
    previewing: false,
    selectedIds: new Set(),
    editingCardId: null,
    renamingId: null,
    dropTarget: null,
    selectionRequest: null,
    tagFilter: null,
    matrixOpen: false,
    notice: null,
  });
}

/** Whether this browser may change the map's content. */
export const useCanEdit = (): boolean => useSession((s) => s.role === 'editor' && !s.previewing);
/** Whether this browser may write comments. */
export const useCanComment = (): boolean => useSession((s) => s.role !== 'viewer');
