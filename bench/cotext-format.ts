/**
 * Format v3 (a card's text as Y.Text) against v2 (a plain string), on the
 * 8000-card map (the backpack template filled by tests/fixtures/large-map.ts):
 * stored size, the time a client takes to open it (decode the stored state
 * and build the snapshot the canvas reads), the server's migration of a
 * stored v2 map (migrationUpdate, as server/ws/migration.ts runs it), and the
 * stored growth of 200 keystrokes typed into one card. Numbers, not
 * pass/fail. `npx tsx bench/cotext-format.ts` prints them and writes them into
 * bench/results/latest.json as `cotextFormat` (the other figures stay).
 */
import * as Y from 'yjs';
import { collection, createLiveMap, docToMapDocument, readMeta, SCHEMA_VERSION, updateCardText } from '../src/model';
import { migrationUpdate } from '../server/ws/migration';
import { fillToCards } from '../tests/fixtures/large-map';
import { mapDoc, v2Doc } from '../tests/fixtures/model';
import { mergeIntoLatest } from './latestResults';

const CARDS = 8000;
const RUNS = 9;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;
function timeMs(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** The same map as Journeyboard 2 stored it: card texts as strings. */
function asV2(doc: Y.Doc): Y.Doc {
  const map = docToMapDocument(doc);
  const { schemaVersion: _s, ...meta } = map.meta;
  const entities = (['personas', 'stages', 'lanes', 'cards'] as const).flatMap((name) =>
    Object.values(map[name]).map(({ id, ...fields }) => [name, id, fields] as [typeof name, string, Record<string, unknown>]),
  );
  return v2Doc(meta, entities);
}

function openMs(update: Uint8Array): number {
  return timeMs(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    const live = createLiveMap(doc);
    if (live.getSnapshot().cards.length !== CARDS) throw new Error('not every card read');
    live.destroy();
  });
}

/** Each state opened RUNS times, turn about, so a busy moment of the machine costs every version alike. */
function openTimes(updates: Record<string, Uint8Array>): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(updates).map((k) => [k, []]));
  for (let i = 0; i < RUNS; i++) for (const [k, u] of Object.entries(updates)) times[k]!.push(openMs(u));
  return Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, round(median(xs))]));
}

/** Bytes added to the stored state by typing `typed` into one card, one keystroke a transaction. */
function typingGrowth(update: Uint8Array, version: 2 | 3, typed: string): number {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const before = Y.encodeStateAsUpdate(doc).length;
  const [id, card] = [...collection(doc, 'cards').entries()][0]!;
  let text = String(card.get('text'));
  for (const ch of typed) {
    text += ch;
    // v2 wrote the whole string on save; as if each keystroke were saved, the worst case of live typing in v2.
    if (version === 2) doc.transact(() => card.set('text', text));
    else updateCardText(doc, id, text);
  }
  return Y.encodeStateAsUpdate(doc).length - before;
}

const v3 = mapDoc('backpack', 'zh-CN');
fillToCards(v3, CARDS);
const v3Update = Y.encodeStateAsUpdate(v3);
const v2Update = Y.encodeStateAsUpdate(asV2(v3));

const migrations: number[] = [];
let migrated: Uint8Array | null = null;
for (let i = 0; i < RUNS; i++) migrations.push(timeMs(() => (migrated = migrationUpdate([v2Update]))));
const after = new Y.Doc();
Y.applyUpdate(after, v2Update);
Y.applyUpdate(after, migrated!);
if (readMeta(after)?.schemaVersion !== SCHEMA_VERSION) throw new Error('migration did not reach the current version');
const migratedUpdate = Y.encodeStateAsUpdate(after);

const typed = 'Compares two backpacks side by side, 看评测 '.repeat(5).slice(0, 200);
const result = {
  cards: CARDS,
  storedBytes: { v2: v2Update.length, v3: v3Update.length, v2MigratedToV3: migratedUpdate.length },
  openMs: openTimes({ v2: v2Update, v3: v3Update, v2MigratedToV3: migratedUpdate }),
  migration: { medianMs: round(median(migrations)), runsMs: migrations.map(round), updateBytes: migrated!.length },
  typing200Keystrokes: { v2WholeStringBytes: typingGrowth(v2Update, 2, typed), v3SpliceBytes: typingGrowth(v3Update, 3, typed) },
};
console.log(JSON.stringify(result, null, 2));
mergeIntoLatest('cotextFormat', result);
