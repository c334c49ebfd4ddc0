// Island entry: the question page's sections as tabs on narrow screens.
import { sectionTabsIsland } from '../views/components/section-tabs.tsx';
import { mountIslands } from './lib/mount-islands.ts';

mountIslands(sectionTabsIsland);
