/**
 * Every keyboard shortcut and context-menu command of the map page, as one
 * table (in the style of Excalidraw's actions). `isEnabled` is the one place
 * that asks whether this user may edit (session.mayEdit: an editor, not on a
 * saved version's preview) or comment; the keyboard handler, the toolbar
 * buttons and the context menu all go through it.
 */
import { addCard, defaultFieldsFor, deleteCard, duplicateCard, moveCards } from '../model/commands/cards';
import { castVote, retractVote } from '../model/commands/votes';
import { deleteStage, moveStage } from '../model/commands/stages';
import { deleteLane, moveLane } from '../model/commands/lanes';
import { addPersona } from '../model/commands/personas';
import { readRounds } from '../model/rounds/commands';
import { addPrivateCard, castPrivateVote, retractPrivateVote } from '../model/rounds/private';
import { currentRound, laneInRound } from '../model/rounds/rules';
import type { Round } from '../model/rounds/schema';
import { t } from '../i18n/language';
import { cellKey } from '../canvas/layout';
import { cellNodeId } from '../canvas/projection';
import { cellOf, locate, nextNavId, neighbourCell, tabStop, type Direction } from '../canvas/navigation';
import { indexAmongAll } from '../model/cardState';
import { mayComment, mayEdit, useSession } from '../state/session';
import type { OpenMap } from '../state/mapContext';
import { tryCommand } from '../state/tryCommand';
import { askConfirm } from '../ui/askConfirm';
import { alt, letter, plain, shiftDigit, shiftLetter, withMod } from './keys';
import type { Action, ActionContext, ActionName, KeyLike } from './types';
import { followLinkedMap } from '../state/linkedMaps';
import { userActedSince } from '../ui/userActedSince';

/** The map the focused card or stage header links to (linked journeys), if any. */
function linkedMapAt(ctx: ActionContext): string | undefined {
  const navId = ctx.session.navId;
  if (!navId) return undefined;
  if (navId.startsWith('stage:')) return ctx.snapshot.stages.find((s) => `stage:${s.id}` === navId)?.linkedMapId;
  return ctx.snapshot.cardById.get(navId)?.linkedMapId;
}

const ARROWS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

/** The selected cards that exist (an emotion point is a card too). */
export const selectedCards = (ctx: ActionContext): string[] => [...ctx.session.selectedIds].filter((id) => ctx.snapshot.cardById.has(id));

/** The one selected card, if exactly one is selected. */
export const singleCard = (ctx: ActionContext): string | null => {
  const cards = selectedCards(ctx);
  return cards.length === 1 ? cards[0]! : null;
};

const isCurveCard = (ctx: ActionContext, id: string) => {
  const laneId = ctx.snapshot.cardById.get(id)?.laneId;
  return ctx.snapshot.lanes.some((l) => l.id === laneId && l.kind === 'emotions');
};

/**
 * Add an empty card in a cell and start typing in it (an emotion point: select
 * it and open the inspector). The keyboard's N and Enter, and a cell's
 * "+ Add card" button, all add through here.
 */
export function addCardIn(map: OpenMap, cell: { laneId: string; stageId: string }, index?: number): string | undefined {
  const session = useSession.getState();
  if (!mayEdit(session)) return undefined;
  const kind = map.live.getSnapshot().lanes.find((l) => l.id === cell.laneId)?.kind;
  const round = privateRoundFor(map, cell.laneId);
  if (round && map.rounds?.privateDoc) {
    // During a private brainstorm on this lane, a new card is private until the reveal.
    const added = addPrivateCard(map.rounds.privateDoc, round, cell);
    if (!added.ok) session.showNotice('rounds.tooMany');
    else {
      session.setPanel('rounds');
      focusSoon(`[data-private-card-id="${added.id}"]`);
    }
    return undefined;
  }
  // Viewing the future, a new card is a planned change (future only); otherwise it is in both states.
  const view = session.stateView;
  const fields = { ...defaultFieldsFor(kind), ...(view === 'future' ? { state: 'future' as const } : {}) };
  const inCell = map.live.getSnapshot().cards.filter((c) => c.laneId === cell.laneId && c.stageId === cell.stageId);
  const at = index === undefined ? undefined : indexAmongAll(inCell, view, index);
  const id = tryCommand(() => addCard(map.doc, { ...cell, index: at, text: '', fields }));
  if (id === undefined) return undefined; // refused (the map is full): the notice says so
  if (kind === 'emotions') {
    session.requestSelection([id], true);
    // The point is a slider, not a place of the keyboard's: the keyboard stays on the cell's "+ Add emotion point".
    useSession.setState({ navId: session.navId });
    session.setPanel('inspector');
  } else session.startEditing(id);
  return id;
}

/**
 * The persona card at the head of the map, opened: the personas panel, with
 * focus on the persona's name, as "C" puts it in the comment box (a map
 * without a persona gets one first). The card's click and Enter on it.
 */
export function openPersona(map: Pick<OpenMap, 'doc' | 'live'>): void {
  const session = useSession.getState();
  const snapshot = map.live.getSnapshot();
  const followed = snapshot.personas.some((p) => p.id === snapshot.meta?.personaId);
  if (!followed) {
    if (!mayEdit(session)) return;
    if (tryCommand(() => addPersona(map.doc, { name: t('personas.newName') })) === undefined) return;
  }
  session.setPanel('personas');
  focusSoon('[data-testid="persona-name"]');
}

/** The stage or lane header the keyboard is on, if it is on one. */
function headerAt(ctx: ActionContext) {
  const navId = ctx.session.navId;
  const item = ctx.canvas && navId ? locate(ctx.canvas.grid(), navId) : null;
  if (item?.kind === 'stage') return { kind: 'stage' as const, index: item.stage, id: navId!.slice('stage:'.length) };
  if (item?.kind === 'lane') return { kind: 'lane' as const, index: item.lane, id: navId!.slice('lane:'.length) };
  return null;
}

/** Alt+arrow: the selected cards to the neighbouring cell, or the focused stage (left, right) or lane (up, down) one place along. */
function move(direction: Direction): Pick<Action, 'enabled' | 'perform'> {
  const along = direction === 'left' || direction === 'up' ? -1 : 1;
  const axis = direction === 'left' || direction === 'right' ? 'stage' : 'lane';
  return {
    enabled: (ctx) => {
      const header = headerAt(ctx);
      if (header) {
        const count = header.kind === 'stage' ? ctx.snapshot.stages.length : ctx.snapshot.lanes.length;
        return header.kind === axis && header.index + along >= 0 && header.index + along < count;
      }
      return !!ctx.canvas && !!ctx.session.navId && selectedCards(ctx).includes(ctx.session.navId);
    },
    perform: (ctx) => {
      const canvas = ctx.canvas!;
      const anchor = ctx.session.navId!;
      const header = headerAt(ctx);
      if (header) {
        tryCommand(() => (header.kind === 'stage' ? moveStage : moveLane)(ctx.map.doc, header.id, header.index + along));
      } else {
        const cell = neighbourCell(canvas.grid(), anchor, direction);
        if (!cell) return;
        const ids = selectedCards(ctx);
        tryCommand(() => moveCards(ctx.map.doc, ids, cell));
      }
      canvas.focusAfterChange(() => anchor);
    },
  };
}

/**
 * Delete a stage or a lane, asking first when it holds cards: the header's ✕
 * button and the Delete key both come here, so the question is asked alike.
 * Whether it was deleted; without cards it is deleted at once (before this
 * returns), with cards once the user says yes.
 */
export async function deleteHeaderAsking(map: Pick<OpenMap, 'doc' | 'live'>, kind: 'stage' | 'lane', id: string): Promise<boolean> {
  const find = () => {
    const snapshot = map.live.getSnapshot();
    return kind === 'stage' ? snapshot.stages.find((s) => s.id === id) : snapshot.lanes.find((l) => l.id === id);
  };
  const header = find();
  if (!header) return false;
  const count = map.live.getSnapshot().cards.filter((c) => (kind === 'stage' ? c.stageId : c.laneId) === id).length;
  if (count > 0) {
    const yes = await askConfirm({
      title: t(kind === 'stage' ? 'canvas.deleteStage' : 'canvas.deleteLane'),
      message: t(kind === 'stage' ? 'canvas.confirmDeleteStage' : 'canvas.confirmDeleteLane', { name: header.name, count }),
      confirmLabel: t(kind === 'stage' ? 'canvas.deleteStage' : 'canvas.deleteLane'),
      danger: true,
    });
    // While the question was open, someone else may have deleted it, or this user lost the right to edit.
    if (!yes || !find() || !mayEdit(useSession.getState())) return false;
  }
  (kind === 'stage' ? deleteStage : deleteLane)(map.doc, id);
  return true;
}

/**
 * Delete on a header, or its ✕: the stage or lane (deleteHeaderAsking), then
 * focus stays on the row of headers, on the one that took its place.
 */
export function deleteHeader(ctx: ActionContext, header: { kind: 'stage' | 'lane'; id: string; index: number }) {
  const canvas = ctx.canvas;
  // Said no: the question's dialog has given focus back to the header already.
  void deleteHeaderAsking(ctx.map, header.kind, header.id).then((deleted) => {
    if (!deleted) return;
    canvas?.focusAfterChange((grid) => {
      const { columns, rows } = grid.layout;
      const list = header.kind === 'stage' ? columns.map((c) => `stage:${c.stageId}`) : rows.map((r) => `lane:${r.laneId}`);
      return list[Math.min(header.index, list.length - 1)] ?? null;
    });
  });
}

function vote(ctx: ActionContext, cast: boolean) {
  const id = singleCard(ctx)!;
  const result = voteOn(ctx.map, id, ctx.me, cast);
  if (result === 'no-votes-left') ctx.session.showNotice('votes.noneLeft');
}

/** The running brainstorm round a new card in `laneId` belongs to (not on a curve: its points are not ideas), or null. */
export function privateRoundFor(map: Pick<OpenMap, 'doc' | 'live'>, laneId: string): Round | null {
  const round = currentRound(readRounds(map.doc));
  const lane = map.live.getSnapshot().lanes.find((l) => l.id === laneId);
  if (round?.kind !== 'brainstorm' || !lane || lane.kind === 'emotions' || !laneInRound(round, laneId)) return null;
  return round;
}

/**
 * A dot vote, or during a secret vote round on the card's lane a secret vote
 * in this editor's private document: the keyboard's V and the inspector's
 * buttons both vote through here.
 */
export function voteOn(map: OpenMap, cardId: string, me: string, cast: boolean): string | undefined {
  const round = currentRound(readRounds(map.doc));
  const card = map.live.getSnapshot().cardById.get(cardId);
  if (round?.kind === 'vote' && card && laneInRound(round, card.laneId) && map.rounds?.privateDoc) {
    return cast ? castPrivateVote(map.rounds.privateDoc, round, card) : retractPrivateVote(map.rounds.privateDoc, round, cardId);
  }
  return tryCommand(() => (cast ? castVote : retractVote)(map.doc, cardId, me));
}

/** After a zoom (animated, 150 ms), pan the keyboard's place back into view and give it focus again. */
function keepInView(ctx: ActionContext) {
  const { navId } = ctx.session;
  const canvas = ctx.canvas;
  if (!canvas || !navId || !locate(canvas.grid(), navId)) return;
  const acted = userActedSince();
  setTimeout(() => !acted() && canvas.focusItem(navId), 200);
}

/** Focus a box that appears after a render (the comments panel's), trying for a few frames. */
function focusSoon(selector: string, tries = 20) {
  const el = document.querySelector<HTMLElement>(selector);
  if (el) el.focus();
  else if (tries > 0) requestAnimationFrame(() => focusSoon(selector, tries - 1));
}

const ACTIONS: readonly Action[] = [
  {
    name: 'navigate',
    label: 'navigate',
    keys: ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'],
    keyTest: (e) => e.key in ARROWS && !e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey,
    edits: false,
    scope: 'canvas',
    enabled: (ctx) => !!ctx.canvas,
    perform: (ctx, e) => {
      const canvas = ctx.canvas!;
      const grid = canvas.grid();
      const here = ctx.session.navId && locate(grid, ctx.session.navId) ? ctx.session.navId : null;
      // The first arrow on the canvas lands on its tab stop; later ones move from there.
      const next = here ? nextNavId(grid, here, ARROWS[e?.key ?? 'ArrowDown']!) : tabStop(grid, null);
      if (next) canvas.focusItem(next);
    },
  },
  {
    name: 'edit',
    label: 'edit',
    keys: ['Enter', 'F2'],
    keyTest: plain('Enter', 'F2'),
    edits: true,
    scope: 'canvas',
    inContextMenu: true,
    enabled: (ctx) => {
      const navId = ctx.session.navId;
      if (!ctx.canvas || !navId) return false;
      const item = locate(ctx.canvas.grid(), navId);
      if (item?.kind === 'card') return ctx.session.selectedIds.has(navId) && !isCurveCard(ctx, navId);
      return item?.kind === 'stage' || item?.kind === 'lane' || item?.kind === 'cell';
    },
    perform: (ctx) => {
      const navId = ctx.session.navId!;
      const item = locate(ctx.canvas!.grid(), navId)!;
      if (item.kind === 'card') ctx.session.startEditing(navId);
      else if (item.kind === 'stage' || item.kind === 'lane') ctx.session.setRenaming(navId.slice(navId.indexOf(':') + 1));
      else {
        const cell = cellOf(ctx.canvas!.grid(), navId);
        if (cell) addCardIn(ctx.map, cell);
      }
    },
  },
  {
    name: 'openPersona',
    label: 'openPersona',
    keys: ['Enter'],
    keyTest: plain('Enter'),
    // Opening the panel is reading; adding the first persona checks edit rights itself (openPersona).
    edits: false,
    scope: 'canvas',
    enabled: (ctx) => !!ctx.canvas && ctx.session.navId === 'persona' && !!locate(ctx.canvas.grid(), 'persona'),
    perform: (ctx) => openPersona(ctx.map),
  },
  {
    name: 'addCard',
    label: 'addCard',
    keys: ['N'],
    keyTest: letter('n'),
    edits: true,
    scope: 'canvas',
    enabled: (ctx) => !!ctx.canvas && !!ctx.session.navId && !!cellOf(ctx.canvas.grid(), ctx.session.navId),
    perform: (ctx) => {
      const grid = ctx.canvas!.grid();
      const navId = ctx.session.navId!;
      const item = locate(grid, navId);
      // After the focused card, as a new row goes below the current one in a spreadsheet.
      addCardIn(ctx.map, cellOf(grid, navId)!, item?.kind === 'card' ? item.index + 1 : undefined);
    },
  },
  {
    name: 'duplicate',
    label: 'duplicate',
    keys: ['Mod+D'],
    keyTest: withMod('d'),
    edits: true,
    scope: 'canvas',
    inContextMenu: true,
    enabled: (ctx) => selectedCards(ctx).length > 0,
    perform: (ctx) => {
      const copies = tryCommand(() => selectedCards(ctx).map((id) => duplicateCard(ctx.map.doc, id)));
      const made = (copies ?? []).filter((id): id is string => id !== null);
      if (!made.length) return;
      ctx.session.setSelection(made);
      const last = made.at(-1)!;
      ctx.canvas?.focusAfterChange(() => last);
    },
  },
  {
    name: 'delete',
    label: 'delete',
    keys: ['Delete', 'Backspace'],
    keyTest: plain('Delete', 'Backspace'),
    edits: true,
    scope: 'canvas',
    inContextMenu: true,
    enabled: (ctx) => {
      // On a touchpoint's point of the curve, Delete would take the whole touchpoint away: only the curve's own points go.
      const item = ctx.canvas && ctx.session.navId ? locate(ctx.canvas.grid(), ctx.session.navId) : null;
      if (item?.kind === 'point' && !isCurveCard(ctx, item.cardId)) return false;
      return selectedCards(ctx).length > 0 || headerAt(ctx) !== null;
    },
    perform: (ctx) => {
      const header = headerAt(ctx);
      if (header && selectedCards(ctx).length === 0) return deleteHeader(ctx, header);
      const ids = selectedCards(ctx);
      const canvas = ctx.canvas;
      const from = ctx.session.navId;
      const item = canvas && from ? locate(canvas.grid(), from) : null;
      const cell = canvas && from ? cellOf(canvas.grid(), from) : null;
      tryCommand(() => {
        for (const id of ids) deleteCard(ctx.map.doc, id);
      });
      ctx.session.setSelection([]);
      // A point gone: the keyboard stays in its stage of the curve, on the cell's "+ Add emotion point".
      if (canvas && item?.kind === 'point' && cell) return canvas.focusAfterChange(() => cellNodeId(cell.laneId, cell.stageId));
      if (!canvas || item?.kind !== 'card' || !cell) return;
      // The keyboard stays where the card was: the card that took its place, the one above, or the empty cell.
      canvas.focusAfterChange((grid) => {
        const cards = grid.layout.cells.get(cellKey(cell.laneId, cell.stageId)) ?? [];
        return cards[Math.min(item.index, cards.length - 1)]?.id ?? cellNodeId(cell.laneId, cell.stageId);
      });
    },
  },
  {
    name: 'moveLeft',
    label: 'moveLeft',
    keys: ['Alt+ArrowLeft'],
    keyTest: alt('ArrowLeft'),
    edits: true,
    scope: 'canvas',
    ...move('left'),
  },
  {
    name: 'moveRight',
    label: 'moveRight',
    keys: ['Alt+ArrowRight'],
    keyTest: alt('ArrowRight'),
    edits: true,
    scope: 'canvas',
    ...move('right'),
  },
  { name: 'moveUp', label: 'moveUp', keys: ['Alt+ArrowUp'], keyTest: alt('ArrowUp'), edits: true, scope: 'canvas', ...move('up') },
  {
    name: 'moveDown',
    label: 'moveDown',
    keys: ['Alt+ArrowDown'],
    keyTest: alt('ArrowDown'),
    edits: true,
    scope: 'canvas',
    ...move('down'),
  },
  {
    name: 'vote',
    label: 'vote',
    keys: ['V'],
    keyTest: letter('v'),
    edits: true,
    scope: 'canvas',
    inContextMenu: true,
    enabled: (ctx) => singleCard(ctx) !== null,
    perform: (ctx) => vote(ctx, true),
  },
  {
    name: 'unvote',
    label: 'unvote',
    keys: ['Shift+V'],
    keyTest: shiftLetter('v'),
    edits: true,
    scope: 'canvas',
    inContextMenu: true,
    enabled: (ctx) => {
      const id = singleCard(ctx);
      return id !== null && (ctx.snapshot.cardById.get(id)?.votes?.[ctx.me] ?? 0) > 0;
    },
    perform: (ctx) => vote(ctx, false),
  },
  {
    name: 'comment',
    label: 'comment',
    keys: ['C'],
    keyTest: letter('c'),
    edits: false,
    comments: true,
    scope: 'canvas',
    inContextMenu: true,
    enabled: (ctx) => singleCard(ctx) !== null,
    perform: (ctx) => {
      ctx.session.setPanel('comments');
      focusSoon('[data-testid="card-new-thread"] textarea');
    },
  },
  {
    name: 'openLink',
    label: 'openLink',
    keys: ['L'],
    keyTest: letter('l'),
    // Following a link is reading: every role may.
    edits: false,
    scope: 'canvas',
    inContextMenu: true,
    enabled: (ctx) => linkedMapAt(ctx) !== undefined,
    perform: (ctx) => followLinkedMap(linkedMapAt(ctx)!),
  },
  {
    name: 'contextMenu',
    label: 'contextMenu',
    keys: ['Shift+F10', 'ContextMenu'],
    keyTest: (e) => (e.key === 'F10' && e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey) || plain('ContextMenu')(e),
    edits: false,
    scope: 'canvas',
    enabled: (ctx) => !!ctx.canvas && singleCard(ctx) !== null,
    perform: (ctx) => ctx.canvas!.openContextMenu(singleCard(ctx)!),
  },
  {
    name: 'selectAll',
    label: 'selectAll',
    keys: ['Mod+A'],
    keyTest: withMod('a'),
    edits: false,
    scope: 'canvas',
    enabled: (ctx) => !!ctx.canvas,
    perform: (ctx) => ctx.session.setSelection(ctx.canvas!.grid().layout.cardPositions.keys()),
  },
  {
    name: 'escape',
    label: 'escape',
    keys: ['Escape'],
    keyTest: plain('Escape'),
    edits: false,
    scope: 'canvas',
    enabled: (ctx) => ctx.session.selectedIds.size > 0 || !!ctx.canvas,
    perform: (ctx) => {
      ctx.session.setSelection([]);
      ctx.canvas?.focusCanvas();
    },
  },
  {
    name: 'zoomIn',
    label: 'zoomIn',
    keys: ['+', 'Mod+='],
    keyTest: (e) => plain('+', '=')(e) || withMod('=')(e) || withMod('+', { shift: true })(e),
    edits: false,
    scope: 'page',
    perform: (ctx) => {
      ctx.view.zoomIn();
      keepInView(ctx);
    },
  },
  {
    name: 'zoomOut',
    label: 'zoomOut',
    keys: ['-', 'Mod+-'],
    keyTest: (e) => plain('-', '_')(e) || withMod('-')(e),
    edits: false,
    scope: 'page',
    perform: (ctx) => {
      ctx.view.zoomOut();
      keepInView(ctx);
    },
  },
  {
    name: 'zoom100',
    label: 'zoom100',
    keys: ['Shift+0'],
    keyTest: shiftDigit(0),
    edits: false,
    scope: 'page',
    perform: (ctx) => {
      ctx.view.zoomTo(1);
      keepInView(ctx);
    },
  },
  { name: 'fit', label: 'fit', keys: ['Shift+1'], keyTest: shiftDigit(1), edits: false, scope: 'page', perform: (ctx) => ctx.view.fit() },
  {
    name: 'undo',
    label: 'undo',
    keys: ['Mod+Z'],
    keyTest: withMod('z'),
    edits: true,
    scope: 'page',
    enabled: (ctx) => ctx.map.undo.canUndo(),
    perform: (ctx) => ctx.map.undo.undo(),
  },
  {
    name: 'redo',
    label: 'redo',
    keys: ['Mod+Shift+Z', 'Ctrl+Y'],
    keyTest: (e) =>
      withMod('z', { shift: true })(e) || (e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'y'),
    edits: true,
    scope: 'page',
    enabled: (ctx) => ctx.map.undo.canRedo(),
    perform: (ctx) => ctx.map.undo.redo(),
  },
  {
    name: 'shortcuts',
    label: 'shortcuts',
    keys: ['?'],
    keyTest: (e) => !e.ctrlKey && !e.metaKey && !e.altKey && e.key === '?',
    edits: false,
    scope: 'page',
    perform: (ctx) => ctx.session.setShortcutsOpen(true),
  },
];

export const actions: readonly Action[] = ACTIONS;

export const actionByName = (name: ActionName): Action => ACTIONS.find((a) => a.name === name)!;

/** The one rule for every action: writing needs edit rights, commenting comment rights, then the action's own condition. */
export function isEnabled(action: Action, ctx: ActionContext): boolean {
  if (action.edits && !mayEdit(ctx.session)) return false;
  if (action.comments && !mayComment(ctx.session)) return false;
  return action.enabled?.(ctx) ?? true;
}

/** Runs the action if it applies; whether it ran. */
export function runAction(action: Action, ctx: ActionContext, event?: KeyLike): boolean {
  if (!isEnabled(action, ctx)) return false;
  action.perform(ctx, event);
  return true;
}

/**
 * The action a key press runs, if any: `onCanvas` says whether focus is on
 * the map (canvas-scoped actions apply only there).
 */
export function actionForKey(e: KeyLike, ctx: ActionContext, onCanvas: boolean): Action | null {
  for (const action of ACTIONS) {
    if (action.scope === 'canvas' && !onCanvas) continue;
    if (action.keyTest(e) && isEnabled(action, ctx)) return action;
  }
  return null;
}

export type { ActionName };
