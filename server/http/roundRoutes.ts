/**
 * Workshop rounds: `POST /api/maps/:id/rounds/:roundId/reveal` ends a round
 * (editors only, CSRF-checked like every POST). The server is the only party
 * that reads everybody's private documents: it loads them all as rooms
 * (stored ones, and any in memory here whose first write is still on its
 * way to the store), reveals the round into the map's room
 * (src/model/rounds/reveal.ts) and empties it out of each private room, so
 * every change is stored and relayed, to the other nodes too, like any
 * other. Idempotent: revealing a revealed round answers what it is, and the
 * cards keep their private ids, so two reveals at once (two editors, or two
 * nodes) cannot add a card twice.
 */
import { IdSchema } from '../../src/model/schema';
import { SERVER_ORIGIN } from '../../src/model/doc';
import { revealRound } from '../../src/model/rounds/reveal';
import type { Logger } from '../log';
import type { Store } from '../store/types';
import type { Room } from '../ws/room';
import type { RoomRegistry } from '../ws/rooms';
import { findMap } from './mapRoutes';
import { HttpError, sendJson } from './respond';
import type { RequestContext, Route } from './router';

export interface RoundRouteDeps {
  store: Store;
  rooms: RoomRegistry;
  log: Logger;
}

export function roundRoutes({ store, rooms, log }: RoundRouteDeps): Route[] {
  /** map id -> the reveal running on it: reveals of one map on this node run one after the other */
  const running = new Map<string, Promise<unknown>>();

  const reveal = async ({ res, params }: RequestContext) => {
    const record = await findMap(store, params.id);
    const roundId = IdSchema.safeParse(params.roundId);
    if (!roundId.success) throw new HttpError(404, 'round not found');
    const previous = running.get(record.id) ?? Promise.resolve();
    const task = previous.catch(() => undefined).then(() => revealOn(record.id, roundId.data));
    running.set(record.id, task);
    try {
      const outcome = await task;
      if (outcome.status === 'no-such-round') throw new HttpError(404, 'round not found');
      sendJson(res, 200, outcome);
    } finally {
      if (running.get(record.id) === task) running.delete(record.id);
    }
  };

  const revealOn = async (mapId: string, roundId: string) => {
    const loaded: Room[] = [];
    try {
      const map = await rooms.get(mapId);
      loaded.push(map);
      const ids = new Set([...(await store.privateDocs(mapId)), ...rooms.privateDocsInMemory(mapId)]);
      for (const id of ids) loaded.push(await rooms.get(id));
      const outcome = revealRound(
        map.doc,
        roundId,
        loaded.slice(1).map((r) => r.doc),
        SERVER_ORIGIN,
      );
      if (outcome.status === 'revealed') log.info('round revealed', { map: mapId, round: roundId, ...outcome });
      return outcome;
    } finally {
      // Loaded only for the reveal: unloaded again later, like after any REST edit.
      for (const room of loaded) rooms.scheduleIdle(room);
    }
  };

  return [{ method: 'POST', path: '/api/maps/:id/rounds/:roundId/reveal', access: { link: 'editor' }, handle: reveal }];
}
