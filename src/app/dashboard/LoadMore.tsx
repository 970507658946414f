/**
 * The end of a list with more to come: a "Load more" button that presses
 * itself when it scrolls near the viewport (IntersectionObserver), so
 * scrolling just continues, while keyboard and screen-reader users (and
 * browsers without the observer) have a real control. After a failure it
 * waits to be pressed, rather than retrying in a loop.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from '../../i18n/useTranslation';

interface Props {
  loading: boolean;
  /** why the last attempt failed, or null */
  error: string | null;
  onLoad(): void;
}

/** How far below the viewport the next page is asked for: it is there by the time the user scrolls to it. */
const AHEAD = '0px 0px 1200px 0px';

export function LoadMore({ loading, error, onLoad }: Props) {
  const { t } = useTranslation();
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const el = button.current;
    if (!el || loading || error !== null || typeof IntersectionObserver === 'undefined') return;
    // Observed anew after every page: the first report says whether the end is still
    // near (a tall window, a short page), so pages keep coming until it is not.
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onLoad(), { rootMargin: AHEAD });
    observer.observe(el);
    return () => observer.disconnect();
  }, [loading, error, onLoad]);

  return (
    <div className="load-more">
      {error !== null && (
        <p className="error" role="alert">
          {t('dashboard.loadMoreError', { message: error })}
        </p>
      )}
      {/* Not `disabled` while loading: a disabled button drops the keyboard focus. onLoad ignores repeats. */}
      <button ref={button} type="button" data-testid="load-more" aria-disabled={loading} aria-busy={loading} onClick={onLoad}>
        {loading ? t('dashboard.loadingMore') : error !== null ? t('dashboard.retryLoadMore') : t('dashboard.loadMore')}
      </button>
    </div>
  );
}
