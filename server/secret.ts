/**
 * The server secret that signs share links and session cookies:
 * JOURNEYBOARD_SECRET if set, else DATA_DIR/secret.key, 32 random bytes
 * (as 64 hex characters) generated on the first start and read on every
 * later one. Changing it revokes every share link and session at once.
 *
 * The file holds exactly the text used as the key, so it can be moved into
 * JOURNEYBOARD_SECRET (scale-out, containers) without changing any link.
 * The secret is never logged.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensureDataDir } from './dataDir';
import type { Logger } from './log';
import type { SecretStore } from './store/types';

export const SECRET_FILE = 'secret.key';
const MIN_SECRET_LENGTH = 32;

/** The key bytes of a secret given as text (env or file). */
const keyOf = (text: string): Buffer => Buffer.from(text, 'utf8');

function readSecretFile(file: string): Buffer {
  const text = fs.readFileSync(file, 'utf8').trim();
  // An empty or short file is a broken install, not a reason to silently
  // make a new secret (that would revoke every link people were sent).
  if (text.length < MIN_SECRET_LENGTH) throw new Error(`${file} holds no valid secret (fewer than ${MIN_SECRET_LENGTH} characters)`);
  return keyOf(text);
}

/**
 * Creates `file` with `text` only if it does not exist: written to a temp
 * file (mode 0600), flushed, then hard-linked into place, which fails if
 * another process won the race (it then reads theirs). Returns false if the
 * file was already there.
 */
function createExclusive(file: string, text: string): boolean {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // A filesystem without hard links: rename is still atomic (a concurrent first start could overwrite; rare).
    if (fs.existsSync(file)) return false;
    fs.renameSync(tmp, file);
    return true;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** The secret's key bytes. Throws (the server does not start) if DATA_DIR/secret.key exists but is unusable. */
export function loadSecret(config: { JOURNEYBOARD_SECRET?: string | undefined; DATA_DIR: string }, log: Logger): Buffer {
  if (config.JOURNEYBOARD_SECRET !== undefined) return keyOf(config.JOURNEYBOARD_SECRET);
  ensureDataDir(config.DATA_DIR, log);
  const file = path.join(config.DATA_DIR, SECRET_FILE);
  if (!fs.existsSync(file)) {
    if (createExclusive(file, newSecretText())) log.info('secret generated', { file });
  }
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
    log.warn('secret file is readable by other users: chmod 600 it', { file });
  }
  return readSecretFile(file);
}

/** A new secret, as the file and the store keep it. */
export const newSecretText = (): string => crypto.randomBytes(32).toString('hex');

/**
 * The secret of a cluster: JOURNEYBOARD_SECRET if set, else the one every
 * node shares through the store (the first node to start makes it; an
 * installation moved from SQLite brings its secret.key along, so its links
 * keep working).
 */
export async function clusterSecret(config: { JOURNEYBOARD_SECRET?: string | undefined }, store: SecretStore): Promise<Buffer> {
  if (config.JOURNEYBOARD_SECRET !== undefined) return keyOf(config.JOURNEYBOARD_SECRET);
  return keyOf(await store.sharedSecret(newSecretText()));
}

/**
 * A key for one purpose derived from the secret, so a value signed for one
 * purpose (a share token) can never pass as another (a session cookie).
 */
export function deriveKey(secret: Buffer, purpose: string): Buffer {
  return crypto.createHmac('sha256', secret).update(`journeyboard:${purpose}`).digest();
}
