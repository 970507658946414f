/**
 * A compare computed from two Yjs states as the server stores them (a
 * version's is deflated, the live room's is not): each loaded into a doc of
 * its own, migrated to the current schema, read and validated as the open
 * format (as a version preview reads it), then diffed (src/model/compare).
 * Runs in the compare worker (compareWorker.ts); pure, so tests and the
 * bench call it directly too.
 */
import zlib from 'node:zlib';
import * as Y from 'yjs';
import { diffMaps, sideOfDocument, type MapDiff } from '../../src/model/compare/diff';
import { compareView } from '../../src/model/compare/view';
import { docToMapDocument } from '../../src/model/doc';
import { migrateDoc } from '../../src/model/migrate';
import { MapDocumentSchema, type MapDocument } from '../../src/model/schema';

export interface StoredState {
  state: Uint8Array;
  /** raw DEFLATE, as versions are stored (server/versions.ts) */
  deflated: boolean;
}

export interface CompareRequest {
  before: StoredState;
  after: StoredState;
}

export type CompareStatesResult = { ok: true; diff: MapDiff; view: MapDocument } | { ok: false; side: 'before' | 'after'; message: string };

function contentOf({ state, deflated }: StoredState): MapDocument | string {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, deflated ? new Uint8Array(zlib.inflateRawSync(state)) : state);
    migrateDoc(doc, null);
    const parsed = MapDocumentSchema.safeParse(docToMapDocument(doc));
    return parsed.success ? parsed.data : parsed.error.message;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    doc.destroy();
  }
}

export function compareStates(request: CompareRequest): CompareStatesResult {
  const before = contentOf(request.before);
  if (typeof before === 'string') return { ok: false, side: 'before', message: before };
  const after = contentOf(request.after);
  if (typeof after === 'string') return { ok: false, side: 'after', message: after };
  return { ok: true, diff: diffMaps(sideOfDocument(before), sideOfDocument(after)), view: compareView(before, after) };
}
