/** The dashboard's sort choice (the server does the sorting), remembered across visits in this browser. */
import { MAP_SORTS, type MapSort } from '../../model/schema';

export const isMapSort = (value: unknown): value is MapSort => MAP_SORTS.includes(value as MapSort);

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
