// The calibration chart island: observed frequency against mean forecast per bin, with the
// Wilson 95 % interval and the diagonal of perfect calibration (uPlot, drawn by the island
// entry's services). The server renders the frame at its final size with a note for readers
// without JavaScript; the page renders the same numbers as a table beside it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { defineIsland } from './island.tsx';
import { type CalibrationPoint, useIslandServices } from './island-services.tsx';

export function CalibrationChart({ bins, label }: { bins: CalibrationPoint[]; label: string }) {
  const services = useIslandServices();
  const plot = useRef<HTMLDivElement>(null);
  const [isDrawn, setDrawn] = useState(false);
  useEffect(() => {
    if (!services?.drawCalibration || !plot.current) return;
    const chart = services.drawCalibration(plot.current, bins);
    setDrawn(true);
    return () => chart.destroy();
  }, []);
  return (
    <figure class="calibration-chart">
      <div class="chart-plot calibration-plot">
        <div class="chart-canvas" ref={plot} role="img" aria-label={label} />
        {isDrawn ? null : (
          <p class="chart-placeholder">
            The chart appears here with JavaScript; the table below holds the same numbers.
          </p>
        )}
      </div>
      <figcaption class="muted">
        Dots: how often events happened, per 10-point bin of forecasts; bars: 95 % interval; the
        diagonal is perfect calibration.
      </figcaption>
    </figure>
  );
}

export const calibrationChartIsland = defineIsland('calibration-chart', CalibrationChart);
