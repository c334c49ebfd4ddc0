// The CP chart island: the community prediction over time (uPlot, drawn by the island entry's
// services), the viewer's own forecasts, zoom (1W, 1M, All) and tooltips; live CP entries are
// appended as they arrive. The server renders the frame at its final size (nothing shifts when
// the chart mounts) with a note for readers without JavaScript. The text summary lives here too,
// so that it follows live entries like the chart (a polite live region); the page renders the
// data table beside it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { withLiveEntry, withOwnForecast } from '../../domain/cp-chart-values.ts';
import type { CpChartModel } from '../../domain/view-models/question-page.ts';
import { cpSummarySentences } from '../format/cp-summary.ts';
import { formatDayTime, formatMonth } from '../format/dates.ts';
import { formatPercent, formatValue, NBSP } from '../format/forecast-format.ts';
import { defineIsland } from './island.tsx';
import { type ChartFormat, type ChartHandle, useIslandServices } from './island-services.tsx';

export type ZoomLevel = 'week' | 'month' | 'all';

const DAY = 86_400;

const ZOOMS: Array<{ level: ZoomLevel; label: string; name: string; seconds: number | null }> = [
  { level: 'week', label: '1W', name: 'Last week', seconds: 7 * 86_400 },
  { level: 'month', label: '1M', name: 'Last month', seconds: 30 * 86_400 },
  { level: 'all', label: 'All', name: 'All time', seconds: null },
];

export function chartFormat(model: CpChartModel): ChartFormat {
  const range = model.range;
  return {
    value: (value) =>
      model.kind === 'continuous' && range ? formatValue(range, value) : formatPercent(value),
    tick: (value) =>
      model.kind !== 'continuous' || !range
        ? `${Math.round(value * 100)}${NBSP}%`
        : range.kind === 'date'
          ? formatMonth(new Date(value * 1000))
          : formatValue(range, value),
    time: (seconds) => formatDayTime(new Date(seconds * 1000)),
  };
}

function zoomRange(model: CpChartModel, level: ZoomLevel): [number, number] {
  const end = model.now;
  const first = Math.min(model.times[0] ?? end, model.openTime ?? end);
  const zoom = ZOOMS.find((item) => item.level === level);
  // "All" spans at least a day, so a young question's axis reads in hours, not seconds.
  const from = zoom?.seconds ? Math.max(first, end - zoom.seconds) : Math.min(first, end - DAY);
  return [from, end];
}

export function CpChart({ model: initial }: { model: CpChartModel }) {
  const services = useIslandServices();
  const plot = useRef<HTMLDivElement>(null);
  const handle = useRef<ChartHandle | null>(null);
  const [model, setModel] = useState(initial);
  const [zoom, setZoom] = useState<ZoomLevel>('all');
  const [isDrawn, setDrawn] = useState(false);

  useEffect(() => {
    if (!services?.drawChart || !plot.current) return;
    const chart = services.drawChart(plot.current, initial, chartFormat(initial));
    handle.current = chart;
    setDrawn(true);
    const stopOwn = services.watchOwnForecast(initial.questionId, (event) =>
      setModel((current) => withOwnForecast(current, event.time, event.columns)),
    );
    const stopLive = initial.isLive
      ? services.watchCp(initial.questionId, (event) => {
          const entry = event.entry;
          if (entry) setModel((current) => withLiveEntry(current, entry));
        })
      : () => undefined;
    return () => {
      stopOwn();
      stopLive();
      chart.destroy();
    };
  }, []);

  useEffect(() => {
    handle.current?.update(model);
    handle.current?.zoom(...zoomRange(model, zoom));
  }, [model, zoom]);

  return (
    <div class="cp-chart">
      <fieldset class="chart-toolbar">
        <legend class="visually-hidden">Zoom</legend>
        {ZOOMS.map((item) => (
          <button
            type="button"
            key={item.level}
            class="zoom-button"
            aria-pressed={zoom === item.level ? 'true' : 'false'}
            disabled={!isDrawn}
            onClick={() => setZoom(item.level)}
          >
            {item.label}
            <span class="visually-hidden"> ({item.name.toLowerCase()})</span>
          </button>
        ))}
      </fieldset>
      <div class="chart-plot">
        <div class="chart-canvas" ref={plot} data-points={String(model.times.length)} />
        {isDrawn ? null : (
          <p class="chart-placeholder">
            The chart appears here with JavaScript; the summary and the table below hold the same
            numbers.
          </p>
        )}
      </div>
      <div class="chart-summary" aria-live="polite">
        <h3 class="visually-hidden">Summary</h3>
        {cpSummarySentences(model).map((sentence) => (
          <p key={sentence}>{sentence}</p>
        ))}
      </div>
    </div>
  );
}

export const cpChartIsland = defineIsland('cp-chart', CpChart);
