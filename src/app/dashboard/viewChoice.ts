/** The dashboard's view of the maps, a list or the tree of journeys, remembered across visits in this browser. */
import { storedChoice } from '../../state/browserStorage';

export const DASHBOARD_VIEWS = ['list', 'tree'] as const;
export type DashboardView = (typeof DASHBOARD_VIEWS)[number];

const remembered = storedChoice<DashboardView>('journeyboard.dashboard.view', DASHBOARD_VIEWS, 'list');

export const savedView = (): DashboardView => remembered.read();
export const saveView = (view: DashboardView): void => remembered.write(view);
