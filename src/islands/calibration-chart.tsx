// Island entry: the calibration chart (views/components/calibration-chart.tsx), drawn with uPlot.
import { calibrationChartIsland } from '../views/components/calibration-chart.tsx';
import { drawCalibration } from './lib/calibration-plot.ts';
import { mountIslands } from './lib/mount-islands.ts';
import { pageServices } from './lib/page-services.ts';

mountIslands(calibrationChartIsland, { ...pageServices, drawCalibration });
