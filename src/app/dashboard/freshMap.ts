/**
 * The map this tab just created (New map, Import) and opened: the dashboard
 * highlights it once on the way back, as it does a duplicate it made itself.
 * Session storage, so it survives the page change but not the tab.
 */
const STORAGE_KEY = 'journeyboard.dashboard.fresh';

export function rememberFreshMap(id: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, id);
  } catch {
    // storage refused: no highlight, nothing else lost
  }
}

/** The remembered id, forgotten as it is read (one highlight per creation). */
export function takeFreshMap(): string | null {
  try {
    const id = sessionStorage.getItem(STORAGE_KEY);
    sessionStorage.removeItem(STORAGE_KEY);
    return id;
  } catch {
    return null;
  }
}
