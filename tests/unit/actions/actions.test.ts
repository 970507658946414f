import { beforeEach, describe, expect, it } from 'vitest';
import { addCard, createLiveMap } from '../../../src/model';
import { createUndo } from '../../../src/model/undo';
import { layoutGrid } from '../../../src/canvas/layout';
import { actionByName, actionForKey, actions, isEnabled } from '../../../src/actions/actions';
import { formatKeys } from '../../../src/actions/keys';
import type { ActionContext, KeyLike } from '../../../src/actions/types';
import { pointNavId, type NavGrid } from '../../../src/canvas/navigation';
import { setEmotion } from '../../../src/model/commands/cards';
import { emotionPoints } from '../../../src/model/journey';
import type { OpenMap } from '../../../src/state/mapContext';
import { mayEdit, resetSession, useSession } from '../../../src/state/session';
import { answerQuestion, cancelQuestions, pendingQuestion } from '../../../src/ui/askConfirm';
import { deleteStage } from '../../../src/model/commands/stages';
import { mapDoc } from '../../fixtures/model';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

/** A map with one card in the first cell, the keyboard on it, and a canvas that records where focus is asked to go. */
function setup() {
  const doc = mapDoc();
  const live = createLiveMap(doc);
  const s0 = live.getSnapshot();
  const card = addCard(doc, { laneId: s0.lanes[0]!.id, stageId: s0.stages[0]!.id, text: 'Visits the store' });
  const focused: string[] = [];
  const map = { doc, live, undo: createUndo(doc) } as unknown as OpenMap;
  const grid = (): NavGrid => {
    const s = live.getSnapshot();
    // As the canvas builds it (JourneyCanvas.tsx).
    const canAdd = mayEdit(useSession.getState());
    return {
      layout: layoutGrid(s.stages, s.lanes, s.cards),
      curveLaneIds: new Set(s.lanes.filter((l) => l.kind === 'emotions').map((l) => l.id)),
      canAdd,
      persona: canAdd || s.personas.some((p) => p.id === s.meta?.personaId),
      curvePoints: emotionPoints(s.stages, s.lanes, s.cards),
    };
  };
  const ctx = (): ActionContext => ({
    map,
    session: useSession.getState(),
    snapshot: live.getSnapshot(),
    me: 'me',
    view: { zoomIn: () => undefined, zoomOut: () => undefined, zoomTo: () => undefined, fit: () => undefined },
    canvas: {
      grid,
      focusItem: (id) => {
        focused.push(id);
        useSession.getState().setNavItem(id, live.getSnapshot().cardById.has(id) ? id : null);
      },
      focusAfterChange: (pick) => {
        const id = pick(grid());
        if (id) focused.push(id);
      },
      focusCanvas: () => focused.push('canvas'),
      openContextMenu: () => undefined,
    },
  });
  useSession.getState().setNavItem(card, card);
  return { doc, live, card, ctx, focused };
}

describe('the actions table', () => {
  beforeEach(() => {
    resetSession();
    useSession.getState().setRole('editor');
  });

  it('maps keys to actions as the shortcuts list shows them', () => {
    const { ctx } = setup();
    const name = (k: KeyLike, onCanvas = true) => actionForKey(k, ctx(), onCanvas)?.name ?? null;
    expect(name(key('Enter'))).toBe('edit');
    expect(name(key('d', { ctrlKey: true }))).toBe('duplicate');
    expect(name(key('D', { metaKey: true }))).toBe('duplicate');
    expect(name(key('Delete'))).toBe('delete');
    expect(name(key('ArrowRight', { altKey: true }))).toBe('moveRight');
    expect(name(key('ArrowRight'))).toBe('navigate');
    expect(name(key('v'))).toBe('vote');
    expect(name(key('c'))).toBe('comment');
    expect(name(key('F10', { shiftKey: true }))).toBe('contextMenu');
    expect(name(key(')', { shiftKey: true, code: 'Digit0' }))).toBe('zoom100');
    expect(name(key('!', { shiftKey: true, code: 'Digit1' }))).toBe('fit');
    expect(name(key('?', { shiftKey: true }))).toBe('shortcuts');
    expect(name(key('Escape'))).toBe('escape');
    // Canvas keys do nothing while focus is elsewhere on the page; page keys still work.
    expect(name(key('Enter'), false)).toBeNull();
    expect(name(key('?', { shiftKey: true }), false)).toBe('shortcuts');
    // Ctrl+Z with nothing to undo is no action at all (the browser keeps the key).
    expect(name(key('z', { ctrlKey: true }))).toBeNull();
    expect(formatKeys('Mod+Shift+Z', false)).toEqual(['Ctrl', 'Shift', 'Z']);
    expect(formatKeys('Alt+ArrowLeft', true)).toEqual(['⌥', '←']);
    expect(formatKeys('+', false)).toEqual(['+']);
  });

  it('lets nobody but an editor on the live map run an action that writes', () => {
    const { ctx } = setup();
    const writing = actions.filter((a) => a.edits);
    expect(writing.map((a) => a.name)).toEqual(expect.arrayContaining(['edit', 'addCard', 'duplicate', 'delete', 'moveLeft', 'vote']));
    expect(isEnabled(actionByName('duplicate'), ctx())).toBe(true);
    useSession.getState().setPreviewing(true);
    for (const a of writing) expect(isEnabled(a, ctx()), a.name).toBe(false);
    useSession.getState().setPreviewing(false);
    for (const role of ['viewer', 'commenter'] as const) {
      useSession.getState().setRole(role);
      for (const a of writing) expect(isEnabled(a, ctx()), `${role} ${a.name}`).toBe(false);
      expect(isEnabled(actionByName('navigate'), ctx())).toBe(true);
      expect(isEnabled(actionByName('shortcuts'), ctx())).toBe(true);
    }
    expect(isEnabled(actionByName('comment'), ctx())).toBe(true);
    useSession.getState().setRole('viewer');
    expect(isEnabled(actionByName('comment'), ctx())).toBe(false);
  });

  it('duplicates, votes, moves and deletes the focused card, keeping the keyboard on the map', () => {
    const { live, card, ctx, focused } = setup();
    actionByName('duplicate').perform(ctx());
    expect(live.getSnapshot().cards).toHaveLength(2);
    const copy = live.getSnapshot().cards.find((c) => c.id !== card)!;
    expect(focused.at(-1)).toBe(copy.id);
    expect([...useSession.getState().selectedIds]).toEqual([copy.id]);

    useSession.getState().setNavItem(card, card);
    actionByName('vote').perform(ctx());
    expect(live.getSnapshot().cardById.get(card)?.votes).toEqual({ me: 1 });
    expect(isEnabled(actionByName('unvote'), ctx())).toBe(true);

    const stage1 = live.getSnapshot().stages[1]!.id;
    actionByName('moveRight').perform(ctx());
    expect(live.getSnapshot().cardById.get(card)?.stageId).toBe(stage1);
    expect(focused.at(-1)).toBe(card);

    actionByName('delete').perform(ctx());
    expect(live.getSnapshot().cardById.has(card)).toBe(false);
    // Its cell is empty now: the keyboard lands on the cell's "+ Add card".
    expect(focused.at(-1)).toBe(`cell:${live.getSnapshot().lanes[0]!.id}:${stage1}`);
  });

  it('adds a card in the focused cell and starts editing it; Esc clears the selection', () => {
    const { live, ctx, focused } = setup();
    actionByName('addCard').perform(ctx());
    const editing = useSession.getState().editingCardId;
    expect(editing).not.toBeNull();
    expect(live.getSnapshot().cardById.get(editing!)?.stageId).toBe(live.getSnapshot().stages[0]!.id);
    useSession.getState().stopEditing();
    actionByName('escape').perform(ctx());
    expect(useSession.getState().selectedIds.size).toBe(0);
    expect(focused.at(-1)).toBe('canvas');
  });

  it('Delete on a stage with cards asks first: no keeps it and the keyboard where it was, yes deletes it and lands on its neighbour', async () => {
    const { live, ctx, focused } = setup();
    const [first, second] = live.getSnapshot().stages;
    useSession.getState().setNavItem(`stage:${first!.id}`, null);
    const answered = () => new Promise((resolve) => setTimeout(resolve));

    actionByName('delete').perform(ctx());
    expect(pendingQuestion()).toMatchObject({ title: 'Delete stage', confirmLabel: 'Delete stage', danger: true });
    expect(pendingQuestion()!.message).toMatch(/^Delete the stage “.+” and its 1 card\?$/);
    answerQuestion(pendingQuestion()!.id, false);
    await answered();
    expect(live.getSnapshot().stages[0]!.id).toBe(first!.id);
    expect(focused).toEqual([]);

    actionByName('delete').perform(ctx());
    answerQuestion(pendingQuestion()!.id, true);
    await answered();
    expect(live.getSnapshot().stages[0]!.id).toBe(second!.id);
    expect(focused.at(-1)).toBe(`stage:${second!.id}`);

    // An empty stage goes at once, without a question.
    useSession.getState().setNavItem(`stage:${second!.id}`, null);
    actionByName('delete').perform(ctx());
    expect(pendingQuestion()).toBeNull();
    expect(live.getSnapshot().stages.some((s) => s.id === second!.id)).toBe(false);
  });

  it('a yes to a stage someone else deleted meanwhile deletes nothing', async () => {
    const { doc, live, ctx, focused } = setup();
    const [first] = live.getSnapshot().stages;
    const count = live.getSnapshot().stages.length;
    useSession.getState().setNavItem(`stage:${first!.id}`, null);
    actionByName('delete').perform(ctx());
    deleteStage(doc, first!.id);
    answerQuestion(pendingQuestion()!.id, true);
    await new Promise((resolve) => setTimeout(resolve));
    expect(live.getSnapshot().stages).toHaveLength(count - 1);
    expect(focused).toEqual([]);
    cancelQuestions();
  });

  it('on an emotion point, Delete takes a point of the curve’s own away but never a touchpoint', () => {
    const { doc, live, ctx, focused } = setup();
    const { lanes, stages } = live.getSnapshot();
    const curve = lanes.find((l) => l.kind === 'emotions')!.id;
    const touch = addCard(doc, { laneId: lanes.find((l) => l.kind === 'touchpoints')!.id, stageId: stages[1]!.id, text: 'E-mail' });
    setEmotion(doc, touch, -2);
    const own = addCard(doc, { laneId: curve, stageId: stages[1]!.id, text: '', fields: { emotion: 3 } });

    useSession.getState().setNavItem(pointNavId(curve, touch), touch);
    expect([...useSession.getState().selectedIds]).toEqual([touch]);
    expect(actionForKey(key('Delete'), ctx(), true)).toBeNull();

    useSession.getState().setNavItem(pointNavId(curve, own), own);
    expect(actionForKey(key('Delete'), ctx(), true)?.name).toBe('delete');
    actionByName('delete').perform(ctx());
    expect(live.getSnapshot().cardById.has(own)).toBe(false);
    expect(live.getSnapshot().cardById.has(touch)).toBe(true);
    // The keyboard stays in that stage of the curve, on its "+ Add emotion point".
    expect(focused.at(-1)).toBe(`cell:${curve}:${stages[1]!.id}`);
  });

  it('opens the persona with Enter on it; a reader of a map without one has no persona to go to', () => {
    const { ctx } = setup();
    useSession.getState().setNavItem('persona', null);
    expect(actionForKey(key('Enter'), ctx(), true)?.name).toBe('openPersona');
    useSession.getState().setRole('viewer');
    expect(actionForKey(key('Enter'), ctx(), true)).toBeNull();
  });
});
