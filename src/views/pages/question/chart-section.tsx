// The "Community prediction" section: the live chart (an island) with its text summary and data
// table, and for binary questions the histogram of the forecasts standing now.
import type {
  HistogramModel,
  QuestionPageModel,
} from '../../../domain/view-models/question-page.ts';
import { cpChartIsland } from '../../components/cp-chart.tsx';
import { Island } from '../../components/island.tsx';
import { ScrollableTable } from '../../components/scrollable-table.tsx';
import { cpSummaryTable } from '../../format/cp-summary.ts';

function Histogram({ histogram }: { histogram: HistogramModel }) {
  const top = Math.max(1, ...histogram.counts);
  const width = 100 / histogram.counts.length;
  return (
    <figure class="histogram">
      <figcaption>
        <h3>Current forecasts</h3>
        <p class="muted">
          How the {histogram.total} standing {histogram.total === 1 ? 'forecast' : 'forecasts'}{' '}
          spread over 5-point bins
          {histogram.mineBin === null ? '.' : '; yours is the dark bar.'}
        </p>
      </figcaption>
      <svg
        class="histogram-bars"
        viewBox="0 0 100 40"
        preserveAspectRatio="none"
        aria-hidden="true"
        focusable="false"
      >
        {histogram.counts.map((count, bin) => {
          const height = (count / top) * 38;
          return (
            <rect
              key={bin}
              class={bin === histogram.mineBin ? 'bar bar-mine' : 'bar'}
              x={String(bin * width + 0.4)}
              y={String(40 - height)}
              width={String(width - 0.8)}
              height={String(height)}
            />
          );
        })}
      </svg>
      <div class="histogram-axis" aria-hidden="true">
        <span>0 %</span>
        <span>50 %</span>
        <span>100 %</span>
      </div>
      <details class="data-details">
        <summary>Histogram as a table</summary>
        <ScrollableTable label="Histogram as a table">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">Probability of yes</th>
                <th scope="col">Forecasters</th>
              </tr>
            </thead>
            <tbody>
              {histogram.counts.map((count, bin) => (
                <tr key={bin}>
                  <th scope="row">
                    {bin * 5}–{bin * 5 + 5} %{bin === histogram.mineBin ? ' (yours)' : ''}
                  </th>
                  <td>{count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      </details>
    </figure>
  );
}

export function ChartSection({ model }: { model: QuestionPageModel }) {
  const chart = model.chart;
  if (!chart) {
    const crowd = model.panel.crowd;
    return (
      <p class="muted">
        {crowd.state === 'hidden' && crowd.reason === 'forecast_first'
          ? 'The community prediction and its history show once you have forecast.'
          : 'The community prediction and its history are hidden until the reveal date.'}
      </p>
    );
  }
  const table = cpSummaryTable(chart);
  return (
    <>
      <Island island={cpChartIsland} props={{ model: chart }} class="chart-island" />
      <ChartLegend model={model} />
      {table.rows.length > 0 ? (
        <details class="data-details">
          <summary>History as a table</summary>
          <ScrollableTable label="History as a table">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  {table.headers.map((header) => (
                    <th scope="col" key={header}>
                      {header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row) => (
                  <tr key={row.time}>
                    <th scope="row">{row.time}</th>
                    {row.cells.map((cell, index) => (
                      <td key={index}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollableTable>
        </details>
      ) : null}
      {model.histogram ? <Histogram histogram={model.histogram} /> : null}
    </>
  );
}

/** The key to the chart's lines: swatches with words (dash styles match the chart's). */
function ChartLegend({ model }: { model: QuestionPageModel }) {
  const chart = model.chart!;
  const items =
    chart.kind === 'continuous'
      ? [
          { key: 'key-line', label: 'Median' },
          { key: 'key-band-50', label: 'Middle 50 %' },
          { key: 'key-band-90', label: 'Middle 90 %' },
        ]
      : chart.kind === 'binary'
        ? [{ key: 'key-line', label: 'Community' }]
        : chart.lineLabels.map((label, index) => ({
            key: `key-series series-${index % 8} dash-${index % 8}`,
            label,
          }));
  const hasMine = chart.mine.times.length > 0 || model.panel.access.state === 'open';
  return (
    <ul class="chart-legend">
      {items.map((item) => (
        <li key={item.label}>
          <span class={`key ${item.key}`} aria-hidden="true" /> {item.label}
        </li>
      ))}
      {hasMine ? (
        <li>
          <span class="key key-own" aria-hidden="true" /> Your forecasts (dashed, with points)
        </li>
      ) : null}
    </ul>
  );
}
