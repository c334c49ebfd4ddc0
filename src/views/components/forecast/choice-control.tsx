// The multiple-choice (scenario set) control: one labelled percentage field per option, a bar
// that shows how they add up towards 100 %, and "Normalise", which rescales them to 100 % (in
// the browser at once; without JavaScript the page route does it and shows the result).
import { optionField, parsePercent, SUM_ERROR } from '../../../domain/forecast-form.ts';
import type { ForecastQuestionModel } from '../../../domain/view-models/forecast-panel.ts';
import { NBSP } from '../../format/forecast-format.ts';
import { FieldError } from '../form-fields.tsx';

export interface ChoiceControlProps {
  idPrefix: string;
  question: ForecastQuestionModel;
  fields: Record<string, string>;
  errors: Record<string, string>;
  onChange(name: string, value: string): void;
}

function totalOf(question: ForecastQuestionModel, fields: Record<string, string>): number {
  return (question.options ?? []).reduce(
    (sum, _, index) => sum + (parsePercent(fields[optionField(index)]) ?? 0),
    0,
  );
}

function sumText(total: number): string {
  const rounded = Number(total.toFixed(1));
  if (Math.abs(rounded - 100) < 0.05) return `Total 100${NBSP}%: ready to save`;
  const gap = Number(Math.abs(100 - total).toFixed(1));
  return rounded < 100
    ? `Total ${rounded}${NBSP}%: ${gap}${NBSP}% left to assign`
    : `Total ${rounded}${NBSP}%: ${gap}${NBSP}% too much`;
}

/** The sum bar: one segment per option, scaled so that 100 % (the marker) always fits. */
function SumBar({
  question,
  fields,
}: {
  question: ForecastQuestionModel;
  fields: Record<string, string>;
}) {
  const total = totalOf(question, fields);
  const scale = Math.max(total, 100);
  let offset = 0;
  return (
    <svg
      class="sum-bar"
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      aria-hidden="true"
      focusable="false"
    >
      <rect class="sum-bar-track" x="0" y="0" width="100" height="10" />
      {(question.options ?? []).map((option, index) => {
        const width = ((parsePercent(fields[optionField(index)]) ?? 0) / scale) * 100;
        const x = offset;
        offset += width;
        return (
          <rect
            key={option.label}
            class={`sum-bar-segment series-${index % 8}`}
            x={String(x)}
            y="0"
            width={String(Math.max(0, width))}
            height="10"
          />
        );
      })}
      <line
        class="sum-bar-mark"
        x1={String(10000 / scale)}
        x2={String(10000 / scale)}
        y1="0"
        y2="10"
      />
    </svg>
  );
}

export function ChoiceControl({
  idPrefix,
  question,
  fields,
  errors,
  onChange,
}: ChoiceControlProps) {
  const total = totalOf(question, fields);
  const sumId = `${idPrefix}-sum`;
  return (
    <fieldset class="choice-control" aria-describedby={sumId}>
      <legend>Your probabilities (%)</legend>
      <div class="choice-rows">
        {(question.options ?? []).map((option, index) => {
          const name = optionField(index);
          const id = `${idPrefix}-${name}`;
          const error = errors[name];
          return (
            <div class="choice-row" key={option.label}>
              <span class={`swatch series-${index % 8}`} aria-hidden="true" />
              <div class="choice-text">
                <label for={id}>{option.label}</label>
                {option.description ? (
                  <details class="option-definition">
                    <summary>
                      Definition<span class="visually-hidden"> of {option.label}</span>
                    </summary>
                    <p>{option.description}</p>
                  </details>
                ) : null}
                <FieldError id={`${id}-error`} error={error} />
              </div>
              <span class="percent-input">
                <input
                  type="number"
                  id={id}
                  name={name}
                  value={fields[name] ?? ''}
                  min="0.1"
                  max="99.9"
                  step="0.1"
                  inputMode="decimal"
                  required
                  aria-invalid={error ? 'true' : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  onInput={(event) =>
                    onChange(name, (event.currentTarget as HTMLInputElement).value)
                  }
                />
                <span aria-hidden="true">%</span>
              </span>
            </div>
          );
        })}
      </div>
      <SumBar question={question} fields={fields} />
      <p class="sum-status" id={sumId} aria-live="polite">
        {sumText(total)}
      </p>
      <FieldError id={`${idPrefix}-sum-error`} error={errors[SUM_ERROR]} />
    </fieldset>
  );
}
