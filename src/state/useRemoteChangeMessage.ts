/**
 * The latest sentence about what others changed on the open map (for a
 * polite live region): the map's Y.Doc transactions that came from elsewhere
 * (not this tab's own, `tr.local`), attributed through presence (a Yjs client
 * id is the awareness id of the person whose edits it carries) and paced by
 * remoteChanges.ts. Mounted once the map is loaded, so the first sync is not
 * "news".
 */
import { useEffect, useState } from 'react';
import type { Doc, Transaction } from 'yjs';
import { collection } from '../model/doc';
import { timerMap } from '../model/timer';
import { useTranslation } from '../i18n/useTranslation';
import { usePresence } from '../sync/presence';
import { useOpenMap } from './mapContext';
import { createAnnouncer, type Announcement, type RemoteChange } from './remoteChanges';

/** A shared type a transaction changed. */
type Changed = Transaction['changed'] extends Map<infer T, unknown> ? T : never;

/** The id of the card a changed type belongs to, or null when it is not inside a card. */
function cardOf(type: Changed, cards: unknown): string | null {
  let t: Changed | null = type;
  while (t && t._item) {
    if (t.parent === cards) return t._item.parentSub;
    t = t.parent as Changed | null;
  }
  return null;
}

/** Who made a remote transaction: the people present whose Yjs clients wrote in it (a deletion writes nothing new: then the only other person present, if there is one). */
function authorOf(doc: Doc, tr: Transaction): string | null {
  const { peers, me } = usePresence.getState();
  const writers = [...tr.afterState].filter(([client, clock]) => client !== doc.clientID && clock > (tr.beforeState.get(client) ?? 0));
  const named = writers.map(([client]) => peers.find((p) => p.clientId === client)?.user.name).filter((n): n is string => !!n);
  if (named.length > 0) return named[0]!;
  const others = new Set(peers.filter((p) => p.user.id !== me.id).map((p) => p.user.name));
  return others.size === 1 ? [...others][0]! : null;
}

/** What a transaction from elsewhere changed (null for this tab's own); the doc's cards map must be typed before it arrives (collection()). */
export function describeTransaction(doc: Doc, tr: Transaction): RemoteChange | null {
  if (tr.local || tr.changed.size === 0) return null;
  const cards = collection(doc, 'cards');
  const added = new Set<string>();
  const deleted = new Set<string>();
  const edited = new Set<string>();
  let other = false;
  // The timer speaks for itself (the top bar's display and its own announcement of the end).
  const timer = timerMap(doc);
  for (const [type, keys] of tr.changed) {
    if ((type as unknown) === timer) continue;
    if ((type as unknown) === cards) {
      for (const key of keys) if (key !== null) (cards.has(key) ? added : deleted).add(key);
      continue;
    }
    const card = cardOf(type, cards);
    if (card !== null) edited.add(card);
    else other = true;
  }
  if (!other && added.size + edited.size + deleted.size === 0) return null;
  return { author: authorOf(doc, tr), added: [...added], edited: [...edited], deleted: [...deleted], other };
}

/** The latest announcement (null until there is one); a repeated sentence comes as a new one (its own seq). */
export function useRemoteChangeMessage(): Announcement | null {
  const { doc } = useOpenMap();
  const { t } = useTranslation();
  const [message, setMessage] = useState<Announcement | null>(null);
  useEffect(() => {
    const batcher = createAnnouncer(t, setMessage);
    const onTransaction = (tr: Transaction) => {
      const change = describeTransaction(doc, tr);
      if (change) batcher.add(change);
    };
    // Typed now: a root type first seen in a remote update would be a placeholder that getMap later replaces.
    collection(doc, 'cards');
    timerMap(doc);
    doc.on('afterTransaction', onTransaction);
    return () => {
      doc.off('afterTransaction', onTransaction);
      batcher.dispose();
    };
  }, [doc, t]);
  return message;
}
