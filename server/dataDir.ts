/**
 * DATA_DIR holds the database and the secret: only the server's own user
 * may read it. A directory the server creates is 0700 and every file in it
 * 0600; an existing directory that others can read is not changed (it may
 * be a mount point an operator set up) but named in a warning.
 */
import fs from 'node:fs';
import type { Logger } from './log';

const POSIX = process.platform !== 'win32';

/** Creates `dir` (0700) if it is missing; warns once if an existing one is open to other users. */
export function ensureDataDir(dir: string, log?: Logger): void {
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return;
  }
  if (POSIX && log && (fs.statSync(dir).mode & 0o077) !== 0) {
    log.warn('DATA_DIR can be read by other users of this machine: chmod 700 it', { dataDir: dir });
  }
}

/**
 * Makes `file` (created empty if missing) and the files SQLite keeps beside
 * it (`-wal`, `-shm`, which it creates with the database's own mode) 0600.
 */
export function makePrivate(file: string): void {
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
  if (!POSIX) return;
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      if ((fs.statSync(f).mode & 0o077) !== 0) fs.chmodSync(f, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}
