/**
 * Who this browser is, kept in localStorage so a reload keeps it:
 * - its participant id: whose dot votes are whose (shown to others, under the
 *   name given in the top bar);
 * - its presence key: a secret sent when it connects to a map, so the server
 *   keeps this browser's presence (cursor, name, selection) its own across a
 *   dropped connection and nobody else can take it over meanwhile. Unlike
 *   the participant id it is never shown to anyone.
 */
import { nanoid } from 'nanoid';
import { readStored, writeStored } from '../state/browserStorage';

const cache = new Map<string, string>();

/** A random id kept under `key` (a new one if there is none or it does not match `valid`). */
function storedRandomId(key: string, valid: RegExp, length: number): string {
  let id = cache.get(key) ?? readStored(key);
  if (!id || !valid.test(id)) {
    id = nanoid(length);
    writeStored(key, id); // storage blocked: it lasts as long as the tab (the cache)
  }
  cache.set(key, id);
  return id;
}

export const participantId = (): string => storedRandomId('journeyboard.participant', /^[A-Za-z0-9_-]{1,64}$/, 21);

export const presenceKey = (): string => storedRandomId('journeyboard.presenceKey', /^[A-Za-z0-9_-]{32,128}$/, 32);
