/** The dashboard's sort choice (the server does the sorting), remembered across visits in this browser. */
import { MAP_SORTS } from '../../model/choices';
import type { MapSort } from '../../model/schema';
import { storedChoice } from '../../state/browserStorage';

const remembered = storedChoice<MapSort>('journeyboard.dashboard.sort', MAP_SORTS, 'edited');

export const savedSort = (): MapSort => remembered.read();
export const saveSort = (sort: MapSort): void => remembered.write(sort);
