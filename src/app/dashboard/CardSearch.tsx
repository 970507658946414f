/**
 * "Search cards in all maps": a search box and a lane-kind filter on the
 * dashboard, and the cards found, grouped by map, each with its text (the
 * match highlighted), its lane and stage. A result opens its map with the
 * card selected and focused (cardLink.ts). The count is announced to screen
 * readers once an answer arrives, not while typing.
 */
import { useState, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from '../../i18n/useTranslation';
import { LANE_KINDS } from '../../model/choices';
import { MAX_SEARCH_CARDS, matchRanges, type CardSearchMap, type LaneKindName, type SearchCard } from '../../model/cardSearch';
import { cardPath } from '../cardLink';
import { navigate } from '../router';
import { useCardSearch } from './useCardSearch';
import { useDebouncedValue } from './useDebouncedValue';
import { DashboardSelect } from './DashboardSelect';

/** Typing pauses shorter than this do not each cost a search of every map. */
const CARD_SEARCH_DEBOUNCE_MS = 250;

/** The text with every occurrence of the query marked. */
function Highlighted({ text, query }: { text: string; query: string }) {
  const ranges = matchRanges(text, query);
  if (!ranges || ranges.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/** In-app navigation, unless the user asked for a new tab or window. */
function openIn(e: MouseEvent, path: string) {
  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  navigate(path);
}

function ResultCard({ mapId, card, query }: { mapId: string; card: SearchCard; query: string }) {
  const { t } = useTranslation();
  const path = cardPath(mapId, card.id);
  const whereId = `card-search-where-${mapId}-${card.id}`;
  return (
    <li className="card-search-card" data-testid="card-result" data-card-id={card.id}>
      <span className={`card-search-kind kind-${card.kind}`}>{t(`laneKinds.${card.kind}`)}</span>
      <a href={path} className="card-search-text" aria-describedby={whereId} onClick={(e) => openIn(e, path)}>
        <Highlighted text={card.text} query={query} />
      </a>
      <span id={whereId} className="card-search-where muted">
        {t('dashboard.cardSearch.where', {
          stage: card.stage || t('dashboard.cardSearch.unnamed'),
          lane: card.lane || t(`laneKinds.${card.kind}`),
        })}
      </span>
    </li>
  );
}

function ResultMap({ map, query }: { map: CardSearchMap; query: string }) {
  const { t } = useTranslation();
  return (
    <li className="card-search-map" data-testid="card-result-map" data-map-id={map.id}>
      <h3>
        {map.title || t('dashboard.cardSearch.untitled')}{' '}
        <span className="muted">{t('dashboard.cardSearch.cards', { count: map.cards.length })}</span>
      </h3>
      <ul>
        {map.cards.map((card) => (
          <ResultCard key={card.id} mapId={map.id} card={card} query={query} />
        ))}
      </ul>
    </li>
  );
}

export function CardSearch() {
  const { t } = useTranslation();
  // What the box shows, and the query applied: a Chinese IME's composition (pinyin letters) is not searched for.
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<LaneKindName | ''>('');
  const q = useDebouncedValue(query.trim(), CARD_SEARCH_DEBOUNCE_MS);
  const search = useCardSearch(q, kind || undefined);
  const clear = () => {
    setText('');
    setQuery('');
  };

  // Only answers go into the live region: "Searching…" on every pause in typing would be noise.
  let status = '';
  if (search.status === 'error') status = t('dashboard.cardSearch.error', { message: search.error });
  else if (search.status === 'ready') {
    const { result, request } = search;
    if (result.cards === 0) {
      status = request.kind
        ? t('dashboard.cardSearch.noneOfKind', { query: request.q, kind: t(`laneKinds.${request.kind}`) })
        : t('dashboard.cardSearch.none', { query: request.q });
    } else {
      status = t('dashboard.cardSearch.found', {
        cards: t('dashboard.cardSearch.cards', { count: result.cards }),
        maps: t('dashboard.cardSearch.maps', { count: result.maps.length }),
      });
    }
  }

  return (
    <section className="card-search" aria-labelledby="card-search-heading">
      <h2 id="card-search-heading" className="visually-hidden">
        {t('dashboard.cardSearch.label')}
      </h2>
      <div className="card-search-tools" role="search">
        <input
          type="search"
          className="dashboard-search"
          data-testid="card-search"
          aria-label={t('dashboard.cardSearch.label')}
          aria-describedby="card-search-status"
          placeholder={t('dashboard.cardSearch.placeholder')}
          value={text}
          maxLength={200}
          onChange={(e) => {
            setText(e.target.value);
            if (!(e.nativeEvent as InputEvent).isComposing) setQuery(e.target.value);
          }}
          onCompositionEnd={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !e.nativeEvent.isComposing) clear();
          }}
        />
        <DashboardSelect
          label={t('dashboard.cardSearch.kind')}
          testId="card-search-kind"
          value={kind}
          options={LANE_KINDS}
          optionLabel={(k) => t(`laneKinds.${k}`)}
          allLabel={t('dashboard.cardSearch.allKinds')}
          onChange={setKind}
        />
        <span id="card-search-status" className="muted" role="status" data-testid="card-search-status">
          {status}
        </span>
        {search.status === 'loading' && (
          <span className="muted" aria-hidden="true">
            {t('dashboard.cardSearch.searching')}
          </span>
        )}
      </div>
      {search.status === 'ready' && search.result.capped && (
        <p className="muted" data-testid="card-search-capped">
          {t('dashboard.cardSearch.capped', { count: MAX_SEARCH_CARDS })}
        </p>
      )}
      {search.status === 'ready' && search.result.unindexed > 0 && (
        <p className="muted">{t('dashboard.cardSearch.unindexed', { count: search.result.unindexed })}</p>
      )}
      {search.status === 'ready' && search.result.maps.length > 0 && (
        <ul className="card-search-results" data-testid="card-results" aria-label={t('dashboard.cardSearch.results')}>
          {search.result.maps.map((map) => (
            <ResultMap key={map.id} map={map} query={search.request.q} />
          ))}
        </ul>
      )}
    </section>
  );
}
