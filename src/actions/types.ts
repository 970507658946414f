/**
 * The shape of an action (Excalidraw's actions, trimmed): what it is called,
 * the keys that run it, whether it writes to the map, when else it applies,
 * and what it does. The keyboard, the toolbar and the context menu all run
 * actions through `isEnabled` (actions.ts), so a rule such as "viewers and
 * previews cannot edit" is checked in one place.
 */
import type { MapSnapshot } from '../model/live';
import type { NavGrid } from '../canvas/navigation';
import type { OpenMap } from '../state/mapContext';
import type { SessionState } from '../state/session';
import type { ViewCommands } from '../canvas/viewCommands';

/** The fields of a keyboard event a key test reads (a DOM or React event, or a plain object in tests). */
export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** What the canvas offers the actions: where the keyboard is and how to move it. */
export interface CanvasControls {
  grid(): NavGrid;
  /** Put the keyboard (selection and DOM focus) on an item, panning it into view. */
  focusItem(navId: string): void;
  /** After the next change of the layout, put the keyboard on what `pick` chooses then. */
  focusAfterChange(pick: (grid: NavGrid) => string | null): void;
  /** Focus the canvas itself (nothing selected). */
  focusCanvas(): void;
  openContextMenu(cardId: string): void;
}

/** The zoom control's commands (canvas/viewCommands.ts). */
export type ViewControls = ViewCommands;

export interface ActionContext {
  map: OpenMap;
  /** the session as it is when the action runs */
  session: SessionState;
  snapshot: MapSnapshot;
  /** this participant (votes) */
  me: string;
  view: ViewControls;
  /** null when no canvas is on screen */
  canvas: CanvasControls | null;
}

export type ActionName =
  | 'navigate'
  | 'edit'
  | 'openPersona'
  | 'addCard'
  | 'duplicate'
  | 'delete'
  | 'moveLeft'
  | 'moveRight'
  | 'moveUp'
  | 'moveDown'
  | 'vote'
  | 'unvote'
  | 'comment'
  | 'openLink'
  | 'contextMenu'
  | 'selectAll'
  | 'escape'
  | 'zoomIn'
  | 'zoomOut'
  | 'zoom100'
  | 'fit'
  | 'undo'
  | 'redo'
  | 'shortcuts';

export interface Action {
  name: ActionName;
  /** i18n key of its name (keyboard.actions.<name>) */
  label: string;
  /** the keys as shown in the shortcuts list: alternatives, each like "Mod+D" (Mod: Ctrl, or ⌘ on a Mac) */
  keys: readonly string[];
  keyTest(e: KeyLike): boolean;
  /** it writes to the map: only for those who may edit (session.mayEdit) */
  edits: boolean;
  /** it writes a comment: only for those who may comment */
  comments?: boolean;
  /** `canvas`: only while focus is on the map; `page`: anywhere on the map page outside a text field */
  scope: 'canvas' | 'page';
  /** when else it applies (a card selected, something to undo …) */
  enabled?(ctx: ActionContext): boolean;
  perform(ctx: ActionContext, event?: KeyLike): void;
  /** offered in a card's context menu */
  inContextMenu?: boolean;
}
