/**
 * WAL checkpoints off the event loop. SQLite in WAL mode appends every commit
 * to the WAL file; by default the commit that takes the WAL past 1000 pages
 * also copies it back into the database file and fsyncs both, on the thread
 * that committed: a stall of several milliseconds of the server's only
 * thread, a few times a second under load, and about a third of a busy
 * server's SQLite time. So the server's connection does not checkpoint
 * (wal_autocheckpoint = 0) and a worker thread with its own connection does,
 * on a timer (walCheckpointWorker.mjs).
 *
 * If the worker fails, the connection checkpoints itself again, as SQLite
 * does by default: slower, never unbounded.
 */
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** ms between checkpoints: the WAL holds about this much of the server's writes. */
export const CHECKPOINT_INTERVAL_MS = 200;
/** SQLite's own default, restored when the worker is gone. */
const AUTOCHECKPOINT_PAGES = 1000;
/** Pages in the WAL past which the worker makes the next commit start it over (8 MB at SQLite's 4 KB pages). */
export const WAL_RESTART_PAGES = 2048;
/** A WAL that grew past this (a long reader held checkpoints back) is cut back to it when it starts over. */
const WAL_SIZE_LIMIT_BYTES = 16 * 2 ** 20;

const WORKER_URL = new URL('./walCheckpointWorker.mjs', import.meta.url);

export interface WalCheckpoints {
  /** Stops the worker; the connection's own close then checkpoints what is left. */
  stop(): Promise<void>;
}

export function checkpointOffThread(db: Database.Database, file: string, onFailure: (err: unknown) => void): WalCheckpoints {
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  db.pragma('wal_autocheckpoint = 0');
  let stopping = false;
  const worker = new Worker(WORKER_URL, { workerData: { file, intervalMs: CHECKPOINT_INTERVAL_MS, restartPages: WAL_RESTART_PAGES } });
  // A checkpointer must not keep the process alive.
  worker.unref();
  const fallBack = (err: unknown) => {
    if (stopping) return;
    stopping = true;
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
    onFailure(err);
  };
  worker.on('error', fallBack);
  worker.on('exit', (code) => fallBack(new Error(`the WAL checkpoint worker exited (${code})`)));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      // Held alive until the worker has closed its connection: otherwise a process with nothing else to do exits here.
      worker.ref();
      worker.postMessage('close');
      await exited;
    },
  };
}
