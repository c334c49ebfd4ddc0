// Draws a CP chart model with uPlot (views/components/cp-chart.tsx asks for it through the island
// services): step lines for the CP (binary: P(yes); multiple choice: one per option, each with
// its own dash; continuous: the median with its 50 % and 90 % bands), the viewer's forecasts as
// a dashed step line with points, a tooltip, and times in UTC like the rest of the site.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type {
  ChartFormat,
  ChartHandle,
  CpChartModel,
} from '../../views/components/island-services.tsx';

const HEIGHT = 260;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Time-axis ticks in UTC like the rest of the page: "7 Dec", or "14:00" over a short span. */
function timeLabels(splits: number[]): string[] {
  const isShort = (splits[splits.length - 1] ?? 0) - (splits[0] ?? 0) < 2 * 86_400;
  return splits.map((seconds) => {
    const date = new Date(seconds * 1000);
    return isShort
      ? date.toISOString().slice(11, 16)
      : `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
  });
}
const DASHES: number[][] = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 2], [12, 6], [6, 2]];

interface PlotData {
  data: uPlot.AlignedData;
  /** Per own line: the x indices where a forecast of the viewer starts (drawn as points). */
  ownPoints: number[];
}

/** The value of a step series at each of `xs`: the last value at or before x (null before). */
function forwardFill(
  times: number[],
  values: Array<number | null>,
  xs: number[],
): Array<number | null> {
  const out: Array<number | null> = [];
  let cursor = -1;
  for (const x of xs) {
    while (cursor + 1 < times.length && times[cursor + 1] <= x) cursor++;
    out.push(cursor < 0 ? null : (values[cursor] ?? null));
  }
  return out;
}

function plotData(model: CpChartModel): PlotData {
  const xs = [...new Set([...model.times, ...model.mine.times, model.now])].sort((a, b) => a - b);
  const cp = model.series.map((column) => forwardFill(model.times, column, xs));
  const mine = model.mine.series.map((column) => forwardFill(model.mine.times, column, xs));
  // CP entries start where the history says; before the first one there is nothing to draw.
  const ownPoints = model.mine.times.map((time) => xs.indexOf(time));
  return { data: [xs, ...cp, ...mine] as uPlot.AlignedData, ownPoints };
}

function palette(element: HTMLElement): {
  series: string[];
  ink: string;
  muted: string;
  line: string;
  accent: string;
} {
  const style = getComputedStyle(element);
  const variable = (name: string, fallback: string) =>
    style.getPropertyValue(name).trim() || fallback;
  return {
    series: Array.from({ length: 8 }, (_, index) => variable(`--series-${index}`, '#1f4fd1')),
    ink: variable('--ink', '#1a1d23'),
    muted: variable('--muted', '#5a6270'),
    line: variable('--line', '#d9dde3'),
    accent: variable('--accent', '#1f4fd1'),
  };
}

function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (!hex) return color;
  const value = Number.parseInt(hex[1], 16);
  return `rgba(${value >> 16}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

function seriesOptions(
  model: CpChartModel,
  colors: ReturnType<typeof palette>,
  format: ChartFormat,
) {
  const stepped = uPlot.paths.stepped?.({ align: 1 });
  const value = (_: uPlot, v: number | null) => (v === null ? '—' : format.value(v));
  const series: uPlot.Series[] = [{ value: (_, v) => (v === null ? '' : format.time(v)) }];
  if (model.kind === 'continuous') {
    const names = [
      '5th percentile',
      '25th percentile',
      'Median',
      '75th percentile',
      '95th percentile',
    ];
    names.forEach((label, index) => {
      series.push({
        label,
        value,
        paths: stepped,
        stroke: index === 2 ? colors.accent : 'transparent',
        width: index === 2 ? 2 : 0,
        points: { show: false },
      });
    });
  } else {
    model.lineLabels.forEach((label, index) => {
      const color = model.kind === 'binary' ? colors.accent : colors.series[index % 8];
      series.push({
        label: model.kind === 'binary' ? 'Community' : label,
        value,
        paths: stepped,
        stroke: color,
        width: 2,
        dash: model.kind === 'binary' ? [] : DASHES[index % DASHES.length],
        points: { show: false },
      });
    });
  }
  return series;
}

export function drawCpChart(
  element: HTMLElement,
  initial: CpChartModel,
  format: ChartFormat,
): ChartHandle {
  const colors = palette(element);
  let model = initial;
  let prepared = plotData(model);
  const series = seriesOptions(model, colors, format);
  const ownCount = model.mine.series.length;
  for (let index = 0; index < ownCount; index++) {
    const color = model.kind === 'multiple_choice' ? colors.series[index % 8] : colors.ink;
    series.push({
      label: model.kind === 'multiple_choice' ? `You: ${model.lineLabels[index]}` : 'You',
      value: (_, v) => (v === null ? '—' : format.value(v)),
      paths: uPlot.paths.stepped?.({ align: 1 }),
      stroke: color,
      width: 1.5,
      dash: [4, 4],
      points: { show: true, size: 7, fill: color, filter: () => prepared.ownPoints },
    });
  }
  const tooltip = document.createElement('div');
  tooltip.className = 'chart-tooltip';
  tooltip.hidden = true;
  const isProbability = model.kind !== 'continuous';
  const options: uPlot.Options = {
    width: Math.max(element.clientWidth, 200),
    height: HEIGHT,
    series,
    tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { size: 7 } },
    scales: {
      x: { time: true },
      y: isProbability
        ? { range: [0, 1] }
        : { range: (_u, min, max) => [min - (max - min) * 0.05, max + (max - min) * 0.05] },
    },
    bands:
      model.kind === 'continuous'
        ? [
            { series: [5, 1], fill: withAlpha(colors.accent, 0.12) },
            { series: [4, 2], fill: withAlpha(colors.accent, 0.22) },
          ]
        : [],
    axes: [
      {
        stroke: colors.muted,
        grid: { stroke: colors.line, width: 1 },
        ticks: { stroke: colors.line },
        values: (_u, splits) => timeLabels(splits),
      },
      {
        stroke: colors.muted,
        grid: { stroke: colors.line, width: 1 },
        ticks: { stroke: colors.line },
        size: model.kind === 'continuous' ? 90 : 50,
        values: (_u, splits) => splits.map((split) => format.tick(split)),
      },
    ],
    hooks: {
      // The resolution marker: a dashed vertical line at the close, labelled with the outcome.
      draw: [
        (u) => {
          const marker = model.resolutionMarker;
          if (!marker) return;
          const x = u.valToPos(marker.time, 'x', true);
          if (!Number.isFinite(x) || x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = colors.ink;
          ctx.fillStyle = colors.ink;
          ctx.setLineDash([6, 4]);
          ctx.lineWidth = 1.5 * devicePixelRatio;
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.font = `${12 * devicePixelRatio}px sans-serif`;
          ctx.textAlign = 'right';
          ctx.fillText(marker.label, x - 4 * devicePixelRatio, u.bbox.top + 14 * devicePixelRatio);
          ctx.restore();
        },
      ],
      setCursor: [
        (u) => {
          const index = u.cursor.idx;
          if (
            index === null ||
            index === undefined ||
            u.cursor.left === undefined ||
            u.cursor.left < 0
          ) {
            tooltip.hidden = true;
            return;
          }
          const lines = [format.time(u.data[0][index])];
          u.series.forEach((item, seriesIndex) => {
            if (seriesIndex === 0 || item.show === false || item.width === 0) return;
            const y = u.data[seriesIndex][index];
            if (y !== null && y !== undefined) lines.push(`${item.label}: ${format.value(y)}`);
          });
          tooltip.textContent = lines.join('\n');
          tooltip.hidden = false;
          const left = Math.min(u.cursor.left + 12, u.over.clientWidth - tooltip.offsetWidth);
          tooltip.style.left = `${Math.max(0, left)}px`;
          tooltip.style.top = `${(u.cursor.top ?? 0) + 12}px`;
        },
      ],
    },
  };
  const plot = new uPlot(options, prepared.data, element);
  plot.over.appendChild(tooltip);
  const resize = new ResizeObserver(() => {
    plot.setSize({ width: Math.max(element.clientWidth, 200), height: HEIGHT });
  });
  resize.observe(element);
  return {
    update(next) {
      model = next;
      prepared = plotData(model);
      plot.setData(prepared.data, false);
    },
    zoom(from, to) {
      plot.setScale('x', { min: from, max: to });
    },
    destroy() {
      resize.disconnect();
      plot.destroy();
    },
  };
}
