// The distribution editor's picture: the density of the reader's mixture (filled), the crowd's
// (dashed), the reader's CDF (thin line) and, under the curve, a handle per component for its
// centre and one for its spread. Handles are sliders for keyboards and screen readers (arrow
// keys; Shift for bigger steps) and draggable with a pointer; they turn on once the island runs
// (the fields below do the same job without JavaScript).
import { useRef } from 'preact/hooks';
import { type AxisComponent, stepMasses, valueAt } from '../../../domain/continuous-forecast.ts';
import type { ContinuousRangeModel } from '../../../domain/view-models/forecast-panel.ts';
import { formatValue } from '../../format/forecast-format.ts';

const WIDTH = 600;
const HEIGHT = 200;
const TRACK_Y = 186;
const PLOT_BOTTOM = 170;
const LN3 = Math.log(3);

export type HandleKind = 'center' | 'spread';

export interface DistributionPlotProps {
  idPrefix: string;
  range: ContinuousRangeModel;
  mine: number[] | null;
  crowd: number[] | null;
  components: AxisComponent[];
  isInteractive: boolean;
  onMove(index: number, kind: HandleKind, u: number): void;
}

/** Few outcomes (discrete questions) draw as steps; many as a line through each step's middle. */
const MAX_STEPPED = 40;

function densityPath(masses: readonly number[], top: number): string {
  const n = masses.length;
  if (n === 0 || top <= 0) return '';
  const y = (mass: number) => (PLOT_BOTTOM - (mass / top) * (PLOT_BOTTOM - 8)).toFixed(1);
  const x = (position: number) => ((position / n) * WIDTH).toFixed(1);
  let path = `M0 ${PLOT_BOTTOM}`;
  masses.forEach((mass, index) => {
    path +=
      n <= MAX_STEPPED
        ? ` L${x(index)} ${y(mass)} L${x(index + 1)} ${y(mass)}`
        : ` L${x(index + 0.5)} ${y(mass)}`;
  });
  return `${path} L${WIDTH} ${PLOT_BOTTOM} Z`;
}

function cdfPath(cdf: readonly number[]): string {
  const n = cdf.length - 1;
  return cdf
    .map((value, index) => {
      const x = ((index / n) * WIDTH).toFixed(1);
      const y = (PLOT_BOTTOM - value * (PLOT_BOTTOM - 8)).toFixed(1);
      return `${index === 0 ? 'M' : 'L'}${x} ${y}`;
    })
    .join(' ');
}

function clampUnit(u: number): number {
  return Math.min(1, Math.max(0, u));
}

export function DistributionPlot(props: DistributionPlotProps) {
  const svg = useRef<SVGSVGElement>(null);
  const { range, components, isInteractive } = props;
  const mineMasses = props.mine ? stepMasses(props.mine) : [];
  const crowdMasses = props.crowd ? stepMasses(props.crowd) : [];
  const top = Math.max(0, ...mineMasses, ...crowdMasses) * 1.1;

  const positionFromPointer = (event: PointerEvent) => {
    const box = svg.current?.getBoundingClientRect();
    if (!box || box.width === 0) return null;
    return clampUnit((event.clientX - box.left) / box.width);
  };

  const handle = (index: number, kind: HandleKind, component: AxisComponent) => {
    const spreadU = component.scale * LN3;
    const u = kind === 'center' ? component.center : component.center + spreadU;
    const x = clampUnit(u) * WIDTH;
    const label =
      kind === 'center' ? `Centre of component ${index + 1}` : `Spread of component ${index + 1}`;
    const valueText =
      kind === 'center'
        ? formatValue(range, valueAt(range, component.center))
        : `${(spreadU * 100).toFixed(1)} % of the range`;
    const step = (event: KeyboardEvent) => {
      const size = event.shiftKey ? 0.05 : 0.01;
      const moves: Record<string, number> = {
        ArrowRight: size,
        ArrowUp: size,
        ArrowLeft: -size,
        ArrowDown: -size,
      };
      if (event.key in moves) {
        event.preventDefault();
        props.onMove(index, kind, u + moves[event.key]);
      } else if (event.key === 'Home' || event.key === 'End') {
        event.preventDefault();
        props.onMove(index, kind, event.key === 'Home' ? 0 : 1);
      }
    };
    return (
      // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is slider once interactive
      <g
        key={`${kind}-${index}`}
        class={`handle handle-${kind}`}
        role={isInteractive ? 'slider' : undefined}
        // SVG attributes are case-sensitive: `tabindex`, not `tabIndex`.
        tabindex={isInteractive ? 0 : undefined}
        aria-label={isInteractive ? label : undefined}
        aria-valuemin={isInteractive ? 0 : undefined}
        aria-valuemax={isInteractive ? 100 : undefined}
        aria-valuenow={isInteractive ? Math.round(clampUnit(u) * 100) : undefined}
        aria-valuetext={isInteractive ? valueText : undefined}
        aria-hidden={isInteractive ? undefined : 'true'}
        onKeyDown={step}
        onPointerDown={(event) => {
          if (!isInteractive) return;
          (event.currentTarget as Element).setPointerCapture(event.pointerId);
          (event.currentTarget as SVGGElement).focus();
        }}
        onPointerMove={(event) => {
          if (!(event.currentTarget as Element).hasPointerCapture(event.pointerId)) return;
          const position = positionFromPointer(event);
          if (position !== null) props.onMove(index, kind, position);
        }}
      >
        {kind === 'center' ? (
          <>
            <line class="handle-guide" x1={x} x2={x} y1="8" y2={PLOT_BOTTOM} />
            <circle class="handle-ring" cx={x} cy={TRACK_Y} r="11" />
            <circle class="handle-knob" cx={x} cy={TRACK_Y} r="7" />
          </>
        ) : (
          <>
            <rect class="handle-ring" x={x - 9} y={TRACK_Y - 9} width="18" height="18" rx="3" />
            <rect class="handle-knob" x={x - 5} y={TRACK_Y - 5} width="10" height="10" rx="1" />
          </>
        )}
      </g>
    );
  };

  return (
    <svg
      ref={svg}
      class="distribution-plot"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role={isInteractive ? 'group' : undefined}
      aria-label={isInteractive ? 'Handles of the distribution' : undefined}
      aria-hidden={isInteractive ? undefined : 'true'}
      focusable="false"
      id={`${props.idPrefix}-plot`}
    >
      <line class="plot-axis" x1="0" x2={WIDTH} y1={PLOT_BOTTOM} y2={PLOT_BOTTOM} />
      {crowdMasses.length > 0 ? (
        <path class="crowd-density" d={densityPath(crowdMasses, top)} />
      ) : null}
      {mineMasses.length > 0 ? (
        <path class="mine-density" d={densityPath(mineMasses, top)} />
      ) : null}
      {props.mine ? <path class="mine-cdf" d={cdfPath(props.mine)} /> : null}
      <line class="handle-track" x1="0" x2={WIDTH} y1={TRACK_Y} y2={TRACK_Y} />
      {components.map((component, index) => {
        const spreadU = component.scale * LN3;
        return (
          <line
            key={`span-${index}`}
            class="handle-span"
            x1={clampUnit(component.center - spreadU) * WIDTH}
            x2={clampUnit(component.center + spreadU) * WIDTH}
            y1={TRACK_Y}
            y2={TRACK_Y}
          />
        );
      })}
      {components.flatMap((component, index) => [
        handle(index, 'center', component),
        handle(index, 'spread', component),
      ])}
    </svg>
  );
}
