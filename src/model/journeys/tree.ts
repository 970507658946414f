/**
 * The dashboard's tree of journeys (the journey portfolio), from the link
 * graph (GET /api/journeys): a map sits under every map that links to it, so
 * a sub-journey with two parents shows under each. Pure, so it is tested
 * without a browser; the view expands nodes lazily, so a large or tangled
 * graph costs only what is opened.
 */
import type { JourneyGraph } from './wire';

export interface JourneyForest {
  /** maps no other map links to, then one map of each group that only links among itself (a cycle), in title order */
  roots: string[];
  /** map id -> the maps it links to, in title order */
  children: ReadonlyMap<string, readonly string[]>;
  titles: ReadonlyMap<string, string>;
  /** map id -> its place in title order */
  order: ReadonlyMap<string, number>;
}

export function journeyForest(graph: JourneyGraph, compareTitles: (a: string, b: string) => number): JourneyForest {
  const titles = new Map(graph.maps.map((m) => [m.id, m.title]));
  const byTitle = (a: string, b: string) => compareTitles(titles.get(a) ?? '', titles.get(b) ?? '') || (a < b ? -1 : a > b ? 1 : 0);
  const children = new Map<string, string[]>();
  const linkedTo = new Set<string>();
  for (const [from, to] of graph.links) {
    // A map linking to itself is not its own sub-journey; links to maps the graph does not list are dropped.
    if (from === to || !titles.has(from) || !titles.has(to)) continue;
    const list = children.get(from) ?? [];
    if (!list.includes(to)) list.push(to);
    children.set(from, list);
    linkedTo.add(to);
  }
  for (const list of children.values()) list.sort(byTitle);
  const ordered = [...titles.keys()].sort(byTitle);
  const roots = ordered.filter((id) => !linkedTo.has(id));
  // Maps reachable only through a cycle would appear nowhere: the first of each such group becomes a root.
  const reached = new Set<string>();
  const reach = (start: string) => {
    const stack = [start];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (reached.has(id)) continue;
      reached.add(id);
      stack.push(...(children.get(id) ?? []));
    }
  };
  roots.forEach(reach);
  for (const id of ordered) {
    if (reached.has(id)) continue;
    roots.push(id);
    reach(id);
  }
  return { roots, children, titles, order: new Map(ordered.map((id, i) => [id, i])) };
}
