/**
 * Who may speak for which awareness client id on one document.
 *
 * An id belongs to the participant whose socket first set it, not to
 * whichever socket speaks first. A participant is the secret `presenceKey`
 * a client sends when it connects (our app keeps one per browser); its
 * claims outlive the socket for `reclaimMs`, so when a connection drops,
 * the same participant reconnecting gets its presence back and nobody else
 * can take it over meanwhile. A socket without a key is a participant of
 * its own, whose claims end with it (stock y-websocket clients: as before).
 */

/** The identity a claim is held by: a key's hash, or a socket of its own. */
export type Participant = string | symbol;

interface Claim {
  participant: Participant;
  /** the open socket that holds it; null while its participant is away */
  holder: object | null;
  /** when its holder left (while away) */
  awaySince: number;
}

export class PresenceClaims<Peer extends object> {
  private readonly claims = new Map<number, Claim>();
  private readonly held = new Map<Peer, Set<number>>();

  constructor(
    /** how long a participant's ids stay theirs after their socket closes */
    private readonly reclaimMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The ids `peer` holds now. */
  heldBy(peer: Peer): ReadonlySet<number> {
    return this.held.get(peer) ?? new Set();
  }

  private current(id: number): Claim | undefined {
    const claim = this.claims.get(id);
    if (claim && claim.holder === null && this.now() - claim.awaySince >= this.reclaimMs) {
      this.claims.delete(id);
      return undefined;
    }
    return claim;
  }

  /** Of `ids`, those held by another participant (or by another open socket of a keyless one). */
  foreign(peer: Peer, participant: Participant, ids: readonly number[]): number[] {
    return ids.filter((id) => {
      const claim = this.current(id);
      if (claim === undefined || claim.holder === peer) return false;
      // A keyless socket's participant is a symbol of its own: nobody else matches it.
      return claim.participant !== participant;
    });
  }

  /** Of `ids`, those `peer` does not hold yet. */
  fresh(peer: Peer, ids: readonly number[]): number[] {
    const held = this.heldBy(peer);
    return [...new Set(ids)].filter((id) => !held.has(id));
  }

  /** `peer` holds `ids` from now on (after `foreign` found none held by others). */
  claim(peer: Peer, participant: Participant, ids: readonly number[]): void {
    let held = this.held.get(peer);
    if (!held) this.held.set(peer, (held = new Set()));
    for (const id of ids) {
      const previous = this.claims.get(id)?.holder;
      if (previous && previous !== peer) this.held.get(previous as Peer)?.delete(id);
      this.claims.set(id, { participant, holder: peer, awaySince: 0 });
      held.add(id);
    }
  }

  /**
   * `peer` has left: resolves with the ids whose presence goes with it.
   * A keyed participant keeps them for `reclaimMs`; a keyless socket's claims end.
   */
  release(peer: Peer): number[] {
    const held = [...(this.held.get(peer) ?? [])];
    this.held.delete(peer);
    const now = this.now();
    for (const id of held) {
      const claim = this.claims.get(id)!;
      if (typeof claim.participant === 'symbol') this.claims.delete(id);
      else Object.assign(claim, { holder: null, awaySince: now });
    }
    this.prune();
    return held;
  }

  /** `holder` no longer holds these ids (their entries are gone): they are free at once. */
  releaseIds(holder: Peer, ids: readonly number[]): void {
    const held = this.held.get(holder);
    for (const id of ids) {
      if (this.claims.get(id)?.holder !== holder) continue;
      this.claims.delete(id);
      held?.delete(id);
    }
  }

  private prune(): void {
    for (const id of [...this.claims.keys()]) this.current(id);
  }

  clear(): void {
    this.claims.clear();
    this.held.clear();
  }
}
