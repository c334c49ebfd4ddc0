// Request and response shapes of the forecasting routes (validation and the OpenAPI document).
import { type TSchema, Type } from '@sinclair/typebox';
import { MAX_HISTORY_POINTS } from '../../../services/forecasts/get-cp-history.ts';

const Nullable = <T extends TSchema>(schema: T, options: { description?: string } = {}) =>
  Type.Union([schema, Type.Null()], options);

const DateTime = (description?: string) =>
  Type.String({ format: 'date-time', description: description ?? 'RFC 3339 date-time' });

const NumberOrNull = Nullable(Type.Number());

export const QuestionIdParamsSchema = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
});

export const MethodSchema = Type.Union(
  [Type.Literal('recency_weighted'), Type.Literal('unweighted'), Type.Literal('log_odds_mean')],
  { description: 'CP method (default recency_weighted)' },
);

export const ComponentSchema = Type.Object(
  {
    center: Type.Union([Type.Number(), Type.String({ maxLength: 64 })], {
      description:
        "Centre in the question's own units (numeric/discrete: a value; date: unix seconds or an RFC 3339 date-time)",
    }),
    scale: Type.Number({
      exclusiveMinimum: 0,
      description: 'Logistic scale on the unscaled axis, as a fraction of the range (e.g. 0.05)',
    }),
    weight: Type.Number({ exclusiveMinimum: 0, description: 'Relative weight' }),
  },
  { additionalProperties: false },
);

export const ForecastBodySchema = Type.Object(
  {
    probability_yes: Type.Optional(
      Type.Number({ description: 'Binary: P(yes) in [0.001, 0.999]' }),
    ),
    probability_yes_per_category: Type.Optional(
      Type.Record(Type.String({ maxLength: 200 }), NumberOrNull, {
        description:
          'Multiple choice: {label: probability} for every current option, summing to 1 within 1e-9',
        maxProperties: 100,
      }),
    ),
    continuous_cdf: Type.Optional(
      Type.Array(Type.Number(), {
        maxItems: 100_001,
        description: 'Continuous: inbound_outcome_count + 1 CDF values',
      }),
    ),
    components: Type.Optional(
      Type.Array(ComponentSchema, {
        minItems: 1,
        maxItems: 3,
        description: 'Continuous: 1–3 logistic components; the server builds the CDF',
      }),
    ),
    end_time: Type.Optional(DateTime('Auto-withdraw at this instant (at least 1 s from now)')),
    normalize: Type.Optional(
      Type.Boolean({ description: 'Multiple choice: rescale a sum in [0.5, 1.5] to 1' }),
    ),
  },
  { additionalProperties: false },
);

export const ReaffirmBodySchema = Type.Object(
  { end_time: Type.Optional(DateTime('Auto-withdraw at this instant')) },
  { additionalProperties: false },
);

export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'Retries with the same key and body return the first result',
    }),
  ),
});

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

export const ForecastCreatedSchema = Type.Object(
  {
    forecast: ForecastSchema,
    community_prediction: Nullable(CpEntrySchema, { description: 'null while hidden from you' }),
  },
  { additionalProperties: true },
);

export const WithdrawnSchema = Type.Object(
  { community_prediction: Nullable(CpEntrySchema) },
  { additionalProperties: true },
);

export const PageQuerySchema = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});

export const ForecastPageSchema = Type.Object({
  items: Type.Array(ForecastSchema),
  next_cursor: Nullable(Type.String()),
});

export const HistoryQuerySchema = Type.Object({
  method: Type.Optional(MethodSchema),
  points: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_HISTORY_POINTS,
      description: 'Most entries to return (default 400); chosen evenly in time',
    }),
  ),
});

export const HistorySchema = Type.Object({
  question_id: Type.Integer(),
  method: MethodSchema,
  entry_count: Type.Integer({ description: 'Entries stored (full resolution)' }),
  entries: Type.Array(CpEntrySchema),
});

export const MethodQuerySchema = Type.Object({ method: Type.Optional(MethodSchema) });

export const CpAtQuerySchema = Type.Object({
  at: Type.Optional(DateTime('Instant to query (default: now)')),
  method: Type.Optional(MethodSchema),
});

export const CpAtSchema = Type.Object({
  question_id: Type.Integer(),
  at: DateTime(),
  method: MethodSchema,
  community_prediction: Nullable(CpEntrySchema, {
    description: 'null when no forecast is active then',
  }),
});
