// The binary control: a labelled percentage field with a slider beside it. The field is the
// form's value (it works without JavaScript); the slider is enabled once the island runs and
// moves with the field both ways. Enter in the field submits the form.
import {
  MAX_PERCENT,
  MIN_PERCENT,
  PROBABILITY_FIELD,
  parsePercent,
} from '../../../domain/forecast-form.ts';
import { FieldError } from '../form-fields.tsx';

export interface BinaryControlProps {
  idPrefix: string;
  value: string;
  error: string | undefined;
  isInteractive: boolean;
  onChange(value: string): void;
}

export function BinaryControl({
  idPrefix,
  value,
  error,
  isInteractive,
  onChange,
}: BinaryControlProps) {
  const id = `${idPrefix}-probability`;
  const percent = parsePercent(value);
  const sliderValue = percent === null ? 50 : Math.min(99, Math.max(1, Math.round(percent)));
  return (
    <div class="field binary-control">
      <label for={id}>Probability of yes (%)</label>
      <div class="binary-inputs">
        <input
          type="range"
          class="probability-slider"
          min="1"
          max="99"
          step="1"
          value={String(sliderValue)}
          aria-label="Slider for the probability of yes"
          aria-valuetext={`${sliderValue} %`}
          aria-controls={id}
          disabled={!isInteractive}
          onInput={(event) => onChange((event.currentTarget as HTMLInputElement).value)}
        />
        <span class="percent-input">
          <input
            type="number"
            id={id}
            name={PROBABILITY_FIELD}
            value={value}
            min={String(MIN_PERCENT)}
            max={String(MAX_PERCENT)}
            step="0.1"
            inputMode="decimal"
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onInput={(event) => onChange((event.currentTarget as HTMLInputElement).value)}
          />
          <span aria-hidden="true">%</span>
        </span>
      </div>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
