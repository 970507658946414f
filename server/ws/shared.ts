/**
 * The open sockets that came in through a share link, per map, so rotating
 * the map's links can close them at once (on the map document and on its
 * subdocs alike). Sockets that came in through the workspace are not here:
 * rotating links does not affect them.
 *
 * A token is checked against the store before its socket is accepted, so a
 * rotation can land in between; `admit` refuses a socket whose link version
 * is older than the last rotation seen here.
 */

export type CloseSocket = (code: number, reason: string) => void;

interface Entry {
  linkVersion: number;
  close: CloseSocket;
}

export class SharedSockets {
  private readonly open = new Map<string, Set<Entry>>();
  /** map id -> the link version of its last rotation in this process */
  private readonly current = new Map<string, number>();

  /** Sockets open by share link (all maps). */
  get size(): number {
    let n = 0;
    for (const set of this.open.values()) n += set.size;
    return n;
  }

  /**
   * Registers a socket admitted by a link at `linkVersion`. Returns the
   * function to call when it closes, or null if the map's links were
   * rotated after its token was checked (the caller closes it).
   */
  admit(mapId: string, linkVersion: number, close: CloseSocket): (() => void) | null {
    if (linkVersion < (this.current.get(mapId) ?? 0)) return null;
    const entry: Entry = { linkVersion, close };
    let set = this.open.get(mapId);
    if (!set) this.open.set(mapId, (set = new Set()));
    set.add(entry);
    return () => {
      set.delete(entry);
      if (set.size === 0 && this.open.get(mapId) === set) this.open.delete(mapId);
    };
  }

  /** The map's links are now at `linkVersion`: closes every socket admitted by an older link. Returns how many. */
  revoke(mapId: string, linkVersion: number, code: number, reason: string): number {
    this.current.set(mapId, Math.max(linkVersion, this.current.get(mapId) ?? 0));
    const set = this.open.get(mapId);
    if (!set) return 0;
    let closed = 0;
    for (const entry of [...set]) {
      if (entry.linkVersion >= linkVersion) continue;
      set.delete(entry);
      entry.close(code, reason);
      closed++;
    }
    if (set.size === 0) this.open.delete(mapId);
    return closed;
  }

  /** Maps with sockets open by share link here. */
  mapIds(): string[] {
    return [...this.open.keys()];
  }

  /** The map is gone: nothing to remember about it. */
  forget(mapId: string): void {
    this.current.delete(mapId);
  }
}
