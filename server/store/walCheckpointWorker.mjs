/**
 * The worker thread of walCheckpoints.ts: its own connection to the database,
 * copying the WAL into the database file every `intervalMs`.
 *
 * A PASSIVE checkpoint never waits for, nor blocks, the server's writes; but
 * under writes that never pause it may never catch up with the end of the
 * WAL, and SQLite only starts the WAL over once it has. So when the WAL has
 * grown past `restartPages` the worker asks for a RESTART checkpoint, which
 * waits for the server's current transaction, holds its next ones for the
 * moment the copy takes, and lets the next commit start the WAL over: a rare,
 * bounded pause instead of a WAL that grows without end.
 *
 * Plain JavaScript: it needs no TypeScript loader, so it starts in milliseconds.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, intervalMs, restartPages } = workerData;
const db = new Database(file, { fileMustExist: true });

const checkpoint = () => {
  try {
    // The server's connection may hold the write lock for a moment: a passive checkpoint then does what it can.
    db.pragma('busy_timeout = 0');
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
    if (log < restartPages) return;
    db.pragma('busy_timeout = 1000');
    db.pragma('wal_checkpoint(RESTART)');
  } catch (err) {
    // SQLITE_BUSY and the like pass with the next round; anything else is the parent's to report.
    if (err?.code !== 'SQLITE_BUSY' && err?.code !== 'SQLITE_LOCKED') throw err;
  }
};
const timer = setInterval(checkpoint, intervalMs);

parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
