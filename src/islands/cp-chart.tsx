// Island entry: the CP chart (views/components/cp-chart.tsx), drawn with uPlot.
import { cpChartIsland } from '../views/components/cp-chart.tsx';
import { drawCpChart } from './lib/cp-plot.ts';
import { mountIslands } from './lib/mount-islands.ts';
import { pageServices } from './lib/page-services.ts';

mountIslands(cpChartIsland, { ...pageServices, drawChart: drawCpChart });
