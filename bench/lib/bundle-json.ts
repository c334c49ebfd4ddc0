// A core bundle written back as docs/maths.md §16.1 JSON, to check synthetic data with the real parser.
import type { CoreBundle } from '../../src/core/types.ts';

/** The §16.1 JSON value of a bundle (binary, MC without options_history, or continuous). */
export function bundleToJson(bundle: CoreBundle): Record<string, unknown> {
  const { question } = bundle;
  const questionJson: Record<string, unknown> = {
    id: question.id,
    type: question.type,
    open_time: question.openTime,
    scheduled_close_time: question.scheduledCloseTime,
    actual_close_time: question.actualCloseTime,
    resolution: question.resolution,
    spot_scoring_time: question.spotScoringTime ?? null,
  };
  if (question.type === 'multiple_choice') questionJson.options = question.allOptions;
  const isContinuous = question.rangeMin !== undefined;
  if (isContinuous) {
    Object.assign(questionJson, {
      range_min: question.rangeMin,
      range_max: question.rangeMax,
      zero_point: question.zeroPoint ?? null,
      open_lower_bound: question.openLowerBound,
      open_upper_bound: question.openUpperBound,
      inbound_outcome_count: question.inboundOutcomeCount ?? null,
    });
  }
  const valueField =
    question.type === 'binary'
      ? 'probability_yes'
      : question.type === 'multiple_choice'
        ? 'probability_yes_per_category'
        : 'continuous_cdf';
  const forecasts = bundle.forecasts.map((forecast) => ({
    id: forecast.id,
    user_id: forecast.userId,
    start_time: forecast.startTime,
    end_time: forecast.endTime,
    [valueField]:
      question.type === 'binary'
        ? forecast.values[0]
        : Array.from(forecast.values, (value) => (Number.isNaN(value) ? null : value)),
  }));
  return { question: questionJson, forecasts };
}
