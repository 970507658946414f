/**
 * Whether a Yjs update can be applied whole, before it is applied.
 *
 * Yjs keeps the structs of an update whose dependencies it has not seen
 * ("pending structs") and the deletions of content it does not have yet
 * (a "pending delete set") on the side, retries them on every later update,
 * and writes them into every full state it encodes. On a server that means
 * one socket sending updates without the earlier ones they build on slows
 * every later edit for everyone and bloats what every joining client
 * downloads and what is stored, for good. So the room refuses such an
 * update whole, and this module decides, without touching the document, by
 * replaying Yjs's own integration order (`integrateStructs` and
 * `readAndApplyDeleteSet` in yjs 13.6) on the update's ids alone.
 */
import * as Y from 'yjs';

export type MissingDependency =
  /** structs whose earlier clocks or whose origins, right origins or parents the document does not have */
  | 'structs'
  /** deletions of content the document does not have */
  | 'deletes';

interface ClientRefs {
  i: number;
  refs: (Y.Item | Y.GC | InstanceType<typeof Y.Skip>)[];
}

/**
 * The client whose struct `item` needs and the document lacks, as Yjs's
 * Item.getMissing decides it (references to the item's own client are
 * covered by the clock order), or null.
 */
function missingClient(item: Y.Item | Y.GC, stateOf: (client: number) => number): number | null {
  if (!(item instanceof Y.Item)) return null;
  const own = item.id.client;
  const refs = [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null];
  for (const ref of refs) if (ref && ref.client !== own && ref.clock >= stateOf(ref.client)) return ref.client;
  return null;
}

/** An update decoded once for every check the room makes before applying it. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * What applying the update to `doc` would leave pending, or null if it
 * would integrate completely.
 *
 * Exact for every update Yjs itself writes. A hand-made update that repeats
 * one client's block back to back (Yjs keeps only the last, this reads them
 * as one) can still leave something pending: the room checks the document
 * after applying as well and drops it (see Room.dropPending).
 */
export function missingDependencies(doc: Y.Doc, { structs, ds }: DecodedUpdate): MissingDependency | null {
  // Grouped per client in the order Yjs reads them; a client's later block replaces an earlier one, as in Yjs.
  const byClient = new Map<number, ClientRefs>();
  let current: ClientRefs | null = null;
  let currentClient = -1;
  let expectedClock = -1;
  for (const struct of structs) {
    const { client, clock } = struct.id;
    if (current === null || client !== currentClient || clock !== expectedClock) {
      current = { i: 0, refs: [] };
      byClient.set(client, current);
      currentClient = client;
    }
    current.refs.push(struct);
    expectedClock = clock + struct.length;
  }

  const simulated = new Map<number, number>();
  const stateOf = (client: number) => simulated.get(client) ?? Y.getState(doc.store, client);
  let pending = false;

  let clientIds = [...byClient.keys()].sort((a, b) => a - b);
  const nextTarget = (): ClientRefs | null => {
    while (clientIds.length > 0) {
      const target = byClient.get(clientIds[clientIds.length - 1]!)!;
      if (target.i < target.refs.length) return target;
      clientIds.pop();
    }
    return null;
  };
  let target = nextTarget();
  if (target !== null) {
    const stack: (Y.Item | Y.GC)[] = [];
    /** Yjs moves everything on the stack, and the rest of those clients' structs, to the pending structs. */
    const giveUp = () => {
      pending = true;
      for (const item of stack) {
        const refs = byClient.get(item.id.client);
        if (refs) {
          refs.i = refs.refs.length;
          byClient.delete(item.id.client);
        }
        clientIds = clientIds.filter((c) => c !== item.id.client);
      }
      stack.length = 0;
    };
    let head = target.refs[target.i++]!;
    for (;;) {
      if (!(head instanceof Y.Skip)) {
        const offset = stateOf(head.id.client) - head.id.clock;
        if (offset < 0) {
          stack.push(head);
          giveUp();
        } else {
          const missing = missingClient(head, stateOf);
          if (missing !== null) {
            stack.push(head);
            const refs = byClient.get(missing);
            if (!refs || refs.i === refs.refs.length) {
              giveUp();
            } else {
              head = refs.refs[refs.i++]!;
              continue;
            }
          } else if (offset === 0 || offset < head.length) {
            simulated.set(head.id.client, head.id.clock + head.length);
          }
        }
      }
      if (stack.length > 0) {
        head = stack.pop()!;
      } else if (target !== null && target.i < target.refs.length) {
        head = target.refs[target.i++]!;
      } else {
        target = nextTarget();
        if (target === null) break;
        head = target.refs[target.i++]!;
      }
    }
  }
  if (pending) return 'structs';

  for (const [client, deletions] of ds.clients) {
    const state = stateOf(client);
    // Yjs keeps a deletion starting at or beyond what it has, even an empty one, as pending.
    for (const { clock, len } of deletions) if (clock >= state || clock + len > state) return 'deletes';
  }
  return null;
}
