/**
 * The journey portfolio: every map as a tree, sub-journeys nested under each
 * map that links to them (GET /api/journeys, one answer with every title and
 * link; laid out by journeyForest). A map linked from two maps shows under
 * both; a link back to a map already above is shown, not followed, so a
 * cycle ends there. Nodes open lazily and roots come a page at a time, so
 * 2,000 maps cost what is on screen.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { journeyForest, type JourneyForest } from '../../model/journeys/tree';
import { titleMatcher } from '../../model/search';
import { ChevronDown, ChevronRight, Icon } from '../../icons';
import { getJourneyGraph } from '../journeys/api';
import { mapPath, navigate } from '../router';

const ROOTS_PAGE = 200;
/** Levels open at first: the maps and their direct sub-journeys. */
const OPEN_DEPTH = 1;

type Load = { state: 'loading' } | { state: 'ready'; forest: JourneyForest } | { state: 'error'; message: string };

function useForest(): Load {
  const { language } = useTranslation();
  const [graph, setGraph] = useState<Awaited<ReturnType<typeof getJourneyGraph>> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    getJourneyGraph(controller.signal)
      .then(setGraph)
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(err instanceof Error ? err.message : String(err));
      });
    return () => controller.abort();
  }, []);
  const forest = useMemo(() => {
    if (!graph) return null;
    const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
    return journeyForest(graph, collator.compare);
  }, [graph, language]);
  if (error !== null) return { state: 'error', message: error };
  return forest ? { state: 'ready', forest } : { state: 'loading' };
}

function MapLink({ id, title }: { id: string; title: string }) {
  const { t } = useTranslation();
  return (
    <a
      className="journey-title"
      href={mapPath(id)}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(mapPath(id));
      }}
    >
      {title || t('journeys.untitled')}
    </a>
  );
}

function JourneyNode({ forest, id, ancestors }: { forest: JourneyForest; id: string; ancestors: readonly string[] }) {
  const { t } = useTranslation();
  const title = forest.titles.get(id) ?? '';
  const children = forest.children.get(id) ?? [];
  const [open, setOpen] = useState(ancestors.length < OPEN_DEPTH);
  if (ancestors.includes(id)) {
    // A cycle: shown where it closes, never expanded again.
    return (
      <li className="journey-node is-cycle" data-testid="journey-node" data-map-id={id}>
        <MapLink id={id} title={title} /> <span className="muted">{t('dashboard.tree.linksBack')}</span>
      </li>
    );
  }
  const path = [...ancestors, id];
  return (
    <li className="journey-node" data-testid="journey-node" data-map-id={id}>
      {children.length > 0 ? (
        <button
          type="button"
          className="journey-toggle"
          aria-expanded={open}
          aria-label={t(open ? 'dashboard.tree.collapse' : 'dashboard.tree.expand', { title: title || t('journeys.untitled') })}
          onClick={() => setOpen(!open)}
        >
          <Icon icon={open ? ChevronDown : ChevronRight} />
        </button>
      ) : (
        <span className="journey-toggle" aria-hidden="true" />
      )}
      <MapLink id={id} title={title} />
      {children.length > 0 && <span className="muted journey-count"> {t('dashboard.tree.subJourneys', { count: children.length })}</span>}
      {open && children.length > 0 && (
        <ul className="journey-children">
          {children.map((child) => (
            <JourneyNode key={child} forest={forest} id={child} ancestors={path} />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * `query` (the dashboard's title search): the maps whose title matches, each
 * with its sub-journeys, instead of the whole forest.
 */
export function JourneyTree({ query }: { query: string }) {
  const { t } = useTranslation();
  const load = useForest();
  const [shown, setShown] = useState(ROOTS_PAGE);
  const roots = useMemo(() => {
    if (load.state !== 'ready') return [];
    const { forest } = load;
    if (query.trim() === '') return forest.roots;
    const matches = titleMatcher(query);
    return [...forest.titles.keys()]
      .filter((id) => matches(forest.titles.get(id) ?? ''))
      .sort((a, b) => forest.order.get(a)! - forest.order.get(b)!);
  }, [load, query]);
  if (load.state === 'loading') return <p className="muted">{t('dashboard.tree.loading')}</p>;
  if (load.state === 'error') {
    return (
      <p className="error" role="alert">
        {t('dashboard.tree.error', { message: load.message })}
      </p>
    );
  }
  const { forest } = load;
  if (roots.length === 0) {
    return <p className="muted empty">{query.trim() ? t('dashboard.noMatches', { query: query.trim() }) : t('dashboard.empty')}</p>;
  }
  return (
    <>
      <ul className="journey-tree" data-testid="journey-tree" aria-label={t('dashboard.tree.label')}>
        {roots.slice(0, shown).map((id) => (
          <JourneyNode key={id} forest={forest} id={id} ancestors={[]} />
        ))}
      </ul>
      {roots.length > shown && (
        <button type="button" onClick={() => setShown(shown + ROOTS_PAGE)}>
          {t('dashboard.tree.more', { count: roots.length - shown })}
        </button>
      )}
    </>
  );
}
