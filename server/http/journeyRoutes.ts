/**
 * Linked journeys over HTTP, answered from the link index (server/store,
 * JourneyLinkStore), never from documents:
 *
 * - `GET /api/maps/:id/journey?linked=a,b`: the maps that link to this one
 *   ("Part of: …") and the titles of the linked maps the page names. A share
 *   link's holder may see this one map only, so a request carrying a token
 *   gets no other map's title (`hidden`).
 * - `GET /api/journeys`: every map and every link between maps, for the
 *   dashboard's tree; whoever may list the maps (the workspace).
 */
import { z } from 'zod';
import { IdSchema } from '../../src/model/schema';
import { MAX_LINKED_LOOKUP, type MapJourney } from '../../src/model/journeys/wire';
import type { Store } from '../store/types';
import { findMap } from './mapRoutes';
import { sendJson, validate } from './respond';
import type { RequestContext, Route } from './router';

export const MapJourneyQuerySchema = z.object({
  linked: z
    .string()
    .max(MAX_LINKED_LOOKUP * 65)
    .default('')
    .transform((list) => [...new Set(list.split(',').filter((id) => id !== ''))])
    .pipe(z.array(IdSchema).max(MAX_LINKED_LOOKUP)),
});

export function journeyRoutes({ store }: { store: Store }): Route[] {
  const mapJourney = async ({ res, params, query, grant }: RequestContext) => {
    const { linked } = validate(MapJourneyQuerySchema, Object.fromEntries(query), 'query');
    const record = await findMap(store, params.id);
    if (grant.via === 'token') {
      sendJson(res, 200, { parents: [], linked: [], hidden: true } satisfies MapJourney);
      return;
    }
    const [parents, found] = await Promise.all([store.journeyParents(record.id), store.getMaps(linked)]);
    const body: MapJourney = { parents, linked: found.map((m) => ({ id: m.id, title: m.title })), hidden: false };
    sendJson(res, 200, body);
  };

  const journeys = async ({ res }: RequestContext) => sendJson(res, 200, await store.journeyGraph());

  return [
    { method: 'GET', path: '/api/maps/:id/journey', access: { link: 'viewer' }, handle: mapJourney },
    { method: 'GET', path: '/api/journeys', access: 'workspace', handle: journeys },
  ];
}
