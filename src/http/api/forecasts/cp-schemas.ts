// A forecast and a community-prediction entry as responses show them: shared by the forecasting
// routes and by the question views that embed them (which is why they import no other schema).
import { Type } from '@sinclair/typebox';
import { DateTime, Nullable } from '../kit/schemas.ts';

export const NumberOrNull = Nullable(Type.Number());

export const MethodSchema = Type.Union(
  [Type.Literal('recency_weighted'), Type.Literal('unweighted'), Type.Literal('log_odds_mean')],
  { description: 'CP method (default recency_weighted)' },
);

export const ForecastSchema = Type.Object(
  {
    id: Type.Integer(),
    question_id: Type.Integer(),
    start_time: DateTime(),
    end_time: Nullable(DateTime()),
    probability_yes: Type.Optional(NumberOrNull),
    probability_yes_per_category: Type.Optional(Type.Record(Type.String(), NumberOrNull)),
    continuous_cdf: Type.Optional(Type.Array(Type.Number())),
  },
  { additionalProperties: true },
);

const Vector = Type.Array(NumberOrNull);

export const CpEntrySchema = Type.Object(
  {
    method: MethodSchema,
    seq: Type.Optional(Type.Integer({ description: 'Position in the stored history' })),
    start_time: Type.Optional(DateTime()),
    end_time: Type.Optional(Nullable(DateTime())),
    forecaster_count: Type.Integer(),
    forecast_values: Vector,
    interval_lower_bounds: Vector,
    centers: Vector,
    interval_upper_bounds: Vector,
    means: Nullable(Vector),
    options: Type.Optional(Type.Array(Type.String(), { description: 'MC: labels of the vectors' })),
    scaled_quartiles: Type.Optional(Vector),
    histogram: Type.Optional(Vector),
  },
  { additionalProperties: true },
);
