// Island entry: forecast panels (views/components/forecast/forecast-panel.tsx).
import { forecastPanelIsland } from '../views/components/forecast/forecast-panel.tsx';
import { mountIslands } from './lib/mount-islands.ts';
import { pageServices } from './lib/page-services.ts';

mountIslands(forecastPanelIsland, pageServices);
