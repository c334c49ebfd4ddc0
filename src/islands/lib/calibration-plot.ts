// Draws calibration bins with uPlot (views/components/calibration-chart.tsx asks for it through
// the island services): the diagonal, one point per non-empty bin at (mean forecast, observed
// frequency) and its Wilson 95 % interval as a vertical bar.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { CalibrationPoint } from '../../views/components/island-services.tsx';

const HEIGHT = 280;

function cssVariable(element: HTMLElement, name: string, fallback: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}

export function drawCalibration(
  element: HTMLElement,
  bins: CalibrationPoint[],
): { destroy(): void } {
  const accent = cssVariable(element, '--accent', '#1f4fd1');
  const muted = cssVariable(element, '--muted', '#5a6270');
  const line = cssVariable(element, '--line', '#d9dde3');
  const filled = bins.filter((bin) => bin.meanForecast !== null && bin.count > 0);
  const xs = [0, ...filled.map((bin) => bin.meanForecast as number), 1];
  const diagonal = xs.map((x) => x);
  const observed = [null, ...filled.map((bin) => bin.observedFrequency), null];
  const percent = (value: number) => `${Math.round(value * 100)} %`;
  const drawIntervals = (u: uPlot) => {
    const context = u.ctx;
    context.save();
    context.strokeStyle = accent;
    context.lineWidth = 2 * devicePixelRatio;
    for (const bin of filled) {
      const x = u.valToPos(bin.meanForecast as number, 'x', true);
      const low = u.valToPos(bin.wilsonLower as number, 'y', true);
      const high = u.valToPos(bin.wilsonUpper as number, 'y', true);
      context.beginPath();
      context.moveTo(x, low);
      context.lineTo(x, high);
      context.stroke();
    }
    context.restore();
  };
  const options: uPlot.Options = {
    width: Math.max(element.clientWidth, 200),
    height: HEIGHT,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
    axes: [
      { stroke: muted, grid: { stroke: line, width: 1 }, values: (_u, v) => v.map(percent) },
      { stroke: muted, grid: { stroke: line, width: 1 }, values: (_u, v) => v.map(percent) },
    ],
    series: [
      {},
      { stroke: muted, dash: [6, 4], width: 1, points: { show: false } },
      {
        stroke: accent,
        width: 0,
        points: { show: true, size: 9, fill: accent, stroke: accent },
      },
    ],
    hooks: { draw: [drawIntervals] },
  };
  const plot = new uPlot(options, [xs, diagonal, observed] as uPlot.AlignedData, element);
  const resize = () => plot.setSize({ width: Math.max(element.clientWidth, 200), height: HEIGHT });
  window.addEventListener('resize', resize);
  return {
    destroy() {
      window.removeEventListener('resize', resize);
      plot.destroy();
    },
  };
}
