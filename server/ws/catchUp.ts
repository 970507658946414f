/**
 * A client's edits that arrive before the server has what they build on.
 *
 * The stock provider sends its sync step 1 when it connects and every local
 * edit at once; what the server lacks (edits made offline, or sent into a
 * socket of a node that died) goes only in its sync step 2, which answers
 * the server's step 1. An edit made in between builds on that and would be
 * refused as having missing dependencies (4422), and the client would lose
 * it. So such an update, from a socket that has asked (step 1) and not yet
 * answered (step 2), waits for the answer and is checked again then; past a
 * bound, or from a socket that never asked, it is refused as before.
 */
import type { ClientMessage } from './protocol';

type Update = Extract<ClientMessage, { type: 'update' }>;

/** Most updates, and bytes, one socket may have waiting (a reconnect sends a handful). */
const MAX_HELD = 100;
const MAX_HELD_BYTES = 4 * 1024 * 1024;

export class CatchUp {
  private phase: 'connected' | 'asked' | 'answered' = 'connected';
  private readonly held: Update[] = [];
  private bytes = 0;

  /** The client sent its sync step 1. */
  asked(): void {
    if (this.phase === 'connected') this.phase = 'asked';
  }

  /** Keeps an update refused for missing dependencies until the client's step 2, if it may wait; false: refuse it. */
  hold(update: Update): boolean {
    if (this.phase !== 'asked' || update.step2) return false;
    if (this.held.length >= MAX_HELD || this.bytes + update.update.byteLength > MAX_HELD_BYTES) return false;
    this.held.push(update);
    this.bytes += update.update.byteLength;
    return true;
  }

  /** The client's sync step 2 is applied: the updates that waited, to apply now (in order). */
  answered(): Update[] {
    this.phase = 'answered';
    this.bytes = 0;
    return this.held.splice(0);
  }
}
