/**
 * The maps of the workspace: list, create, read, rename, duplicate, delete,
 * and each map's share links (read, rotate). Creating (new, duplicate,
 * import) counts against the map-creation cap.
 */
import { z } from 'zod';
import { SERVER_ORIGIN, docToMapDocument, metaMap, newId } from '../../src/model/doc';
import {
  CreateMapRequestSchema,
  IdSchema,
  MapListQuerySchema,
  MetaSchema,
  UpdateMapRequestSchema,
  type Locale,
  type MapDocument,
} from '../../src/model/schema';
import type { MapList, MapSummary } from '../../src/model/mapList';
import { buildTemplate } from '../../src/model/templates';
import type { Access, ShareLinks } from '../auth';
import { newMapState } from '../exchange';
import type { Logger } from '../log';
import { decodeCursor } from '../mapList/cursor';
import { pageOfMaps } from '../mapList/page';
import type { MapRecord, Store } from '../store/types';
import type { RoomRegistry } from '../ws/rooms';
import type { Fanout } from '../fanout/types';
import { HttpError, readJson, sendJson, validate } from './respond';
import type { RequestContext, Route } from './router';

export const summary = (r: MapRecord): MapSummary => ({
  id: r.id,
  title: r.title,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  ...(r.stats ? { stats: r.stats } : {}),
});

/** POST /api/maps/:id/duplicate: the copy's title, else "<title> (copy)" in the map's language. */
const DuplicateMapRequestSchema = z.object({ title: UpdateMapRequestSchema.shape.title.optional() });

const MAX_TITLE = MetaSchema.shape.title.maxLength ?? 200;
const COPY_SUFFIX: Record<Locale, string> = { en: ' (copy)', 'zh-CN': '（副本）' };

/** "<title> (copy)", the title shortened so the whole still fits the title limit. */
function copyTitle(title: string, locale: Locale): string {
  const suffix = COPY_SUFFIX[locale];
  let base = title.slice(0, MAX_TITLE - suffix.length);
  if (/[\uD800-\uDBFF]$/.test(base)) base = base.slice(0, -1); // never half an emoji
  return base + suffix;
}

export interface MapRouteDeps {
  store: Store;
  rooms: RoomRegistry;
  access: Access;
  /** tells every node about rotated links and deleted maps */
  fanout: Fanout;
  maxBodyBytes: number;
  log: Logger;
}

/** The map a route's `:id` names; 404 if there is none. */
export async function findMap(store: Store, rawId: string | undefined): Promise<MapRecord> {
  const id = IdSchema.safeParse(rawId);
  const record = id.success ? await store.getMap(id.data) : null;
  if (!record) throw new HttpError(404, 'map not found');
  return record;
}

/** The map's three links at its current link version. */
export async function linksOf(store: Store, access: Access, req: RequestContext['req'], id: string): Promise<ShareLinks> {
  const version = await store.linkVersion(id);
  if (version === null) throw new HttpError(404, 'map not found');
  return access.links(req, id, version);
}

/** Stores a new map with `map` as its content (newMapState); resolves with its id. */
export async function storeNewMap(store: Store, map: MapDocument, now: number): Promise<string> {
  const { state, stats, search, links } = newMapState(map);
  const id = newId();
  await store.createMap({ id, title: map.meta.title, createdAt: now, updatedAt: now, stats }, state);
  // After the map, not with it: if this fails, the map is indexed when it is next saved or the server starts (server/cardIndex.ts).
  await store.putSearchCards(id, search);
  await store.putJourneyLinks(id, links);
  return id;
}

export function mapRoutes({ store, rooms, access, fanout, maxBodyBytes, log }: MapRouteDeps): Route[] {
  const created = async ({ req, res }: RequestContext, id: string) =>
    sendJson(res, 201, { id, links: await linksOf(store, access, req, id) });

  const createMap = async (ctx: RequestContext) => {
    const body = validate(CreateMapRequestSchema, await readJson(ctx.req, maxBodyBytes));
    const now = Date.now();
    const template = body.template ?? 'blank';
    const map = buildTemplate(template, { locale: body.locale ?? 'en', title: body.title?.trim() || undefined, now });
    const id = await storeNewMap(store, map, now);
    log.info('map created', { map: id, template, locale: map.meta.locale });
    await created(ctx, id);
  };

  /**
   * One page of the maps matching `q`, in `sort` order, after `cursor`.
   * Every map's light index row is read, but only the page's full records
   * (with their stats), so the answer and its cost stay bounded by `limit`.
   */
  const listMaps = async ({ res, query }: RequestContext) => {
    const { q, sort, locale, limit, cursor, owner, freshness } = validate(MapListQuerySchema, Object.fromEntries(query), 'query');
    const after = cursor === undefined ? null : decodeCursor(sort, cursor);
    if (cursor !== undefined && after === null) {
      throw new HttpError(400, 'invalid query', [{ path: 'cursor', message: `not a nextCursor of a sort=${sort} list` }]);
    }
    const page = pageOfMaps(await store.listMapIndex(), {
      q,
      sort,
      locale,
      limit,
      after,
      owner,
      ...(freshness !== undefined ? { freshness } : {}),
      now: Date.now(),
    });
    const body: MapList = {
      maps: (await store.getMaps(page.ids)).map(summary),
      nextCursor: page.nextCursor,
      total: page.total,
      owners: page.owners,
      stale: page.stale,
    };
    sendJson(res, 200, body);
  };

  const renameMap = async ({ req, res, params }: RequestContext) => {
    const record = await findMap(store, params.id);
    const { title } = validate(UpdateMapRequestSchema, await readJson(req, maxBodyBytes));
    const room = await rooms.get(record.id);
    const updatedAt = Date.now();
    // Through the doc, so everyone on the map sees the new title live; the
    // room stores the change like any other, and the row below at once.
    room.doc.transact(() => {
      metaMap(room.doc).set('title', title);
      metaMap(room.doc).set('updatedAt', updatedAt);
    }, SERVER_ORIGIN);
    await store.updateMap(record.id, { title, updatedAt });
    rooms.scheduleIdle(room); // loaded only for this rename: unload it again later
    sendJson(res, 200, summary({ ...record, title, updatedAt }));
  };

  const deleteMap = async ({ res, params }: RequestContext) => {
    const record = await findMap(store, params.id);
    // Sockets first (this node's at once, the other nodes' as the event reaches them), so no edit lands after the delete here.
    await fanout.control({ type: 'map-deleted', mapId: record.id });
    await store.deleteMap(record.id);
    log.info('map deleted', { map: record.id });
    res.writeHead(204).end();
  };

  const duplicateMap = async (ctx: RequestContext) => {
    const record = await findMap(store, ctx.params.id);
    const body = validate(DuplicateMapRequestSchema, await readJson(ctx.req, maxBodyBytes));
    // Through the room, so edits not yet stored (or made this very moment) are in the copy.
    const room = await rooms.get(record.id);
    let source: MapDocument;
    try {
      source = docToMapDocument(room.doc);
    } catch (err) {
      log.warn('map not duplicated: invalid content', { map: record.id, err });
      throw new HttpError(422, 'the map’s content is not valid, so it cannot be copied');
    } finally {
      rooms.scheduleIdle(room); // loaded only to copy it: unload it again later
    }
    const now = Date.now();
    const title = body.title ?? copyTitle(source.meta.title, source.meta.locale);
    const id = await storeNewMap(store, { ...source, meta: { ...source.meta, title, createdAt: now, updatedAt: now } }, now);
    log.info('map duplicated', { map: id, from: record.id });
    await created(ctx, id);
  };

  /** Revokes every link of the map issued so far; sockets that came in through one are closed. */
  const rotateLinks = async ({ req, res, params }: RequestContext) => {
    const record = await findMap(store, params.id);
    const version = await store.rotateLinks(record.id);
    if (version === null) throw new HttpError(404, 'map not found');
    // Every node closes the sockets that came in through an older link.
    await fanout.control({ type: 'links-rotated', mapId: record.id, linkVersion: version });
    log.info('links rotated', { map: record.id, linkVersion: version });
    sendJson(res, 200, access.links(req, record.id, version));
  };

  return [
    { method: 'GET', path: '/api/maps', access: 'workspace', handle: listMaps },
    { method: 'POST', path: '/api/maps', access: 'workspace', cap: 'createMap', handle: createMap },
    // A share link may read its own map's summary.
    {
      method: 'GET',
      path: '/api/maps/:id',
      access: { link: 'viewer' },
      handle: async ({ res, params }) => sendJson(res, 200, summary(await findMap(store, params.id))),
    },
    { method: 'PATCH', path: '/api/maps/:id', access: 'workspace', handle: renameMap },
    { method: 'DELETE', path: '/api/maps/:id', access: 'workspace', handle: deleteMap },
    { method: 'POST', path: '/api/maps/:id/duplicate', access: 'workspace', cap: 'createMap', handle: duplicateMap },
    {
      method: 'GET',
      path: '/api/maps/:id/links',
      access: 'workspace',
      handle: async ({ req, res, params }) => sendJson(res, 200, await linksOf(store, access, req, (await findMap(store, params.id)).id)),
    },
    { method: 'POST', path: '/api/maps/:id/links/rotate', access: 'workspace', handle: rotateLinks },
  ];
}
