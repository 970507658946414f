/** The browser benchmarks' map: the backpack template filled to `cards` cards, stored on a running server. */
import type { Locale } from '../src/model/schema';
import { listEntities } from '../src/model';
import { fillToCards } from '../tests/fixtures/large-map';
import { connectSynced, createMap, waitFor, type Client } from '../tests/fixtures/server';

/** Returns the client that wrote it, still connected (a colleague who can go on editing); its room is the map id. */
export async function largeMapOnServer(base: string, cards: number, locale: Locale): Promise<Client> {
  const author = await connectSynced(base, await createMap(base, { template: 'backpack', locale }));
  fillToCards(author.doc, cards);
  // A second client proves the server has them all before a browser opens the map.
  const check = await connectSynced(base, author.provider.roomname);
  await waitFor(() => listEntities(check.doc, 'cards').length === cards, `${cards} cards on the server`, 20_000);
  check.close();
  return author;
}
