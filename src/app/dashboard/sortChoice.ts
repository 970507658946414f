/** The dashboard's sort choice (the server does the sorting), remembered across visits in this browser. */
import { isOneOf, MAP_SORTS } from '../../model/choices';
import type { MapSort } from '../../model/schema';

export const isMapSort = (value: unknown): value is MapSort => isOneOf(MAP_SORTS, value);

const STORAGE_KEY = 'journeyboard.dashboard.sort';

export function savedSort(): MapSort {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isMapSort(saved) ? saved : 'edited';
  } catch {
    return 'edited';
  }
}

export function saveSort(sort: MapSort): void {
  try {
    localStorage.setItem(STORAGE_KEY, sort);
  } catch {
    // private mode: the choice lasts for this page only
  }
}
