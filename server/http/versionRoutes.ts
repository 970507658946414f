/**
 * A map's version history: list, save, preview, compare, restore, delete,
 * and "Mark as reviewed" (which saves a version).
 * Any share link of the map may list, preview and compare; saving, restoring
 * and deleting need an edit link (or the workspace).
 */
import * as Y from 'yjs';
import { CreateVersionRequestSchema, MarkReviewedRequestSchema, RestoreVersionRequestSchema } from '../../src/model/versions';
import { COMPARE_NOW, type CompareResult } from '../../src/model/compare/wire';
import type { MapComparer } from '../compare/mapComparer';
import type { ComparePdfOptions } from '../compare/comparePdf';
import { attachmentDisposition } from '../exchange';
import { LOCALES } from '../../src/model/choices';
import { z } from 'zod';
import type { Logger } from '../log';
import { TaskWorkerError } from '../taskWorker';
import type { Versions } from '../versions';
import type { RoomRegistry } from '../ws/rooms';
import type { Store } from '../store/types';
import { findMap } from './mapRoutes';
import { HttpError, noContent, readJson, sendJson, taskFailureError, validate } from './respond';
import type { RequestContext, Route } from './router';

/** The compare PDF's options: the language of its words (the map's when absent), the author it names. */
const ComparePdfQuerySchema = z.object({
  lang: z.enum(LOCALES).optional(),
  author: z.string().max(100).default(''),
  token: z.string().optional(),
});

export interface VersionRouteDeps {
  store: Store;
  rooms: RoomRegistry;
  versions: Versions;
  comparer: MapComparer;
  maxBodyBytes: number;
  log: Logger;
}

export function versionRoutes({ store, rooms, versions, comparer, maxBodyBytes, log }: VersionRouteDeps): Route[] {
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

  /**
   * GET /api/maps/:id/versions/:versionId/compare/:to: what changed from a
   * version to another (`to` a version id) or to the map now (`to` = now, as
   * the server holds it this instant, edits not yet stored included). Worked
   * out in the compare worker from the stored states, so it is the same for
   * everyone and no request waits for it.
   */
  const compute = async ({ params }: RequestContext, pdf?: ComparePdfOptions) => {
    const record = await findMap(store, params.id);
    const from = await versions.compareSide(record.id, params.versionId ?? '');
    const to =
      params.to === COMPARE_NOW
        ? await withRoom(record.id, async (room) => ({
            ref: { id: COMPARE_NOW, kind: COMPARE_NOW, name: '', createdAt: Date.now() } as const,
            stored: { state: Y.encodeStateAsUpdate(room.doc), deflated: false },
          }))
        : await versions.compareSide(record.id, params.to ?? '');
    let result;
    try {
      result = await comparer.compare({
        before: from.stored,
        after: to.stored,
        refs: { from: from.ref, to: to.ref },
        ...(pdf ? { pdf } : {}),
      });
    } catch (err) {
      if (!(err instanceof TaskWorkerError)) throw err;
      log.warn('version compare failed', { map: record.id, reason: err.reason, err: err.cause });
      throw taskFailureError(err);
    }
    if (!result.ok) {
      log.warn('version compare: content not valid', { map: record.id, side: result.side, message: result.message });
      throw new HttpError(422, `${result.side === 'before' ? 'the first' : 'the second'} version’s content is not a valid map`);
    }
    return { record, from: from.ref, to: to.ref, result };
  };
  const compare = async (ctx: RequestContext) => {
    const { from, to, result } = await compute(ctx);
    const body: CompareResult = { from, to, diff: result.diff, view: result.view };
    sendJson(ctx.res, 200, body);
  };

  /** …/compare/:to/export.pdf?lang=&author=: the compare as a PDF page, "What changed since the last review". */
  const comparePdf = async (ctx: RequestContext) => {
    const options = validate(ComparePdfQuerySchema, Object.fromEntries(ctx.query.entries()), 'export options');
    const { record, result } = await compute(ctx, {
      ...(options.lang ? { lang: options.lang } : {}),
      author: options.author,
      now: Date.now(),
    });
    if (!('pdf' in result)) throw new HttpError(500, 'the compare gave no PDF');
    ctx.res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': String(result.pdf.byteLength),
      'cache-control': 'no-store',
      'content-disposition': attachmentDisposition(record.title, `journey-map-${record.id}-changes`, 'pdf'),
    });
    ctx.res.end(result.pdf);
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
    { method: 'GET', path: '/api/maps/:id/versions/:versionId/compare/:to', access: { link: 'viewer' }, handle: compare },
    { method: 'GET', path: '/api/maps/:id/versions/:versionId/compare/:to/export.pdf', access: { link: 'viewer' }, handle: comparePdf },
  ];
}
