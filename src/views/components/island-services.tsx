// What islands get from the browser side (src/islands/lib) through a Preact context: the live
// CP stream shared by every island of a page, an in-page channel for the viewer's own forecasts,
// and the chart library. Views may not import islands/, so they name the interfaces here and
// each island entry provides the implementations (mountIslands(definition, services)). On the
// server the context is empty: effects never run there.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CpChartModel } from '../../domain/view-models/question-page.ts';

// Island code may import views/components but not domain/: the chart's model type is passed on.
export type { CpChartModel };

/** An SSE `cp` event (http/plugins/live-updates.ts): `entry` is null while hidden. */
export interface LiveCpEvent {
  question_id: number;
  seq: number;
  hidden: boolean;
  entry: Record<string, unknown> | null;
}

/** The viewer's own forecast changed on this page (saved, reaffirmed or withdrawn). */
export interface OwnForecastEvent {
  questionId: number;
  /** Unix seconds. */
  time: number;
  /** The values now standing (chart columns of the viewer's line), null when withdrawn. */
  columns: Array<number | null> | null;
  /** The CP entry the API answered with, when visible. */
  entry: Record<string, unknown> | null;
}

/** How the chart writes a y value and an instant (views/format, passed in by the component). */
export interface ChartFormat {
  value(value: number): string;
  /** An axis tick (probabilities as whole percentages). */
  tick(value: number): string;
  time(seconds: number): string;
}

export interface ChartHandle {
  /** Appends or replaces the point at the end of the CP series. */
  update(model: CpChartModel): void;
  /** Shows [from, to] (unix seconds) on the time axis. */
  zoom(from: number, to: number): void;
  destroy(): void;
}

/** One calibration bin as the chart draws it (null values: an empty bin). */
export interface CalibrationPoint {
  binLower: number;
  binUpper: number;
  count: number;
  meanForecast: number | null;
  observedFrequency: number | null;
  wilsonLower: number | null;
  wilsonUpper: number | null;
}

export interface IslandServices {
  watchCp(questionId: number, listener: (event: LiveCpEvent) => void): () => void;
  publishOwnForecast(event: OwnForecastEvent): void;
  watchOwnForecast(questionId: number, listener: (event: OwnForecastEvent) => void): () => void;
  /** Present for the chart island only (it bundles uPlot). */
  drawChart?(element: HTMLElement, model: CpChartModel, format: ChartFormat): ChartHandle;
  /** Present for the calibration chart island only (it bundles uPlot). */
  drawCalibration?(element: HTMLElement, bins: CalibrationPoint[]): { destroy(): void };
}

export const IslandServicesContext = createContext<IslandServices | null>(null);

/** The services, or null on the server (and in islands mounted without them). */
export function useIslandServices(): IslandServices | null {
  return useContext(IslandServicesContext);
}
