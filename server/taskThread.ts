/**
 * The worker side of a TaskWorker (taskWorker.ts): an entry module calls
 * serveTasks with what it does for one request. It says `ready` once its
 * modules are loaded, so their loading is not counted against a task; bytes
 * in the answer travel transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';

export type TaskReply<Res> =
  | { type: 'ready' }
  | { type: 'done'; result: Res }
  /** the task threw: a bug, reported for this request; the worker carries on */
  | { type: 'failed'; message: string };

/** A Uint8Array that owns its whole buffer, so transferring the buffer hands over exactly these bytes. */
export const ownBuffer = (bytes: Uint8Array): Uint8Array =>
  bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();

/** `handle` answers each request with its result and the buffers to transfer with it (see ownBuffer). */
export function serveTasks<Req, Res>(handle: (request: Req) => Promise<{ result: Res; transfer: ArrayBuffer[] }>): void {
  const port = parentPort;
  if (!port) throw new Error('a task entry runs in a worker thread: a TaskWorker starts it');
  // One task at a time, as the TaskWorker sends them.
  port.on('message', (request: Req) => {
    handle(request).then(
      ({ result, transfer }) => port.postMessage({ type: 'done', result } satisfies TaskReply<Res>, transfer),
      (err: unknown) =>
        port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies TaskReply<Res>),
    );
  });
  port.postMessage({ type: 'ready' } satisfies TaskReply<Res>);
}
