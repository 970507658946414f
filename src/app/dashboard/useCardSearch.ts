/**
 * The dashboard's card search as it runs: the answer for the query the user
 * settled on (debounced by the caller), the request before it aborted, so an
 * older answer never replaces a newer one.
 */
import { useEffect, useState } from 'react';
import type { CardSearchQuery, CardSearchResult } from '../../model/cardSearch';
import { searchCardsApi } from '../api';

export type CardSearchState =
  | { status: 'idle' }
  | { status: 'loading'; request: CardSearchQuery }
  | { status: 'ready'; request: CardSearchQuery; result: CardSearchResult }
  | { status: 'error'; request: CardSearchQuery; error: string };

export function useCardSearch(q: string, kind: CardSearchQuery['kind']): CardSearchState {
  const [state, setState] = useState<CardSearchState>({ status: 'idle' });
  useEffect(() => {
    if (q === '') {
      setState({ status: 'idle' });
      return;
    }
    const request: CardSearchQuery = kind ? { q, kind } : { q };
    const controller = new AbortController();
    setState({ status: 'loading', request });
    searchCardsApi(request, controller.signal).then(
      (result) => setState({ status: 'ready', request, result }),
      (err: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', request, error: (err as Error).message });
      },
    );
    return () => controller.abort();
  }, [q, kind]);
  return state;
}
