/**
 * The import worker thread (started by server/importer.ts through
 * tsWorker.mjs): takes one map file at a time, answers with prepareImport's
 * result. The states travel back transferred, not copied. It says `ready`
 * once loaded, so the time its modules take to load is not counted against
 * an import.
 */
import { parentPort } from 'node:worker_threads';
import { prepareImport, type ImportPreparation } from './prepareImport';

export interface ImportRequest {
  input: Uint8Array | string;
  /** the new map's createdAt and updatedAt */
  now: number;
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'done'; result: ImportPreparation }
  /** prepareImport threw: a bug, reported for this file; the worker carries on */
  | { type: 'failed'; message: string };

/** A Uint8Array that owns its whole buffer, so transferring the buffer hands over exactly these bytes. */
const ownBuffer = (bytes: Uint8Array): Uint8Array =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();

const port = parentPort;
if (!port) throw new Error('importWorker.ts runs in a worker thread: server/importer.ts starts it');

port.on('message', ({ input, now }: ImportRequest) => {
  let reply: WorkerReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const result = prepareImport(input, now);
    if (result.ok) {
      result.state = ownBuffer(result.state);
      transfer.push(result.state.buffer as ArrayBuffer);
      if (result.comments) {
        result.comments = ownBuffer(result.comments);
        transfer.push(result.comments.buffer as ArrayBuffer);
      }
    }
    reply = { type: 'done', result };
  } catch (err) {
    reply = { type: 'failed', message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply, transfer);
});

port.postMessage({ type: 'ready' } satisfies WorkerReply);
