/**
 * @mentions in comment text. A mention is recorded as {id, name} when a
 * person is picked in the composer, and shown as `@Name` in the text; a
 * mention whose `@Name` was typed away before sending is not kept, so "mentions
 * you" always points at something visible.
 */
import { MAX_MENTIONS, MAX_NAME_LENGTH, type Mention } from './schema';

/** The mentions that still appear in `text`, one per person, at most MAX_MENTIONS. */
export function mentionsIn(text: string, picked: readonly Mention[]): Mention[] {
  const seen = new Set<string>();
  const out: Mention[] = [];
  for (const m of picked) {
    const name = m.name.trim().slice(0, MAX_NAME_LENGTH);
    if (!name || seen.has(m.id) || !text.includes(`@${name}`)) continue;
    seen.add(m.id);
    out.push({ id: m.id, name });
    if (out.length === MAX_MENTIONS) break;
  }
  return out;
}

/**
 * The `@query` being typed just before the caret, or null. An `@` right after
 * a letter or digit is an e-mail address, not a mention; after CJK text it is
 * a mention (Chinese has no space before it).
 */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|[^A-Za-z0-9_.])@([^\s@]{0,30})$/u.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[1] ?? '';
  return { start: caret - query.length - 1, query };
}

export type TextPart = { text: string; mention?: undefined } | { text: string; mention: Mention };

/** Text split into plain runs and `@Name` runs, for highlighting. Longer names win ("@Ann Lee" over "@Ann"). */
export function splitMentions(text: string, mentions: readonly Mention[]): TextPart[] {
  if (mentions.length === 0) return [{ text }];
  const byName = new Map<string, Mention>();
  for (const m of mentions) if (!byName.has(m.name)) byName.set(m.name, m);
  const names = [...byName.keys()].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`@(${names.join('|')})`, 'g');
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push({ text: text.slice(last, match.index) });
    parts.push({ text: match[0], mention: byName.get(match[1]!)! });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
