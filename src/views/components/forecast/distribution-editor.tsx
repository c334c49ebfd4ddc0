// The distribution editor for numeric, date and discrete questions: up to three logistic
// components, each a centre, a spread and a weight. It is a labelled group of plain fields (the
// form posts them as they are, so its default can be submitted without JavaScript), with a
// picture of the resulting density and CDF whose handles drag the same values. The CDF comes
// from domain/forecast-values.ts, exactly as the server will build it.
import {
  type AxisComponent,
  cdfOfAxisComponents,
  componentsFromFields,
  fieldsFromAxis,
  MAX_SPREAD_PERCENT,
  MIN_SPREAD_PERCENT,
  valueAt,
} from '../../../domain/continuous-forecast.ts';
import {
  type ComponentPart,
  componentField,
  componentRows,
} from '../../../domain/forecast-form.ts';
import { MAX_COMPONENTS } from '../../../domain/forecast-values.ts';
import type { ForecastQuestionModel } from '../../../domain/view-models/forecast-panel.ts';
import { continuousSummary, formatPercent, formatValue } from '../../format/forecast-format.ts';
import { FieldError } from '../form-fields.tsx';
import { DistributionPlot, type HandleKind } from './distribution-plot.tsx';

export interface DistributionEditorProps {
  idPrefix: string;
  question: ForecastQuestionModel;
  fields: Record<string, string>;
  errors: Record<string, string>;
  crowd: number[] | null;
  isInteractive: boolean;
  onChange(changes: Record<string, string>): void;
}

const LN3 = Math.log(3);
const TICKS = [0, 0.25, 0.5, 0.75, 1];

function ComponentFields(props: {
  idPrefix: string;
  index: number;
  question: ForecastQuestionModel;
  fields: Record<string, string>;
  errors: Record<string, string>;
  onChange(changes: Record<string, string>): void;
}) {
  const { index, question, fields, errors } = props;
  const range = question.range!;
  const field = (part: ComponentPart, label: string, attributes: Record<string, string>) => {
    const name = componentField(index, part);
    const id = `${props.idPrefix}-${name}`;
    const error = errors[name];
    return (
      <div class="field">
        <label for={id}>{label}</label>
        <input
          {...attributes}
          id={id}
          name={name}
          value={fields[name] ?? ''}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(event) =>
            props.onChange({ [name]: (event.currentTarget as HTMLInputElement).value })
          }
        />
        <FieldError id={`${id}-error`} error={error} />
      </div>
    );
  };
  const unit = range.kind === 'date' ? '' : range.unit ? ` (${range.unit})` : '';
  return (
    <fieldset class="component-fields">
      <legend>Component {index + 1}</legend>
      {field(
        'center',
        `Centre${unit}`,
        range.kind === 'date'
          ? { type: 'date' }
          : { type: 'number', step: range.kind === 'discrete' ? '1' : 'any', inputMode: 'decimal' },
      )}
      {field('spread', 'Spread (% of range)', {
        type: 'number',
        min: String(MIN_SPREAD_PERCENT),
        max: String(MAX_SPREAD_PERCENT),
        step: '0.5',
        inputMode: 'decimal',
      })}
      {field('weight', 'Weight', { type: 'number', min: '1', step: '1', inputMode: 'numeric' })}
    </fieldset>
  );
}

function tailText(cdf: readonly number[], isLowerOpen: boolean, isUpperOpen: boolean): string {
  const parts: string[] = [];
  if (isLowerOpen) parts.push(`${formatPercent(cdf[0])} below the range`);
  if (isUpperOpen) parts.push(`${formatPercent(1 - cdf[cdf.length - 1])} above it`);
  return parts.length > 0 ? `; ${parts.join(', ')}` : '';
}

export function DistributionEditor(props: DistributionEditorProps) {
  const { question, fields, idPrefix } = props;
  const range = question.range;
  if (!range) return null;
  const rows = componentRows(fields);
  const read = componentsFromFields(range, rows);
  const axis: AxisComponent[] = read.ok ? read.axis : [];
  const cdf = read.ok ? cdfOfAxisComponents(question.type, range, axis) : null;
  const summary = cdf ? continuousSummary(range, cdf) : null;
  const hasExtra = rows.slice(1).some((row) => row.center.trim() !== '');

  const move = (index: number, kind: HandleKind, u: number) => {
    const component = axis[index];
    if (!component) return;
    const next =
      kind === 'center'
        ? { ...component, center: u }
        : {
            ...component,
            scale:
              Math.min(
                MAX_SPREAD_PERCENT / 100,
                Math.max(MIN_SPREAD_PERCENT / 100, Math.abs(u - component.center)),
              ) / LN3,
          };
    const shown = fieldsFromAxis(range, next);
    props.onChange({
      [componentField(index, 'center')]: shown.center,
      [componentField(index, 'spread')]: shown.spread,
    });
  };

  const summaryId = `${idPrefix}-distribution-summary`;
  return (
    <fieldset class="distribution-editor" aria-describedby={summaryId}>
      <legend>Your distribution</legend>
      <p class="hint">
        Drag a round handle to move a component, a square one to widen it, or type the values below.
        Up to {MAX_COMPONENTS} components.
      </p>
      <div class="plot-frame">
        <DistributionPlot
          idPrefix={idPrefix}
          range={range}
          mine={cdf}
          crowd={props.crowd}
          components={axis}
          isInteractive={props.isInteractive}
          onMove={move}
        />
        <div class="plot-ticks" aria-hidden="true">
          {TICKS.map((u) => (
            <span key={u}>{formatValue(range, valueAt(range, u))}</span>
          ))}
        </div>
      </div>
      <ul class="plot-legend">
        <li>
          <span class="key key-mine" aria-hidden="true" /> Your density (shaded)
        </li>
        <li>
          <span class="key key-cdf" aria-hidden="true" /> Your cumulative probability (thin line)
        </li>
        {props.crowd ? (
          <li>
            <span class="key key-crowd" aria-hidden="true" /> Community density (dashed)
          </li>
        ) : null}
      </ul>
      <p class="distribution-summary" id={summaryId} aria-live="polite">
        {summary && cdf
          ? `Median ${formatValue(range, summary.median)}; middle 50 %: ${formatValue(range, summary.lower)} to ${formatValue(range, summary.upper)}${tailText(cdf, range.isLowerOpen, range.isUpperOpen)}.`
          : 'Fix the fields below to see the distribution.'}
      </p>
      <ComponentFields {...props} index={0} />
      <details class="more-components" open={hasExtra}>
        <summary>More components (optional)</summary>
        <p class="hint">Fill in a centre to add a component; clear it to remove one.</p>
        {Array.from({ length: MAX_COMPONENTS - 1 }, (_, offset) => (
          <ComponentFields {...props} index={offset + 1} key={offset + 1} />
        ))}
      </details>
    </fieldset>
  );
}
