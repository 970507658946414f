/**
 * "What anyone has seen is stored": on an 8,000-card map, a server killed
 * with -9 while one person types never loses an edit another client had
 * already received, even when both of them are gone afterwards.
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { collection, listEntities, updateCardText } from '../../../src/model';
import { serverHarness } from '../../fixtures/harness';
import { fillToCards } from '../../fixtures/large-map';
import { mapDoc } from '../../fixtures/model';
import { freePort, kill9, storeMapDoc, tempDir, waitFor } from '../../fixtures/server';

const h = serverHarness();

/** An 8,000-card map written straight into a new database, as if it had been built over months. */
async function largeMapIn(dataDir: string): Promise<string> {
  const doc = mapDoc('backpack');
  fillToCards(doc, 8000);
  const store = h.openStore(dataDir);
  await storeMapDoc(store, 'largeMap8000cards', doc);
  await store.close();
  return 'largeMap8000cards';
}

/** The number in an edit's text ("edit 17" -> 17), -1 for a text no edit wrote. */
const editNumber = (text: string | undefined): number => Number(/^edit (\d+)$/.exec(text ?? '')?.[1] ?? -1);

it('kill -9 on an 8,000-card map while someone types: every edit another client received is stored', async () => {
  const port = await freePort();
  const dataDir = tempDir();
  const url = `http://127.0.0.1:${port}`;
  const id = await largeMapIn(dataDir);
  const first = await h.spawnServer(port, dataDir);

  const author = await h.client(url, id);
  const witness = await h.client(url, id);
  const cardIds = listEntities(author.doc, 'cards')
    .slice(0, 50)
    .map((c) => c.id);
  expect(listEntities(author.doc, 'cards')).toHaveLength(8000);

  // The highest edit of each card the witness has received.
  const seen = new Map<string, number>();
  const witnessCards = collection(witness.doc, 'cards');
  witness.doc.on('update', () => {
    for (const cardId of cardIds) {
      const n = editNumber((witnessCards.get(cardId) as Y.Map<unknown> | undefined)?.get('text')?.toString());
      if (n > (seen.get(cardId) ?? -1)) seen.set(cardId, n);
    }
  });

  // Several people typing fast: edits arrive in bursts, and the server is killed right after one.
  let i = 0;
  let burstsLeft = 150 + Math.floor(Math.random() * 100);
  await waitFor(() => seen.size > 0 || (updateCardText(author.doc, cardIds[0]!, 'edit 0'), false), 'first edit relayed');
  i = 1;
  while (burstsLeft-- > 0) {
    for (let k = 0; k < 5; k++, i++) updateCardText(author.doc, cardIds[i % cardIds.length]!, `edit ${i}`);
    await new Promise((r) => setTimeout(r, burstsLeft === 0 ? 0 : 4));
  }
  await kill9(first);
  // Both people are gone for good: only the server's storage can have their edits now.
  await new Promise((r) => setTimeout(r, 200));
  author.close();
  witness.close();
  const received = [...seen.values()].reduce((n, v) => n + v + 1, 0);

  await h.spawnServer(port, dataDir);
  const later = await h.client(url, id);
  const lost = cardIds.filter((cardId) => {
    const stored = editNumber(listEntities(later.doc, 'cards').find((c) => c.id === cardId)?.text);
    return stored < (seen.get(cardId) ?? -1);
  });
  expect({ lost, received: received > 500 }).toEqual({ lost: [], received: true });
}, 120_000);
