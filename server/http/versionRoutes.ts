/**
 * A map's version history: list, save, preview, restore, delete. Any share
 * link of the map may list and preview; saving, restoring and deleting need
 * an edit link (or the workspace).
 */
import { CreateVersionRequestSchema, MarkReviewedRequestSchema, RestoreVersionRequestSchema } from '../../src/model/versions';
import type { Versions } from '../versions';
import type { RoomRegistry } from '../ws/rooms';
import type { Store } from '../store/types';
import { findMap } from './mapRoutes';
import { noContent, readJson, sendJson, validate } from './respond';
import type { RequestContext, Route } from './router';

export interface VersionRouteDeps {
  store: Store;
  rooms: RoomRegistry;
  versions: Versions;
  maxBodyBytes: number;
}

export function versionRoutes({ store, rooms, versions, maxBodyBytes }: VersionRouteDeps): Route[] {
  /** Runs `fn` on the map's room (loaded for it if need be: edits not yet stored are in what it reads). */
  const withRoom = async <T>(mapId: string, fn: (room: Awaited<ReturnType<RoomRegistry['get']>>) => Promise<T>): Promise<T> => {
    const room = await rooms.get(mapId);
    try {
      return await fn(room);
    } finally {
      rooms.scheduleIdle(room);
    }
  };

  /** POST /api/maps/:id/versions { name, createdBy? }: a named version of the map as the server holds it now. */
  const save = async ({ req, res, params }: RequestContext) => {
    const record = await findMap(store, params.id);
    const body = validate(CreateVersionRequestSchema, await readJson(req, maxBodyBytes));
    sendJson(res, 201, await withRoom(record.id, (room) => versions.saveNamed(room, body.name, body.createdBy ?? '')));
  };

  /** POST /api/maps/:id/versions/:versionId/restore { createdBy? } */
  const restore = async ({ req, res, params }: RequestContext) => {
    const record = await findMap(store, params.id);
    const body = validate(RestoreVersionRequestSchema, await readJson(req, maxBodyBytes));
    sendJson(res, 200, await withRoom(record.id, (room) => versions.restore(room, params.versionId ?? '', body.createdBy ?? '')));
  };

  /** POST /api/maps/:id/review { name, createdBy? }: "Mark as reviewed" (lastReviewedAt now, and a named version). */
  const review = async ({ req, res, params }: RequestContext) => {
    const record = await findMap(store, params.id);
    const body = validate(MarkReviewedRequestSchema, await readJson(req, maxBodyBytes));
    sendJson(res, 200, await withRoom(record.id, (room) => versions.markReviewed(room, body.name, body.createdBy ?? '')));
  };

  return [
    { method: 'POST', path: '/api/maps/:id/review', access: { link: 'editor' }, handle: review },
    {
      method: 'GET',
      path: '/api/maps/:id/versions',
      access: { link: 'viewer' },
      handle: async ({ res, params }) => sendJson(res, 200, await versions.list((await findMap(store, params.id)).id)),
    },
    { method: 'POST', path: '/api/maps/:id/versions', access: { link: 'editor' }, handle: save },
    {
      method: 'GET',
      path: '/api/maps/:id/versions/:versionId',
      access: { link: 'viewer' },
      handle: async ({ res, params }) =>
        sendJson(res, 200, await versions.content((await findMap(store, params.id)).id, params.versionId ?? '')),
    },
    {
      method: 'DELETE',
      path: '/api/maps/:id/versions/:versionId',
      access: { link: 'editor' },
      handle: async ({ res, params }) => {
        await versions.remove((await findMap(store, params.id)).id, params.versionId ?? '');
        noContent(res);
      },
    },
    { method: 'POST', path: '/api/maps/:id/versions/:versionId/restore', access: { link: 'editor' }, handle: restore },
  ];
}
