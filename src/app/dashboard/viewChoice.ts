/** The dashboard's view of the maps, a list or the tree of journeys, remembered across visits in this browser. */
import { isOneOf } from '../../model/choices';

export const DASHBOARD_VIEWS = ['list', 'tree'] as const;
export type DashboardView = (typeof DASHBOARD_VIEWS)[number];

const STORAGE_KEY = 'journeyboard.dashboard.view';

export function savedView(): DashboardView {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    return isOneOf(DASHBOARD_VIEWS, saved) ? saved : 'list';
  } catch {
    return 'list';
  }
}

export function saveView(view: DashboardView): void {
  try {
    localStorage.setItem(STORAGE_KEY, view);
  } catch {
    // private mode: the choice lasts for this page only
  }
}
