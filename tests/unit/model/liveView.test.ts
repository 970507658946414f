import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLiveView } from '../../../src/model/liveView';

/** A view of one collection: id -> the entry's `name`, rebuilt from a cache the engine keeps fresh. */
function namesView(doc: Y.Doc) {
  const root = doc.getMap<Y.Map<unknown>>('things');
  const names = new Map<string, string>();
  let builds = 0;
  const view = createLiveView(doc, {
    collections: [
      {
        map: root,
        refresh(id) {
          const entry = root.get(id);
          if (entry) names.set(id, String(entry.get('name')));
          else names.delete(id);
        },
      },
    ],
    build: () => {
      builds++;
      return new Map(names);
    },
  });
  return { root, view, builds: () => builds };
}

function add(doc: Y.Doc, id: string, name: string) {
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    entry.set('name', name);
    doc.getMap<Y.Map<unknown>>('things').set(id, entry);
  });
}

describe('createLiveView', () => {
  it('reads what the doc already holds', () => {
    const doc = new Y.Doc();
    add(doc, 'a', 'Alpha');
    const { view } = namesView(doc);
    expect(view.getSnapshot().get('a')).toBe('Alpha');
  });

  it('sees an entry added, changed deep inside and removed', () => {
    const doc = new Y.Doc();
    const { root, view } = namesView(doc);
    add(doc, 'a', 'Alpha');
    expect(view.getSnapshot().get('a')).toBe('Alpha');
    root.get('a')!.set('name', 'Aleph');
    expect(view.getSnapshot().get('a')).toBe('Aleph');
    root.delete('a');
    expect(view.getSnapshot().has('a')).toBe(false);
  });

  it('notifies once per transaction and builds once per burst of changes', () => {
    const doc = new Y.Doc();
    const { root, view, builds } = namesView(doc);
    view.getSnapshot();
    let notices = 0;
    view.subscribe(() => notices++);
    doc.transact(() => {
      add(doc, 'a', 'A');
      add(doc, 'b', 'B');
    });
    expect(notices).toBe(1);
    root.get('a')!.set('name', 'A2');
    expect(notices).toBe(2);
    const before = builds();
    view.getSnapshot();
    view.getSnapshot();
    expect(builds()).toBe(before + 1);
  });

  it('keeps the same snapshot when a transaction touches nothing it watches', () => {
    const doc = new Y.Doc();
    const { view } = namesView(doc);
    const first = view.getSnapshot();
    let notices = 0;
    view.subscribe(() => notices++);
    doc.getMap('elsewhere').set('x', 1);
    expect(notices).toBe(0);
    expect(view.getSnapshot()).toBe(first);
  });

  it('tells a watched plain map changed, and stops listening when destroyed', () => {
    const doc = new Y.Doc();
    const meta = doc.getMap<unknown>('meta');
    let changes = 0;
    const view = createLiveView(doc, {
      collections: [],
      maps: [{ map: meta, changed: () => changes++ }],
      build: () => meta.get('title'),
    });
    meta.set('title', 'One');
    expect(view.getSnapshot()).toBe('One');
    expect(changes).toBe(1);
    let notices = 0;
    view.subscribe(() => notices++);
    view.destroy();
    meta.set('title', 'Two');
    expect(notices).toBe(0);
    expect(changes).toBe(1);
  });
});
